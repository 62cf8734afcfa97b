import type { Db } from '#db/schema.ts'
import { queueEmail, type MailOptions } from './mail.server.ts'

/**
 * In-app notifications (and their e-mails in the outbox). Workflow notifications belong to an
 * organization (user_id null: every member sees them, one read mark for all); opportunity
 * notifications belong to one person, because whether they come one per demand or as a daily
 * digest is that person's choice (user.digest). Write them in the same transaction as the change
 * they announce: a rolled-back change announces nothing.
 */

export const NOTIFICATION_KINDS = [
	'opportunity.new',
	'opportunity.digest',
	'match.shortlisted',
	'match.unshortlisted',
	'inquiry.received',
	'inquiry.declined',
	'quote.received',
	'quote.won',
	'quote.lost',
	'message.received',
	'demand.closed',
	'demand.expired',
	// Written by the admin model (organization verification, product review).
	'organization.verified',
	'organization.rejected',
	'organization.disabled',
	'organization.enabled',
	'product.published',
	'product.rejected',
	// Written by the leasing model (its e-mails are its own: emailOrg in leasing.server.ts).
	'lease_request.created',
	'lease_offer.received',
	'lease_offer.accepted',
	'lease_offer.declined',
	'lease_offer.withdrawn',
	'leasing_demand.new',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Public words only: titles and names, never budgets or contacts (the other side reads these). */
export type NotificationPayload = {
	demandId?: number
	demandTitle?: string
	matchId?: number
	productName?: string
	orgName?: string
	/** The organization's or product's name, in admin notices. */
	name?: string
	reason?: string
	/** A leasing offer declined because the enterprise accepted another (shown via i18n, not a reason). */
	automatic?: boolean
	offerId?: number
	programId?: number
	programName?: string
	score?: number
	actorUserId?: number
	count?: number
	titles?: string[]
}

export type Notification = {
	id: number
	kind: NotificationKind
	payload: NotificationPayload
	link: string | null
	read: boolean
	createdAt: string
}

type Viewer = { id: number; organizationId: number | null }

const EMAIL_TEXT: Record<NotificationKind, { zh: string; en: string }> = {
	'opportunity.new': { zh: '新的商机', en: 'A new demand fits your products' },
	'opportunity.digest': { zh: '今日商机汇总', en: 'Your daily digest of new demands' },
	'match.shortlisted': { zh: '您的产品进入需求方候选清单', en: 'Your product was shortlisted' },
	'match.unshortlisted': { zh: '您的产品被移出候选清单', en: 'Your product was removed from a shortlist' },
	'inquiry.received': { zh: '收到新的询价', en: 'New inquiry' },
	'inquiry.declined': { zh: '供应商婉拒了询价', en: 'A supplier declined your inquiry' },
	'quote.received': { zh: '收到新的报价', en: 'New quote' },
	'quote.won': { zh: '您的报价已中选', en: 'Your quote won' },
	'quote.lost': { zh: '您的报价未中选', en: 'Your quote was not selected' },
	'message.received': { zh: '收到新消息', en: 'New message' },
	'demand.closed': { zh: '需求已关闭', en: 'A demand was closed' },
	'demand.expired': { zh: '需求已到期', en: 'Your demand has expired' },
	'organization.verified': { zh: '企业已通过认证', en: 'Your organization is verified' },
	'organization.rejected': { zh: '企业认证未通过', en: 'Your organization was not verified' },
	'organization.disabled': { zh: '企业账号已停用', en: 'Your organization was disabled' },
	'organization.enabled': { zh: '企业账号已恢复', en: 'Your organization was re-enabled' },
	'product.published': { zh: '产品已通过审核并发布', en: 'Your product was approved and published' },
	'product.rejected': { zh: '产品未通过审核', en: 'Your product was not approved' },
	'lease_request.created': { zh: '企业请您提供融资租赁报价', en: 'An enterprise asks you for a leasing offer' },
	'lease_offer.received': { zh: '收到新的融资租赁报价', en: 'New leasing offer' },
	'lease_offer.accepted': { zh: '您的融资租赁报价已被接受', en: 'Your leasing offer was accepted' },
	'lease_offer.declined': { zh: '您的融资租赁报价未被接受', en: 'Your leasing offer was declined' },
	'lease_offer.withdrawn': { zh: '租赁机构撤回了报价', en: 'A leasing offer was withdrawn' },
	'leasing_demand.new': { zh: '新的融资租赁需求与您的方案匹配', en: 'A new leasing demand fits your programmes' },
}

function isKind(value: string): value is NotificationKind {
	return (NOTIFICATION_KINDS as readonly string[]).includes(value)
}

function parsePayload(text: string): NotificationPayload {
	try {
		const v: unknown = JSON.parse(text)
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as NotificationPayload) : {}
	} catch {
		return {}
	}
}

export type NotifyInput = {
	organizationId: number
	/** One person (opportunities); null or absent: the whole organization. */
	userId?: number | null
	kind: NotificationKind
	payload: NotificationPayload
	link: string
	/** Also queue an e-mail to the recipients (default true). */
	email?: boolean
	mail?: MailOptions
}

/** Creates one notification (and its e-mails) in the caller's transaction; returns its id. */
export async function notify(trx: Db, input: NotifyInput): Promise<number> {
	const row = await trx
		.insertInto('notification')
		.values({
			organization_id: input.organizationId,
			user_id: input.userId ?? null,
			kind: input.kind,
			payload: JSON.stringify(input.payload),
			link: input.link,
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	if (input.email !== false) {
		let q = trx
			.selectFrom('user')
			.select('email')
			.where('organization_id', '=', input.organizationId)
			.where('status', '=', 'active')
			.where('email', 'is not', null)
		if (input.userId != null) q = q.where('id', '=', input.userId)
		const text = EMAIL_TEXT[input.kind]
		const subject = `【焕新撮合】${text.zh} / ${text.en}`
		const about = [input.payload.demandTitle, input.payload.productName, input.payload.orgName]
			.filter(Boolean)
			.join(' · ')
		const body = [
			`${text.zh}${about ? `：${about}` : ''}`,
			`${text.en}${about ? `: ${about}` : ''}`,
			'',
			`→ ${input.link}`,
		].join('\n')
		for (const r of await q.execute()) {
			if (r.email) await queueEmail(trx, { to: r.email, subject, body }, input.mail ?? { mode: 'test' })
		}
	}
	return row.id
}

function visibleTo(db: Db, viewer: Viewer & { organizationId: number }) {
	return db
		.selectFrom('notification')
		.where('organization_id', '=', viewer.organizationId)
		.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', viewer.id)]))
}

/** The number of unread notifications of the signed-in person (0 when signed out or without an organization). */
export async function countUnread(db: Db, user: Viewer | null | undefined): Promise<number> {
	if (!user || user.organizationId == null) return 0
	const row = await visibleTo(db, { ...user, organizationId: user.organizationId })
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

/** A page of the person's notifications, newest first, with the unread count. */
export async function listNotifications(
	db: Db,
	user: Viewer,
	options: { limit?: number; offset?: number } = {},
): Promise<{ items: Notification[]; total: number; unread: number }> {
	if (user.organizationId == null) return { items: [], total: 0, unread: 0 }
	const viewer = { ...user, organizationId: user.organizationId }
	const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200)
	const offset = Math.max(Math.trunc(options.offset ?? 0), 0)
	const rows = await visibleTo(db, viewer).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute()
	const total = await visibleTo(db, viewer)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
	return {
		items: rows.flatMap((r) =>
			isKind(r.kind)
				? [
						{
							id: r.id,
							kind: r.kind,
							payload: parsePayload(r.payload),
							link: r.link,
							read: r.read_at !== null,
							createdAt: r.created_at,
						},
					]
				: [],
		),
		total: Number(total.n),
		unread: await countUnread(db, user),
	}
}

/** Marks one of the person's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Db, user: Viewer, id: number, now = new Date()): Promise<boolean> {
	if (user.organizationId == null) return false
	const res = await db
		.updateTable('notification')
		.set({ read_at: now.toISOString() })
		.where('id', '=', id)
		.where('organization_id', '=', user.organizationId)
		.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', user.id)]))
		.executeTakeFirst()
	return Number(res.numUpdatedRows) > 0
}

/** Marks every unread notification of the person read; returns how many. */
export async function markAllNotificationsRead(db: Db, user: Viewer, now = new Date()): Promise<number> {
	if (user.organizationId == null) return 0
	const res = await db
		.updateTable('notification')
		.set({ read_at: now.toISOString() })
		.where('organization_id', '=', user.organizationId)
		.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', user.id)]))
		.where('read_at', 'is', null)
		.executeTakeFirst()
	return Number(res.numUpdatedRows)
}

/** Whether the person wants new opportunities as one daily digest instead of one notification each. */
export async function getDigestPreference(db: Db, userId: number): Promise<boolean> {
	const row = await db.selectFrom('user').select('digest').where('id', '=', userId).executeTakeFirst()
	return row?.digest === 1
}

/** Stores the digest choice on user.digest. */
export async function setDigestPreference(db: Db, userId: number, digest: boolean): Promise<void> {
	await db
		.updateTable('user')
		.set({ digest: digest ? 1 : 0, updated_at: new Date().toISOString() })
		.where('id', '=', userId)
		.execute()
}

/**
 * Tells the makers whose products a newly published (or changed) demand fits: one in-app
 * notification per person who wants them one by one, once per demand. People on the daily digest
 * hear about it from sendDailyDigests instead. Returns the number of notifications created.
 */
export async function notifyNewOpportunities(
	db: Db,
	demandId: number,
	options: { mail?: MailOptions } = {},
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const demand = await trx
			.selectFrom('demand')
			.select(['id', 'title', 'organization_id', 'status'])
			.where('id', '=', demandId)
			.executeTakeFirst()
		if (!demand || (demand.status !== 'open' && demand.status !== 'matched')) return 0
		const makers = await trx
			.selectFrom('match')
			.innerJoin('product', 'product.id', 'match.product_id')
			.innerJoin('organization', 'organization.id', 'product.organization_id')
			.select(['product.organization_id as orgId', (eb) => eb.fn.max('product.name').as('productName')])
			.where('match.demand_id', '=', demandId)
			.where('organization.status', '=', 'verified')
			.where('product.organization_id', '!=', demand.organization_id)
			.groupBy('product.organization_id')
			.execute()
		const link = `/demands/${demandId}`
		let created = 0
		for (const maker of makers) {
			const people = await trx
				.selectFrom('user')
				.select('id')
				.where('organization_id', '=', maker.orgId)
				.where('status', '=', 'active')
				.where('digest', '=', 0)
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('notification')
								.select('notification.id')
								.whereRef('notification.user_id', '=', 'user.id')
								.where('notification.kind', '=', 'opportunity.new')
								.where('notification.link', '=', link),
						),
					),
				)
				.execute()
			for (const person of people) {
				await notify(trx, {
					organizationId: maker.orgId,
					userId: person.id,
					kind: 'opportunity.new',
					payload: { demandId, demandTitle: demand.title, productName: maker.productName ?? undefined },
					link,
					email: false,
					mail: options.mail,
				})
				created++
			}
		}
		return created
	})
}

/** At most one digest a day per person. */
const DIGEST_INTERVAL_MS = 20 * 3600_000
const DIGEST_WINDOW_MS = 24 * 3600_000

/**
 * The daily digest: for each person who chose it, the open demands newly matched to their
 * organization's products since their last digest (or the last 24 hours), as one notification
 * and one e-mail. Run once a day by the platform's scheduler; running it twice sends nothing new.
 */
export async function sendDailyDigests(db: Db, options: { now?: Date; mail?: MailOptions } = {}): Promise<number> {
	const now = options.now ?? new Date()
	const people = await db
		.selectFrom('user')
		.innerJoin('organization', 'organization.id', 'user.organization_id')
		.select(['user.id', 'user.organization_id'])
		.where('user.digest', '=', 1)
		.where('user.status', '=', 'active')
		.where('organization.status', '=', 'verified')
		.execute()
	let sent = 0
	for (const person of people) {
		const orgId = person.organization_id
		if (orgId == null) continue
		const last = await db
			.selectFrom('notification')
			.select('created_at')
			.where('user_id', '=', person.id)
			.where('kind', '=', 'opportunity.digest')
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst()
		const lastMs = last ? Date.parse(last.created_at) : Number.NaN
		if (Number.isFinite(lastMs) && now.getTime() - lastMs < DIGEST_INTERVAL_MS) continue
		const since = new Date(Number.isFinite(lastMs) ? lastMs : now.getTime() - DIGEST_WINDOW_MS).toISOString()
		const demands = await db
			.selectFrom('match')
			.innerJoin('product', 'product.id', 'match.product_id')
			.innerJoin('demand', 'demand.id', 'match.demand_id')
			.select(['demand.id', 'demand.title'])
			.distinct()
			.where('product.organization_id', '=', orgId)
			.where('demand.organization_id', '!=', orgId)
			.where('demand.status', 'in', ['open', 'matched'])
			.where('match.created_at', '>', since)
			.where('match.created_at', '<=', now.toISOString())
			.orderBy('demand.id', 'desc')
			.execute()
		if (demands.length === 0) continue
		await db.transaction().execute(async (trx) => {
			await notify(trx, {
				organizationId: orgId,
				userId: person.id,
				kind: 'opportunity.digest',
				payload: { count: demands.length, titles: demands.slice(0, 10).map((d) => d.title) },
				link: '/workspace/opportunities',
				mail: options.mail,
			})
		})
		sent++
	}
	return sent
}
