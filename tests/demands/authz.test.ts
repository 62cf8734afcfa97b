import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as pageRoute from '#app/routes/demands.$id.tsx'
import * as editRoute from '#app/routes/demands.$id_.edit.tsx'
import * as attachmentRoute from '#app/routes/demands.$id_.quotes.$quoteId.attachment.ts'
import * as listRoute from '#app/routes/demands._index.tsx'
import * as newRoute from '#app/routes/demands.new.tsx'
import * as myRoute from '#app/routes/my.demands.tsx'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as inquiryRoute from '#app/routes/workspace.inquiries.$matchId.tsx'
import * as inquiriesRoute from '#app/routes/workspace.inquiries._index.tsx'
import * as opportunitiesRoute from '#app/routes/workspace.opportunities.tsx'
import { appContext, createTestUser, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertProduct } from '#tests/helpers/factories.ts'
import { createParty, demandFields, totalChanges } from './helpers.ts'

/**
 * RELIABILITY R15: the matrix of who may do what on every route this area adds — anonymous, a
 * person without an organization, the owner buyer, another buyer, a supplier, a buyer whose
 * organization is still pending, and an administrator (no organization) — for GET and POST.
 * Cross-site POSTs are refused for everyone (R8) and write nothing.
 */

const ROLES = ['anon', 'noOrg', 'buyer', 'buyer2', 'supplier', 'pending', 'admin'] as const
type Role = (typeof ROLES)[number]

let test: TestContext
const cookies = {} as Record<Role, string | null>
const ids = { open: 0, draft: 0, inquired: 0 }

beforeAll(async () => {
	test = await createTestContext()
	const buyer = await createParty(test, { roles: ['buyer'], name: '矩阵买方', contact: 'buyer' })
	const buyer2 = await createParty(test, { roles: ['buyer'], name: '矩阵买方二', contact: 'buyer' })
	const supplier = await createParty(test, { roles: ['supplier'], name: '矩阵卖方', contact: 'maker' })
	const pending = await createParty(test, { roles: ['buyer'], name: '待审核买方', contact: 'buyer', status: 'pending' })
	cookies.anon = null
	cookies.noOrg = (await createTestUser(test)).cookie
	cookies.buyer = buyer.cookie
	cookies.buyer2 = buyer2.cookie
	cookies.supplier = supplier.cookie
	cookies.pending = pending.cookie
	cookies.admin = (await createTestUser(test, { isAdmin: true })).cookie
	ids.open = (await insertDemand(test.db, buyer.orgId, { expires_at: '2099-12-31' })).id
	ids.draft = (await insertDemand(test.db, buyer.orgId, { status: 'draft', published_at: null })).id
	const p = await insertProduct(test.db, supplier.orgId)
	ids.inquired = (
		await test.db
			.insertInto('match')
			.values({
				demand_id: ids.open,
				product_id: p.id,
				score: 0.6,
				status: 'inquiry_sent',
				inquiry_sent_at: new Date().toISOString(),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id
})

afterAll(async () => {
	await test.cleanup()
})

type Row = {
	name: string
	expect: Record<Role, number>
	call: (cookie: string | null, headers?: Record<string, string>) => Promise<unknown>
}

const loaderCall =
	(
		loader: (a: LoaderFunctionArgs) => Promise<unknown>,
		path: () => string,
		params: () => Record<string, string> = () => ({}),
	) =>
	(cookie: string | null) =>
		loader({ request: get(path(), { cookie }), params: params(), context: appContext(test) })

const actionCall =
	(
		action: (a: ActionFunctionArgs) => Promise<unknown>,
		path: () => string,
		fields: () => Record<string, string | undefined>,
		params: () => Record<string, string> = () => ({}),
	) =>
	(cookie: string | null, headers?: Record<string, string>) =>
		action({ request: post(path(), fields(), { cookie, headers }), params: params(), context: appContext(test) })

// 302 for anonymous (to /login) and people without an organization (to /org/new); admins have none.
const signedOutOrNoOrg = { anon: 302, noOrg: 302, admin: 302 } as const

const GETS: Row[] = [
	{
		name: 'GET /demands',
		expect: { anon: 200, noOrg: 200, buyer: 200, buyer2: 200, supplier: 200, pending: 200, admin: 200 },
		call: loaderCall(listRoute.loader, () => '/demands'),
	},
	{
		name: 'GET /demands/:open',
		expect: { anon: 200, noOrg: 200, buyer: 200, buyer2: 200, supplier: 200, pending: 200, admin: 200 },
		call: loaderCall(
			pageRoute.loader,
			() => `/demands/${ids.open}`,
			() => ({ id: String(ids.open) }),
		),
	},
	{
		name: 'GET /demands/:draft',
		expect: { anon: 404, noOrg: 404, buyer: 200, buyer2: 404, supplier: 404, pending: 404, admin: 200 },
		call: loaderCall(
			pageRoute.loader,
			() => `/demands/${ids.draft}`,
			() => ({ id: String(ids.draft) }),
		),
	},
	{
		name: 'GET /demands/new',
		expect: { ...signedOutOrNoOrg, buyer: 200, buyer2: 200, supplier: 403, pending: 403 },
		call: loaderCall(newRoute.loader, () => '/demands/new'),
	},
	{
		name: 'GET /demands/:id/edit',
		expect: { ...signedOutOrNoOrg, buyer: 200, buyer2: 404, supplier: 403, pending: 403 },
		call: loaderCall(
			editRoute.loader,
			() => `/demands/${ids.open}/edit`,
			() => ({ id: String(ids.open) }),
		),
	},
	{
		name: 'GET /my/demands',
		expect: { ...signedOutOrNoOrg, buyer: 200, buyer2: 200, supplier: 403, pending: 403 },
		call: loaderCall(myRoute.loader, () => '/my/demands'),
	},
	{
		name: 'GET /workspace/opportunities',
		expect: { ...signedOutOrNoOrg, buyer: 403, buyer2: 403, supplier: 200, pending: 403 },
		call: loaderCall(opportunitiesRoute.loader, () => '/workspace/opportunities'),
	},
	{
		name: 'GET /workspace/inquiries',
		expect: { ...signedOutOrNoOrg, buyer: 403, buyer2: 403, supplier: 200, pending: 403 },
		call: loaderCall(inquiriesRoute.loader, () => '/workspace/inquiries'),
	},
	{
		name: 'GET /workspace/inquiries/:matchId',
		expect: { ...signedOutOrNoOrg, buyer: 403, buyer2: 403, supplier: 200, pending: 403 },
		call: loaderCall(
			inquiryRoute.loader,
			() => `/workspace/inquiries/${ids.inquired}`,
			() => ({ matchId: String(ids.inquired) }),
		),
	},
	{
		name: 'GET /notifications',
		expect: { anon: 302, noOrg: 200, buyer: 200, buyer2: 200, supplier: 200, pending: 200, admin: 200 },
		call: loaderCall(notificationsRoute.loader, () => '/notifications'),
	},
	{
		name: 'GET attachment',
		expect: { anon: 302, noOrg: 404, buyer: 404, buyer2: 404, supplier: 404, pending: 404, admin: 404 },
		call: loaderCall(
			attachmentRoute.loader,
			() => `/demands/${ids.open}/quotes/1/attachment`,
			() => ({ id: String(ids.open), quoteId: '1' }),
		),
	},
]

const POSTS: Row[] = [
	{
		name: 'POST /demands/new',
		expect: { ...signedOutOrNoOrg, buyer: 302, buyer2: 302, supplier: 403, pending: 403 },
		call: actionCall(
			newRoute.action,
			() => '/demands/new',
			() => demandFields(),
		),
	},
	{
		name: 'POST /demands/:open publish',
		expect: { ...signedOutOrNoOrg, buyer: 409, buyer2: 404, supplier: 403, pending: 403 },
		call: actionCall(
			pageRoute.action,
			() => `/demands/${ids.open}`,
			() => ({ intent: 'publish' }),
			() => ({ id: String(ids.open) }),
		),
	},
	{
		name: 'POST /demands/:open report',
		expect: { ...signedOutOrNoOrg, buyer: 403, buyer2: 403, supplier: 302, pending: 403 },
		call: actionCall(
			pageRoute.action,
			() => `/demands/${ids.open}`,
			() => ({ intent: 'report', reason: '疑似虚假需求' }),
			() => ({ id: String(ids.open) }),
		),
	},
	{
		name: 'POST /demands/:id/edit',
		expect: { ...signedOutOrNoOrg, buyer: 302, buyer2: 404, supplier: 403, pending: 403 },
		call: actionCall(
			editRoute.action,
			() => `/demands/${ids.draft}/edit`,
			() => demandFields(),
			() => ({ id: String(ids.draft) }),
		),
	},
	{
		name: 'POST /workspace/inquiries/:matchId message',
		expect: { ...signedOutOrNoOrg, buyer: 403, buyer2: 403, supplier: 302, pending: 403 },
		call: actionCall(
			inquiryRoute.action,
			() => `/workspace/inquiries/${ids.inquired}`,
			() => ({ intent: 'message', body: '您好' }),
			() => ({ matchId: String(ids.inquired) }),
		),
	},
	{
		name: 'POST /notifications readAll',
		expect: { anon: 302, noOrg: 302, buyer: 302, buyer2: 302, supplier: 302, pending: 302, admin: 302 },
		call: actionCall(
			notificationsRoute.action,
			() => '/notifications',
			() => ({ intent: 'readAll' }),
		),
	},
]

describe('authorization matrix (R15)', () => {
	it('every GET answers each role as expected, and writes nothing but the audit row of a denial (R7)', async () => {
		const got: Record<string, Record<Role, number>> = {}
		for (const row of GETS) {
			got[row.name] = {} as Record<Role, number>
			for (const role of ROLES) {
				const before = totalChanges(test)
				const status = (await run(() => row.call(cookies[role]) as Promise<unknown>)).status
				got[row.name]![role] = status
				expect(totalChanges(test) - before, `${row.name} as ${role}`).toBe(status === 403 ? 1 : 0)
			}
		}
		expect(got).toEqual(Object.fromEntries(GETS.map((r) => [r.name, r.expect])))
	})

	it('every POST answers each role as expected', async () => {
		const got: Record<string, Record<Role, number>> = {}
		for (const row of POSTS) {
			got[row.name] = {} as Record<Role, number>
			for (const role of ROLES)
				got[row.name]![role] = (await run(() => row.call(cookies[role]) as Promise<unknown>)).status
		}
		expect(got).toEqual(Object.fromEntries(POSTS.map((r) => [r.name, r.expect])))
	})

	it('refuses every cross-site POST for every role, writing nothing (R8)', async () => {
		for (const row of POSTS) {
			for (const role of ROLES) {
				const before = totalChanges(test)
				const out = await run(
					() =>
						row.call(cookies[role], {
							Origin: 'https://evil.test',
							'Sec-Fetch-Site': 'cross-site',
						}) as Promise<unknown>,
				)
				expect(out.status, `${row.name} as ${role}`).toBe(403)
				expect(totalChanges(test) - before).toBe(0)
			}
		}
	})
})
