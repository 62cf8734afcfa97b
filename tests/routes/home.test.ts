import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATEGORIES } from '#app/models/taxonomy.ts'
import { loader } from '#app/routes/_index.tsx'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { SENTINELS, expectNoSentinel, get, loadContext } from './helpers.ts'

let ctx: TestContext

beforeAll(async () => {
	ctx = await createTestContext()
	const org = await insertOrganization(ctx.db, {
		contact_phone: SENTINELS.contact_phone,
		contact_email: SENTINELS.contact_email,
	})
	await insertProduct(ctx.db, org.id)
	await insertProduct(ctx.db, org.id, { category_key: 'service-energy', kind: 'service', name: '节能诊断服务' })
	await insertProduct(ctx.db, org.id, { status: 'draft' })
})
afterAll(async () => ctx.cleanup())

describe('/', () => {
	it('counts from the database and links every category to the catalogue', async () => {
		const data = await loader({ request: get('/'), params: {}, context: loadContext(ctx) })
		expect(data.figures).toMatchObject({ inZoneMakers: 1, products: 1, services: 1, openDemands: 0 })
		expect(data.figures.categoryCounts).toEqual({ compressor: 1, 'service-energy': 1 })
		expect(Object.keys(data.categoryHrefs)).toHaveLength(CATEGORIES.length)
		expect(data.categoryHrefs.compressor).toBe('/products?group=energy-using&category=compressor')
		expect(data.groupHrefs['medical']).toBe('/products?group=medical')
		expectNoSentinel(data)
	})
})
