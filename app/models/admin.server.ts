import { sql, type Expression, type SqlBool } from 'kysely'
import { destroyUserSessions } from '#app/auth/session.server.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type { Db, OrganizationStatus, ProductStatus } from '#db/schema.ts'
import {
	ORGANIZATION_TRANSITIONS,
	type AuditListFilters,
	type OrganizationActionInput,
	type OrganizationIntent,
	type OrganizationListFilters,
	type ProductActionInput,
	type ProductListFilters,
	type UserActionInput,
	type UserListFilters,
} from './admin.schema.ts'
import type { Services } from '#app/context.server.ts'
import { recordAudit } from './audit.server.ts'
import { queueEmail, type MailOptions } from './mail.server.ts'
import { refreshProductMatches } from './match.server.ts'
import { parseJsonStrings, parseRoles } from './organization.server.ts'
import { parseSpecs } from './product.server.ts'
import type { OrgRole } from './taxonomy.ts'
import { setProductStatusByAdmin } from './workspace-product.server.ts'

/**
 * The zone administrators' side of accounts, organizations and moderation: review queues, lists
 * with filters, and the status changes of organizations and users. Each change is one
 * transaction holding the change, its audit row (R29), its search outbox rows (R38), a
 * notification for the organization and a queued message — all or nothing. Product review goes
 * through setProductStatusByAdmin (workspace-product.server.ts), which owns product statuses.
 * Admins may see private fields (contacts); these shapes never reach public pages.
 */

export const ADMIN_PAGE_SIZE = 20
export const AUDIT_PAGE_SIZE = 50

export type AdminActor = { id: number; organizationId: number | null }
/** Where the request came from, where links in messages point, and how queued mail is logged. */
export type AdminMeta = { ip: string | null; origin?: string; mail?: MailOptions }

export type AdminChangeResult =
	| { ok: true; from: string; to: string }
	| { ok: false; error: 'notFound' | 'conflict' | 'self' | 'invalid' | 'orgNotVerified' }

export type Page<T> = { items: T[]; total: number; page: number; perPage: number; totalPages: number }

function nowIso(): string {
	return new Date().toISOString()
}

function toPage<T>(items: T[], total: number, page: number, perPage: number): Page<T> {
	return { items, total, page, perPage, totalPages: Math.max(1, Math.ceil(total / perPage)) }
}

/** A case-insensitive (ASCII) substring test without LIKE's wildcards, so `%` and `_` match themselves. */
function contains(column: Expression<string | null>, needle: string): Expression<SqlBool> {
	return sql<SqlBool>`instr(lower(coalesce(${column}, '')), ${needle.toLowerCase()}) > 0`
}

// ——— overview ———

export type AdminOverview = {
	organizations: Record<OrganizationStatus, number>
	pendingProducts: number
	publishedProducts: number
	users: { total: number; active: number; disabled: number; admins: number }
	openDemands: number
	searchOutboxPending: number
	recent: AdminAuditEvent[]
}

/** The figures of the administrators' home page, counted in SQLite. */
export async function getAdminOverview(db: Db): Promise<AdminOverview> {
	const orgRows = await db
		.selectFrom('organization')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute()
	const organizations: Record<OrganizationStatus, number> = { pending: 0, verified: 0, rejected: 0, disabled: 0 }
	for (const r of orgRows) organizations[r.status] = Number(r.n)
	const pendingProducts = await db
		.selectFrom('product')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	// Public means published by a verified organization: what the directory and search show.
	const publishedProducts = await db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.organization_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('product.status', '=', 'published')
		.where('organization.status', '=', 'verified')
		.executeTakeFirstOrThrow()
	const users = await db
		.selectFrom('user')
		.select((eb) => [
			eb.fn.countAll<number>().as('total'),
			eb.fn.sum<number>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active'),
			eb.fn.sum<number>('is_admin').as('admins'),
		])
		.executeTakeFirstOrThrow()
	const openDemands = await db
		.selectFrom('demand')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow()
	const outbox = await db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	const total = Number(users.total)
	const active = Number(users.active ?? 0)
	const recent = await listAuditEvents(db, NO_AUDIT_FILTERS, 8)
	return {
		organizations,
		pendingProducts: Number(pendingProducts.n),
		publishedProducts: Number(publishedProducts.n),
		users: { total, active, disabled: total - active, admins: Number(users.admins ?? 0) },
		openDemands: Number(openDemands.n),
		searchOutboxPending: Number(outbox.n),
		recent: recent.items,
	}
}

/** How many organizations and products wait for review (the sub-navigation's badges). */
export async function countReviewQueues(db: Db): Promise<{ organizations: number; products: number }> {
	const orgs = await db
		.selectFrom('organization')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	const products = await db
		.selectFrom('product')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	return { organizations: Number(orgs.n), products: Number(products.n) }
}

// ——— organizations ———

export type AdminOrganization = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	uscc: string
	roles: OrgRole[]
	inZone: boolean
	area: string | null
	industry: string | null
	status: OrganizationStatus
	statusReason: string | null
	createdAt: string
	updatedAt: string
	productCount: number
	pendingProductCount: number
	userCount: number
}

function organizationQuery(db: Db) {
	return db.selectFrom('organization').select((eb) => [
		'organization.id',
		'organization.ref',
		'organization.name',
		'organization.name_en',
		'organization.uscc',
		'organization.roles',
		'organization.in_zone',
		'organization.area',
		'organization.industry',
		'organization.status',
		'organization.status_reason',
		'organization.created_at',
		'organization.updated_at',
		eb
			.selectFrom('product')
			.select((e) => e.fn.countAll<number>().as('n'))
			.whereRef('product.organization_id', '=', 'organization.id')
			.as('product_count'),
		eb
			.selectFrom('product')
			.select((e) => e.fn.countAll<number>().as('n'))
			.whereRef('product.organization_id', '=', 'organization.id')
			.where('product.status', '=', 'pending')
			.as('pending_product_count'),
		eb
			.selectFrom('user')
			.select((e) => e.fn.countAll<number>().as('n'))
			.whereRef('user.organization_id', '=', 'organization.id')
			.as('user_count'),
	])
}

type OrganizationListRow = Awaited<ReturnType<ReturnType<typeof organizationQuery>['execute']>>[number]

function toAdminOrganization(r: OrganizationListRow): AdminOrganization {
	return {
		id: r.id,
		ref: r.ref,
		name: r.name,
		nameEn: r.name_en,
		uscc: r.uscc,
		roles: parseRoles(r.roles),
		inZone: r.in_zone === 1,
		area: r.area,
		industry: r.industry,
		status: r.status,
		statusReason: r.status_reason,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		productCount: Number(r.product_count ?? 0),
		pendingProductCount: Number(r.pending_product_count ?? 0),
		userCount: Number(r.user_count ?? 0),
	}
}

/** Organizations waiting for verification, oldest first (first come, first served). */
export async function listOrganizationQueue(db: Db, limit = 50): Promise<AdminOrganization[]> {
	const rows = await organizationQuery(db)
		.where('organization.status', '=', 'pending')
		.orderBy('organization.created_at')
		.orderBy('organization.id')
		.limit(Math.min(Math.max(limit, 1), 200))
		.execute()
	return rows.map(toAdminOrganization)
}

/** The organizations page: the verification queue and the filtered list. */
export async function getOrganizationsView(
	db: Db,
	filters: OrganizationListFilters,
): Promise<{ queue: AdminOrganization[]; list: Page<AdminOrganization> }> {
	return { queue: await listOrganizationQueue(db), list: await listOrganizationsForAdmin(db, filters) }
}

/** Every organization, filtered by status and by a name, English name or credit code fragment; newest first. */
export async function listOrganizationsForAdmin(
	db: Db,
	filters: OrganizationListFilters,
	perPage = ADMIN_PAGE_SIZE,
): Promise<Page<AdminOrganization>> {
	let base = db.selectFrom('organization')
	if (filters.status !== 'all') base = base.where('organization.status', '=', filters.status)
	if (filters.q) {
		const q = filters.q
		base = base.where((eb) =>
			eb.or([
				contains(eb.ref('organization.name'), q),
				contains(eb.ref('organization.name_en'), q),
				contains(eb.ref('organization.uscc'), q.toUpperCase()),
				contains(eb.ref('organization.ref'), q),
			]),
		)
	}
	const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const total = Number(count.n)
	const ids = await base
		.select('organization.id')
		.orderBy('organization.created_at', 'desc')
		.orderBy('organization.id', 'desc')
		.limit(perPage)
		.offset((filters.page - 1) * perPage)
		.execute()
	const rows =
		ids.length === 0
			? []
			: await organizationQuery(db)
					.where(
						'organization.id',
						'in',
						ids.map((r) => r.id),
					)
					.execute()
	const byId = new Map(rows.map((r) => [r.id, r]))
	const items = ids.flatMap((r) => {
		const row = byId.get(r.id)
		return row ? [toAdminOrganization(row)] : []
	})
	return toPage(items, total, filters.page, perPage)
}

export type AdminOrganizationDetail = AdminOrganization & {
	description: string | null
	website: string | null
	contact: { person: string | null; phone: string | null; email: string | null }
	users: Array<{
		id: number
		name: string | null
		email: string | null
		phone: string | null
		orgRole: 'owner' | 'member' | null
		status: 'active' | 'disabled'
		createdAt: string
	}>
	products: AdminProductSummary[]
	history: AdminAuditEvent[]
}

export type AdminProductSummary = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	kind: 'equipment' | 'service'
	categoryKey: string
	status: ProductStatus
	statusReason: string | null
	updatedAt: string
}

/** One organization with everything an administrator may see: contact, users, products of any status, history. */
export async function getOrganizationForAdmin(db: Db, id: number): Promise<AdminOrganizationDetail | undefined> {
	const row = await organizationQuery(db)
		.select(['organization.description', 'organization.website'])
		.select(['organization.contact_person', 'organization.contact_phone', 'organization.contact_email'])
		.where('organization.id', '=', id)
		.executeTakeFirst()
	if (!row) return undefined
	const users = await db
		.selectFrom('user')
		.select(['id', 'name', 'email', 'phone', 'org_role', 'status', 'created_at'])
		.where('organization_id', '=', id)
		.orderBy('org_role', 'desc')
		.orderBy('id')
		.execute()
	const products = await db
		.selectFrom('product')
		.select(['id', 'ref', 'name', 'name_en', 'kind', 'category_key', 'status', 'status_reason', 'updated_at'])
		.where('organization_id', '=', id)
		.orderBy('updated_at', 'desc')
		.orderBy('id', 'desc')
		.limit(200)
		.execute()
	const history = await listAuditEvents(
		db,
		{ ...NO_AUDIT_FILTERS, objectType: 'organization', objectId: String(id) },
		20,
	)
	return {
		...toAdminOrganization(row),
		description: row.description,
		website: row.website,
		contact: { person: row.contact_person, phone: row.contact_phone, email: row.contact_email },
		users: users.map((u) => ({
			id: u.id,
			name: u.name,
			email: u.email,
			phone: u.phone,
			orgRole: u.org_role,
			status: u.status,
			createdAt: u.created_at,
		})),
		products: products.map(toProductSummary),
		history: history.items,
	}
}

function toProductSummary(p: {
	id: number
	ref: string
	name: string
	name_en: string | null
	kind: 'equipment' | 'service'
	category_key: string
	status: ProductStatus
	status_reason: string | null
	updated_at: string
}): AdminProductSummary {
	return {
		id: p.id,
		ref: p.ref,
		name: p.name,
		nameEn: p.name_en,
		kind: p.kind,
		categoryKey: p.category_key,
		status: p.status,
		statusReason: p.status_reason,
		updatedAt: p.updated_at,
	}
}

const ORG_AUDIT: Record<OrganizationIntent, { action: string; notice: string }> = {
	approve: { action: 'organization.verify', notice: 'verified' },
	reject: { action: 'organization.reject', notice: 'rejected' },
	disable: { action: 'organization.disable', notice: 'disabled' },
	enable: { action: 'organization.enable', notice: 'enabled' },
}

const ORG_MESSAGES: Record<string, { subject: string; body: (name: string, reason: string | null) => string[] }> = {
	verified: {
		subject: '企业认证已通过 Your organization is verified on RenewMatch',
		body: (name) => [
			`您好，「${name}」已通过焕新撮合平台管理员审核。企业主页和已发布的产品现已公开展示，可被检索。`,
			'',
			`${name} has been verified by the zone administrators. Its page and published products are now public and searchable.`,
		],
	},
	rejected: {
		subject: '企业认证未通过 Organization verification declined',
		body: (name, reason) => [
			`您好，「${name}」的入驻申请未通过审核。原因：${reason ?? ''}`,
			'如有疑问，请联系开发区管委会工作专班。',
			'',
			`The registration of ${name} was not approved. Reason: ${reason ?? ''}`,
		],
	},
	disabled: {
		subject: '企业账号已停用 Organization disabled on RenewMatch',
		body: (name, reason) => [
			`您好，「${name}」在焕新撮合平台的企业账号已被管理员停用，企业主页和产品不再公开展示。${reason ? `原因：${reason}` : ''}`,
			'',
			`${name} has been disabled by the zone administrators; its page and products are no longer public.${reason ? ` Reason: ${reason}` : ''}`,
		],
	},
	enabled: {
		subject: '企业账号已恢复 Organization re-enabled on RenewMatch',
		body: (name) => [
			`您好，「${name}」的企业账号已恢复，已发布的产品重新公开展示。`,
			'',
			`${name} has been re-enabled; its published products are public again.`,
		],
	},
}

async function changeOrganizationStatus(
	db: Db,
	actor: AdminActor,
	organizationId: number,
	intent: OrganizationIntent,
	reason: string | null,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	const rule = ORGANIZATION_TRANSITIONS[intent]
	const t = { from: rule.from as readonly OrganizationStatus[], to: rule.to, ...ORG_AUDIT[intent] }
	return db.transaction().execute(async (trx): Promise<AdminChangeResult> => {
		const org = await trx
			.selectFrom('organization')
			.select(['id', 'name', 'status'])
			.where('id', '=', organizationId)
			.executeTakeFirst()
		if (!org) return { ok: false, error: 'notFound' }
		if (!t.from.includes(org.status)) return { ok: false, error: 'conflict' }
		const updated = await trx
			.updateTable('organization')
			.set({ status: t.to, status_reason: reason, updated_at: nowIso() })
			.where('id', '=', organizationId)
			.where('status', '=', org.status)
			.executeTakeFirst()
		if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: 'conflict' }

		// The organization's documents carry whether it is verified: its products, demands and
		// programmes all change visibility with it. The relay re-reads and upserts or deletes.
		const products = await trx
			.selectFrom('product')
			.select('id')
			.where('organization_id', '=', organizationId)
			.execute()
		const demands = await trx.selectFrom('demand').select('id').where('organization_id', '=', organizationId).execute()
		const programs = await trx
			.selectFrom('leasing_program')
			.select('id')
			.where('organization_id', '=', organizationId)
			.execute()
		await enqueueSearchSync(trx, 'organization', organizationId)
		await enqueueSearchSync(
			trx,
			'product',
			products.map((p) => p.id),
		)
		await enqueueSearchSync(
			trx,
			'demand',
			demands.map((d) => d.id),
		)
		await enqueueSearchSync(
			trx,
			'leasing_program',
			programs.map((p) => p.id),
		)

		await recordAudit(trx, {
			actorUserId: actor.id,
			actorOrgId: actor.organizationId,
			action: t.action,
			objectType: 'organization',
			objectId: organizationId,
			fromStatus: org.status,
			toStatus: t.to,
			detail: { ...(reason ? { reason } : {}), products: products.length },
			ip: meta.ip,
		})
		await notifyOrganization(trx, organizationId, {
			kind: `organization.${t.notice}`,
			payload: { name: org.name, from: org.status, to: t.to, ...(reason ? { reason } : {}) },
			link: '/account',
			message: ORG_MESSAGES[t.notice],
			name: org.name,
			reason,
			meta,
		})
		return { ok: true, from: org.status, to: t.to }
	})
}

/** Verifies a pending (or earlier rejected) organization: it and its published products become public. */
export function verifyOrganization(
	db: Db,
	actor: AdminActor,
	organizationId: number,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	return changeOrganizationStatus(db, actor, organizationId, 'approve', null, meta)
}

/** Rejects a pending organization with a reason shown to its owner. */
export function rejectOrganization(
	db: Db,
	actor: AdminActor,
	organizationId: number,
	reason: string,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	const trimmed = reason.trim()
	if (!trimmed) return Promise.resolve({ ok: false, error: 'invalid' })
	return changeOrganizationStatus(db, actor, organizationId, 'reject', trimmed, meta)
}

/** Disables a verified organization: its page and products leave the directory and the index. */
export function disableOrganization(
	db: Db,
	actor: AdminActor,
	organizationId: number,
	reason: string | null,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	return changeOrganizationStatus(db, actor, organizationId, 'disable', reason?.trim() || null, meta)
}

/** Re-enables a disabled organization (back to verified). */
export function enableOrganization(
	db: Db,
	actor: AdminActor,
	organizationId: number,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	return changeOrganizationStatus(db, actor, organizationId, 'enable', null, meta)
}

/** Runs the organization action a form asked for (one of the four above). */
export function applyOrganizationAction(
	db: Db,
	actor: AdminActor,
	input: OrganizationActionInput,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	switch (input.intent) {
		case 'approve':
			return verifyOrganization(db, actor, input.organizationId, meta)
		case 'reject':
			return rejectOrganization(db, actor, input.organizationId, input.reason, meta)
		case 'disable':
			return disableOrganization(db, actor, input.organizationId, input.reason, meta)
		case 'enable':
			return enableOrganization(db, actor, input.organizationId, meta)
	}
}

type Notice = {
	kind: string
	payload: Record<string, unknown>
	link: string | null
	message?: { subject: string; body: (name: string, reason: string | null) => string[] }
	name: string
	reason: string | null
	meta: AdminMeta
	/** Send the message to this person instead of the organization's owners. */
	to?: string | null
}

/** A notification row for the organization and a queued message to its owners (or to `to`). */
async function notifyOrganization(trx: Db, organizationId: number | null, notice: Notice): Promise<void> {
	if (organizationId !== null) {
		await trx
			.insertInto('notification')
			.values({
				organization_id: organizationId,
				kind: notice.kind,
				payload: JSON.stringify(notice.payload),
				link: notice.link,
			})
			.execute()
	}
	if (!notice.message) return
	let recipients: string[]
	if (notice.to !== undefined) {
		recipients = notice.to ? [notice.to] : []
	} else if (organizationId !== null) {
		const owners = await trx
			.selectFrom('user')
			.select(['email', 'phone'])
			.where('organization_id', '=', organizationId)
			.where('org_role', '=', 'owner')
			.where('status', '=', 'active')
			.execute()
		recipients = owners.flatMap((o) => {
			const to = o.email ?? o.phone
			return to ? [to] : []
		})
	} else {
		recipients = []
	}
	const link = notice.meta.origin && notice.link ? `${notice.meta.origin}${notice.link}` : null
	const body = [...notice.message.body(notice.name, notice.reason), ...(link ? ['', link] : [])].join('\n')
	for (const to of [...new Set(recipients)]) {
		await queueEmail(trx, { to, subject: notice.message.subject, body }, notice.meta.mail)
	}
}

// ——— products ———

export type AdminProduct = AdminProductSummary & {
	model: string | null
	brand: string | null
	description: string | null
	specs: Array<[string, string]>
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	leadTimeDays: number | null
	certifications: string[]
	tags: string[]
	createdAt: string
	organization: { id: number; name: string; status: OrganizationStatus }
}

/** Products for review: pending by default, oldest first so nothing waits forever; any status on request. */
export async function listProductsForReview(
	db: Db,
	filters: ProductListFilters,
	perPage = ADMIN_PAGE_SIZE,
): Promise<Page<AdminProduct>> {
	let base = db.selectFrom('product').innerJoin('organization', 'organization.id', 'product.organization_id')
	if (filters.status !== 'all') base = base.where('product.status', '=', filters.status)
	if (filters.q) {
		const q = filters.q
		base = base.where((eb) =>
			eb.or([
				contains(eb.ref('product.name'), q),
				contains(eb.ref('product.name_en'), q),
				contains(eb.ref('product.model'), q),
				contains(eb.ref('product.brand'), q),
				contains(eb.ref('organization.name'), q),
			]),
		)
	}
	const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const rows = await base
		.select([
			'product.id',
			'product.ref',
			'product.name',
			'product.name_en',
			'product.kind',
			'product.category_key',
			'product.status',
			'product.status_reason',
			'product.updated_at',
			'product.created_at',
			'product.model',
			'product.brand',
			'product.description',
			'product.specs',
			'product.energy_grade',
			'product.price_min',
			'product.price_max',
			'product.lead_time_days',
			'product.certifications',
			'product.tags',
			'organization.id as org_id',
			'organization.name as org_name',
			'organization.status as org_status',
		])
		.orderBy('product.updated_at', filters.status === 'pending' ? 'asc' : 'desc')
		.orderBy('product.id', filters.status === 'pending' ? 'asc' : 'desc')
		.limit(perPage)
		.offset((filters.page - 1) * perPage)
		.execute()
	const items = rows.map((r): AdminProduct => ({
		...toProductSummary(r),
		model: r.model,
		brand: r.brand,
		description: r.description,
		specs: parseSpecs(r.specs),
		energyGrade: r.energy_grade,
		priceMin: r.price_min,
		priceMax: r.price_max,
		leadTimeDays: r.lead_time_days,
		certifications: parseJsonStrings(r.certifications),
		tags: parseJsonStrings(r.tags),
		createdAt: r.created_at,
		organization: { id: r.org_id, name: r.org_name, status: r.org_status },
	}))
	return toPage(items, Number(count.n), filters.page, perPage)
}

const PRODUCT_MESSAGES = {
	published: {
		subject: '产品已通过审核 Your product is published on RenewMatch',
		body: (name: string) => [
			`您好，产品「${name}」已通过审核并公开发布，可在产品与服务目录中检索到。`,
			'',
			`${name} has been approved and is now public and searchable.`,
		],
	},
	rejected: {
		subject: '产品未通过审核 Product not approved on RenewMatch',
		body: (name: string, reason: string | null) => [
			`您好，产品「${name}」未通过审核（或已被撤下）。原因：${reason ?? ''}`,
			'修改后可重新提交审核。',
			'',
			`${name} was not approved (or was taken down). Reason: ${reason ?? ''}. Edit it and submit it again.`,
		],
	},
}

/**
 * Approves or rejects a product through setProductStatusByAdmin, which owns product statuses and
 * writes the status, audit row and outbox row in its own transaction. The organization's
 * notification and message follow in a second one: Kysely can't nest transactions, and a lost
 * notice is the lesser harm than a decision that didn't happen.
 */
export async function reviewProduct(
	services: Pick<Services, 'db' | 'search'>,
	actor: AdminActor,
	input: ProductActionInput,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	const { db } = services
	const to = input.intent === 'approve' ? 'published' : 'rejected'
	const reason = input.intent === 'reject' ? input.reason : null
	const result = await setProductStatusByAdmin(db, {
		productId: input.productId,
		to,
		reason,
		adminUserId: actor.id,
		ip: meta.ip,
	})
	if (!result.ok) {
		if (result.error === 'invalidTransition') return { ok: false, error: 'conflict' }
		if (result.error === 'reasonRequired') return { ok: false, error: 'invalid' }
		return { ok: false, error: result.error }
	}
	await db.transaction().execute(async (trx) => {
		const product = await trx
			.selectFrom('product')
			.select(['id', 'name', 'organization_id'])
			.where('id', '=', input.productId)
			.executeTakeFirst()
		if (!product) return
		await notifyOrganization(trx, product.organization_id, {
			kind: `product.${to}`,
			payload: { productId: product.id, name: product.name, from: result.from, to, ...(reason ? { reason } : {}) },
			// The supplier's workspace route isn't settled yet; the public page exists once published.
			link: to === 'published' ? `/products/${product.id}` : `/workspace/products/${product.id}`,
			message: PRODUCT_MESSAGES[to],
			name: product.name,
			reason,
			meta,
		})
	})
	// A newly published product may fit open demands: their owners see it among their matches.
	if (to === 'published') await refreshProductMatches(services, input.productId)
	return { ok: true, from: result.from, to }
}

// ——— users ———

export type AdminUser = {
	id: number
	name: string | null
	email: string | null
	phone: string | null
	isAdmin: boolean
	status: 'active' | 'disabled'
	orgRole: 'owner' | 'member' | null
	organization: { id: number; name: string; status: OrganizationStatus } | null
	createdAt: string
	lastSeenAt: string | null
	sessions: number
}

/** Users filtered by status, kind (admin / owner / member / without organization) and name, email or phone. */
export async function listUsersForAdmin(
	db: Db,
	filters: UserListFilters,
	perPage = ADMIN_PAGE_SIZE,
): Promise<Page<AdminUser>> {
	let base = db.selectFrom('user').leftJoin('organization', 'organization.id', 'user.organization_id')
	if (filters.status !== 'all') base = base.where('user.status', '=', filters.status)
	if (filters.kind === 'admin') base = base.where('user.is_admin', '=', 1)
	else if (filters.kind === 'owner' || filters.kind === 'member')
		base = base.where('user.organization_id', 'is not', null).where('user.org_role', '=', filters.kind)
	else if (filters.kind === 'none') base = base.where('user.organization_id', 'is', null).where('user.is_admin', '=', 0)
	if (filters.q) {
		const q = filters.q
		base = base.where((eb) =>
			eb.or([
				contains(eb.ref('user.name'), q),
				contains(eb.ref('user.email'), q),
				contains(eb.ref('user.phone'), q.replace(/[\s-]/g, '')),
				contains(eb.ref('organization.name'), q),
			]),
		)
	}
	const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const rows = await base
		.select((eb) => [
			'user.id',
			'user.name',
			'user.email',
			'user.phone',
			'user.is_admin',
			'user.status',
			'user.org_role',
			'user.created_at',
			'organization.id as org_id',
			'organization.name as org_name',
			'organization.status as org_status',
			eb
				.selectFrom('session')
				.select((e) => e.fn.max('session.last_seen_at').as('t'))
				.whereRef('session.user_id', '=', 'user.id')
				.as('last_seen_at'),
			eb
				.selectFrom('session')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('session.user_id', '=', 'user.id')
				.as('sessions'),
		])
		.orderBy('user.id', 'desc')
		.limit(perPage)
		.offset((filters.page - 1) * perPage)
		.execute()
	const items = rows.map((r): AdminUser => ({
		id: r.id,
		name: r.name,
		email: r.email,
		phone: r.phone,
		isAdmin: r.is_admin === 1,
		status: r.status,
		orgRole: r.org_id === null ? null : r.org_role,
		organization:
			r.org_id === null ? null : { id: r.org_id, name: r.org_name ?? '', status: r.org_status ?? 'pending' },
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at ?? null,
		sessions: Number(r.sessions ?? 0),
	}))
	return toPage(items, Number(count.n), filters.page, perPage)
}

const USER_MESSAGES = {
	disabled: {
		subject: '账号已停用 Your RenewMatch account has been disabled',
		body: () => [
			'您好，您在焕新撮合平台的账号已被管理员停用，所有登录会话已结束。如有疑问，请联系开发区管委会工作专班。',
			'',
			'Your RenewMatch account has been disabled by the zone administrators and every session has ended.',
		],
	},
	enabled: {
		subject: '账号已恢复 Your RenewMatch account is active again',
		body: () => [
			'您好，您在焕新撮合平台的账号已恢复，可以重新登录。',
			'',
			'Your RenewMatch account is active again; you can log in.',
		],
	},
}

async function changeUserStatus(
	db: Db,
	actor: AdminActor,
	userId: number,
	to: 'active' | 'disabled',
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	// An administrator cannot lock themselves out (nor end their own session from this page).
	if (userId === actor.id) return { ok: false, error: 'self' }
	return db.transaction().execute(async (trx): Promise<AdminChangeResult> => {
		const user = await trx
			.selectFrom('user')
			.select(['id', 'name', 'email', 'phone', 'status', 'organization_id'])
			.where('id', '=', userId)
			.executeTakeFirst()
		if (!user) return { ok: false, error: 'notFound' }
		if (user.status === to) return { ok: false, error: 'conflict' }
		await trx.updateTable('user').set({ status: to, updated_at: nowIso() }).where('id', '=', userId).execute()
		// Disabling ends every session now, so each of the user's cookies is anonymous at its next request (R3).
		const sessionsEnded = to === 'disabled' ? await destroyUserSessions(trx, userId) : 0
		await recordAudit(trx, {
			actorUserId: actor.id,
			actorOrgId: actor.organizationId,
			action: to === 'disabled' ? 'user.disable' : 'user.enable',
			objectType: 'user',
			objectId: userId,
			fromStatus: user.status,
			toStatus: to,
			detail: to === 'disabled' ? { sessionsEnded } : {},
			ip: meta.ip,
		})
		const notice = to === 'disabled' ? 'disabled' : 'enabled'
		await notifyOrganization(trx, user.organization_id, {
			kind: `user.${notice}`,
			payload: { userId, name: user.name },
			link: null,
			message: USER_MESSAGES[notice],
			name: user.name ?? '',
			reason: null,
			meta,
			to: user.email ?? user.phone,
		})
		return { ok: true, from: user.status, to }
	})
}

/** Disables a user and ends every session of theirs (R3, R19). */
export function disableUser(db: Db, actor: AdminActor, userId: number, meta: AdminMeta): Promise<AdminChangeResult> {
	return changeUserStatus(db, actor, userId, 'disabled', meta)
}

/** Lets a disabled user log in again. */
export function enableUser(db: Db, actor: AdminActor, userId: number, meta: AdminMeta): Promise<AdminChangeResult> {
	return changeUserStatus(db, actor, userId, 'active', meta)
}

/** Runs the user action a form asked for. */
export function applyUserAction(
	db: Db,
	actor: AdminActor,
	input: UserActionInput,
	meta: AdminMeta,
): Promise<AdminChangeResult> {
	return input.intent === 'disable'
		? disableUser(db, actor, input.userId, meta)
		: enableUser(db, actor, input.userId, meta)
}

// ——— audit log ———

export type AdminAuditEvent = {
	id: number
	actor: { id: number; name: string | null; login: string | null; isAdmin: boolean } | null
	action: string
	objectType: string
	objectId: string
	/** A name for organizations, products and users that still exist. */
	objectLabel: string | null
	fromStatus: string | null
	toStatus: string | null
	reason: string | null
	ip: string | null
	createdAt: string
}

const NO_AUDIT_FILTERS: AuditListFilters = {
	action: '',
	objectType: '',
	objectId: '',
	actor: '',
	from: '',
	to: '',
	page: 1,
}

/** Midnight of a YYYY-MM-DD day in the zone's time (UTC+8, no daylight saving), as UTC ISO text. */
function zoneDayStart(day: string, plusDays = 0): string {
	const t = Date.parse(`${day}T00:00:00+08:00`)
	return new Date(t + plusDays * 86_400_000).toISOString()
}

/** The audit log, newest first, filtered by action, object, actor (id, name, email or phone) and day range. */
export async function listAuditEvents(
	db: Db,
	filters: AuditListFilters,
	perPage = AUDIT_PAGE_SIZE,
): Promise<Page<AdminAuditEvent>> {
	let base = db.selectFrom('audit_event').leftJoin('user', 'user.id', 'audit_event.actor_user_id')
	if (filters.action) base = base.where('audit_event.action', '=', filters.action)
	if (filters.objectType) base = base.where('audit_event.object_type', '=', filters.objectType)
	if (filters.objectId) base = base.where('audit_event.object_id', '=', filters.objectId)
	if (filters.actor) {
		const actor = filters.actor
		base = /^\d{1,15}$/.test(actor)
			? base.where('audit_event.actor_user_id', '=', Number(actor))
			: base.where((eb) =>
					eb.or([
						contains(eb.ref('user.name'), actor),
						contains(eb.ref('user.email'), actor),
						contains(eb.ref('user.phone'), actor),
					]),
				)
	}
	if (filters.from) base = base.where('audit_event.created_at', '>=', zoneDayStart(filters.from))
	if (filters.to) base = base.where('audit_event.created_at', '<', zoneDayStart(filters.to, 1))
	const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const rows = await base
		.select([
			'audit_event.id',
			'audit_event.actor_user_id',
			'audit_event.action',
			'audit_event.object_type',
			'audit_event.object_id',
			'audit_event.from_status',
			'audit_event.to_status',
			'audit_event.detail',
			'audit_event.ip',
			'audit_event.created_at',
			'user.name as actor_name',
			'user.email as actor_email',
			'user.phone as actor_phone',
			'user.is_admin as actor_is_admin',
		])
		.orderBy('audit_event.id', 'desc')
		.limit(perPage)
		.offset((filters.page - 1) * perPage)
		.execute()
	const labels = await objectLabels(db, rows)
	const items = rows.map((r): AdminAuditEvent => ({
		id: r.id,
		actor:
			r.actor_user_id === null
				? null
				: {
						id: r.actor_user_id,
						name: r.actor_name ?? null,
						login: r.actor_email ?? r.actor_phone ?? null,
						isAdmin: r.actor_is_admin === 1,
					},
		action: r.action,
		objectType: r.object_type,
		objectId: r.object_id,
		objectLabel: labels.get(`${r.object_type}:${r.object_id}`) ?? null,
		fromStatus: r.from_status,
		toStatus: r.to_status,
		reason: detailReason(r.detail),
		ip: r.ip,
		createdAt: r.created_at,
	}))
	return toPage(items, Number(count.n), filters.page, perPage)
}

function detailReason(detail: string): string | null {
	try {
		const value: unknown = JSON.parse(detail)
		if (value && typeof value === 'object' && 'reason' in value) {
			const reason = (value as { reason: unknown }).reason
			return typeof reason === 'string' ? reason : null
		}
	} catch {
		// not JSON: no reason to show
	}
	return null
}

async function objectLabels(
	db: Db,
	rows: ReadonlyArray<{ object_type: string; object_id: string }>,
): Promise<Map<string, string>> {
	const ids = (type: string) => [
		...new Set(
			rows.filter((r) => r.object_type === type && /^\d{1,15}$/.test(r.object_id)).map((r) => Number(r.object_id)),
		),
	]
	const out = new Map<string, string>()
	const orgIds = ids('organization')
	if (orgIds.length > 0)
		for (const o of await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute())
			out.set(`organization:${o.id}`, o.name)
	const productIds = ids('product')
	if (productIds.length > 0)
		for (const p of await db.selectFrom('product').select(['id', 'name']).where('id', 'in', productIds).execute())
			out.set(`product:${p.id}`, p.name)
	const userIds = ids('user')
	if (userIds.length > 0)
		for (const u of await db
			.selectFrom('user')
			.select(['id', 'name', 'email', 'phone'])
			.where('id', 'in', userIds)
			.execute())
			out.set(`user:${u.id}`, u.name ?? u.email ?? u.phone ?? `#${u.id}`)
	return out
}

/** The actions and object types that occur in the log (the filter menus). */
export async function listAuditFacets(db: Db): Promise<{ actions: string[]; objectTypes: string[] }> {
	const actions = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute()
	const types = await db.selectFrom('audit_event').select('object_type').distinct().orderBy('object_type').execute()
	return { actions: actions.map((r) => r.action), objectTypes: types.map((r) => r.object_type) }
}

/** The audit page: a page of events and the filter menus. */
export async function getAuditLogView(
	db: Db,
	filters: AuditListFilters,
): Promise<{ events: Page<AdminAuditEvent>; facets: { actions: string[]; objectTypes: string[] } }> {
	return { events: await listAuditEvents(db, filters), facets: await listAuditFacets(db) }
}
