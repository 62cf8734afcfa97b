import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemand, toActor } from '#app/models/demand.server.ts'
import type { DemandPage } from '#app/models/inquiry.server.ts'
import * as pageRoute from '#app/routes/demands.$id.tsx'
import * as editRoute from '#app/routes/demands.$id_.edit.tsx'
import * as newRoute from '#app/routes/demands.new.tsx'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as inquiryRoute from '#app/routes/workspace.inquiries.$matchId.tsx'
import { DemandFieldsSchema } from '#app/models/demand.schema.ts'
import { appContext, createTestUser, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertProduct } from '#tests/helpers/factories.ts'
import { prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'
import {
	PRIVATE,
	auditCount,
	callAction,
	callLoader,
	createParty,
	demandFields,
	leaks,
	totalChanges,
	type Party,
} from './helpers.ts'

/**
 * RELIABILITY R16/R17 with sentinels: budgets and contacts reach only the owner's organization,
 * administrators, and — for contacts — the two sides of a match once the buyer asked and the
 * maker answered. Another organization swapping ids gets a 404 and changes nothing.
 */

let test: TestContext
let owner: Party
let otherBuyer: Party
let maker: Party
let stranger: Party
let admin: { cookie: string }
let demandId = 0
let otherDemandId = 0
let matchId = 0

const ALL_PRIVATE = [
	PRIVATE.buyerPerson,
	PRIVATE.buyerPhone,
	PRIVATE.buyerEmail,
	PRIVATE.makerPerson,
	PRIVATE.makerPhone,
	PRIVATE.makerEmail,
	PRIVATE.budgetYuan,
]

function fieldsToInput(overrides: Record<string, string | undefined> = {}) {
	const { intent: _intent, ...f } = demandFields(overrides)
	const fd = new FormData()
	for (const [k, v] of Object.entries(f)) if (v !== undefined) fd.append(k, v)
	const parsed = DemandFieldsSchema.parse({
		...Object.fromEntries(fd.entries()),
		quantity: 6,
		minEnergyGrade: 2,
		budgetMinWan: 30,
		budgetMaxWan: Number(PRIVATE.budgetWan),
		preferInZone: true,
		oldInstalledYear: 2009,
		oldQuantity: 6,
		oldEnergyGrade: 3,
		oldAnnualEnergyKwh: 120000,
	})
	return parsed
}

beforeAll(async () => {
	test = await createTestContext()
	await prepareIndexes(test)
	owner = await createParty(test, { roles: ['buyer'], name: '泰达食品有限公司', contact: 'buyer' })
	otherBuyer = await createParty(test, {
		roles: ['buyer'],
		name: '滨海医院',
		contact: { person: '别人', phone: '022-1', email: 'other@example.com' },
	})
	maker = await createParty(test, { roles: ['supplier'], name: '丁压缩机有限公司', contact: 'maker' })
	stranger = await createParty(test, { roles: ['supplier'], name: '戊设备有限公司', contact: 'maker' })
	admin = await createTestUser(test, { isAdmin: true })
	await insertProduct(test.db, maker.orgId, { name: '永磁变频螺杆空压机 37kW' })
	await syncSearch(test)
	const created = await createDemand(
		appContext(test),
		toActor({ id: owner.userId, organizationId: owner.orgId, isAdmin: false }),
		fieldsToInput(),
		{
			publish: true,
		},
	)
	if (!created.ok) throw new Error(created.code)
	demandId = created.value.id
	const other = await createDemand(
		appContext(test),
		toActor({ id: otherBuyer.userId, organizationId: otherBuyer.orgId, isAdmin: false }),
		fieldsToInput({ title: '医院空压机更换' }),
		{ publish: true },
	)
	if (!other.ok) throw new Error(other.code)
	otherDemandId = other.value.id
	const m = await test.db.selectFrom('match').select('id').where('demand_id', '=', demandId).executeTakeFirstOrThrow()
	matchId = m.id
	await syncSearch(test)
})

afterAll(async () => {
	await test.cleanup()
})

const page = (cookie?: string | null) =>
	callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, cookie)
const act = (fields: Record<string, string | string[]>, cookie: string, id = demandId) =>
	callAction(test, pageRoute.action, `/demands/${id}`, fields, { id: String(id) }, cookie)

describe('budgets and contacts (R17)', () => {
	it('never reach the demands index', async () => {
		const { results } = await test.search.client.index(test.search.indexName('demands')).getDocuments({ limit: 100 })
		expect(results.length).toBe(2)
		expect(leaks(results, ALL_PRIVATE)).toEqual([])
		expect(JSON.stringify(results)).not.toMatch(/budget|contact/i)
	})

	it('are not on the public page for anonymous visitors, other buyers or makers; the owner and admins see the budget', async () => {
		for (const cookie of [null, otherBuyer.cookie, maker.cookie, stranger.cookie]) {
			const out = await page(cookie)
			expect(out.status).toBe(200)
			expect((out.data as { page: DemandPage }).page.view).toBe('public')
			expect(leaks(out.data, ALL_PRIVATE)).toEqual([])
		}
		for (const cookie of [owner.cookie, admin.cookie]) {
			const out = await page(cookie)
			const p = (out.data as { page: DemandPage }).page
			expect(p.view).toBe('owner')
			if (p.view === 'owner') expect(p.demand.budgetMax).toBe(1_234_567)
			// Contacts stay hidden even from the owner until the maker answers an inquiry.
			expect(leaks(out.data, [PRIVATE.makerPerson, PRIVATE.makerPhone, PRIVATE.makerEmail])).toEqual([])
		}
		const adminView = (await page(admin.cookie)).data as { page: DemandPage }
		expect(adminView.page.view === 'owner' && adminView.page.canAct).toBe(false)
	})

	it('contacts show to both sides only after the inquiry and the maker’s answer (a message), with one contact.reveal audit row', async () => {
		// Before the inquiry the thread is closed.
		const early = await act({ intent: 'message', matchId: String(matchId), body: '您好' }, owner.cookie)
		expect(early.status).toBe(409)
		await act({ intent: 'shortlist', matchId: String(matchId) }, owner.cookie)
		const asked = await act(
			{ intent: 'inquire', matchIds: [String(matchId)], message: '请报价', quantity: '6', wantedDate: '2030-05-01' },
			owner.cookie,
		)
		expect(asked.status).toBe(302)
		// Asked, not answered: nobody sees anybody's contact.
		expect(leaks((await page(owner.cookie)).data, [PRIVATE.makerPerson, PRIVATE.makerPhone])).toEqual([])
		const makerView = await callLoader(
			test,
			inquiryRoute.loader,
			`/workspace/inquiries/${matchId}`,
			{ matchId: String(matchId) },
			maker.cookie,
		)
		expect(
			leaks(makerView.data, [PRIVATE.buyerPerson, PRIVATE.buyerPhone, PRIVATE.buyerEmail, PRIVATE.budgetYuan]),
		).toEqual([])
		// The buyer's own message answers nothing.
		await act({ intent: 'message', matchId: String(matchId), body: '请尽快' }, owner.cookie)
		expect(leaks((await page(owner.cookie)).data, [PRIVATE.makerPerson])).toEqual([])
		const before = await auditCount(test, { action: 'contact.reveal' })
		const answer = await callAction(
			test,
			inquiryRoute.action,
			`/workspace/inquiries/${matchId}`,
			{ intent: 'message', body: '收到，明天报价' },
			{ matchId: String(matchId) },
			maker.cookie,
		)
		expect(answer.status).toBe(302)
		expect(await auditCount(test, { action: 'contact.reveal' })).toBe(before + 1)
		expect(leaks((await page(owner.cookie)).data, [PRIVATE.makerPhone])).toEqual([PRIVATE.makerPhone])
		const after = await callLoader(
			test,
			inquiryRoute.loader,
			`/workspace/inquiries/${matchId}`,
			{ matchId: String(matchId) },
			maker.cookie,
		)
		expect(leaks(after.data, [PRIVATE.buyerPhone, PRIVATE.buyerEmail])).toEqual([
			PRIVATE.buyerPhone,
			PRIVATE.buyerEmail,
		])
		expect(leaks(after.data, [PRIVATE.budgetYuan])).toEqual([])
		// A second answer reveals nothing new, and is not audited again.
		await callAction(
			test,
			inquiryRoute.action,
			`/workspace/inquiries/${matchId}`,
			{ intent: 'message', body: '附上资料' },
			{ matchId: String(matchId) },
			maker.cookie,
		)
		expect(await auditCount(test, { action: 'contact.reveal' })).toBe(before + 1)
		// Other makers and other buyers still see nothing.
		for (const cookie of [stranger.cookie, otherBuyer.cookie, null])
			expect(leaks((await page(cookie)).data, ALL_PRIVATE)).toEqual([])
	})
})

describe('another organization swapping ids (R16)', () => {
	it('gets 404 on every owner action and changes nothing', async () => {
		const intents: Array<Record<string, string | string[]>> = [
			{ intent: 'publish' },
			{ intent: 'close', reason: 'cancelled' },
			{ intent: 'shortlist', matchId: String(matchId) },
			{ intent: 'unshortlist', matchId: String(matchId) },
			{ intent: 'inquire', matchIds: [String(matchId)], message: 'x 询价', quantity: '1', wantedDate: '2030-01-01' },
			{ intent: 'won', matchId: String(matchId) },
			{ intent: 'message', matchId: String(matchId), body: '你好' },
		]
		for (const fields of intents) {
			const before = totalChanges(test)
			const out = await act(fields, otherBuyer.cookie)
			expect(out.status, JSON.stringify(fields)).toBe(404)
			expect(totalChanges(test) - before).toBe(0)
		}
		// The owner's match id against the other buyer's own demand: not found either.
		const before = totalChanges(test)
		expect(
			(await act({ intent: 'shortlist', matchId: String(matchId) }, otherBuyer.cookie, otherDemandId)).status,
		).toBe(404)
		expect(totalChanges(test) - before).toBe(0)
	})

	it('cannot open or save the edit form of someone else’s demand', async () => {
		expect(
			(
				await callLoader(
					test,
					editRoute.loader,
					`/demands/${demandId}/edit`,
					{ id: String(demandId) },
					otherBuyer.cookie,
				)
			).status,
		).toBe(404)
		const before = totalChanges(test)
		const out = await callAction(
			test,
			editRoute.action,
			`/demands/${demandId}/edit`,
			demandFields({ intent: 'save' }),
			{ id: String(demandId) },
			otherBuyer.cookie,
		)
		expect(out.status).toBe(404)
		expect(totalChanges(test) - before).toBe(0)
	})

	it('a maker cannot see or answer another maker’s inquiry', async () => {
		expect(
			(
				await callLoader(
					test,
					inquiryRoute.loader,
					`/workspace/inquiries/${matchId}`,
					{ matchId: String(matchId) },
					stranger.cookie,
				)
			).status,
		).toBe(404)
		for (const fields of [
			{ intent: 'quote', unitPrice: '1', totalPrice: '1', deliveryDate: '2030-01-01', validUntil: '2030-01-01' },
			{ intent: 'decline', reason: '不做' },
			{ intent: 'message', body: '你好' },
		]) {
			const before = totalChanges(test)
			const out = await callAction(
				test,
				inquiryRoute.action,
				`/workspace/inquiries/${matchId}`,
				fields,
				{ matchId: String(matchId) },
				stranger.cookie,
			)
			expect(out.status).toBe(404)
			expect(totalChanges(test) - before).toBe(0)
		}
		// Nor post into a demand thread through the demand page.
		const before = totalChanges(test)
		expect((await act({ intent: 'message', matchId: String(matchId), body: '插话' }, stranger.cookie)).status).toBe(404)
		expect(totalChanges(test) - before).toBe(0)
	})

	it('cannot mark another organization’s notification read', async () => {
		const note = await test.db
			.selectFrom('notification')
			.select('id')
			.where('organization_id', '=', maker.orgId)
			.executeTakeFirstOrThrow()
		const before = totalChanges(test)
		const out = await callAction(
			test,
			notificationsRoute.action,
			'/notifications',
			{ intent: 'read', id: String(note.id) },
			{},
			otherBuyer.cookie,
		)
		expect(out.status).toBe(404)
		expect(totalChanges(test) - before).toBe(0)
	})
})

describe('request hygiene', () => {
	it('refuses cross-site posts (R8) and a filled honeypot (R9) without writing', async () => {
		const before = totalChanges(test)
		const evil = await run(() =>
			pageRoute.action({
				request: post(
					`/demands/${demandId}`,
					{ intent: 'close', reason: 'cancelled' },
					{ cookie: owner.cookie, headers: { Origin: 'https://evil.test', 'Sec-Fetch-Site': 'cross-site' } },
				),
				params: { id: String(demandId) },
				context: appContext(test),
			}),
		)
		expect(evil.status).toBe(403)
		const bot = await callAction(
			test,
			newRoute.action,
			'/demands/new',
			{ ...demandFields(), homepage: 'http://spam.test' },
			{},
			owner.cookie,
		)
		expect(bot.status).toBe(400)
		expect(totalChanges(test) - before).toBe(0)
	})

	it('a maker reports a demand once; a buyer without the supplier role may not', async () => {
		const ok = await act({ intent: 'report', reason: '疑似虚假需求，重复发布' }, stranger.cookie)
		expect(ok.status).toBe(302)
		expect(await auditCount(test, { action: 'demand.report', objectId: demandId })).toBe(1)
		const again = await act({ intent: 'report', reason: '再次举报这个需求' }, stranger.cookie)
		expect(again.status).toBe(409)
		const before = totalChanges(test)
		const buyerReport = await act({ intent: 'report', reason: '我也想举报一下' }, otherBuyer.cookie)
		expect(buyerReport.status).toBe(403)
		// The refusal is audited (access.denied), nothing else is written.
		expect(
			await test.db.selectFrom('demand_report').select('id').where('organization_id', '=', otherBuyer.orgId).execute(),
		).toEqual([])
		expect(totalChanges(test) - before).toBe(1)
	})
})
