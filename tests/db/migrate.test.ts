import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATEGORIES } from '#app/models/taxonomy.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
	ctx = await createTestContext()
})
afterAll(async () => ctx.cleanup())

describe('database set-up', () => {
	it('applies the pragmas of RELIABILITY R43', () => {
		expect(ctx.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
		expect(ctx.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
		expect(ctx.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
		expect(ctx.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
	})

	it('creates every table of the domain and the 28 categories', async () => {
		const tables = ctx.sqlite
			.prepare("select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like 'kysely_%'")
			.all()
			.map((r) => (r as { name: string }).name)
		for (const t of ['organization', 'user', 'session', 'product', 'demand', 'match', 'quote', 'leasing_program', 'lease_offer', 'notification', 'audit_event', 'search_outbox']) {
			expect(tables).toContain(t)
		}
		const count = await ctx.db.selectFrom('category').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		expect(count.n).toBe(CATEGORIES.length)
		expect(CATEGORIES).toHaveLength(28)
	})

	it('refuses a product whose category is not in the taxonomy (foreign key)', async () => {
		const org = await ctx.db
			.insertInto('organization')
			.values({ ref: 'o1', name: '测试', uscc: '91120116MA05TEST01', name_en: null, area: null, industry: null, description: null, website: null, contact_person: null, contact_phone: null, contact_email: null, status_reason: null })
			.returning('id')
			.executeTakeFirstOrThrow()
		await expect(
			ctx.db
				.insertInto('product')
				.values({ ref: 'p1', organization_id: org.id, kind: 'equipment', category_key: 'nope', name: 'x', name_en: null, model: null, brand: null, description: null, energy_grade: null, price_min: null, price_max: null, lead_time_days: null, status_reason: null, published_at: null })
				.execute(),
		).rejects.toThrow(/FOREIGN KEY/)
	})
})
