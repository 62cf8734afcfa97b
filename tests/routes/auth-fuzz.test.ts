import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HONEYPOT_FIELD } from '#app/auth/honeypot-field.tsx'
import { safeRedirectPath } from '#app/models/auth.schema.ts'
import {
	ChangePasswordSchema,
	ForgotPasswordSchema,
	InviteAcceptSchema,
	InviteSignupSchema,
	LoginSchema,
	ProfileSchema,
	ResetPasswordSchema,
	SignupSchema,
} from '#app/models/auth.schema.ts'
import {
	InviteMemberSchema,
	OrgRegistrationSchema,
	RemoveMemberSchema,
	RevokeInvitationSchema,
} from '#app/models/org-account.schema.ts'
import * as accountRoute from '#app/routes/account._index.tsx'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as inviteRoute from '#app/routes/invite.$token.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as logoutRoute from '#app/routes/logout.tsx'
import * as orgNewRoute from '#app/routes/org.new.tsx'
import * as membersRoute from '#app/routes/org.members.tsx'
import * as resetRoute from '#app/routes/reset-password.$token.tsx'
import * as signupRoute from '#app/routes/signup.tsx'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { appContext, createTestOrg, createTestUser, post, randomUscc, run } from '#tests/auth/helpers.ts'

/**
 * F1 (RELIABILITY R21): every form action this area owns gets arbitrary form data. Whatever the
 * schema rejects must come back as 400/422 with errors and write no row (SQLite total_changes()
 * is unchanged); nothing may ever throw anything but a Response (a 5xx). Inputs the schema
 * accepts are still sent — they must not 5xx either — but may legitimately write.
 * Replay a failure with FC_SEED=<seed printed below>.
 */

let test: TestContext
let cookies: { plain: string; owner: string }
let inviteToken = ''

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NUM_RUNS = 100
const figures = {
	properties: 0,
	runs: 0,
	rejected: 0,
	accepted: 0,
	fiveXX: 0,
	rowsWrittenByRejected: 0,
	statuses: new Map<number, number>(),
}

beforeAll(async () => {
	test = await createTestContext()
	const plain = await createTestUser(test, { password: 'fuzz plain user pw' })
	const orgId = await createTestOrg(test, { uscc: randomUscc() })
	const owner = await createTestUser(test, { organizationId: orgId, orgRole: 'owner' })
	cookies = { plain: plain.cookie, owner: owner.cookie }
	const invite = await run(() =>
		membersRoute.action({
			request: post(
				'/org/members',
				{ intent: 'invite', identifier: 'fuzz-invitee@example.com' },
				{ cookie: owner.cookie },
			),
			context: appContext(test),
			params: {},
		}),
	)
	inviteToken = (invite.data as { link: string }).link.split('/').pop()!
})

afterAll(async () => {
	const statuses = [...figures.statuses.entries()]
		.sort(([a], [b]) => a - b)
		.map(([s, n]) => `${s}:${n}`)
		.join(',')
	console.log(
		`F1 fuzz: properties=${figures.properties} runs=${figures.runs} rejected=${figures.rejected} accepted=${figures.accepted} ` +
			`5xx=${figures.fiveXX} rows_written=${figures.rowsWrittenByRejected} seed=${seed} statuses=${statuses}`,
	)
	await test.cleanup()
})

// Strings that reach deeper paths as well as plain garbage.
const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800',
	'a'.repeat(5000),
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'__proto__',
	'constructor',
	'on',
	'true',
	'-1',
	'0',
	'1',
	'2',
	'1e309',
	'NaN',
	'9007199254740993',
	'{"a":1}',
	'１３８００１３８０００',
	'+86 138 0013 8000',
	'13800138000',
	'fuzz@example.com',
	'fuzz-invitee@example.com',
	'supplier',
	'buyer',
	'lessor',
	'西区',
	'022-66290000',
	'valid pass phrase 1',
	'password123',
	'天津泰达智能装备有限公司',
	'91120116MA05X7KQ8B',
	'/account',
	'//evil.test',
	'profile',
	'changePassword',
	'invite',
	'remove',
	'revoke',
	'accept',
	'signup',
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

const RESERVED = ['__intent__', '__state__', HONEYPOT_FIELD, 'intent', 'redirectTo', 'extra', '']

/**
 * Form entries with the route's own field names (some missing, some repeated) plus junk keys;
 * entries rather than a FormData so a counterexample prints readably.
 */
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

function toFormData(entries: Array<[string, string]>): FormData {
	const fd = new FormData()
	for (const [k, v] of entries) fd.append(k, v)
	return fd
}

function clone(fd: FormData): FormData {
	const copy = new FormData()
	for (const [k, v] of fd.entries()) copy.append(k, v)
	return copy
}

/** Whether the server will reject this input before any domain logic: honeypot or schema. */
function rejectedByValidation(fd: FormData, schema: ZodTypeAny): boolean {
	const copy = clone(fd)
	if (copy.getAll(HONEYPOT_FIELD).some((v) => v !== '')) return true
	copy.delete(HONEYPOT_FIELD)
	copy.delete('__intent__')
	copy.delete('__state__')
	return parseWithZod(copy, { schema }).status !== 'success'
}

function totalChanges(): number {
	return Number((test.sqlite.prepare('select total_changes() as n').get() as { n: number }).n)
}

type Action = (args: ActionFunctionArgs) => Promise<unknown>
type Case = {
	name: string
	action: Action
	path: string
	fields: string[]
	schema: (fd: FormData) => ZodTypeAny
	cookie?: () => string
	params?: () => Record<string, string>
	honeypot?: boolean
}

const CASES: Case[] = [
	{
		name: 'login',
		action: loginRoute.action,
		path: '/login',
		fields: ['identifier', 'password', 'redirectTo'],
		schema: () => LoginSchema,
	},
	{
		name: 'signup',
		action: signupRoute.action,
		path: '/signup',
		fields: ['identifier', 'name', 'password', 'confirmPassword', 'redirectTo'],
		schema: () => SignupSchema,
		honeypot: true,
	},
	{
		name: 'forgot-password',
		action: forgotRoute.action,
		path: '/forgot-password',
		fields: ['identifier'],
		schema: () => ForgotPasswordSchema,
		honeypot: true,
	},
	{
		name: 'reset-password',
		action: resetRoute.action,
		path: '/reset-password/x',
		fields: ['password', 'confirmPassword'],
		schema: () => ResetPasswordSchema,
		params: () => ({ token: 'A'.repeat(43) }),
	},
	{
		name: 'account',
		action: accountRoute.action,
		path: '/account',
		fields: ['intent', 'name', 'currentPassword', 'password', 'confirmPassword'],
		schema: (fd) => (fd.get('intent') === 'changePassword' ? ChangePasswordSchema : ProfileSchema),
		cookie: () => cookies.plain,
	},
	{
		name: 'org.new',
		action: orgNewRoute.action,
		path: '/org/new',
		fields: ['name', 'nameEn', 'uscc', 'roles', 'inZone', 'area', 'industry', 'contactPerson', 'contactPhone'],
		schema: () => OrgRegistrationSchema,
		cookie: () => cookies.plain,
		honeypot: true,
	},
	{
		name: 'org.members',
		action: membersRoute.action,
		path: '/org/members',
		fields: ['intent', 'identifier', 'userId', 'invitationId'],
		schema: (fd) =>
			fd.get('intent') === 'remove'
				? RemoveMemberSchema
				: fd.get('intent') === 'revoke'
					? RevokeInvitationSchema
					: InviteMemberSchema,
		cookie: () => cookies.owner,
	},
	{
		name: 'invite',
		action: inviteRoute.action,
		path: '/invite/x',
		fields: ['intent', 'name', 'password', 'confirmPassword'],
		schema: (fd) => (fd.get('intent') === 'accept' ? InviteAcceptSchema : InviteSignupSchema),
		cookie: () => cookies.plain,
		params: () => ({ token: inviteToken }),
		honeypot: true,
	},
]

let ipCounter = 0

describe('F1: arbitrary input to every auth form action', () => {
	for (const c of CASES) {
		it(`${c.name}: rejected input → 400/422, no row, never 5xx`, async () => {
			figures.properties++
			await fc.assert(
				fc.asyncProperty(formArb(c.fields), fc.boolean(), async (entries, withHoneypot) => {
					const fd = toFormData(entries)
					if (c.honeypot && withHoneypot && !fd.has(HONEYPOT_FIELD)) fd.append(HONEYPOT_FIELD, 'http://spam.test')
					figures.runs++
					const rejected = rejectedByValidation(fd, c.schema(fd))
					// A fresh address per run: the property is about validation, not the rate limit.
					ipCounter++
					const ip = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`
					const before = totalChanges()
					let status: number
					try {
						const out = await run(() =>
							c.action({
								request: post(c.path, fd, { cookie: c.cookie?.() }),
								context: appContext(test, ip),
								params: c.params?.() ?? {},
							}),
						)
						status = out.status
						if (rejected && status === 400 && !out.thrown) {
							// A schema rejection carries conform's error object for the page to show.
							expect((out.data as { result?: { error?: unknown } }).result?.error).toBeTruthy()
						}
					} catch (error) {
						figures.fiveXX++
						throw error
					}
					figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1)
					expect(status).toBeLessThan(500)
					if (rejected) {
						figures.rejected++
						const written = totalChanges() - before
						figures.rowsWrittenByRejected += written
						expect([400, 422]).toContain(status)
						expect(written).toBe(0)
					} else {
						figures.accepted++
					}
				}),
				{ numRuns: NUM_RUNS, seed },
			)
		}, 60_000)
	}

	it('logout: any body, no 5xx', async () => {
		figures.properties++
		await fc.assert(
			fc.asyncProperty(formArb(['intent']), async (entries) => {
				figures.runs++
				const out = await run(() =>
					logoutRoute.action({ request: post('/logout', toFormData(entries)), context: appContext(test), params: {} }),
				)
				figures.statuses.set(out.status, (figures.statuses.get(out.status) ?? 0) + 1)
				expect(out.status).toBe(302)
			}),
			{ numRuns: NUM_RUNS, seed },
		)
	})

	it('safeRedirectPath only ever returns a same-site ASCII path (property)', () => {
		figures.properties++
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.webUrl(),
					fc.string({ unit: 'binary' }).map((s) => `/${s}`),
					fc.constantFrom('//x', '/\\x', '/%2F%2Fx', '/\t/x'),
				),
				(to) => {
					figures.runs++
					const out = safeRedirectPath(to, '/fallback')
					expect(out.startsWith('/')).toBe(true)
					expect(out.startsWith('//')).toBe(false)
					expect(out.startsWith('/\\')).toBe(false)
					expect(/^[\x21-\x7e]*$/.test(out)).toBe(true)
					expect(new URL(out, 'http://a.invalid').origin).toBe('http://a.invalid')
				},
			),
			{ numRuns: 1000, seed },
		)
	})
})
