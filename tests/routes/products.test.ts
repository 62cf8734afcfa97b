import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as productLoader } from '#app/routes/products.$id.tsx'
import { loader } from '#app/routes/products._index/route.tsx'
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
const ids: Record<string, number> = {}

async function list(path: string) {
	return loader({ request: get(path), params: {}, context: loadContext(ctx) })
}

async function show(id: string) {
	return productLoader({ request: get(`/products/${id}`), params: { id }, context: loadContext(ctx) })
}

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	maker = await insertOrganization(ctx.db, {
		name: '泰达压缩机制造有限公司',
		contact_person: SENTINELS.contact_person,
		contact_phone: SENTINELS.contact_phone,
		contact_email: SENTINELS.contact_email,
	})
	const other = await insertOrganization(ctx.db, { name: '滨海电机有限公司', in_zone: 0, area: null })
	ids.screw = (await insertProduct(ctx.db, maker.id, { name: '永磁变频螺杆空压机 37kW', energy_grade: 1 })).id
	ids.oilFree = (
		await insertProduct(ctx.db, maker.id, {
			name: '无油涡旋空压机',
			energy_grade: 2,
			price_min: 60_000,
			price_max: 80_000,
		})
	).id
	ids.motor = (
		await insertProduct(ctx.db, other.id, {
			category_key: 'motor',
			name: '高效永磁同步电机',
			name_en: 'High-efficiency PM synchronous motor',
			description: '替代老旧三相异步电动机',
			energy_grade: 1,
			price_min: 30_000,
			price_max: 40_000,
		})
	).id
	ids.draft = (await insertProduct(ctx.db, maker.id, { name: '草稿中的空压机', status: 'draft' })).id
	await syncSearch(ctx)
})
afterAll(async () => ctx.cleanup())

describe('/products', () => {
	it('searches, highlights and facets, with every link built for the URL', async () => {
		const data = await list('/products?q=空压机')
		expect(data.params.q).toBe('空压机')
		expect(data.result.degraded).toBe(false)
		const found = data.result.items.map((i) => i.product.id)
		expect(found).toEqual(expect.arrayContaining([ids.screw, ids.oilFree]))
		expect(found).not.toContain(ids.draft)
		const screw = data.result.items.find((i) => i.product.id === ids.screw)
		expect(screw?.highlight.name.some((s) => s.hit)).toBe(true)
		const compressor = data.view.categories.find((c) => c.key === 'compressor')
		expect(compressor).toMatchObject({ selected: false, count: 2 })
		expect(compressor?.href).toBe('/products?q=%E7%A9%BA%E5%8E%8B%E6%9C%BA&category=compressor')
		// The search form keeps filters, never the query or the page.
		expect(data.view.hidden).toEqual([])
		expect(data.view.clearHref).toBeNull()
	})

	it('toggles a selected facet off and keeps the filters in the search form', async () => {
		const data = await list('/products?category=compressor&grade=1&page=1')
		expect(data.params.categories).toEqual(['compressor'])
		expect(data.result.items.map((i) => i.product.id)).toEqual([ids.screw])
		const compressor = data.view.categories.find((c) => c.key === 'compressor')
		expect(compressor?.selected).toBe(true)
		expect(compressor?.href).toBe('/products?grade=1')
		expect(data.view.energyGrades.find((g) => g.key === '1')).toMatchObject({
			selected: true,
			href: '/products?category=compressor',
		})
		expect(data.view.hidden).toEqual([
			['category', 'compressor'],
			['grade', '1'],
		])
		expect(data.view.clearHref).toBe('/products')
		expect(data.view.sorts.find((s) => s.key === 'price_asc')?.href).toBe(
			'/products?category=compressor&grade=1&sort=price_asc',
		)
	})

	it('answers junk parameters with a normal page, not an error', async () => {
		const data = await list(
			'/products?page=abc&grade=9&category=nope&sort=x&price=zzz&inZone=maybe&kind=robot&group=%22%20OR%201&q=%00',
		)
		expect(data.params).toMatchObject({
			page: 1,
			energyGrades: [],
			categories: [],
			sort: 'relevance',
			priceBands: [],
			inZone: null,
			kind: null,
			group: null,
		})
		expect(data.result.degraded).toBe(false)
		expect(data.result.total).toBe(3)
		const deep = await list('/products?page=999999')
		expect(deep.result.items).toEqual([])
	})

	it('suggests categories when nothing is found', async () => {
		const data = await list('/products?q=空压机&kind=service')
		expect(data.result.total).toBe(0)
		expect(data.view.clearHref).toBe('/products?q=%E7%A9%BA%E5%8E%8B%E6%9C%BA')
		for (const s of data.view.suggestions) expect(s.href).toBe(`/products?category=${s.key}`)
	})

	it('says the search is degraded instead of failing when Meilisearch is down', async () => {
		const data = await loader({
			request: get('/products?q=空压机&grade=1'),
			params: {},
			context: deadSearchContext(ctx),
		})
		expect(data.result.degraded).toBe(true)
		expect(data.result.items).toEqual([])
		expect(data.view.energyGrades.find((g) => g.key === '1')?.selected).toBe(true)
	})

	it('never returns private organization fields', async () => {
		expectNoSentinel(await list('/products?q=空压机'))
		expectNoSentinel(await list('/products'))
	})
})

describe('/products/:id', () => {
	it('returns the public product with its maker and similar products', async () => {
		const data = await show(String(ids.screw))
		expect(data.product.id).toBe(ids.screw)
		expect(data.product.org).toMatchObject({
			id: maker.id,
			name: '泰达压缩机制造有限公司',
			inZone: true,
			verified: true,
		})
		expect(data.product.specs).toEqual([
			['额定功率', '37 kW'],
			['排气压力', '0.8 MPa'],
		])
		expect(data.similar.map((p) => p.id)).toContain(ids.oilFree)
		expect(data.similar.map((p) => p.id)).not.toContain(ids.screw)
		expect(data.categoryHref).toBe('/products?group=energy-using&category=compressor')
		expectNoSentinel(data)
	})

	it('is a 404 for junk, unknown and unpublished ids', async () => {
		for (const id of [
			'abc',
			'0',
			'-1',
			'1e3',
			'1.5',
			'007',
			' 1',
			'99999999',
			'123456789012345678901234567890',
			String(ids.draft),
		]) {
			expect(await thrownStatus(() => show(id)), `id ${JSON.stringify(id)}`).toBe(404)
		}
	})

	it('still renders when search is down (no similar products)', async () => {
		const id = String(ids.screw)
		const data = await productLoader({
			request: get(`/products/${id}`),
			params: { id },
			context: deadSearchContext(ctx),
		})
		expect(data.product.id).toBe(ids.screw)
		expect(data.similar).toEqual([])
	})
})
