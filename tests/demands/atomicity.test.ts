import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toActor } from '#app/models/demand.server.ts'
import { markQuoteWon, sendInquiries, submitQuote } from '#app/models/inquiry.server.ts'
import { appContext } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertProduct } from '#tests/helpers/factories.ts'
import { createParty, type Party } from './helpers.ts'

/**
 * RELIABILITY R24: choosing the winning quote is several changes (won, lost, quotes, the demand,
 * audit rows, notifications, e-mails, the search outbox) in one transaction. A failure injected in
 * the middle — here a trigger that aborts the loser's notification — leaves no partial row.
 */

let test: TestContext
let buyer: Party
let makerA: Party
let makerB: Party

async function snapshot() {
	const count = async (table: 'audit_event' | 'notification' | 'email_outbox' | 'search_outbox') =>
		Number(
			(
				await test.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n,
		)
	return {
		matches: await test.db.selectFrom('match').select(['id', 'status']).orderBy('id').execute(),
		quotes: await test.db.selectFrom('quote').select(['id', 'status']).orderBy('id').execute(),
		demands: await test.db.selectFrom('demand').select(['id', 'status', 'close_reason']).orderBy('id').execute(),
		audits: await count('audit_event'),
		notifications: await count('notification'),
		mails: await count('email_outbox'),
		outbox: await count('search_outbox'),
	}
}

beforeAll(async () => {
	test = await createTestContext()
	buyer = await createParty(test, { roles: ['buyer'], name: '原子性买方', contact: 'buyer' })
	makerA = await createParty(test, { roles: ['supplier'], name: '原子性卖方甲', contact: 'maker' })
	makerB = await createParty(test, { roles: ['supplier'], name: '原子性卖方乙', contact: 'maker' })
})

afterAll(async () => {
	await test.cleanup()
})

describe('choosing the winner is all or nothing (R24)', () => {
	it('rolls everything back when a step fails, and succeeds once the fault is gone', async () => {
		const d = await insertDemand(test.db, buyer.orgId)
		const matchIds: number[] = []
		for (const maker of [makerA, makerB]) {
			const p = await insertProduct(test.db, maker.orgId)
			matchIds.push(
				(
					await test.db
						.insertInto('match')
						.values({ demand_id: d.id, product_id: p.id, score: 0.7, status: 'shortlisted' })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id,
			)
		}
		const buyerActor = toActor({ id: buyer.userId, organizationId: buyer.orgId, isAdmin: false })
		expect(
			await sendInquiries(test, buyerActor, d.id, {
				matchIds,
				message: '请报价',
				quantity: 6,
				wantedDate: '2099-01-01',
			}),
		).toMatchObject({ ok: true })
		const quote = { unitPrice: 100_000, totalPrice: 600_000, deliveryDate: '2099-01-01', validUntil: '2099-01-01' }
		for (const [i, maker] of [makerA, makerB].entries()) {
			const actor = toActor({ id: maker.userId, organizationId: maker.orgId, isAdmin: false })
			expect(await submitQuote(test, actor, matchIds[i]!, quote, null, { dataDir: test.dataDir })).toMatchObject({
				ok: true,
			})
		}
		const before = await snapshot()
		test.sqlite.exec(
			`create temp trigger inject_fault before insert on notification when new.kind = 'quote.lost' begin select raise(abort, 'injected fault'); end`,
		)
		await expect(markQuoteWon(appContext(test), buyerActor, d.id, matchIds[0]!)).rejects.toThrow(/injected fault/)
		expect(await snapshot()).toEqual(before)
		test.sqlite.exec('drop trigger inject_fault')
		expect(await markQuoteWon(appContext(test), buyerActor, d.id, matchIds[0]!)).toEqual({
			ok: true,
			value: { matchId: matchIds[0] },
		})
		const after = await snapshot()
		expect(after.matches.map((m) => m.status)).toEqual(['won', 'lost'])
		expect(after.demands.find((x) => x.id === d.id)).toMatchObject({ status: 'closed', close_reason: 'won' })
	})
})
