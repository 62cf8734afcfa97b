import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	getPublicOrganization,
	listOrganizationProductStats,
	listPublicOrganizationsByIds,
	parseRoles,
	toPublicOrganization,
} from '#app/models/organization.server.ts'
import type { OrganizationRow } from '#db/schema.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'

let ctx: TestContext
let maker: OrganizationRow
let empty: OrganizationRow
let rejected: OrganizationRow

beforeAll(async () => {
	ctx = await createTestContext()
	maker = await insertOrganization(ctx.db, {
		roles: '["supplier","lessor","nonsense"]',
		contact_person: 'SENTINEL-PERSON',
		contact_phone: 'SENTINEL-TEL-123',
		contact_email: 'sentinel@example.invalid',
		status_reason: 'SENTINEL-REASON',
	})
	empty = await insertOrganization(ctx.db, { in_zone: 0, area: null })
	rejected = await insertOrganization(ctx.db, { status: 'rejected' })
	await insertProduct(ctx.db, maker.id, { category_key: 'motor' })
	await insertProduct(ctx.db, maker.id)
	await insertProduct(ctx.db, maker.id)
	await insertProduct(ctx.db, maker.id, { category_key: 'pump', status: 'draft' })
})
afterAll(async () => ctx.cleanup())

describe('public organizations', () => {
	it('maps a row without its contacts, credit code or moderation notes', () => {
		const pub = toPublicOrganization(maker, { productCount: 3, categories: ['compressor'] })
		expect(pub).toEqual({
			id: maker.id,
			ref: maker.ref,
			name: maker.name,
			nameEn: maker.name_en,
			roles: ['supplier', 'lessor'],
			inZone: true,
			area: '西区',
			industry: maker.industry,
			description: maker.description,
			website: maker.website,
			verified: true,
			productCount: 3,
			categories: ['compressor'],
		})
		expect(JSON.stringify(pub)).not.toMatch(/SENTINEL|sentinel|91120116/)
	})

	it('counts published products per organization, categories in taxonomy order', async () => {
		const stats = await listOrganizationProductStats(ctx.db, [maker.id, empty.id])
		expect(stats.get(maker.id)).toEqual({ productCount: 3, categories: ['motor', 'compressor'] })
		expect(stats.get(empty.id)).toBeUndefined()
	})

	it('gets and lists verified organizations only, in the given order', async () => {
		expect(await getPublicOrganization(ctx.db, maker.id)).toMatchObject({
			productCount: 3,
			categories: ['motor', 'compressor'],
		})
		expect(await getPublicOrganization(ctx.db, empty.id)).toMatchObject({
			productCount: 0,
			categories: [],
			inZone: false,
		})
		expect(await getPublicOrganization(ctx.db, rejected.id)).toBeUndefined()
		expect((await listPublicOrganizationsByIds(ctx.db, [empty.id, rejected.id, maker.id])).map((o) => o.id)).toEqual([
			empty.id,
			maker.id,
		])
	})

	it('reads roles tolerantly', () => {
		expect(parseRoles('["buyer","x",3]')).toEqual(['buyer'])
		expect(parseRoles('{')).toEqual([])
	})
})
