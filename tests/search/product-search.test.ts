import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPublicProduct } from '#app/models/product.server.ts'
import { createMeiliClient } from '#app/search/client.server.ts'
import {
	MAX_PRODUCT_PAGE,
	parseProductSearchParams,
	productSearchToQuery,
	searchProducts,
	searchSimilarProducts,
} from '#app/search/product-search.server.ts'
import type { OrganizationRow } from '#db/schema.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import {
	deleteProductRow,
	insertOrganization,
	insertProduct,
	updateOrganizationRow,
	updateProductRow,
} from '#tests/helpers/factories.ts'
import { prepareIndexes, productParams, sync } from './helpers.ts'

let ctx: TestContext
let inZone: OrganizationRow
let outZone: OrganizationRow
const ids: Record<string, number> = {}

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	inZone = await insertOrganization(ctx.db, { name: '泰达压缩机制造有限公司' })
	outZone = await insertOrganization(ctx.db, { name: '滨海电机有限公司', in_zone: 0, area: null })
	const add = async (key: string, orgId: number, o: Parameters<typeof insertProduct>[2]) => {
		ids[key] = (await insertProduct(ctx.db, orgId, o)).id
	}
	// Seven compressors with distinct prices, grades and dates, for facets, sorting and paging.
	for (let i = 0; i < 7; i++) {
		await add(`c${i}`, i % 2 === 0 ? inZone.id : outZone.id, {
			name: `螺杆空压机 ${30 + i}kW`,
			price_min: 100_000 + i * 150_000,
			price_max: 120_000 + i * 150_000,
			energy_grade: (i % 3) + 1,
			published_at: `2026-01-0${i + 1}T00:00:00.000Z`,
		})
	}
	await add('motor', outZone.id, {
		category_key: 'motor',
		name_en: null,
		tags: '[]',
		name: '高效永磁同步电机',
		description: '替代老旧三相异步电动机',
		price_min: 30_000,
		price_max: 40_000,
		energy_grade: 1,
	})
	await add('audit', inZone.id, {
		category_key: 'service-energy',
		kind: 'service',
		name_en: null,
		name: '空压站节能诊断',
		description: '空压机群控与能效诊断服务',
		price_min: null,
		price_max: null,
		energy_grade: null,
	})
	// Never visible (R20): draft, pending, rejected and archived products, and a verified org's
	// product once the org is disabled.
	for (const status of ['draft', 'pending', 'rejected', 'archived'] as const)
		await add(status, inZone.id, { status, name: `不可见的空压机 ${status}` })
	const hiddenOrg = await insertOrganization(ctx.db, { status: 'pending' })
	await add('unverified', hiddenOrg.id, { name: '未认证企业的空压机' })
	await sync(ctx)
})
afterAll(async () => ctx.cleanup())

describe('searchProducts', () => {
	it('finds, counts and facets published products only', async () => {
		const r = await searchProducts(ctx, productParams({ q: '空压机' }))
		expect(r.degraded).toBe(false)
		const found = r.items.map((i) => i.product.id)
		for (let i = 0; i < 7; i++) expect(found).toContain(ids[`c${i}`])
		expect(found).toContain(ids.audit)
		for (const k of ['draft', 'pending', 'rejected', 'archived', 'unverified']) expect(found).not.toContain(ids[k])
		expect(r.total).toBe(8)
		expect(r.facets.category).toEqual({ compressor: 7, 'service-energy': 1 })
		expect(r.facets.kind).toEqual({ equipment: 7, service: 1 })
		expect(r.facets.inZone).toEqual({ true: 5, false: 3 })
		expect(r.facets.energyGrade).toEqual({ 1: 3, 2: 2, 3: 2 })
		expect(r.expandedTerms.slice(0, 3)).toEqual(['空压机', '空气压缩机', '压缩机'])
	})

	it('counts each facet without its own filter (disjunctive facets)', async () => {
		const r = await searchProducts(ctx, productParams({ q: '空压机', energyGrades: [1], categories: ['compressor'] }))
		expect(r.items.every((i) => i.product.energyGrade === 1 && i.product.categoryKey === 'compressor')).toBe(true)
		expect(r.total).toBe(3)
		expect(r.facets.energyGrade).toEqual({ 1: 3, 2: 2, 3: 2 })
		expect(r.facets.category).toEqual({ compressor: 3 })
		const none = await searchProducts(ctx, productParams({ q: '空压机', kind: 'service', energyGrades: [2] }))
		expect(none.total).toBe(0)
		expect(none.facets.kind).toEqual({ equipment: 2, service: 0 })
	})

	it('filters by group, zone and price band', async () => {
		const zone = await searchProducts(ctx, productParams({ inZone: false }))
		expect(zone.items.every((i) => !i.product.org.inZone)).toBe(true)
		expect(zone.total).toBe(4)
		const band = await searchProducts(ctx, productParams({ priceBands: ['lt50k'] }))
		expect(band.items.map((i) => i.product.id)).toEqual([ids.motor])
		const group = await searchProducts(ctx, productParams({ group: 'services' }))
		expect(group.items.map((i) => i.product.id)).toEqual([ids.audit])
	})

	it('sorts by price and by date', async () => {
		const asc = await searchProducts(ctx, productParams({ categories: ['compressor'], sort: 'price_asc' }))
		const prices = asc.items.map((i) => i.product.priceMin!)
		expect(prices).toEqual([...prices].sort((a, b) => a - b))
		const desc = await searchProducts(
			ctx,
			productParams({ q: '空压机', categories: ['compressor'], sort: 'price_desc' }),
		)
		expect(desc.items.map((i) => i.product.id)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => ids[`c${i}`]))
		const newest = await searchProducts(ctx, productParams({ categories: ['compressor'], sort: 'newest' }))
		expect(newest.items[0]!.product.id).toBe(ids.c6)
	})

	it('pages through results', async () => {
		const p1 = await searchProducts(ctx, productParams({ categories: ['compressor'], sort: 'price_asc', perPage: 3 }))
		const p3 = await searchProducts(
			ctx,
			productParams({ categories: ['compressor'], sort: 'price_asc', perPage: 3, page: 3 }),
		)
		expect(p1).toMatchObject({ total: 7, totalPages: 3, page: 1, perPage: 3 })
		expect(p1.items.map((i) => i.product.id)).toEqual([ids.c0, ids.c1, ids.c2])
		expect(p3.items.map((i) => i.product.id)).toEqual([ids.c6])
	})

	it('returns highlight segments, never HTML', async () => {
		const r = await searchProducts(ctx, productParams({ q: '电动机' }))
		const item = r.items.find((i) => i.product.id === ids.motor)!
		expect(item.highlight.name).toEqual([
			{ text: '高效永磁同步', hit: false },
			{ text: '电机', hit: true },
		])
		expect(item.highlight.description.some((s) => s.hit && s.text === '电动机')).toBe(true)
		const json = JSON.stringify(r)
		for (const tag of ['<em>', '</em>', '\\u0002', '\\u0003', '\u0002', '\u0003']) expect(json).not.toContain(tag)
	})

	it('suggests related categories when nothing matches', async () => {
		const r = await searchProducts(ctx, productParams({ q: '核磁共振' }))
		expect(r.total).toBe(0)
		expect(r.items).toEqual([])
		expect(r.suggestedCategories).toEqual(['medical-imaging'])
		const filtered = await searchProducts(ctx, productParams({ q: '空压机', categories: ['motor'] }))
		expect(filtered.suggestedCategories).toEqual(['compressor'])
	})

	it('re-reads hits from SQLite, so a change not yet synced is not shown (R20)', async () => {
		await updateProductRow(ctx.db, ids.c3!, { status: 'archived' })
		const stale = await searchProducts(ctx, productParams({ q: '空压机' }))
		expect(stale.items.map((i) => i.product.id)).not.toContain(ids.c3)
		await sync(ctx)
		const synced = await searchProducts(ctx, productParams({ q: '空压机' }))
		expect(synced.total).toBe(7)
		await updateProductRow(ctx.db, ids.c3!, { status: 'published' })
		await sync(ctx)
	})

	it('hides every product of an organization that loses its verification, and shows it again', async () => {
		await updateOrganizationRow(ctx.db, outZone.id, { status: 'disabled' })
		await sync(ctx)
		const r = await searchProducts(ctx, productParams())
		expect(r.items.some((i) => i.product.org.id === outZone.id)).toBe(false)
		expect(r.total).toBe(5)
		await updateOrganizationRow(ctx.db, outZone.id, { status: 'verified' })
		await sync(ctx)
		expect((await searchProducts(ctx, productParams())).total).toBe(9)
	})

	it('drops a deleted product after the next sync', async () => {
		const extra = await insertProduct(ctx.db, inZone.id, { name: '临时空压机', category_key: 'compressor' })
		await sync(ctx)
		expect((await searchProducts(ctx, productParams({ q: '临时' }))).items.map((i) => i.product.id)).toContain(extra.id)
		await deleteProductRow(ctx.db, extra.id)
		await sync(ctx)
		expect((await searchProducts(ctx, productParams({ q: '临时' }))).total).toBe(0)
	})

	it('degrades instead of failing when Meilisearch cannot be reached', async () => {
		const down = { ...ctx, search: { ...ctx.search, client: createMeiliClient('http://127.0.0.1:9', 'x'.repeat(16)) } }
		const r = await searchProducts(down, productParams({ q: '空压机' }))
		expect(r).toMatchObject({ degraded: true, items: [], total: 0 })
		expect(await searchSimilarProducts(down, (await getPublicProduct(ctx.db, ids.c0!))!)).toEqual([])
	})
})

describe('searchSimilarProducts', () => {
	it('returns other products of the same category, never the product itself', async () => {
		const product = (await getPublicProduct(ctx.db, ids.c0!))!
		const similar = await searchSimilarProducts(ctx, product, 4)
		expect(similar).toHaveLength(4)
		expect(similar.every((p) => p.categoryKey === 'compressor' && p.id !== product.id)).toBe(true)
	})

	it('prefers products sharing the domain terms, and tops up with the newest only when they run out', async () => {
		const tank = await insertProduct(ctx.db, inZone.id, {
			name: '立式储气罐 1立方米',
			name_en: null,
			tags: '[]',
			description: '碳钢储气罐',
			published_at: '2026-03-01T00:00:00.000Z',
		})
		await sync(ctx)
		try {
			const product = (await getPublicProduct(ctx.db, ids.c0!))!
			// Six other 螺杆空压机 share the term: the newer tank is not needed for four.
			const four = await searchSimilarProducts(ctx, product, 4)
			expect(four.map((p) => p.name).every((n) => n.startsWith('螺杆空压机'))).toBe(true)
			// Asking for more than the term finds brings in the category's newest.
			const eight = await searchSimilarProducts(ctx, product, 8)
			expect(eight.map((p) => p.id)).toContain(tank.id)
			expect(eight.map((p) => p.id)).not.toContain(product.id)
		} finally {
			await deleteProductRow(ctx.db, tank.id)
			await sync(ctx)
		}
	})
})

describe('URL state', () => {
	it('parses junk tolerantly', () => {
		const p = parseProductSearchParams(
			new URLSearchParams(
				'q=%20空压机%20%20节能&group=nope&category=motor,compressor&category=bogus&grade=1&grade=7&grade=x&inZone=maybe&kind=service&price=lt50k&price=cheap&sort=wild&page=-3',
			),
		)
		expect(p).toEqual({
			q: '空压机 节能',
			group: null,
			categories: ['motor', 'compressor'],
			energyGrades: [1],
			inZone: null,
			kind: 'service',
			priceBands: ['lt50k'],
			sort: 'relevance',
			page: 1,
			perPage: 20,
		})
		expect(parseProductSearchParams(new URLSearchParams('page=99999')).page).toBe(MAX_PRODUCT_PAGE)
		expect(parseProductSearchParams(new URLSearchParams('page=2.7&inZone=0')).page).toBe(2)
		expect(parseProductSearchParams(new URLSearchParams('q=' + 'x'.repeat(500))).q).toHaveLength(100)
	})

	it('round-trips through the query string', () => {
		const p = productParams({
			q: '空压机',
			group: 'energy-using',
			categories: ['compressor', 'pump'],
			energyGrades: [1, 2],
			inZone: true,
			kind: 'equipment',
			priceBands: ['lt50k'],
			sort: 'price_asc',
			page: 3,
		})
		const qs = productSearchToQuery(p)
		expect(qs).toBe(
			'q=%E7%A9%BA%E5%8E%8B%E6%9C%BA&group=energy-using&category=compressor&category=pump&grade=1&grade=2&inZone=1&kind=equipment&price=lt50k&sort=price_asc&page=3',
		)
		expect(parseProductSearchParams(new URLSearchParams(qs))).toEqual(p)
		expect(productSearchToQuery(productParams())).toBe('')
	})
})
