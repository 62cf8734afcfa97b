import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addProductImages } from '#app/models/product-image.server.ts'
import { createOrgProduct } from '#app/models/workspace-product.server.ts'
import * as mediaRoute from '#app/routes/media.products.$imageId.ts'
import * as dashboardRoute from '#app/routes/workspace._index.tsx'
import * as editRoute from '#app/routes/workspace.products.$id.tsx'
import * as previewRoute from '#app/routes/workspace.products.$id_.preview.tsx'
import * as listRoute from '#app/routes/workspace.products._index.tsx'
import * as importRoute from '#app/routes/workspace.products.import.tsx'
import * as newRoute from '#app/routes/workspace.products.new.tsx'
import * as templateRoute from '#app/routes/workspace.products.template.$format.ts'
import { appContext, createTestUser, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { createSupplier, multipart, productFields, tinyPng, totalChanges, type Supplier } from './helpers.ts'

/**
 * Who may see and change what (R15, R16, R8): every workspace loader and action with another
 * organization's ids, with the wrong role, signed out and cross-site. Denials change nothing.
 */

let test: TestContext
let orgA: Supplier
let orgB: Supplier
let buyer: Supplier
let adminCookie: string
let productA: number
let imageA: number
let productB: number

const ctx = () => appContext(test, '10.8.0.1')

beforeAll(async () => {
	test = await createTestContext()
	orgA = await createSupplier(test, { name: '甲方装备' })
	orgB = await createSupplier(test, { name: '乙方装备' })
	buyer = await createSupplier(test, { roles: ['buyer'], name: '只采购的企业' })
	adminCookie = (await createTestUser(test, { isAdmin: true })).cookie
	const input = {
		name: '甲方的草稿',
		nameEn: null,
		kind: 'equipment' as const,
		category: 'motor' as const,
		model: null,
		brand: null,
		description: null,
		specs: [['功率', '11 kW']] as Array<[string, string]>,
		energyGrade: 2,
		priceMin: null,
		priceMax: null,
		leadTimeDays: null,
		certifications: [],
		tags: [],
	}
	productA = (await createOrgProduct(test.db, { userId: orgA.userId, organizationId: orgA.orgId, ip: null }, input)).id
	productB = (await createOrgProduct(test.db, { userId: orgB.userId, organizationId: orgB.orgId, ip: null }, input)).id
	const added = await addProductImages(
		test.db,
		test.env.dataDir,
		{ userId: orgA.userId, organizationId: orgA.orgId, ip: null },
		productA,
		[new File([tinyPng() as BlobPart], 'a.png', { type: 'image/png' })],
	)
	if (!added.ok) throw new Error('setup image failed')
	imageA = (
		await test.db.selectFrom('product_image').select('id').where('product_id', '=', productA).executeTakeFirstOrThrow()
	).id
})
afterAll(async () => test.cleanup())

async function snapshot() {
	return test.db.selectFrom('product').selectAll().where('id', '=', productA).executeTakeFirstOrThrow()
}

const ACTIONS_ON_A: Array<[string, () => FormData | Record<string, string>]> = [
	['save', () => productFields({ name: '被乙方改掉' })],
	['addSpecRow', () => ({ intent: 'addSpecRow' })],
	['submit', () => ({ intent: 'submit' })],
	['archive', () => ({ intent: 'archive' })],
	['restore', () => ({ intent: 'restore' })],
	['deleteImage', () => ({ intent: 'deleteImage', imageId: String(imageA) })],
	['uploadImages', () => multipart({ intent: 'uploadImages' }, [{ name: 'x.png', bytes: tinyPng() }])],
]

describe('IDOR: organization B with organization A’s ids (R16)', () => {
	it('GET of A’s product page and preview is a 404 for B, the same as a missing id', async () => {
		for (const [route, path] of [
			[editRoute, `/workspace/products/${productA}`],
			[previewRoute, `/workspace/products/${productA}/preview`],
		] as const) {
			const mine = await run(() =>
				route.loader({ request: get(path, { cookie: orgB.cookie }), context: ctx(), params: { id: String(productA) } }),
			)
			const missing = await run(() =>
				route.loader({ request: get(path, { cookie: orgB.cookie }), context: ctx(), params: { id: '987654' } }),
			)
			expect(mine.status).toBe(404)
			expect(missing.status).toBe(404)
			expect(mine.data).toEqual(missing.data)
		}
		const list = await run(() =>
			listRoute.loader({ request: get('/workspace/products', { cookie: orgB.cookie }), context: ctx(), params: {} }),
		)
		expect(JSON.stringify(list.data)).not.toContain(`"id":${productA}`)
		expect((list.data as { counts: { total: number } }).counts.total).toBe(1)
	})

	it('every POST intent on A’s product from B: 404 (or a no-op), and A’s product is untouched', async () => {
		const before = await snapshot()
		for (const [intent, body] of ACTIONS_ON_A) {
			const changes = totalChanges(test)
			const out = await run(() =>
				editRoute.action({
					request: post(`/workspace/products/${productA}`, body(), { cookie: orgB.cookie }),
					context: ctx(),
					params: { id: String(productA) },
				}),
			)
			// Even addSpecRow, which only echoes the form, does not confirm that A's product exists.
			expect(out.status, intent).toBe(404)
			expect(totalChanges(test) - changes, intent).toBe(0)
		}
		expect(await snapshot()).toEqual(before)
		expect(
			await test.db.selectFrom('product_image').select('id').where('product_id', '=', productA).execute(),
		).toHaveLength(1)
	})

	it('B cannot delete A’s image through B’s own product id either', async () => {
		const changes = totalChanges(test)
		const out = await run(() =>
			editRoute.action({
				request: post(
					`/workspace/products/${productB}`,
					{ intent: 'deleteImage', imageId: String(imageA) },
					{ cookie: orgB.cookie },
				),
				context: ctx(),
				params: { id: String(productB) },
			}),
		)
		expect(out.status).toBe(404)
		expect(totalChanges(test) - changes).toBe(0)
	})

	it('A’s draft image: 404 to B and to anonymous, served to A and to an administrator', async () => {
		const fetchAs = (cookie: string | null) =>
			run(() =>
				mediaRoute.loader({
					request: get(`/media/products/${imageA}`, { cookie }),
					context: ctx(),
					params: { imageId: String(imageA) },
				}),
			)
		expect((await fetchAs(orgB.cookie)).status).toBe(404)
		expect((await fetchAs(null)).status).toBe(404)
		const own = await fetchAs(orgA.cookie)
		expect(own.status).toBe(200)
		expect(own.headers.get('Cache-Control')).toBe('private, no-store')
		expect((await fetchAs(adminCookie)).status).toBe(200)
	})
})

describe('roles, sign-in and origin (R15, R8)', () => {
	const loaders = [
		['dashboard', () => dashboardRoute.loader, '/workspace'],
		['list', () => listRoute.loader, '/workspace/products'],
		['new', () => newRoute.loader, '/workspace/products/new'],
		['import', () => importRoute.loader, '/workspace/products/import'],
		['template', () => templateRoute.loader, '/workspace/products/template/csv'],
	] as const

	it('signed out: every loader redirects to /login', async () => {
		for (const [name, loader, path] of loaders) {
			const out = await run(() => loader()({ request: get(path), context: ctx(), params: { format: 'csv' } }))
			expect(out.status, name).toBe(302)
			expect(out.location, name).toMatch(/^\/login/)
		}
	})

	it('an organization without the supplier role: 403 on product pages and actions; the dashboard explains', async () => {
		for (const [name, loader, path] of loaders) {
			if (name === 'dashboard') continue
			const out = await run(() =>
				loader()({ request: get(path, { cookie: buyer.cookie }), context: ctx(), params: { format: 'csv' } }),
			)
			expect(out.status, name).toBe(403)
		}
		const dashboard = await run(() =>
			dashboardRoute.loader({ request: get('/workspace', { cookie: buyer.cookie }), context: ctx(), params: {} }),
		)
		expect(dashboard.status).toBe(200)
		expect((dashboard.data as { dashboard: unknown }).dashboard).toBeNull()
		const created = await run(() =>
			newRoute.action({
				request: post('/workspace/products/new', productFields(), { cookie: buyer.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(created.status).toBe(403)
		expect(
			await test.db.selectFrom('product').select('id').where('organization_id', '=', buyer.orgId).execute(),
		).toHaveLength(0)
	})

	it('a user without an organization is sent to register one', async () => {
		const loner = await createTestUser(test)
		const out = await run(() =>
			listRoute.loader({ request: get('/workspace/products', { cookie: loner.cookie }), context: ctx(), params: {} }),
		)
		expect(out.status).toBe(302)
		expect(out.location).toBe('/org/new')
	})

	it('cross-site POSTs are refused before anything is read or written', async () => {
		const before = await snapshot()
		const changes = totalChanges(test)
		for (const headers of [{ Origin: 'https://evil.test' }, { 'Sec-Fetch-Site': 'cross-site' }] as Array<
			Record<string, string>
		>) {
			const edit = await run(() =>
				editRoute.action({
					request: post(`/workspace/products/${productA}`, { intent: 'archive' }, { cookie: orgA.cookie, headers }),
					context: ctx(),
					params: { id: String(productA) },
				}),
			)
			expect(edit.status).toBe(403)
			const created = await run(() =>
				newRoute.action({
					request: post('/workspace/products/new', productFields(), { cookie: orgA.cookie, headers }),
					context: ctx(),
					params: {},
				}),
			)
			expect(created.status).toBe(403)
			const imported = await run(() =>
				importRoute.action({
					request: post('/workspace/products/import', { intent: 'upload' }, { cookie: orgA.cookie, headers }),
					context: ctx(),
					params: {},
				}),
			)
			expect(imported.status).toBe(403)
		}
		expect(totalChanges(test) - changes).toBe(0)
		expect(await snapshot()).toEqual(before)
	})

	it('loaders write nothing (R7)', async () => {
		const changes = totalChanges(test)
		for (const [, loader, path] of loaders) {
			await run(() =>
				loader()({ request: get(path, { cookie: orgA.cookie }), context: ctx(), params: { format: 'xlsx' } }),
			)
		}
		await run(() =>
			editRoute.loader({
				request: get(`/workspace/products/${productA}`, { cookie: orgA.cookie }),
				context: ctx(),
				params: { id: String(productA) },
			}),
		)
		expect(totalChanges(test) - changes).toBe(0)
	})
})
