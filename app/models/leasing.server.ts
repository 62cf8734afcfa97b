import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { compareOffers, leaseRates, type LeaseRates, type OfferComparison } from '#app/leasing/compare.ts'
import { buildLeaseSchedule, type LeaseSchedule, type LeaseTerms } from '#app/leasing/schedule.ts'
import { analyzeDemand, type DemandAnalysis } from '#app/matching/analyze.ts'
import { daysBetween, isRelatedCategory } from '#app/matching/rank.ts'
import { suggestProgramsForDemand, toMatchDemand } from '#app/matching/suggest.server.ts'
import type { Search } from '#app/search/client.server.ts'
import { createFilterBuilder } from '#app/search/filters.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import { analyzeQuery } from '#app/search/synonyms.ts'
import type { Db, DemandRow, LeaseOfferRow, LeasingProgramRow, OrganizationRow } from '#db/schema.ts'
import type { LinkMeta } from './account.server.ts'
import { recordAudit } from './audit.server.ts'
import {
	offerTerms,
	type LeaseStructureKey,
	type OfferInput,
	type OfferStatus,
	type ProgramInput,
	type ProgramStatus,
} from './leasing.schema.ts'
import { queueEmail } from './mail.server.ts'
import { notify, type NotificationKind, type NotificationPayload } from './notification.server.ts'
import { isPublicOrganizationRow, parseJsonStrings } from './organization.server.ts'
import { isCategoryKey, type CategoryKey } from './taxonomy.ts'

/**
 * Financial leasing (融资租赁): lessors' programmes, the leasing demands that fit them, offers with
 * their computed payment schedules, and the enterprise's request / accept / decline. The
 * arithmetic is app/leasing (ADR 0004); the workflow and its privacy rules are ADR 0007.
 *
 * Privacy: a lessor sees a demand's public fields (as the public demand list does) until the
 * enterprise asks it for an offer or accepts one of its offers — a lease_request row — and only
 * then the budget, the enterprise's name and its contacts. Offers are read only by the lessor that
 * sent them, the enterprise that owns the demand, and admins. Every change writes its audit row
 * (R29) in the same transaction as the change, its notifications and its e-mails (R24).
 */

export type LeasingServices = { db: Db; search: Search }

/** Who acts, for the audit trail and the links in e-mails. */
export type LeasingActor = LinkMeta & { userId: number; orgId: number }

/** What a model call refuses; `field` errors belong next to a form field, the rest above the form. */
export type LeasingError = { kind: 'notFound' } | { kind: 'form'; message: string; field?: string; status: 400 | 409 }

export type LeasingResult<T = object> = ({ ok: true } & T) | ({ ok: false } & LeasingError)

const NOT_FOUND = { ok: false, kind: 'notFound' } as const

function formError(message: string, field?: string, status: 400 | 409 = 409) {
	return { ok: false as const, kind: 'form' as const, message, field, status }
}

/** Today in China (UTC+8, no daylight saving), the calendar the platform's dates are in. */
export function chinaToday(now: Date = new Date()): string {
	return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** An offer's planned signing date: the day it was made (lease_offer has no start-date column; ADR 0007). */
export function plannedStartDate(createdAt: string): string {
	const t = Date.parse(createdAt.includes('T') ? createdAt : `${createdAt.replace(' ', 'T')}Z`)
	return Number.isNaN(t) ? createdAt.slice(0, 10) : chinaToday(new Date(t))
}

function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
	if (!text) return fallback
	try {
		return JSON.parse(text) as T
	} catch {
		return fallback
	}
}

// ───────────────────────────── programmes ─────────────────────────────

/** A leasing programme; every field is public once the programme is active. */
export type LeasingProgram = {
	id: number
	ref: string
	organizationId: number
	org: { id: number; name: string; nameEn: string | null; verified: boolean }
	name: string
	categories: CategoryKey[]
	/** Yuan. */
	amountMin: number
	amountMax: number
	termMonthsMin: number | null
	termMonthsMax: number | null
	/** Fractions: 0.045 = 4.5 %. */
	rateMin: number | null
	rateMax: number | null
	downPaymentMin: number | null
	structures: LeaseStructureKey[]
	serviceFeePct: number | null
	depositPct: number | null
	industries: string[]
	description: string | null
	status: ProgramStatus
	createdAt: string
	updatedAt: string
}

function toProgram(
	row: LeasingProgramRow,
	org: Pick<OrganizationRow, 'id' | 'name' | 'name_en' | 'status'>,
): LeasingProgram {
	return {
		id: row.id,
		ref: row.ref,
		organizationId: row.organization_id,
		org: { id: org.id, name: org.name, nameEn: org.name_en, verified: org.status === 'verified' },
		name: row.name,
		categories: parseJsonStrings(row.categories).filter(isCategoryKey),
		amountMin: row.amount_min,
		amountMax: row.amount_max,
		termMonthsMin: row.term_months_min,
		termMonthsMax: row.term_months_max,
		rateMin: row.rate_min,
		rateMax: row.rate_max,
		downPaymentMin: row.down_payment_min,
		structures: parseJsonStrings(row.structures).filter(
			(s): s is LeaseStructureKey => s === 'direct' || s === 'saleLeaseback',
		),
		serviceFeePct: row.service_fee_pct,
		depositPct: row.deposit_pct,
		industries: parseJsonStrings(row.industries),
		description: row.description,
		status: row.status,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	}
}

function programQuery(db: Db) {
	return db
		.selectFrom('leasing_program as p')
		.innerJoin('organization as o', 'o.id', 'p.organization_id')
		.selectAll('p')
		.select(['o.name as org_name', 'o.name_en as org_name_en', 'o.status as org_status'])
}

type ProgramJoinRow = LeasingProgramRow & {
	org_name: string
	org_name_en: string | null
	org_status: OrganizationRow['status']
}

function fromJoin(row: ProgramJoinRow): LeasingProgram {
	return toProgram(row, {
		id: row.organization_id,
		name: row.org_name,
		name_en: row.org_name_en,
		status: row.org_status,
	})
}

function programColumns(input: ProgramInput) {
	return {
		name: input.name,
		categories: JSON.stringify(input.categories),
		amount_min: input.amountMin,
		amount_max: input.amountMax,
		term_months_min: input.termMonthsMin,
		term_months_max: input.termMonthsMax,
		rate_min: input.rateMinPct,
		rate_max: input.rateMaxPct,
		down_payment_min: input.downPaymentMinPct,
		structures: JSON.stringify(input.structures),
		service_fee_pct: input.serviceFeePct,
		deposit_pct: input.depositPct,
		industries: JSON.stringify(input.industries),
		description: input.description,
	}
}

/** An active programme of a verified lessor, or undefined (paused, archived and unverified ones are not public). */
export async function getPublicProgram(db: Db, id: number): Promise<LeasingProgram | undefined> {
	const row = await programQuery(db).where('p.id', '=', id).where('p.status', '=', 'active').executeTakeFirst()
	if (!row || !isPublicOrganizationRow({ status: row.org_status })) return undefined
	return fromJoin(row)
}

export type ProgramListResult = { items: LeasingProgram[]; total: number; degraded: boolean }

const PROGRAM_LIST_LIMIT = 100
const programFilters = createFilterBuilder(['categories'] as const)

/**
 * Active programmes of verified lessors, optionally of one category. A text query goes through the
 * Meilisearch programmes index (synonyms, typos) and every hit is re-read from SQLite; when the
 * index cannot be reached the same filter runs on SQLite with a plain substring match (`degraded`).
 */
export async function listPublicPrograms(
	services: LeasingServices,
	params: { q?: string; category?: CategoryKey | null },
): Promise<ProgramListResult> {
	const q = analyzeQuery(params.q ?? '').query
	const category = params.category ?? null
	if (q) {
		try {
			const result = await services.search.client.index(services.search.indexName('programs')).search(q, {
				filter: category ? programFilters.eq('categories', category) : undefined,
				limit: PROGRAM_LIST_LIMIT,
				attributesToRetrieve: ['id'],
			})
			const ids = result.hits.map((h) => Number(h.id)).filter(Number.isSafeInteger)
			const items = await listPublicProgramsByIds(services.db, ids)
			return { items, total: items.length, degraded: false }
		} catch (error) {
			console.error(`[search] programme search degraded: ${error instanceof Error ? error.message : String(error)}`)
			const items = await listPublicProgramsFromDb(services.db, category, params.q ?? '')
			return { items, total: items.length, degraded: true }
		}
	}
	const items = await listPublicProgramsFromDb(services.db, category, '')
	return { items, total: items.length, degraded: false }
}

async function listPublicProgramsByIds(db: Db, ids: number[]): Promise<LeasingProgram[]> {
	if (ids.length === 0) return []
	const rows = await programQuery(db)
		.where('p.id', 'in', ids)
		.where('p.status', '=', 'active')
		.where('o.status', '=', 'verified')
		.execute()
	const byId = new Map(rows.map((r) => [r.id, fromJoin(r)]))
	return ids.flatMap((id) => {
		const p = byId.get(id)
		return p ? [p] : []
	})
}

async function listPublicProgramsFromDb(db: Db, category: string | null, text: string): Promise<LeasingProgram[]> {
	let query = programQuery(db).where('p.status', '=', 'active').where('o.status', '=', 'verified')
	if (category) {
		query = query.where(
			sql<boolean>`exists (select 1 from json_each(p.categories) where json_each.value = ${category})`,
		)
	}
	const needle = text.trim().slice(0, 100)
	if (needle) {
		const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
		query = query.where((eb) =>
			eb.or([
				sql<boolean>`p.name like ${like} escape '\\'`,
				sql<boolean>`coalesce(p.description, '') like ${like} escape '\\'`,
				sql<boolean>`o.name like ${like} escape '\\'`,
			]),
		)
	}
	const rows = await query
		.orderBy(sql`coalesce(p.rate_min, 1)`)
		.orderBy('p.id')
		.limit(PROGRAM_LIST_LIMIT)
		.execute()
	return rows.map(fromJoin)
}

/** The organization's programmes, archived last. */
export async function listProgramsForOrg(db: Db, orgId: number): Promise<LeasingProgram[]> {
	const rows = await programQuery(db)
		.where('p.organization_id', '=', orgId)
		.orderBy(sql`case p.status when 'active' then 0 when 'paused' then 1 else 2 end`)
		.orderBy('p.id', 'desc')
		.execute()
	return rows.map(fromJoin)
}

/** One of the organization's own programmes (any status), or undefined — never another's. */
export async function getProgramForOrg(db: Db, orgId: number, id: number): Promise<LeasingProgram | undefined> {
	const row = await programQuery(db).where('p.id', '=', id).where('p.organization_id', '=', orgId).executeTakeFirst()
	return row ? fromJoin(row) : undefined
}

/** Publishes a new programme (active), with its audit row and search outbox row. */
export async function createProgram(db: Db, actor: LeasingActor, input: ProgramInput): Promise<{ id: number }> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('leasing_program')
			.values({
				ref: `lpw-${randomBytes(6).toString('hex')}`,
				organization_id: actor.orgId,
				status: 'active',
				...programColumns(input),
			})
			.returning(['id'])
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'leasing_program', row.id)
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'leasing_program.create',
			objectType: 'leasing_program',
			objectId: row.id,
			toStatus: 'active',
			detail: { name: input.name.slice(0, 100) },
			ip: actor.ip,
		})
		return { id: row.id }
	})
}

/** Changes a programme's fields (not archived ones). */
export async function updateProgram(
	db: Db,
	actor: LeasingActor,
	id: number,
	input: ProgramInput,
): Promise<LeasingResult> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('leasing_program')
			.select(['id', 'status'])
			.where('id', '=', id)
			.where('organization_id', '=', actor.orgId)
			.executeTakeFirst()
		if (!before) return NOT_FOUND
		if (before.status === 'archived') return formError('errors.programArchived')
		await trx
			.updateTable('leasing_program')
			.set({ ...programColumns(input), updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('organization_id', '=', actor.orgId)
			.execute()
		await enqueueSearchSync(trx, 'leasing_program', id)
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'leasing_program.update',
			objectType: 'leasing_program',
			objectId: id,
			fromStatus: before.status,
			toStatus: before.status,
			ip: actor.ip,
		})
		return { ok: true }
	})
}

const PROGRAM_TRANSITIONS: Record<'pause' | 'resume' | 'archive', { from: ProgramStatus[]; to: ProgramStatus }> = {
	pause: { from: ['active'], to: 'paused' },
	resume: { from: ['paused'], to: 'active' },
	archive: { from: ['active', 'paused'], to: 'archived' },
}

/** Pauses, resumes or archives a programme; archived is final. Paused and archived ones leave the index. */
export async function changeProgramStatus(
	db: Db,
	actor: LeasingActor,
	id: number,
	change: 'pause' | 'resume' | 'archive',
): Promise<LeasingResult> {
	const { from, to } = PROGRAM_TRANSITIONS[change]
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('leasing_program')
			.select(['id', 'status'])
			.where('id', '=', id)
			.where('organization_id', '=', actor.orgId)
			.executeTakeFirst()
		if (!before) return NOT_FOUND
		if (!from.includes(before.status)) return formError('errors.programStatusChange')
		await trx
			.updateTable('leasing_program')
			.set({ status: to, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('organization_id', '=', actor.orgId)
			.execute()
		await enqueueSearchSync(trx, 'leasing_program', id)
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: `leasing_program.${change}`,
			objectType: 'leasing_program',
			objectId: id,
			fromStatus: before.status,
			toStatus: to,
			ip: actor.ip,
		})
		return { ok: true }
	})
}

// ───────────────────────────── fit: demands × programmes ─────────────────────────────

export type FitFactor = 'category' | 'amount' | 'term' | 'industry'
/**
 * Why a demand fits a programme. Params never carry the demand's budget: the reasons are shown to
 * lessors that may not see it yet (R17), so the amount factor says only whether it fits.
 */
export type FitReason = {
	factor: FitFactor
	status: 'met' | 'partly' | 'missed'
	code: string
	params: Record<string, string | number | null>
}

export type ProgramFit = {
	programId: number
	programName: string
	score: number
	/** False when a hard condition fails: the category is not covered, the amount is below the floor, the date has passed. */
	fits: boolean
	/** The term we would suggest in months (three years within the programme's range; its shortest when needed within a year). */
	termMonths: number
	reasons: FitReason[]
}

/** Lease term suggested for a demand: three years within the range; the shortest when needed within a year. */
export function suggestedTermMonths(
	program: Pick<LeasingProgram, 'termMonthsMin' | 'termMonthsMax'>,
	neededBy: string | null,
	today: string,
): number {
	const min = program.termMonthsMin ?? 12
	const max = program.termMonthsMax ?? 60
	let term = 36
	if (neededBy && daysBetween(today, neededBy) < 365) term = min
	return Math.max(min, Math.min(max, term))
}

const FIT_WEIGHTS: Record<FitFactor, number> = { category: 0.45, amount: 0.3, term: 0.15, industry: 0.1 }
/** Days a lessor needs to approve and pay out; a closer needed-by date is tight. */
const APPROVAL_DAYS = 30

/** Scores one programme against one demand (pure). */
export function fitProgram(
	program: LeasingProgram,
	demand: { analysis: DemandAnalysis; neededBy: string | null; industry: string | null },
	today: string,
): ProgramFit {
	const reasons: FitReason[] = []
	const values: Record<FitFactor, number> = { category: 0, amount: 0, term: 0, industry: 0 }
	let fits = true

	const category = demand.analysis.category
	if (!category) {
		fits = false
		reasons.push({ factor: 'category', status: 'missed', code: 'categoryUnknown', params: {} })
	} else if (program.categories.includes(category.key)) {
		values.category = 1
		reasons.push({
			factor: 'category',
			status: 'met',
			code: category.inferred ? 'categoryInferred' : 'categoryCovered',
			params: { category: category.key },
		})
	} else if (program.categories.some((c) => isRelatedCategory(c, category.key))) {
		values.category = 0.4
		reasons.push({ factor: 'category', status: 'partly', code: 'categoryRelated', params: { category: category.key } })
	} else {
		fits = false
		reasons.push({
			factor: 'category',
			status: 'missed',
			code: 'categoryNotCovered',
			params: { category: category.key },
		})
	}

	const amount = demand.analysis.budget?.max ?? null
	if (amount == null) {
		values.amount = 0.5
		reasons.push({ factor: 'amount', status: 'partly', code: 'amountUnknown', params: {} })
	} else if (amount < program.amountMin) {
		fits = false
		reasons.push({ factor: 'amount', status: 'missed', code: 'amountBelowMin', params: {} })
	} else if (amount > program.amountMax) {
		values.amount = 0.4
		reasons.push({ factor: 'amount', status: 'partly', code: 'amountAboveMax', params: {} })
	} else {
		values.amount = 1
		reasons.push({ factor: 'amount', status: 'met', code: 'amountInRange', params: {} })
	}

	const termMonths = suggestedTermMonths(program, demand.neededBy, today)
	const termParams = {
		termMonths,
		termMin: program.termMonthsMin ?? 12,
		termMax: program.termMonthsMax ?? 60,
		neededBy: demand.neededBy,
	}
	if (!demand.neededBy) {
		values.term = 0.6
		reasons.push({ factor: 'term', status: 'partly', code: 'termNoDate', params: termParams })
	} else {
		const days = daysBetween(today, demand.neededBy)
		if (days < 0) {
			fits = false
			reasons.push({ factor: 'term', status: 'missed', code: 'termPast', params: termParams })
		} else if (days < APPROVAL_DAYS) {
			values.term = 0.5
			reasons.push({ factor: 'term', status: 'partly', code: 'termTight', params: termParams })
		} else {
			values.term = 1
			reasons.push({ factor: 'term', status: 'met', code: 'termFits', params: termParams })
		}
	}

	if (demand.industry && program.industries.includes(demand.industry)) {
		values.industry = 1
		reasons.push({ factor: 'industry', status: 'met', code: 'industryTarget', params: { industry: demand.industry } })
	}

	let score = 0
	for (const f of Object.keys(FIT_WEIGHTS) as FitFactor[]) score += FIT_WEIGHTS[f] * values[f]
	return {
		programId: program.id,
		programName: program.name,
		score: Math.round(score * 1000) / 1000,
		fits,
		termMonths,
		reasons,
	}
}

/** What anyone may read of a demand (the public demand list's fields). */
export type DemandPublicView = {
	id: number
	ref: string
	title: string
	categoryKey: CategoryKey | null
	categoryInferred: boolean
	domain: string | null
	quantity: number
	neededBy: string | null
	description: string
	status: DemandRow['status']
	publishedAt: string | null
}

/** What a lessor sees once the enterprise asked it for an offer (or accepted one of its offers). */
export type DemandPrivateView = {
	orgName: string
	orgNameEn: string | null
	/** Yuan. */
	budgetMin: number | null
	budgetMax: number | null
	contactPerson: string | null
	contactPhone: string | null
	contactEmail: string | null
	/** The won quote's total price in yuan, when the enterprise has chosen its equipment. */
	wonQuoteTotal: number | null
}

type DemandOrgRow = DemandRow & {
	org_name: string
	org_name_en: string | null
	org_status: OrganizationRow['status']
	org_industry: string | null
	org_contact_person: string | null
	org_contact_phone: string | null
	org_contact_email: string | null
}

function demandQuery(db: Db) {
	return db
		.selectFrom('demand as d')
		.innerJoin('organization as o', 'o.id', 'd.organization_id')
		.selectAll('d')
		.select([
			'o.name as org_name',
			'o.name_en as org_name_en',
			'o.status as org_status',
			'o.industry as org_industry',
			'o.contact_person as org_contact_person',
			'o.contact_phone as org_contact_phone',
			'o.contact_email as org_contact_email',
		])
}

function toPublicDemand(row: DemandRow, analysis: DemandAnalysis): DemandPublicView {
	return {
		id: row.id,
		ref: row.ref,
		title: row.title,
		categoryKey: analysis.category?.key ?? null,
		categoryInferred: analysis.category?.inferred ?? false,
		domain: row.domain,
		quantity: row.quantity,
		neededBy: row.needed_by,
		description: row.description,
		status: row.status,
		publishedAt: row.published_at,
	}
}

async function wonQuoteOf(db: Db, demandId: number): Promise<{ id: number; totalPrice: number | null } | undefined> {
	const row = await db
		.selectFrom('quote as q')
		.innerJoin('match as m', 'm.id', 'q.match_id')
		.select(['q.id', 'q.total_price', 'q.unit_price', 'm.demand_id'])
		.where('m.demand_id', '=', demandId)
		.where('q.status', '=', 'won')
		.orderBy('q.id', 'desc')
		.executeTakeFirst()
	return row ? { id: row.id, totalPrice: row.total_price } : undefined
}

function toPrivateDemand(row: DemandOrgRow, wonQuoteTotal: number | null): DemandPrivateView {
	return {
		orgName: row.org_name,
		orgNameEn: row.org_name_en,
		budgetMin: row.budget_min,
		budgetMax: row.budget_max,
		contactPerson: row.org_contact_person,
		contactPhone: row.org_contact_phone,
		contactEmail: row.org_contact_email,
		wonQuoteTotal,
	}
}

/** Demands open to leasing offers: they want leasing, are open (or matched) and belong to a verified enterprise. */
const OPEN_DEMAND_STATUSES = ['open', 'matched'] as const

function isOpenLeasingDemand(row: DemandOrgRow): boolean {
	return (
		row.financing === 'leasing' &&
		(OPEN_DEMAND_STATUSES as readonly string[]).includes(row.status) &&
		row.org_status === 'verified'
	)
}

export type LessorDemandItem = {
	demand: DemandPublicView
	/** The best of the lessor's active programmes for it, or null when none fits (requested demands only). */
	best: ProgramFit | null
	requested: boolean
	myOffer: { id: number; status: OfferStatus } | null
}

const MAX_OPEN_DEMANDS = 2000

/**
 * The open leasing demands that fit the lessor's active programmes, best first, each with the best
 * programme and its reasons; demands whose enterprise asked this lessor for an offer are always
 * included (flagged `requested`). No budget or contact is returned here.
 */
export async function listLeasingDemandsForLessor(
	services: Pick<LeasingServices, 'db'>,
	orgId: number,
	options: { today?: string } = {},
): Promise<LessorDemandItem[]> {
	const { db } = services
	const today = options.today ?? chinaToday()
	const programs = (await listProgramsForOrg(db, orgId)).filter((p) => p.status === 'active')
	const requests = await db
		.selectFrom('lease_request')
		.select(['demand_id'])
		.where('lessor_org_id', '=', orgId)
		.execute()
	const requested = new Set(requests.map((r) => r.demand_id))
	const rows = await demandQuery(db)
		.where('d.financing', '=', 'leasing')
		.where('d.status', 'in', [...OPEN_DEMAND_STATUSES])
		.where('o.status', '=', 'verified')
		.orderBy('d.id', 'desc')
		.limit(MAX_OPEN_DEMANDS)
		.execute()
	const offers = await db
		.selectFrom('lease_offer')
		.select(['id', 'demand_id', 'status', 'valid_until'])
		.where('organization_id', '=', orgId)
		.orderBy('id', 'desc')
		.execute()
	const myOffer = new Map<number, { id: number; status: OfferStatus }>()
	for (const o of offers) {
		if (!myOffer.has(o.demand_id))
			myOffer.set(o.demand_id, { id: o.id, status: effectiveOfferStatus(o.status, o.valid_until, today) })
	}

	const out: LessorDemandItem[] = []
	for (const row of rows) {
		const analysis = analyzeDemand(toMatchDemand(row))
		let best: ProgramFit | null = null
		for (const program of programs) {
			const fit = fitProgram(program, { analysis, neededBy: row.needed_by, industry: row.org_industry }, today)
			if (!fit.fits) continue
			if (!best || fit.score > best.score) best = fit
		}
		const isRequested = requested.has(row.id)
		if (!best && !isRequested) continue
		out.push({
			demand: toPublicDemand(row, analysis),
			best,
			requested: isRequested,
			myOffer: myOffer.get(row.id) ?? null,
		})
	}
	return out.sort(
		(a, b) =>
			(b.best?.score ?? 0) - (a.best?.score ?? 0) ||
			(a.demand.neededBy ?? '9999').localeCompare(b.demand.neededBy ?? '9999') ||
			b.demand.id - a.demand.id,
	)
}

/** A lessor's workspace: its programmes, the demands that fit them (best first) and its recent offers. */
export async function getLessorWorkspace(
	services: Pick<LeasingServices, 'db'>,
	orgId: number,
	options: { today?: string } = {},
) {
	const today = options.today ?? chinaToday()
	const programs = await listProgramsForOrg(services.db, orgId)
	const demands = await listLeasingDemandsForLessor(services, orgId, { today })
	const offers = await listOffersForLessor(services.db, orgId, { today })
	return { programs, demands, offers }
}

// ───────────────────────────── offers ─────────────────────────────

/** An offer as its two parties and admins see it, with the schedule computed when it was sent. */
export type LeaseOffer = {
	id: number
	demandId: number
	programId: number | null
	programName: string | null
	quoteId: number | null
	lessor: { id: number; name: string; nameEn: string | null }
	/** Amount financed, fen. */
	amountFen: number
	/** amountFen + downPaymentFen: the equipment (直租) or transfer (回租) price, fen. */
	equipmentPriceFen: number
	termMonths: number
	annualRate: number
	downPaymentFen: number
	depositFen: number
	serviceFeeFen: number
	residualFen: number
	structure: LeaseTerms['structure'] & string
	frequency: LeaseTerms['frequency']
	method: LeaseTerms['method']
	timing: LeaseTerms['timing']
	startDate: string
	validUntil: string | null
	note: string | null
	/** 'expired' once valid_until has passed while still 'sent'. */
	status: OfferStatus
	/** The enterprise's reason; null when declined automatically because another offer was accepted. */
	declineReason: string | null
	declinedAutomatically: boolean
	createdAt: string
	terms: LeaseTerms
	schedule: LeaseSchedule
	rates: LeaseRates | null
}

/** Stored as the reason of offers declined because another was accepted (pages show their own words for it). */
const AUTO_DECLINE_REASON = '已接受其他报价 Another offer was accepted'

/** The status a reader sees: a sent offer past its validity reads as expired (no write on read). */
export function effectiveOfferStatus(status: OfferStatus, validUntil: string | null, today: string): OfferStatus {
	return status === 'sent' && validUntil !== null && validUntil < today ? 'expired' : status
}

/** The terms stored in an offer row (price = amount + down payment, start = the day it was made). */
export function termsOfOfferRow(row: LeaseOfferRow): LeaseTerms {
	return {
		structure: row.structure,
		equipmentPriceFen: row.amount_fen + row.down_payment_fen,
		amountFinancedFen: row.amount_fen,
		termMonths: row.term_months,
		annualRate: row.annual_rate,
		frequency: row.frequency,
		method: row.method,
		timing: row.timing,
		downPaymentFen: row.down_payment_fen,
		depositFen: row.deposit_fen,
		serviceFeeFen: row.service_fee_fen,
		residualFen: row.residual_fen,
		startDate: plannedStartDate(row.created_at),
	}
}

type OfferJoinRow = LeaseOfferRow & { lessor_name: string; lessor_name_en: string | null; program_name: string | null }

function offerQuery(db: Db) {
	return db
		.selectFrom('lease_offer as f')
		.innerJoin('organization as o', 'o.id', 'f.organization_id')
		.leftJoin('leasing_program as p', 'p.id', 'f.program_id')
		.selectAll('f')
		.select(['o.name as lessor_name', 'o.name_en as lessor_name_en', 'p.name as program_name'])
}

function toOffer(row: OfferJoinRow, today: string): LeaseOffer {
	const terms = termsOfOfferRow(row)
	let schedule = parseJson<LeaseSchedule | null>(row.schedule, null)
	if (!schedule || !Array.isArray(schedule.rows) || !schedule.totals) {
		// A row written before schedules were stored: the schedule is a pure function of the terms.
		const built = buildLeaseSchedule(terms)
		if (!built.ok) throw new Error(`lease_offer ${row.id} holds invalid terms`)
		schedule = built.schedule
	}
	return {
		id: row.id,
		demandId: row.demand_id,
		programId: row.program_id,
		programName: row.program_name,
		quoteId: row.quote_id,
		lessor: { id: row.organization_id, name: row.lessor_name, nameEn: row.lessor_name_en },
		amountFen: row.amount_fen,
		equipmentPriceFen: row.amount_fen + row.down_payment_fen,
		termMonths: row.term_months,
		annualRate: row.annual_rate,
		downPaymentFen: row.down_payment_fen,
		depositFen: row.deposit_fen,
		serviceFeeFen: row.service_fee_fen,
		residualFen: row.residual_fen,
		structure: row.structure,
		frequency: row.frequency,
		method: row.method,
		timing: row.timing,
		startDate: terms.startDate,
		validUntil: row.valid_until,
		note: row.note,
		status: effectiveOfferStatus(row.status, row.valid_until, today),
		declineReason: row.decline_reason === AUTO_DECLINE_REASON ? null : row.decline_reason,
		declinedAutomatically: row.status === 'declined' && row.decline_reason === AUTO_DECLINE_REASON,
		createdAt: row.created_at,
		terms: schedule.terms ?? terms,
		schedule,
		rates: leaseRates(schedule),
	}
}

/** The lessor's view of one demand, or undefined when it may not see it (a 404 for the route). */
export type LessorDemandDetail = {
	demand: DemandPublicView
	/** Budget, enterprise and contacts: only after the enterprise asked this lessor (lease_request). */
	private: DemandPrivateView | null
	requested: boolean
	/** Whether a new offer can be sent now. */
	canOffer: boolean
	/** Why not, as an i18n key. */
	blockedReason: string | null
	/** The lessor's active programmes, best fit first. */
	programs: Array<{ program: LeasingProgram; fit: ProgramFit }>
	/** This lessor's own offers on the demand, newest first. */
	offers: LeaseOffer[]
	/** Prefill for the offer form, in fen (the won quote or the budget ceiling; only when private is visible). */
	suggestedPriceFen: number | null
}

/**
 * A demand as a lessor may see it: open leasing demands of verified enterprises, and any demand whose
 * enterprise asked it for an offer or on which it has made one. The private part only after a request.
 */
export async function getDemandForLessor(
	db: Db,
	orgId: number,
	demandId: number,
	options: { today?: string } = {},
): Promise<LessorDemandDetail | undefined> {
	const today = options.today ?? chinaToday()
	const row = await demandQuery(db).where('d.id', '=', demandId).executeTakeFirst()
	if (!row) return undefined
	const request = await db
		.selectFrom('lease_request')
		.select(['id'])
		.where('demand_id', '=', demandId)
		.where('lessor_org_id', '=', orgId)
		.executeTakeFirst()
	const offerRows = await offerQuery(db)
		.where('f.demand_id', '=', demandId)
		.where('f.organization_id', '=', orgId)
		.orderBy('f.id', 'desc')
		.execute()
	const open = isOpenLeasingDemand(row)
	if (!open && !request && offerRows.length === 0) return undefined
	if (row.status === 'draft') return undefined

	const analysis = analyzeDemand(toMatchDemand(row))
	const programs = (await listProgramsForOrg(db, orgId))
		.filter((p) => p.status === 'active')
		.map((program) => ({
			program,
			fit: fitProgram(program, { analysis, neededBy: row.needed_by, industry: row.org_industry }, today),
		}))
		.sort((a, b) => Number(b.fit.fits) - Number(a.fit.fits) || b.fit.score - a.fit.score)
	const offers = offerRows.map((r) => toOffer(r, today))
	const won = request ? await wonQuoteOf(db, demandId) : undefined
	const privateView = request ? toPrivateDemand(row, won?.totalPrice ?? null) : null
	const blockedReason = await offerBlockedReason(db, row, orgId, today)
	const priceYuan = privateView ? (privateView.wonQuoteTotal ?? privateView.budgetMax ?? null) : null
	return {
		demand: toPublicDemand(row, analysis),
		private: privateView,
		requested: !!request,
		canOffer: blockedReason === null,
		blockedReason,
		programs,
		offers,
		suggestedPriceFen: priceYuan != null && priceYuan > 0 ? Math.round(priceYuan * 100) : null,
	}
}

async function offerBlockedReason(db: Db, row: DemandOrgRow, orgId: number, today: string): Promise<string | null> {
	if (!isOpenLeasingDemand(row)) return 'errors.demandNotOpen'
	const accepted = await db
		.selectFrom('lease_offer')
		.select('id')
		.where('demand_id', '=', row.id)
		.where('status', '=', 'accepted')
		.executeTakeFirst()
	if (accepted) return 'errors.demandTaken'
	const pending = await db
		.selectFrom('lease_offer')
		.select('id')
		.where('demand_id', '=', row.id)
		.where('organization_id', '=', orgId)
		.where('status', '=', 'sent')
		.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
		.executeTakeFirst()
	if (pending) return 'errors.offerPending'
	return null
}

/**
 * The schedule an offer would have if sent today, for the form's preview; undefined when the lessor
 * may not see the demand. Writes nothing.
 */
export async function previewOffer(
	db: Db,
	orgId: number,
	demandId: number,
	input: OfferInput,
	options: { today?: string } = {},
): Promise<LeasingResult<{ schedule: LeaseSchedule }> | undefined> {
	const today = options.today ?? chinaToday()
	if (!(await getDemandForLessor(db, orgId, demandId, { today }))) return undefined
	const invalid = validityProblem(input.validUntil, today)
	if (invalid) return invalid
	const built = buildLeaseSchedule(offerTerms(input, today))
	if (!built.ok) return formError('errors.invalid', undefined, 400)
	return { ok: true, schedule: built.schedule }
}

/** An offer stays open from today to at most a year ahead. */
function validityProblem(validUntil: string, today: string) {
	if (validUntil < today) return formError('errors.validUntilPast', 'validUntil', 400)
	if (validUntil > addDays(today, 366)) return formError('errors.validUntilFar', 'validUntil', 400)
	return null
}

/**
 * Sends an offer on a demand: validated with the schedule arithmetic, the computed schedule stored
 * with it, the enterprise notified and e-mailed, one audit row — all in one transaction.
 */
export async function createOffer(
	db: Db,
	actor: LeasingActor,
	demandId: number,
	input: OfferInput,
	options: { now?: Date } = {},
): Promise<LeasingResult<{ id: number }>> {
	const now = options.now ?? new Date()
	const createdAt = now.toISOString()
	const today = chinaToday(now)
	const built = buildLeaseSchedule(offerTerms(input, today))
	// The schema ran the same validation; a failure here is a caller that skipped it.
	if (!built.ok) return formError('errors.invalid', undefined, 400)
	const invalid = validityProblem(input.validUntil, today)
	if (invalid) return invalid
	const { schedule } = built

	return db.transaction().execute(async (trx) => {
		const row = await demandQuery(trx).where('d.id', '=', demandId).executeTakeFirst()
		if (!row) return NOT_FOUND
		const visible =
			isOpenLeasingDemand(row) ||
			!!(await trx
				.selectFrom('lease_request')
				.select('id')
				.where('demand_id', '=', demandId)
				.where('lessor_org_id', '=', actor.orgId)
				.executeTakeFirst())
		if (!visible) return NOT_FOUND
		const blocked = await offerBlockedReason(trx, row, actor.orgId, today)
		if (blocked) return formError(blocked)
		if (input.programId !== undefined) {
			const program = await trx
				.selectFrom('leasing_program')
				.select(['id'])
				.where('id', '=', input.programId)
				.where('organization_id', '=', actor.orgId)
				.where('status', '=', 'active')
				.executeTakeFirst()
			if (!program) return formError('errors.programInvalid', 'programId', 400)
		}
		const won = await wonQuoteOf(trx, demandId)
		const offer = await trx
			.insertInto('lease_offer')
			.values({
				demand_id: demandId,
				program_id: input.programId ?? null,
				quote_id: won?.id ?? null,
				organization_id: actor.orgId,
				amount_fen: schedule.terms.amountFinancedFen,
				term_months: schedule.terms.termMonths,
				annual_rate: schedule.terms.annualRate,
				down_payment_fen: schedule.terms.downPaymentFen,
				deposit_fen: schedule.terms.depositFen,
				service_fee_fen: schedule.terms.serviceFeeFen,
				residual_fen: schedule.terms.residualFen,
				structure: input.structure,
				frequency: input.frequency,
				method: input.method,
				timing: input.timing,
				schedule: JSON.stringify(schedule),
				valid_until: input.validUntil,
				note: input.note,
				status: 'sent',
				created_at: createdAt,
				updated_at: createdAt,
			})
			.returning(['id'])
			.executeTakeFirstOrThrow()
		const lessorName = await orgName(trx, actor.orgId)
		const link = `/demands/${demandId}/leasing`
		await notifyOrg(trx, row.organization_id, 'lease_offer.received', link, {
			demandId,
			offerId: offer.id,
			demandTitle: row.title,
			orgName: lessorName,
		})
		await emailOrg(trx, actor, row.organization_id, link, {
			subject: `收到融资租赁报价 New leasing offer — ${row.title}`,
			lines: [
				`「${lessorName}」就您的需求「${row.title}」发来了融资租赁报价，请登录查看还款计划并比较：`,
				`${lessorName} sent a leasing offer on your demand "${row.title}". Compare it with its full payment schedule:`,
			],
		})
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'lease_offer.send',
			objectType: 'lease_offer',
			objectId: offer.id,
			toStatus: 'sent',
			detail: { demandId, programId: input.programId ?? null, quoteId: won?.id ?? null },
			ip: actor.ip,
		})
		return { ok: true, id: offer.id }
	})
}

/** The lessor takes back an offer still awaiting an answer. */
export async function withdrawOffer(
	db: Db,
	actor: LeasingActor,
	offerId: number,
	options: { today?: string } = {},
): Promise<LeasingResult> {
	const today = options.today ?? chinaToday()
	return db.transaction().execute(async (trx) => {
		const offer = await trx
			.selectFrom('lease_offer')
			.selectAll()
			.where('id', '=', offerId)
			.where('organization_id', '=', actor.orgId)
			.executeTakeFirst()
		if (!offer) return NOT_FOUND
		if (effectiveOfferStatus(offer.status, offer.valid_until, today) !== 'sent') return formError('errors.offerNotOpen')
		const demand = await trx
			.selectFrom('demand')
			.select(['id', 'organization_id', 'title'])
			.where('id', '=', offer.demand_id)
			.executeTakeFirstOrThrow()
		await trx
			.updateTable('lease_offer')
			.set({ status: 'withdrawn', updated_at: new Date().toISOString() })
			.where('id', '=', offerId)
			.where('status', '=', 'sent')
			.execute()
		await notifyOrg(trx, demand.organization_id, 'lease_offer.withdrawn', `/demands/${demand.id}/leasing`, {
			demandId: demand.id,
			offerId,
			demandTitle: demand.title,
			orgName: await orgName(trx, actor.orgId),
		})
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'lease_offer.withdraw',
			objectType: 'lease_offer',
			objectId: offerId,
			fromStatus: 'sent',
			toStatus: 'withdrawn',
			detail: { demandId: demand.id },
			ip: actor.ip,
		})
		return { ok: true }
	})
}

/** The lessor's recent offers on every demand, for its workspace. */
export async function listOffersForLessor(
	db: Db,
	orgId: number,
	options: { today?: string; limit?: number } = {},
): Promise<
	Array<{
		id: number
		demandId: number
		demandTitle: string
		status: OfferStatus
		amountFen: number
		termMonths: number
		annualRate: number
		createdAt: string
	}>
> {
	const today = options.today ?? chinaToday()
	const rows = await db
		.selectFrom('lease_offer as f')
		.innerJoin('demand as d', 'd.id', 'f.demand_id')
		.select([
			'f.id',
			'f.demand_id',
			'd.title',
			'f.status',
			'f.valid_until',
			'f.amount_fen',
			'f.term_months',
			'f.annual_rate',
			'f.created_at',
		])
		.where('f.organization_id', '=', orgId)
		.orderBy('f.id', 'desc')
		.limit(Math.min(options.limit ?? 20, 100))
		.execute()
	return rows.map((r) => ({
		id: r.id,
		demandId: r.demand_id,
		demandTitle: r.title,
		status: effectiveOfferStatus(r.status, r.valid_until, today),
		amountFen: r.amount_fen,
		termMonths: r.term_months,
		annualRate: r.annual_rate,
		createdAt: r.created_at,
	}))
}

// ───────────────────────────── the enterprise's side ─────────────────────────────

export type ProgramSuggestionView = {
	program: LeasingProgram
	score: number
	/** Yuan, from the match contract's `leasing` part. */
	amount: number
	termMonths: number
	annualRate: number
	/** Indicative monthly payment in yuan (the match contract's `monthlyPayment`); null without an amount. */
	monthlyPayment: number | null
	requested: boolean
}

export type EnterpriseLeasingView = {
	demand: DemandPublicView & {
		organizationId: number
		financing: DemandRow['financing']
		budgetMin: number | null
		budgetMax: number | null
	}
	/** Whether the viewer may act (the owner) or only read (an admin). */
	canAct: boolean
	/** The demand takes offers: it wants leasing and is open. */
	open: boolean
	suggestions: ProgramSuggestionView[]
	/** Lessors asked for an offer (lease_request), newest first. */
	requests: Array<{
		lessorOrgId: number
		lessorName: string
		lessorNameEn: string | null
		programId: number | null
		createdAt: string
	}>
	offers: LeaseOffer[]
	/** The offers that can be compared (awaiting an answer, or accepted), normalised by compareOffers. */
	comparison: OfferComparison[]
	/** What paying cash would cost: the won quote's total, else the budget ceiling; fen. */
	cashPrice: { fen: number; source: 'quote' | 'budget' } | null
}

/**
 * The enterprise's leasing page of one of its demands (or any demand, for an admin): the suggested
 * programmes with their indicative payment, the offers received and their comparison. Undefined
 * when the viewer may not see it.
 */
export async function getEnterpriseLeasingView(
	services: Pick<LeasingServices, 'db'>,
	viewer: { orgId: number | null; isAdmin: boolean },
	demandId: number,
	options: { today?: string } = {},
): Promise<EnterpriseLeasingView | undefined> {
	const { db } = services
	const today = options.today ?? chinaToday()
	const row = await demandQuery(db).where('d.id', '=', demandId).executeTakeFirst()
	if (!row) return undefined
	const owner = viewer.orgId !== null && row.organization_id === viewer.orgId
	if (!owner && !viewer.isAdmin) return undefined
	const matchDemand = toMatchDemand(row)
	const analysis = analyzeDemand(matchDemand)
	const open = row.financing === 'leasing' && (OPEN_DEMAND_STATUSES as readonly string[]).includes(row.status)

	const requestRows = await db
		.selectFrom('lease_request as r')
		.innerJoin('organization as o', 'o.id', 'r.lessor_org_id')
		.select(['r.lessor_org_id', 'r.program_id', 'r.created_at', 'o.name', 'o.name_en'])
		.where('r.demand_id', '=', demandId)
		.orderBy('r.id', 'desc')
		.execute()
	const requestedOrgs = new Set(requestRows.map((r) => r.lessor_org_id))

	let suggestions: ProgramSuggestionView[] = []
	if (row.financing === 'leasing') {
		const suggested = await suggestProgramsForDemand({ db }, matchDemand, { analysis, today })
		const programs = await listPublicProgramsByIds(
			db,
			suggested.map((s) => s.program.id),
		)
		const byId = new Map(programs.map((p) => [p.id, p]))
		suggestions = suggested.flatMap((s) => {
			const program = byId.get(s.program.id)
			if (!program) return []
			return [
				{
					program,
					score: s.score,
					amount: s.amount,
					termMonths: s.termMonths,
					annualRate: s.annualRate,
					monthlyPayment: s.monthlyPayment,
					requested: requestedOrgs.has(program.organizationId),
				},
			]
		})
	}

	const offers = (await offerQuery(db).where('f.demand_id', '=', demandId).orderBy('f.id', 'desc').execute()).map((r) =>
		toOffer(r, today),
	)
	const comparable = offers.filter((o) => o.status === 'sent' || o.status === 'accepted')
	const won = await wonQuoteOf(db, demandId)
	let cashPrice: EnterpriseLeasingView['cashPrice'] = null
	if (won?.totalPrice && won.totalPrice > 0) cashPrice = { fen: Math.round(won.totalPrice * 100), source: 'quote' }
	else if (row.budget_max && row.budget_max > 0) cashPrice = { fen: Math.round(row.budget_max * 100), source: 'budget' }
	const comparison = compareOffers(
		comparable.map((o) => ({ id: String(o.id), terms: o.terms })),
		cashPrice?.fen,
	)

	return {
		demand: {
			...toPublicDemand(row, analysis),
			organizationId: row.organization_id,
			financing: row.financing,
			budgetMin: row.budget_min,
			budgetMax: row.budget_max,
		},
		canAct: owner,
		open,
		suggestions,
		requests: requestRows.map((r) => ({
			lessorOrgId: r.lessor_org_id,
			lessorName: r.name,
			lessorNameEn: r.name_en,
			programId: r.program_id,
			createdAt: r.created_at,
		})),
		offers,
		comparison,
		cashPrice,
	}
}

async function ownedOpenDemand(trx: Db, orgId: number, demandId: number) {
	return trx
		.selectFrom('demand')
		.select(['id', 'organization_id', 'title', 'financing', 'status'])
		.where('id', '=', demandId)
		.where('organization_id', '=', orgId)
		.executeTakeFirst()
}

/**
 * The enterprise asks a programme's lessor for an offer (or accepts a suggested programme): a
 * lease_request row, which lets that lessor see the budget and contacts. Asking twice changes nothing.
 */
export async function requestOffer(
	db: Db,
	actor: LeasingActor,
	demandId: number,
	programId: number,
): Promise<LeasingResult<{ created: boolean }>> {
	return db.transaction().execute(async (trx) => {
		const demand = await ownedOpenDemand(trx, actor.orgId, demandId)
		if (!demand) return NOT_FOUND
		if (demand.financing !== 'leasing' || !(OPEN_DEMAND_STATUSES as readonly string[]).includes(demand.status))
			return formError('errors.demandNotOpen')
		const program = await programQuery(trx)
			.where('p.id', '=', programId)
			.where('p.status', '=', 'active')
			.where('o.status', '=', 'verified')
			.executeTakeFirst()
		if (!program) return NOT_FOUND
		const inserted = await trx
			.insertInto('lease_request')
			.values({ demand_id: demandId, program_id: programId, lessor_org_id: program.organization_id })
			.onConflict((oc) => oc.columns(['demand_id', 'lessor_org_id']).doNothing())
			.returning(['id'])
			.executeTakeFirst()
		if (!inserted) return { ok: true, created: false }
		const link = `/workspace/leasing/demands/${demandId}`
		const enterprise = await orgName(trx, actor.orgId)
		await notifyOrg(trx, program.organization_id, 'lease_request.created', link, {
			demandId,
			programId,
			demandTitle: demand.title,
			orgName: enterprise,
		})
		await emailOrg(trx, actor, program.organization_id, link, {
			subject: `企业请您报价 Offer requested — ${demand.title}`,
			lines: [
				`「${enterprise}」希望通过您的方案「${program.name}」为需求「${demand.title}」融资，并向您开放了预算和联系方式。请登录查看并报价：`,
				`${enterprise} asks for a leasing offer under "${program.name}" for "${demand.title}" and shared its budget and contacts with you:`,
			],
		})
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'lease_request.create',
			objectType: 'demand',
			objectId: demandId,
			detail: { programId, lessorOrgId: program.organization_id, reveals: ['budget', 'contact'] },
			ip: actor.ip,
		})
		return { ok: true, created: true }
	})
}

/**
 * Accepts one offer: it becomes accepted, every other offer awaiting an answer on the demand is
 * declined, the accepted lessor gets the enterprise's contacts (lease_request), each lessor is
 * notified and e-mailed, one audit row per offer changed — one transaction, all or nothing (R24).
 */
export async function acceptOffer(
	db: Db,
	actor: LeasingActor,
	demandId: number,
	offerId: number,
	options: { today?: string } = {},
): Promise<LeasingResult<{ declined: number[] }>> {
	const today = options.today ?? chinaToday()
	return db.transaction().execute(async (trx) => {
		const demand = await ownedOpenDemand(trx, actor.orgId, demandId)
		if (!demand) return NOT_FOUND
		const offer = await trx
			.selectFrom('lease_offer')
			.selectAll()
			.where('id', '=', offerId)
			.where('demand_id', '=', demandId)
			.executeTakeFirst()
		if (!offer) return NOT_FOUND
		if (effectiveOfferStatus(offer.status, offer.valid_until, today) !== 'sent') return formError('errors.offerNotOpen')
		const updatedAt = new Date().toISOString()
		const accepted = await trx
			.updateTable('lease_offer')
			.set({ status: 'accepted', updated_at: updatedAt })
			.where('id', '=', offerId)
			.where('status', '=', 'sent')
			.executeTakeFirst()
		if (Number(accepted.numUpdatedRows) !== 1) return formError('errors.offerNotOpen')
		const others = await trx
			.selectFrom('lease_offer')
			.select(['id', 'organization_id'])
			.where('demand_id', '=', demandId)
			.where('status', '=', 'sent')
			.where('id', '!=', offerId)
			.execute()
		if (others.length > 0) {
			await trx
				.updateTable('lease_offer')
				.set({ status: 'declined', decline_reason: AUTO_DECLINE_REASON, updated_at: updatedAt })
				.where(
					'id',
					'in',
					others.map((o) => o.id),
				)
				.execute()
		}
		// Accepting is consent: the chosen lessor now sees the budget and the contacts.
		const revealed = await trx
			.insertInto('lease_request')
			.values({ demand_id: demandId, program_id: offer.program_id, lessor_org_id: offer.organization_id })
			.onConflict((oc) => oc.columns(['demand_id', 'lessor_org_id']).doNothing())
			.returning(['id'])
			.executeTakeFirst()
		const enterprise = await orgName(trx, actor.orgId)
		const link = `/workspace/leasing/demands/${demandId}`
		await notifyOrg(trx, offer.organization_id, 'lease_offer.accepted', link, {
			demandId,
			offerId,
			demandTitle: demand.title,
			orgName: enterprise,
		})
		await emailOrg(trx, actor, offer.organization_id, link, {
			subject: `您的融资租赁报价已被接受 Offer accepted — ${demand.title}`,
			lines: [
				`「${enterprise}」接受了您就「${demand.title}」的融资租赁报价，联系方式已向您开放：`,
				`${enterprise} accepted your leasing offer on "${demand.title}"; its contacts are now visible to you:`,
			],
		})
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'lease_offer.accept',
			objectType: 'lease_offer',
			objectId: offerId,
			fromStatus: 'sent',
			toStatus: 'accepted',
			detail: { demandId, declined: others.map((o) => o.id), contactRevealed: !!revealed },
			ip: actor.ip,
		})
		for (const other of others) {
			await notifyOrg(trx, other.organization_id, 'lease_offer.declined', link, {
				demandId,
				offerId: other.id,
				demandTitle: demand.title,
				orgName: enterprise,
				automatic: true,
			})
			await emailOrg(trx, actor, other.organization_id, link, {
				subject: `融资租赁报价未获采纳 Offer declined — ${demand.title}`,
				lines: [
					`需求「${demand.title}」已接受其他机构的报价，您的报价未获采纳。`,
					`The enterprise accepted another offer on "${demand.title}"; yours was declined.`,
				],
			})
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.orgId,
				action: 'lease_offer.decline',
				objectType: 'lease_offer',
				objectId: other.id,
				fromStatus: 'sent',
				toStatus: 'declined',
				detail: { demandId, acceptedOfferId: offerId, automatic: true },
				ip: actor.ip,
			})
		}
		return { ok: true, declined: others.map((o) => o.id) }
	})
}

/** Declines one offer with a reason, told to the lessor. */
export async function declineOffer(
	db: Db,
	actor: LeasingActor,
	demandId: number,
	offerId: number,
	reason: string,
	options: { today?: string } = {},
): Promise<LeasingResult> {
	const today = options.today ?? chinaToday()
	return db.transaction().execute(async (trx) => {
		const demand = await ownedOpenDemand(trx, actor.orgId, demandId)
		if (!demand) return NOT_FOUND
		const offer = await trx
			.selectFrom('lease_offer')
			.selectAll()
			.where('id', '=', offerId)
			.where('demand_id', '=', demandId)
			.executeTakeFirst()
		if (!offer) return NOT_FOUND
		if (effectiveOfferStatus(offer.status, offer.valid_until, today) !== 'sent') return formError('errors.offerNotOpen')
		await trx
			.updateTable('lease_offer')
			.set({ status: 'declined', decline_reason: reason, updated_at: new Date().toISOString() })
			.where('id', '=', offerId)
			.where('status', '=', 'sent')
			.execute()
		const link = `/workspace/leasing/demands/${demandId}`
		await notifyOrg(trx, offer.organization_id, 'lease_offer.declined', link, {
			demandId,
			offerId,
			demandTitle: demand.title,
			orgName: await orgName(trx, actor.orgId),
			reason,
		})
		await emailOrg(trx, actor, offer.organization_id, link, {
			subject: `融资租赁报价被婉拒 Offer declined — ${demand.title}`,
			lines: [
				`企业婉拒了您就「${demand.title}」的融资租赁报价，原因：${reason}`,
				`The enterprise declined your leasing offer on "${demand.title}". Reason: ${reason}`,
			],
		})
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'lease_offer.decline',
			objectType: 'lease_offer',
			objectId: offerId,
			fromStatus: 'sent',
			toStatus: 'declined',
			detail: { demandId, automatic: false },
			ip: actor.ip,
		})
		return { ok: true }
	})
}

// ───────────────────────────── new demands → lessors ─────────────────────────────

/**
 * Tells every lessor with an active programme that fits an open leasing demand about it, once
 * (a second call for the same demand notifies nobody twice). Call it in the transaction that
 * opens or publishes the demand; returns the organizations notified.
 */
export async function notifyLessorsOfLeasingDemand(
	trx: Db,
	demandId: number,
	options: { today?: string } = {},
): Promise<number[]> {
	const today = options.today ?? chinaToday()
	const row = await demandQuery(trx).where('d.id', '=', demandId).executeTakeFirst()
	if (!row || !isOpenLeasingDemand(row)) return []
	const analysis = analyzeDemand(toMatchDemand(row))
	const programs = (
		await programQuery(trx).where('p.status', '=', 'active').where('o.status', '=', 'verified').execute()
	).map(fromJoin)
	const best = new Map<number, ProgramFit>()
	for (const program of programs) {
		if (program.organizationId === row.organization_id) continue
		const fit = fitProgram(program, { analysis, neededBy: row.needed_by, industry: row.org_industry }, today)
		const current = best.get(program.organizationId)
		if (fit.fits && (!current || fit.score > current.score)) best.set(program.organizationId, fit)
	}
	const already = new Set(
		(
			await trx
				.selectFrom('notification')
				.select(['organization_id'])
				.where('kind', '=', 'leasing_demand.new')
				.where('link', '=', `/workspace/leasing/demands/${demandId}`)
				.execute()
		).map((n) => n.organization_id),
	)
	const notified: number[] = []
	for (const [orgId, fit] of best) {
		if (already.has(orgId)) continue
		await notifyOrg(trx, orgId, 'leasing_demand.new', `/workspace/leasing/demands/${demandId}`, {
			demandId,
			demandTitle: row.title,
			programId: fit.programId,
			programName: fit.programName,
			score: fit.score,
		})
		notified.push(orgId)
	}
	return notified
}

// ───────────────────────────── notifications and mail ─────────────────────────────

async function orgName(trx: Db, orgId: number): Promise<string> {
	const row = await trx.selectFrom('organization').select('name').where('id', '=', orgId).executeTakeFirst()
	return row?.name ?? ''
}

/** The notice row of the shared notification model; leasing writes its own, tailored e-mails (emailOrg). */
async function notifyOrg(
	trx: Db,
	organizationId: number,
	kind: NotificationKind,
	link: string,
	payload: NotificationPayload,
): Promise<void> {
	await notify(trx, { organizationId, kind, link, payload, email: false })
}

/** One e-mail per active member of the organization that has an address, queued in the transaction. */
async function emailOrg(
	trx: Db,
	actor: LinkMeta,
	organizationId: number,
	link: string,
	message: { subject: string; lines: string[] },
): Promise<void> {
	const users = await trx
		.selectFrom('user')
		.select(['email'])
		.where('organization_id', '=', organizationId)
		.where('status', '=', 'active')
		.where('email', 'is not', null)
		.execute()
	const url = `${actor.origin}${link}`
	for (const user of users) {
		if (!user.email) continue
		await queueEmail(
			trx,
			{ to: user.email, subject: message.subject.slice(0, 200), body: [...message.lines, '', url].join('\n') },
			actor.mail,
		)
	}
}
