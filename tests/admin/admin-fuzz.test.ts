import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ZodTypeAny } from 'zod'
import { parseForm } from '#app/auth/form.server.ts'
import { OrganizationActionSchema, ProductActionSchema, UserActionSchema } from '#app/models/admin.schema.ts'
import * as orgRoute from '#app/routes/admin.organizations.$id.tsx'
import * as orgsRoute from '#app/routes/admin.organizations._index.tsx'
import * as productsRoute from '#app/routes/admin.products._index.tsx'
import * as usersRoute from '#app/routes/admin.users._index.tsx'
import { appContext, createTestUser, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { totalChanges, type Action } from './helpers.ts'

/**
 * F1 (RELIABILITY R21) for every admin action: arbitrary form data from a signed-in administrator.
 * Whatever the schema rejects must come back 400 with conform's errors and write no row (SQLite
 * total_changes() unchanged); nothing may throw anything but a Response. Inputs the schema accepts
 * (real ids, real intents) are sent too: they may write, but never 5xx.
 * Replay a failure with FC_SEED=<seed printed below>.
 */

let test: TestContext
let adminCookie = ''
let ids: { orgs: number[]; products: number[]; users: number[] } = { orgs: [], products: [], users: [] }

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NUM_RUNS = Number(process.env.FC_RUNS ?? 100)
const figures = { runs: 0, rejected: 0, accepted: 0, fiveXX: 0, rowsWritten: 0, statuses: new Map<number, number>() }

beforeAll(async () => {
	test = await createTestContext()
	const admin = await createTestUser(test, { isAdmin: true })
	adminCookie = admin.cookie
	const orgs = [
		await insertOrganization(test.db, { status: 'pending' }),
		await insertOrganization(test.db, { status: 'verified' }),
		await insertOrganization(test.db, { status: 'disabled' }),
	]
	const products = [
		await insertProduct(test.db, orgs[1]!.id, { status: 'pending', published_at: null }),
		await insertProduct(test.db, orgs[1]!.id, { status: 'published' }),
	]
	const member = await createTestUser(test, { organizationId: orgs[1]!.id, orgRole: 'member' })
	ids = { orgs: orgs.map((o) => o.id), products: products.map((p) => p.id), users: [member.id, admin.id] }
})

afterAll(async () => {
	const statuses = [...figures.statuses.entries()]
		.sort(([a], [b]) => a - b)
		.map(([s, n]) => `${s}:${n}`)
		.join(',')
	console.log(
		`F1 fuzz admin: runs=${figures.runs} rejected=${figures.rejected} accepted=${figures.accepted} ` +
			`5xx=${figures.fiveXX} rows_written=${figures.rowsWritten} seed=${seed} statuses=${statuses}`,
	)
	await test.cleanup()
})

const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800',
	'a'.repeat(5000),
	'长'.repeat(501),
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'__proto__',
	'constructor',
	'-1',
	'0',
	'1.5',
	'1e3',
	'NaN',
	'Infinity',
	'9007199254740993',
	'{"a":1}',
	'approve',
	'reject',
	'disable',
	'enable',
	'营业执照不符',
)
// Ids of real records are drawn often, so accepted inputs reach the model too.
const idValue = fc.oneof(
	{ weight: 2, arbitrary: fc.constantFrom(...[1, 2, 3, 4, 5, 6]).map(String) },
	{ weight: 1, arbitrary: fc.integer({ min: -5, max: 1_000_000 }).map(String) },
	{ weight: 1, arbitrary: nasty },
)
const value = fc.oneof(
	{ weight: 3, arbitrary: nasty },
	{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
)
const one = (arb: fc.Arbitrary<string>) =>
	fc.oneof({ weight: 4, arbitrary: arb.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(arb, { maxLength: 3 }) })

const RESERVED = ['__intent__', '__state__', 'intent', 'extra', '']

function formArb(idField: string) {
	const known = fc.record(
		{
			intent: one(fc.oneof(fc.constantFrom('approve', 'reject', 'disable', 'enable'), value)),
			[idField]: one(idValue),
			reason: one(value),
		},
		{ requiredKeys: [] },
	)
	const junk = fc.dictionary(fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 12 })), one(value), {
		maxKeys: 3,
	})
	return fc
		.tuple(known, fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junk }))
		.map(([a, b]) =>
			[...Object.entries(a), ...Object.entries(b)].flatMap(([k, vs]) =>
				(vs as string[]).map((v): [string, string] => [k, v]),
			),
		)
}

function toFormData(entries: Array<[string, string]>): FormData {
	const fd = new FormData()
	for (const [k, v] of entries) fd.append(k, v)
	return fd
}

function rejectedBySchema(fd: FormData, schema: ZodTypeAny): boolean {
	const copy = new FormData()
	for (const [k, v] of fd.entries()) copy.append(k, v)
	return parseForm(copy, schema).status !== 'success'
}

type Case = {
	name: string
	action: Action
	path: (fd: FormData) => string
	idField: string
	schema: ZodTypeAny
	params?: () => Record<string, string>
}

const CASES: Case[] = [
	{
		name: 'admin.organizations._index',
		action: orgsRoute.action,
		path: () => '/admin/organizations?index',
		idField: 'organizationId',
		schema: OrganizationActionSchema,
	},
	{
		name: 'admin.organizations.$id',
		action: orgRoute.action,
		path: () => `/admin/organizations/${ids.orgs[0]}`,
		idField: 'organizationId',
		schema: OrganizationActionSchema,
		params: () => ({ id: String(ids.orgs[0]) }),
	},
	{
		name: 'admin.products._index',
		action: productsRoute.action,
		path: () => '/admin/products?index',
		idField: 'productId',
		schema: ProductActionSchema,
	},
	{
		name: 'admin.users._index',
		action: usersRoute.action,
		path: () => '/admin/users?index',
		idField: 'userId',
		schema: UserActionSchema,
	},
]

describe('F1: arbitrary input to every admin action', () => {
	for (const c of CASES) {
		it(`${c.name}: rejected input → 400, no row; never 5xx`, async () => {
			await fc.assert(
				fc.asyncProperty(formArb(c.idField), async (entries) => {
					const fd = toFormData(entries)
					figures.runs++
					const rejected = rejectedBySchema(fd, c.schema)
					const before = totalChanges(test)
					let status: number
					try {
						const out = await run(() =>
							c.action({
								request: post(c.path(fd), fd, { cookie: adminCookie }),
								context: appContext(test, '10.8.0.1'),
								params: c.params?.() ?? {},
							}),
						)
						status = out.status
						if (rejected) expect((out.data as { result?: { error?: unknown } }).result?.error).toBeTruthy()
						else expect([302, 400, 404, 409]).toContain(status)
					} catch (error) {
						figures.fiveXX++
						throw error
					}
					figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1)
					expect(status).toBeLessThan(500)
					if (rejected) {
						figures.rejected++
						const written = totalChanges(test) - before
						figures.rowsWritten += written
						expect(status).toBe(400)
						expect(written).toBe(0)
					} else {
						figures.accepted++
					}
				}),
				{ numRuns: NUM_RUNS, seed },
			)
		}, 120_000)
	}
})
