import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFixedT } from '#app/i18n/translate.ts'
import { leaseRates } from '#app/leasing/compare.ts'
import { buildLeaseSchedule } from '#app/leasing/schedule.ts'
import { offerTerms, OfferActionSchema } from '#app/models/leasing.schema.ts'
import { acceptOffer, chinaToday, createOffer, plannedStartDate } from '#app/models/leasing.server.ts'
import * as enterpriseRoute from '#app/routes/demands.$id_.leasing.tsx'
import * as publicListRoute from '#app/routes/leasing._index.tsx'
import * as publicProgramRoute from '#app/routes/leasing.programs.$id.tsx'
import * as workspaceRoute from '#app/routes/workspace.leasing._index.tsx'
import * as lessorDemandRoute from '#app/routes/workspace.leasing.demands.$demandId.tsx'
import * as programEditRoute from '#app/routes/workspace.leasing.programs.$id.tsx'
import * as programNewRoute from '#app/routes/workspace.leasing.programs.new.tsx'
import { countRows, diffRows, fieldErrors } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand } from '#tests/helpers/factories.ts'
import { prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'
import {
	SENTINEL,
	act,
	addDays,
	auditCount,
	createWorld,
	load,
	offerFields,
	programFields,
	type World,
} from './helpers.ts'

let test: TestContext
let world: World
let programA = 0
let offerA = 0
let offerB = 0

const sentinelValues = [
	String(SENTINEL.budgetMin),
	String(SENTINEL.budgetMax),
	SENTINEL.person,
	SENTINEL.phone,
	SENTINEL.email,
]
const leaks = (data: unknown) => sentinelValues.filter((v) => JSON.stringify(data).includes(v))

beforeAll(async () => {
	test = await createTestContext()
	await prepareIndexes(test)
	world = await createWorld(test)
})
afterAll(async () => {
	await test.cleanup()
})

const demandPath = () => `/workspace/leasing/demands/${world.demandId}`
const enterprisePath = () => `/demands/${world.demandId}/leasing`

describe('a lessor publishes a programme', () => {
	it('creates it through the form, audits it once, and it becomes searchable', async () => {
		const out = await act(test, programNewRoute.action, '/workspace/leasing/programs/new', programFields(), {
			cookie: world.lessorA.cookie,
		})
		expect(out.status).toBe(302)
		programA = Number(/programs\/(\d+)/.exec(out.location ?? '')?.[1])
		expect(programA).toBeGreaterThan(0)
		const row = await test.db
			.selectFrom('leasing_program')
			.selectAll()
			.where('id', '=', programA)
			.executeTakeFirstOrThrow()
		expect(row).toMatchObject({
			organization_id: world.lessorA.orgId,
			status: 'active',
			amount_min: 500_000,
			rate_min: 0.045,
			down_payment_min: 0.1,
			service_fee_pct: 0.01,
			deposit_pct: 0.05,
		})
		expect(JSON.parse(row.industries)).toEqual(['汽车及高端装备', '化工新材料'])
		expect(await auditCount(test, 'leasing_program.create', programA)).toBe(1)

		await syncSearch(test)
		const found = await load(test, publicListRoute.loader, '/leasing?q=%E7%9B%B4%E7%A7%9F')
		expect((found.data as { items: Array<{ id: number }> }).items.map((p) => p.id)).toContain(programA)
		const byCategory = await load(test, publicListRoute.loader, '/leasing?category=compressor')
		expect((byCategory.data as { items: Array<{ id: number }> }).items.map((p) => p.id)).toContain(programA)
		const other = await load(test, publicListRoute.loader, '/leasing?category=elevator')
		expect((other.data as { items: Array<{ id: number }> }).items.map((p) => p.id)).not.toContain(programA)
		const page = await load(test, publicProgramRoute.loader, `/leasing/programs/${programA}`, { id: String(programA) })
		expect(page.status).toBe(200)
	})

	it('pauses (gone from the public list and page), resumes, with one audit row each', async () => {
		const path = `/workspace/leasing/programs/${programA}`
		const params = { id: String(programA) }
		const paused = await act(
			test,
			programEditRoute.action,
			path,
			{ intent: 'pause' },
			{ params, cookie: world.lessorA.cookie },
		)
		expect(paused.status).toBe(302)
		await syncSearch(test)
		expect((await load(test, publicProgramRoute.loader, `/leasing/programs/${programA}`, params)).status).toBe(404)
		const hits = await load(test, publicListRoute.loader, '/leasing?q=%E7%9B%B4%E7%A7%9F')
		expect((hits.data as { items: Array<{ id: number }> }).items.map((p) => p.id)).not.toContain(programA)
		const resumed = await act(
			test,
			programEditRoute.action,
			path,
			{ intent: 'resume' },
			{ params, cookie: world.lessorA.cookie },
		)
		expect(resumed.status).toBe(302)
		expect(await auditCount(test, 'leasing_program.pause', programA)).toBe(1)
		expect(await auditCount(test, 'leasing_program.resume', programA)).toBe(1)
		// Another lessor can neither see nor change it.
		expect((await load(test, programEditRoute.loader, path, params, world.lessorB.cookie)).status).toBe(404)
		const foreign = await act(
			test,
			programEditRoute.action,
			path,
			{ intent: 'archive' },
			{ params, cookie: world.lessorB.cookie },
		)
		expect(foreign.status).toBe(404)
		await syncSearch(test)
	})
})

describe('the lessor sees the fitting demand, privately only after the request', () => {
	it('lists it best first with reasons, without budget or contacts', async () => {
		const out = await load(test, workspaceRoute.loader, '/workspace/leasing', {}, world.lessorA.cookie)
		expect(out.status).toBe(200)
		const data = out.data as {
			demands: Array<{ demand: { id: number }; best: { reasons: Array<{ code: string }> } | null; requested: boolean }>
		}
		const item = data.demands.find((d) => d.demand.id === world.demandId)
		expect(item?.requested).toBe(false)
		expect(item?.best?.reasons.map((r) => r.code)).toEqual(
			expect.arrayContaining(['categoryCovered', 'amountInRange', 'termFits', 'industryTarget']),
		)
		expect(leaks(out.data)).toEqual([])
		const page = await load(
			test,
			lessorDemandRoute.loader,
			demandPath(),
			{ demandId: String(world.demandId) },
			world.lessorA.cookie,
		)
		expect(page.status).toBe(200)
		expect(leaks(page.data)).toEqual([])
		expect((page.data as { detail: { private: unknown } }).detail.private).toBeNull()
	})

	it('the enterprise sees the suggested programme with an indicative monthly payment and asks for an offer', async () => {
		const view = await load(
			test,
			enterpriseRoute.loader,
			enterprisePath(),
			{ id: String(world.demandId) },
			world.enterprise.cookie,
		)
		expect(view.status).toBe(200)
		const suggestions = (
			view.data as { view: { suggestions: Array<{ program: { id: number }; monthlyPayment: number | null }> } }
		).view.suggestions
		const mine = suggestions.find((s) => s.program.id === programA)
		expect(mine?.monthlyPayment).toBeGreaterThan(0)

		const asked = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'request', programId: String(programA) },
			{
				params: { id: String(world.demandId) },
				cookie: world.enterprise.cookie,
			},
		)
		expect(asked.status).toBe(302)
		expect(await auditCount(test, 'lease_request.create', world.demandId)).toBe(1)
		const note = await test.db
			.selectFrom('notification')
			.selectAll()
			.where('organization_id', '=', world.lessorA.orgId)
			.where('kind', '=', 'lease_request.created')
			.execute()
		expect(note).toHaveLength(1)
		// Asking again changes nothing and audits nothing.
		const again = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'request', programId: String(programA) },
			{
				params: { id: String(world.demandId) },
				cookie: world.enterprise.cookie,
			},
		)
		expect(again.status).toBe(302)
		expect(await auditCount(test, 'lease_request.create', world.demandId)).toBe(1)
	})

	it('now shows the lessor the budget and contacts', async () => {
		const page = await load(
			test,
			lessorDemandRoute.loader,
			demandPath(),
			{ demandId: String(world.demandId) },
			world.lessorA.cookie,
		)
		expect(leaks(page.data).sort()).toEqual([...sentinelValues].sort())
		// …but not to the lessor nobody asked.
		const other = await load(
			test,
			lessorDemandRoute.loader,
			demandPath(),
			{ demandId: String(world.demandId) },
			world.lessorB.cookie,
		)
		expect(other.status).toBe(200)
		expect(leaks(other.data)).toEqual([])
	})
})

describe('offers', () => {
	it('previewing writes nothing and returns the full schedule', async () => {
		const before = await countRows(test.db)
		const out = await act(test, lessorDemandRoute.action, demandPath(), offerFields({ intent: 'preview' }), {
			params: { demandId: String(world.demandId) },
			cookie: world.lessorA.cookie,
		})
		expect(out.status).toBe(200)
		const preview = (out.data as { preview: { rows: unknown[] } }).preview
		expect(preview.rows).toHaveLength(36)
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('sending stores exactly the schedule buildLeaseSchedule computes, notifies and audits once', async () => {
		const fields = offerFields({ programId: String(programA) })
		const out = await act(test, lessorDemandRoute.action, demandPath(), fields, {
			params: { demandId: String(world.demandId) },
			cookie: world.lessorA.cookie,
		})
		expect(out.status).toBe(302)
		const row = await test.db
			.selectFrom('lease_offer')
			.selectAll()
			.where('organization_id', '=', world.lessorA.orgId)
			.executeTakeFirstOrThrow()
		offerA = row.id
		expect(row).toMatchObject({
			amount_fen: 90_000_000,
			down_payment_fen: 10_000_000,
			annual_rate: 0.055,
			status: 'sent',
		})
		const parsed = OfferActionSchema.parse({
			...fields,
			programId: Number(fields.programId),
			termMonths: 36,
			annualRatePct: 5.5,
		})
		if (parsed.intent === 'withdraw') throw new Error('unexpected intent')
		const built = buildLeaseSchedule(offerTerms(parsed, plannedStartDate(row.created_at)))
		expect(built.ok).toBe(true)
		if (!built.ok) return
		expect(JSON.parse(row.schedule)).toEqual(built.schedule)
		expect(built.schedule.terms.startDate).toBe(chinaToday())
		expect(await auditCount(test, 'lease_offer.send', offerA)).toBe(1)
		const notes = await test.db
			.selectFrom('notification')
			.select(['kind', 'link'])
			.where('organization_id', '=', world.enterprise.orgId)
			.execute()
		expect(notes).toContainEqual({ kind: 'lease_offer.received', link: `/demands/${world.demandId}/leasing` })
		const mail = await test.db.selectFrom('email_outbox').select('subject').execute()
		expect(mail.some((m) => m.subject.includes('New leasing offer'))).toBe(true)
		// A second live offer from the same lessor is refused until the first is withdrawn.
		const second = await act(test, lessorDemandRoute.action, demandPath(), offerFields(), {
			params: { demandId: String(world.demandId) },
			cookie: world.lessorA.cookie,
		})
		expect(second.status).toBe(409)
	})

	it('another lessor offers unasked, quarterly, and cannot see or touch the first offer', async () => {
		const out = await act(
			test,
			lessorDemandRoute.action,
			demandPath(),
			offerFields({
				annualRatePct: '4.8',
				frequency: 'quarterly',
				method: 'equalPrincipal',
				serviceFee: '30000',
				deposit: '0',
			}),
			{ params: { demandId: String(world.demandId) }, cookie: world.lessorB.cookie },
		)
		expect(out.status).toBe(302)
		offerB = (
			await test.db
				.selectFrom('lease_offer')
				.select('id')
				.where('organization_id', '=', world.lessorB.orgId)
				.executeTakeFirstOrThrow()
		).id
		const page = await load(
			test,
			lessorDemandRoute.loader,
			demandPath(),
			{ demandId: String(world.demandId) },
			world.lessorB.cookie,
		)
		const ids = (page.data as { detail: { offers: Array<{ id: number }> } }).detail.offers.map((o) => o.id)
		expect(ids).toEqual([offerB])
		const before = await countRows(test.db)
		const withdraw = await act(
			test,
			lessorDemandRoute.action,
			demandPath(),
			{ intent: 'withdraw', offerId: String(offerA) },
			{
				params: { demandId: String(world.demandId) },
				cookie: world.lessorB.cookie,
			},
		)
		expect(withdraw.status).toBe(404)
		// The enterprise's page is not B's either.
		expect(
			(await load(test, enterpriseRoute.loader, enterprisePath(), { id: String(world.demandId) }, world.lessorB.cookie))
				.status,
		).toBe(404)
		const accept = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'accept', offerId: String(offerA) },
			{
				params: { id: String(world.demandId) },
				cookie: world.lessorB.cookie,
			},
		)
		expect(accept.status).toBe(404)
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('another enterprise cannot see the offers or act on them', async () => {
		const before = await countRows(test.db)
		const view = await load(
			test,
			enterpriseRoute.loader,
			enterprisePath(),
			{ id: String(world.demandId) },
			world.otherEnterprise.cookie,
		)
		expect(view.status).toBe(404)
		for (const fields of [
			{ intent: 'accept', offerId: String(offerA) },
			{ intent: 'decline', offerId: String(offerA), reason: '不需要了' },
			{ intent: 'request', programId: String(programA) },
		]) {
			const out = await act(test, enterpriseRoute.action, enterprisePath(), fields, {
				params: { id: String(world.demandId) },
				cookie: world.otherEnterprise.cookie,
			})
			expect(out.status).toBe(404)
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('refuses a cross-site POST with 403 and no change (R8)', async () => {
		const before = await countRows(test.db)
		for (const headers of [{ Origin: 'https://evil.test' }, { 'Sec-Fetch-Site': 'cross-site' }] as Array<
			Record<string, string>
		>) {
			const out = await act(
				test,
				enterpriseRoute.action,
				enterprisePath(),
				{ intent: 'accept', offerId: String(offerA) },
				{
					params: { id: String(world.demandId) },
					cookie: world.enterprise.cookie,
					headers,
				},
			)
			expect(out.status).toBe(403)
			const send = await act(test, lessorDemandRoute.action, demandPath(), offerFields(), {
				params: { demandId: String(world.demandId) },
				cookie: world.lessorA.cookie,
				headers,
			})
			expect(send.status).toBe(403)
			const program = await act(test, programNewRoute.action, '/workspace/leasing/programs/new', programFields(), {
				cookie: world.lessorA.cookie,
				headers,
			})
			expect(program.status).toBe(403)
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})
})

describe('the enterprise compares and accepts', () => {
	it('compares the two offers by their real effective rates', async () => {
		const out = await load(
			test,
			enterpriseRoute.loader,
			enterprisePath(),
			{ id: String(world.demandId) },
			world.enterprise.cookie,
		)
		const view = (
			out.data as {
				view: {
					offers: Array<{ id: number; schedule: Parameters<typeof leaseRates>[0] }>
					comparison: Array<{ id: string; ok: boolean; effectiveAnnualRate: number | null; totalPaymentsFen: number }>
					cashPrice: { source: string; fen: number } | null
				}
			}
		).view
		expect(view.comparison.map((c) => c.id).sort()).toEqual([String(offerA), String(offerB)].sort())
		for (const offer of view.offers) {
			const row = view.comparison.find((c) => c.id === String(offer.id))!
			expect(row.ok).toBe(true)
			expect(row.effectiveAnnualRate).toBeCloseTo(leaseRates(offer.schedule)!.effectiveAnnualRate, 12)
		}
		const a = view.comparison.find((c) => c.id === String(offerA))!
		// 5.5 % nominal plus a fee and a deposit really costs more than 5.5 % a year.
		expect(a.effectiveAnnualRate!).toBeGreaterThan(0.056)
		expect(view.cashPrice).toEqual({ source: 'budget', fen: SENTINEL.budgetMax * 100 })
	})

	it('a decline needs a reason, in Chinese and English', async () => {
		const out = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'decline', offerId: String(offerB), reason: '' },
			{
				params: { id: String(world.demandId) },
				cookie: world.enterprise.cookie,
			},
		)
		expect(out.status).toBe(400)
		const [key] = fieldErrors(out.data).reason ?? []
		expect(key).toBe('errors.reasonRequired')
		expect(getFixedT('zh-CN', 'leasing')(key!)).toContain('原因')
		expect(getFixedT('en', 'leasing')(key!)).toContain('reason')
	})

	it('accepting one declines the other and notifies both, one audit row per offer', async () => {
		const out = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'accept', offerId: String(offerA) },
			{
				params: { id: String(world.demandId) },
				cookie: world.enterprise.cookie,
			},
		)
		expect(out.status).toBe(302)
		const rows = await test.db
			.selectFrom('lease_offer')
			.select(['id', 'status', 'decline_reason'])
			.orderBy('id')
			.execute()
		expect(rows.find((r) => r.id === offerA)?.status).toBe('accepted')
		expect(rows.find((r) => r.id === offerB)).toMatchObject({ status: 'declined' })
		const kinds = await test.db
			.selectFrom('notification')
			.select(['organization_id', 'kind'])
			.where('kind', 'in', ['lease_offer.accepted', 'lease_offer.declined'])
			.execute()
		expect(kinds).toEqual(
			expect.arrayContaining([
				{ organization_id: world.lessorA.orgId, kind: 'lease_offer.accepted' },
				{ organization_id: world.lessorB.orgId, kind: 'lease_offer.declined' },
			]),
		)
		expect(await auditCount(test, 'lease_offer.accept', offerA)).toBe(1)
		expect(await auditCount(test, 'lease_offer.decline', offerB)).toBe(1)
		// The declined lessor's notice says why through i18n (a flag), not a stored bilingual sentence.
		const declinedNotice = await test.db
			.selectFrom('notification')
			.select('payload')
			.where('organization_id', '=', world.lessorB.orgId)
			.where('kind', '=', 'lease_offer.declined')
			.executeTakeFirstOrThrow()
		expect(JSON.parse(declinedNotice.payload)).toMatchObject({ automatic: true, offerId: offerB })
		expect(JSON.parse(declinedNotice.payload)).not.toHaveProperty('reason')
		// Accepted: no more answers, no more offers.
		const again = await act(
			test,
			enterpriseRoute.action,
			enterprisePath(),
			{ intent: 'accept', offerId: String(offerB) },
			{
				params: { id: String(world.demandId) },
				cookie: world.enterprise.cookie,
			},
		)
		expect(again.status).toBe(409)
		const late = await act(test, lessorDemandRoute.action, demandPath(), offerFields(), {
			params: { demandId: String(world.demandId) },
			cookie: world.lessorB.cookie,
		})
		expect(late.status).toBe(409)
	})

	it('accepting is all or nothing (R24): a failure between the steps leaves no trace', async () => {
		const demand = await insertDemand(test.db, world.enterprise.orgId, {
			financing: 'leasing',
			needed_by: '2030-01-01',
		})
		const actor = (m: { id: number; orgId: number }) => ({
			userId: m.id,
			orgId: m.orgId,
			ip: null,
			origin: 'http://localhost',
			mail: { mode: 'test' as const },
		})
		const input = {
			equipmentPrice: 100_000_000,
			downPayment: 0,
			termMonths: 24,
			annualRatePct: 5,
			deposit: 0,
			serviceFee: 0,
			residual: 0,
			structure: 'direct' as const,
			frequency: 'monthly' as const,
			method: 'annuity' as const,
			timing: 'arrears' as const,
			validUntil: addDays(chinaToday(), 10),
			note: null,
		}
		const a = await createOffer(test.db, actor(world.lessorA), demand.id, input)
		const b = await createOffer(test.db, actor(world.lessorB), demand.id, input)
		if (!a.ok || !b.ok) throw new Error('offers not created')
		await sql`create trigger boom before insert on notification when new.kind = 'lease_offer.declined' begin select raise(abort, 'injected'); end`.execute(
			test.db,
		)
		const before = await countRows(test.db)
		try {
			await expect(acceptOffer(test.db, actor(world.enterprise), demand.id, a.id)).rejects.toThrow(/injected/)
		} finally {
			await sql`drop trigger boom`.execute(test.db)
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
		const statuses = await test.db
			.selectFrom('lease_offer')
			.select('status')
			.where('demand_id', '=', demand.id)
			.execute()
		expect(statuses.map((s) => s.status)).toEqual(['sent', 'sent'])
	})
})
