import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { MatchReason } from '#app/matching/reasons.ts'
import { suggestDemandsForMaker } from '#app/matching/suggest.server.ts'
import type { Search } from '#app/search/client.server.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type { Database, Db, DemandRow, DemandStatus } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import type { CloseReason, DemandInput, Financing } from './demand.schema.ts'
import type { MailOptions } from './mail.server.ts'
import { notifyLessorsOfLeasingDemand } from './leasing.server.ts'
import { recomputeMatchesForDemand } from './match.server.ts'
import { notify, notifyNewOpportunities, sendDailyDigests } from './notification.server.ts'
import { DEMAND_DOMAIN_KEYS, getCategory, isCategoryKey, type CategoryKey, type DemandDomainKey } from './taxonomy.ts'
import type { CurrentUser } from './user.server.ts'

/**
 * Demands (需求): the buyer's side of the platform. A demand is written as a draft, published
 * (open: public, searchable, matched), edited, and closed — won, cancelled, or expired (its expiry
 * date passed: it stops taking inquiries and its owner is told). Budgets and the buyer's identity
 * are private: the public projection leaves them out, and the search document never had them.
 */

export type DemandServices = {
	db: Kysely<Database>
	search: Search
	/** Only NODE_ENV is read: it decides how queued mail is logged. */
	env?: { NODE_ENV: 'development' | 'production' | 'test' }
}

/** Who does something: a signed-in person, their organization, and where the request came from. */
export type Actor = { userId: number; orgId: number | null; isAdmin: boolean; ip: string | null }

export function toActor(user: Pick<CurrentUser, 'id' | 'organizationId' | 'isAdmin'>, ip: string | null = null): Actor {
	return { userId: user.id, orgId: user.organizationId, isAdmin: user.isAdmin, ip }
}

export type FailureCode =
	| 'notFound'
	| 'notEditable'
	| 'notOpen'
	| 'expired'
	| 'expiryPast'
	| 'neededByPast'
	| 'datePast'
	| 'invalidState'
	| 'inquiryLimit'
	| 'alreadyReported'
	| 'ownDemand'
	| 'threadClosed'
	| 'attachmentType'
	| 'attachmentTooLarge'
/** A refused change: `code` is an `errors.*` key of the demands namespace; `field` puts it under a field. */
export type Failure = { ok: false; code: FailureCode; field?: string; status: 400 | 404 | 409 | 429 }
export type Outcome<T> = { ok: true; value: T } | Failure

export function fail(code: FailureCode, status: Failure['status'] = 409, field?: string): Failure {
	return field ? { ok: false, code, status, field } : { ok: false, code, status }
}

export const NOT_FOUND: Failure = { ok: false, code: 'notFound', status: 404 }

/** Demands that are live: they take inquiries and have suggestions. `matched` is kept live for imports. */
export const ACTIVE_DEMAND_STATUSES = ['open', 'matched'] as const satisfies readonly DemandStatus[]

export function isActiveStatus(status: string): boolean {
	return (ACTIVE_DEMAND_STATUSES as readonly string[]).includes(status)
}

// ───────────────────────── time (the zone's calendar is China time, UTC+8, no DST) ─────────────────────────

const CHINA_OFFSET_MS = 8 * 3600_000

/** Today's date in Beijing time, YYYY-MM-DD. */
export function chinaToday(now: Date): string {
	return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant today began in Beijing, as ISO UTC text (the inquiry limit's day). */
export function chinaDayStart(now: Date): string {
	return new Date(Date.parse(`${chinaToday(now)}T00:00:00.000Z`) - CHINA_OFFSET_MS).toISOString()
}

/** A demand expires at the end of its expiry date (Beijing time). */
export function isExpired(expiresAt: string | null, now: Date): boolean {
	return expiresAt != null && expiresAt.slice(0, 10) < chinaToday(now)
}

// ───────────────────────── shapes ─────────────────────────

export type OldEquipment = {
	name: string | null
	model: string | null
	installedYear: number | null
	quantity: number | null
	energyGrade: number | null
	annualEnergyKwh: number | null
}

/** What anyone may see of a demand: no budget, no buyer identity, no contact. */
export type PublicDemand = {
	id: number
	ref: string
	title: string
	categoryKey: CategoryKey | null
	groupKey: string | null
	domain: DemandDomainKey | null
	description: string
	keySpecs: Array<[string, string]>
	quantity: number
	neededBy: string | null
	minEnergyGrade: 1 | 2 | 3 | null
	preferInZone: boolean
	financing: Financing
	old: OldEquipment | null
	status: DemandStatus
	closeReason: CloseReason | null
	expiresAt: string | null
	expired: boolean
	publishedAt: string | null
	updatedAt: string
}

/** The owner's (and admins') view: the public fields plus the budget and bookkeeping. */
export type OwnerDemand = PublicDemand & {
	organizationId: number
	budgetMin: number | null
	budgetMax: number | null
	createdAt: string
}

function parseSpecs(json: string): Array<[string, string]> {
	try {
		const v: unknown = JSON.parse(json)
		if (!v || typeof v !== 'object' || Array.isArray(v)) return []
		return Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')
	} catch {
		return []
	}
}

function toCloseReason(value: string | null): CloseReason | null {
	return value === 'won' || value === 'cancelled' || value === 'expired' ? value : null
}

function toFinancing(value: string): Financing {
	return value === 'leasing' || value === 'loan' ? value : 'none'
}

export function toPublicDemand(row: DemandRow, now: Date = new Date()): PublicDemand {
	const category = row.category_key && isCategoryKey(row.category_key) ? row.category_key : null
	const grade = row.min_energy_grade
	const hasOld =
		row.old_name != null ||
		row.old_model != null ||
		row.old_installed_year != null ||
		row.old_quantity != null ||
		row.old_energy_grade != null ||
		row.old_annual_energy_kwh != null
	return {
		id: row.id,
		ref: row.ref,
		title: row.title,
		categoryKey: category,
		groupKey: category ? (getCategory(category)?.group ?? null) : null,
		domain: (DEMAND_DOMAIN_KEYS as readonly string[]).includes(row.domain ?? '')
			? (row.domain as DemandDomainKey)
			: null,
		description: row.description,
		keySpecs: parseSpecs(row.key_specs),
		quantity: row.quantity,
		neededBy: row.needed_by,
		minEnergyGrade: grade === 1 || grade === 2 || grade === 3 ? grade : null,
		preferInZone: row.prefer_in_zone === 1,
		financing: toFinancing(row.financing),
		old: hasOld
			? {
					name: row.old_name,
					model: row.old_model,
					installedYear: row.old_installed_year,
					quantity: row.old_quantity,
					energyGrade: row.old_energy_grade,
					annualEnergyKwh: row.old_annual_energy_kwh,
				}
			: null,
		status: row.status,
		closeReason: toCloseReason(row.close_reason),
		expiresAt: row.expires_at,
		expired: isActiveStatus(row.status) && isExpired(row.expires_at, now),
		publishedAt: row.published_at,
		updatedAt: row.updated_at,
	}
}

export function toOwnerDemand(row: DemandRow, now: Date = new Date()): OwnerDemand {
	return {
		...toPublicDemand(row, now),
		organizationId: row.organization_id,
		budgetMin: row.budget_min,
		budgetMax: row.budget_max,
		createdAt: row.created_at,
	}
}

/** The form's fields that would make the matches better, still empty. */
export type MissingDetail = 'category' | 'keySpecs' | 'budget' | 'neededBy' | 'minEnergyGrade' | 'oldEquipment'

export function missingDetails(d: OwnerDemand): MissingDetail[] {
	const out: MissingDetail[] = []
	if (!d.categoryKey) out.push('category')
	if (d.keySpecs.length === 0) out.push('keySpecs')
	if (d.budgetMin == null && d.budgetMax == null) out.push('budget')
	if (!d.neededBy) out.push('neededBy')
	if (d.minEnergyGrade == null) out.push('minEnergyGrade')
	if (!d.old) out.push('oldEquipment')
	return out
}

// ───────────────────────── reads ─────────────────────────

/** The public ones among `ids`, in the order of `ids` (search hits keep their ranking). */
export async function listPublicDemandsByIds(
	db: Db,
	ids: readonly number[],
	options: { now?: Date } = {},
): Promise<PublicDemand[]> {
	const now = options.now ?? new Date()
	const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))]
	const rows = new Map<number, DemandRow>()
	for (let i = 0; i < wanted.length; i += 500) {
		const chunk = wanted.slice(i, i + 500)
		for (const r of await db
			.selectFrom('demand')
			.innerJoin('organization', 'organization.id', 'demand.organization_id')
			.selectAll('demand')
			.where('demand.id', 'in', chunk)
			.where('demand.status', 'in', [...ACTIVE_DEMAND_STATUSES])
			.where('organization.status', '=', 'verified')
			.execute()) {
			if (!isExpired(r.expires_at, now)) rows.set(r.id, r)
		}
	}
	return wanted.flatMap((id) => {
		const row = rows.get(id)
		return row ? [toPublicDemand(row, now)] : []
	})
}

/**
 * Public demands straight from SQLite, newest first: the list's fallback when Meilisearch cannot
 * be reached (filters by category and domain, the words by substring).
 */
export async function listPublicDemandsFromDatabase(
	db: Db,
	filter: { q?: string; categories?: string[]; domains?: string[]; page: number; perPage: number },
	options: { now?: Date } = {},
): Promise<{ items: PublicDemand[]; total: number }> {
	const now = options.now ?? new Date()
	let q = db
		.selectFrom('demand')
		.innerJoin('organization', 'organization.id', 'demand.organization_id')
		.where('demand.status', 'in', [...ACTIVE_DEMAND_STATUSES])
		.where('organization.status', '=', 'verified')
		.where((eb) => eb.or([eb('demand.expires_at', 'is', null), eb('demand.expires_at', '>=', chinaToday(now))]))
	if (filter.categories?.length) q = q.where('demand.category_key', 'in', filter.categories)
	if (filter.domains?.length) q = q.where('demand.domain', 'in', filter.domains)
	const words = (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5)
	for (const w of words) {
		const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
		q = q.where((eb) => eb.or([eb('demand.title', 'like', like), eb('demand.description', 'like', like)]))
	}
	const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const rows = await q
		.selectAll('demand')
		.orderBy('demand.published_at', 'desc')
		.orderBy('demand.id', 'desc')
		.limit(filter.perPage)
		.offset((filter.page - 1) * filter.perPage)
		.execute()
	return { items: rows.map((r) => toPublicDemand(r, now)), total: Number(total.n) }
}

export async function getDemandRow(db: Db, id: number): Promise<DemandRow | undefined> {
	return db.selectFrom('demand').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A demand of the actor's organization, scoped in SQL (R16): another organization's id is undefined. */
export async function getOwnDemandRow(db: Db, actor: Actor, id: number): Promise<DemandRow | undefined> {
	if (actor.orgId == null) return undefined
	return db
		.selectFrom('demand')
		.selectAll()
		.where('id', '=', id)
		.where('organization_id', '=', actor.orgId)
		.executeTakeFirst()
}

/** Whether the owner may still change the demand's fields (drafts, live ones, expired ones to extend). */
export function isEditable(row: Pick<DemandRow, 'status' | 'close_reason'>): boolean {
	return (
		row.status === 'draft' || isActiveStatus(row.status) || (row.status === 'closed' && row.close_reason === 'expired')
	)
}

/** The owner's demand for the edit form, or undefined (not theirs, or closed for good). */
export async function getDemandForEdit(
	db: Db,
	actor: Actor,
	id: number,
	now = new Date(),
): Promise<OwnerDemand | undefined> {
	const row = await getOwnDemandRow(db, actor, id)
	return row && isEditable(row) ? toOwnerDemand(row, now) : undefined
}

export type OwnDemandSummary = OwnerDemand & {
	suggestions: number
	shortlisted: number
	inquiries: number
	quotes: number
}

/** The organization's demands, drafts included, newest first, with their workflow counts. */
export async function listDemandsOfOrg(db: Db, orgId: number, now = new Date()): Promise<OwnDemandSummary[]> {
	const rows = await db
		.selectFrom('demand')
		.selectAll()
		.where('organization_id', '=', orgId)
		.orderBy('updated_at', 'desc')
		.orderBy('id', 'desc')
		.limit(500)
		.execute()
	if (rows.length === 0) return []
	const counts = await db
		.selectFrom('match')
		.select(['demand_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
		.where(
			'demand_id',
			'in',
			rows.map((r) => r.id),
		)
		.groupBy(['demand_id', 'status'])
		.execute()
	const by = new Map<number, Record<string, number>>()
	for (const c of counts) {
		const m = by.get(c.demand_id) ?? {}
		m[c.status] = Number(c.n)
		by.set(c.demand_id, m)
	}
	return rows.map((r) => {
		const m = by.get(r.id) ?? {}
		const n = (k: string) => m[k] ?? 0
		return {
			...toOwnerDemand(r, now),
			suggestions: n('suggested'),
			shortlisted: n('shortlisted'),
			inquiries: n('inquiry_sent') + n('quoted') + n('declined') + n('won') + n('lost'),
			quotes: n('quoted') + n('won') + n('lost'),
		}
	})
}

// ───────────────────────── writes ─────────────────────────

function mailOf(services: { env?: DemandServices['env'] }): MailOptions {
	return { mode: services.env?.NODE_ENV ?? 'test' }
}

function newRef(now: Date): string {
	return `web-${chinaToday(now).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`
}

function toColumns(input: DemandInput) {
	const yuan = (wan: number | undefined) => (wan == null ? null : Math.round(wan * 10_000))
	return {
		title: input.title,
		category_key: input.categoryKey ?? null,
		domain: input.domain,
		description: input.description,
		key_specs: JSON.stringify(Object.fromEntries(input.keySpecs)),
		quantity: input.quantity,
		budget_min: yuan(input.budgetMinWan),
		budget_max: yuan(input.budgetMaxWan),
		needed_by: input.neededBy ?? null,
		min_energy_grade: input.minEnergyGrade ?? null,
		prefer_in_zone: input.preferInZone ? 1 : 0,
		financing: input.financing,
		old_name: input.oldName ?? null,
		old_model: input.oldModel ?? null,
		old_installed_year: input.oldInstalledYear ?? null,
		old_quantity: input.oldQuantity ?? null,
		old_energy_grade: input.oldEnergyGrade ?? null,
		old_annual_energy_kwh: input.oldAnnualEnergyKwh ?? null,
		expires_at: input.expiresAt ?? null,
	}
}

/** Dates a published demand must respect: the expiry and the needed-by date are not in the past. */
function publishProblem(fields: { expires_at: string | null; needed_by: string | null }, now: Date): Failure | null {
	const today = chinaToday(now)
	if (fields.expires_at != null && fields.expires_at < today) return fail('expiryPast', 400, 'expiresAt')
	if (fields.needed_by != null && fields.needed_by < today) return fail('neededByPast', 400, 'neededBy')
	return null
}

/**
 * After a demand goes live or changes: recompute its matches and tell the makers it fits. Runs
 * after the transaction commits (the recall talks to Meilisearch); a failure here never undoes
 * the saved demand — the next change or the product-side recompute catches up.
 */
export async function refreshDemandMatches(services: DemandServices, demandId: number): Promise<void> {
	try {
		await recomputeMatchesForDemand(services, demandId)
		await notifyNewOpportunities(services.db, demandId, { mail: mailOf(services) })
		// A demand that wants leasing also goes to the lessors whose programmes fit (once each).
		await services.db.transaction().execute((trx) => notifyLessorsOfLeasingDemand(trx, demandId))
	} catch (error) {
		console.error(
			JSON.stringify({ level: 'error', event: 'demand.matches_failed', demandId, message: (error as Error).message }),
		)
	}
}

/** Creates a demand as a draft, or published at once; one audit row. */
export async function createDemand(
	services: DemandServices,
	actor: Actor,
	input: DemandInput,
	options: { publish?: boolean; now?: Date } = {},
): Promise<Outcome<{ id: number; status: DemandStatus }>> {
	const now = options.now ?? new Date()
	if (actor.orgId == null) return NOT_FOUND
	const orgId = actor.orgId
	const columns = toColumns(input)
	if (options.publish) {
		const problem = publishProblem(columns, now)
		if (problem) return problem
	}
	const status: DemandStatus = options.publish ? 'open' : 'draft'
	const stamp = now.toISOString()
	const id = await services.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('demand')
			.values({
				...columns,
				ref: newRef(now),
				organization_id: orgId,
				status,
				published_at: options.publish ? stamp : null,
				created_at: stamp,
				updated_at: stamp,
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: orgId,
			action: 'demand.create',
			objectType: 'demand',
			objectId: row.id,
			toStatus: status,
			ip: actor.ip,
		})
		await enqueueSearchSync(trx, 'demand', row.id)
		return row.id
	})
	if (status === 'open') await refreshDemandMatches(services, id)
	return { ok: true, value: { id, status } }
}

/**
 * Saves the owner's changes; with `publish`, a draft (or an expired demand with a new date) goes
 * live in the same step. One audit row either way.
 */
export async function updateDemand(
	services: DemandServices,
	actor: Actor,
	id: number,
	input: DemandInput,
	options: { publish?: boolean; now?: Date } = {},
): Promise<Outcome<{ id: number; status: DemandStatus }>> {
	const now = options.now ?? new Date()
	const columns = toColumns(input)
	const result = await services.db
		.transaction()
		.execute(async (trx): Promise<Outcome<{ id: number; status: DemandStatus }>> => {
			const row = await getOwnDemandRow(trx, actor, id)
			if (!row) return NOT_FOUND
			if (!isEditable(row)) return fail('notEditable')
			const publishing = options.publish === true && !isActiveStatus(row.status)
			const live = publishing || isActiveStatus(row.status)
			if (live) {
				const problem = publishProblem(columns, now)
				if (problem) return problem
			}
			const status: DemandStatus = publishing ? 'open' : row.status
			const stamp = now.toISOString()
			await trx
				.updateTable('demand')
				.set({
					...columns,
					status,
					close_reason: publishing ? null : row.close_reason,
					published_at: publishing ? stamp : row.published_at,
					updated_at: stamp,
				})
				.where('id', '=', id)
				.execute()
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.orgId,
				action: publishing ? 'demand.publish' : 'demand.update',
				objectType: 'demand',
				objectId: id,
				fromStatus: row.status,
				toStatus: status,
				detail: publishing ? { edited: true } : {},
				ip: actor.ip,
			})
			await enqueueSearchSync(trx, 'demand', id)
			return { ok: true, value: { id, status } }
		})
	if (result.ok && isActiveStatus(result.value.status)) await refreshDemandMatches(services, id)
	return result
}

/** Publishes a draft, or reopens an expired demand whose expiry date was moved on. */
export async function publishDemand(
	services: DemandServices,
	actor: Actor,
	id: number,
	options: { now?: Date } = {},
): Promise<Outcome<{ id: number }>> {
	const now = options.now ?? new Date()
	const result = await services.db.transaction().execute(async (trx): Promise<Outcome<{ id: number }>> => {
		const row = await getOwnDemandRow(trx, actor, id)
		if (!row) return NOT_FOUND
		const reopen = row.status === 'closed' && row.close_reason === 'expired'
		if (row.status !== 'draft' && !reopen) return fail('invalidState')
		const problem = publishProblem(row, now)
		if (problem) return fail(problem.code, 400)
		const stamp = now.toISOString()
		await trx
			.updateTable('demand')
			.set({ status: 'open', close_reason: null, published_at: stamp, updated_at: stamp })
			.where('id', '=', id)
			.execute()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'demand.publish',
			objectType: 'demand',
			objectId: id,
			fromStatus: row.status,
			toStatus: 'open',
			ip: actor.ip,
		})
		await enqueueSearchSync(trx, 'demand', id)
		return { ok: true, value: { id } }
	})
	if (result.ok) await refreshDemandMatches(services, id)
	return result
}

/**
 * Closes a demand in the caller's transaction: its status and reason, one audit row, the search
 * outbox, and every open inquiry on it ends as lost (each with its audit row and a notification to
 * that maker). `keepMatchId` is the winner, whose row the caller has already moved.
 */
export async function closeDemandInTransaction(
	trx: Db,
	row: DemandRow,
	reason: CloseReason,
	actor: Actor | null,
	options: { now: Date; mail: MailOptions; keepMatchId?: number },
): Promise<void> {
	const stamp = options.now.toISOString()
	const status: DemandStatus = reason === 'cancelled' ? 'cancelled' : 'closed'
	const open = await trx
		.selectFrom('match')
		.innerJoin('product', 'product.id', 'match.product_id')
		.select(['match.id', 'match.status', 'product.organization_id as makerOrgId', 'product.name as productName'])
		.where('match.demand_id', '=', row.id)
		.where('match.status', 'in', ['inquiry_sent', 'quoted'])
		.execute()
	for (const m of open) {
		if (m.id === options.keepMatchId) continue
		await trx.updateTable('match').set({ status: 'lost', updated_at: stamp }).where('id', '=', m.id).execute()
		await trx
			.updateTable('quote')
			.set({ status: 'lost', updated_at: stamp })
			.where('match_id', '=', m.id)
			.where('status', '=', 'sent')
			.execute()
		await recordAudit(trx, {
			actorUserId: actor?.userId ?? null,
			actorOrgId: actor?.orgId ?? null,
			action: 'match.lost',
			objectType: 'match',
			objectId: m.id,
			fromStatus: m.status,
			toStatus: 'lost',
			detail: { demandId: row.id, reason },
			ip: actor?.ip ?? null,
		})
		await notify(trx, {
			organizationId: m.makerOrgId,
			// "Your quote was not selected" only where there was a quote; an unanswered inquiry just ends.
			kind: reason === 'won' && m.status === 'quoted' ? 'quote.lost' : 'demand.closed',
			payload: { demandId: row.id, demandTitle: row.title, matchId: m.id, productName: m.productName, reason },
			link: `/workspace/inquiries/${m.id}`,
			mail: options.mail,
		})
	}
	await trx
		.updateTable('demand')
		.set({ status, close_reason: reason, updated_at: stamp })
		.where('id', '=', row.id)
		.execute()
	// A closed demand suggests nothing; what people did with it stays.
	await trx.deleteFrom('match').where('demand_id', '=', row.id).where('status', '=', 'suggested').execute()
	await recordAudit(trx, {
		actorUserId: actor?.userId ?? null,
		actorOrgId: actor?.orgId ?? null,
		action: actor ? 'demand.close' : 'demand.expire',
		objectType: 'demand',
		objectId: row.id,
		fromStatus: row.status,
		toStatus: status,
		detail: { reason },
		ip: actor?.ip ?? null,
	})
	await enqueueSearchSync(trx, 'demand', row.id)
}

/** Closes the owner's demand (won elsewhere, cancelled, or expired); a draft can only be cancelled. */
export async function closeDemand(
	services: DemandServices,
	actor: Actor,
	id: number,
	reason: CloseReason,
	options: { now?: Date } = {},
): Promise<Outcome<{ id: number }>> {
	const now = options.now ?? new Date()
	const result = await services.db.transaction().execute(async (trx): Promise<Outcome<{ id: number }>> => {
		const row = await getOwnDemandRow(trx, actor, id)
		if (!row) return NOT_FOUND
		if (!isActiveStatus(row.status) && !(row.status === 'draft' && reason === 'cancelled')) return fail('invalidState')
		await closeDemandInTransaction(trx, row, reason, actor, { now, mail: mailOf(services) })
		return { ok: true, value: { id } }
	})
	return result
}

/**
 * The expiry sweep, run by the platform's scheduler: every live demand past its expiry date is
 * closed as expired, its open inquiries end, and its owner is told (in-app and by e-mail) that it
 * can be reopened with a later date. Returns the ids it closed.
 */
export async function expireDemands(
	services: Pick<DemandServices, 'db' | 'env'>,
	options: { now?: Date } = {},
): Promise<number[]> {
	const now = options.now ?? new Date()
	const due = await services.db
		.selectFrom('demand')
		.select('id')
		.where('status', 'in', [...ACTIVE_DEMAND_STATUSES])
		.where('expires_at', 'is not', null)
		.where('expires_at', '<', chinaToday(now))
		.execute()
	const closed: number[] = []
	for (const { id } of due) {
		const done = await services.db.transaction().execute(async (trx) => {
			const row = await getDemandRow(trx, id)
			if (!row || !isActiveStatus(row.status) || !isExpired(row.expires_at, now)) return false
			await closeDemandInTransaction(trx, row, 'expired', null, { now, mail: mailOf(services) })
			await notify(trx, {
				organizationId: row.organization_id,
				kind: 'demand.expired',
				payload: { demandId: row.id, demandTitle: row.title },
				link: `/demands/${row.id}`,
				mail: mailOf(services),
			})
			return true
		})
		if (done) closed.push(id)
	}
	return closed
}

// ───────────────────────── 商机 (opportunities for a maker) ─────────────────────────

export type Opportunity = {
	demand: PublicDemand
	product: { id: number; ref: string; name: string }
	score: number
	/** Budget figures withheld: the maker sees whether the price fits, never the number. */
	reasons: MatchReason[]
	/** A match of this organization on the demand already went past a suggestion (asked, quoted…). */
	engaged: boolean
}

/** Open demands that fit the organization's published products, best first (re-read from SQLite). */
export async function listOpportunities(
	services: DemandServices,
	orgId: number,
	options: { limit?: number; now?: Date } = {},
): Promise<Opportunity[]> {
	const now = options.now ?? new Date()
	const suggestions = await suggestDemandsForMaker(services, orgId, {
		limit: options.limit ?? 30,
		today: chinaToday(now),
	})
	const demands = new Map(
		(
			await listPublicDemandsByIds(
				services.db,
				suggestions.map((s) => s.demand.id),
				{ now },
			)
		).map((d) => [d.id, d]),
	)
	const engaged = new Set<number>()
	if (demands.size > 0) {
		const rows = await services.db
			.selectFrom('match')
			.innerJoin('product', 'product.id', 'match.product_id')
			.select('match.demand_id')
			.where('product.organization_id', '=', orgId)
			.where('match.demand_id', 'in', [...demands.keys()])
			.where('match.status', 'not in', ['suggested', 'shortlisted'])
			.execute()
		for (const r of rows) engaged.add(r.demand_id)
	}
	return suggestions.flatMap((s) => {
		const demand = demands.get(s.demand.id)
		if (!demand) return []
		return [{ demand, product: s.product, score: s.score, reasons: s.reasons, engaged: engaged.has(demand.id) }]
	})
}

/** A positive integer id from a URL segment, or null for anything else ("abc", "1e3", "-1", "007x"). */
export function parseDemandId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

/**
 * The periodic job for the platform's scheduler (hourly is plenty): the expiry sweep, then the
 * daily digests (each person gets at most one per ~day however often this runs).
 */
export async function runDemandMaintenance(
	services: Pick<DemandServices, 'db' | 'env'>,
	options: { now?: Date } = {},
): Promise<{ expired: number[]; digests: number }> {
	const now = options.now ?? new Date()
	const expired = await expireDemands(services, { now })
	const digests = await sendDailyDigests(services.db, { now, mail: mailOf(services) })
	return { expired, digests }
}
