import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importExchange } from '#app/models/exchange.server.ts'
import { CATEGORIES } from '#app/models/taxonomy.ts'
import { generateCatalogue } from '#db/seed/catalogue.ts'
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

	it('indexes the foreign keys that pages look records up by', () => {
		const plan = (query: string) =>
			ctx.sqlite
				.prepare(`explain query plan ${query}`)
				.all()
				.map((r) => (r as { detail: string }).detail)
				.join('; ')
		expect(plan('select * from product_image where product_id = 1 order by sort')).toContain('product_image_product_idx')
		expect(plan('select * from message where match_id = 1')).toContain('message_match_idx')
		expect(plan('select * from leasing_program where organization_id = 1')).toContain('leasing_program_org_idx')
		expect(plan('select * from notification where user_id = 1')).toContain('notification_user_idx')
	})

	it('gives the query planner statistics after a bulk import, so lookups by id use the primary key', async () => {
		const idLookup = "explain query plan select * from product where id in (1, 2, 3) and status = 'published'"
		const result = await importExchange(ctx.db, generateCatalogue(3000))
		expect(result.ok).toBe(true)
		const stats = ctx.sqlite.prepare("select idx, stat from sqlite_stat1 where tbl = 'product'").all()
		expect(stats.length).toBeGreaterThan(0)
		const detail = ctx.sqlite
			.prepare(idLookup)
			.all()
			.map((r) => (r as { detail: string }).detail)
			.join('; ')
		expect(detail).toMatch(/INTEGER PRIMARY KEY/)
		expect(detail).not.toContain('product_status_idx')
	})
})
