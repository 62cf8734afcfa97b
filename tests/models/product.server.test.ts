import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	getHomeFigures,
	getPublicProduct,
	isPublicProductRow,
	listPublicProductsByIds,
	listPublicProductsOfOrg,
	parseSpecs,
	toPublicProduct,
} from '#app/models/product.server.ts'
import type { OrganizationRow, ProductRow } from '#db/schema.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertOrganization, insertProduct } from '#tests/helpers/factories.ts'

let ctx: TestContext
let maker: OrganizationRow
let buyer: OrganizationRow
let outsider: OrganizationRow
let pending: OrganizationRow
const p: Record<string, ProductRow> = {}

beforeAll(async () => {
	ctx = await createTestContext()
	maker = await insertOrganization(ctx.db, { contact_phone: 'SENTINEL-TEL-123' })
	buyer = await insertOrganization(ctx.db, { roles: '["buyer"]' })
	outsider = await insertOrganization(ctx.db, { in_zone: 0, roles: '["supplier","lessor"]' })
	pending = await insertOrganization(ctx.db, { status: 'pending' })
	p.a = await insertProduct(ctx.db, maker.id, { published_at: '2026-01-01T00:00:00.000Z' })
	p.b = await insertProduct(ctx.db, maker.id, {
		category_key: 'motor',
		energy_grade: null,
		price_min: 30_000,
		published_at: '2026-02-01T00:00:00.000Z',
	})
	p.service = await insertProduct(ctx.db, outsider.id, {
		kind: 'service',
		category_key: 'service-energy',
		energy_grade: null,
	})
	p.draft = await insertProduct(ctx.db, maker.id, { status: 'draft' })
	p.archived = await insertProduct(ctx.db, maker.id, { status: 'archived' })
	p.unverified = await insertProduct(ctx.db, pending.id)
	await insertDemand(ctx.db, buyer.id)
	await insertDemand(ctx.db, buyer.id, { status: 'draft' })
	await insertDemand(ctx.db, pending.id)
})
afterAll(async () => ctx.cleanup())

describe('public products', () => {
	it('maps a row to the public projection', () => {
		const pub = toPublicProduct(p.a!, maker)
		expect(pub).toMatchObject({
			id: p.a!.id,
			kind: 'equipment',
			categoryKey: 'compressor',
			groupKey: 'energy-using',
			specs: [
				['额定功率', '37 kW'],
				['排气压力', '0.8 MPa'],
			],
			energyGrade: 1,
			priceBand: '50k-200k',
			certifications: ['CCC'],
			tags: ['节能'],
			org: { id: maker.id, name: maker.name, inZone: true, area: '西区', verified: true },
		})
		expect(JSON.stringify(pub)).not.toContain('SENTINEL')
		expect(pub).not.toHaveProperty('statusReason')
	})

	it('is public only when published and the organization is verified (R20)', () => {
		expect(isPublicProductRow(p.a!, maker)).toBe(true)
		expect(isPublicProductRow(p.draft!, maker)).toBe(false)
		expect(isPublicProductRow(p.unverified!, pending)).toBe(false)
		expect(isPublicProductRow(p.a!, undefined)).toBe(false)
	})

	it('gets one public product, or undefined', async () => {
		expect((await getPublicProduct(ctx.db, p.a!.id))?.name).toBe('螺杆空压机')
		for (const hidden of [p.draft, p.archived, p.unverified])
			expect(await getPublicProduct(ctx.db, hidden!.id)).toBeUndefined()
		expect(await getPublicProduct(ctx.db, 987654)).toBeUndefined()
	})

	it('lists by ids in the given order, dropping the hidden ones', async () => {
		const ids = [p.service!.id, p.draft!.id, p.b!.id, 987654, p.a!.id, p.b!.id]
		expect((await listPublicProductsByIds(ctx.db, ids)).map((x) => x.id)).toEqual([p.service!.id, p.b!.id, p.a!.id])
		expect(await listPublicProductsByIds(ctx.db, [])).toEqual([])
	})

	it("lists an organization's products, newest first, with paging", async () => {
		expect((await listPublicProductsOfOrg(ctx.db, maker.id)).map((x) => x.id)).toEqual([p.b!.id, p.a!.id])
		expect((await listPublicProductsOfOrg(ctx.db, maker.id, { limit: 1, offset: 1 })).map((x) => x.id)).toEqual([
			p.a!.id,
		])
		expect(await listPublicProductsOfOrg(ctx.db, pending.id)).toEqual([])
	})

	it('counts the home figures from the index exactly as SQLite does', async () => {
		await prepareSearchIndexes(ctx)
		await drainOutbox(ctx)
		const fromIndex = await getHomeFigures(ctx)
		expect(fromIndex.products + fromIndex.services).toBeGreaterThan(0)
		expect(fromIndex).toEqual(await getHomeFigures({ db: ctx.db }))
	})

	it('counts the home figures in SQLite', async () => {
		expect(await getHomeFigures({ db: ctx.db })).toEqual({
			inZoneMakers: 1,
			products: 2,
			services: 1,
			openDemands: 1,
			categoryCounts: { compressor: 1, motor: 1, 'service-energy': 1 },
			groupCounts: { 'energy-using': 2, services: 1 },
		})
	})

	it('reads specs tolerantly', () => {
		expect(parseSpecs('{"功率":"37 kW","级数":2,"嵌套":{"x":1}}')).toEqual([
			['功率', '37 kW'],
			['级数', '2'],
		])
		expect(parseSpecs('not json')).toEqual([])
		expect(parseSpecs('[1,2]')).toEqual([])
	})
})
