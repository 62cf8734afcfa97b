import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireUser } from '#app/auth/permissions.server.ts'
import * as auditRoute from '#app/routes/admin.audit.tsx'
import * as overviewRoute from '#app/routes/admin._index.tsx'
import * as orgRoute from '#app/routes/admin.organizations.$id.tsx'
import * as orgsRoute from '#app/routes/admin.organizations._index.tsx'
import * as productsRoute from '#app/routes/admin.products._index.tsx'
import * as usersRoute from '#app/routes/admin.users._index.tsx'
import { searchProducts } from '#app/search/product-search.server.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import type { Db } from '#db/schema.ts'
import { appContext, countRows, createTestUser, diffRows, fieldErrors, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { productParams } from '#tests/search/helpers.ts'
import { adminActions, adminLoaders, indexedIds, totalChanges } from './helpers.ts'

let test: TestContext
let admin: { id: number; cookie: string }
let supplier: { id: number; cookie: string; orgId: number; productId: number }

const ctx = () => appContext(test, '10.9.0.1')

beforeAll(async () => {
	test = await createTestContext()
	await prepareSearchIndexes(test, { reconcile: false })
	const a = await createTestUser(test, { isAdmin: true, name: '区管理员' })
	admin = { id: a.id, cookie: a.cookie }
	const org = await insertOrganization(test.db, { name: '泰达供应商甲', status: 'verified' })
	const product = await insertProduct(test.db, org.id, {
		name: '供应商甲的空压机',
		status: 'pending',
		published_at: null,
	})
	const owner = await createTestUser(test, { organizationId: org.id, orgRole: 'owner' })
	supplier = { id: owner.id, cookie: owner.cookie, orgId: org.id, productId: product.id }
	await sync()
})

afterAll(async () => {
	await test.cleanup()
})

async function sync(): Promise<void> {
	const r = await drainOutbox(test, { force: true, log: () => {} })
	if (r.lastError) throw new Error(`search sync failed: ${r.lastError}`)
}

async function statuses(db: Db) {
	const orgs = await db.selectFrom('organization').select(['id', 'status', 'status_reason']).orderBy('id').execute()
	const products = await db.selectFrom('product').select(['id', 'status', 'status_reason']).orderBy('id').execute()
	const users = await db.selectFrom('user').select(['id', 'status']).orderBy('id').execute()
	const sessions = await db.selectFrom('session').select('id').orderBy('id').execute()
	return { orgs, products, users, sessions }
}

async function auditRows(action: string, objectId: number | string) {
	return test.db
		.selectFrom('audit_event')
		.selectAll()
		.where('action', '=', action)
		.where('object_id', '=', String(objectId))
		.execute()
}

async function outboxRows(entity: 'organization' | 'product', ids: number[], afterId: number) {
	return test.db
		.selectFrom('search_outbox')
		.select(['entity', 'entity_id'])
		.where('entity', '=', entity)
		.where('entity_id', 'in', ids)
		.where('id', '>', afterId)
		.execute()
}

async function lastOutboxId(): Promise<number> {
	const r = await test.db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst()
	return Number(r?.id ?? 0)
}

function orgAction(fields: Record<string, string>, cookie = admin.cookie, headers?: Record<string, string>) {
	return run(() =>
		orgsRoute.action({
			request: post('/admin/organizations?index&status=all', fields, { cookie, headers }),
			context: ctx(),
			params: {},
		}),
	)
}

function productAction(fields: Record<string, string>, cookie = admin.cookie) {
	return run(() =>
		productsRoute.action({ request: post('/admin/products?index', fields, { cookie }), context: ctx(), params: {} }),
	)
}

function userAction(fields: Record<string, string>, cookie = admin.cookie) {
	return run(() =>
		usersRoute.action({ request: post('/admin/users?index', fields, { cookie }), context: ctx(), params: {} }),
	)
}

describe('who may open the admin pages', () => {
	it('sends anonymous visitors to /login from every admin loader and action', async () => {
		for (const l of adminLoaders(supplier.orgId)) {
			const out = await run(() => l.loader({ request: get(l.path), context: ctx(), params: l.params ?? {} }))
			expect(out.status, l.name).toBe(302)
			expect(out.location, l.name).toMatch(/^\/login\?redirectTo=%2Fadmin/)
		}
		const before = await countRows(test.db)
		for (const a of adminActions({ orgId: supplier.orgId, productId: supplier.productId, userId: supplier.id })) {
			const out = await run(() => a.action({ request: post(a.path, a.fields), context: ctx(), params: a.params ?? {} }))
			expect(out.status, a.name).toBe(302)
			expect(out.location, a.name).toMatch(/^\/login/)
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('answers 403 to a signed-in supplier owner on every loader and action, and changes nothing', async () => {
		const before = await statuses(test.db)
		const rowsBefore = await countRows(test.db)
		let requests = 0
		for (const l of adminLoaders(supplier.orgId)) {
			const out = await run(() =>
				l.loader({ request: get(l.path, { cookie: supplier.cookie }), context: ctx(), params: l.params ?? {} }),
			)
			expect(out.status, l.name).toBe(403)
			requests++
		}
		for (const a of adminActions({ orgId: supplier.orgId, productId: supplier.productId, userId: admin.id })) {
			const out = await run(() =>
				a.action({
					request: post(a.path, a.fields, { cookie: supplier.cookie }),
					context: ctx(),
					params: a.params ?? {},
				}),
			)
			expect(out.status, a.name).toBe(403)
			requests++
		}
		expect(await statuses(test.db)).toEqual(before)
		// The only trace is one access.denied audit row per refused request (R29).
		expect(diffRows(rowsBefore, await countRows(test.db))).toEqual({ audit_event: requests })
		const denied = await test.db
			.selectFrom('audit_event')
			.select(['action', 'actor_user_id'])
			.where('action', '=', 'access.denied')
			.where('actor_user_id', '=', supplier.id)
			.execute()
		expect(denied).toHaveLength(requests)
	})

	it('refuses a cross-site POST with 403 before anything is read or written (R8)', async () => {
		const before = await countRows(test.db)
		const statusBefore = await statuses(test.db)
		for (const a of adminActions({ orgId: supplier.orgId, productId: supplier.productId, userId: supplier.id })) {
			for (const headers of [
				{ Origin: 'https://evil.test', 'Sec-Fetch-Site': 'cross-site' },
				{ Origin: 'https://evil.test', 'Sec-Fetch-Site': '' },
			]) {
				const out = await run(() =>
					a.action({
						request: post(a.path, a.fields, { cookie: admin.cookie, headers }),
						context: ctx(),
						params: a.params ?? {},
					}),
				)
				expect(out.status, a.name).toBe(403)
			}
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
		expect(await statuses(test.db)).toEqual(statusBefore)
	})

	it('lets an administrator read every page without writing anything (R7)', async () => {
		const before = totalChanges(test)
		for (const l of adminLoaders(supplier.orgId)) {
			const out = await run(() =>
				l.loader({ request: get(l.path, { cookie: admin.cookie }), context: ctx(), params: l.params ?? {} }),
			)
			expect(out.status, l.name).toBe(200)
		}
		expect(totalChanges(test) - before).toBe(0)
	})

	it('answers 404 for an organization that does not exist or a malformed id', async () => {
		for (const id of ['999999', 'abc', '0', '1e3']) {
			const out = await run(() =>
				orgRoute.loader({
					request: get(`/admin/organizations/${id}`, { cookie: admin.cookie }),
					context: ctx(),
					params: { id },
				}),
			)
			expect(out.status, id).toBe(404)
		}
	})
})

describe('verifying, rejecting, disabling and enabling organizations', () => {
	it('verifies a pending organization: one audit row, outbox rows for it and its products, then searchable', async () => {
		const org = await insertOrganization(test.db, { name: '待审核的泰达压缩机厂', status: 'pending' })
		const owner = await createTestUser(test, {
			organizationId: org.id,
			orgRole: 'owner',
			email: 'owner-verify@example.com',
		})
		const published = await insertProduct(test.db, org.id, { name: '待认证企业的永磁变频空压机' })
		const draft = await insertProduct(test.db, org.id, {
			name: '待认证企业的草稿',
			status: 'draft',
			published_at: null,
		})
		await sync()
		// Pending organization: its listings are drafts nobody else sees.
		expect(await indexedIds(test, 'products')).not.toContain(published.id)
		expect(await indexedIds(test, 'organizations')).not.toContain(org.id)

		const fromOutbox = await lastOutboxId()
		const before = await countRows(test.db)
		const out = await orgAction({ intent: 'approve', organizationId: String(org.id) })
		expect(out.status).toBe(302)
		expect(out.location).toBe('/admin/organizations?status=all&done=approve')

		const row = await test.db
			.selectFrom('organization')
			.select(['status'])
			.where('id', '=', org.id)
			.executeTakeFirstOrThrow()
		expect(row.status).toBe('verified')
		const audits = await auditRows('organization.verify', org.id)
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({ actor_user_id: admin.id, from_status: 'pending', to_status: 'verified' })
		expect((await outboxRows('organization', [org.id], fromOutbox)).length).toBeGreaterThanOrEqual(1)
		const productRows = await outboxRows('product', [published.id, draft.id], fromOutbox)
		expect(new Set(productRows.map((r) => r.entity_id))).toEqual(new Set([published.id, draft.id]))
		const diff = diffRows(before, await countRows(test.db))
		expect(diff).toMatchObject({ audit_event: 1, notification: 1, email_outbox: 1 })
		const mail = await test.db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
		expect(mail.to_address).toBe(owner.email)
		const note = await test.db.selectFrom('notification').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
		expect(note).toMatchObject({ organization_id: org.id, kind: 'organization.verified' })

		await sync()
		const ids = await indexedIds(test, 'products')
		expect(ids).toContain(published.id)
		expect(ids).not.toContain(draft.id)
		expect(await indexedIds(test, 'organizations')).toContain(org.id)
		const found = await searchProducts(test, productParams({ q: '永磁变频空压机' }))
		expect(found.items.map((i) => i.product.id)).toContain(published.id)

		// Verifying twice is a conflict, not a second audit row.
		const again = await orgAction({ intent: 'approve', organizationId: String(org.id) })
		expect(again.status).toBe(409)
		expect(await auditRows('organization.verify', org.id)).toHaveLength(1)
	})

	it('refuses a rejection without a reason (400 with a field error, nothing written), then rejects with one', async () => {
		const org = await insertOrganization(test.db, { name: '资料不全的企业', status: 'pending' })
		const before = await countRows(test.db)
		const changes = totalChanges(test)
		for (const reason of ['', '   ', undefined]) {
			const out = await orgAction({
				intent: 'reject',
				organizationId: String(org.id),
				...(reason === undefined ? {} : { reason }),
			})
			expect(out.status).toBe(400)
			expect(fieldErrors(out.data).reason).toEqual(['errors.reasonRequired'])
			expect((out.data as { targetId: string }).targetId).toBe(String(org.id))
		}
		const tooLong = await orgAction({ intent: 'reject', organizationId: String(org.id), reason: '长'.repeat(501) })
		expect(tooLong.status).toBe(400)
		expect(fieldErrors(tooLong.data).reason).toEqual(['errors.reasonTooLong'])
		expect(totalChanges(test) - changes).toBe(0)
		expect(diffRows(before, await countRows(test.db))).toEqual({})

		const ok = await orgAction({
			intent: 'reject',
			organizationId: String(org.id),
			reason: '  营业执照与信用代码不符  ',
		})
		expect(ok.status).toBe(302)
		const row = await test.db
			.selectFrom('organization')
			.select(['status', 'status_reason'])
			.where('id', '=', org.id)
			.executeTakeFirstOrThrow()
		expect(row).toEqual({ status: 'rejected', status_reason: '营业执照与信用代码不符' })
		const audits = await auditRows('organization.reject', org.id)
		expect(audits).toHaveLength(1)
		expect(JSON.parse(audits[0]!.detail)).toMatchObject({ reason: '营业执照与信用代码不符' })
		// A rejected organization can't be disabled or enabled; it can be verified after a second look.
		expect((await orgAction({ intent: 'disable', organizationId: String(org.id) })).status).toBe(409)
		expect((await orgAction({ intent: 'enable', organizationId: String(org.id) })).status).toBe(409)
	})

	it('disables an organization: its products leave the search index; enabling brings them back', async () => {
		const org = await insertOrganization(test.db, { name: '将被停用的企业' })
		const p1 = await insertProduct(test.db, org.id, { name: '停用企业的冷水机组' })
		const p2 = await insertProduct(test.db, org.id, { name: '停用企业的热泵' })
		await sync()
		expect(await indexedIds(test, 'products')).toEqual(expect.arrayContaining([p1.id, p2.id]))

		const out = await run(() =>
			orgRoute.action({
				request: post(
					`/admin/organizations/${org.id}`,
					{ intent: 'disable', organizationId: String(org.id), reason: '多次投诉' },
					{ cookie: admin.cookie },
				),
				context: ctx(),
				params: { id: String(org.id) },
			}),
		)
		expect(out.status).toBe(302)
		expect(out.location).toBe(`/admin/organizations/${org.id}?done=disable`)
		await sync()
		const ids = await indexedIds(test, 'products')
		expect(ids).not.toContain(p1.id)
		expect(ids).not.toContain(p2.id)
		expect(await indexedIds(test, 'organizations')).not.toContain(org.id)
		expect((await searchProducts(test, productParams({ q: '停用企业的冷水机组' }))).items).toHaveLength(0)
		expect(await auditRows('organization.disable', org.id)).toHaveLength(1)

		const enabled = await orgAction({ intent: 'enable', organizationId: String(org.id) })
		expect(enabled.status).toBe(302)
		await sync()
		expect(await indexedIds(test, 'products')).toEqual(expect.arrayContaining([p1.id, p2.id]))
		expect(await auditRows('organization.enable', org.id)).toHaveLength(1)
	})

	it('refuses a detail-page action naming another organization', async () => {
		const org = await insertOrganization(test.db, { status: 'pending' })
		const other = await insertOrganization(test.db, { status: 'pending' })
		const before = await countRows(test.db)
		const out = await run(() =>
			orgRoute.action({
				request: post(
					`/admin/organizations/${org.id}`,
					{ intent: 'approve', organizationId: String(other.id) },
					{ cookie: admin.cookie },
				),
				context: ctx(),
				params: { id: String(org.id) },
			}),
		)
		expect(out.status).toBe(400)
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('answers 404 for an organization that does not exist', async () => {
		const out = await orgAction({ intent: 'approve', organizationId: '987654' })
		expect(out.status).toBe(404)
		expect(fieldErrors(out.data)['']).toEqual(['errors.notFound'])
	})
})

describe('reviewing products (through setProductStatusByAdmin)', () => {
	it('publishes a pending product of a verified organization and makes it searchable', async () => {
		const org = await insertOrganization(test.db, { name: '产品审核企业' })
		const p = await insertProduct(test.db, org.id, { name: '待审核的伺服电机', status: 'pending', published_at: null })
		await sync()
		expect(await indexedIds(test, 'products')).not.toContain(p.id)
		const out = await productAction({ intent: 'approve', productId: String(p.id) })
		expect(out.status).toBe(302)
		expect(out.location).toBe('/admin/products?done=approve')
		const row = await test.db
			.selectFrom('product')
			.select(['status', 'published_at'])
			.where('id', '=', p.id)
			.executeTakeFirstOrThrow()
		expect(row.status).toBe('published')
		expect(row.published_at).not.toBeNull()
		expect(await auditRows('product.approve', p.id)).toHaveLength(1)
		expect(
			await test.db.selectFrom('notification').select('kind').where('organization_id', '=', org.id).execute(),
		).toEqual([{ kind: 'product.published' }])
		await sync()
		expect(await indexedIds(test, 'products')).toContain(p.id)
	})

	it('rejects with a reason, refuses an empty reason with nothing written, and refuses to publish for an unverified organization', async () => {
		const org = await insertOrganization(test.db)
		const p = await insertProduct(test.db, org.id, { name: '参数不全的水泵', status: 'pending', published_at: null })
		const before = await countRows(test.db)
		const empty = await productAction({ intent: 'reject', productId: String(p.id), reason: ' ' })
		expect(empty.status).toBe(400)
		expect(fieldErrors(empty.data).reason).toEqual(['errors.reasonRequired'])
		expect(diffRows(before, await countRows(test.db))).toEqual({})

		const ok = await productAction({ intent: 'reject', productId: String(p.id), reason: '缺少能效等级证明' })
		expect(ok.status).toBe(302)
		const row = await test.db
			.selectFrom('product')
			.select(['status', 'status_reason'])
			.where('id', '=', p.id)
			.executeTakeFirstOrThrow()
		expect(row).toEqual({ status: 'rejected', status_reason: '缺少能效等级证明' })
		expect(await auditRows('product.reject', p.id)).toHaveLength(1)
		// A rejected product is not pending any more.
		expect((await productAction({ intent: 'approve', productId: String(p.id) })).status).toBe(409)

		const pendingOrg = await insertOrganization(test.db, { status: 'pending' })
		const q = await insertProduct(test.db, pendingOrg.id, { status: 'pending', published_at: null })
		const refused = await productAction({ intent: 'approve', productId: String(q.id) })
		expect(refused.status).toBe(409)
		expect(fieldErrors(refused.data)['']).toEqual(['errors.orgNotVerified'])
		expect(await auditRows('product.approve', q.id)).toHaveLength(0)
	})

	it('lists pending products oldest first, with their organization', async () => {
		const out = await run(() =>
			productsRoute.loader({ request: get('/admin/products', { cookie: admin.cookie }), context: ctx(), params: {} }),
		)
		const data = out.data as Awaited<ReturnType<typeof productsRoute.loader>>
		expect(data.filters.status).toBe('pending')
		expect(data.products.items.length).toBeGreaterThan(0)
		expect(data.products.items.every((p) => p.status === 'pending')).toBe(true)
		const times = data.products.items.map((p) => p.updatedAt)
		expect([...times].sort()).toEqual(times)
	})
})

describe('disabling users', () => {
	it('ends every session of the user: their old cookie now gets 302 to /login (R3)', async () => {
		const victim = await createTestUser(test, { organizationId: supplier.orgId, orgRole: 'member' })
		expect((await requireUser(get('/', { cookie: victim.cookie }), ctx())).id).toBe(victim.id)
		const out = await userAction({ intent: 'disable', userId: String(victim.id) })
		expect(out.status).toBe(302)
		expect(out.location).toBe('/admin/users?done=disable')
		const replay = await run(() => requireUser(get('/account', { cookie: victim.cookie }), ctx()))
		expect(replay.status).toBe(302)
		expect(replay.location).toBe('/login?redirectTo=%2Faccount')
		expect(await test.db.selectFrom('session').select('id').where('user_id', '=', victim.id).execute()).toEqual([])
		const audits = await auditRows('user.disable', victim.id)
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({ from_status: 'active', to_status: 'disabled' })

		expect((await userAction({ intent: 'disable', userId: String(victim.id) })).status).toBe(409)
		expect((await userAction({ intent: 'enable', userId: String(victim.id) })).status).toBe(302)
		const row = await test.db.selectFrom('user').select('status').where('id', '=', victim.id).executeTakeFirstOrThrow()
		expect(row.status).toBe('active')
	})

	it('does not let an administrator disable themselves', async () => {
		const out = await userAction({ intent: 'disable', userId: String(admin.id) })
		expect(out.status).toBe(409)
		expect(fieldErrors(out.data)['']).toEqual(['errors.self'])
		expect((await requireUser(get('/admin', { cookie: admin.cookie }), ctx())).id).toBe(admin.id)
	})
})

describe('lists and the audit log', () => {
	it('filters organizations by status and finds them by name or credit code, with pages', async () => {
		const org = await insertOrganization(test.db, { name: '唯一名称的测控仪器公司', status: 'pending' })
		const load = (qs: string) =>
			run(() =>
				orgsRoute.loader({
					request: get(`/admin/organizations${qs}`, { cookie: admin.cookie }),
					context: ctx(),
					params: {},
				}),
			).then((o) => o.data as Awaited<ReturnType<typeof orgsRoute.loader>>)
		const byName = await load(`?q=${encodeURIComponent('测控仪器')}`)
		expect(byName.list.items.map((o) => o.id)).toEqual([org.id])
		const byUscc = await load(`?q=${org.uscc.slice(-8).toLowerCase()}`)
		expect(byUscc.list.items.map((o) => o.id)).toEqual([org.id])
		const pending = await load('?status=pending')
		expect(pending.list.items.every((o) => o.status === 'pending')).toBe(true)
		expect(pending.queue.map((o) => o.id)).toContain(org.id)
		const all = await load('?status=junk&page=-4')
		expect(all.filters).toEqual({ status: 'all', q: '', page: 1 })
		expect(all.list.total).toBeGreaterThan(5)
		const page2 = await load('?page=2')
		expect(page2.list.page).toBe(2)
		// Wildcards are plain characters, not LIKE patterns.
		expect((await load('?q=%25')).list.total).toBe(0)
	})

	it('shows an administrator the private contact and the users of an organization', async () => {
		const org = await insertOrganization(test.db, { contact_phone: '022-66201234', contact_person: '联系人乙' })
		const u = await createTestUser(test, { organizationId: org.id, orgRole: 'owner' })
		const out = await run(() =>
			orgRoute.loader({
				request: get(`/admin/organizations/${org.id}`, { cookie: admin.cookie }),
				context: ctx(),
				params: { id: String(org.id) },
			}),
		)
		const data = out.data as Awaited<ReturnType<typeof orgRoute.loader>>
		expect(data.org.contact).toMatchObject({ person: '联系人乙', phone: '022-66201234' })
		expect(data.org.users.map((x) => x.id)).toEqual([u.id])
	})

	it('lists users filtered by status and kind', async () => {
		const load = (qs: string) =>
			run(() =>
				usersRoute.loader({ request: get(`/admin/users${qs}`, { cookie: admin.cookie }), context: ctx(), params: {} }),
			).then((o) => o.data as Awaited<ReturnType<typeof usersRoute.loader>>)
		expect((await load('?kind=admin')).users.items.map((u) => u.id)).toEqual([admin.id])
		const owners = await load('?kind=owner')
		expect(owners.users.items.every((u) => u.orgRole === 'owner')).toBe(true)
		expect((await load('?status=disabled')).users.items.every((u) => u.status === 'disabled')).toBe(true)
	})

	it('filters the audit log by action, object type, actor and day (UTC+8)', async () => {
		const load = (qs: string) =>
			run(() =>
				auditRoute.loader({ request: get(`/admin/audit${qs}`, { cookie: admin.cookie }), context: ctx(), params: {} }),
			).then((o) => o.data as Awaited<ReturnType<typeof auditRoute.loader>>)
		const verify = await load('?action=organization.verify')
		expect(verify.events.total).toBeGreaterThan(0)
		expect(verify.events.items.every((e) => e.action === 'organization.verify')).toBe(true)
		expect(verify.facets.actions).toContain('organization.verify')
		const users = await load('?objectType=user')
		expect(users.events.items.every((e) => e.objectType === 'user')).toBe(true)
		const byActor = await load(`?actor=${admin.id}`)
		expect(byActor.events.total).toBeGreaterThan(0)
		expect(byActor.events.items.every((e) => e.actor?.id === admin.id)).toBe(true)
		const byName = await load(`?actor=${encodeURIComponent('区管理员')}&action=user.disable`)
		expect(byName.events.total).toBe(1)
		expect(byName.events.items[0]).toMatchObject({ fromStatus: 'active', toStatus: 'disabled' })

		// Day boundaries are midnight in Tianjin: 23:30 UTC on the 1st is the 2nd there.
		const [late] = await test.db
			.insertInto('audit_event')
			.values({
				action: 'test.boundary',
				object_type: 'organization',
				object_id: '1',
				created_at: '2026-03-01T23:30:00.000Z',
			})
			.returning('id')
			.execute()
		expect((await load('?action=test.boundary&from=2026-03-02&to=2026-03-02')).events.items.map((e) => e.id)).toEqual([
			late!.id,
		])
		expect((await load('?action=test.boundary&to=2026-03-01')).events.total).toBe(0)
		expect((await load('?action=test.boundary&from=2026-03-03')).events.total).toBe(0)
		// Junk filters read as no filter rather than failing.
		const junk = await load('?action=%27%20OR%201%3D1&from=2026-13-45&page=abc')
		expect(junk.filters).toMatchObject({ action: '', from: '', page: 1 })
	})

	it('counts what waits for review on the overview', async () => {
		const out = await run(() =>
			overviewRoute.loader({ request: get('/admin', { cookie: admin.cookie }), context: ctx(), params: {} }),
		)
		const { overview } = out.data as Awaited<ReturnType<typeof overviewRoute.loader>>
		const pendingOrgs = await test.db.selectFrom('organization').select('id').where('status', '=', 'pending').execute()
		expect(overview.organizations.pending).toBe(pendingOrgs.length)
		expect(overview.pendingProducts).toBeGreaterThan(0)
		expect(overview.users.admins).toBe(1)
		expect(overview.recent.length).toBeGreaterThan(0)
	})
})
