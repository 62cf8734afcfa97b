import { indicativeMonthlyPayment } from '#app/leasing/compare.ts'
import type { Search } from '#app/search/client.server.ts'
import { createFilterBuilder } from '#app/search/filters.ts'
import type { Db, DemandRow, LeasingProgramRow } from '#db/schema.ts'
import {
	analyzeDemand,
	analyzeProduct,
	type DemandAnalysis,
	type MatchDemand,
	type MatchProduct,
	type ProductAnalysis,
} from './analyze.ts'
import { formatReason, type MatchReason, type ReasonLang } from './reasons.ts'
import { daysBetween, isRelatedCategory, meetsEnergyFloor, rankProducts, type ScoredProduct } from './rank.ts'
import { recallProducts } from './recall.server.ts'
import { categoryTerms } from './vocabulary.ts'

/**
 * The matching services: recall (Meilisearch) → load from SQLite (the source of truth, so a stale
 * index never shows what is gone) → re-rank (pure). The CLI, the API route and the match table all
 * go through here, so they can't drift apart.
 */

export type MatchServices = { db: Db; search: Search }

/** Today as an ISO date in the zone's time (Tianjin, UTC+8): the only clock read of the matcher. */
export function todayIso(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now)
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
	if (!text) return fallback
	try {
		return JSON.parse(text) as T
	} catch {
		return fallback
	}
}

/** A demand row as the matcher reads it. */
export function toMatchDemand(row: DemandRow): MatchDemand {
	const specs = parseJson<Record<string, unknown>>(row.key_specs, {})
	return {
		id: row.id,
		ref: row.ref,
		organizationId: row.organization_id,
		title: row.title,
		description: row.description,
		categoryKey: row.category_key,
		keySpecs: Object.fromEntries(Object.entries(specs).filter((e): e is [string, string] => typeof e[1] === 'string')),
		quantity: row.quantity,
		budgetMin: row.budget_min,
		budgetMax: row.budget_max,
		neededBy: row.needed_by,
		minEnergyGrade: row.min_energy_grade,
		preferInZone: row.prefer_in_zone === 1,
		financing: row.financing,
		oldName: row.old_name,
	}
}

/**
 * A bounded memo: analyses are pure functions of a record's content, so a hot path (商机 reads
 * hundreds of demands) parses each record once per change. The key is the record's id and a hash
 * of exactly the fields the analysis reads — not updated_at, which a writer might forget to bump.
 * Oldest entries go first.
 */
function createMemo<V>(max: number) {
	const entries = new Map<string, V>()
	return (key: string | null, make: () => V): V => {
		if (key === null) return make()
		const hit = entries.get(key)
		if (hit !== undefined) return hit
		const value = make()
		if (entries.size >= max) entries.delete(entries.keys().next().value as string)
		entries.set(key, value)
		return value
	}
}

function contentKey(id: number | undefined, parts: unknown[]): string | null {
	if (id == null) return null
	const text = JSON.stringify(parts)
	let h = 0x811c9dc5
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
	return `${id}:${h.toString(36)}:${text.length}`
}

const productAnalysisMemo = createMemo<ProductAnalysis>(50_000)
const demandAnalysisMemo = createMemo<DemandAnalysis>(50_000)

/** A product's analysis, memoised by content. */
export function productAnalysisOf(p: MatchProduct): ProductAnalysis {
	const key = contentKey(p.id, [p.name, p.model, p.brand, p.description, p.specs, p.tags])
	return productAnalysisMemo(key, () => analyzeProduct(p))
}

/** A demand's analysis, memoised by content. */
export function demandAnalysisOf(d: MatchDemand): DemandAnalysis {
	const key = contentKey(d.id, [
		d.title,
		d.description,
		d.categoryKey,
		d.keySpecs,
		d.quantity,
		d.budgetMin,
		d.budgetMax,
		d.neededBy,
		d.minEnergyGrade,
		d.preferInZone,
	])
	return demandAnalysisMemo(key, () => analyzeDemand(d))
}

type ProductWithOrg = MatchProduct & { area: string | null }

/** Published products of verified makers, by id, with the maker's in-zone flag: nothing else ever matches. */
export async function loadMatchProducts(
	db: Db,
	ids: number[],
	options: { publishedOnly?: boolean } = {},
): Promise<ProductWithOrg[]> {
	if (ids.length === 0) return []
	const out: ProductWithOrg[] = []
	for (let i = 0; i < ids.length; i += 500) {
		let q = db
			.selectFrom('product')
			.innerJoin('organization', 'organization.id', 'product.organization_id')
			.select([
				'product.id',
				'product.ref',
				'product.organization_id',
				'product.kind',
				'product.category_key',
				'product.name',
				'product.model',
				'product.brand',
				'product.description',
				'product.specs',
				'product.energy_grade',
				'product.price_min',
				'product.price_max',
				'product.lead_time_days',
				'product.tags',
				'organization.in_zone',
				'organization.area',
			])
			.where('product.id', 'in', ids.slice(i, i + 500))
		if (options.publishedOnly !== false)
			q = q.where('product.status', '=', 'published').where('organization.status', '=', 'verified')
		for (const r of await q.execute()) {
			const specs = parseJson<Record<string, unknown>>(r.specs, {})
			out.push({
				id: r.id,
				ref: r.ref,
				organizationId: r.organization_id,
				kind: r.kind,
				categoryKey: r.category_key,
				name: r.name,
				model: r.model,
				brand: r.brand,
				description: r.description,
				specs: Object.fromEntries(Object.entries(specs).filter((e): e is [string, string] => typeof e[1] === 'string')),
				energyGrade: r.energy_grade,
				priceMin: r.price_min,
				priceMax: r.price_max,
				leadTimeDays: r.lead_time_days,
				tags: parseJson<string[]>(r.tags, []),
				inZone: r.in_zone === 1,
				area: r.area,
			})
		}
	}
	return out
}

export type DemandMatches = {
	analysis: DemandAnalysis
	matches: ScoredProduct[]
	/** 'database' when Meilisearch could not be reached and the category in SQLite was used. */
	recallSource: 'search' | 'database'
	recalled: number
}

/** Ranked, explained product matches for one demand (persisted or not). */
export async function suggestMatchesForDemand(
	services: MatchServices,
	demand: MatchDemand,
	options: { limit?: number; today?: string } = {},
): Promise<DemandMatches> {
	const analysis = demandAnalysisOf(demand)
	const recall = await recallProducts(services, analysis)
	const products = await loadMatchProducts(services.db, recall.ids)
	const areas = new Map(products.map((p) => [p.organizationId, p.area]))
	const analyses = new Map(products.map((p) => [p.id, productAnalysisOf(p)]))
	const matches = rankProducts(
		analysis,
		products,
		{ today: options.today ?? todayIso(), limit: options.limit ?? 20, areaOf: (id) => areas.get(id) ?? null },
		analyses,
	)
	return { analysis, matches, recallSource: recall.source, recalled: recall.ids.length }
}

// ───────────────────────────── leasing ─────────────────────────────

export type ProgramSuggestion = {
	program: { id: number; ref: string; name: string; organizationId: number }
	score: number
	/** Financed amount the payment was computed on, yuan. */
	amount: number
	termMonths: number
	annualRate: number
	/** Indicative monthly payment in yuan (annuity in arrears at the programme's lowest rate). */
	monthlyPayment: number | null
}

/** The lease term we quote: three years where the programme allows, else the nearest it offers. */
export const DEFAULT_LEASE_TERM_MONTHS = 36

/**
 * Active leasing programmes covering the demand's (inferred) category whose amount range takes the
 * amount to finance: the budget ceiling, or — without a budget — the median of the matched
 * products' lowest prices times the quantity.
 */
export async function suggestProgramsForDemand(
	services: Pick<MatchServices, 'db'>,
	demand: MatchDemand,
	options: { analysis?: DemandAnalysis; matches?: ScoredProduct[]; today?: string } = {},
): Promise<ProgramSuggestion[]> {
	const analysis = options.analysis ?? analyzeDemand(demand)
	const category = analysis.category?.key
	if (!category) return []
	// Only programmes a buyer could act on: active, of a verified lessor.
	const rows = await services.db
		.selectFrom('leasing_program')
		.selectAll('leasing_program')
		.innerJoin('organization', 'organization.id', 'leasing_program.organization_id')
		.where('leasing_program.status', '=', 'active')
		.where('organization.status', '=', 'verified')
		.execute()
	const amount = financedAmount(analysis, options.matches ?? [])
	const out: ProgramSuggestion[] = []
	for (const row of rows) {
		const suggestion = scoreProgram(row, category, amount, demand.neededBy, options.today ?? todayIso())
		if (suggestion) out.push(suggestion)
	}
	return out.sort((a, b) => b.score - a.score || a.program.ref.localeCompare(b.program.ref))
}

function financedAmount(analysis: DemandAnalysis, matches: ScoredProduct[]): number | null {
	if (analysis.budget) return analysis.budget.max
	const prices = matches
		.map((m) => m.product.priceMin)
		.filter((p): p is number => p != null)
		.sort((a, b) => a - b)
	if (prices.length === 0) return null
	return prices[Math.floor(prices.length / 2)]! * analysis.quantity.value
}

function scoreProgram(
	row: LeasingProgramRow,
	category: string,
	amount: number | null,
	neededBy: string | null,
	today: string,
): ProgramSuggestion | null {
	const categories = parseJson<string[]>(row.categories, [])
	const exact = categories.includes(category)
	if (!exact && !categories.some((c) => isRelatedCategory(c, category))) return null
	let amountFit = 0.5
	if (amount != null) {
		if (amount >= row.amount_min && amount <= row.amount_max) amountFit = 1
		else if (amount < row.amount_min) return null
		else amountFit = 0.3 // above the ceiling: the programme covers part of it
	}
	const rate = row.rate_min ?? row.rate_max ?? 0.06
	// Lower rates matter, but less than covering the category and the amount.
	const rateFit = Math.max(0, Math.min(1, (0.09 - rate) / 0.06))
	const termMonths = leaseTerm(row, neededBy, today)
	const financed = amount == null ? null : Math.min(amount, row.amount_max) * (1 - (row.down_payment_min ?? 0))
	const fen =
		financed == null
			? null
			: indicativeMonthlyPayment({ amountFen: Math.round(financed * 100), termMonths, annualRate: rate })
	const score = Math.round(((exact ? 0.5 : 0.2) + 0.3 * amountFit + 0.2 * rateFit) * 1000) / 1000
	return {
		program: { id: row.id, ref: row.ref, name: row.name, organizationId: row.organization_id },
		score,
		amount: financed == null ? 0 : Math.round(financed),
		termMonths,
		annualRate: rate,
		monthlyPayment: fen == null ? null : Math.round(fen) / 100,
	}
}

/**
 * Three years within the programme's range; when the equipment is needed sooner than a year, the
 * shortest term the programme offers (a short-horizon buyer is usually bridging a budget cycle).
 */
function leaseTerm(row: LeasingProgramRow, neededBy: string | null, today: string): number {
	const min = row.term_months_min ?? 12
	const max = row.term_months_max ?? 60
	let term = DEFAULT_LEASE_TERM_MONTHS
	if (neededBy && daysBetween(today, neededBy) < 365) term = min
	return Math.max(min, Math.min(max, term))
}

// ───────────────────────────── the contract ─────────────────────────────

export type ContractReason = MatchReason & { text: string }
export type DemandMatchReport = {
	demand: string
	matches: Array<{ product: string; score: number; reasons: ContractReason[] }>
	leasing: Array<{
		program: string
		score: number
		monthlyPayment: number | null
		termMonths: number
		annualRate: number
		amount: number
	}>
}

/** Looks a demand up by its ref. */
export async function getMatchDemandByRef(
	db: Db,
	ref: string,
): Promise<(MatchDemand & { id: number; organizationId: number; status: string }) | undefined> {
	const row = await db.selectFrom('demand').selectAll().where('ref', '=', ref).executeTakeFirst()
	if (!row) return undefined
	return { ...toMatchDemand(row), id: row.id, organizationId: row.organization_id, status: row.status }
}

/**
 * The ranked list of the CLI contract and of GET /api/v1/demands/:ref/matches — one function, so
 * the two cannot drift. Undefined when no demand has that ref.
 */
export async function buildDemandMatchReport(
	services: MatchServices,
	ref: string,
	options: { limit?: number; today?: string; lang?: ReasonLang } = {},
): Promise<DemandMatchReport | undefined> {
	const demand = await getMatchDemandByRef(services.db, ref)
	if (!demand) return undefined
	const today = options.today ?? todayIso()
	const lang = options.lang ?? 'zh-CN'
	const { analysis, matches } = await suggestMatchesForDemand(services, demand, { limit: options.limit ?? 10, today })
	const programs = await suggestProgramsForDemand(services, demand, { analysis, matches, today })
	return {
		demand: demand.ref,
		matches: matches.map((m) => ({
			product: m.product.ref,
			score: m.score,
			reasons: m.reasons.map((r) => ({ ...r, text: formatReason(r, lang) })),
		})),
		leasing: programs.slice(0, 5).map((p) => ({
			program: p.program.ref,
			score: p.score,
			monthlyPayment: p.monthlyPayment,
			termMonths: p.termMonths,
			annualRate: p.annualRate,
			amount: p.amount,
		})),
	}
}

// ───────────────────────────── 商机 for a maker ─────────────────────────────

export type DemandOpportunity = {
	demand: {
		id: number
		ref: string
		title: string
		categoryKey: string | null
		neededBy: string | null
		organizationId: number
	}
	/** The maker's product that fits the demand best. */
	product: { id: number; ref: string; name: string }
	score: number
	/** Budget figures are private to the buyer: their reasons carry the verdict only. */
	reasons: MatchReason[]
}

/** Budgets are private (DESIGN.md): a supplier sees whether the price fits, never the figure. */
export function redactForSupplier(reasons: MatchReason[]): MatchReason[] {
	return reasons.map((r) => {
		if (r.factor !== 'budget') return r
		if (r.code === 'budget.unknown') return r
		return { ...r, code: 'budget.private', params: { inferred: r.params.inferred ?? false } }
	})
}

const demandFilter = createFilterBuilder(['category'] as const)

/** Open demands whose recall runs per category: at most this many per maker category. */
const DEMANDS_PER_CATEGORY = 60

/**
 * 商机: open demands that fit the maker's published products, best first, each with the product
 * that fits best and the same reasons a buyer sees (budget figures withheld).
 */
export async function suggestDemandsForMaker(
	services: MatchServices,
	organizationId: number,
	options: { limit?: number; today?: string } = {},
): Promise<DemandOpportunity[]> {
	const limit = options.limit ?? 20
	const today = options.today ?? todayIso()
	const ids = (
		await services.db
			.selectFrom('product')
			.select('id')
			.where('organization_id', '=', organizationId)
			.where('status', '=', 'published')
			.execute()
	).map((r) => r.id)
	const products = await loadMatchProducts(services.db, ids)
	if (products.length === 0) return []
	const analyses = new Map<number, ProductAnalysis>(products.map((p) => [p.id, productAnalysisOf(p)]))
	const byCategory = new Map<string, ProductWithOrg[]>()
	for (const p of products) byCategory.set(p.categoryKey, [...(byCategory.get(p.categoryKey) ?? []), p])

	const demandIds = await recallDemands(services, [...byCategory.keys()])
	const demands = await loadOpenDemands(services.db, demandIds)
	const out: DemandOpportunity[] = []
	for (const demand of demands) {
		if (demand.organizationId === organizationId) continue
		const analysis = demandAnalysisOf(demand)
		const inCategory = analysis.category ? (byCategory.get(analysis.category.key) ?? []) : products
		if (inCategory.length === 0) continue
		const candidates = shortlistForDemand(analysis, inCategory, analyses)
		const ranked = rankProducts(analysis, candidates, { today, limit: 1 }, analyses)
		const best = ranked[0]
		if (!best) continue
		out.push({
			demand: {
				id: demand.id!,
				ref: demand.ref,
				title: demand.title,
				categoryKey: demand.categoryKey,
				neededBy: demand.neededBy,
				organizationId: demand.organizationId!,
			},
			product: { id: best.product.id, ref: best.product.ref, name: best.product.name },
			score: best.score,
			reasons: redactForSupplier(best.reasons),
		})
	}
	out.sort((a, b) => b.score - a.score || a.demand.ref.localeCompare(b.demand.ref))
	return out.slice(0, limit)
}

/** Products fully scored per demand in the 商机 list; the rest cannot be the maker's best fit. */
const MAKER_SHORTLIST = 8

/**
 * A maker with hundreds of products in a category needs only its best one per demand: a cheap
 * pre-sort (distance of the headline figure, then whether the budget pays for it) picks the few
 * worth the full score.
 */
function shortlistForDemand(
	analysis: DemandAnalysis,
	products: ProductWithOrg[],
	analyses: Map<number, ProductAnalysis>,
): ProductWithOrg[] {
	const floor = analysis.energyFloor?.value ?? null
	const eligible = products.filter((p) => meetsEnergyFloor(p, floor))
	if (eligible.length <= MAKER_SHORTLIST) return eligible
	const wanted = analysis.specs[0]
	const target = wanted ? (wanted.min + wanted.max) / 2 : null
	const perUnit = analysis.budget ? analysis.budget.max / analysis.quantity.value : null
	const keyed = eligible.map((p) => {
		let distance = 1
		if (wanted && target) {
			const offered = analyses.get(p.id)?.specs.find((v) => v.dimension === wanted.dimension)
			if (offered) distance = Math.min(1, Math.abs((offered.min + offered.max) / 2 - target) / target)
		}
		const over = perUnit != null && p.priceMin != null && p.priceMin > perUnit ? 1 : 0
		return { p, key: distance + over }
	})
	keyed.sort((a, b) => a.key - b.key)
	return keyed.slice(0, MAKER_SHORTLIST).map((k) => k.p)
}

/**
 * Open demands for a set of categories: those filed under them, and uncategorised ones whose text
 * names them (the re-rank infers their category). Meilisearch first; SQLite when it is down.
 */
async function recallDemands(services: MatchServices, categories: string[]): Promise<number[]> {
	const indexUid = services.search.indexName('demands')
	try {
		const queries = categories.slice(0, 12).flatMap((c) => [
			{
				indexUid,
				q: '',
				filter: [demandFilter.eq('category', c)],
				limit: DEMANDS_PER_CATEGORY,
				attributesToRetrieve: ['id'],
			},
			{
				indexUid,
				q: categoryTerms(c, 3).slice(0, 6).join(' '),
				filter: ['category IS NULL'],
				limit: 20,
				attributesToRetrieve: ['id'],
				matchingStrategy: 'frequency' as const,
			},
		])
		const { results } = await services.search.client.multiSearch({ queries })
		return [...new Set(results.flatMap((r) => r.hits.map((h) => Number(h.id))).filter(Number.isInteger))]
	} catch (error) {
		if (process.env.NODE_ENV !== 'test')
			console.warn(`demand recall fell back to the database: ${(error as Error).message}`)
		return recallDemandsFromDatabase(services.db, categories)
	}
}

/** Open demands of the categories, plus uncategorised ones whose text names one of them. */
export async function recallDemandsFromDatabase(
	db: Db,
	categories: string[],
	limitPerCategory = DEMANDS_PER_CATEGORY,
): Promise<number[]> {
	const ids: number[] = []
	for (const c of categories) {
		const rows = await db
			.selectFrom('demand')
			.select('id')
			.where('status', '=', 'open')
			.where('category_key', '=', c)
			.orderBy('published_at', 'desc')
			.limit(limitPerCategory)
			.execute()
		ids.push(...rows.map((r) => r.id))
		const terms = categoryTerms(c, 3).slice(0, 6)
		if (terms.length === 0) continue
		const loose = await db
			.selectFrom('demand')
			.select('id')
			.where('status', '=', 'open')
			.where('category_key', 'is', null)
			.where((eb) => eb.or(terms.flatMap((t) => [eb('title', 'like', `%${t}%`), eb('description', 'like', `%${t}%`)])))
			.limit(50)
			.execute()
		ids.push(...loose.map((r) => r.id))
	}
	return [...new Set(ids)]
}

async function loadOpenDemands(db: Db, ids: number[]): Promise<MatchDemand[]> {
	const out: MatchDemand[] = []
	for (let i = 0; i < ids.length; i += 500) {
		// By primary key alone (see listPublicProductsByIds): `status` in the WHERE clause can make
		// SQLite walk demand_status_idx over every open demand instead.
		const rows = await db.selectFrom('demand').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()
		out.push(...rows.filter((r) => r.status === 'open').map(toMatchDemand))
	}
	return out
}
