import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type { Db, ProductRow, ProductStatus } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import type { ExchangeProduct } from './exchange.schema.ts'
import { parseJsonStrings } from './organization.server.ts'
import { listProductImages, type ProductImage } from './product-image.server.ts'
import { parseSpecs } from './product.server.ts'
import { parseProductSheet, type SheetError } from './product-sheet.server.ts'
import { isCategoryKey, type CategoryKey } from './taxonomy.ts'
import { statusAfterEdit, type ProductFormValues, type WorkspaceProductStatus } from './workspace-product.schema.ts'

/**
 * A supplier's own products (the workspace) and the moderation step that publishes them.
 * Every read and write is scoped by `organization_id` in SQL (RELIABILITY R16): a product of
 * another organization reads as missing, never as forbidden. Every write is one transaction with
 * its audit row (R29) and its search outbox row (R38); the relay decides from the row whether
 * the product is public (published and its organization verified), so the index never holds a
 * draft, pending, rejected or archived product (R20).
 *
 * The workflow (docs/decisions/0005-product-workflow.md):
 *   draft ─submit→ pending ─approve→ published        (submit needs a verified organization)
 *   draft|rejected ─submit→ pending ─reject(reason)→ rejected
 *   editing: published → pending, rejected → draft, draft and pending keep their status
 *   any ─archive→ archived ─restore→ draft
 */

export type ProductActor = { userId: number; organizationId: number; ip: string | null }

export type WorkspaceProduct = ProductFormValues & {
	id: number
	ref: string
	status: WorkspaceProductStatus
	statusReason: string | null
	publishedAt: string | null
	createdAt: string
	updatedAt: string
	images: ProductImage[]
}

export type WorkspaceProductListItem = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	kind: 'equipment' | 'service'
	categoryKey: string
	status: WorkspaceProductStatus
	statusReason: string | null
	updatedAt: string
	imageCount: number
	coverImageId: number | null
}

export type StatusCounts = Record<WorkspaceProductStatus, number> & { total: number }

export const PRODUCTS_PER_WORKSPACE_PAGE = 20
/** A supplier's upload stays one short transaction; the zone's own import (CLI) takes more. */
export const WORKSPACE_IMPORT_MAX_ROWS = 2000

/** The actor of a workspace write: the signed-in user of the organization, and where from. */
export function productActor(
	user: { id: number; organizationId: number },
	context: { clientIp?: string | null },
): ProductActor {
	return { userId: user.id, organizationId: user.organizationId, ip: context.clientIp ?? null }
}

/** A positive integer id from a URL segment, or null for anything else ("abc", "1e3", "-1", "007"). */
export function parseProductId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

function nowIso(): string {
	return new Date().toISOString()
}

function toFormValues(row: ProductRow): ProductFormValues {
	return {
		name: row.name,
		nameEn: row.name_en,
		kind: row.kind,
		category: (isCategoryKey(row.category_key) ? row.category_key : 'industrial-robot') as CategoryKey,
		model: row.model,
		brand: row.brand,
		description: row.description,
		specs: parseSpecs(row.specs),
		energyGrade: row.energy_grade,
		priceMin: row.price_min,
		priceMax: row.price_max,
		leadTimeDays: row.lead_time_days,
		certifications: parseJsonStrings(row.certifications),
		tags: parseJsonStrings(row.tags),
	}
}

function toWorkspaceProduct(row: ProductRow, images: ProductImage[]): WorkspaceProduct {
	return {
		...toFormValues(row),
		id: row.id,
		ref: row.ref,
		status: row.status,
		statusReason: row.status_reason,
		publishedAt: row.published_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		images,
	}
}

/** The columns a product's content occupies (everything but identity and workflow). */
function contentColumns(input: ProductFormValues) {
	return {
		kind: input.kind,
		category_key: input.category,
		name: input.name,
		name_en: input.nameEn,
		model: input.model,
		brand: input.brand,
		description: input.description,
		specs: JSON.stringify(Object.fromEntries(input.specs)),
		energy_grade: input.energyGrade,
		price_min: input.priceMin,
		price_max: input.priceMax,
		lead_time_days: input.leadTimeDays,
		certifications: JSON.stringify(input.certifications),
		tags: JSON.stringify(input.tags),
	}
}

type ContentColumns = ReturnType<typeof contentColumns>
const JSON_COLUMNS = new Set(['specs', 'certifications', 'tags'])

function canonicalJson(text: unknown): string {
	if (typeof text !== 'string') return String(text)
	try {
		return JSON.stringify(JSON.parse(text))
	} catch {
		return text
	}
}

/** True when saving `next` would change nothing: no write, no status change, no outbox row. */
function sameContent(row: ProductRow, next: ContentColumns): boolean {
	for (const [key, value] of Object.entries(next)) {
		const current = (row as unknown as Record<string, unknown>)[key] ?? null
		if (current === value) continue
		if (JSON_COLUMNS.has(key) && canonicalJson(current) === value) continue
		return false
	}
	return true
}

async function orgRef(db: Db, organizationId: number): Promise<string> {
	const row = await db
		.selectFrom('organization')
		.select('ref')
		.where('id', '=', organizationId)
		.executeTakeFirstOrThrow()
	return row.ref
}

// ───────────────────────────── reads ─────────────────────────────

/** How many of the organization's products are in each status. */
export async function countOrgProductsByStatus(db: Db, organizationId: number): Promise<StatusCounts> {
	const rows = await db
		.selectFrom('product')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.where('organization_id', '=', organizationId)
		.groupBy('status')
		.execute()
	const counts: StatusCounts = { draft: 0, pending: 0, published: 0, rejected: 0, archived: 0, total: 0 }
	for (const r of rows) {
		counts[r.status] = Number(r.n)
		counts.total += Number(r.n)
	}
	return counts
}

/** One page of the organization's products, newest change first, optionally of one status. */
export async function listOrgProducts(
	db: Db,
	organizationId: number,
	options: { status?: WorkspaceProductStatus; page?: number; perPage?: number } = {},
): Promise<{ items: WorkspaceProductListItem[]; total: number; page: number; totalPages: number }> {
	const perPage = Math.min(Math.max(Math.trunc(options.perPage ?? PRODUCTS_PER_WORKSPACE_PAGE), 1), 100)
	let base = db.selectFrom('product').where('product.organization_id', '=', organizationId)
	if (options.status) base = base.where('product.status', '=', options.status)
	const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	const total = Number(countRow.n)
	const totalPages = Math.max(1, Math.ceil(total / perPage))
	const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), totalPages)
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
		])
		.select((eb) => [
			eb
				.selectFrom('product_image')
				.select((ie) => ie.fn.countAll<number>().as('n'))
				.whereRef('product_image.product_id', '=', 'product.id')
				.as('image_count'),
			eb
				.selectFrom('product_image')
				.select('product_image.id')
				.whereRef('product_image.product_id', '=', 'product.id')
				.orderBy('product_image.sort')
				.orderBy('product_image.id')
				.limit(1)
				.as('cover_image_id'),
		])
		.orderBy('product.updated_at', 'desc')
		.orderBy('product.id', 'desc')
		.limit(perPage)
		.offset((page - 1) * perPage)
		.execute()
	return {
		items: rows.map((r) => ({
			id: r.id,
			ref: r.ref,
			name: r.name,
			nameEn: r.name_en,
			kind: r.kind,
			categoryKey: r.category_key,
			status: r.status,
			statusReason: r.status_reason,
			updatedAt: r.updated_at,
			imageCount: Number(r.image_count ?? 0),
			coverImageId: r.cover_image_id ?? null,
		})),
		total,
		page,
		totalPages,
	}
}

export type WorkspaceDashboard = { counts: StatusCounts; rejected: WorkspaceProductListItem[] }

/** The dashboard: counts by status and the latest rejected products (they need the supplier's attention). */
export async function getWorkspaceDashboard(db: Db, organizationId: number): Promise<WorkspaceDashboard> {
	const counts = await countOrgProductsByStatus(db, organizationId)
	const rejected =
		counts.rejected > 0 ? (await listOrgProducts(db, organizationId, { status: 'rejected', perPage: 5 })).items : []
	return { counts, rejected }
}

/** A page of the list together with the counts its status tabs show. */
export async function getWorkspaceProductPage(
	db: Db,
	organizationId: number,
	options: { status?: WorkspaceProductStatus; page?: number },
): Promise<Awaited<ReturnType<typeof listOrgProducts>> & { counts: StatusCounts }> {
	const [page, counts] = await Promise.all([
		listOrgProducts(db, organizationId, options),
		countOrgProductsByStatus(db, organizationId),
	])
	return { ...page, counts }
}

/** The organization's product with its images, or undefined (missing and not-yours read the same). */
export async function getOrgProduct(db: Db, organizationId: number, id: number): Promise<WorkspaceProduct | undefined> {
	const row = await db
		.selectFrom('product')
		.selectAll()
		.where('id', '=', id)
		.where('organization_id', '=', organizationId)
		.executeTakeFirst()
	if (!row) return undefined
	return toWorkspaceProduct(row, await listProductImages(db, row.id))
}

export type ProductForReview = WorkspaceProduct & {
	organization: { id: number; name: string; status: string }
}

// ───────────────────────────── writes by the owner ─────────────────────────────

/** Creates a draft of the actor's organization; its ref is generated (`<org ref>:<random>`). */
export async function createOrgProduct(db: Db, actor: ProductActor, input: ProductFormValues): Promise<{ id: number }> {
	return db.transaction().execute(async (trx) => {
		const ref = `${await orgRef(trx, actor.organizationId)}:${randomBytes(5).toString('hex')}`
		const row = await trx
			.insertInto('product')
			.values({ ...contentColumns(input), ref, organization_id: actor.organizationId, status: 'draft' })
			.returning('id')
			.executeTakeFirstOrThrow()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.organizationId,
			action: 'product.create',
			objectType: 'product',
			objectId: row.id,
			fromStatus: null,
			toStatus: 'draft',
			ip: actor.ip,
		})
		await enqueueSearchSync(trx, 'product', row.id)
		return { id: row.id }
	})
}

export type UpdateResult =
	{ ok: true; changed: boolean; status: ProductStatus } | { ok: false; error: 'notFound' | 'archived' }

/** Saves the form; a published product goes back to review, a rejected one becomes a draft. */
export async function updateOrgProduct(
	db: Db,
	actor: ProductActor,
	id: number,
	input: ProductFormValues,
): Promise<UpdateResult> {
	return db.transaction().execute(async (trx): Promise<UpdateResult> => {
		const row = await trx
			.selectFrom('product')
			.selectAll()
			.where('id', '=', id)
			.where('organization_id', '=', actor.organizationId)
			.executeTakeFirst()
		if (!row) return { ok: false, error: 'notFound' }
		if (row.status === 'archived') return { ok: false, error: 'archived' }
		const columns = contentColumns(input)
		if (sameContent(row, columns)) return { ok: true, changed: false, status: row.status }
		const status = statusAfterEdit(row.status)
		await trx
			.updateTable('product')
			.set({
				...columns,
				status,
				status_reason: status === row.status ? row.status_reason : null,
				updated_at: nowIso(),
			})
			.where('id', '=', id)
			.where('organization_id', '=', actor.organizationId)
			.execute()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.organizationId,
			action: 'product.update',
			objectType: 'product',
			objectId: id,
			fromStatus: row.status,
			toStatus: status,
			ip: actor.ip,
		})
		await enqueueSearchSync(trx, 'product', id)
		return { ok: true, changed: true, status }
	})
}

export type TransitionResult =
	| { ok: true; from: ProductStatus; to: ProductStatus }
	| { ok: false; error: 'notFound' }
	| { ok: false; error: 'invalidTransition'; status: ProductStatus }
	| { ok: false; error: 'orgNotVerified' }

const OWNER_TRANSITIONS = {
	submit: { from: ['draft', 'rejected'], to: 'pending' },
	archive: { from: ['draft', 'pending', 'published', 'rejected'], to: 'archived' },
	restore: { from: ['archived'], to: 'draft' },
} as const satisfies Record<string, { from: readonly ProductStatus[]; to: ProductStatus }>

type OwnerTransition = keyof typeof OWNER_TRANSITIONS

async function transitionOrgProduct(
	db: Db,
	actor: ProductActor,
	id: number,
	name: OwnerTransition,
): Promise<TransitionResult> {
	const rule = OWNER_TRANSITIONS[name]
	return db.transaction().execute(async (trx): Promise<TransitionResult> => {
		const row = await trx
			.selectFrom('product')
			.select(['id', 'status'])
			.where('id', '=', id)
			.where('organization_id', '=', actor.organizationId)
			.executeTakeFirst()
		if (!row) return { ok: false, error: 'notFound' }
		if (!(rule.from as readonly ProductStatus[]).includes(row.status))
			return { ok: false, error: 'invalidTransition', status: row.status }
		if (name === 'submit') {
			// Read in the transaction, not from the session: verification can change at any time.
			const org = await trx
				.selectFrom('organization')
				.select('status')
				.where('id', '=', actor.organizationId)
				.executeTakeFirst()
			if (org?.status !== 'verified') return { ok: false, error: 'orgNotVerified' }
		}
		await trx
			.updateTable('product')
			.set({ status: rule.to, status_reason: name === 'submit' ? null : undefined, updated_at: nowIso() })
			.where('id', '=', id)
			.where('organization_id', '=', actor.organizationId)
			.execute()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.organizationId,
			action: `product.${name}`,
			objectType: 'product',
			objectId: id,
			fromStatus: row.status,
			toStatus: rule.to,
			ip: actor.ip,
		})
		await enqueueSearchSync(trx, 'product', id)
		return { ok: true, from: row.status, to: rule.to }
	})
}

/** Sends a draft (or a rejected product) to the zone administrators; needs a verified organization. */
export function submitOrgProduct(db: Db, actor: ProductActor, id: number): Promise<TransitionResult> {
	return transitionOrgProduct(db, actor, id, 'submit')
}

/** Takes a product off the platform (from any status); it leaves the index at the next sync. */
export function archiveOrgProduct(db: Db, actor: ProductActor, id: number): Promise<TransitionResult> {
	return transitionOrgProduct(db, actor, id, 'archive')
}

/** Brings an archived product back as a draft. */
export function restoreOrgProduct(db: Db, actor: ProductActor, id: number): Promise<TransitionResult> {
	return transitionOrgProduct(db, actor, id, 'restore')
}

// ───────────────────────────── moderation ─────────────────────────────

export type AdminDecision = {
	productId: number
	to: 'published' | 'rejected'
	/** Required to reject (shown to the supplier); ignored when approving. */
	reason?: string | null
	adminUserId: number
	ip: string | null
}

export type AdminDecisionResult =
	| { ok: true; from: ProductStatus; to: 'published' | 'rejected' }
	| { ok: false; error: 'notFound' | 'reasonRequired' | 'orgNotVerified' }
	| { ok: false; error: 'invalidTransition'; status: ProductStatus }

/**
 * A zone administrator approves a pending product (→ published) or rejects a pending or published
 * one with a reason (→ rejected). One transaction: status, audit row and search outbox row.
 * The caller checks that the user is an administrator (requireAdmin).
 */
export async function setProductStatusByAdmin(db: Db, decision: AdminDecision): Promise<AdminDecisionResult> {
	const reason = decision.reason?.trim().slice(0, 1000) || null
	if (decision.to === 'rejected' && !reason) return { ok: false, error: 'reasonRequired' }
	return db.transaction().execute(async (trx): Promise<AdminDecisionResult> => {
		const row = await trx
			.selectFrom('product')
			.innerJoin('organization', 'organization.id', 'product.organization_id')
			.select(['product.id', 'product.status', 'product.organization_id', 'organization.status as org_status'])
			.where('product.id', '=', decision.productId)
			.executeTakeFirst()
		if (!row) return { ok: false, error: 'notFound' }
		const allowed: readonly ProductStatus[] = decision.to === 'published' ? ['pending'] : ['pending', 'published']
		if (!allowed.includes(row.status)) return { ok: false, error: 'invalidTransition', status: row.status }
		if (decision.to === 'published' && row.org_status !== 'verified') return { ok: false, error: 'orgNotVerified' }
		const now = nowIso()
		await trx
			.updateTable('product')
			.set(
				decision.to === 'published'
					? {
							status: 'published',
							status_reason: null,
							published_at: sql<string>`coalesce(published_at, ${now})`,
							updated_at: now,
						}
					: { status: 'rejected', status_reason: reason, updated_at: now },
			)
			.where('id', '=', row.id)
			.where('status', '=', row.status)
			.execute()
		await recordAudit(trx, {
			actorUserId: decision.adminUserId,
			actorOrgId: null,
			action: decision.to === 'published' ? 'product.approve' : 'product.reject',
			objectType: 'product',
			objectId: row.id,
			fromStatus: row.status,
			toStatus: decision.to,
			detail:
				reason && decision.to === 'rejected'
					? { reason, organizationId: row.organization_id }
					: { organizationId: row.organization_id },
			ip: decision.ip,
		})
		await enqueueSearchSync(trx, 'product', row.id)
		return { ok: true, from: row.status, to: decision.to }
	})
}

// ───────────────────────────── bulk upload ─────────────────────────────

export type ImportCounts = { created: number; updated: number; unchanged: number }
export type OrgImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: SheetError[] }

function fromExchange(p: ExchangeProduct): ProductFormValues {
	return {
		name: p.name,
		nameEn: p.nameEn ?? null,
		kind: p.kind,
		category: p.category,
		model: p.model ?? null,
		brand: p.brand ?? null,
		description: p.description ?? null,
		specs: Object.entries(p.specs ?? {}),
		energyGrade: p.energyGrade ?? null,
		priceMin: p.priceMin ?? null,
		priceMax: p.priceMax ?? null,
		leadTimeDays: p.leadTimeDays ?? null,
		certifications: [...new Set(p.certifications ?? [])],
		tags: [...new Set(p.tags ?? [])],
	}
}

/**
 * Imports a product sheet (the template's CSV or XLSX) into the actor's organization, all or
 * nothing. The sheet's 企业编号 column is ignored: every row belongs to the actor's organization.
 * A row's 编号 is the supplier's own id: it updates the organization's product of that ref (as
 * stored, or as `<org ref>:<ref>`), otherwise creates a draft stored as `<org ref>:<ref>` — so two
 * suppliers can both use "p1", and nobody can reach another organization's product by its ref.
 */
export async function importOrgProducts(
	db: Db,
	actor: ProductActor,
	file: { buffer: Buffer; filename: string },
): Promise<OrgImportResult> {
	const ownRef = await orgRef(db, actor.organizationId)
	const parsed = await parseProductSheet(file.buffer, file.filename, { orgRef: ownRef })
	// An empty 企业编号 cell falls back to our ref; a filled one is overridden below. (A cell the
	// parser refuses outright, such as one over 100 characters, is still reported.)
	if (!parsed.ok) return { ok: false, errors: parsed.errors }
	if (parsed.products.length > WORKSPACE_IMPORT_MAX_ROWS) {
		return {
			ok: false,
			errors: [
				{
					row: 0,
					path: '$',
					message: `行数过多：每次最多 ${WORKSPACE_IMPORT_MAX_ROWS} 行 (too many rows: at most ${WORKSPACE_IMPORT_MAX_ROWS} per upload)`,
				},
			],
		}
	}
	return db.transaction().execute(async (trx): Promise<OrgImportResult> => {
		const wanted = parsed.products.map((p) => ({
			exact: p.ref,
			namespaced: p.ref.startsWith(`${ownRef}:`) ? p.ref : `${ownRef}:${p.ref}`,
		}))
		const refs = [...new Set(wanted.flatMap((w) => [w.exact, w.namespaced]))]
		const stored = new Map<string, ProductRow>()
		for (let i = 0; i < refs.length; i += 500) {
			const chunk = refs.slice(i, i + 500)
			for (const row of await trx
				.selectFrom('product')
				.selectAll()
				.where('ref', 'in', sql<string>`(select value from json_each(${JSON.stringify(chunk)}))`)
				.execute())
				stored.set(row.ref, row)
		}
		const errors: SheetError[] = []
		// Two rows may name one product ("p1" and "<org ref>:p1"): the second would silently win.
		const targets = new Map<string, number>()
		type Plan = { kind: 'create'; ref: string } | { kind: 'update'; row: ProductRow } | { kind: 'same' }
		const plans: Plan[] = parsed.products.map((p, i): Plan => {
			const sheetRow = parsed.rows[i] ?? 0
			const w = wanted[i]!
			const own = [stored.get(w.exact), stored.get(w.namespaced)].find(
				(r) => r && r.organization_id === actor.organizationId,
			)
			const target = own ? `id:${own.id}` : `ref:${w.namespaced}`
			const first = targets.get(target)
			if (first !== undefined) {
				errors.push({
					row: sheetRow,
					column: '编号(ref)',
					path: `products[${i}].ref`,
					message: `与第 ${first} 行是同一产品 (same product as row ${first})`,
				})
				return { kind: 'same' }
			}
			targets.set(target, sheetRow)
			if (own) {
				if (own.status === 'archived') {
					errors.push({
						row: sheetRow,
						column: '编号(ref)',
						path: `products[${i}].ref`,
						message: `该产品已归档，请先在工作台恢复 (product "${p.ref}" is archived: restore it first)`,
					})
					return { kind: 'same' }
				}
				return sameContent(own, contentColumns(fromExchange(p))) ? { kind: 'same' } : { kind: 'update', row: own }
			}
			if (stored.has(w.namespaced) || w.namespaced.length > 100) {
				errors.push({
					row: sheetRow,
					column: '编号(ref)',
					path: `products[${i}].ref`,
					message:
						w.namespaced.length > 100
							? '编号过长 (ref too long)'
							: `编号 "${p.ref}" 不可用，请换一个 (ref "${p.ref}" cannot be used: choose another)`,
				})
				return { kind: 'same' }
			}
			return { kind: 'create', ref: w.namespaced }
		})
		if (errors.length > 0) return { ok: false, errors }

		const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 }
		const changed: number[] = []
		const now = nowIso()
		for (const [i, plan] of plans.entries()) {
			const columns = contentColumns(fromExchange(parsed.products[i]!))
			if (plan.kind === 'same') {
				counts.unchanged++
			} else if (plan.kind === 'create') {
				const row = await trx
					.insertInto('product')
					.values({ ...columns, ref: plan.ref, organization_id: actor.organizationId, status: 'draft' })
					.returning('id')
					.executeTakeFirstOrThrow()
				changed.push(row.id)
				counts.created++
			} else {
				const status = statusAfterEdit(plan.row.status)
				await trx
					.updateTable('product')
					.set({
						...columns,
						status,
						status_reason: status === plan.row.status ? plan.row.status_reason : null,
						updated_at: now,
					})
					.where('id', '=', plan.row.id)
					.where('organization_id', '=', actor.organizationId)
					.execute()
				changed.push(plan.row.id)
				counts.updated++
			}
		}
		if (changed.length > 0) {
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.organizationId,
				action: 'product.import',
				objectType: 'organization',
				objectId: actor.organizationId,
				detail: { ...counts, file: file.filename.slice(0, 200) },
				ip: actor.ip,
			})
			await enqueueSearchSync(trx, 'product', changed)
		}
		return { ok: true, counts }
	})
}
