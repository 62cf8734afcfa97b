import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as profileLoader } from '#app/routes/suppliers.$id.tsx'
import { loader } from '#app/routes/suppliers._index/route.tsx'
import type { OrganizationRow } from '#db/schema.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import {
	SENTINELS,
	deadSearchContext,
	expectNoSentinel,
	get,
	loadContext,
	prepareIndexes,
	syncSearch,
	thrownStatus,
} from './helpers.ts'

let ctx: TestContext
let maker: OrganizationRow
let lessor: OrganizationRow
let pending: OrganizationRow

async function list(path: string) {
	return loader({ request: get(path), params: {}, context: loadContext(ctx) })
}

async function profile(id: string, search = '') {
	return profileLoader({ request: get(`/suppliers/${id}${search}`), params: { id }, context: loadContext(ctx) })
}

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	maker = await insertOrganization(ctx.db, {
		name: '泰达压缩机制造有限公司',
		area: '西区',
		contact_person: SENTINELS.contact_person,
		contact_phone: SENTINELS.contact_phone,
		contact_email: SENTINELS.contact_email,
	})
	lessor = await insertOrganization(ctx.db, {
		name: '泰达融资租赁有限公司',
		roles: '["lessor"]',
		area: '东区',
		industry: '现代服务业',
	})
	pending = await insertOrganization(ctx.db, { name: '待审核企业', status: 'pending' })
	// 14 products: two pages of 12 on the profile.
	for (let i = 0; i < 14; i++) await insertProduct(ctx.db, maker.id, { name: `螺杆空压机 ${i + 10}kW` })
	await insertProduct(ctx.db, maker.id, { name: '草稿空压机', status: 'draft' })
	await syncSearch(ctx)
})
afterAll(async () => ctx.cleanup())

describe('/suppliers', () => {
	it('lists verified organizations with facet links', async () => {
		const data = await list('/suppliers')
		const found = data.result.items.map((o) => o.id)
		expect(found).toEqual(expect.arrayContaining([maker.id, lessor.id]))
		expect(found).not.toContain(pending.id)
		const west = data.view.areas.find((a) => a.key === '西区')
		expect(west).toMatchObject({ selected: false, count: 1 })
		expect(west?.href).toBe(`/suppliers?area=${encodeURIComponent('西区')}`)
		expect(data.view.roles.find((r) => r.key === 'lessor')?.href).toBe('/suppliers?role=lessor')
	})

	it('filters, and a selected filter links back to the unfiltered list', async () => {
		const data = await list('/suppliers?role=lessor')
		expect(data.result.items.map((o) => o.id)).toEqual([lessor.id])
		expect(data.view.roles.find((r) => r.key === 'lessor')).toMatchObject({ selected: true, href: '/suppliers' })
		expect(data.view.hidden).toEqual([['role', 'lessor']])
		expect(data.view.clearHref).toBe('/suppliers')
	})

	it('answers junk parameters with a normal page', async () => {
		const data = await list('/suppliers?page=abc&role=king&category=nope&inZone=perhaps&area=%22%20OR%20x')
		expect(data.params).toMatchObject({ page: 1, role: null, category: null, inZone: null })
		expect(data.result.degraded).toBe(false)
	})

	it('is degraded, not broken, without Meilisearch', async () => {
		const data = await loader({ request: get('/suppliers?q=压缩机'), params: {}, context: deadSearchContext(ctx) })
		expect(data.result.degraded).toBe(true)
	})

	it('never returns private organization fields', async () => {
		expectNoSentinel(await list('/suppliers'))
		expectNoSentinel(await list('/suppliers?q=泰达压缩机'))
	})
})

describe('/suppliers/:id', () => {
	it('shows the profile and its published products, paginated', async () => {
		const first = await profile(String(maker.id))
		expect(first.org).toMatchObject({
			id: maker.id,
			name: '泰达压缩机制造有限公司',
			productCount: 14,
			categories: ['compressor'],
		})
		expect(first.products).toHaveLength(12)
		expect(first).toMatchObject({ page: 1, totalPages: 2 })
		const second = await profile(String(maker.id), '?page=2')
		expect(second.products).toHaveLength(2)
		expect(second.products.map((p) => p.name)).not.toContain('草稿空压机')
		// Junk and out-of-range pages fall back to a real page.
		expect((await profile(String(maker.id), '?page=abc')).page).toBe(1)
		expect((await profile(String(maker.id), '?page=99')).page).toBe(2)
		expectNoSentinel(first)
		expectNoSentinel(second)
	})

	it('is a 404 for junk, unknown and unverified organizations', async () => {
		for (const id of ['abc', '0', '-3', '1e2', '99999999', String(pending.id)]) {
			expect(await thrownStatus(() => profile(id)), `id ${id}`).toBe(404)
		}
	})
})
