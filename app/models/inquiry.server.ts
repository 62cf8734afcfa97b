import { randomUUID } from 'node:crypto'
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unstable_parseMultipartFormData } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { MatchReason } from '#app/matching/reasons.ts'
import { redactForSupplier } from '#app/matching/suggest.server.ts'
import type { Database, Db, DemandRow, MatchStatus } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import { ATTACHMENT_MAX_BYTES, DEMAND_LIMITS, INQUIRY_DAILY_LIMIT, type QuoteInput } from './demand.schema.ts'
import {
	NOT_FOUND,
	chinaDayStart,
	chinaToday,
	closeDemandInTransaction,
	fail,
	getDemandRow,
	getOwnDemandRow,
	isActiveStatus,
	isExpired,
	missingDetails,
	toOwnerDemand,
	toPublicDemand,
	type Actor,
	type MissingDetail,
	type Outcome,
	type OwnerDemand,
	type PublicDemand,
} from './demand.server.ts'
import type { MailOptions } from './mail.server.ts'
import { notify } from './notification.server.ts'
import type { CategoryKey } from './taxonomy.ts'
import type { CurrentUser } from './user.server.ts'

/**
 * The match workflow: shortlist → inquiry → quote or decline → won / lost, with a message thread
 * on each match. The rules that matter:
 * - every status change is one audit row and one notification to the other side, in the same
 *   transaction as the change (RELIABILITY R24, R29);
 * - contact details of either side show only once the buyer has sent an inquiry AND the maker
 *   has answered it (a quote or a message); decided from the database on every request (R19);
 * - another organization's ids are "not found", never "forbidden" (R16);
 * - an organization sends at most INQUIRY_DAILY_LIMIT inquiries per (Beijing) day.
 */

export { INQUIRY_DAILY_LIMIT }

export type WorkflowServices = {
	db: Kysely<Database>
	env?: { NODE_ENV: 'development' | 'production' | 'test'; dataDir?: string }
}

function mailOf(services: WorkflowServices): MailOptions {
	return { mode: services.env?.NODE_ENV ?? 'test' }
}

// ───────────────────────── shapes ─────────────────────────

export type Contact = {
	orgName: string
	orgNameEn: string | null
	person: string | null
	phone: string | null
	email: string | null
}

export type ThreadMessage = { id: number; side: 'buyer' | 'maker'; mine: boolean; body: string; createdAt: string }

export type InquiryView = { message: string | null; quantity: number | null; wantedDate: string | null; sentAt: string }

export type QuoteView = {
	id: number
	status: 'sent' | 'declined' | 'won' | 'lost' | 'expired'
	unitPrice: number | null
	totalPrice: number | null
	deliveryDate: string | null
	validUntil: string | null
	note: string | null
	declineReason: string | null
	/** Where the attachment downloads from (only the two parties and admins may), or null. */
	attachmentHref: string | null
	createdAt: string
}

export type MatchProductView = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	model: string | null
	categoryKey: CategoryKey
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	leadTimeDays: number | null
	published: boolean
	org: { id: number; name: string; nameEn: string | null; inZone: boolean; area: string | null }
}

export type OwnerMatch = {
	id: number
	status: MatchStatus
	score: number
	reasons: MatchReason[]
	product: MatchProductView
	inquiry: InquiryView | null
	quote: QuoteView | null
	messages: ThreadMessage[]
	/** The maker's contact, once revealed (see the module comment). */
	makerContact: Contact | null
}

export type MakerThread = {
	matchId: number
	status: MatchStatus
	score: number
	/** Budget figures withheld. */
	reasons: MatchReason[]
	product: { id: number; name: string; nameEn: string | null }
	inquiry: InquiryView | null
	quote: QuoteView | null
	messages: ThreadMessage[]
	/** The buyer's name and contact, once revealed. */
	buyerContact: Contact | null
}

export type DemandPage =
	| {
			view: 'owner'
			/** False for an administrator looking on: the page shows no forms. */
			canAct: boolean
			demand: OwnerDemand
			matches: OwnerMatch[]
			missing: MissingDetail[]
			inquiriesToday: number
			dailyLimit: number
	  }
	| {
			view: 'public'
			demand: PublicDemand
			viewer: { signedIn: boolean; canReport: boolean; reported: boolean }
			/** The viewer's organization's own inquiries on this demand (empty for everyone else). */
			threads: MakerThread[]
	  }

// ───────────────────────── reading helpers ─────────────────────────

const WORKFLOW: readonly MatchStatus[] = ['inquiry_sent', 'quoted', 'declined', 'won', 'lost']

function parseReasons(text: string): MatchReason[] {
	try {
		const v: unknown = JSON.parse(text)
		return Array.isArray(v) ? (v as MatchReason[]) : []
	} catch {
		return []
	}
}

type MatchJoinRow = Awaited<ReturnType<typeof selectMatches>>[number]

function selectMatches(db: Db, where: { demandId?: number; matchId?: number; makerOrgId?: number }) {
	let q = db
		.selectFrom('match')
		.innerJoin('product', 'product.id', 'match.product_id')
		.innerJoin('organization', 'organization.id', 'product.organization_id')
		.select([
			'match.id',
			'match.demand_id',
			'match.status',
			'match.score',
			'match.reasons',
			'match.inquiry_message',
			'match.inquiry_quantity',
			'match.inquiry_wanted_date',
			'match.inquiry_sent_at',
			'product.id as product_id',
			'product.ref as product_ref',
			'product.name as product_name',
			'product.name_en as product_name_en',
			'product.model as product_model',
			'product.category_key',
			'product.energy_grade',
			'product.price_min',
			'product.price_max',
			'product.lead_time_days',
			'product.status as product_status',
			'organization.id as org_id',
			'organization.name as org_name',
			'organization.name_en as org_name_en',
			'organization.in_zone',
			'organization.area',
			'organization.status as org_status',
		])
	if (where.demandId !== undefined) q = q.where('match.demand_id', '=', where.demandId)
	if (where.matchId !== undefined) q = q.where('match.id', '=', where.matchId)
	if (where.makerOrgId !== undefined) q = q.where('product.organization_id', '=', where.makerOrgId)
	return q.orderBy('match.score', 'desc').orderBy('match.id').execute()
}

function inquiryOf(r: MatchJoinRow): InquiryView | null {
	return r.inquiry_sent_at
		? {
				message: r.inquiry_message,
				quantity: r.inquiry_quantity,
				wantedDate: r.inquiry_wanted_date,
				sentAt: r.inquiry_sent_at,
			}
		: null
}

async function loadQuotes(db: Db, demandId: number, matchIds: number[]): Promise<Map<number, QuoteView>> {
	const out = new Map<number, QuoteView>()
	if (matchIds.length === 0) return out
	const rows = await db.selectFrom('quote').selectAll().where('match_id', 'in', matchIds).orderBy('id').execute()
	for (const q of rows) {
		// The latest answer on a match is the one that counts.
		out.set(q.match_id, {
			id: q.id,
			status: q.status,
			unitPrice: q.unit_price,
			totalPrice: q.total_price,
			deliveryDate: q.delivery_date,
			validUntil: q.valid_until,
			note: q.note,
			declineReason: q.decline_reason,
			attachmentHref: q.attachment_file ? `/demands/${demandId}/quotes/${q.id}/attachment` : null,
			createdAt: q.created_at,
		})
	}
	return out
}

async function loadMessages(db: Db, matchIds: number[]) {
	if (matchIds.length === 0) return []
	return db.selectFrom('message').selectAll().where('match_id', 'in', matchIds).orderBy('id').execute()
}

/** The rule of contact reveal: an inquiry was sent and the maker answered it (a quote or a message). */
function isRevealed(
	match: { inquiry_sent_at: string | null; org_id: number },
	quote: QuoteView | undefined,
	messages: ReadonlyArray<{ author_org_id: number }>,
): boolean {
	if (!match.inquiry_sent_at) return false
	const quoted = quote !== undefined && quote.status !== 'declined'
	return quoted || messages.some((m) => m.author_org_id === match.org_id)
}

async function loadContacts(db: Db, orgIds: number[]): Promise<Map<number, Contact>> {
	const out = new Map<number, Contact>()
	if (orgIds.length === 0) return out
	const rows = await db
		.selectFrom('organization')
		.select(['id', 'name', 'name_en', 'contact_person', 'contact_phone', 'contact_email'])
		.where('id', 'in', [...new Set(orgIds)])
		.execute()
	for (const r of rows) {
		out.set(r.id, {
			orgName: r.name,
			orgNameEn: r.name_en,
			person: r.contact_person,
			phone: r.contact_phone,
			email: r.contact_email,
		})
	}
	return out
}

function toProductView(r: MatchJoinRow): MatchProductView {
	return {
		id: r.product_id,
		ref: r.product_ref,
		name: r.product_name,
		nameEn: r.product_name_en,
		model: r.product_model,
		categoryKey: r.category_key as CategoryKey,
		energyGrade: r.energy_grade,
		priceMin: r.price_min,
		priceMax: r.price_max,
		leadTimeDays: r.lead_time_days,
		published: r.product_status === 'published' && r.org_status === 'verified',
		org: { id: r.org_id, name: r.org_name, nameEn: r.org_name_en, inZone: r.in_zone === 1, area: r.area },
	}
}

type ThreadData = {
	rows: MatchJoinRow[]
	quotes: Map<number, QuoteView>
	messages: Map<number, Array<{ id: number; author_org_id: number; body: string; created_at: string }>>
}

async function loadThreads(db: Db, demandId: number, rows: MatchJoinRow[]): Promise<ThreadData> {
	const ids = rows.filter((r) => r.status !== 'suggested' && r.status !== 'shortlisted').map((r) => r.id)
	const quotes = await loadQuotes(db, demandId, ids)
	const messages = new Map<number, Array<{ id: number; author_org_id: number; body: string; created_at: string }>>()
	for (const m of await loadMessages(db, ids)) messages.set(m.match_id, [...(messages.get(m.match_id) ?? []), m])
	return { rows, quotes, messages }
}

function toThreadMessages(
	list: ReadonlyArray<{ id: number; author_org_id: number; body: string; created_at: string }> | undefined,
	makerOrgId: number,
	viewerOrgId: number | null,
): ThreadMessage[] {
	return (list ?? []).map((m) => ({
		id: m.id,
		side: m.author_org_id === makerOrgId ? 'maker' : 'buyer',
		mine: viewerOrgId !== null && m.author_org_id === viewerOrgId,
		body: m.body,
		createdAt: m.created_at,
	}))
}

async function orgStatus(db: Db, orgId: number): Promise<string | undefined> {
	return (await db.selectFrom('organization').select('status').where('id', '=', orgId).executeTakeFirst())?.status
}

/** Inquiries the organization has sent since the start of today (Beijing time). */
export async function countInquiriesToday(db: Db, orgId: number, now = new Date()): Promise<number> {
	const row = await db
		.selectFrom('match')
		.innerJoin('demand', 'demand.id', 'match.demand_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('demand.organization_id', '=', orgId)
		.where('match.inquiry_sent_at', '>=', chinaDayStart(now))
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

// ───────────────────────── the demand page ─────────────────────────

/**
 * Everything /demands/:id shows to this viewer, and nothing more (the serialization allowlist of
 * R17): the owner's organization and admins get the budget, the matches, quotes and revealed
 * contacts; a maker gets the public demand plus its own inquiries; everyone else the public
 * demand. Undefined when the viewer may not see the demand at all (a 404).
 */
export async function getDemandPage(
	db: Db,
	viewer: Pick<CurrentUser, 'id' | 'isAdmin' | 'organizationId' | 'organization'> | null,
	id: number,
	options: { now?: Date } = {},
): Promise<DemandPage | undefined> {
	const now = options.now ?? new Date()
	const row = await getDemandRow(db, id)
	if (!row) return undefined
	const viewerOrg = viewer?.organizationId ?? null
	const isOwner = viewerOrg !== null && viewerOrg === row.organization_id
	if (isOwner || viewer?.isAdmin) {
		const demand = toOwnerDemand(row, now)
		const rows = (await selectMatches(db, { demandId: id })).filter(
			// A suggestion whose product went away is gone; a workflow row stays whatever happened.
			(r) => r.status !== 'suggested' || (r.product_status === 'published' && r.org_status === 'verified'),
		)
		const threads = await loadThreads(db, id, rows)
		const revealedOrgs = rows
			.filter((r) => isRevealed(r, threads.quotes.get(r.id), threads.messages.get(r.id) ?? []))
			.map((r) => r.org_id)
		const contacts = await loadContacts(db, revealedOrgs)
		const matches: OwnerMatch[] = rows.map((r) => {
			const quote = threads.quotes.get(r.id)
			const revealed = isRevealed(r, quote, threads.messages.get(r.id) ?? [])
			return {
				id: r.id,
				status: r.status,
				score: r.score,
				reasons: parseReasons(r.reasons),
				product: toProductView(r),
				inquiry: inquiryOf(r),
				quote: quote ?? null,
				messages: toThreadMessages(threads.messages.get(r.id), r.org_id, isOwner ? row.organization_id : null),
				makerContact: revealed ? (contacts.get(r.org_id) ?? null) : null,
			}
		})
		return {
			view: 'owner',
			canAct: isOwner,
			demand,
			matches,
			missing: missingDetails(demand),
			inquiriesToday: await countInquiriesToday(db, row.organization_id, now),
			dailyLimit: INQUIRY_DAILY_LIMIT,
		}
	}
	const mine =
		viewerOrg === null
			? []
			: (await selectMatches(db, { demandId: id, makerOrgId: viewerOrg })).filter((r) => WORKFLOW.includes(r.status))
	const publicNow = isActiveStatus(row.status) && (await orgStatus(db, row.organization_id)) === 'verified'
	if (!publicNow && mine.length === 0) return undefined
	const threads = await makerThreads(db, row, mine, viewerOrg)
	const org = viewer?.organization
	const canReport =
		org != null && org.status === 'verified' && org.roles.includes('supplier') && isActiveStatus(row.status)
	const reported =
		viewerOrg !== null &&
		(await db
			.selectFrom('demand_report')
			.select('id')
			.where('demand_id', '=', id)
			.where('organization_id', '=', viewerOrg)
			.executeTakeFirst()) !== undefined
	return {
		view: 'public',
		demand: toPublicDemand(row, now),
		viewer: { signedIn: viewer != null, canReport: canReport && !reported, reported },
		threads,
	}
}

async function makerThreads(
	db: Db,
	demand: DemandRow,
	rows: MatchJoinRow[],
	viewerOrg: number | null,
): Promise<MakerThread[]> {
	if (rows.length === 0) return []
	const data = await loadThreads(db, demand.id, rows)
	const anyRevealed = rows.some((r) => isRevealed(r, data.quotes.get(r.id), data.messages.get(r.id) ?? []))
	const buyer = anyRevealed ? (await loadContacts(db, [demand.organization_id])).get(demand.organization_id) : undefined
	return rows.map((r) => {
		const quote = data.quotes.get(r.id)
		const revealed = isRevealed(r, quote, data.messages.get(r.id) ?? [])
		return {
			matchId: r.id,
			status: r.status,
			score: r.score,
			reasons: redactForSupplier(parseReasons(r.reasons)),
			product: { id: r.product_id, name: r.product_name, nameEn: r.product_name_en },
			inquiry: inquiryOf(r),
			quote: quote ?? null,
			messages: toThreadMessages(data.messages.get(r.id), r.org_id, viewerOrg),
			buyerContact: revealed ? (buyer ?? null) : null,
		}
	})
}

// ───────────────────────── the maker's workspace ─────────────────────────

export type MakerInquirySummary = {
	matchId: number
	status: MatchStatus
	demand: {
		id: number
		title: string
		categoryKey: string | null
		quantity: number
		neededBy: string | null
		live: boolean
	}
	product: { id: number; name: string }
	inquiry: InquiryView | null
	messageCount: number
}

/** The inquiries the organization's products received, newest first. */
export async function listMakerInquiries(db: Db, orgId: number): Promise<MakerInquirySummary[]> {
	const rows = await db
		.selectFrom('match')
		.innerJoin('product', 'product.id', 'match.product_id')
		.innerJoin('demand', 'demand.id', 'match.demand_id')
		.select([
			'match.id',
			'match.status',
			'match.inquiry_message',
			'match.inquiry_quantity',
			'match.inquiry_wanted_date',
			'match.inquiry_sent_at',
			'demand.id as demand_id',
			'demand.title',
			'demand.category_key',
			'demand.quantity',
			'demand.needed_by',
			'demand.status as demand_status',
			'product.id as product_id',
			'product.name as product_name',
			(eb) =>
				eb
					.selectFrom('message')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('message.match_id', '=', 'match.id')
					.as('message_count'),
		])
		.where('product.organization_id', '=', orgId)
		.where('match.status', 'in', [...WORKFLOW])
		.orderBy('match.inquiry_sent_at', 'desc')
		.orderBy('match.id', 'desc')
		.limit(500)
		.execute()
	return rows.map((r) => ({
		matchId: r.id,
		status: r.status,
		demand: {
			id: r.demand_id,
			title: r.title,
			categoryKey: r.category_key,
			quantity: r.quantity,
			neededBy: r.needed_by,
			live: isActiveStatus(r.demand_status),
		},
		product: { id: r.product_id, name: r.product_name },
		inquiry: r.inquiry_sent_at
			? {
					message: r.inquiry_message,
					quantity: r.inquiry_quantity,
					wantedDate: r.inquiry_wanted_date,
					sentAt: r.inquiry_sent_at,
				}
			: null,
		messageCount: Number(r.message_count ?? 0),
	}))
}

export type MakerInquiryPage = {
	demand: PublicDemand
	thread: MakerThread
	/** The inquiry waits for an answer and the demand is still live. */
	canAnswer: boolean
	today: string
}

/** One inquiry of the organization's products, or undefined (not theirs, or never asked). */
export async function getMakerInquiry(
	db: Db,
	actor: Actor,
	matchId: number,
	options: { now?: Date } = {},
): Promise<MakerInquiryPage | undefined> {
	const now = options.now ?? new Date()
	if (actor.orgId == null) return undefined
	const [row] = (await selectMatches(db, { matchId, makerOrgId: actor.orgId })).filter((r) =>
		WORKFLOW.includes(r.status),
	)
	if (!row) return undefined
	const demand = await getDemandRow(db, row.demand_id)
	if (!demand) return undefined
	const [thread] = await makerThreads(db, demand, [row], actor.orgId)
	if (!thread) return undefined
	return {
		demand: toPublicDemand(demand, now),
		thread,
		canAnswer: row.status === 'inquiry_sent' && isActiveStatus(demand.status),
		today: chinaToday(now),
	}
}

// ───────────────────────── buyer's actions ─────────────────────────

type OwnMatch = { demand: DemandRow; match: MatchJoinRow }

/** The actor's demand and one of its matches, or not found. */
async function ownMatch(trx: Db, actor: Actor, demandId: number, matchId: number): Promise<OwnMatch | undefined> {
	const demand = await getOwnDemandRow(trx, actor, demandId)
	if (!demand) return undefined
	const [match] = await selectMatches(trx, { demandId, matchId })
	return match ? { demand, match } : undefined
}

async function changeMatchStatus(
	trx: Db,
	actor: Actor | null,
	match: { id: number; status: MatchStatus },
	to: MatchStatus,
	action: string,
	now: Date,
	detail: Record<string, unknown> = {},
): Promise<void> {
	await trx.updateTable('match').set({ status: to, updated_at: now.toISOString() }).where('id', '=', match.id).execute()
	await recordAudit(trx, {
		actorUserId: actor?.userId ?? null,
		actorOrgId: actor?.orgId ?? null,
		action,
		objectType: 'match',
		objectId: match.id,
		fromStatus: match.status,
		toStatus: to,
		detail,
		ip: actor?.ip ?? null,
	})
}

/** Puts a suggestion on the buyer's shortlist (or takes it off); the maker hears of it. */
export async function setShortlisted(
	services: WorkflowServices,
	actor: Actor,
	demandId: number,
	matchId: number,
	shortlisted: boolean,
	options: { now?: Date } = {},
): Promise<Outcome<{ matchId: number }>> {
	const now = options.now ?? new Date()
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ matchId: number }>> => {
		const found = await ownMatch(trx, actor, demandId, matchId)
		if (!found) return NOT_FOUND
		const { demand, match } = found
		if (!isActiveStatus(demand.status)) return fail('notOpen')
		const from: MatchStatus = shortlisted ? 'suggested' : 'shortlisted'
		if (match.status !== from) return fail('invalidState')
		await changeMatchStatus(
			trx,
			actor,
			match,
			shortlisted ? 'shortlisted' : 'suggested',
			shortlisted ? 'match.shortlist' : 'match.unshortlist',
			now,
		)
		await notify(trx, {
			organizationId: match.org_id,
			kind: shortlisted ? 'match.shortlisted' : 'match.unshortlisted',
			payload: { demandId, demandTitle: demand.title, matchId, productName: match.product_name },
			link: `/demands/${demandId}`,
			email: false,
			mail: mailOf(services),
		})
		return { ok: true, value: { matchId } }
	})
}

export type InquiryInput = { matchIds: number[]; message: string; quantity: number; wantedDate: string }

/**
 * Sends one inquiry to each chosen maker (suggested or shortlisted matches of the buyer's live
 * demand), all or none: the day's limit, the expiry date and every match are checked first.
 */
export async function sendInquiries(
	services: WorkflowServices,
	actor: Actor,
	demandId: number,
	input: InquiryInput,
	options: { now?: Date; dailyLimit?: number } = {},
): Promise<Outcome<{ sent: number }>> {
	const now = options.now ?? new Date()
	const limit = options.dailyLimit ?? INQUIRY_DAILY_LIMIT
	const matchIds = [...new Set(input.matchIds)]
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ sent: number }>> => {
		const demand = await getOwnDemandRow(trx, actor, demandId)
		if (!demand || actor.orgId == null) return NOT_FOUND
		if (!isActiveStatus(demand.status)) return fail('notOpen')
		if (isExpired(demand.expires_at, now)) return fail('expired')
		if (input.wantedDate < chinaToday(now)) return fail('datePast', 400, 'wantedDate')
		const matches = (await selectMatches(trx, { demandId })).filter((m) => matchIds.includes(m.id))
		if (matches.length !== matchIds.length) return NOT_FOUND
		if (matches.some((m) => m.status !== 'suggested' && m.status !== 'shortlisted')) return fail('invalidState')
		if (matches.some((m) => m.org_status !== 'verified')) return fail('invalidState')
		const today = await countInquiriesToday(trx, actor.orgId, now)
		if (today + matches.length > limit) return fail('inquiryLimit', 429)
		const stamp = now.toISOString()
		for (const m of matches) {
			await trx
				.updateTable('match')
				.set({
					status: 'inquiry_sent',
					inquiry_message: input.message,
					inquiry_quantity: input.quantity,
					inquiry_wanted_date: input.wantedDate,
					inquiry_sent_at: stamp,
					updated_at: stamp,
				})
				.where('id', '=', m.id)
				.execute()
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.orgId,
				action: 'match.inquire',
				objectType: 'match',
				objectId: m.id,
				fromStatus: m.status,
				toStatus: 'inquiry_sent',
				detail: { demandId, quantity: input.quantity },
				ip: actor.ip,
			})
			await notify(trx, {
				organizationId: m.org_id,
				kind: 'inquiry.received',
				payload: { demandId, demandTitle: demand.title, matchId: m.id, productName: m.product_name },
				link: `/workspace/inquiries/${m.id}`,
				mail: mailOf(services),
			})
		}
		return { ok: true, value: { sent: matches.length } }
	})
}

/**
 * The buyer picks the winning quote: that match is won, every other open inquiry on the demand
 * is lost, and the demand closes as won — one transaction, each change audited and announced.
 */
export async function markQuoteWon(
	services: WorkflowServices,
	actor: Actor,
	demandId: number,
	matchId: number,
	options: { now?: Date } = {},
): Promise<Outcome<{ matchId: number }>> {
	const now = options.now ?? new Date()
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ matchId: number }>> => {
		const found = await ownMatch(trx, actor, demandId, matchId)
		if (!found) return NOT_FOUND
		const { demand, match } = found
		if (!isActiveStatus(demand.status)) return fail('notOpen')
		const quote = await trx
			.selectFrom('quote')
			.select(['id', 'status'])
			.where('match_id', '=', matchId)
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst()
		if (match.status !== 'quoted' || quote?.status !== 'sent') return fail('invalidState')
		await trx
			.updateTable('quote')
			.set({ status: 'won', updated_at: now.toISOString() })
			.where('id', '=', quote.id)
			.execute()
		await changeMatchStatus(trx, actor, match, 'won', 'match.won', now, { demandId, quoteId: quote.id })
		await notify(trx, {
			organizationId: match.org_id,
			kind: 'quote.won',
			payload: { demandId, demandTitle: demand.title, matchId, productName: match.product_name },
			link: `/workspace/inquiries/${matchId}`,
			mail: mailOf(services),
		})
		await closeDemandInTransaction(trx, demand, 'won', actor, { now, mail: mailOf(services), keepMatchId: matchId })
		return { ok: true, value: { matchId } }
	})
}

// ───────────────────────── maker's actions ─────────────────────────

/** A match of the maker's products that an inquiry reached, or undefined. */
async function makerMatch(
	trx: Db,
	actor: Actor,
	matchId: number,
): Promise<{ match: MatchJoinRow; demand: DemandRow } | undefined> {
	if (actor.orgId == null) return undefined
	const [match] = await selectMatches(trx, { matchId, makerOrgId: actor.orgId })
	if (!match || !WORKFLOW.includes(match.status)) return undefined
	const demand = await getDemandRow(trx, match.demand_id)
	return demand ? { match, demand } : undefined
}

async function wasRevealed(trx: Db, match: MatchJoinRow): Promise<boolean> {
	const quote = await trx
		.selectFrom('quote')
		.select('id')
		.where('match_id', '=', match.id)
		.where('status', '!=', 'declined')
		.executeTakeFirst()
	if (!match.inquiry_sent_at) return false
	if (quote) return true
	const answer = await trx
		.selectFrom('message')
		.select('id')
		.where('match_id', '=', match.id)
		.where('author_org_id', '=', match.org_id)
		.executeTakeFirst()
	return answer !== undefined
}

export type Attachment = { bytes: Uint8Array }

/** The kind of an uploaded file by its first bytes: PDF, JPEG or PNG, or null for anything else. */
export function sniffAttachment(bytes: Uint8Array): 'pdf' | 'jpg' | 'png' | null {
	const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b)
	if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
	if (starts([0xff, 0xd8, 0xff])) return 'jpg'
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
	return null
}

const ATTACHMENT_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(pdf|jpg|png)$/
const MIME: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' }

function quotesDir(dataDir: string): string {
	return join(dataDir, 'uploads', 'quotes')
}

/** Checks an attachment before anything is written: size and magic bytes. */
export function checkAttachment(file: Attachment | null): Outcome<{ ext: 'pdf' | 'jpg' | 'png' } | null> {
	if (!file) return { ok: true, value: null }
	if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES) return fail('attachmentTooLarge', 400, 'attachment')
	const ext = sniffAttachment(file.bytes)
	if (!ext) return fail('attachmentType', 400, 'attachment')
	return { ok: true, value: { ext } }
}

/**
 * The maker answers an inquiry with a quote (and an optional PDF/JPEG/PNG, stored under
 * DATA_DIR/uploads/quotes with a name we make up). Answering reveals both sides' contacts.
 */
export async function submitQuote(
	services: WorkflowServices,
	actor: Actor,
	matchId: number,
	input: QuoteInput,
	attachment: Attachment | null,
	options: { now?: Date; dataDir: string },
): Promise<Outcome<{ quoteId: number }>> {
	const now = options.now ?? new Date()
	const checked = checkAttachment(attachment)
	if (!checked.ok) return checked
	const today = chinaToday(now)
	if (input.deliveryDate < today) return fail('datePast', 400, 'deliveryDate')
	if (input.validUntil < today) return fail('datePast', 400, 'validUntil')
	// Cheap checks before the file is written; the transaction checks again.
	const pre = await makerMatch(services.db, actor, matchId)
	if (!pre) return NOT_FOUND
	if (pre.match.status !== 'inquiry_sent') return fail('invalidState')
	if (!isActiveStatus(pre.demand.status)) return fail('notOpen')
	let fileName: string | null = null
	if (attachment && checked.value) {
		fileName = `${randomUUID()}.${checked.value.ext}`
		await mkdir(quotesDir(options.dataDir), { recursive: true })
		await writeFile(join(quotesDir(options.dataDir), fileName), attachment.bytes, { flag: 'wx' })
	}
	try {
		const result = await services.db.transaction().execute(async (trx): Promise<Outcome<{ quoteId: number }>> => {
			const found = await makerMatch(trx, actor, matchId)
			if (!found) return NOT_FOUND
			const { match, demand } = found
			if (match.status !== 'inquiry_sent') return fail('invalidState')
			if (!isActiveStatus(demand.status)) return fail('notOpen')
			const revealedBefore = await wasRevealed(trx, match)
			const stamp = now.toISOString()
			const quote = await trx
				.insertInto('quote')
				.values({
					match_id: matchId,
					unit_price: input.unitPrice,
					total_price: input.totalPrice,
					delivery_date: input.deliveryDate,
					valid_until: input.validUntil,
					note: input.note ?? null,
					attachment_file: fileName,
					status: 'sent',
					created_at: stamp,
					updated_at: stamp,
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await changeMatchStatus(trx, actor, match, 'quoted', 'match.quote', now, {
				demandId: demand.id,
				quoteId: quote.id,
				contactRevealed: !revealedBefore,
			})
			await notify(trx, {
				organizationId: demand.organization_id,
				kind: 'quote.received',
				payload: {
					demandId: demand.id,
					demandTitle: demand.title,
					matchId,
					productName: match.product_name,
					orgName: match.org_name,
				},
				link: `/demands/${demand.id}#match-${matchId}`,
				mail: mailOf(services),
			})
			return { ok: true, value: { quoteId: quote.id } }
		})
		if (!result.ok && fileName) await unlink(join(quotesDir(options.dataDir), fileName)).catch(() => undefined)
		return result
	} catch (error) {
		if (fileName) await unlink(join(quotesDir(options.dataDir), fileName)).catch(() => undefined)
		throw error
	}
}

/** The maker declines an inquiry, saying why; the buyer hears of it. Contacts stay hidden. */
export async function declineInquiry(
	services: WorkflowServices,
	actor: Actor,
	matchId: number,
	reason: string,
	options: { now?: Date } = {},
): Promise<Outcome<{ matchId: number }>> {
	const now = options.now ?? new Date()
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ matchId: number }>> => {
		const found = await makerMatch(trx, actor, matchId)
		if (!found) return NOT_FOUND
		const { match, demand } = found
		if (match.status !== 'inquiry_sent') return fail('invalidState')
		const stamp = now.toISOString()
		await trx
			.insertInto('quote')
			.values({ match_id: matchId, status: 'declined', decline_reason: reason, created_at: stamp, updated_at: stamp })
			.execute()
		await changeMatchStatus(trx, actor, match, 'declined', 'match.decline', now, { demandId: demand.id })
		await notify(trx, {
			organizationId: demand.organization_id,
			kind: 'inquiry.declined',
			payload: {
				demandId: demand.id,
				demandTitle: demand.title,
				matchId,
				productName: match.product_name,
				orgName: match.org_name,
				reason,
			},
			link: `/demands/${demand.id}#match-${matchId}`,
			mail: mailOf(services),
		})
		return { ok: true, value: { matchId } }
	})
}

// ───────────────────────── both sides ─────────────────────────

/**
 * A message on a match's thread, from the buyer or the maker. The thread opens with the inquiry;
 * a maker's first message answers it, which reveals both contacts (audited as contact.reveal).
 */
export async function postMessage(
	services: WorkflowServices,
	actor: Actor,
	matchId: number,
	body: string,
	options: { now?: Date; demandId?: number } = {},
): Promise<Outcome<{ messageId: number; demandId: number }>> {
	const now = options.now ?? new Date()
	const text = body.trim().slice(0, DEMAND_LIMITS.message)
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ messageId: number; demandId: number }>> => {
		if (actor.orgId == null) return NOT_FOUND
		const [match] = await selectMatches(trx, { matchId })
		if (!match) return NOT_FOUND
		if (options.demandId !== undefined && match.demand_id !== options.demandId) return NOT_FOUND
		const demand = await getDemandRow(trx, match.demand_id)
		if (!demand) return NOT_FOUND
		const side = actor.orgId === demand.organization_id ? 'buyer' : actor.orgId === match.org_id ? 'maker' : null
		if (!side) return NOT_FOUND
		if (!WORKFLOW.includes(match.status)) return side === 'maker' ? NOT_FOUND : fail('threadClosed')
		const revealedBefore = side === 'maker' ? await wasRevealed(trx, match) : true
		const row = await trx
			.insertInto('message')
			.values({
				match_id: matchId,
				author_user_id: actor.userId,
				author_org_id: actor.orgId,
				body: text,
				created_at: now.toISOString(),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		if (!revealedBefore) {
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.orgId,
				action: 'contact.reveal',
				objectType: 'match',
				objectId: matchId,
				detail: { demandId: demand.id, by: 'message' },
				ip: actor.ip,
			})
		}
		await notify(trx, {
			organizationId: side === 'buyer' ? match.org_id : demand.organization_id,
			kind: 'message.received',
			payload: {
				demandId: demand.id,
				demandTitle: demand.title,
				matchId,
				productName: match.product_name,
				orgName: side === 'maker' ? match.org_name : undefined,
			},
			link: side === 'buyer' ? `/workspace/inquiries/${matchId}` : `/demands/${demand.id}#match-${matchId}`,
			mail: mailOf(services),
		})
		return { ok: true, value: { messageId: row.id, demandId: demand.id } }
	})
}

/** A maker reports a live demand as junk or abuse: once per organization, audited for the administrators. */
export async function reportDemand(
	services: WorkflowServices,
	actor: Actor,
	demandId: number,
	reason: string,
	options: { now?: Date } = {},
): Promise<Outcome<{ reportId: number }>> {
	const now = options.now ?? new Date()
	return services.db.transaction().execute(async (trx): Promise<Outcome<{ reportId: number }>> => {
		if (actor.orgId == null) return NOT_FOUND
		const demand = await getDemandRow(trx, demandId)
		if (!demand || !isActiveStatus(demand.status) || (await orgStatus(trx, demand.organization_id)) !== 'verified') {
			return NOT_FOUND
		}
		if (demand.organization_id === actor.orgId) return fail('ownDemand')
		const existing = await trx
			.selectFrom('demand_report')
			.select('id')
			.where('demand_id', '=', demandId)
			.where('organization_id', '=', actor.orgId)
			.executeTakeFirst()
		if (existing) return fail('alreadyReported')
		const row = await trx
			.insertInto('demand_report')
			.values({ demand_id: demandId, organization_id: actor.orgId, reason, created_at: now.toISOString() })
			.returning('id')
			.executeTakeFirstOrThrow()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.orgId,
			action: 'demand.report',
			objectType: 'demand',
			objectId: demandId,
			detail: { reportId: row.id },
			ip: actor.ip,
		})
		return { ok: true, value: { reportId: row.id } }
	})
}

/**
 * A quote's attachment for a party of its match (the buyer's organization, the maker's) or an
 * administrator; undefined for everyone else and for anything that does not add up.
 */
export async function getQuoteAttachment(
	db: Db,
	viewer: Pick<CurrentUser, 'isAdmin' | 'organizationId'>,
	demandId: number,
	quoteId: number,
	options: { dataDir: string },
): Promise<{ bytes: Uint8Array; mime: string; fileName: string } | undefined> {
	const row = await db
		.selectFrom('quote')
		.innerJoin('match', 'match.id', 'quote.match_id')
		.innerJoin('product', 'product.id', 'match.product_id')
		.innerJoin('demand', 'demand.id', 'match.demand_id')
		.select([
			'quote.id',
			'quote.attachment_file',
			'demand.organization_id as buyer',
			'product.organization_id as maker',
		])
		.where('quote.id', '=', quoteId)
		.where('demand.id', '=', demandId)
		.executeTakeFirst()
	if (!row?.attachment_file) return undefined
	const party =
		viewer.organizationId != null && (viewer.organizationId === row.buyer || viewer.organizationId === row.maker)
	if (!party && !viewer.isAdmin) return undefined
	const m = ATTACHMENT_NAME.exec(row.attachment_file)
	if (!m) return undefined
	const ext = m[1] as 'pdf' | 'jpg' | 'png'
	try {
		const bytes = await readFile(join(quotesDir(options.dataDir), row.attachment_file))
		return { bytes, mime: MIME[ext] ?? 'application/octet-stream', fileName: `quote-${row.id}.${ext}` }
	} catch {
		return undefined
	}
}

/**
 * Reads a POST body that may carry the quote attachment: fields as text, the `attachment` file
 * into memory up to the limit (a larger one is drained and reported, not stored), any other
 * file dropped. A body that is not a form at all is a 400; an absurdly large one a 413.
 */
export async function readUploadForm(
	request: Request,
): Promise<{ formData: FormData; attachment: Attachment | null; tooLarge: boolean }> {
	const bad = (status: number) =>
		new Response(status === 413 ? 'Payload too large 文件过大' : 'Bad request 请求无效', {
			status,
			headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		})
	const length = Number(request.headers.get('Content-Length') ?? 0)
	if (length > ATTACHMENT_MAX_BYTES * 2) throw bad(413)
	const type = request.headers.get('Content-Type') ?? ''
	if (!type.startsWith('multipart/form-data')) {
		try {
			return { formData: await request.formData(), attachment: null, tooLarge: false }
		} catch {
			throw bad(400)
		}
	}
	let attachment: Attachment | null = null
	let tooLarge = false
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(request, async (part) => {
			const chunks: Uint8Array[] = []
			let size = 0
			for await (const chunk of part.data) {
				size += chunk.byteLength
				if (size > ATTACHMENT_MAX_BYTES * 2) throw bad(413)
				if (size <= ATTACHMENT_MAX_BYTES + 1) chunks.push(chunk)
			}
			if (part.filename === undefined) {
				if (size > 64 * 1024) throw bad(413)
				return new TextDecoder().decode(concat(chunks, size))
			}
			if (part.name !== 'attachment' || size === 0) return undefined
			if (size > ATTACHMENT_MAX_BYTES) tooLarge = true
			else attachment = { bytes: concat(chunks, size) }
			return undefined
		})
	} catch (error) {
		if (error instanceof Response) throw error
		throw bad(400)
	}
	return { formData, attachment, tooLarge }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
	const out = new Uint8Array(Math.min(size, ATTACHMENT_MAX_BYTES + 1))
	let offset = 0
	for (const c of chunks) {
		const take = Math.min(c.byteLength, out.byteLength - offset)
		out.set(c.subarray(0, take), offset)
		offset += take
		if (offset >= out.byteLength) break
	}
	return out
}
