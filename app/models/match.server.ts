import { analyzeDemand, analyzeProduct } from '#app/matching/analyze.ts'
import type { MatchReason } from '#app/matching/reasons.ts'
import { rankProducts, scoreProduct, type ScoredProduct } from '#app/matching/rank.ts'
import {
	loadMatchProducts,
	suggestMatchesForDemand,
	todayIso,
	toMatchDemand,
	type MatchServices,
} from '#app/matching/suggest.server.ts'
import { categoryTerms } from '#app/matching/vocabulary.ts'
import type { Db, DemandRow, MatchStatus } from '#db/schema.ts'
import { chunks } from './organization.server.ts'

/**
 * The `match` table: the suggested matches of each open demand, and the workflow rows people
 * made of them (shortlisted, inquiry sent, quoted, won, lost). A recompute replaces suggestions
 * and refreshes scores and reasons, but never touches a workflow status nor deletes a workflow row.
 * The demand and product writers call these after their transaction commits: the computation
 * talks to Meilisearch, which must never happen inside a SQLite transaction.
 */

/** Suggestions kept per demand. */
export const SUGGESTIONS_PER_DEMAND = 30

const ACTIVE_DEMAND = ['open', 'matched'] as const

export type RecomputeResult = {
	inserted: number
	updated: number
	removed: number
	source: 'search' | 'database' | 'none'
}

function encodeReasons(reasons: MatchReason[]): string {
	return JSON.stringify(reasons)
}

function nowIso(): string {
	return new Date().toISOString()
}

/** Recomputes one demand's suggestions; workflow rows keep their status and get fresh reasons. */
export async function recomputeMatchesForDemand(
	services: MatchServices,
	demandId: number,
	options: { today?: string } = {},
): Promise<RecomputeResult> {
	const today = options.today ?? todayIso()
	const row = await services.db.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirst()
	if (!row) return { inserted: 0, updated: 0, removed: 0, source: 'none' }
	if (!(ACTIVE_DEMAND as readonly string[]).includes(row.status)) {
		// A closed or cancelled demand suggests nothing; what people did with it stays.
		const res = await services.db
			.deleteFrom('match')
			.where('demand_id', '=', demandId)
			.where('status', '=', 'suggested')
			.executeTakeFirst()
		return { inserted: 0, updated: 0, removed: Number(res.numDeletedRows), source: 'none' }
	}
	const demand = toMatchDemand(row)
	const { analysis, matches, recallSource } = await suggestMatchesForDemand(services, demand, {
		limit: SUGGESTIONS_PER_DEMAND,
		today,
	})
	const existing = await services.db
		.selectFrom('match')
		.select(['id', 'product_id', 'status'])
		.where('demand_id', '=', demandId)
		.execute()
	const suggested = new Map(matches.map((m) => [m.product.id, m]))
	// Workflow rows whose product fell out of the list are scored on their own, so their reasons stay current.
	const orphanIds = existing
		.filter((e) => e.status !== 'suggested' && !suggested.has(e.product_id))
		.map((e) => e.product_id)
	const orphans = new Map<number, ScoredProduct>()
	for (const p of await loadMatchProducts(services.db, orphanIds, { publishedOnly: false })) {
		orphans.set(p.id, scoreProduct(analysis, p, { today }))
	}
	const now = nowIso()
	const result: RecomputeResult = { inserted: 0, updated: 0, removed: 0, source: recallSource }
	await services.db.transaction().execute(async (trx) => {
		const have = new Set<number>()
		for (const e of existing) {
			have.add(e.product_id)
			const fresh = suggested.get(e.product_id) ?? orphans.get(e.product_id)
			if (!fresh) {
				if (e.status === 'suggested') {
					await trx.deleteFrom('match').where('id', '=', e.id).execute()
					result.removed++
				}
				continue
			}
			await trx
				.updateTable('match')
				.set({ score: fresh.score, reasons: encodeReasons(fresh.reasons), computed_at: now, updated_at: now })
				.where('id', '=', e.id)
				.execute()
			result.updated++
		}
		for (const m of matches) {
			if (have.has(m.product.id)) continue
			await trx
				.insertInto('match')
				.values({
					demand_id: demandId,
					product_id: m.product.id,
					score: m.score,
					reasons: encodeReasons(m.reasons),
					computed_at: now,
				})
				.execute()
			result.inserted++
		}
	})
	return result
}

/**
 * Re-scores one product against the open demands it may concern — those of its category, the
 * uncategorised ones whose text names it, and those it already has rows with — and updates each
 * demand's suggestions in place: in when it beats the weakest suggestion, out when it no longer
 * qualifies (unpublished, below the energy floor, too weak). No recall per demand: it is the one
 * product that changed.
 */
export async function recomputeMatchesForProduct(
	services: MatchServices,
	productId: number,
	options: { today?: string } = {},
): Promise<RecomputeResult> {
	const today = options.today ?? todayIso()
	const db = services.db
	const result: RecomputeResult = { inserted: 0, updated: 0, removed: 0, source: 'database' }
	const [product] = await loadMatchProducts(db, [productId])
	const rows = await db
		.selectFrom('match')
		.select(['id', 'demand_id', 'status'])
		.where('product_id', '=', productId)
		.execute()
	if (!product) {
		// Unpublished, archived or gone: its suggestions go, workflow rows stay as they are.
		const res = await db
			.deleteFrom('match')
			.where('product_id', '=', productId)
			.where('status', '=', 'suggested')
			.executeTakeFirst()
		result.removed = Number(res.numDeletedRows)
		return result
	}
	const productAnalysis = analyzeProduct(product)
	const demandIds = new Set<number>(rows.map((r) => r.demand_id))
	for (const id of await candidateDemandIds(db, product.categoryKey)) demandIds.add(id)
	const demands: DemandRow[] = []
	for (const chunk of chunks([...demandIds], 500)) {
		// By primary key alone, the status checked here (see listPublicProductsByIds).
		const rows = await db.selectFrom('demand').selectAll().where('id', 'in', chunk).execute()
		demands.push(...rows.filter((r) => (ACTIVE_DEMAND as readonly string[]).includes(r.status)))
	}
	const existingByDemand = new Map(rows.map((r) => [r.demand_id, r]))
	const weakest = await weakestSuggestions(
		db,
		demands.map((d) => d.id),
	)
	const now = nowIso()
	await db.transaction().execute(async (trx) => {
		for (const row of demands) {
			const analysis = analyzeDemand(toMatchDemand(row))
			const qualified = rankProducts(analysis, [product], { today }, new Map([[product.id, productAnalysis]]))[0]
			const current = existingByDemand.get(row.id)
			if (current) {
				if (qualified || current.status !== 'suggested') {
					const scored = qualified ?? scoreProduct(analysis, product, { today }, productAnalysis)
					await trx
						.updateTable('match')
						.set({ score: scored.score, reasons: encodeReasons(scored.reasons), computed_at: now, updated_at: now })
						.where('id', '=', current.id)
						.execute()
					result.updated++
				} else {
					await trx.deleteFrom('match').where('id', '=', current.id).execute()
					result.removed++
				}
				continue
			}
			if (!qualified) continue
			const w = weakest.get(row.id)
			if (w && w.count >= SUGGESTIONS_PER_DEMAND && qualified.score <= w.minScore) continue
			await trx
				.insertInto('match')
				.values({
					demand_id: row.id,
					product_id: product.id,
					score: qualified.score,
					reasons: encodeReasons(qualified.reasons),
					computed_at: now,
				})
				.execute()
			result.inserted++
			if (w && w.count >= SUGGESTIONS_PER_DEMAND && w.minId != null) {
				await trx.deleteFrom('match').where('id', '=', w.minId).where('status', '=', 'suggested').execute()
				result.removed++
			}
		}
	})
	return result
}

/**
 * Open demands a product of this category may fit: filed under it, or uncategorised with one of the
 * category's words in their text (the analysis then infers the category; the rest cannot match).
 */
async function candidateDemandIds(db: Db, category: string): Promise<number[]> {
	const words = categoryTerms(category, 2).slice(0, 16)
	const rows = await db
		.selectFrom('demand')
		.select('id')
		.where('status', 'in', [...ACTIVE_DEMAND])
		.where((eb) =>
			eb.or([
				eb('category_key', '=', category),
				eb.and([
					eb('category_key', 'is', null),
					eb.or(words.flatMap((w) => [eb('title', 'like', `%${w}%`), eb('description', 'like', `%${w}%`)])),
				]),
			]),
		)
		.execute()
	return rows.map((r) => r.id)
}

async function weakestSuggestions(
	db: Db,
	demandIds: number[],
): Promise<Map<number, { count: number; minScore: number; minId: number | null }>> {
	const out = new Map<number, { count: number; minScore: number; minId: number | null }>()
	for (const chunk of chunks(demandIds, 500)) {
		const rows = await db
			.selectFrom('match')
			.select(['id', 'demand_id', 'score'])
			.where('demand_id', 'in', chunk)
			.where('status', '=', 'suggested')
			.execute()
		for (const r of rows) {
			const cur = out.get(r.demand_id) ?? { count: 0, minScore: Number.POSITIVE_INFINITY, minId: null }
			cur.count++
			if (r.score < cur.minScore) {
				cur.minScore = r.score
				cur.minId = r.id
			}
			out.set(r.demand_id, cur)
		}
	}
	return out
}

export type StoredMatch = {
	id: number
	demandId: number
	productId: number
	score: number
	reasons: MatchReason[]
	status: MatchStatus
	computedAt: string
}

/** A demand's stored matches, best first (the page's list; workflow rows included). */
export async function listMatchesForDemand(db: Db, demandId: number): Promise<StoredMatch[]> {
	const rows = await db
		.selectFrom('match')
		.selectAll()
		.where('demand_id', '=', demandId)
		.orderBy('score', 'desc')
		.orderBy('id')
		.execute()
	return rows.map((r) => ({
		id: r.id,
		demandId: r.demand_id,
		productId: r.product_id,
		score: r.score,
		reasons: safeReasons(r.reasons),
		status: r.status,
		computedAt: r.computed_at,
	}))
}

function safeReasons(text: string): MatchReason[] {
	try {
		const v = JSON.parse(text) as unknown
		return Array.isArray(v) ? (v as MatchReason[]) : []
	} catch {
		return []
	}
}

/**
 * After a product is approved (or otherwise changes what it can match): update the demands it fits.
 * Runs after the product's transaction commits; a failure is logged, never undoes the change —
 * the next recompute of either side catches up.
 */
export async function refreshProductMatches(services: MatchServices, productId: number): Promise<void> {
	try {
		await recomputeMatchesForProduct(services, productId)
	} catch (error) {
		console.error(
			JSON.stringify({ level: 'error', event: 'product.matches_failed', productId, message: (error as Error).message }),
		)
	}
}

/**
 * Suggestions for every active demand that has none yet — the demands of an import or of the demo
 * seed, which were written without the web forms that trigger a recompute.
 */
export async function recomputeMissingMatches(
	services: MatchServices,
	options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
	const rows = await services.db
		.selectFrom('demand')
		.select('id')
		.where('status', 'in', [...ACTIVE_DEMAND])
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('match').select('match.id').whereRef('match.demand_id', '=', 'demand.id'))),
		)
		.orderBy('id')
		.execute()
	for (const [i, row] of rows.entries()) {
		await recomputeMatchesForDemand(services, row.id)
		options.onProgress?.(i + 1, rows.length)
	}
	return rows.length
}
