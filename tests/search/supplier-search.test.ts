import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	parseSupplierSearchParams,
	searchSuppliers,
	supplierSearchToQuery,
} from '#app/search/supplier-search.server.ts'
import type { SupplierSearchParams } from '#app/models/public-types.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { prepareIndexes, sync } from './helpers.ts'

let ctx: TestContext
const ids: Record<string, number> = {}

function params(overrides: Partial<SupplierSearchParams> = {}): SupplierSearchParams {
	return {
		q: '',
		area: null,
		industry: null,
		category: null,
		inZone: null,
		role: null,
		page: 1,
		perPage: 20,
		...overrides,
	}
}

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	const compressors = await insertOrganization(ctx.db, {
		name: '泰达压缩机制造有限公司',
		area: '西区',
		industry: '装备制造',
	})
	const motors = await insertOrganization(ctx.db, {
		name: '南港动力科技',
		area: '南港工业区',
		industry: '装备制造',
		roles: '["supplier","lessor"]',
	})
	const outside = await insertOrganization(ctx.db, {
		name: '北京医疗影像公司',
		in_zone: 0,
		area: null,
		industry: '医疗器械',
	})
	const pending = await insertOrganization(ctx.db, { name: '待审核的压缩机公司', status: 'pending' })
	Object.assign(ids, { compressors: compressors.id, motors: motors.id, outside: outside.id, pending: pending.id })
	await insertProduct(ctx.db, compressors.id)
	await insertProduct(ctx.db, compressors.id, { name: '无油空压机' })
	await insertProduct(ctx.db, motors.id, { category_key: 'motor', name: '永磁电机', name_en: null })
	await insertProduct(ctx.db, outside.id, {
		category_key: 'medical-imaging',
		name: '磁共振',
		name_en: null,
		status: 'draft',
	})
	await sync(ctx)
})
afterAll(async () => ctx.cleanup())

describe('searchSuppliers', () => {
	it('lists verified organizations with facets, the biggest catalogue first', async () => {
		const r = await searchSuppliers(ctx, params())
		expect(r.degraded).toBe(false)
		expect(r.items.map((o) => o.id)).toEqual([ids.compressors, ids.motors, ids.outside])
		expect(r.items[0]).toMatchObject({ productCount: 2, categories: ['compressor'], verified: true, inZone: true })
		expect(r.facets.area).toEqual({ 西区: 1, 南港工业区: 1 })
		expect(r.facets.inZone).toEqual({ true: 2, false: 1 })
		expect(r.facets.role).toEqual({ supplier: 3, lessor: 1 })
		expect(r.facets.category).toEqual({ compressor: 1, motor: 1 })
		expect(JSON.stringify(r)).not.toContain('022-66200000')
	})

	it('finds makers by the categories they list, through synonyms', async () => {
		const r = await searchSuppliers(ctx, params({ q: '马达' }))
		expect(r.items.map((o) => o.id)).toEqual([ids.motors])
		const c = await searchSuppliers(ctx, params({ q: '空气压缩机' }))
		expect(c.items.map((o) => o.id)).toContain(ids.compressors)
		expect(c.items.map((o) => o.id)).not.toContain(ids.pending)
	})

	it('filters, and counts each facet without its own filter', async () => {
		const r = await searchSuppliers(ctx, params({ area: '西区', industry: '装备制造' }))
		expect(r.items.map((o) => o.id)).toEqual([ids.compressors])
		expect(r.facets.area).toEqual({ 西区: 1, 南港工业区: 1 })
		expect(r.facets.industry).toEqual({ 装备制造: 1 })
		const odd = await searchSuppliers(ctx, params({ area: '" OR area = "西区' }))
		expect(odd.total).toBe(0)
		expect(odd.facets.area['" OR area = "西区']).toBe(0)
		const role = await searchSuppliers(ctx, params({ role: 'lessor', category: 'motor', inZone: true }))
		expect(role.items.map((o) => o.id)).toEqual([ids.motors])
	})

	it('reads and writes its URL state', () => {
		const p = parseSupplierSearchParams(
			new URLSearchParams('q=%20电机%20&area=西区&category=bogus&inZone=1&role=admin&page=x'),
		)
		expect(p).toEqual(params({ q: '电机', area: '西区', inZone: true }))
		expect(
			parseSupplierSearchParams(
				new URLSearchParams(supplierSearchToQuery(params({ q: 'x', role: 'lessor', page: 2, category: 'pump' }))),
			),
		).toEqual(params({ q: 'x', role: 'lessor', page: 2, category: 'pump' }))
	})
})
