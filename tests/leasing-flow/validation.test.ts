import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFixedT } from '#app/i18n/translate.ts'
import { chinaToday, notifyLessorsOfLeasingDemand } from '#app/models/leasing.server.ts'
import * as enterpriseRoute from '#app/routes/demands.$id_.leasing.tsx'
import * as workspaceRoute from '#app/routes/workspace.leasing._index.tsx'
import * as lessorDemandRoute from '#app/routes/workspace.leasing.demands.$demandId.tsx'
import * as programEditRoute from '#app/routes/workspace.leasing.programs.$id.tsx'
import * as programNewRoute from '#app/routes/workspace.leasing.programs.new.tsx'
import { countRows, createTestUser, diffRows, fieldErrors } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertLeasingProgram, insertOrganization } from '#tests/helpers/factories.ts'
import { act, addDays, auditCount, createWorld, load, offerFields, programFields, type World } from './helpers.ts'

let test: TestContext
let world: World

beforeAll(async () => {
	test = await createTestContext()
	world = await createWorld(test)
})
afterAll(async () => {
	await test.cleanup()
})

const zh = (key: string) => getFixedT('zh-CN', 'leasing')(key)
const en = (key: string) => getFixedT('en', 'leasing')(key)

/** A message key must read as a sentence in both languages, not come back as the key. */
function expectTranslated(key: string | undefined) {
	expect(key).toBeTruthy()
	expect(zh(key!)).not.toBe(key)
	expect(en(key!)).not.toBe(key)
	expect(zh(key!)).not.toBe(en(key!))
}

describe('bad offer input', () => {
	const cases: Array<{ name: string; fields: Record<string, string>; field: string; key: string }> = [
		{ name: 'rate 2.0 (200 %)', fields: { annualRatePct: '200' }, field: 'annualRatePct', key: 'errors.rateRange' },
		{ name: 'term 0', fields: { termMonths: '0' }, field: 'termMonths', key: 'errors.termRange' },
		{
			name: 'quarterly over 10 months',
			fields: { frequency: 'quarterly', termMonths: '10' },
			field: 'termMonths',
			key: 'errors.terms.termMonths.notMultipleOfThree',
		},
		{
			name: 'down payment equal to the price',
			fields: { equipmentPrice: '1000000', downPayment: '1000000' },
			field: 'downPayment',
			key: 'errors.terms.downPaymentFen.notBelowPrice',
		},
		{
			name: 'down payment above the price',
			fields: { equipmentPrice: '1000000', downPayment: '1200000' },
			field: 'downPayment',
			key: 'errors.terms.downPaymentFen.notBelowPrice',
		},
		{ name: 'not money', fields: { equipmentPrice: '一百万' }, field: 'equipmentPrice', key: 'errors.money' },
		{
			name: 'residual above the price',
			fields: { residual: '2000000' },
			field: 'residual',
			key: 'errors.terms.residualFen.exceedsPrice',
		},
		{
			name: 'expired validity',
			fields: { validUntil: '2020-01-01' },
			field: 'validUntil',
			key: 'errors.validUntilPast',
		},
	]
	for (const c of cases) {
		it(`${c.name}: 400, a translated field error, nothing written`, async () => {
			for (const intent of ['preview', 'send']) {
				const before = await countRows(test.db)
				const out = await act(
					test,
					lessorDemandRoute.action,
					`/workspace/leasing/demands/${world.demandId}`,
					offerFields({ ...c.fields, intent }),
					{ params: { demandId: String(world.demandId) }, cookie: world.lessorA.cookie },
				)
				expect(out.status).toBe(400)
				const errors = fieldErrors(out.data)[c.field]
				expect(errors).toContain(c.key)
				expectTranslated(c.key)
				expect(diffRows(before, await countRows(test.db))).toEqual({})
			}
		})
	}
})

describe('bad programme input', () => {
	const cases: Array<{ name: string; fields: Record<string, string | string[]>; field: string; key: string }> = [
		{ name: 'no category', fields: { categories: [] }, field: 'categories', key: 'errors.categoriesRequired' },
		{
			name: 'unknown category',
			fields: { categories: ['spaceship'] },
			field: 'categories',
			key: 'errors.categoryInvalid',
		},
		{
			name: 'max below min',
			fields: { amountMin: '5000000', amountMax: '100' },
			field: 'amountMax',
			key: 'errors.maxBelowMin',
		},
		{ name: 'rate 200 %', fields: { rateMaxPct: '200' }, field: 'rateMaxPct', key: 'errors.pctRange' },
		{ name: 'term 0', fields: { termMonthsMin: '0' }, field: 'termMonthsMin', key: 'errors.termRange' },
		{ name: 'no structure', fields: { structures: [] }, field: 'structures', key: 'errors.structuresRequired' },
	]
	for (const c of cases) {
		it(`${c.name}: 400, a translated field error, nothing written`, async () => {
			const before = await countRows(test.db)
			const out = await act(test, programNewRoute.action, '/workspace/leasing/programs/new', programFields(c.fields), {
				cookie: world.lessorA.cookie,
			})
			expect(out.status).toBe(400)
			expect(fieldErrors(out.data)[c.field]).toContain(c.key)
			expectTranslated(c.key)
			expect(diffRows(before, await countRows(test.db))).toEqual({})
		})
	}

	it('archived is final', async () => {
		const created = await act(test, programNewRoute.action, '/workspace/leasing/programs/new', programFields(), {
			cookie: world.lessorA.cookie,
		})
		const id = /programs\/(\d+)/.exec(created.location ?? '')![1]!
		const path = `/workspace/leasing/programs/${id}`
		expect(
			(
				await act(
					test,
					programEditRoute.action,
					path,
					{ intent: 'archive' },
					{ params: { id }, cookie: world.lessorA.cookie },
				)
			).status,
		).toBe(302)
		const resume = await act(
			test,
			programEditRoute.action,
			path,
			{ intent: 'resume' },
			{ params: { id }, cookie: world.lessorA.cookie },
		)
		expect(resume.status).toBe(409)
		const save = await act(
			test,
			programEditRoute.action,
			path,
			{ intent: 'save', ...programFields() },
			{ params: { id }, cookie: world.lessorA.cookie },
		)
		expect(save.status).toBe(409)
	})
})

describe('who may open the leasing pages (R15)', () => {
	it('anonymous → login; a supplier → 403; an unverified lessor → 403; a lessor on a buyer page → 404', async () => {
		const demandParams = { demandId: String(world.demandId) }
		const anon = await load(test, workspaceRoute.loader, '/workspace/leasing')
		expect(anon.status).toBe(302)
		expect(anon.location).toMatch(/^\/login/)
		const supplierOrg = await insertOrganization(test.db, { roles: '["supplier"]' })
		const supplier = await createTestUser(test, { organizationId: supplierOrg.id, orgRole: 'owner' })
		expect((await load(test, workspaceRoute.loader, '/workspace/leasing', {}, supplier.cookie)).status).toBe(403)
		const pendingOrg = await insertOrganization(test.db, { roles: '["lessor"]', status: 'pending' })
		const pending = await createTestUser(test, { organizationId: pendingOrg.id, orgRole: 'owner' })
		expect((await load(test, workspaceRoute.loader, '/workspace/leasing', {}, pending.cookie)).status).toBe(403)
		expect(
			(
				await load(
					test,
					lessorDemandRoute.loader,
					`/workspace/leasing/demands/${world.demandId}`,
					demandParams,
					pending.cookie,
				)
			).status,
		).toBe(403)
		const send = await act(
			test,
			lessorDemandRoute.action,
			`/workspace/leasing/demands/${world.demandId}`,
			offerFields(),
			{
				params: demandParams,
				cookie: supplier.cookie,
			},
		)
		expect(send.status).toBe(403)
		expect(
			(
				await load(
					test,
					enterpriseRoute.loader,
					`/demands/${world.demandId}/leasing`,
					{ id: String(world.demandId) },
					world.lessorA.cookie,
				)
			).status,
		).toBe(404)
	})

	it('a demand that does not want leasing, or a draft, is not the lessor’s business (404)', async () => {
		const plain = await insertDemand(test.db, world.enterprise.orgId, { financing: 'none' })
		const draft = await insertDemand(test.db, world.enterprise.orgId, { financing: 'leasing', status: 'draft' })
		for (const id of [plain.id, draft.id, 999_999]) {
			const out = await load(
				test,
				lessorDemandRoute.loader,
				`/workspace/leasing/demands/${id}`,
				{ demandId: String(id) },
				world.lessorA.cookie,
			)
			expect(out.status).toBe(404)
		}
	})

	it('an admin reads the enterprise page but cannot act', async () => {
		const admin = await createTestUser(test, { isAdmin: true })
		const out = await load(
			test,
			enterpriseRoute.loader,
			`/demands/${world.demandId}/leasing`,
			{ id: String(world.demandId) },
			admin.cookie,
		)
		expect(out.status).toBe(200)
		expect((out.data as { view: { canAct: boolean } }).view.canAct).toBe(false)
	})
})

describe('a new leasing demand is announced to the lessors it fits', () => {
	it('notifies each fitting lessor once, and nobody whose programmes do not fit', async () => {
		const elevatorLessor = await insertOrganization(test.db, { roles: '["lessor"]' })
		await insertLeasingProgram(test.db, elevatorLessor.id, { categories: '["elevator"]' })
		const demand = await insertDemand(test.db, world.enterprise.orgId, {
			financing: 'leasing',
			budget_max: 5_000_000,
			needed_by: addDays(chinaToday(), 120),
		})
		const first = await notifyLessorsOfLeasingDemand(test.db, demand.id)
		expect(first).toEqual([world.lessorB.orgId])
		expect(await notifyLessorsOfLeasingDemand(test.db, demand.id)).toEqual([])
		const rows = await test.db
			.selectFrom('notification')
			.select(['organization_id', 'link'])
			.where('kind', '=', 'leasing_demand.new')
			.execute()
		expect(rows).toEqual([{ organization_id: world.lessorB.orgId, link: `/workspace/leasing/demands/${demand.id}` }])
	})
})

describe('withdraw and decline', () => {
	it('each writes one audit row and tells the other side', async () => {
		const demand = await insertDemand(test.db, world.enterprise.orgId, {
			financing: 'leasing',
			needed_by: addDays(chinaToday(), 90),
		})
		const lessorPath = `/workspace/leasing/demands/${demand.id}`
		const params = { demandId: String(demand.id) }
		const send = () =>
			act(test, lessorDemandRoute.action, lessorPath, offerFields(), { params, cookie: world.lessorB.cookie })
		const latest = async () =>
			await test.db
				.selectFrom('lease_offer')
				.selectAll()
				.where('demand_id', '=', demand.id)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow()
		expect((await send()).status).toBe(302)
		const first = await latest()
		const withdrawn = await act(
			test,
			lessorDemandRoute.action,
			lessorPath,
			{ intent: 'withdraw', offerId: String(first.id) },
			{
				params,
				cookie: world.lessorB.cookie,
			},
		)
		expect(withdrawn.status).toBe(302)
		expect((await latest()).status).toBe('withdrawn')
		expect(await auditCount(test, 'lease_offer.withdraw', first.id)).toBe(1)

		expect((await send()).status).toBe(302)
		const second = await latest()
		const declined = await act(
			test,
			enterpriseRoute.action,
			`/demands/${demand.id}/leasing`,
			{ intent: 'decline', offerId: String(second.id), reason: '利率偏高' },
			{ params: { id: String(demand.id) }, cookie: world.enterprise.cookie },
		)
		expect(declined.status).toBe(302)
		expect(await latest()).toMatchObject({ status: 'declined', decline_reason: '利率偏高' })
		expect(await auditCount(test, 'lease_offer.decline', second.id)).toBe(1)
		const kinds = await test.db
			.selectFrom('notification')
			.select(['organization_id', 'kind'])
			.where('kind', 'in', ['lease_offer.withdrawn', 'lease_offer.declined'])
			.execute()
		expect(kinds).toEqual(
			expect.arrayContaining([
				{ organization_id: world.enterprise.orgId, kind: 'lease_offer.withdrawn' },
				{ organization_id: world.lessorB.orgId, kind: 'lease_offer.declined' },
			]),
		)
	})
})
