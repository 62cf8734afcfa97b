import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
	acceptInvitation,
	authenticate,
	changePassword,
	createAdmin,
	inviteMember,
	registerOrganization,
	removeMember,
	requestPasswordReset,
	resetPassword,
	revokeInvitation,
	setOrganizationStatus,
	signUp,
	signUpWithInvitation,
	recordLogout,
} from '#app/models/account.server.ts'
import { listAuditEvents } from '#app/models/audit.server.ts'
import { parseIdentifier, type Identifier } from '#app/models/auth.schema.ts'
import { queueEmail } from '#app/models/mail.server.ts'
import { setUserStatus } from '#app/models/user.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { randomUscc } from '#tests/auth/helpers.ts'

// Real-cost scrypt (~0.4 s a hash, several seconds on a loaded two-core runner) in most tests here.
vi.setConfig({ testTimeout: 120_000 })

let test: TestContext
const logs: string[] = []
const meta = { ip: '10.5.0.1' }
const linkMeta = {
	...meta,
	origin: 'http://localhost',
	mail: { mode: 'production' as const, log: (line: string) => logs.push(line) },
}

beforeAll(async () => {
	test = await createTestContext()
	vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')))
})
afterAll(async () => {
	vi.restoreAllMocks()
	await test.cleanup()
})

function id(value: string): Identifier {
	const parsed = parseIdentifier(value)
	if (!parsed) throw new Error(`bad identifier ${value}`)
	return parsed
}

const ORG = {
	name: '泰达租赁',
	nameEn: null,
	roles: ['lessor' as const],
	inZone: true,
	area: '中区' as const,
	industry: '融资租赁',
	contactPerson: '钱经理',
	contactPhone: 'SENTINEL-TEL-13912345678',
}

describe('identifiers', () => {
	it('canonicalizes email and mainland mobile numbers', () => {
		expect(parseIdentifier(' Zhang.San@Example.COM ')).toEqual({ kind: 'email', value: 'zhang.san@example.com' })
		expect(parseIdentifier('＋８６ 138-0013-8000')).toEqual({ kind: 'phone', value: '13800138000' })
		expect(parseIdentifier('008613800138000')).toEqual({ kind: 'phone', value: '13800138000' })
		expect(parseIdentifier('12345678901')).toBeNull()
		expect(parseIdentifier('022-66290000')).toBeNull()
		expect(parseIdentifier('a@b')).toBeNull()
	})
})

describe('account model', () => {
	it('lets only one of two concurrent sign-ups for the same identifier through', async () => {
		const input = { identifier: id('race@example.com'), name: '并发', password: 'racing sign ups 1' }
		const [a, b] = await Promise.all([signUp(test.db, input, meta), signUp(test.db, input, meta)])
		expect([a.ok, b.ok].sort()).toEqual([false, true])
		const failed = a.ok ? b : a
		expect(failed).toMatchObject({ ok: false, error: { field: 'identifier', message: 'errors.identifierTaken' } })
	})

	it('spends a reset token once even when used twice at the same moment', async () => {
		const user = await signUp(
			test.db,
			{ identifier: id('twice@example.com'), name: '两次', password: 'reset twice test 1' },
			meta,
		)
		expect(user.ok).toBe(true)
		await requestPasswordReset(test.db, id('twice@example.com'), linkMeta)
		const mail = await test.db.selectFrom('email_outbox').select('body').orderBy('id', 'desc').executeTakeFirstOrThrow()
		const token = /reset-password\/(\S{43})/.exec(mail.body)![1]!
		const results = await Promise.all([
			resetPassword(test.db, token, 'first new secret 1', meta),
			resetPassword(test.db, token, 'second new secret 2', meta),
		])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		// A newer request spends the older link.
		await requestPasswordReset(test.db, id('twice@example.com'), linkMeta)
		const first = (
			await test.db.selectFrom('email_outbox').select('body').orderBy('id', 'desc').executeTakeFirstOrThrow()
		).body
		await requestPasswordReset(test.db, id('twice@example.com'), linkMeta)
		const older = /reset-password\/(\S{43})/.exec(first)![1]!
		expect(await resetPassword(test.db, older, 'third new secret 3', meta)).toEqual({
			ok: false,
			error: 'invalidToken',
		})
	})

	it('expires reset links after 60 minutes (faked clock)', async () => {
		await signUp(test.db, { identifier: id('late@example.com'), name: '迟到', password: 'expiring links 1' }, meta)
		vi.useFakeTimers({ toFake: ['Date'] })
		try {
			const t0 = Date.now()
			await requestPasswordReset(test.db, id('late@example.com'), linkMeta)
			const body = (
				await test.db.selectFrom('email_outbox').select('body').orderBy('id', 'desc').executeTakeFirstOrThrow()
			).body
			const token = /reset-password\/(\S{43})/.exec(body)![1]!
			vi.setSystemTime(t0 + 61 * 60 * 1000)
			expect(await resetPassword(test.db, token, 'too late secret 1', meta)).toEqual({
				ok: false,
				error: 'invalidToken',
			})
		} finally {
			vi.useRealTimers()
		}
	})

	it('logs a queued mail as one JSON line with a masked recipient; only development prints the link', async () => {
		const lines: string[] = []
		await queueEmail(
			test.db,
			{
				to: 'someone@example.com',
				subject: 'x\r\nforged: line',
				body: 'secret link http://localhost/reset-password/abc',
			},
			{ mode: 'production', log: (l) => lines.push(l) },
		)
		expect(lines).toHaveLength(1)
		expect(lines[0]).not.toMatch(/[\r\n]/)
		expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'mail.queued', to: 's***@example.com' })
		expect(lines[0]).not.toContain('reset-password')
		const dev: string[] = []
		await queueEmail(
			test.db,
			{ to: 'someone@example.com', subject: 's', body: 'http://localhost/reset-password/abc' },
			{ mode: 'development', log: (l) => dev.push(l) },
		)
		expect(dev.join('\n')).toContain('http://localhost/reset-password/abc')
	})
})

describe('audit trail (R29, F12)', () => {
	it('writes exactly one audit row for each audited action, and logs carry no secrets', async () => {
		const counts: Record<string, number> = {}
		async function step(action: string, fn: () => Promise<unknown>) {
			const before = (await listAuditEvents(test.db, { limit: 1000 })).length
			await fn()
			const after = await listAuditEvents(test.db, { limit: 1000 })
			const added = after.slice(0, after.length - before)
			counts[action] = added.filter((e) => e.action === action).length
			expect(
				added.map((e) => e.action),
				action,
			).toEqual([action])
		}
		const pw = 'SENTINEL-PW-audit-1'
		let ownerId = 0
		let orgId = 0
		await step('user.signup', async () => {
			const r = await signUp(test.db, { identifier: id('owner@audit.test'), name: '审计', password: pw }, meta)
			if (r.ok) ownerId = r.userId
		})
		await step('auth.login', () => authenticate(test.db, { identifier: id('owner@audit.test'), password: pw }, meta))
		await step('auth.login_failed', () =>
			authenticate(test.db, { identifier: id('owner@audit.test'), password: 'SENTINEL-PW-wrong' }, meta),
		)
		await step('auth.logout', () => recordLogout(test.db, { id: ownerId, organizationId: null }, meta))
		await step('organization.register', async () => {
			const r = await registerOrganization(test.db, ownerId, { ...ORG, uscc: randomUscc() }, meta)
			if (r.ok) orgId = r.organizationId
		})
		const admin = await createAdmin(test.db, { email: 'admin@audit.test' })
		await step('organization.status', () =>
			setOrganizationStatus(
				test.db,
				{ id: admin.ok ? admin.userId : 0, organizationId: null },
				orgId,
				'verified',
				null,
				meta,
			),
		)
		let token = ''
		await step('organization.invite', async () => {
			const r = await inviteMember(test.db, { id: ownerId, organizationId: orgId }, id('member@audit.test'), linkMeta)
			if (r.ok) token = r.link.split('/').pop()!
		})
		let memberId = 0
		await step('organization.member_join', async () => {
			const r = await signUpWithInvitation(test.db, token, { name: '成员', password: 'SENTINEL-PW-member-1' }, meta)
			if (r.ok) memberId = r.userId
		})
		await step('organization.member_remove', () =>
			removeMember(test.db, { id: ownerId, organizationId: orgId }, memberId, meta),
		)
		let invitationId = 0
		const second = await inviteMember(test.db, { id: ownerId, organizationId: orgId }, id('13500001111'), linkMeta)
		if (second.ok) invitationId = second.invitationId
		await step('organization.invite_revoke', () =>
			revokeInvitation(test.db, { id: ownerId, organizationId: orgId }, invitationId, meta),
		)
		await step('user.password_change', () =>
			changePassword(test.db, ownerId, { currentPassword: pw, password: 'SENTINEL-PW-audit-2' }, meta),
		)
		await step('user.password_reset_request', () => requestPasswordReset(test.db, id('owner@audit.test'), linkMeta))
		const body = (
			await test.db.selectFrom('email_outbox').select('body').orderBy('id', 'desc').executeTakeFirstOrThrow()
		).body
		const resetToken = /reset-password\/(\S{43})/.exec(body)![1]!
		await step('user.password_reset', () => resetPassword(test.db, resetToken, 'SENTINEL-PW-audit-3', meta))
		await step('user.disable', () =>
			setUserStatus(
				test.db,
				{ id: admin.ok ? admin.userId : 0, organizationId: null },
				memberId,
				'disabled',
				'10.5.0.9',
			),
		)
		const third = await inviteMember(test.db, { id: ownerId, organizationId: orgId }, id('joiner@audit.test'), linkMeta)
		const joiner = await signUp(
			test.db,
			{ identifier: id('joiner@audit.test'), name: '加入', password: 'SENTINEL-PW-joiner' },
			meta,
		)
		await step('organization.member_join', () =>
			acceptInvitation(
				test.db,
				third.ok ? third.link.split('/').pop()! : '',
				{ id: joiner.ok ? joiner.userId : 0, email: 'joiner@audit.test', phone: null, organizationId: null },
				meta,
			),
		)

		const allAudit = JSON.stringify(await listAuditEvents(test.db, { limit: 1000 }))
		const text = logs.join('\n')
		const sentinels = ['SENTINEL-PW', 'SENTINEL-TEL', resetToken, token]
		const logHits = sentinels.filter((s) => text.includes(s)).length
		const auditHits = sentinels.filter((s) => allAudit.includes(s)).length
		const perAction = Object.values(counts)
		console.info(
			`F12 audit: actions=${perAction.length} rows_per_action_min=${Math.min(...perAction)} rows_per_action_max=${Math.max(...perAction)} ` +
				`sentinel_hits_in_logs=${logHits} sentinel_hits_in_audit=${auditHits} log_lines=${logs.length}`,
		)
		expect(perAction.every((n) => n === 1)).toBe(true)
		expect(logHits).toBe(0)
		expect(auditHits).toBe(0)
	}, 120_000)
})
