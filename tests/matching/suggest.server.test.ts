import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	buildDemandMatchReport,
	suggestDemandsForMaker,
	suggestMatchesForDemand,
	toMatchDemand,
} from '#app/matching/suggest.server.ts'
import {
	listMatchesForDemand,
	recomputeMatchesForDemand,
	recomputeMatchesForProduct,
} from '#app/models/match.server.ts'
import { loader } from '#app/routes/api.v1.demands.$ref.matches.ts'
import { createTestUser } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import {
	insertDemand,
	insertLeasingProgram,
	insertOrganization,
	insertProduct,
	updateProductRow,
} from '#tests/helpers/factories.ts'
import { deadSearchContext, get, loadContext, prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'

const TODAY = '2026-12-01'
let ctx: TestContext
let maker: number
let buyer: number
let otherBuyer: number
const products = { best: 0, close: 0, grade3: 0, far: 0, motor: 0 }
let demandId: number
let demandRef: string
let uncategorisedRef: string

beforeAll(async () => {
	ctx = await createTestContext()
	maker = (await insertOrganization(ctx.db, { roles: '["supplier"]', in_zone: 1 })).id
	const farMaker = (await insertOrganization(ctx.db, { roles: '["supplier"]', in_zone: 0, name: '外地压缩机厂' })).id
	buyer = (await insertOrganization(ctx.db, { roles: '["buyer"]', name: '泰达汽车零部件有限公司' })).id
	otherBuyer = (await insertOrganization(ctx.db, { roles: '["buyer"]', name: '另一家企业' })).id
	const lessor = (await insertOrganization(ctx.db, { roles: '["lessor"]', name: '泰达融资租赁' })).id
	const compressor = (name: string, kw: number, grade: number | null, price: number, org = maker) =>
		insertProduct(ctx.db, org, {
			name,
			specs: JSON.stringify({ 额定功率: `${kw} kW`, 排气压力: '0.8 MPa' }),
			energy_grade: grade,
			price_min: price,
			price_max: Math.round(price * 1.2),
		})
	products.best = (await compressor('永磁变频螺杆空压机 75kW', 75, 1, 160_000)).id
	products.close = (await compressor('螺杆空压机 90kW', 90, 2, 170_000)).id
	products.grade3 = (await compressor('工频螺杆空压机 75kW', 75, 3, 90_000)).id
	products.far = (await compressor('离心空压机 75kW', 75, 1, 165_000, farMaker)).id
	products.motor = (
		await insertProduct(ctx.db, maker, {
			category_key: 'motor',
			name: '超高效永磁同步电机 75kW',
			specs: JSON.stringify({ 额定功率: '75 kW' }),
			energy_grade: 1,
			price_min: 30_000,
			price_max: 36_000,
		})
	).id
	const demand = await insertDemand(ctx.db, buyer, {
		title: '空压站更新',
		category_key: null,
		description: '需更换6台老旧75kW空压机，预算约120万元，要求二级及以上能效，优先区内企业。',
		quantity: 1,
		budget_min: null,
		budget_max: null,
		min_energy_grade: null,
		prefer_in_zone: 1,
		needed_by: '2027-06-30',
	})
	demandId = demand.id
	demandRef = demand.ref
	uncategorisedRef = (
		await insertDemand(ctx.db, otherBuyer, {
			title: '电机节能改造',
			category_key: null,
			description: '更换2台75kW高效电机，要求一级能效。',
			quantity: 2,
			budget_max: 100_000,
			min_energy_grade: null,
		})
	).ref
	await insertLeasingProgram(ctx.db, lessor, {
		categories: '["compressor"]',
		amount_min: 500_000,
		amount_max: 20_000_000,
	})
	await prepareIndexes(ctx)
	await syncSearch(ctx)
}, 120_000)

afterAll(async () => {
	await ctx?.cleanup()
})

describe('suggestMatchesForDemand', () => {
	test('ranks by fit, reads the text, and never shows a product below the energy floor', async () => {
		const row = await ctx.db.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirstOrThrow()
		const { analysis, matches } = await suggestMatchesForDemand(ctx, toMatchDemand(row), { today: TODAY })
		expect(analysis.category).toMatchObject({ key: 'compressor', inferred: true })
		expect(analysis.energyFloor).toEqual({ value: 2, inferred: true })
		const ids = matches.map((m) => m.product.id)
		expect(ids[0]).toBe(products.best)
		expect(ids).not.toContain(products.grade3)
		expect(ids).not.toContain(products.motor)
		expect(ids.indexOf(products.best)).toBeLessThan(ids.indexOf(products.far))
		for (const m of matches) expect(m.score).toBeGreaterThan(0)
		for (const m of matches) expect(m.score).toBeLessThanOrEqual(1)
	})

	test('still matches, from SQLite, when Meilisearch is down', async () => {
		const row = await ctx.db.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirstOrThrow()
		const dead = deadSearchContext(ctx)
		const res = await suggestMatchesForDemand({ db: ctx.db, search: dead.search }, toMatchDemand(row), { today: TODAY })
		expect(res.recallSource).toBe('database')
		expect(res.matches[0]?.product.id).toBe(products.best)
	})
})

describe('the contract: CLI and API share one report', () => {
	test('report shape: demand, matches with reasons, leasing with a monthly payment', async () => {
		const report = await buildDemandMatchReport(ctx, demandRef, { limit: 5, today: TODAY })
		expect(report?.demand).toBe(demandRef)
		expect(report!.matches.length).toBeGreaterThan(0)
		for (const m of report!.matches) {
			expect(typeof m.product).toBe('string')
			expect(m.reasons.every((r) => ['met', 'partly', 'missed'].includes(r.status) && r.text.length > 0)).toBe(true)
		}
		expect(report!.matches[0]!.reasons.find((r) => r.factor === 'category')?.text).toBe('类别由需求描述推断：空压机')
		// Needed within the year: the programme's shortest term, at its lowest rate.
		expect(report!.leasing[0]).toMatchObject({ termMonths: 12, annualRate: 0.045 })
		expect(report!.leasing[0]!.monthlyPayment).toBeGreaterThan(0)
		expect(await buildDemandMatchReport(ctx, 'no-such-demand')).toBeUndefined()
	})

	test('GET /api/v1/demands/:ref/matches: anonymous 401, others 404, owner and admin 200 with the same list', async () => {
		const context = loadContext(ctx)
		const call = async (cookie?: string) =>
			(await loader({
				request: get(`/api/v1/demands/${demandRef}/matches?limit=5`, cookie ? { Cookie: cookie } : {}),
				params: { ref: demandRef },
				context,
			})) as Response
		expect((await call()).status).toBe(401)
		const stranger = await createTestUser(ctx, { organizationId: otherBuyer, orgRole: 'owner' })
		expect((await call(stranger.cookie)).status).toBe(404)
		const owner = await createTestUser(ctx, { organizationId: buyer, orgRole: 'member' })
		const ok = await call(owner.cookie)
		expect(ok.status).toBe(200)
		const body = (await ok.json()) as { demand: string; matches: Array<{ product: string }> }
		const cli = await buildDemandMatchReport(ctx, demandRef, { limit: 5 })
		expect(body).toEqual(JSON.parse(JSON.stringify(cli)))
		const admin = await createTestUser(ctx, { isAdmin: true })
		expect((await call(admin.cookie)).status).toBe(200)
	})
})

describe('the match table', () => {
	test('recompute keeps workflow statuses and drops suggestions that no longer qualify', async () => {
		const first = await recomputeMatchesForDemand(ctx, demandId, { today: TODAY })
		expect(first.inserted).toBeGreaterThan(0)
		let rows = await listMatchesForDemand(ctx.db, demandId)
		const shortlisted = rows.find((r) => r.productId === products.close)!
		await ctx.db.updateTable('match').set({ status: 'shortlisted' }).where('id', '=', shortlisted.id).execute()

		// The buyer tightens the floor to grade 1: the grade-2 product no longer qualifies.
		await ctx.db.updateTable('demand').set({ min_energy_grade: 1 }).where('id', '=', demandId).execute()
		await recomputeMatchesForDemand(ctx, demandId, { today: TODAY })
		rows = await listMatchesForDemand(ctx.db, demandId)
		const kept = rows.find((r) => r.productId === products.close)
		expect(kept?.status).toBe('shortlisted')
		expect(kept?.reasons.find((r) => r.factor === 'energy')?.code).toBe('energy.below')
		expect(rows.filter((r) => r.status === 'suggested').map((r) => r.productId)).toContain(products.best)
		await ctx.db.updateTable('demand').set({ min_energy_grade: null }).where('id', '=', demandId).execute()
	})

	test('a product change updates the demands it concerns in place', async () => {
		await recomputeMatchesForDemand(ctx, demandId, { today: TODAY })
		await updateProductRow(ctx.db, products.best, { status: 'archived' })
		const out = await recomputeMatchesForProduct(ctx, products.best, { today: TODAY })
		expect(out.removed).toBeGreaterThan(0)
		let rows = await listMatchesForDemand(ctx.db, demandId)
		expect(rows.map((r) => r.productId)).not.toContain(products.best)

		await updateProductRow(ctx.db, products.best, { status: 'published' })
		const back = await recomputeMatchesForProduct(ctx, products.best, { today: TODAY })
		expect(back.inserted).toBeGreaterThan(0)
		rows = await listMatchesForDemand(ctx.db, demandId)
		expect(rows[0]?.productId).toBe(products.best)
	})
})

describe('商机 for a maker', () => {
	test('open demands that fit its products, best first, budgets withheld', async () => {
		await syncSearch(ctx)
		const list = await suggestDemandsForMaker(ctx, maker, { today: TODAY })
		const refs = list.map((o) => o.demand.ref)
		expect(refs).toContain(demandRef)
		expect(refs).toContain(uncategorisedRef)
		const compressorDemand = list.find((o) => o.demand.ref === demandRef)!
		expect(compressorDemand.product.id).toBe(products.best)
		const budget = compressorDemand.reasons.find((r) => r.factor === 'budget')!
		expect(budget.code).toBe('budget.private')
		expect(JSON.stringify(list)).not.toContain('1200000')
		for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score)
	})
})
