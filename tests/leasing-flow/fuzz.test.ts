import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	EnterpriseLeasingActionSchema,
	OfferActionSchema,
	ProgramActionSchema,
	ProgramInputSchema,
} from '#app/models/leasing.schema.ts'
import * as enterpriseRoute from '#app/routes/demands.$id_.leasing.tsx'
import * as lessorDemandRoute from '#app/routes/workspace.leasing.demands.$demandId.tsx'
import * as programEditRoute from '#app/routes/workspace.leasing.programs.$id.tsx'
import * as programNewRoute from '#app/routes/workspace.leasing.programs.new.tsx'
import { appContext, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertLeasingProgram } from '#tests/helpers/factories.ts'
import { createWorld, offerFields, programFields, totalChanges, type World } from './helpers.ts'

/**
 * F1 (RELIABILITY R21) for every leasing action: arbitrary form data. Whatever the schema rejects
 * comes back 400 with conform's errors and writes no row (SQLite total_changes() unchanged); no
 * input ever ends in anything but a Response (a 5xx). Replay with FC_SEED=<seed printed below>.
 */

let test: TestContext
let world: World
let programId = 0

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NUM_RUNS = 120
const figures = { runs: 0, rejected: 0, accepted: 0, fiveXX: 0, rowsWritten: 0, statuses: new Map<number, number>() }

beforeAll(async () => {
	test = await createTestContext()
	world = await createWorld(test)
	programId = (await insertLeasingProgram(test.db, world.lessorA.orgId)).id
})

afterAll(async () => {
	const statuses = [...figures.statuses.entries()]
		.sort(([a], [b]) => a - b)
		.map(([s, n]) => `${s}:${n}`)
		.join(',')
	console.log(
		`F1 fuzz leasing: runs=${figures.runs} 5xx=${figures.fiveXX} rows_written=${figures.rowsWritten} seed=${seed} ` +
			`rejected=${figures.rejected} accepted=${figures.accepted} statuses=${statuses}`,
	)
	await test.cleanup()
})

const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800',
	'a'.repeat(5000),
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'__proto__',
	'-1',
	'0',
	'1',
	'2',
	'3',
	'36',
	'5.5',
	'200',
	'2.0',
	'1e309',
	'Infinity',
	'NaN',
	'9007199254740993',
	'1,000,000',
	'１２３.４５',
	'99999999999999999999',
	'2027-02-30',
	'2020-01-01',
	'2099-12-31',
	'compressor',
	'spaceship',
	'direct',
	'saleLeaseback',
	'monthly',
	'quarterly',
	'annuity',
	'equalPrincipal',
	'arrears',
	'advance',
	'preview',
	'send',
	'withdraw',
	'save',
	'pause',
	'resume',
	'archive',
	'request',
	'accept',
	'decline',
	'汽车及高端装备、化工新材料',
)
const value = fc.oneof(
	{ weight: 3, arbitrary: nasty },
	{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
)
const values = fc.oneof(
	{ weight: 4, arbitrary: value.map((v) => [v]) },
	{ weight: 1, arbitrary: fc.array(value, { minLength: 0, maxLength: 3 }) },
)
const RESERVED = ['__intent__', '__state__', 'intent', 'extra', '']

function formArb(fields: string[]) {
	const known = fc.record(Object.fromEntries(fields.map((f) => [f, values])), { requiredKeys: [] })
	const junk = fc.dictionary(fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 12 })), values, {
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

/** A valid form with one field replaced by a hostile value, dropped, or repeated: reaches the cross-field rules. */
function mutatedArb(base: () => Record<string, string | string[]>) {
	return fc.tuple(fc.nat(), fc.oneof(values, fc.constant(null))).map(([index, replacement]) => {
		const form = base()
		const keys = Object.keys(form)
		const key = keys[index % keys.length]!
		const entries = Object.entries(form).flatMap(([k, v]) =>
			(Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, one]),
		)
		const kept = entries.filter(([k]) => k !== key)
		return replacement === null ? kept : [...kept, ...replacement.map((v): [string, string] => [key, v])]
	})
}

function toFormData(entries: Array<[string, string]>): FormData {
	const fd = new FormData()
	for (const [k, v] of entries) fd.append(k, v)
	return fd
}

function rejectedBySchema(fd: FormData, schema: ZodTypeAny): boolean {
	const copy = new FormData()
	for (const [k, v] of fd.entries()) if (k !== '__intent__' && k !== '__state__') copy.append(k, v)
	return parseWithZod(copy, { schema }).status !== 'success'
}

type Case = {
	name: string
	action: (args: ActionFunctionArgs) => Promise<unknown>
	path: () => string
	params: () => Record<string, string>
	cookie: () => string
	fields: string[]
	schema: ZodTypeAny
	valid: () => Record<string, string | string[]>
}

const PROGRAM_FIELDS = [
	'name',
	'categories',
	'amountMin',
	'amountMax',
	'termMonthsMin',
	'termMonthsMax',
	'rateMinPct',
	'rateMaxPct',
	'downPaymentMinPct',
	'structures',
	'serviceFeePct',
	'depositPct',
	'industries',
	'description',
]
const OFFER_FIELDS = [
	'intent',
	'offerId',
	'programId',
	'equipmentPrice',
	'downPayment',
	'termMonths',
	'annualRatePct',
	'deposit',
	'serviceFee',
	'residual',
	'structure',
	'frequency',
	'method',
	'timing',
	'validUntil',
	'note',
]

const CASES: Case[] = [
	{
		name: 'programme: new',
		action: programNewRoute.action,
		path: () => '/workspace/leasing/programs/new',
		params: () => ({}),
		cookie: () => world.lessorA.cookie,
		fields: PROGRAM_FIELDS,
		schema: ProgramInputSchema,
		valid: () => programFields(),
	},
	{
		name: 'programme: edit / pause / resume / archive',
		action: programEditRoute.action,
		path: () => `/workspace/leasing/programs/${programId}`,
		params: () => ({ id: String(programId) }),
		cookie: () => world.lessorA.cookie,
		fields: ['intent', ...PROGRAM_FIELDS],
		schema: ProgramActionSchema,
		valid: () => ({ intent: 'save', ...programFields() }),
	},
	{
		name: 'offer: preview / send / withdraw',
		action: lessorDemandRoute.action,
		path: () => `/workspace/leasing/demands/${world.demandId}`,
		params: () => ({ demandId: String(world.demandId) }),
		cookie: () => world.lessorB.cookie,
		fields: OFFER_FIELDS,
		schema: OfferActionSchema,
		valid: () => offerFields({ intent: 'preview' }),
	},
	{
		name: 'enterprise: request / accept / decline',
		action: enterpriseRoute.action,
		path: () => `/demands/${world.demandId}/leasing`,
		params: () => ({ id: String(world.demandId) }),
		cookie: () => world.enterprise.cookie,
		fields: ['intent', 'programId', 'offerId', 'reason'],
		schema: EnterpriseLeasingActionSchema,
		valid: () => ({ intent: 'decline', offerId: '999999', reason: '条件不合适' }),
	},
]

describe('F1: arbitrary input to every leasing action', () => {
	for (const c of CASES) {
		it(`${c.name}: rejected input → 400, no row, never 5xx`, async () => {
			await fc.assert(
				fc.asyncProperty(fc.oneof(formArb(c.fields), mutatedArb(c.valid)), async (entries) => {
					const fd = toFormData(entries)
					figures.runs++
					const rejected = rejectedBySchema(fd, c.schema)
					const before = totalChanges(test)
					let status: number
					try {
						const out = await run(() =>
							c.action({
								request: post(c.path(), fd, { cookie: c.cookie() }),
								context: appContext(test),
								params: c.params(),
							}),
						)
						status = out.status
						if (rejected) expect((out.data as { result?: { error?: unknown } }).result?.error).toBeTruthy()
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
					} else figures.accepted++
				}),
				{ numRuns: NUM_RUNS, seed },
			)
		}, 60_000)
	}
})
