import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemandPage, MakerInquiryPage } from '#app/models/inquiry.server.ts'
import * as pageRoute from '#app/routes/demands.$id.tsx'
import * as attachmentRoute from '#app/routes/demands.$id_.quotes.$quoteId.attachment.ts'
import * as listRoute from '#app/routes/demands._index.tsx'
import * as newRoute from '#app/routes/demands.new.tsx'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as inquiryRoute from '#app/routes/workspace.inquiries.$matchId.tsx'
import * as inquiriesRoute from '#app/routes/workspace.inquiries._index.tsx'
import * as opportunitiesRoute from '#app/routes/workspace.opportunities.tsx'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertProduct } from '#tests/helpers/factories.ts'
import { prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'
import {
	PRIVATE,
	callAction,
	callLoader,
	createParty,
	demandFields,
	leaks,
	marks,
	since,
	totalChanges,
	type Party,
} from './helpers.ts'

/**
 * The whole workflow through the routes, as the browser would drive it: a blank form to a won
 * quote for the buyer, a notification to a sent quote for the makers. Every step is checked for
 * exactly one audit row per changed object and a notification to the other side.
 */

let test: TestContext
let buyer: Party
let makerA: Party
let makerB: Party
let makerC: Party
let demandId = 0
const matchOf: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 }

const BUYER_PRIVATE = [PRIVATE.buyerPerson, PRIVATE.buyerPhone, PRIVATE.buyerEmail]
const ALL_PRIVATE = [...BUYER_PRIVATE, PRIVATE.makerPerson, PRIVATE.makerPhone, PRIVATE.makerEmail, PRIVATE.budgetYuan]

beforeAll(async () => {
	test = await createTestContext()
	await prepareIndexes(test)
	buyer = await createParty(test, { roles: ['buyer'], name: '泰达汽车零部件有限公司', contact: 'buyer' })
	makerA = await createParty(test, { roles: ['supplier'], name: '甲压缩机有限公司', contact: 'maker' })
	makerB = await createParty(test, { roles: ['supplier'], name: '乙动力设备有限公司', contact: 'maker' })
	makerC = await createParty(test, { roles: ['supplier'], name: '丙节能科技有限公司', contact: 'maker' })
	for (const [maker, name] of [
		[makerA, '永磁变频螺杆空压机 37kW'],
		[makerB, '两级压缩螺杆空压机 37kW'],
		[makerC, '无油螺杆空压机 37kW'],
	] as const) {
		await insertProduct(test.db, maker.orgId, {
			name,
			specs: JSON.stringify({ 额定功率: '37 kW', 排气压力: '0.8 MPa' }),
		})
	}
	await syncSearch(test)
})

afterAll(async () => {
	await test.cleanup()
})

function ownerPage(data: unknown): Extract<DemandPage, { view: 'owner' }> {
	const page = (data as { page: DemandPage }).page
	if (page.view !== 'owner') throw new Error(`expected the owner's view, got ${page.view}`)
	return page
}

async function step<T>(run: () => Promise<T>) {
	const before = await marks(test)
	const out = await run()
	return { out, ...(await since(test, before)) }
}

describe('a buyer from a blank form to a won quote', () => {
	it('saves a draft: one audit row, nothing public', async () => {
		const { out, audits, notes } = await step(() =>
			callAction(test, newRoute.action, '/demands/new', demandFields(), {}, buyer.cookie),
		)
		expect(out.status).toBe(302)
		demandId = Number(/^\/demands\/(\d+)\?done=created$/.exec(out.location ?? '')?.[1])
		expect(demandId).toBeGreaterThan(0)
		expect(audits.map((a) => [a.action, a.to_status])).toEqual([['demand.create', 'draft']])
		expect(notes).toEqual([])
		const row = await test.db.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirstOrThrow()
		expect(row).toMatchObject({
			status: 'draft',
			budget_min: 300_000,
			budget_max: 1_234_567,
			quantity: 6,
			prefer_in_zone: 1,
		})
		expect(JSON.parse(row.key_specs)).toEqual({ 额定功率: '37 kW', 排气压力: '0.8 MPa' })
		// A draft is the owner's alone.
		expect(
			(await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, makerA.cookie))
				.status,
		).toBe(404)
		expect((await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) })).status).toBe(
			404,
		)
	})

	it('publishes: one audit row, matches computed, the fitting makers notified', async () => {
		const { out, audits, notes } = await step(() =>
			callAction(
				test,
				pageRoute.action,
				`/demands/${demandId}`,
				{ intent: 'publish' },
				{ id: String(demandId) },
				buyer.cookie,
			),
		)
		expect(out.status).toBe(302)
		expect(audits.map((a) => [a.action, a.from_status, a.to_status])).toEqual([['demand.publish', 'draft', 'open']])
		expect(new Set(notes.map((n) => n.organization_id))).toEqual(new Set([makerA.orgId, makerB.orgId, makerC.orgId]))
		expect(notes.every((n) => n.kind === 'opportunity.new')).toBe(true)
		const page = ownerPage(
			(await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, buyer.cookie)).data,
		)
		expect(page.demand.status).toBe('open')
		expect(page.matches.length).toBe(3)
		for (const m of page.matches) {
			expect(m.score).toBeGreaterThan(0)
			expect(m.score).toBeLessThanOrEqual(1)
			expect(m.reasons.length).toBeGreaterThan(0)
			for (const r of m.reasons) expect(['met', 'partly', 'missed']).toContain(r.status)
			expect(m.makerContact).toBeNull()
		}
		const byOrg = new Map(page.matches.map((m) => [m.product.org.id, m.id]))
		matchOf.A = byOrg.get(makerA.orgId)!
		matchOf.B = byOrg.get(makerB.orgId)!
		matchOf.C = byOrg.get(makerC.orgId)!
	})

	it('shows on the public list and page without budget or contact', async () => {
		await syncSearch(test)
		const list = await callLoader(test, listRoute.loader, '/demands?q=空压机')
		const items = (list.data as { result: { items: Array<{ demand: { id: number } }> } }).result.items
		expect(items.map((i) => i.demand.id)).toContain(demandId)
		expect(leaks(list.data, ALL_PRIVATE)).toEqual([])
		for (const cookie of [undefined, makerA.cookie]) {
			const pub = await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, cookie)
			expect(pub.status).toBe(200)
			expect((pub.data as { page: DemandPage }).page.view).toBe('public')
			expect(leaks(pub.data, ALL_PRIVATE)).toEqual([])
		}
		// The maker finds it among its opportunities, with reasons and no budget figure.
		const opp = await callLoader(test, opportunitiesRoute.loader, '/workspace/opportunities', {}, makerA.cookie)
		const opportunities = (opp.data as { opportunities: Array<{ demand: { id: number }; reasons: unknown[] }> })
			.opportunities
		expect(opportunities.map((o) => o.demand.id)).toContain(demandId)
		expect(leaks(opp.data, ALL_PRIVATE)).toEqual([])
	})

	it('shortlists two makers: one audit row and one notification each', async () => {
		for (const key of ['A', 'B'] as const) {
			const { out, audits, notes } = await step(() =>
				callAction(
					test,
					pageRoute.action,
					`/demands/${demandId}`,
					{ intent: 'shortlist', matchId: String(matchOf[key]) },
					{ id: String(demandId) },
					buyer.cookie,
				),
			)
			expect(out.status).toBe(302)
			expect(audits.map((a) => [a.action, a.object_id, a.to_status])).toEqual([
				['match.shortlist', String(matchOf[key]), 'shortlisted'],
			])
			expect(notes.map((n) => [n.kind, n.organization_id])).toEqual([
				['match.shortlisted', key === 'A' ? makerA.orgId : makerB.orgId],
			])
		}
	})

	it('sends an inquiry to both: one audit row, one notification and e-mail per maker', async () => {
		const { out, audits, notes } = await step(() =>
			callAction(
				test,
				pageRoute.action,
				`/demands/${demandId}`,
				{
					intent: 'inquire',
					matchIds: [String(matchOf.A), String(matchOf.B)],
					message: '请报含安装调试的价格',
					quantity: '6',
					wantedDate: '2030-05-31',
				},
				{ id: String(demandId) },
				buyer.cookie,
			),
		)
		expect(out.status).toBe(302)
		expect(audits.map((a) => a.action)).toEqual(['match.inquire', 'match.inquire'])
		expect(notes.map((n) => [n.kind, n.organization_id])).toEqual([
			['inquiry.received', makerA.orgId],
			['inquiry.received', makerB.orgId],
		])
		const mails = await test.db
			.selectFrom('email_outbox')
			.select('to_address')
			.where('subject', 'like', '%询价%')
			.execute()
		expect(mails.map((m) => m.to_address).sort()).toEqual([makerA.email, makerB.email].sort())
	})

	it('a maker goes from the notification to the inquiry, still without the buyer’s contact', async () => {
		const notes = await callLoader(test, notificationsRoute.loader, '/notifications', {}, makerA.cookie)
		const items = (notes.data as { items: Array<{ id: number; kind: string; link: string }>; unread: number }).items
		const inquiry = items.find((n) => n.kind === 'inquiry.received')!
		expect(inquiry.link).toBe(`/workspace/inquiries/${matchOf.A}`)
		const list = await callLoader(test, inquiriesRoute.loader, '/workspace/inquiries', {}, makerA.cookie)
		expect((list.data as { inquiries: Array<{ matchId: number }> }).inquiries.map((i) => i.matchId)).toEqual([
			matchOf.A,
		])
		const page = await callLoader(
			test,
			inquiryRoute.loader,
			inquiry.link,
			{ matchId: String(matchOf.A) },
			makerA.cookie,
		)
		expect(page.status).toBe(200)
		expect((page.data as { page: MakerInquiryPage }).page.canAnswer).toBe(true)
		expect(leaks(page.data, [...BUYER_PRIVATE, PRIVATE.budgetYuan])).toEqual([])
		const read = await callAction(
			test,
			notificationsRoute.action,
			'/notifications',
			{ intent: 'read', id: String(inquiry.id) },
			{},
			makerA.cookie,
		)
		expect(read.status).toBe(302)
	})

	it('refuses an attachment that is not a PDF/JPEG/PNG by its bytes, or over 5 MB, writing nothing', async () => {
		const quote = {
			intent: 'quote',
			unitPrice: '128000',
			totalPrice: '768000',
			deliveryDate: '2030-04-30',
			validUntil: '2030-03-31',
		}
		const cases: Array<[Uint8Array<ArrayBuffer>, string, string]> = [
			[new TextEncoder().encode('<html><script>alert(1)</script>'), 'quote.pdf', 'errors.attachmentType'],
			[new Uint8Array(5 * 1024 * 1024 + 10).fill(0x25), 'big.pdf', 'errors.attachmentTooLarge'],
		]
		for (const [bytes, name, error] of cases) {
			const fd = new FormData()
			for (const [k, v] of Object.entries(quote)) fd.append(k, v)
			fd.append('attachment', new File([bytes], name, { type: 'application/pdf' }))
			const before = totalChanges(test)
			const out = await callAction(
				test,
				inquiryRoute.action,
				`/workspace/inquiries/${matchOf.A}`,
				fd,
				{ matchId: String(matchOf.A) },
				makerA.cookie,
			)
			expect(out.status).toBe(400)
			expect((out.data as { result: { error: Record<string, string[]> } }).result.error.attachment).toEqual([error])
			expect(totalChanges(test) - before).toBe(0)
		}
		expect(
			existsSync(join(test.dataDir, 'uploads', 'quotes')) ? readdirSync(join(test.dataDir, 'uploads', 'quotes')) : [],
		).toEqual([])
	})

	it('maker A quotes with a PDF: one audit row (contact revealed), the buyer notified; contacts now visible to both', async () => {
		const fd = new FormData()
		for (const [k, v] of Object.entries({
			intent: 'quote',
			unitPrice: '128000',
			totalPrice: '768000',
			deliveryDate: '2030-04-30',
			validUntil: '2030-03-31',
			note: '含安装调试，质保两年',
		}))
			fd.append(k, v)
		fd.append(
			'attachment',
			new File([new TextEncoder().encode('%PDF-1.4\n% quote\n')], 'quote.pdf', { type: 'application/pdf' }),
		)
		const { out, audits, notes } = await step(() =>
			callAction(
				test,
				inquiryRoute.action,
				`/workspace/inquiries/${matchOf.A}`,
				fd,
				{ matchId: String(matchOf.A) },
				makerA.cookie,
			),
		)
		expect(out.status).toBe(302)
		expect(audits.map((a) => [a.action, a.to_status])).toEqual([['match.quote', 'quoted']])
		expect(JSON.parse(audits[0]!.detail)).toMatchObject({ contactRevealed: true })
		expect(notes.map((n) => [n.kind, n.organization_id])).toEqual([['quote.received', buyer.orgId]])
		const makerView = await callLoader(
			test,
			inquiryRoute.loader,
			`/workspace/inquiries/${matchOf.A}`,
			{ matchId: String(matchOf.A) },
			makerA.cookie,
		)
		expect(leaks(makerView.data, BUYER_PRIVATE)).toEqual(BUYER_PRIVATE)
		expect(leaks(makerView.data, [PRIVATE.budgetYuan])).toEqual([])
		const stored = readdirSync(join(test.dataDir, 'uploads', 'quotes'))
		expect(stored.length).toBe(1)
		expect(stored[0]).toMatch(/^[0-9a-f-]{36}\.pdf$/)
	})

	it('maker B declines with a reason: one audit row, the buyer notified, contacts stay hidden', async () => {
		const { out, audits, notes } = await step(() =>
			callAction(
				test,
				inquiryRoute.action,
				`/workspace/inquiries/${matchOf.B}`,
				{ intent: 'decline', reason: '交货期无法满足' },
				{ matchId: String(matchOf.B) },
				makerB.cookie,
			),
		)
		expect(out.status).toBe(302)
		expect(audits.map((a) => [a.action, a.to_status])).toEqual([['match.decline', 'declined']])
		expect(notes.map((n) => [n.kind, n.organization_id])).toEqual([['inquiry.declined', buyer.orgId]])
		const view = await callLoader(
			test,
			inquiryRoute.loader,
			`/workspace/inquiries/${matchOf.B}`,
			{ matchId: String(matchOf.B) },
			makerB.cookie,
		)
		expect(leaks(view.data, BUYER_PRIVATE)).toEqual([])
	})

	it('a third maker is asked later and quotes too', async () => {
		await callAction(
			test,
			pageRoute.action,
			`/demands/${demandId}`,
			{ intent: 'shortlist', matchId: String(matchOf.C) },
			{ id: String(demandId) },
			buyer.cookie,
		)
		const asked = await callAction(
			test,
			pageRoute.action,
			`/demands/${demandId}`,
			{ intent: 'inquire', matchIds: String(matchOf.C), message: '同上', quantity: '6', wantedDate: '2030-05-31' },
			{ id: String(demandId) },
			buyer.cookie,
		)
		expect(asked.status).toBe(302)
		const quoted = await callAction(
			test,
			inquiryRoute.action,
			`/workspace/inquiries/${matchOf.C}`,
			{
				intent: 'quote',
				unitPrice: '120000',
				totalPrice: '720000',
				deliveryDate: '2030-05-15',
				validUntil: '2030-03-31',
			},
			{ matchId: String(matchOf.C) },
			makerC.cookie,
		)
		expect(quoted.status).toBe(302)
	})

	it('the buyer compares the quotes side by side, with the contacts of those who answered only', async () => {
		const page = ownerPage(
			(await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, buyer.cookie)).data,
		)
		const quoted = page.matches.filter((m) => m.quote)
		expect(quoted.map((m) => [m.id, m.quote!.status]).sort()).toEqual(
			[
				[matchOf.A, 'sent'],
				[matchOf.B, 'declined'],
				[matchOf.C, 'sent'],
			].sort(),
		)
		const a = page.matches.find((m) => m.id === matchOf.A)!
		expect(a.quote).toMatchObject({ unitPrice: 128_000, totalPrice: 768_000, deliveryDate: '2030-04-30' })
		expect(a.makerContact?.person).toBe(`${PRIVATE.makerPerson}-甲压缩机有限公司`)
		expect(page.matches.find((m) => m.id === matchOf.B)!.makerContact).toBeNull()
		// The attachment downloads for the buyer and maker A only.
		const href = a.quote!.attachmentHref!
		const [, , , , quoteId] = href.split('/')
		const params = { id: String(demandId), quoteId: quoteId! }
		const forBuyer = await callLoader(test, attachmentRoute.loader, href, params, buyer.cookie)
		expect(forBuyer.status).toBe(200)
		expect(forBuyer.headers.get('Content-Type')).toBe('application/pdf')
		expect((await callLoader(test, attachmentRoute.loader, href, params, makerA.cookie)).status).toBe(200)
		expect((await callLoader(test, attachmentRoute.loader, href, params, makerB.cookie)).status).toBe(404)
		expect((await callLoader(test, attachmentRoute.loader, href, params)).status).toBe(302)
	})

	it('marks A won: C lost, the demand closed — one audit row per change, each maker told', async () => {
		const { out, audits, notes } = await step(() =>
			callAction(
				test,
				pageRoute.action,
				`/demands/${demandId}`,
				{ intent: 'won', matchId: String(matchOf.A) },
				{ id: String(demandId) },
				buyer.cookie,
			),
		)
		expect(out.status).toBe(302)
		expect(audits.map((a) => [a.action, a.object_type, a.object_id, a.to_status])).toEqual([
			['match.won', 'match', String(matchOf.A), 'won'],
			['match.lost', 'match', String(matchOf.C), 'lost'],
			['demand.close', 'demand', String(demandId), 'closed'],
		])
		expect(notes.map((n) => [n.kind, n.organization_id])).toEqual([
			['quote.won', makerA.orgId],
			['quote.lost', makerC.orgId],
		])
		const row = await test.db
			.selectFrom('demand')
			.select(['status', 'close_reason'])
			.where('id', '=', demandId)
			.executeTakeFirstOrThrow()
		expect(row).toEqual({ status: 'closed', close_reason: 'won' })
		const quotes = await test.db.selectFrom('quote').select(['match_id', 'status']).orderBy('match_id').execute()
		expect(Object.fromEntries(quotes.map((q) => [q.match_id, q.status]))).toEqual({
			[matchOf.A]: 'won',
			[matchOf.B]: 'declined',
			[matchOf.C]: 'lost',
		})
		// Closed: gone from the public list and page; still visible to the makers who took part.
		await syncSearch(test)
		const list = await callLoader(test, listRoute.loader, '/demands')
		expect(
			(list.data as { result: { items: Array<{ demand: { id: number } }> } }).result.items.map((i) => i.demand.id),
		).not.toContain(demandId)
		expect((await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) })).status).toBe(
			404,
		)
		expect(
			(await callLoader(test, pageRoute.loader, `/demands/${demandId}`, { id: String(demandId) }, makerC.cookie))
				.status,
		).toBe(200)
	})

	it('the unread count drops as notifications are read', async () => {
		const before = (await callLoader(test, notificationsRoute.loader, '/notifications', {}, buyer.cookie)).data as {
			unread: number
		}
		expect(before.unread).toBeGreaterThan(0)
		await callAction(test, notificationsRoute.action, '/notifications', { intent: 'readAll' }, {}, buyer.cookie)
		const after = (await callLoader(test, notificationsRoute.loader, '/notifications', {}, buyer.cookie)).data as {
			unread: number
		}
		expect(after.unread).toBe(0)
	})
})
