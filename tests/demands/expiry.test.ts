import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFixedT } from '#app/i18n/translate.ts'
import { INQUIRY_DAILY_LIMIT } from '#app/models/demand.schema.ts'
import { chinaToday, expireDemands, isExpired, toActor, updateDemand, type Actor } from '#app/models/demand.server.ts'
import { sendInquiries } from '#app/models/inquiry.server.ts'
import {
	countUnread,
	listNotifications,
	markNotificationRead,
	notifyNewOpportunities,
	sendDailyDigests,
	setDigestPreference,
} from '#app/models/notification.server.ts'
import * as pageRoute from '#app/routes/demands.$id.tsx'
import { appContext } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertProduct } from '#tests/helpers/factories.ts'
import { auditCount, callAction, createParty, totalChanges, type Party } from './helpers.ts'

/**
 * Time rules with a faked `now`: the expiry date stops inquiries at the end of that day (Beijing
 * time), the sweep closes what is past it and reminds the owner; the daily inquiry limit; the
 * digest instead of one notification per demand. Matches are inserted directly: no search needed.
 */

let test: TestContext
let buyer: Party
let maker: Party
let actor: Actor
const products: number[] = []

async function demandWithMatches(expiresAt: string | null, count = 3) {
	const d = await insertDemand(test.db, buyer.orgId, { expires_at: expiresAt, needed_by: '2030-06-30' })
	const matches: number[] = []
	for (const productId of products.slice(0, count)) {
		const m = await test.db
			.insertInto('match')
			.values({ demand_id: d.id, product_id: productId, score: 0.8, reasons: '[]', status: 'shortlisted' })
			.returning('id')
			.executeTakeFirstOrThrow()
		matches.push(m.id)
	}
	return { id: d.id, matches }
}

const inquiry = (matchIds: number[]) => ({ matchIds, message: '请报价', quantity: 1, wantedDate: '2099-02-01' })

beforeAll(async () => {
	test = await createTestContext()
	buyer = await createParty(test, { roles: ['buyer'], name: '时间测试买方', contact: 'buyer' })
	maker = await createParty(test, { roles: ['supplier'], name: '时间测试卖方', contact: 'maker' })
	actor = toActor({ id: buyer.userId, organizationId: buyer.orgId, isAdmin: false })
	for (let i = 0; i < 4; i++) products.push((await insertProduct(test.db, maker.orgId, { name: `空压机 ${i}` })).id)
})

afterAll(async () => {
	await test.cleanup()
})

describe('expiry', () => {
	it('is the end of the expiry day in Beijing', () => {
		expect(chinaToday(new Date('2030-01-10T15:59:59Z'))).toBe('2030-01-10')
		expect(chinaToday(new Date('2030-01-10T16:00:00Z'))).toBe('2030-01-11')
		expect(isExpired('2030-01-10', new Date('2030-01-10T15:59:59Z'))).toBe(false)
		expect(isExpired('2030-01-10', new Date('2030-01-10T16:00:00Z'))).toBe(true)
		expect(isExpired(null, new Date('2099-01-01T00:00:00Z'))).toBe(false)
	})

	it('stops inquiries after the date, writing nothing', async () => {
		const d = await demandWithMatches('2030-01-10')
		const before = totalChanges(test)
		const late = await sendInquiries(test, actor, d.id, inquiry([d.matches[0]!]), {
			now: new Date('2030-01-10T16:00:00Z'),
		})
		expect(late).toMatchObject({ ok: false, code: 'expired' })
		expect(totalChanges(test) - before).toBe(0)
		const inTime = await sendInquiries(test, actor, d.id, inquiry([d.matches[0]!]), {
			now: new Date('2030-01-10T15:00:00Z'),
		})
		expect(inTime).toEqual({ ok: true, value: { sent: 1 } })
	})

	it('the sweep closes an expired demand once, ends its open inquiries and reminds the owner', async () => {
		const d = await demandWithMatches('2030-01-20', 2)
		await sendInquiries(test, actor, d.id, inquiry([d.matches[0]!]), { now: new Date('2030-01-15T02:00:00Z') })
		const closed = await expireDemands(appContext(test), { now: new Date('2030-01-21T01:00:00Z') })
		expect(closed).toContain(d.id)
		const row = await test.db
			.selectFrom('demand')
			.select(['status', 'close_reason'])
			.where('id', '=', d.id)
			.executeTakeFirstOrThrow()
		expect(row).toEqual({ status: 'closed', close_reason: 'expired' })
		expect(await auditCount(test, { action: 'demand.expire', objectId: d.id })).toBe(1)
		expect(await auditCount(test, { action: 'match.lost', objectId: d.matches[0]! })).toBe(1)
		const reminder = await test.db
			.selectFrom('notification')
			.selectAll()
			.where('organization_id', '=', buyer.orgId)
			.where('kind', '=', 'demand.expired')
			.where('link', '=', `/demands/${d.id}`)
			.execute()
		expect(reminder.length).toBe(1)
		const told = await test.db
			.selectFrom('notification')
			.select('kind')
			.where('organization_id', '=', maker.orgId)
			.where('kind', '=', 'demand.closed')
			.execute()
		expect(told.length).toBeGreaterThanOrEqual(1)
		expect(
			await test.db.selectFrom('email_outbox').select('id').where('subject', 'like', '%需求已到期%').execute(),
		).not.toEqual([])
		// Shortlisted rows stay, as what people did; a second sweep finds nothing.
		expect(await expireDemands(appContext(test), { now: new Date('2030-01-21T01:00:00Z') })).toEqual([])
	})

	it('an expired demand is reopened by moving the date', async () => {
		const d = await demandWithMatches('2030-01-05', 0)
		await expireDemands(appContext(test), { now: new Date('2030-01-06T01:00:00Z') })
		const now = new Date('2030-01-07T01:00:00Z')
		const input = {
			title: '更换车间老旧空压机',
			description: '车间 6 台老旧空压机需更换为一级能效机型。',
			domain: 'industry' as const,
			quantity: 6,
			keySpecs: [] as Array<[string, string]>,
			financing: 'none' as const,
			preferInZone: false,
		}
		const stillPast = await updateDemand(
			appContext(test),
			actor,
			d.id,
			{ ...input, expiresAt: '2030-01-05' },
			{ publish: true, now },
		)
		expect(stillPast).toMatchObject({ ok: false, code: 'expiryPast', field: 'expiresAt' })
		const reopened = await updateDemand(
			appContext(test),
			actor,
			d.id,
			{ ...input, expiresAt: '2030-03-01' },
			{ publish: true, now },
		)
		expect(reopened).toEqual({ ok: true, value: { id: d.id, status: 'open' } })
		expect(await auditCount(test, { action: 'demand.publish', objectId: d.id })).toBe(1)
	})
})

describe('the daily inquiry limit', () => {
	it('refuses the batch that would pass it, and resets the next (Beijing) day', async () => {
		const d = await demandWithMatches(null, 3)
		const now = new Date('2031-03-01T02:00:00Z')
		expect(
			await sendInquiries(test, actor, d.id, inquiry(d.matches.slice(0, 2)), { now, dailyLimit: 3 }),
		).toMatchObject({ ok: true })
		const before = totalChanges(test)
		const over = await sendInquiries(test, actor, d.id, inquiry(d.matches.slice(2)), { now, dailyLimit: 2 })
		expect(over).toEqual({ ok: false, code: 'inquiryLimit', status: 429 })
		expect(totalChanges(test) - before).toBe(0)
		const tomorrow = new Date('2031-03-01T16:30:00Z')
		expect(
			await sendInquiries(test, actor, d.id, inquiry(d.matches.slice(2)), { now: tomorrow, dailyLimit: 2 }),
		).toMatchObject({ ok: true })
	})

	it('answers the page with a clear message at the default limit', async () => {
		expect(INQUIRY_DAILY_LIMIT).toBe(30)
		const d = await demandWithMatches(null, 1)
		// Thirty inquiries already went out today, on another demand of the same organization.
		const full = await insertDemand(test.db, buyer.orgId)
		const stamp = new Date().toISOString()
		for (let i = 0; i < INQUIRY_DAILY_LIMIT; i++) {
			const p = await insertProduct(test.db, maker.orgId, { name: `限额测试 ${i}` })
			await test.db
				.insertInto('match')
				.values({ demand_id: full.id, product_id: p.id, score: 0.5, status: 'inquiry_sent', inquiry_sent_at: stamp })
				.execute()
		}
		const before = totalChanges(test)
		const out = await callAction(
			test,
			pageRoute.action,
			`/demands/${d.id}`,
			{
				intent: 'inquire',
				matchIds: [String(d.matches[0])],
				message: '请报价',
				quantity: '1',
				wantedDate: '2099-01-01',
			},
			{ id: String(d.id) },
			buyer.cookie,
		)
		expect(out.status).toBe(429)
		const errors = (out.data as { result: { error: Record<string, string[]> } }).result.error['']
		expect(errors).toEqual(['errors.inquiryLimit'])
		expect(getFixedT('zh-CN', 'demands')('errors.inquiryLimit', { limit: 30 })).toContain('30')
		expect(getFixedT('en', 'demands')('errors.inquiryLimit', { limit: 30 })).toContain('30')
		expect(totalChanges(test) - before).toBe(0)
	})
})

describe('notifications', () => {
	it('one per demand by default; a daily digest instead for those who choose it', async () => {
		const second = await createParty(test, { roles: ['supplier'], name: '摘要测试卖方', contact: 'maker' })
		const colleague = await test.db
			.insertInto('user')
			.values({
				email: `digest-${Date.now()}@example.com`,
				password_hash: 'x',
				organization_id: second.orgId,
				org_role: 'member',
				digest: 1,
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		const p = await insertProduct(test.db, second.orgId, { name: '摘要空压机' })
		const d = await insertDemand(test.db, buyer.orgId, { title: '摘要测试需求' })
		await test.db.insertInto('match').values({ demand_id: d.id, product_id: p.id, score: 0.7 }).execute()
		expect(await notifyNewOpportunities(test.db, d.id)).toBeGreaterThanOrEqual(1)
		// Once per demand and person.
		expect(await notifyNewOpportunities(test.db, d.id)).toBe(0)
		const owners = await test.db
			.selectFrom('notification')
			.select(['user_id', 'kind'])
			.where('organization_id', '=', second.orgId)
			.execute()
		expect(owners).toEqual([{ user_id: second.userId, kind: 'opportunity.new' }])
		// The colleague on the digest gets one summary, once a day.
		const now = new Date(Date.now() + 60_000)
		expect(await sendDailyDigests(test.db, { now })).toBeGreaterThanOrEqual(1)
		const digest = await test.db
			.selectFrom('notification')
			.selectAll()
			.where('user_id', '=', colleague.id)
			.where('kind', '=', 'opportunity.digest')
			.execute()
		expect(digest.length).toBe(1)
		expect(JSON.parse(digest[0]!.payload)).toMatchObject({ count: 1, titles: ['摘要测试需求'] })
		expect(await sendDailyDigests(test.db, { now: new Date(now.getTime() + 3600_000) })).toBe(0)
		// The digest choice is stored on the user.
		await setDigestPreference(test.db, second.userId, true)
		expect(
			(await test.db.selectFrom('user').select('digest').where('id', '=', second.userId).executeTakeFirstOrThrow())
				.digest,
		).toBe(1)
	})

	it('counts unread per person and marks read only what the person may see', async () => {
		const viewer = { id: maker.userId, organizationId: maker.orgId }
		const unread = await countUnread(test.db, viewer)
		expect(unread).toBeGreaterThan(0)
		const { items } = await listNotifications(test.db, viewer)
		const first = items.find((n) => !n.read)!
		expect(await markNotificationRead(test.db, { id: buyer.userId, organizationId: buyer.orgId }, first.id)).toBe(false)
		expect(await markNotificationRead(test.db, viewer, first.id)).toBe(true)
		expect(await countUnread(test.db, viewer)).toBe(unread - 1)
		expect(await countUnread(test.db, null)).toBe(0)
		expect(await countUnread(test.db, { id: 1, organizationId: null })).toBe(0)
	})
})
