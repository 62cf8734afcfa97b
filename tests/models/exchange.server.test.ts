import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
	exportExchange,
	formatPath,
	importExchange,
	validateExchange,
	type ExchangeError,
} from '#app/models/exchange.server.ts'
import { CATEGORY_KEYS } from '#app/models/taxonomy.ts'
import { completeUscc } from '#app/models/uscc.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import')
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are edited freely per test
const readFixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'))

let ctx: TestContext
beforeAll(async () => {
	ctx = await createTestContext()
})
afterAll(async () => ctx.cleanup())

/** Row counts of every table the import could touch (all of the domain's but the fixed taxonomy). */
function tableCounts(): Record<string, number> {
	const tables = ctx.sqlite
		.prepare(
			"select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like 'kysely_%' and name <> 'category'",
		)
		.all() as Array<{ name: string }>
	return Object.fromEntries(
		tables.map(({ name }) => [
			name,
			(ctx.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
		]),
	)
}

function expectEmpty() {
	for (const [table, n] of Object.entries(tableCounts())) expect({ table, n }).toEqual({ table, n: 0 })
}

function snapshot() {
	const read = (t: string) => ctx.sqlite.prepare(`select * from "${t}" order by id`).all()
	return {
		organization: read('organization'),
		product: read('product'),
		leasing_program: read('leasing_program'),
		demand: read('demand'),
		search_outbox: read('search_outbox'),
	}
}

function outboxCount(): number {
	return (ctx.sqlite.prepare('select count(*) as n from search_outbox').get() as { n: number }).n
}

function paths(errors: ExchangeError[]): string[] {
	return errors.map((e) => e.path)
}

beforeEach(() => {
	ctx.sqlite.exec(`
		delete from search_outbox; delete from demand; delete from leasing_program; delete from product; delete from organization;
		drop trigger if exists boom;
	`)
})

const USCC = {
	a: completeUscc('91120116MA05K0001'),
	b: completeUscc('91120116MA05K0002'),
	c: completeUscc('91120116MA05K0099'),
}

const org = (ref: string, uscc: string, roles: string[], extra: object = {}) => ({
	ref,
	name: `企业 ${ref}`,
	uscc,
	roles,
	...extra,
})
const product = (ref: string, orgRef: string, extra: object = {}) => ({
	ref,
	org: orgRef,
	kind: 'equipment',
	category: 'motor',
	name: `产品 ${ref}`,
	...extra,
})

/** Each bad document must be refused with exactly these error paths, listed all at once, and write nothing. */
async function expectRefused(doc: unknown, expectedPaths: string[]) {
	const validation = await validateExchange(doc, ctx.db)
	expect(validation.ok).toBe(false)
	if (validation.ok) return
	expect(paths(validation.errors).sort()).toEqual([...expectedPaths].sort())
	for (const e of validation.errors) expect(e.message).toMatch(/\S/)

	const result = await importExchange(ctx.db, doc)
	expect(result.ok).toBe(false)
	if (!result.ok) expect(result.errors).toEqual(validation.errors)
	expectEmpty()
	return validation.errors
}

describe('formatPath', () => {
	it('writes JSON paths the way people read them', () => {
		expect(formatPath(['products', 12, 'category'])).toBe('products[12].category')
		expect(formatPath(['products', 0, 'specs', '额定负载'])).toBe('products[0].specs.额定负载')
		expect(formatPath(['products', 0, 'specs', 'rated load (kg)'])).toBe('products[0].specs["rated load (kg)"]')
		expect(formatPath([])).toBe('$')
	})
})

describe('validateExchange', () => {
	it('accepts the good fixture', async () => {
		const result = await validateExchange(readFixture('good.json'))
		expect(result.ok).toBe(true)
	})

	it('lists every error of the bad fixture by JSON path, and the import writes nothing', async () => {
		const errors = await expectRefused(readFixture('bad.json'), [
			'version',
			'organizations[0].uscc',
			'organizations[2].ref',
			'products[0].category',
			'products[1].org',
			'products[2].priceMin',
			'products[3].name',
			'products[4].ref',
			'products[4].org',
			'products[4].priceMax',
		])
		const byPath = new Map(errors!.map((e) => [e.path, e.message]))
		expect(byPath.get('version')).toContain('version 1')
		expect(byPath.get('organizations[0].uscc')).toContain('校验位')
		expect(byPath.get('products[0].category')).toContain('flying-car')
		expect(byPath.get('products[1].org')).toContain('o-missing')
		expect(byPath.get('products[2].priceMin')).toContain('expected number')
		expect(byPath.get('products[3].name')).toContain('required')
		expect(byPath.get('products[4].ref')).toContain('duplicate')
		expect(byPath.get('products[4].org')).toContain('supplier')
		expect(byPath.get('products[4].priceMax')).toContain('priceMin is above priceMax')
	})

	it('refuses a wrong version', async () => {
		await expectRefused({ version: 2, organizations: [org('o1', USCC.a, ['supplier'])] }, ['version'])
		await expectRefused({ organizations: [] }, ['version'])
	})

	it('refuses an unknown category, in products, programmes and demands', async () => {
		await expectRefused(
			{
				version: 1,
				organizations: [org('o1', USCC.a, ['supplier', 'lessor', 'buyer'])],
				products: [product('p1', 'o1', { category: 'teleporter' })],
				leasingPrograms: [
					{ ref: 'l1', org: 'o1', name: '方案', categories: ['motor', 'warp-drive'], amountMin: 1, amountMax: 2 },
				],
				demands: [{ ref: 'd1', org: 'o1', title: '需求', description: '说明', quantity: 1, category: 'x' }],
			},
			['products[0].category', 'leasingPrograms[0].categories[1]', 'demands[0].category'],
		)
	})

	it('refuses a credit code with a bad check character, a bad length or a bad character', async () => {
		const good = USCC.a
		const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
		await expectRefused(
			{
				version: 1,
				organizations: [
					org('o1', badCheck, ['buyer']),
					org('o2', '91120116', ['buyer']),
					org('o3', '91120116MA05K0001I', ['buyer']),
				],
			},
			['organizations[0].uscc', 'organizations[1].uscc', 'organizations[2].uscc'],
		)
	})

	it('refuses a dangling org, naming both the file and the database', async () => {
		const errors = await expectRefused(
			{ version: 1, organizations: [org('o1', USCC.a, ['supplier'])], products: [product('p1', 'o2')] },
			['products[0].org'],
		)
		expect(errors![0]!.message).toMatch(/database/)
	})

	it('refuses wrong types and missing required fields, all at once', async () => {
		await expectRefused(
			{
				version: 1,
				organizations: [{ ref: 'o1', uscc: USCC.a, roles: 'supplier', inZone: 'yes' }],
				products: [{ ref: 'p1', org: 'o1', category: 'motor', name: 42, priceMin: '100', leadTimeDays: 1.5 }],
				demands: [{ ref: 'd1', org: 'o1', title: '需求', description: '说明' }],
				leasingPrograms: [{ ref: 'l1', org: 'o1', name: '方案', categories: ['motor'] }],
			},
			[
				'organizations[0].name',
				'organizations[0].roles',
				'organizations[0].inZone',
				'products[0].kind',
				'products[0].name',
				'products[0].priceMin',
				'products[0].leadTimeDays',
				'leasingPrograms[0].amountMin',
				'leasingPrograms[0].amountMax',
				'demands[0].quantity',
			],
		)
	})

	it('refuses duplicate refs in every collection', async () => {
		await expectRefused(
			{
				version: 1,
				organizations: [org('o1', USCC.a, ['supplier', 'buyer']), org('o1', USCC.a, ['supplier'])],
				products: [product('p1', 'o1'), product('p2', 'o1'), product('p1', 'o1')],
				demands: [
					{ ref: 'd1', org: 'o1', title: '需求', description: '说明', quantity: 1 },
					{ ref: 'd1', org: 'o1', title: '需求', description: '说明', quantity: 1 },
				],
			},
			['organizations[1].ref', 'products[2].ref', 'demands[1].ref'],
		)
	})

	it('refuses an org without the role its records need', async () => {
		await expectRefused(
			{
				version: 1,
				organizations: [org('buyer', USCC.a, ['buyer']), org('supplier', USCC.b, ['supplier'])],
				products: [product('p1', 'buyer')],
				leasingPrograms: [
					{ ref: 'l1', org: 'supplier', name: '方案', categories: ['motor'], amountMin: 1, amountMax: 2 },
				],
				demands: [{ ref: 'd1', org: 'supplier', title: '需求', description: '说明', quantity: 1 }],
			},
			['products[0].org', 'leasingPrograms[0].org', 'demands[0].org'],
		)
	})

	it('refuses a USCC used by two refs in the file', async () => {
		await expectRefused(
			{ version: 1, organizations: [org('o1', USCC.a, ['buyer']), org('o2', USCC.a.toLowerCase(), ['buyer'])] },
			['organizations[1].uscc'],
		)
	})

	it('refuses min above max and unknown fields', async () => {
		await expectRefused(
			{
				version: 1,
				organizations: [org('o1', USCC.a, ['supplier', 'buyer', 'lessor'], { homepage: 'x' })],
				products: [product('p1', 'o1', { priceMin: 10, priceMax: 5, colour: 'red' })],
				leasingPrograms: [
					{
						ref: 'l1',
						org: 'o1',
						name: '方案',
						categories: ['motor'],
						amountMin: 9,
						amountMax: 1,
						rateMin: 0.1,
						rateMax: 0.05,
					},
				],
				demands: [
					{ ref: 'd1', org: 'o1', title: '需求', description: '说明', quantity: 1, budgetMin: 100, budgetMax: 50 },
				],
			},
			[
				'organizations[0].homepage',
				'products[0].colour',
				'products[0].priceMax',
				'leasingPrograms[0].amountMax',
				'leasingPrograms[0].rateMax',
				'demands[0].budgetMax',
			],
		)
	})

	it('refuses a document that is not an object', async () => {
		await expectRefused('hello', ['$'])
		await expectRefused({ version: 1, products: 'none' }, ['products'])
	})

	it('checks references and credit codes against the database', async () => {
		const first = await importExchange(ctx.db, { version: 1, organizations: [org('o1', USCC.a, ['supplier'])] })
		expect(first.ok).toBe(true)
		// The org is in the database only: a products-only file may reference it.
		expect((await validateExchange({ version: 1, products: [product('p1', 'o1')] }, ctx.db)).ok).toBe(true)
		// Without a database the same file has a dangling org.
		expect(
			paths(
				((await validateExchange({ version: 1, products: [product('p1', 'o1')] })) as { errors: ExchangeError[] })
					.errors,
			),
		).toEqual(['products[0].org'])
		// The same credit code under another ref belongs to someone else.
		const clash = await validateExchange({ version: 1, organizations: [org('o9', USCC.a, ['buyer'])] }, ctx.db)
		expect(clash.ok).toBe(false)
		if (!clash.ok)
			expect(clash.errors).toEqual([{ path: 'organizations[0].uscc', message: expect.stringContaining('"o1"') }])
		// The file's roles win over the stored ones.
		const demoted = await validateExchange(
			{ version: 1, organizations: [org('o1', USCC.a, ['buyer'])], products: [product('p1', 'o1')] },
			ctx.db,
		)
		expect(demoted.ok).toBe(false)
	})
})

describe('importExchange', () => {
	it('creates every record verified / published / open / active, with its columns mapped', async () => {
		const result = await importExchange(ctx.db, readFixture('good.json'))
		expect(result).toEqual({
			ok: true,
			counts: {
				organizations: { created: 4, updated: 0, unchanged: 0 },
				products: { created: 3, updated: 0, unchanged: 0 },
				leasingPrograms: { created: 1, updated: 0, unchanged: 0 },
				demands: { created: 1, updated: 0, unchanged: 0 },
			},
		})
		const robotics = await ctx.db
			.selectFrom('organization')
			.selectAll()
			.where('ref', '=', 'org-robotics')
			.executeTakeFirstOrThrow()
		expect(robotics).toMatchObject({
			status: 'verified',
			roles: '["supplier"]',
			in_zone: 1,
			contact_person: '王工',
			contact_phone: '022-25200001',
			contact_email: 'sales@teda-robot.example.cn',
		})
		const robot = await ctx.db
			.selectFrom('product')
			.selectAll()
			.where('ref', '=', 'p-robot-20')
			.executeTakeFirstOrThrow()
		expect(robot).toMatchObject({
			organization_id: robotics.id,
			status: 'published',
			category_key: 'industrial-robot',
			energy_grade: null,
			price_min: 380000,
			price_max: 450000,
			lead_time_days: 45,
		})
		expect(robot.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
		expect(JSON.parse(robot.specs)).toEqual({ 额定负载: '20 kg', 重复定位精度: '±0.05 mm' })
		expect(JSON.parse(robot.certifications)).toEqual(['CR'])
		expect(JSON.parse(robot.tags)).toEqual(['焊接', '汽车零部件'])
		const demand = await ctx.db.selectFrom('demand').selectAll().where('ref', '=', 'd-motors').executeTakeFirstOrThrow()
		expect(demand).toMatchObject({
			status: 'open',
			prefer_in_zone: 1,
			financing: 'leasing',
			budget_min: 150000,
			needed_by: '2027-06-30',
			old_name: 'Y 系列电机',
			old_installed_year: 2009,
			old_quantity: 6,
			old_energy_grade: 3,
			old_annual_energy_kwh: 120000,
		})
		expect(demand.published_at).not.toBeNull()
		const program = await ctx.db.selectFrom('leasing_program').selectAll().executeTakeFirstOrThrow()
		expect(program).toMatchObject({ status: 'active', rate_min: 0.045, down_payment_min: 0.1 })
		expect(JSON.parse(program.structures)).toEqual(['direct', 'saleLeaseback'])

		// One outbox row per created record, in the same transaction.
		const outbox = ctx.sqlite
			.prepare('select entity, count(*) as n from search_outbox group by entity order by entity')
			.all()
		expect(outbox).toEqual([
			{ entity: 'demand', n: 1 },
			{ entity: 'leasing_program', n: 1 },
			{ entity: 'organization', n: 4 },
			{ entity: 'product', n: 3 },
		])
	})

	it('normalizes the credit code before storing it', async () => {
		const doc = { version: 1, organizations: [org('o1', ` ${USCC.c.toLowerCase()} `, ['buyer'])] }
		expect((await importExchange(ctx.db, doc)).ok).toBe(true)
		const row = await ctx.db.selectFrom('organization').select('uscc').executeTakeFirstOrThrow()
		expect(row.uscc).toBe(USCC.c)
		// …so the same file again is unchanged, not a clash with itself.
		const again = await importExchange(ctx.db, doc)
		expect(again.ok && again.counts.organizations).toEqual({ created: 0, updated: 0, unchanged: 1 })
	})

	it('is idempotent: the same file twice changes nothing, not even updated_at or the outbox', async () => {
		await importExchange(ctx.db, readFixture('good.json'), { now: new Date('2026-01-01T00:00:00Z') })
		const before = snapshot()
		const again = await importExchange(ctx.db, readFixture('good.json'), { now: new Date('2026-02-01T00:00:00Z') })
		expect(again).toEqual({
			ok: true,
			counts: {
				organizations: { created: 0, updated: 0, unchanged: 4 },
				products: { created: 0, updated: 0, unchanged: 3 },
				leasingPrograms: { created: 0, updated: 0, unchanged: 1 },
				demands: { created: 0, updated: 0, unchanged: 1 },
			},
		})
		expect(snapshot()).toEqual(before)
	})

	it('updates a changed file in place, and queues what the change affects', async () => {
		await importExchange(ctx.db, readFixture('good.json'), { now: new Date('2026-01-01T00:00:00Z') })
		const idsBefore = ctx.sqlite.prepare('select id, ref from product order by id').all()
		const outboxBefore = outboxCount()
		ctx.sqlite.exec('delete from search_outbox')

		const doc = readFixture('good.json')
		doc.organizations[1].name = '天津滨海高效电机股份有限公司' // org-motors, owner of two products
		doc.products[0].priceMax = 460000 // p-robot-20
		delete doc.products[0].tags
		doc.demands[0].oldEquipment.annualEnergyKwh = 130000
		const result = await importExchange(ctx.db, doc, { now: new Date('2026-03-01T00:00:00Z') })
		expect(result.ok && result.counts).toEqual({
			organizations: { created: 0, updated: 1, unchanged: 3 },
			products: { created: 0, updated: 1, unchanged: 2 },
			leasingPrograms: { created: 0, updated: 0, unchanged: 1 },
			demands: { created: 0, updated: 1, unchanged: 0 },
		})
		expect(outboxBefore).toBe(9)
		expect(ctx.sqlite.prepare('select id, ref from product order by id').all()).toEqual(idsBefore)
		const robot = await ctx.db
			.selectFrom('product')
			.selectAll()
			.where('ref', '=', 'p-robot-20')
			.executeTakeFirstOrThrow()
		expect(robot.price_max).toBe(460000)
		// An absent optional field clears the stored value: the file describes the whole record.
		expect(robot.tags).toBe('[]')
		expect(robot.updated_at).toBe('2026-03-01T00:00:00.000Z')
		const audit = await ctx.db
			.selectFrom('product')
			.select('updated_at')
			.where('ref', '=', 's-energy-audit')
			.executeTakeFirstOrThrow()
		expect(audit.updated_at).toBe('2026-01-01T00:00:00.000Z')

		const queued = ctx.sqlite
			.prepare(
				`select o.entity, coalesce(p.ref, g.ref, d.ref) as ref from search_outbox o
				left join product p on o.entity = 'product' and p.id = o.entity_id
				left join organization g on o.entity = 'organization' and g.id = o.entity_id
				left join demand d on o.entity = 'demand' and d.id = o.entity_id
				order by o.entity, ref`,
			)
			.all()
		expect(queued).toEqual([
			{ entity: 'demand', ref: 'd-motors' },
			// org-motors changed; org-robotics' product count/categories may have (its product changed).
			{ entity: 'organization', ref: 'org-motors' },
			{ entity: 'organization', ref: 'org-robotics' },
			// Both of org-motors' products show its name; p-robot-20 itself changed.
			{ entity: 'product', ref: 'p-motor-ie4' },
			{ entity: 'product', ref: 'p-robot-20' },
			{ entity: 'product', ref: 's-energy-audit' },
		])
	})

	it('keeps a status someone decided (archived, disabled, closed) and publishes drafts it updates', async () => {
		await importExchange(ctx.db, readFixture('good.json'))
		ctx.sqlite.exec(`
			update product set status = 'archived' where ref = 'p-robot-20';
			update product set status = 'draft', published_at = null where ref = 'p-motor-ie4';
			update organization set status = 'disabled' where ref = 'org-leasing';
			update demand set status = 'closed' where ref = 'd-motors';
		`)
		const unchanged = await importExchange(ctx.db, readFixture('good.json'))
		expect(unchanged.ok && unchanged.counts.products.unchanged).toBe(3)
		const doc = readFixture('good.json')
		doc.products[0].name += '（二代）'
		doc.products[1].name += '（二代）'
		doc.organizations[3].name += '（更名）'
		doc.demands[0].quantity = 7
		await importExchange(ctx.db, doc)
		const status = (table: string, ref: string) =>
			(ctx.sqlite.prepare(`select status from ${table} where ref = ?`).get(ref) as { status: string }).status
		expect(status('product', 'p-robot-20')).toBe('archived')
		expect(status('product', 'p-motor-ie4')).toBe('published')
		expect(status('organization', 'org-leasing')).toBe('disabled')
		expect(status('demand', 'd-motors')).toBe('closed')
	})

	it('is all-or-nothing: a database failure late in the file leaves no row behind', async () => {
		// The file passes validation; the database refuses its last product (as a constraint would).
		ctx.sqlite.exec(`create trigger boom before insert on product when new.ref = 'p-last'
			begin select raise(abort, 'constraint failed: refused by test trigger'); end`)
		const doc = readFixture('good.json')
		doc.products.push(product('p-last', 'org-robotics'))
		expect((await validateExchange(doc, ctx.db)).ok).toBe(true)
		const result = await importExchange(ctx.db, doc)
		expect(result.ok).toBe(false)
		if (!result.ok)
			expect(result.errors).toEqual([{ path: '$', message: expect.stringContaining('nothing was written') }])
		expectEmpty()
	})

	it('is all-or-nothing on a database that already has data: the failed update leaves it as it was', async () => {
		await importExchange(ctx.db, readFixture('good.json'))
		const before = snapshot()
		ctx.sqlite.exec(`create trigger boom before update on demand
			begin select raise(abort, 'constraint failed: refused by test trigger'); end`)
		const doc = readFixture('good.json')
		doc.organizations[0].name = '改名的企业'
		doc.products[0].priceMin = 1
		doc.products.push(product('p-new', 'org-motors'))
		doc.demands[0].quantity = 9
		const result = await importExchange(ctx.db, doc)
		expect(result.ok).toBe(false)
		expect(snapshot()).toEqual(before)
	})
})

describe('exportExchange', () => {
	function withoutNulls(value: unknown): unknown {
		if (Array.isArray(value)) return value.map(withoutNulls)
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value)
					.filter(([, v]) => v !== null)
					.map(([k, v]) => [k, withoutNulls(v)]),
			)
		}
		return value
	}

	it('gives the catalogue back in the same format', async () => {
		await importExchange(ctx.db, readFixture('good.json'))
		const exported = await exportExchange(ctx.db)
		expect(exported).toEqual(withoutNulls(readFixture('good.json')))
	})

	it('round-trips: import(export) is unchanged everywhere, also for records entered by hand', async () => {
		await importExchange(ctx.db, readFixture('good.json'))
		// A draft product and a pending organization, as the web forms would leave them.
		const orgId = Number(
			ctx.sqlite
				.prepare(
					`insert into organization (ref, name, uscc, roles, in_zone, status) values ('o-hand', '手填企业', ?, '["supplier"]', 0, 'pending')`,
				)
				.run(USCC.c).lastInsertRowid,
		)
		ctx.sqlite
			.prepare(
				`insert into product (ref, organization_id, kind, category_key, name, specs, status) values ('p-hand', ?, 'service', 'service-digital', '手填服务', '{"周期":"3 个月"}', 'draft')`,
			)
			.run(orgId)
		const before = snapshot()
		const exported = await exportExchange(ctx.db)
		expect(JSON.parse(JSON.stringify(exported))).toEqual(exported)
		const again = await importExchange(ctx.db, exported)
		expect(again).toEqual({
			ok: true,
			counts: {
				organizations: { created: 0, updated: 0, unchanged: 5 },
				products: { created: 0, updated: 0, unchanged: 4 },
				leasingPrograms: { created: 0, updated: 0, unchanged: 1 },
				demands: { created: 0, updated: 0, unchanged: 1 },
			},
		})
		expect(snapshot()).toEqual(before)
	})

	it('moves a catalogue to an empty database and back out identically', async () => {
		await importExchange(ctx.db, readFixture('good.json'))
		const first = await exportExchange(ctx.db)
		ctx.sqlite.exec(
			'delete from search_outbox; delete from demand; delete from leasing_program; delete from product; delete from organization;',
		)
		const reimported = await importExchange(ctx.db, first)
		expect(reimported.ok && reimported.counts.products.created).toBe(3)
		expect(await exportExchange(ctx.db)).toEqual(first)
	})
})

describe('scale', () => {
	it(
		'imports 100,000 products in one transaction well under 60 s, and re-imports them as unchanged',
		{ timeout: 180_000 },
		async () => {
			const organizations = Array.from({ length: 500 }, (_, i) =>
				org(`s-o${i}`, completeUscc(`91120116MA${String(i).padStart(7, '0')}`), ['supplier'], { area: '西区' }),
			)
			const products = Array.from({ length: 100_000 }, (_, i) =>
				product(`s-p${i}`, `s-o${i % 500}`, {
					category: CATEGORY_KEYS[i % CATEGORY_KEYS.length],
					description: '高效节能设备，适用于开发区企业设备更新。',
					specs: { 功率: `${(i % 300) + 1} kW` },
					energyGrade: (i % 3) + 1,
					priceMin: 1000 + i,
					priceMax: 2000 + i,
					tags: ['节能'],
				}),
			)
			const doc = { version: 1, organizations, products }
			let started = performance.now()
			const result = await importExchange(ctx.db, doc)
			const firstMs = performance.now() - started
			expect(result.ok && result.counts.products.created).toBe(100_000)
			expect(outboxCount()).toBe(100_500)
			started = performance.now()
			const again = await importExchange(ctx.db, doc)
			const secondMs = performance.now() - started
			expect(again.ok && again.counts.products.unchanged).toBe(100_000)
			expect(outboxCount()).toBe(100_500)
			console.log(
				`100k products: import ${(firstMs / 1000).toFixed(1)} s, unchanged re-import ${(secondMs / 1000).toFixed(1)} s`,
			)
			expect(firstMs).toBeLessThan(45_000)
		},
	)
})
