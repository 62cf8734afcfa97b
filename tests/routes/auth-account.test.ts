import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getOptionalUser, requireAdmin, requireOrgUser, requireUser } from '#app/auth/permissions.server.ts'
import { getFixedT } from '#app/i18n/translate.ts'
import { listAuditEvents } from '#app/models/audit.server.ts'
import { setOrganizationStatus } from '#app/models/account.server.ts'
import { countUsers } from '#app/models/user.server.ts'
import * as accountRoute from '#app/routes/account._index.tsx'
import * as devMailRoute from '#app/routes/dev.mail.tsx'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as inviteRoute from '#app/routes/invite.$token.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as orgNewRoute from '#app/routes/org.new.tsx'
import * as membersRoute from '#app/routes/org.members.tsx'
import * as resetRoute from '#app/routes/reset-password.$token.tsx'
import { createDb } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import {
	appContext,
	countRows,
	createTestOrg,
	createTestUser,
	diffRows,
	fieldErrors,
	get,
	post,
	randomUscc,
	run,
} from '#tests/auth/helpers.ts'

// Real-cost scrypt (~0.4 s a hash, several seconds on a loaded two-core runner) in most tests here.
vi.setConfig({ testTimeout: 120_000 })

let test: TestContext

beforeAll(async () => {
	test = await createTestContext()
})
afterAll(async () => {
	await test.cleanup()
})

const ctx = (ip = '10.3.0.1') => appContext(test, ip)
const audits = async (action: string, objectId?: number | string) =>
	(await listAuditEvents(test.db, { action, objectId, limit: 1000 })).length

const ORG_FIELDS = {
	name: '天津泰达智能装备有限公司',
	nameEn: 'TEDA Smart Equipment Co., Ltd.',
	roles: ['supplier', 'lessor'],
	inZone: 'on',
	area: '西区',
	industry: '汽车及高端装备',
	contactPerson: '赵工',
	contactPhone: '022-66290000',
}

describe('changing the password', () => {
	it('checks the current password, ends every other session, and keeps this browser signed in (R3)', async () => {
		const user = await createTestUser(test, { password: 'old password here 1' })
		const otherDevice = await run(() =>
			loginRoute.action({
				request: post('/login', { identifier: user.email!, password: user.password }),
				context: ctx('10.3.1.1'),
				params: {},
			}),
		)
		const wrong = await run(() =>
			accountRoute.action({
				request: post(
					'/account',
					{
						intent: 'changePassword',
						currentPassword: 'not it at all',
						password: 'new password here 2',
						confirmPassword: 'new password here 2',
					},
					{ cookie: user.cookie },
				),
				context: ctx(),
				params: {},
			}),
		)
		expect(wrong.status).toBe(400)
		expect(fieldErrors(wrong.data).currentPassword).toEqual(['errors.currentPasswordWrong'])
		const ok = await run(() =>
			accountRoute.action({
				request: post(
					'/account',
					{
						intent: 'changePassword',
						currentPassword: user.password,
						password: 'new password here 2',
						confirmPassword: 'new password here 2',
					},
					{ cookie: user.cookie },
				),
				context: ctx(),
				params: {},
			}),
		)
		expect(ok.status).toBe(302)
		expect(ok.location).toBe('/account?changed=1')
		for (const old of [user.cookie, otherDevice.cookie]) {
			expect((await run(() => requireUser(get('/account', { cookie: old }), ctx()))).status).toBe(302)
		}
		expect((await getOptionalUser(get('/account', { cookie: ok.cookie }), ctx()))?.id).toBe(user.id)
		expect(await audits('user.password_change', user.id)).toBe(1)
		const relogin = await run(() =>
			loginRoute.action({
				request: post('/login', { identifier: user.email!, password: 'new password here 2' }),
				context: ctx('10.3.1.2'),
				params: {},
			}),
		)
		expect(relogin.status).toBe(302)
	})

	it('updates the profile name', async () => {
		const user = await createTestUser(test)
		const out = await run(() =>
			accountRoute.action({
				request: post('/account', { intent: 'profile', name: '  周杰  ' }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(302)
		expect((await getOptionalUser(get('/', { cookie: user.cookie }), ctx()))?.name).toBe('周杰')
	})
})

describe('forgotten password', () => {
	it('queues a one-time link in the outbox; the link sets a new password once and ends every session', async () => {
		const user = await createTestUser(test, { phone: '13700001234', password: 'forgotten pass 1' })
		const before = await countRows(test.db)
		const sent = await run(() =>
			forgotRoute.action({
				request: post('/forgot-password', { identifier: '137 0000 1234' }),
				context: ctx(),
				params: {},
			}),
		)
		expect(sent.status).toBe(200)
		expect((sent.data as { sent: boolean }).sent).toBe(true)
		expect(diffRows(before, await countRows(test.db))).toEqual({ one_time_token: 1, email_outbox: 1, audit_event: 1 })
		const mail = await test.db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
		expect(mail.to_address).toBe('13700001234')
		const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1]
		expect(token).toBeDefined()
		// The database holds only the token's hash.
		expect(JSON.stringify(await test.db.selectFrom('one_time_token').selectAll().execute())).not.toContain(token!)

		const page = await run(() =>
			resetRoute.loader({ request: get(`/reset-password/${token}`), context: ctx(), params: { token: token! } }),
		)
		expect(page.data).toMatchObject({ valid: true, who: '137****1234' })
		const reset = await run(() =>
			resetRoute.action({
				request: post(`/reset-password/${token}`, {
					password: 'brand new secret 9',
					confirmPassword: 'brand new secret 9',
				}),
				context: ctx(),
				params: { token: token! },
			}),
		)
		expect(reset.status).toBe(302)
		expect(reset.location).toBe('/login?reset=1')
		expect((await run(() => requireUser(get('/account', { cookie: user.cookie }), ctx()))).status).toBe(302)
		const again = await run(() =>
			resetRoute.action({
				request: post(`/reset-password/${token}`, {
					password: 'second try secret 9',
					confirmPassword: 'second try secret 9',
				}),
				context: ctx(),
				params: { token: token! },
			}),
		)
		expect(again.status).toBe(400)
		expect(
			(
				await run(() =>
					resetRoute.loader({ request: get(`/reset-password/${token}`), context: ctx(), params: { token: token! } }),
				)
			).status,
		).toBe(404)
		const login = await run(() =>
			loginRoute.action({
				request: post('/login', { identifier: '13700001234', password: 'brand new secret 9' }),
				context: ctx('10.3.2.2'),
				params: {},
			}),
		)
		expect(login.status).toBe(302)
		expect(await audits('user.password_reset', user.id)).toBe(1)
		expect(await audits('user.password_reset_request', user.id)).toBe(1)
	})

	it('answers the same for unknown accounts and writes nothing', async () => {
		const before = await countRows(test.db)
		const out = await run(() =>
			forgotRoute.action({
				request: post('/forgot-password', { identifier: 'ghost@example.com' }),
				context: ctx('10.3.3.3'),
				params: {},
			}),
		)
		expect(out.status).toBe(200)
		expect((out.data as { sent: boolean }).sent).toBe(true)
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('limits reset mails per account (3 per 15 min) whether or not the account exists', async () => {
		const statuses = []
		for (let i = 0; i < 5; i++) {
			statuses.push(
				(
					await run(() =>
						forgotRoute.action({
							request: post('/forgot-password', { identifier: 'bomb@example.com' }),
							context: ctx(`10.3.4.${i}`),
							params: {},
						}),
					)
				).status,
			)
		}
		expect(statuses).toEqual([200, 200, 200, 429, 429])
	})

	it('shows the outbox at /dev/mail outside production, to this machine or an administrator', async () => {
		const dev = await run(() =>
			devMailRoute.loader({ request: get('/dev/mail'), context: ctx('127.0.0.1'), params: {} }),
		)
		expect(dev.status).toBe(200)
		expect(JSON.stringify(dev.data)).toContain('reset-password/')
		// From another machine on the network: only for a zone administrator.
		const lan = await run(() =>
			devMailRoute.loader({ request: get('/dev/mail'), context: ctx('192.168.1.20'), params: {} }),
		)
		expect(lan.status).toBe(404)
		const admin = await createTestUser(test, { isAdmin: true })
		const asAdmin = await run(() =>
			devMailRoute.loader({
				request: get('/dev/mail', { cookie: admin.cookie }),
				context: ctx('192.168.1.20'),
				params: {},
			}),
		)
		expect(asAdmin.status).toBe(200)
		const prod = await run(() =>
			devMailRoute.loader({
				request: get('/dev/mail'),
				context: { ...ctx('127.0.0.1'), env: { ...test.env, NODE_ENV: 'production' } },
				params: {},
			}),
		)
		expect(prod.status).toBe(404)
	})
})

describe('organization registration', () => {
	it('explains a wrong USCC check character clearly, in Chinese and English', async () => {
		const user = await createTestUser(test)
		const valid = randomUscc()
		const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
		const before = await countRows(test.db)
		const out = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc: wrongCheck }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(400)
		expect(fieldErrors(out.data).uscc).toEqual(['errors.usccCheck'])
		expect(getFixedT('zh-CN', 'auth')('errors.usccCheck')).toContain('校验位不正确')
		expect(getFixedT('en', 'auth')('errors.usccCheck')).toContain('check character')
		const short = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc: '9112011' }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(fieldErrors(short.data).uscc).toEqual(['errors.usccLength'])
		const charset = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc: 'I1120116MA05X7KQ8O' }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(fieldErrors(charset.data).uscc).toEqual(['errors.usccCharset'])
		const noRole = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, roles: [], uscc: valid }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(fieldErrors(noRole.data).roles).toEqual(['errors.rolesRequired'])
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('registers a pending organization with the user as owner, one audit row and a search outbox row', async () => {
		const user = await createTestUser(test)
		// Full-width, lower case and spaces as typed on a Chinese keyboard.
		const uscc = randomUscc()
		const typed = ` ${uscc.slice(0, 9).toLowerCase()} ${uscc.slice(9)}`.replace(/[0-9]/g, (d) =>
			String.fromCharCode(d.charCodeAt(0) + 0xfee0),
		)
		const out = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc: typed }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(302)
		const me = await getOptionalUser(get('/account', { cookie: user.cookie }), ctx())
		expect(me).toMatchObject({ orgRole: 'owner', organization: { status: 'pending', roles: ['supplier', 'lessor'] } })
		const org = await test.db
			.selectFrom('organization')
			.selectAll()
			.where('id', '=', me!.organizationId!)
			.executeTakeFirstOrThrow()
		expect(org).toMatchObject({
			uscc,
			status: 'pending',
			in_zone: 1,
			area: '西区',
			contact_phone: '022-66290000',
			name_en: 'TEDA Smart Equipment Co., Ltd.',
		})
		expect(await audits('organization.register', org.id)).toBe(1)
		const outbox = await test.db
			.selectFrom('search_outbox')
			.selectAll()
			.where('entity', '=', 'organization')
			.where('entity_id', '=', org.id)
			.execute()
		expect(outbox).toHaveLength(1)
		// Pending: guards that need a verified organization say 403, role guards check roles.
		expect(
			(
				await run(() =>
					requireOrgUser(get('/supplier/products', { cookie: user.cookie }), ctx(), {
						role: 'supplier',
						verified: true,
					}),
				)
			).status,
		).toBe(403)
		expect(
			(await run(() => requireOrgUser(get('/supplier/products', { cookie: user.cookie }), ctx(), { role: 'supplier' })))
				.status,
		).toBe(200)
		expect(
			(await run(() => requireOrgUser(get('/demands/new', { cookie: user.cookie }), ctx(), { role: 'buyer' }))).status,
		).toBe(403)
		expect(await audits('access.denied')).toBeGreaterThanOrEqual(2)
		// A second registration is refused.
		const again = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc: randomUscc() }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(again.status).toBe(409)
		expect(
			(
				await run(() =>
					orgNewRoute.loader({ request: get('/org/new', { cookie: user.cookie }), context: ctx(), params: {} }),
				)
			).location,
		).toBe('/account')
		// A zone administrator verifies it: status, audit and outbox (organization and its products).
		const admin = await createTestUser(test, { isAdmin: true })
		await setOrganizationStatus(test.db, { id: admin.id, organizationId: null }, org.id, 'verified', null, {
			ip: '10.9.0.1',
		})
		expect(
			(
				await run(() =>
					requireOrgUser(get('/supplier/products', { cookie: user.cookie }), ctx(), {
						role: 'supplier',
						verified: true,
					}),
				)
			).status,
		).toBe(200)
		expect(await audits('organization.status', org.id)).toBe(1)
	})

	it('refuses a USCC that is already registered', async () => {
		const uscc = randomUscc()
		await createTestOrg(test, { uscc })
		const user = await createTestUser(test)
		const out = await run(() =>
			orgNewRoute.action({
				request: post('/org/new', { ...ORG_FIELDS, uscc }, { cookie: user.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(out.status).toBe(400)
		expect(fieldErrors(out.data).uscc).toEqual(['errors.usccTaken'])
	})

	it('sends users without an organization to /org/new and requires login for it', async () => {
		const user = await createTestUser(test)
		expect((await run(() => requireOrgUser(get('/supplier', { cookie: user.cookie }), ctx()))).location).toBe(
			'/org/new',
		)
		expect(
			(await run(() => orgNewRoute.loader({ request: get('/org/new'), context: ctx(), params: {} }))).location,
		).toBe('/login?redirectTo=%2Forg%2Fnew')
	})
})

describe('members and invitations', () => {
	it('the owner invites by a one-time link; it works once; the owner removes the member and their sessions end', async () => {
		const orgId = await createTestOrg(test, { uscc: randomUscc(), name: '泰达电机制造' })
		const owner = await createTestUser(test, { organizationId: orgId, orgRole: 'owner' })
		const colleague = await createTestUser(test, { email: 'colleague@example.com' })

		const invite = await run(() =>
			membersRoute.action({
				request: post(
					'/org/members',
					{ intent: 'invite', identifier: 'Colleague@Example.com' },
					{ cookie: owner.cookie },
				),
				context: ctx(),
				params: {},
			}),
		)
		expect(invite.status).toBe(200)
		const link = (invite.data as { link: string }).link
		expect(link).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/)
		const token = link.split('/').pop()!
		expect(await audits('organization.invite')).toBeGreaterThanOrEqual(1)

		// Someone else logged in sees that the invitation is not theirs.
		const stranger = await createTestUser(test)
		const strangerView = await run(() =>
			inviteRoute.loader({
				request: get(`/invite/${token}`, { cookie: stranger.cookie }),
				context: ctx(),
				params: { token },
			}),
		)
		expect(strangerView.data).toMatchObject({ valid: true, viewer: { state: 'wrongAccount' } })
		const strangerAccept = await run(() =>
			inviteRoute.action({
				request: post(`/invite/${token}`, { intent: 'accept' }, { cookie: stranger.cookie }),
				context: ctx(),
				params: { token },
			}),
		)
		expect(strangerAccept.status).toBe(409)

		const view = await run(() =>
			inviteRoute.loader({
				request: get(`/invite/${token}`, { cookie: colleague.cookie }),
				context: ctx(),
				params: { token },
			}),
		)
		expect(view.data).toMatchObject({ valid: true, organizationName: '泰达电机制造', viewer: { state: 'canAccept' } })
		const accept = await run(() =>
			inviteRoute.action({
				request: post(`/invite/${token}`, { intent: 'accept' }, { cookie: colleague.cookie }),
				context: ctx(),
				params: { token },
			}),
		)
		expect(accept.status).toBe(302)
		expect(await getOptionalUser(get('/', { cookie: colleague.cookie }), ctx())).toMatchObject({
			organizationId: orgId,
			orgRole: 'member',
		})

		// Used once: the link is dead now, for anyone.
		const reuse = await run(() =>
			inviteRoute.loader({
				request: get(`/invite/${token}`, { cookie: stranger.cookie }),
				context: ctx(),
				params: { token },
			}),
		)
		expect(reuse.status).toBe(404)

		// A member can't manage members.
		const memberTries = await run(() =>
			membersRoute.action({
				request: post('/org/members', { intent: 'remove', userId: String(owner.id) }, { cookie: colleague.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(memberTries.status).toBe(403)

		// The owner removes the member: they leave the organization and their sessions end.
		const before = await countRows(test.db)
		const removed = await run(() =>
			membersRoute.action({
				request: post('/org/members', { intent: 'remove', userId: String(colleague.id) }, { cookie: owner.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(removed.status).toBe(302)
		expect((await run(() => requireUser(get('/account', { cookie: colleague.cookie }), ctx()))).status).toBe(302)
		const row = await test.db
			.selectFrom('user')
			.select(['organization_id', 'org_role'])
			.where('id', '=', colleague.id)
			.executeTakeFirstOrThrow()
		expect(row).toEqual({ organization_id: null, org_role: null })
		expect(diffRows(before, await countRows(test.db))).toEqual({ session: -1, audit_event: 1 })
		expect(await audits('organization.member_remove', colleague.id)).toBe(1)

		// Removing someone of another organization (or a made-up id) is a 404 that changes nothing.
		const outsider = await run(() =>
			membersRoute.action({
				request: post('/org/members', { intent: 'remove', userId: String(stranger.id) }, { cookie: owner.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(outsider.status).toBe(404)
	})

	it('a new person signs up through the invitation and joins in one step', async () => {
		const orgId = await createTestOrg(test, { uscc: randomUscc() })
		const owner = await createTestUser(test, { organizationId: orgId, orgRole: 'owner' })
		const invite = await run(() =>
			membersRoute.action({
				request: post('/org/members', { intent: 'invite', identifier: '13600002222' }, { cookie: owner.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		const token = (invite.data as { link: string }).link.split('/').pop()!
		const anon = await run(() =>
			inviteRoute.loader({ request: get(`/invite/${token}`), context: ctx(), params: { token } }),
		)
		expect(anon.data).toMatchObject({ valid: true, who: '136****2222', viewer: { state: 'anonymous' } })
		const out = await run(() =>
			inviteRoute.action({
				request: post(`/invite/${token}`, {
					intent: 'signup',
					name: '新同事',
					password: 'joining the team 1',
					confirmPassword: 'joining the team 1',
				}),
				context: ctx('10.3.9.9'),
				params: { token },
			}),
		)
		expect(out.status).toBe(302)
		expect(await getOptionalUser(get('/', { cookie: out.cookie }), ctx())).toMatchObject({
			phone: '13600002222',
			organizationId: orgId,
			orgRole: 'member',
		})
		const revoke = await run(() =>
			membersRoute.action({
				request: post('/org/members', { intent: 'invite', identifier: 'later@example.com' }, { cookie: owner.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(revoke.status).toBe(200)
		const pending = await run(() =>
			membersRoute.loader({ request: get('/org/members', { cookie: owner.cookie }), context: ctx(), params: {} }),
		)
		const invitations = (pending.data as { invitations: Array<{ id: number; who: string }> }).invitations
		expect(invitations.map((i) => i.who)).toEqual(['l***@example.com'])
		const revoked = await run(() =>
			membersRoute.action({
				request: post(
					'/org/members',
					{ intent: 'revoke', invitationId: String(invitations[0]!.id) },
					{ cookie: owner.cookie },
				),
				context: ctx(),
				params: {},
			}),
		)
		expect(revoked.status).toBe(302)
	})
})

describe('administrators (R14)', () => {
	it('a fresh database has no users; admin:create prints a one-time password that must be changed at first login', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'rm-admin-'))
		try {
			const fresh = createDb(join(dataDir, 'renewmatch.sqlite'))
			await migrateToLatest(fresh.db)
			expect(await countUsers(fresh.db)).toBe(0)
			await fresh.db.destroy()
			const cli = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/admin-create.ts', '--email', 'Admin@TEDA.gov.cn', '--name', '工作专班'],
				{
					cwd: join(import.meta.dirname, '..', '..'),
					env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
					encoding: 'utf8',
				},
			)
			expect(cli.status, cli.stderr).toBe(0)
			expect(cli.stdout).toContain('admin@teda.gov.cn')
			const otp = /One-time password: (\S+)/.exec(cli.stdout)?.[1]
			expect(otp).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/)
			const twice = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/admin-create.ts', '--email', 'admin@teda.gov.cn'],
				{
					cwd: join(import.meta.dirname, '..', '..'),
					env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
					encoding: 'utf8',
				},
			)
			expect(twice.status).toBe(1)

			const { db } = createDb(join(dataDir, 'renewmatch.sqlite'))
			try {
				const adminCtx = { ...ctx('10.4.0.1'), db }
				const login = await run(() =>
					loginRoute.action({
						request: post('/login', { identifier: 'admin@teda.gov.cn', password: otp! }),
						context: adminCtx,
						params: {},
					}),
				)
				expect(login.status).toBe(302)
				expect(login.location).toBe('/account?mustChange=1')
				// Every other page sends the admin back until the password is changed.
				const elsewhere = await run(() => requireAdmin(get('/admin', { cookie: login.cookie }), adminCtx))
				expect(elsewhere.location).toBe('/account?mustChange=1')
				const account = await run(() =>
					accountRoute.loader({ request: get('/account', { cookie: login.cookie }), context: adminCtx, params: {} }),
				)
				expect(account.data).toMatchObject({ user: { isAdmin: true, mustChangePassword: true } })
				const change = await run(() =>
					accountRoute.action({
						request: post(
							'/account',
							{
								intent: 'changePassword',
								currentPassword: otp!,
								password: 'zone admin own pw 1',
								confirmPassword: 'zone admin own pw 1',
							},
							{ cookie: login.cookie },
						),
						context: adminCtx,
						params: {},
					}),
				)
				expect(change.status).toBe(302)
				const admin = await run(() => requireAdmin(get('/admin', { cookie: change.cookie }), adminCtx))
				expect(admin.status).toBe(200)
				expect(admin.data).toMatchObject({ isAdmin: true, mustChangePassword: false })
			} finally {
				await db.destroy()
			}
		} finally {
			rmSync(dataDir, { recursive: true, force: true })
		}
	}, 120_000)

	it('requireAdmin: 302 for anonymous, 403 (and an audit row) for a signed-in non-admin', async () => {
		expect((await run(() => requireAdmin(get('/admin'), ctx()))).status).toBe(302)
		const user = await createTestUser(test)
		expect((await run(() => requireAdmin(get('/admin/orgs', { cookie: user.cookie }), ctx()))).status).toBe(403)
		const denied = await listAuditEvents(test.db, { action: 'access.denied', limit: 1000 })
		expect(denied.filter((e) => e.actorUserId === user.id && e.objectId === '/admin/orgs')).toHaveLength(1)
	})
})
