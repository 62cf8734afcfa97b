import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORGANIZATION_TRANSITIONS, organizationIntents, type OrganizationIntent } from '#app/models/admin.schema.ts'
import {
	applyOrganizationAction,
	disableUser,
	listAuditEvents,
	listOrganizationsForAdmin,
	verifyOrganization,
} from '#app/models/admin.server.ts'
import { countRows, createTestUser, diffRows } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertOrganization, insertProduct } from '#tests/helpers/factories.ts'

let test: TestContext
let actor: { id: number; organizationId: null }
const meta = { ip: '10.7.0.1', mail: { mode: 'test' as const } }

beforeAll(async () => {
	test = await createTestContext()
	const admin = await createTestUser(test, { isAdmin: true })
	actor = { id: admin.id, organizationId: null }
})

afterAll(async () => {
	await test.cleanup()
})

async function maxOutboxId(): Promise<number> {
	const r = await test.db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst()
	return Number(r?.id ?? 0)
}

describe('admin state changes are all or nothing (R24)', () => {
	it('rolls back the status, audit and outbox rows when a later step of the change fails', async () => {
		const org = await insertOrganization(test.db, { status: 'pending' })
		await insertProduct(test.db, org.id)
		const before = await countRows(test.db)
		await sql`create trigger admin_test_fail before insert on notification begin select raise(abort, 'injected failure'); end`.execute(
			test.db,
		)
		try {
			await expect(verifyOrganization(test.db, actor, org.id, meta)).rejects.toThrow(/injected failure/)
		} finally {
			await sql`drop trigger admin_test_fail`.execute(test.db)
		}
		expect(diffRows(before, await countRows(test.db))).toEqual({})
		const row = await test.db
			.selectFrom('organization')
			.select('status')
			.where('id', '=', org.id)
			.executeTakeFirstOrThrow()
		expect(row.status).toBe('pending')
	})

	it('disabling a user deletes their sessions in the same transaction as the audit row', async () => {
		const user = await createTestUser(test)
		const result = await disableUser(test.db, actor, user.id, meta)
		expect(result).toEqual({ ok: true, from: 'active', to: 'disabled' })
		expect(await test.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0)
		const [event] = (
			await listAuditEvents(
				test.db,
				{ action: 'user.disable', objectType: 'user', objectId: String(user.id), actor: '', from: '', to: '', page: 1 },
				10,
			)
		).items
		expect(event).toMatchObject({ fromStatus: 'active', toStatus: 'disabled', actor: { id: actor.id } })
	})
})

describe('the organization state machine (property)', () => {
	it('follows the transition table, and every change enqueues the organization and all its listings (R38)', async () => {
		const orgs: Array<{ id: number; products: number[]; demands: number[] }> = []
		for (let i = 0; i < 3; i++) {
			const org = await insertOrganization(test.db, { status: 'pending' })
			const products = [await insertProduct(test.db, org.id), await insertProduct(test.db, org.id, { status: 'draft' })]
			const demand = await insertDemand(test.db, org.id)
			orgs.push({ id: org.id, products: products.map((p) => p.id), demands: [demand.id] })
		}
		const intents = Object.keys(ORGANIZATION_TRANSITIONS) as OrganizationIntent[]
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(fc.nat({ max: orgs.length - 1 }), fc.constantFrom(...intents)), { maxLength: 12 }),
				async (steps) => {
					for (const [i, intent] of steps) {
						const org = orgs[i]!
						const current = await test.db
							.selectFrom('organization')
							.select('status')
							.where('id', '=', org.id)
							.executeTakeFirstOrThrow()
						const mark = await maxOutboxId()
						const audits = (await countRows(test.db)).audit_event ?? 0
						const input =
							intent === 'reject' || intent === 'disable'
								? { intent, organizationId: org.id, reason: '测试原因' }
								: { intent, organizationId: org.id }
						const result = await applyOrganizationAction(test.db, actor, input, meta)
						const allowed = organizationIntents(current.status).includes(intent)
						expect(result.ok).toBe(allowed)
						const after = await test.db
							.selectFrom('organization')
							.select('status')
							.where('id', '=', org.id)
							.executeTakeFirstOrThrow()
						const auditsAfter = (await countRows(test.db)).audit_event ?? 0
						if (!allowed) {
							expect(after.status).toBe(current.status)
							expect(await maxOutboxId()).toBe(mark)
							expect(auditsAfter).toBe(audits)
							continue
						}
						expect(after.status).toBe(ORGANIZATION_TRANSITIONS[intent].to)
						expect(auditsAfter).toBe(audits + 1)
						const rows = await test.db
							.selectFrom('search_outbox')
							.select(['entity', 'entity_id'])
							.where('id', '>', mark)
							.execute()
						const keys = new Set(rows.map((r) => `${r.entity}:${r.entity_id}`))
						expect(keys.has(`organization:${org.id}`)).toBe(true)
						for (const p of org.products) expect(keys.has(`product:${p}`)).toBe(true)
						for (const d of org.demands) expect(keys.has(`demand:${d}`)).toBe(true)
					}
				},
			),
			{ numRuns: 25 },
		)
	})
})

describe('organization search', () => {
	it('matches name, English name and credit code case-insensitively, and treats % and _ literally', async () => {
		await insertOrganization(test.db, { name: '百分号100%_公司', name_en: 'Percent Works Ltd' })
		const find = async (q: string) =>
			(await listOrganizationsForAdmin(test.db, { status: 'all', q, page: 1 })).items.map((o) => o.name)
		expect(await find('100%_')).toEqual(['百分号100%_公司'])
		expect(await find('percent works')).toEqual(['百分号100%_公司'])
		expect(await find('0%1')).toEqual([])
	})
})
