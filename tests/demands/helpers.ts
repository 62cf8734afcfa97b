import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import type { NewOrganization } from '#db/schema.ts'
import { appContext, createTestUser, get, post, run, type Outcome } from '#tests/auth/helpers.ts'
import type { TestContext } from '#tests/helpers/context.ts'
import { insertOrganization } from '#tests/helpers/factories.ts'

/** Private values planted in every organization and demand here; no one unentitled may see any. */
export const PRIVATE = {
	buyerPerson: 'SENTINEL-PERSON-BUYER',
	buyerPhone: 'SENTINEL-TEL-BUYER-022',
	buyerEmail: 'sentinel-buyer@private.example',
	makerPerson: 'SENTINEL-PERSON-MAKER',
	makerPhone: 'SENTINEL-TEL-MAKER-022',
	makerEmail: 'sentinel-maker@private.example',
	/** 123.4567 万元: an amount no page would print by accident. */
	budgetWan: '123.4567',
	budgetYuan: '1234567',
} as const

export type Party = { orgId: number; userId: number; cookie: string; email: string | null }

/** A verified organization with contacts and one owner with a session. */
export async function createParty(
	test: TestContext,
	input: {
		roles: string[]
		name: string
		contact: 'buyer' | 'maker' | { person: string; phone: string; email: string }
		status?: NewOrganization['status']
	},
): Promise<Party> {
	const contact =
		input.contact === 'buyer'
			? { person: PRIVATE.buyerPerson, phone: PRIVATE.buyerPhone, email: PRIVATE.buyerEmail }
			: input.contact === 'maker'
				? { person: `${PRIVATE.makerPerson}-${input.name}`, phone: PRIVATE.makerPhone, email: PRIVATE.makerEmail }
				: input.contact
	const org = await insertOrganization(test.db, {
		name: input.name,
		roles: JSON.stringify(input.roles),
		status: input.status ?? 'verified',
		contact_person: contact.person,
		contact_phone: contact.phone,
		contact_email: contact.email,
	})
	const user = await createTestUser(test, { organizationId: org.id, orgRole: 'owner' })
	return { orgId: org.id, userId: user.id, cookie: user.cookie, email: user.email }
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Action = (args: ActionFunctionArgs) => Promise<unknown>

export function callLoader(
	test: TestContext,
	loader: Loader,
	path: string,
	params: Record<string, string> = {},
	cookie?: string | null,
) {
	return run(() => loader({ request: get(path, { cookie }), params, context: appContext(test) }))
}

export function callAction(
	test: TestContext,
	action: Action,
	path: string,
	fields: Record<string, string | string[] | undefined> | FormData,
	params: Record<string, string> = {},
	cookie?: string | null,
): Promise<Outcome> {
	return run(() => action({ request: post(path, fields, { cookie }), params, context: appContext(test) }))
}

/** Rows written since the connection opened: proof that a refused request changed nothing. */
export function totalChanges(test: TestContext): number {
	return Number((test.sqlite.prepare('select total_changes() as n').get() as { n: number }).n)
}

export async function auditCount(
	test: TestContext,
	filter: { action?: string; objectType?: string; objectId?: number } = {},
) {
	let q = test.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'))
	if (filter.action) q = q.where('action', '=', filter.action)
	if (filter.objectType) q = q.where('object_type', '=', filter.objectType)
	if (filter.objectId !== undefined) q = q.where('object_id', '=', String(filter.objectId))
	return Number((await q.executeTakeFirstOrThrow()).n)
}

export async function maxId(
	test: TestContext,
	table: 'audit_event' | 'notification' | 'email_outbox',
): Promise<number> {
	const r = await sql<{ n: number | null }>`select max(id) as n from ${sql.table(table)}`.execute(test.db)
	return Number(r.rows[0]?.n ?? 0)
}

/** Audit rows and notifications written after the given marks. */
export async function since(test: TestContext, marks: { audit: number; notification: number }) {
	const audits = await test.db
		.selectFrom('audit_event')
		.selectAll()
		.where('id', '>', marks.audit)
		.orderBy('id')
		.execute()
	const notes = await test.db
		.selectFrom('notification')
		.selectAll()
		.where('id', '>', marks.notification)
		.orderBy('id')
		.execute()
	return { audits, notes }
}

export async function marks(test: TestContext) {
	return { audit: await maxId(test, 'audit_event'), notification: await maxId(test, 'notification') }
}

/** Every private value that must not appear in what `json` shows. */
export function leaks(data: unknown, values: readonly string[]): string[] {
	const json = JSON.stringify(data)
	return values.filter((v) => json.includes(v))
}

/** A valid demand form (budget in 万元). */
export function demandFields(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
	return {
		intent: 'draft',
		categoryKey: 'compressor',
		keySpecs: '额定功率: 37 kW\n排气压力: 0.8 MPa',
		quantity: '6',
		minEnergyGrade: '2',
		neededBy: '2030-06-30',
		budgetMinWan: '30',
		budgetMaxWan: PRIVATE.budgetWan,
		financing: 'leasing',
		preferInZone: 'on',
		oldName: '活塞式空压机',
		oldModel: 'W-3/8',
		oldInstalledYear: '2009',
		oldQuantity: '6',
		oldEnergyGrade: '3',
		oldAnnualEnergyKwh: '120000',
		title: '更换车间老旧空压机',
		description: '车间 6 台老旧活塞式空压机需更换为一级能效永磁变频螺杆空压机，含安装调试。',
		domain: 'industry',
		expiresAt: '2030-12-31',
		...overrides,
	}
}
