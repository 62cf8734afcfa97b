import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HONEYPOT_FIELD } from '#app/auth/honeypot-field.tsx'
import {
	DemandActionSchema,
	DemandFormSchema,
	InquiryActionSchema,
	NotificationActionSchema,
} from '#app/models/demand.schema.ts'
import * as pageRoute from '#app/routes/demands.$id.tsx'
import * as editRoute from '#app/routes/demands.$id_.edit.tsx'
import * as newRoute from '#app/routes/demands.new.tsx'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as inquiryRoute from '#app/routes/workspace.inquiries.$matchId.tsx'
import { appContext, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertProduct } from '#tests/helpers/factories.ts'
import { createParty, totalChanges, type Party } from './helpers.ts'

/**
 * F1 (RELIABILITY R21) for the demand workflow: every action gets arbitrary form data. What the
 * schema rejects must come back as 400/422 and write no row (SQLite total_changes() unchanged);
 * nothing may throw anything but a Response. Accepted inputs must not 5xx either, and may write.
 * Replay a failure with FC_SEED=<seed printed below>.
 */

let test: TestContext
let buyer: Party
let maker: Party
const ids = { open: 0, draft: 0, match: 0, inquired: 0 }

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NUM_RUNS = 60
const figures = { runs: 0, rejected: 0, accepted: 0, fiveXX: 0, rowsWritten: 0, statuses: new Map<number, number>() }

beforeAll(async () => {
	test = await createTestContext()
	buyer = await createParty(test, { roles: ['buyer'], name: '模糊测试买方', contact: 'buyer' })
	maker = await createParty(test, { roles: ['supplier'], name: '模糊测试卖方', contact: 'maker' })
	const p1 = await insertProduct(test.db, maker.orgId)
	const p2 = await insertProduct(test.db, maker.orgId, { name: '第二台空压机' })
	ids.open = (await insertDemand(test.db, buyer.orgId, { expires_at: '2099-12-31' })).id
	ids.draft = (await insertDemand(test.db, buyer.orgId, { status: 'draft', published_at: null })).id
	ids.match = (
		await test.db
			.insertInto('match')
			.values({ demand_id: ids.open, product_id: p1.id, score: 0.7 })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id
	ids.inquired = (
		await test.db
			.insertInto('match')
			.values({
				demand_id: ids.open,
				product_id: p2.id,
				score: 0.6,
				status: 'inquiry_sent',
				inquiry_sent_at: new Date().toISOString(),
				inquiry_message: '请报价',
				inquiry_quantity: 2,
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id
})

afterAll(async () => {
	const statuses = [...figures.statuses.entries()]
		.sort(([a], [b]) => a - b)
		.map(([s, n]) => `${s}:${n}`)
		.join(',')
	console.log(
		`F1 fuzz demands: runs=${figures.runs} rejected=${figures.rejected} accepted=${figures.accepted} ` +
			`5xx=${figures.fiveXX} rows_written=${figures.rowsWritten} seed=${seed} statuses=${statuses}`,
	)
	await test.cleanup()
})

const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800',
	'a'.repeat(3000),
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'__proto__',
	'on',
	'true',
	'-1',
	'0',
	'1',
	'2',
	'3',
	'6',
	'1e309',
	'NaN',
	'9007199254740993',
	'12.5',
	'2030-06-30',
	'2030-02-30',
	'1999-12-31',
	'2099-01-01',
	'额定功率: 37 kW',
	'no separator line',
	'更换车间老旧空压机',
	'车间 6 台老旧空压机需更换为一级能效机型。',
	'compressor',
	'not-a-category',
	'industry',
	'none',
	'leasing',
	'won',
	'cancelled',
	'expired',
	'draft',
	'publish',
	'save',
	'close',
	'shortlist',
	'unshortlist',
	'inquire',
	'message',
	'report',
	'quote',
	'decline',
	'read',
	'readAll',
	'digest',
)
const idValue = fc.constantFrom('1', '2', '3', '999999', String(Number.MAX_SAFE_INTEGER + 2))
const value = fc.oneof(
	{ weight: 4, arbitrary: nasty },
	{ weight: 1, arbitrary: idValue },
	{ weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
)
const values = fc.oneof(
	{ weight: 4, arbitrary: value.map((v) => [v]) },
	{ weight: 1, arbitrary: fc.array(value, { minLength: 0, maxLength: 3 }) },
)
const RESERVED = ['__intent__', '__state__', HONEYPOT_FIELD, 'intent', 'extra', '']

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

/** A valid form with up to two fields replaced by junk or dropped: reaches past the schema too. */
function mutatedArb(bases: Array<Record<string, string | string[] | undefined>>) {
	return fc
		.tuple(
			fc.constantFrom(...bases),
			fc.array(fc.tuple(fc.nat(), fc.option(values, { nil: undefined })), { maxLength: 2 }),
		)
		.map(([base, edits]) => {
			const form: Record<string, string[]> = Object.fromEntries(
				Object.entries(base).flatMap(([k, v]) => (v === undefined ? [] : [[k, [v].flat()]])),
			)
			const keys = Object.keys(form)
			for (const [i, v] of edits) {
				const key = keys[i % keys.length]!
				if (v === undefined) delete form[key]
				else form[key] = v
			}
			return Object.entries(form).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]))
		})
}

function toFormData(entries: Array<[string, string]>): FormData {
	const fd = new FormData()
	for (const [k, v] of entries) fd.append(k, v)
	return fd
}

function rejectedByValidation(fd: FormData, schema: ZodTypeAny): boolean {
	const copy = new FormData()
	for (const [k, v] of fd.entries()) copy.append(k, v)
	if (copy.getAll(HONEYPOT_FIELD).some((v) => v !== '')) return true
	copy.delete(HONEYPOT_FIELD)
	copy.delete('__intent__')
	copy.delete('__state__')
	return parseWithZod(copy, { schema }).status !== 'success'
}

type Case = {
	name: string
	action: (args: ActionFunctionArgs) => Promise<unknown>
	path: () => string
	params: () => Record<string, string>
	fields: string[]
	schema: ZodTypeAny
	cookie: () => string
	honeypot?: boolean
	valid: () => Array<Record<string, string | string[] | undefined>>
}

const DEMAND_FORM = {
	intent: 'draft',
	categoryKey: 'compressor',
	keySpecs: '额定功率: 37 kW',
	quantity: '6',
	minEnergyGrade: '2',
	neededBy: '2030-06-30',
	budgetMinWan: '30',
	budgetMaxWan: '60',
	financing: 'leasing',
	preferInZone: 'on',
	oldName: '活塞式空压机',
	oldInstalledYear: '2009',
	title: '更换车间老旧空压机',
	description: '车间 6 台老旧空压机需更换为一级能效机型。',
	domain: 'industry',
	expiresAt: '2030-12-31',
}

const DEMAND_FIELDS = [
	'intent',
	'categoryKey',
	'keySpecs',
	'quantity',
	'minEnergyGrade',
	'neededBy',
	'budgetMinWan',
	'budgetMaxWan',
	'financing',
	'preferInZone',
	'oldName',
	'oldModel',
	'oldInstalledYear',
	'oldQuantity',
	'oldEnergyGrade',
	'oldAnnualEnergyKwh',
	'title',
	'description',
	'domain',
	'expiresAt',
]

const CASES: Case[] = [
	{
		name: 'demands.new',
		action: newRoute.action,
		path: () => '/demands/new',
		params: () => ({}),
		fields: DEMAND_FIELDS,
		schema: DemandFormSchema,
		cookie: () => buyer.cookie,
		honeypot: true,
		valid: () => [DEMAND_FORM],
	},
	{
		name: 'demands.$id.edit',
		action: editRoute.action,
		path: () => `/demands/${ids.draft}/edit`,
		params: () => ({ id: String(ids.draft) }),
		fields: DEMAND_FIELDS,
		schema: DemandFormSchema,
		cookie: () => buyer.cookie,
		honeypot: true,
		valid: () => [{ ...DEMAND_FORM, intent: 'save' }],
	},
	{
		name: 'demands.$id (owner)',
		action: pageRoute.action,
		path: () => `/demands/${ids.open}`,
		params: () => ({ id: String(ids.open) }),
		fields: ['intent', 'reason', 'matchId', 'matchIds', 'message', 'quantity', 'wantedDate', 'body'],
		schema: DemandActionSchema,
		cookie: () => buyer.cookie,
		valid: () => [
			{ intent: 'shortlist', matchId: String(ids.match) },
			{ intent: 'unshortlist', matchId: String(ids.match) },
			{ intent: 'inquire', matchIds: [String(ids.match)], message: '请报价', quantity: '2', wantedDate: '2099-01-01' },
			{ intent: 'message', matchId: String(ids.inquired), body: '您好' },
			{ intent: 'won', matchId: String(ids.inquired) },
			{ intent: 'publish' },
		],
	},
	{
		name: 'demands.$id (maker)',
		action: pageRoute.action,
		path: () => `/demands/${ids.open}`,
		params: () => ({ id: String(ids.open) }),
		fields: ['intent', 'reason', 'matchId', 'body'],
		schema: DemandActionSchema,
		cookie: () => maker.cookie,
		valid: () => [
			{ intent: 'message', matchId: String(ids.inquired), body: '收到' },
			{ intent: 'report', reason: '疑似重复发布的需求' },
			{ intent: 'shortlist', matchId: String(ids.match) },
		],
	},
	{
		name: 'workspace.inquiries.$matchId',
		action: inquiryRoute.action,
		path: () => `/workspace/inquiries/${ids.inquired}`,
		params: () => ({ matchId: String(ids.inquired) }),
		fields: ['intent', 'unitPrice', 'totalPrice', 'deliveryDate', 'validUntil', 'note', 'reason', 'body'],
		schema: InquiryActionSchema,
		cookie: () => maker.cookie,
		valid: () => [
			{ intent: 'message', body: '收到，稍后报价' },
			{
				intent: 'quote',
				unitPrice: '120000',
				totalPrice: '240000',
				deliveryDate: '2099-01-01',
				validUntil: '2099-01-01',
				note: '含安装',
			},
			{ intent: 'decline', reason: '无法满足交期' },
		],
	},
	{
		name: 'notifications',
		action: notificationsRoute.action,
		path: () => '/notifications',
		params: () => ({}),
		fields: ['intent', 'id', 'digest'],
		schema: NotificationActionSchema,
		cookie: () => buyer.cookie,
		valid: () => [{ intent: 'readAll' }, { intent: 'digest', digest: 'on' }, { intent: 'read', id: '1' }],
	},
]

describe('F1: arbitrary input to every demand-workflow action', () => {
	for (const c of CASES) {
		it(`${c.name}: rejected input → 400/422, no row, never 5xx`, async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(formArb(c.fields), mutatedArb(c.valid())),
					fc.boolean(),
					async (entries, withHoneypot) => {
						const fd = toFormData(entries)
						if (c.honeypot && withHoneypot && !fd.has(HONEYPOT_FIELD)) fd.append(HONEYPOT_FIELD, 'http://spam.test')
						figures.runs++
						const rejected = rejectedByValidation(fd, c.schema)
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
							expect([400, 422]).toContain(status)
							expect(written).toBe(0)
						} else {
							figures.accepted++
						}
					},
				),
				{ numRuns: NUM_RUNS, seed },
			)
		}, 60_000)
	}
})
