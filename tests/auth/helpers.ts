import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import { createUserSession } from '#app/auth/session.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import type { TestContext } from '#tests/helpers/context.ts'
import type { Db } from '#db/schema.ts'
import { completeUscc } from '#app/models/uscc.ts'

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }

// What Remix's data() returns (single fetch); checked by shape to avoid importing a transitive package.
function isDataWithResponseInit(value: unknown): value is DataWithInit {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** A valid, unique-enough unified social credit code (Tianjin Binhai prefix). */
export function randomUscc(): string {
	let body = '91120116'
	for (let i = 0; i < 9; i++) body += USCC_ALPHABET[Math.floor(Math.random() * USCC_ALPHABET.length)]
	return completeUscc(body)
}

/**
 * Route tests call loaders and actions directly with a Request, as Remix would (CONVENTIONS.md).
 * These helpers build requests that look like the browser's (same-origin POST with Origin) and
 * read back what an action returned or threw, whatever its shape.
 */
export const ORIGIN = 'http://localhost'

export function appContext(test: TestContext, clientIp = '10.0.0.1'): AppLoadContext {
	return { db: test.db, search: test.search, env: test.env, cspNonce: 't', clientIp }
}

type Fields = Record<string, string | string[] | undefined>

export function formBody(fields: Fields): FormData {
	const fd = new FormData()
	for (const [k, v] of Object.entries(fields)) {
		if (v === undefined) continue
		for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
	}
	return fd
}

export function post(
	path: string,
	fields: Fields | FormData,
	options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Request {
	const headers = new Headers({ Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin', ...options.headers })
	if (options.cookie) headers.set('Cookie', options.cookie)
	return new Request(`${ORIGIN}${path}`, {
		method: 'POST',
		headers,
		body: fields instanceof FormData ? fields : formBody(fields),
	})
}

export function get(path: string, options: { cookie?: string | null } = {}): Request {
	const headers = new Headers()
	if (options.cookie) headers.set('Cookie', options.cookie)
	return new Request(`${ORIGIN}${path}`, { headers })
}

export type Outcome = {
	status: number
	headers: Headers
	data: unknown
	location: string | null
	setCookie: string | null
	/** name=value of the Set-Cookie, ready to send back. */
	cookie: string | null
	thrown: boolean
}

/** Runs a loader or action; a thrown Response is an outcome, any other throw propagates (a 5xx). */
export async function run(fn: () => Promise<unknown>): Promise<Outcome> {
	let value: unknown
	let thrown = false
	try {
		value = await fn()
	} catch (error) {
		if (!(error instanceof Response)) throw error
		value = error
		thrown = true
	}
	if (value instanceof Response) {
		const body = value.headers.get('Content-Type')?.includes('json') ? await value.json() : await value.text()
		return outcome(value.status, value.headers, body, thrown)
	}
	if (isDataWithResponseInit(value)) {
		return outcome(value.init?.status ?? 200, new Headers(value.init?.headers), value.data, thrown)
	}
	return outcome(200, new Headers(), value, thrown)
}

function outcome(status: number, headers: Headers, data: unknown, thrown: boolean): Outcome {
	const setCookie = headers.get('Set-Cookie')
	return {
		status,
		headers,
		data,
		location: headers.get('Location'),
		setCookie,
		cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
		thrown,
	}
}

/** Field errors of a conform reply in an action's data. */
export function fieldErrors(data: unknown): Record<string, string[] | null> {
	const result = (data as { result?: { error?: Record<string, string[] | null> } } | null)?.result
	return result?.error ?? {}
}

/** Row counts of every table, to prove a rejected request wrote nothing. */
export async function countRows(db: Db): Promise<Record<string, number>> {
	const tables = await sql<{
		name: string
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
		db,
	)
	const out: Record<string, number> = {}
	for (const { name } of tables.rows) {
		const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)
		out[name] = Number(r.rows[0]?.n ?? 0)
	}
	return out
}

export function diffRows(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
	const diff: Record<string, number> = {}
	for (const [k, v] of Object.entries(after)) if (v !== (before[k] ?? 0)) diff[k] = v - (before[k] ?? 0)
	return diff
}

let counter = 0

/** A user straight in the database (no route, no rate limit), with a session cookie if asked. */
export async function createTestUser(
	test: TestContext,
	input: {
		email?: string
		phone?: string
		password?: string
		name?: string
		isAdmin?: boolean
		organizationId?: number
		orgRole?: 'owner' | 'member'
	} = {},
): Promise<{ id: number; email: string | null; phone: string | null; password: string; cookie: string }> {
	counter += 1
	const password = input.password ?? `correct horse ${counter} battery`
	const email = input.phone ? (input.email ?? null) : (input.email ?? `user${counter}-${Date.now()}@example.com`)
	const row = await test.db
		.insertInto('user')
		.values({
			email,
			phone: input.phone ?? null,
			name: input.name ?? `测试用户${counter}`,
			password_hash: await hashPassword(password),
			is_admin: input.isAdmin ? 1 : 0,
			organization_id: input.organizationId ?? null,
			org_role: input.orgRole ?? null,
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	const { setCookie } = await createUserSession(test.db, test.env, row.id)
	return { id: row.id, email, phone: input.phone ?? null, password, cookie: setCookie.split(';')[0]! }
}

/** A verified or pending organization straight in the database. */
export async function createTestOrg(
	test: TestContext,
	input: { name?: string; roles?: string[]; status?: 'pending' | 'verified' | 'rejected' | 'disabled'; uscc: string },
): Promise<number> {
	counter += 1
	const row = await test.db
		.insertInto('organization')
		.values({
			ref: `test-org-${counter}`,
			name: input.name ?? `测试企业${counter}`,
			uscc: input.uscc,
			roles: JSON.stringify(input.roles ?? ['supplier']),
			status: input.status ?? 'verified',
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	return row.id
}
