import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { listAuditEvents } from '#app/models/audit.server.ts'
import { chinaToday } from '#app/models/leasing.server.ts'
import { appContext, createTestUser, get, post, run, type Outcome } from '#tests/auth/helpers.ts'
import type { TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertLeasingProgram, insertOrganization } from '#tests/helpers/factories.ts'

/**
 * The leasing journey's cast: two lessors, two enterprises and a leasing demand whose budget and
 * contacts are planted sentinels, so a leak shows up as a plain substring of a loader's JSON.
 */
export const SENTINEL = {
	budgetMin: 887654321,
	budgetMax: 987654321,
	person: 'SENTINEL-PERSON-乙',
	phone: 'SENTINEL-TEL-02266208888',
	email: 'sentinel-leasing@private.example',
} as const

export type Member = { id: number; orgId: number; cookie: string }

export type World = {
	lessorA: Member
	lessorB: Member
	enterprise: Member
	otherEnterprise: Member
	demandId: number
	/** B's own programme, so B can offer too. */
	programB: number
}

export function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

async function member(test: TestContext, org: Parameters<typeof insertOrganization>[1]): Promise<Member> {
	const row = await insertOrganization(test.db, org)
	const user = await createTestUser(test, { organizationId: row.id, orgRole: 'owner' })
	return { id: user.id, orgId: row.id, cookie: user.cookie }
}

export async function createWorld(test: TestContext): Promise<World> {
	const lessorA = await member(test, {
		name: '泰达融通融资租赁有限公司',
		name_en: 'TEDA Rongtong Leasing',
		roles: '["lessor"]',
	})
	const lessorB = await member(test, {
		name: '滨海汇金融资租赁有限公司',
		name_en: 'Binhai Huijin Leasing',
		roles: '["lessor"]',
	})
	const enterprise = await member(test, {
		name: '天津某汽车零部件有限公司',
		roles: '["buyer"]',
		industry: '汽车及高端装备',
		contact_person: SENTINEL.person,
		contact_phone: SENTINEL.phone,
		contact_email: SENTINEL.email,
	})
	const otherEnterprise = await member(test, { name: '天津另一家企业有限公司', roles: '["buyer"]' })
	const demand = await insertDemand(test.db, enterprise.orgId, {
		title: '更换老旧空压机，需融资租赁',
		financing: 'leasing',
		budget_min: SENTINEL.budgetMin,
		budget_max: SENTINEL.budgetMax,
		needed_by: addDays(chinaToday(), 200),
	})
	const programB = await insertLeasingProgram(test.db, lessorB.orgId, {
		name: '绿色节能设备租赁',
		categories: '["compressor","pump"]',
		amount_min: 300_000,
		amount_max: 2_000_000_000,
	})
	return { lessorA, lessorB, enterprise, otherEnterprise, demandId: demand.id, programB: programB.id }
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Action = (args: ActionFunctionArgs) => Promise<unknown>

export function load(
	test: TestContext,
	loader: Loader,
	path: string,
	params: Record<string, string> = {},
	cookie?: string,
): Promise<Outcome> {
	return run(() => loader({ request: get(path, { cookie }), context: appContext(test), params }))
}

export function act(
	test: TestContext,
	action: Action,
	path: string,
	fields: Record<string, string | string[] | undefined> | FormData,
	options: { params?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Outcome> {
	return run(() =>
		action({
			request: post(path, fields, { cookie: options.cookie, headers: options.headers }),
			context: appContext(test),
			params: options.params ?? {},
		}),
	)
}

export async function auditCount(test: TestContext, action: string, objectId?: number | string): Promise<number> {
	return (await listAuditEvents(test.db, { action, objectId, limit: 1000 })).length
}

export function totalChanges(test: TestContext): number {
	return Number((test.sqlite.prepare('select total_changes() as n').get() as { n: number }).n)
}

/** A valid offer form, in yuan and percent as a person types them. */
export function offerFields(overrides: Record<string, string> = {}): Record<string, string> {
	return {
		intent: 'send',
		equipmentPrice: '1,000,000',
		downPayment: '100000',
		termMonths: '36',
		annualRatePct: '5.5',
		deposit: '50000',
		serviceFee: '9000',
		residual: '100',
		structure: 'direct',
		frequency: 'monthly',
		method: 'annuity',
		timing: 'arrears',
		validUntil: addDays(chinaToday(), 30),
		note: '可根据设备交付进度分批起租',
		...overrides,
	}
}

/** A valid programme form. */
export function programFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
	return {
		name: '制造业设备更新直租计划',
		categories: ['compressor', 'motor'],
		amountMin: '500000',
		amountMax: '1000000000',
		termMonthsMin: '12',
		termMonthsMax: '60',
		rateMinPct: '4.5',
		rateMaxPct: '6.5',
		downPaymentMinPct: '10',
		structures: ['direct', 'saleLeaseback'],
		serviceFeePct: '1',
		depositPct: '5',
		industries: '汽车及高端装备、化工新材料',
		description: '面向区内规上工业企业的设备更新直租产品',
		...overrides,
	}
}
