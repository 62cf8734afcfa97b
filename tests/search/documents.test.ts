import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEX_KINDS } from '#app/search/client.server.ts'
import {
	DEMAND_DOCUMENT_FIELDS,
	ORGANIZATION_DOCUMENT_FIELDS,
	PRODUCT_DOCUMENT_FIELDS,
	PROGRAM_DOCUMENT_FIELDS,
	toDemandDocument,
	toOrganizationDocument,
	toProductDocument,
	toProgramDocument,
} from '#app/search/documents.ts'
import { INDEX_SETTINGS, SETTINGS_VERSION, SETTINGS_VERSIONS } from '#app/search/settings.ts'
import type { OrganizationRow } from '#db/schema.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertLeasingProgram, insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { prepareIndexes, sync } from './helpers.ts'

// Values planted in every private column: none may reach a document, an index or its settings.
const SENTINELS = [
	'SENTINEL-TEL-123',
	'sentinel-mail@example.invalid',
	'SENTINEL-PERSON',
	'SENTINEL-REASON',
	'SENTINEL-OLD-EQUIPMENT',
	'91120116SENTINEL',
]
const BUDGET_MIN = 7_654_321
const BUDGET_MAX = 8_765_432

let ctx: TestContext
let org: OrganizationRow
let pendingOrg: OrganizationRow

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	const privateOrg = {
		contact_person: 'SENTINEL-PERSON',
		contact_phone: 'SENTINEL-TEL-123',
		contact_email: 'sentinel-mail@example.invalid',
		status_reason: 'SENTINEL-REASON',
	}
	org = await insertOrganization(ctx.db, { ...privateOrg, roles: '["supplier","buyer","lessor"]' })
	pendingOrg = await insertOrganization(ctx.db, { ...privateOrg, status: 'pending' })
	await insertProduct(ctx.db, org.id, {
		status_reason: 'SENTINEL-REASON',
		description: '控制字符\u0002不应进入索引\u0003',
	})
	await insertProduct(ctx.db, org.id, { status: 'draft', name: '草稿产品' })
	await insertProduct(ctx.db, pendingOrg.id, { name: '待审核企业的产品' })
	await insertDemand(ctx.db, org.id, {
		budget_min: BUDGET_MIN,
		budget_max: BUDGET_MAX,
		old_name: 'SENTINEL-OLD-EQUIPMENT',
		close_reason: 'SENTINEL-REASON',
	})
	await insertDemand(ctx.db, org.id, { status: 'draft', budget_min: BUDGET_MIN, title: '草稿需求' })
	await insertLeasingProgram(ctx.db, org.id, { service_fee_pct: 0.0123987, deposit_pct: 0.0456987 })
	await insertLeasingProgram(ctx.db, org.id, { status: 'paused', name: '暂停的方案' })
	await sync(ctx)
})
afterAll(async () => ctx.cleanup())

describe('document mappers', () => {
	it('build only public records and only the listed fields', async () => {
		const products = await ctx.db.selectFrom('product').selectAll().orderBy('id').execute()
		const orgs = new Map((await ctx.db.selectFrom('organization').selectAll().execute()).map((o) => [o.id, o]))
		const docs = products.map((p) => toProductDocument(p, orgs.get(p.organization_id)))
		expect(docs.map((d) => d?.name ?? null)).toEqual(['螺杆空压机', null, null])
		expect(Object.keys(docs[0]!).sort()).toEqual([...PRODUCT_DOCUMENT_FIELDS].sort())
		expect(docs[0]).toMatchObject({
			category: 'compressor',
			group: 'energy-using',
			priceBand: '50k-200k',
			inZone: true,
			orgName: org.name,
		})
		expect(docs[0]!.description).toBe('控制字符不应进入索引')
		expect(docs[0]!.specs).toBe('额定功率: 37 kW; 排气压力: 0.8 MPa')
		// A product whose organization row is another's is not mapped (the caller mixed rows up).
		expect(toProductDocument(products[0]!, { ...org, id: org.id + 100 })).toBeNull()

		const orgDoc = toOrganizationDocument(org, { productCount: 1, categories: ['compressor'] })
		expect(Object.keys(orgDoc!).sort()).toEqual([...ORGANIZATION_DOCUMENT_FIELDS].sort())
		expect(orgDoc!.categoryNames).toEqual(['空压机', 'Air compressors'])
		expect(toOrganizationDocument(pendingOrg, undefined)).toBeNull()

		const demands = await ctx.db.selectFrom('demand').selectAll().orderBy('id').execute()
		const demandDoc = toDemandDocument(demands[0]!, org)
		expect(Object.keys(demandDoc!).sort()).toEqual([...DEMAND_DOCUMENT_FIELDS].sort())
		expect(toDemandDocument(demands[1]!, org)).toBeNull()
		expect(toDemandDocument(demands[0]!, pendingOrg)).toBeNull()

		const programs = await ctx.db.selectFrom('leasing_program').selectAll().orderBy('id').execute()
		const programDoc = toProgramDocument(programs[0]!, org)
		expect(Object.keys(programDoc!).sort()).toEqual([...PROGRAM_DOCUMENT_FIELDS].sort())
		expect(programDoc!.categoryNames).toContain('电机')
		expect(toProgramDocument(programs[1]!, org)).toBeNull()
	})

	it('display exactly the document fields, and version the settings', () => {
		expect(INDEX_SETTINGS.products.displayedAttributes).toEqual([...PRODUCT_DOCUMENT_FIELDS])
		expect(INDEX_SETTINGS.organizations.displayedAttributes).toEqual([...ORGANIZATION_DOCUMENT_FIELDS])
		expect(INDEX_SETTINGS.demands.displayedAttributes).toEqual([...DEMAND_DOCUMENT_FIELDS])
		expect(INDEX_SETTINGS.programs.displayedAttributes).toEqual([...PROGRAM_DOCUMENT_FIELDS])
		for (const kind of INDEX_KINDS) {
			const s = INDEX_SETTINGS[kind]
			const fields = new Set(s.displayedAttributes)
			for (const a of [...(s.searchableAttributes ?? []), ...(s.sortableAttributes ?? [])])
				expect(fields.has(a), `${kind}.${a}`).toBe(true)
			for (const a of s.filterableAttributes ?? []) expect(fields.has(a as string), `${kind}.${String(a)}`).toBe(true)
			expect(SETTINGS_VERSIONS[kind]).toMatch(/^[0-9a-f]{16}$/)
		}
		expect(SETTINGS_VERSION).toMatch(/^[0-9a-f]{16}$/)
	})
})

describe('what reaches Meilisearch (R35)', () => {
	it('holds no private value in any document or setting of any index', async () => {
		const counts: Record<string, number> = {}
		for (const kind of INDEX_KINDS) {
			const index = ctx.search.client.index(ctx.search.indexName(kind))
			const { results } = await index.getDocuments({ limit: 1000 })
			counts[kind] = results.length
			const settings = await index.getSettings()
			const blob = JSON.stringify(results) + JSON.stringify(settings)
			for (const s of SENTINELS) expect(blob, `${kind} contains ${s}`).not.toContain(s)
			for (const n of [BUDGET_MIN, BUDGET_MAX, 0.0123987, 0.0456987])
				expect(blob, `${kind} contains ${n}`).not.toContain(String(n))
			for (const key of [
				'budgetMin',
				'budgetMax',
				'contactPhone',
				'contactEmail',
				'contactPerson',
				'uscc',
				'statusReason',
				'oldName',
			]) {
				expect(blob).not.toContain(`"${key}"`)
			}
			const allowed = new Set(INDEX_SETTINGS[kind].displayedAttributes)
			for (const doc of results)
				for (const key of Object.keys(doc)) expect(allowed.has(key), `${kind}.${key}`).toBe(true)
			expect(settings.displayedAttributes).toEqual(INDEX_SETTINGS[kind].displayedAttributes)
		}
		// Only the public records: one product, one organization, one demand, one programme.
		expect(counts).toEqual({ products: 1, organizations: 1, demands: 1, programs: 1 })
	})
})
