import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAuditEvents } from '#app/models/audit.server.ts'
import { setOrganizationStatus } from '#app/models/account.server.ts'
import { getOrgProduct, setProductStatusByAdmin } from '#app/models/workspace-product.server.ts'
import { statusAfterEdit } from '#app/models/workspace-product.schema.ts'
import { loader as publicProductLoader } from '#app/routes/products.$id.tsx'
import * as dashboardRoute from '#app/routes/workspace._index.tsx'
import * as editRoute from '#app/routes/workspace.products.$id.tsx'
import * as listRoute from '#app/routes/workspace.products._index.tsx'
import * as newRoute from '#app/routes/workspace.products.new.tsx'
import * as previewRoute from '#app/routes/workspace.products.$id_.preview.tsx'
import { searchProducts } from '#app/search/product-search.server.ts'
import { appContext, countRows, createTestUser, diffRows, fieldErrors, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'
import { productParams } from '#tests/search/helpers.ts'
import { createSupplier, inIndex, productFields, type Supplier } from './helpers.ts'

let test: TestContext
let verified: Supplier
let pending: Supplier
let adminId: number

beforeAll(async () => {
	test = await createTestContext()
	await prepareIndexes(test)
	verified = await createSupplier(test, { name: '泰达压缩机有限公司' })
	pending = await createSupplier(test, { status: 'pending', name: '待审核装备有限公司' })
	adminId = (await createTestUser(test, { isAdmin: true })).id
})
afterAll(async () => test.cleanup())

const ctx = () => appContext(test, '10.9.0.1')

async function create(who: Supplier, overrides: Record<string, string | undefined> = {}) {
	const out = await run(() =>
		newRoute.action({
			request: post('/workspace/products/new', productFields(overrides), { cookie: who.cookie }),
			context: ctx(),
			params: {},
		}),
	)
	expect(out.status).toBe(302)
	const id = Number(/\/workspace\/products\/(\d+)\?done=created$/.exec(out.location ?? '')?.[1])
	expect(id).toBeGreaterThan(0)
	return id
}

function act(who: Supplier, id: number, fields: Record<string, string>) {
	return run(() =>
		editRoute.action({
			request: post(`/workspace/products/${id}`, fields, { cookie: who.cookie }),
			context: ctx(),
			params: { id: String(id) },
		}),
	)
}

async function status(id: number) {
	const row = await test.db
		.selectFrom('product')
		.select(['status', 'status_reason'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow()
	return row.status
}

async function publicStatus(id: number) {
	return (
		await run(() =>
			publicProductLoader({ request: get(`/products/${id}`), context: ctx(), params: { id: String(id) } }),
		)
	).status
}

async function searchable(name: string, id: number) {
	const result = await searchProducts(test, productParams({ q: name }))
	return result.items.some((i) => i.product.id === id)
}

function approve(id: number) {
	return setProductStatusByAdmin(test.db, { productId: id, to: 'published', adminUserId: adminId, ip: '10.0.0.9' })
}

describe('create and edit', () => {
	it('creates a draft of the user’s organization with a generated ref, specs, lists and prices', async () => {
		const id = await create(verified)
		const product = await getOrgProduct(test.db, verified.orgId, id)
		expect(product).toMatchObject({
			status: 'draft',
			name: '永磁变频螺杆空压机',
			kind: 'equipment',
			category: 'compressor',
			energyGrade: 1,
			priceMin: 120_000,
			priceMax: 150_000,
			specs: [
				['额定功率', '37 kW'],
				['排气压力', '0.8 MPa'],
			],
			certifications: ['CCC', 'CE'],
			tags: ['节能', '变频'],
		})
		expect(product?.ref).toMatch(new RegExp(`^${verified.orgRef}:[0-9a-f]{10}$`))
		expect(await listAuditEvents(test.db, { action: 'product.create', objectId: id })).toHaveLength(1)
		const outbox = await test.db.selectFrom('search_outbox').selectAll().where('entity_id', '=', id).execute()
		expect(outbox.some((r) => r.entity === 'product')).toBe(true)
	})

	it('refuses invalid input with field errors in the user’s language keys, and writes nothing', async () => {
		const before = await countRows(test.db)
		const out = await run(() =>
			newRoute.action({
				request: post(
					'/workspace/products/new',
					productFields({
						name: '',
						priceMin: '500',
						priceMax: '100',
						energyGrade: '7',
						'specs[0].value': '',
						'specs[1].key': '额定功率',
					}),
					{ cookie: verified.cookie },
				),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(400)
		const errors = fieldErrors(out.data)
		expect(errors.name).toEqual(['errors.nameRequired'])
		expect(errors.energyGrade).toEqual(['errors.energyGrade'])
		expect(errors['specs[0].value']).toEqual(['errors.specValueRequired'])
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('checks priceMin ≤ priceMax', async () => {
		const out = await run(() =>
			newRoute.action({
				request: post('/workspace/products/new', productFields({ priceMin: '500', priceMax: '100' }), {
					cookie: verified.cookie,
				}),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(400)
		expect(fieldErrors(out.data).priceMax).toEqual(['errors.priceOrder'])
	})

	it('adds a spec row without JavaScript: the form comes back with what was typed and one more row', async () => {
		const before = await countRows(test.db)
		const out = await run(() =>
			newRoute.action({
				request: post('/workspace/products/new', productFields({ intent: 'addSpecRow', name: '' }), {
					cookie: verified.cookie,
				}),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(200)
		const result = (out.data as { result: { initialValue: { name?: string; specs: unknown[] }; error?: unknown } })
			.result
		expect(result.initialValue.specs).toHaveLength(4)
		expect(result.initialValue.specs[0]).toEqual({ key: '额定功率', value: '37 kW' })
		expect(result.error).toBeUndefined()
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('saves edits; saving unchanged writes nothing', async () => {
		const id = await create(verified, { name: '待编辑的空压机' })
		const edited = await act(
			verified,
			id,
			productFields({ name: '编辑后的空压机', 'specs[2].key': '噪声', 'specs[2].value': '68 dB' }),
		)
		expect(edited.status).toBe(302)
		expect(edited.location).toBe(`/workspace/products/${id}?done=saved`)
		const product = await getOrgProduct(test.db, verified.orgId, id)
		expect(product?.name).toBe('编辑后的空压机')
		expect(product?.specs).toContainEqual(['噪声', '68 dB'])
		const before = await countRows(test.db)
		const again = await act(
			verified,
			id,
			productFields({ name: '编辑后的空压机', 'specs[2].key': '噪声', 'specs[2].value': '68 dB' }),
		)
		expect(again.location).toBe(`/workspace/products/${id}?done=unchanged`)
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})
})

describe('the workflow and the public side (R20)', () => {
	it('draft → pending → published → (edit) pending → published → archived, with the index following', async () => {
		const name = '工作流测试专用磁悬浮离心空压机'
		const id = await create(verified, { name })
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)

		const submitted = await act(verified, id, { intent: 'submit' })
		expect(submitted.location).toBe(`/workspace/products/${id}?done=submitted`)
		expect(await status(id)).toBe('pending')
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)
		expect(await searchable(name, id)).toBe(false)

		expect(await approve(id)).toEqual({ ok: true, from: 'pending', to: 'published' })
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(true)
		expect(await publicStatus(id)).toBe(200)
		expect(await searchable(name, id)).toBe(true)
		expect(await listAuditEvents(test.db, { action: 'product.approve', objectId: id })).toHaveLength(1)

		// Editing a published product sends it back to review and out of the index.
		const edited = await act(verified, id, productFields({ name, description: '新的描述' }))
		expect(edited.location).toBe(`/workspace/products/${id}?done=savedReview`)
		expect(await status(id)).toBe('pending')
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)

		expect((await approve(id)).ok).toBe(true)
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(true)

		const archived = await act(verified, id, { intent: 'archive' })
		expect(archived.location).toBe(`/workspace/products/${id}?done=archived`)
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)
		expect(await searchable(name, id)).toBe(false)

		// Archived is read-only until restored; restoring makes a draft (still not public).
		const locked = await act(verified, id, productFields({ name: '不能改' }))
		expect(locked.status).toBe(409)
		expect(await act(verified, id, { intent: 'submit' })).toMatchObject({ status: 409 })
		const restored = await act(verified, id, { intent: 'restore' })
		expect(restored.location).toBe(`/workspace/products/${id}?done=restored`)
		expect(await status(id)).toBe('draft')
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
	})

	it('rejection carries a reason to the owner; editing makes a draft again; resubmitting works', async () => {
		const id = await create(verified, { name: '将被驳回的产品' })
		await act(verified, id, { intent: 'submit' })
		expect(
			await setProductStatusByAdmin(test.db, {
				productId: id,
				to: 'rejected',
				reason: '  ',
				adminUserId: adminId,
				ip: null,
			}),
		).toEqual({ ok: false, error: 'reasonRequired' })
		expect(
			await setProductStatusByAdmin(test.db, {
				productId: id,
				to: 'rejected',
				reason: '请补充能效检测报告',
				adminUserId: adminId,
				ip: null,
			}),
		).toEqual({ ok: true, from: 'pending', to: 'rejected' })
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)
		const page = await run(() =>
			editRoute.loader({
				request: get(`/workspace/products/${id}`, { cookie: verified.cookie }),
				context: ctx(),
				params: { id: String(id) },
			}),
		)
		expect((page.data as { product: { status: string; statusReason: string } }).product).toMatchObject({
			status: 'rejected',
			statusReason: '请补充能效检测报告',
		})
		const dashboard = await run(() =>
			dashboardRoute.loader({ request: get('/workspace', { cookie: verified.cookie }), context: ctx(), params: {} }),
		)
		expect(JSON.stringify(dashboard.data)).toContain('请补充能效检测报告')

		await act(verified, id, productFields({ name: '将被驳回的产品', description: '已补充检测报告' }))
		expect(await status(id)).toBe('draft')
		expect((await act(verified, id, { intent: 'submit' })).status).toBe(302)
		expect(await status(id)).toBe('pending')
		// Approving twice, or approving an archived product, is a conflict, not a silent success.
		expect((await approve(id)).ok).toBe(true)
		expect(await approve(id)).toEqual({ ok: false, error: 'invalidTransition', status: 'published' })
		expect(
			await setProductStatusByAdmin(test.db, { productId: 999_999, to: 'published', adminUserId: adminId, ip: null }),
		).toEqual({
			ok: false,
			error: 'notFound',
		})
	})

	it('a pending organization can keep drafts but cannot submit them; after verification it can', async () => {
		const id = await create(pending, { name: '待审核企业的草稿' })
		const before = await countRows(test.db)
		const refused = await act(pending, id, { intent: 'submit' })
		expect(refused.status).toBe(409)
		expect((refused.data as { result: { error: Record<string, string[]> } }).result.error['']).toEqual([
			'errors.orgNotVerified',
		])
		expect(diffRows(before, await countRows(test.db))).toEqual({})
		expect(await status(id)).toBe('draft')
		await syncSearch(test)
		expect(await inIndex(test, id)).toBe(false)
		expect(await publicStatus(id)).toBe(404)

		// Even if a product of an unverified organization were pending, approval refuses it.
		await test.db.updateTable('product').set({ status: 'pending' }).where('id', '=', id).execute()
		expect(await approve(id)).toEqual({ ok: false, error: 'orgNotVerified' })
		await test.db.updateTable('product').set({ status: 'draft' }).where('id', '=', id).execute()

		await setOrganizationStatus(test.db, { id: adminId, organizationId: null }, pending.orgId, 'verified', null, {
			ip: null,
		})
		expect((await act(pending, id, { intent: 'submit' })).status).toBe(302)
		expect(await status(id)).toBe('pending')
	})

	it('the owner previews any status; the list filters by status and pages', async () => {
		const id = await create(verified, { name: '预览用草稿' })
		const preview = await run(() =>
			previewRoute.loader({
				request: get(`/workspace/products/${id}/preview`, { cookie: verified.cookie }),
				context: ctx(),
				params: { id: String(id) },
			}),
		)
		expect(preview.status).toBe(200)
		expect((preview.data as { product: { name: string } }).product.name).toBe('预览用草稿')
		const list = await run(() =>
			listRoute.loader({
				request: get('/workspace/products?status=draft&page=abc', { cookie: verified.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		const data = list.data as {
			items: Array<{ id: number; status: string }>
			counts: Record<string, number>
			status: string
		}
		expect(data.status).toBe('draft')
		expect(data.items.every((i) => i.status === 'draft')).toBe(true)
		expect(data.items.map((i) => i.id)).toContain(id)
		expect(data.counts.draft).toBeGreaterThan(0)
	})

	it('statusAfterEdit: published → pending, rejected → draft, others unchanged', () => {
		expect(statusAfterEdit('published')).toBe('pending')
		expect(statusAfterEdit('rejected')).toBe('draft')
		expect(statusAfterEdit('draft')).toBe('draft')
		expect(statusAfterEdit('pending')).toBe('pending')
	})
})
