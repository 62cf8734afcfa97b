import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { createUserSession } from '#app/auth/session.server.ts'
import ExcelJS from 'exceljs'
import { formBody } from '#tests/auth/helpers.ts'
import type { Exp } from './route-table.ts'
import type { ActorKey, Body, World } from './world.ts'

/**
 * The machinery of the matrix: which route modules exist, how one cell (route × case × actor ×
 * method) is called the way Remix would call it, how its answer becomes a status, and which
 * tables it wrote (temp triggers: a write detector that names the table, cheaper and sharper
 * than diffing snapshots).
 */

export const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url))
export const ROOT_MODULE = fileURLToPath(new URL('../../app/root.tsx', import.meta.url))

export type RouteFile = { id: string; file: string }

/**
 * The route modules Remix's flat routes would find: `x.tsx`/`x.ts` files, and folders with a
 * `route.tsx`/`route.ts` (their other files are the route's helpers, not routes).
 */
export function listRouteFiles(dir = ROUTES_DIR): RouteFile[] {
	const out: RouteFile[] = []
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			const file = ['route.tsx', 'route.ts', 'route.jsx', 'route.js']
				.map((f) => join(dir, entry.name, f))
				.find((f) => existsSync(f))
			if (file) out.push({ id: entry.name, file })
		} else if (/\.(tsx|ts|jsx|js)$/.test(entry.name) && !/\.(test|spec)\./.test(entry.name)) {
			out.push({ id: entry.name.replace(/\.(tsx|ts|jsx|js)$/, ''), file: join(dir, entry.name) })
		}
	}
	return out.sort((a, b) => a.id.localeCompare(b.id))
}

export type RouteModule = {
	loader?: (args: LoaderFunctionArgs) => Promise<unknown>
	action?: (args: ActionFunctionArgs) => Promise<unknown>
}

export async function importRoute(file: string): Promise<RouteModule> {
	return (await import(/* @vite-ignore */ file)) as RouteModule
}

// ───────────────────────── the write detector ─────────────────────────

/** Audit rows of denials (R29) and session bookkeeping are expected writes, not changes of data. */
const UNWATCHED = new Set(['audit_event', 'session'])

/** Installs temp triggers that log every insert, update and delete on the watched tables. */
export function watchWrites(w: World): void {
	const sqlite = w.ctx.sqlite
	const tables = (
		sqlite
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
			)
			.all() as Array<{ name: string }>
	)
		.map((r) => r.name)
		.filter((t) => !UNWATCHED.has(t))
	sqlite.exec('create temp table if not exists authz_write (tbl text not null, op text not null)')
	for (const t of tables) {
		for (const op of ['insert', 'update', 'delete']) {
			sqlite.exec(
				`create temp trigger if not exists "authz_${t}_${op}" after ${op} on main."${t}" ` +
					`begin insert into authz_write (tbl, op) values ('${t}', '${op}'); end`,
			)
		}
	}
}

export function resetWrites(w: World): void {
	// Without watchWrites() the table exists but no trigger fills it: writes read as none.
	w.ctx.sqlite.exec('create temp table if not exists authz_write (tbl text not null, op text not null)')
	w.ctx.sqlite.exec('delete from temp.authz_write')
}

/** "table op×n" for every write since the last reset. */
export function readWrites(w: World): string[] {
	const rows = w.ctx.sqlite
		.prepare('select tbl, op, count(*) as n from temp.authz_write group by tbl, op order by tbl, op')
		.all() as Array<{ tbl: string; op: string; n: number }>
	return rows.map((r) => `${r.tbl} ${r.op}×${r.n}`)
}

// ───────────────────────── one cell ─────────────────────────

let ipCounter = 0

/**
 * A context of its own per call: a fresh client address keeps the sign-in rate limits (per IP)
 * out of the matrix, and it is never loopback (dev.mail answers loopback without a session).
 */
export function cellContext(w: World): AppLoadContext {
	ipCounter += 1
	const ip = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`
	return { db: w.ctx.db, search: w.ctx.search, env: w.ctx.env, cspNonce: 't', clientIp: ip }
}

export type CellResult = {
	status: number
	location: string | null
	/** What the actor received, serialized: data, body text, Location. */
	text: string
	writes: string[]
	error?: string
}

export async function cookieFor(w: World, actor: ActorKey, fresh: boolean): Promise<string | null> {
	if (actor === 'anon') return null
	if (!fresh) return w.users[actor].cookie
	const { setCookie } = await createUserSession(w.ctx.db, w.ctx.env, w.users[actor].id)
	return setCookie.split(';')[0]!
}

export async function callCell(
	w: World,
	mod: RouteModule,
	method: 'loader' | 'action',
	input: { path: string; params: Record<string, string>; cookie: string | null; fields?: Body },
): Promise<CellResult> {
	const url = `http://localhost${input.path}`
	const headers = new Headers()
	if (input.cookie) headers.set('Cookie', input.cookie)
	let request: Request
	if (method === 'loader') {
		request = new Request(url, { headers })
	} else {
		headers.set('Origin', 'http://localhost')
		headers.set('Sec-Fetch-Site', 'same-origin')
		request = new Request(url, {
			method: 'POST',
			headers,
			body: input.fields instanceof FormData ? input.fields : formBody(input.fields ?? {}),
		})
	}
	const fn = method === 'loader' ? mod.loader : mod.action
	if (!fn) throw new Error(`module has no ${method}`)
	resetWrites(w)
	try {
		const out = await settle(() => fn({ request, params: input.params, context: cellContext(w) }))
		return { ...out, text: `${out.text}\n${out.location ?? ''}`, writes: readWrites(w) }
	} catch (error) {
		// Not a Response: Remix would answer 500.
		return { status: 500, location: null, text: '', writes: readWrites(w), error: String(error) }
	}
}

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }

// What Remix's data() returns (single fetch): checked by shape, as tests/auth/helpers.ts does.
function isDataWithResponseInit(value: unknown): value is DataWithInit {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

const SPREADSHEET = /spreadsheetml|ms-excel|application\/zip|officedocument/i

/**
 * Runs a loader or action and reads what the browser would get: a returned or thrown Response
 * (its status and body — an XLSX body unzipped to its cell texts, so an export is scanned, not its
 * compressed bytes), a data() with its init.status, or plain data (200).
 */
export async function settle(
	fn: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; text: string; contentType: string | null }> {
	let value: unknown
	try {
		value = await fn()
	} catch (error) {
		if (!(error instanceof Response)) throw error
		value = error
	}
	if (value instanceof Response) {
		const contentType = value.headers.get('Content-Type')
		const text =
			contentType && SPREADSHEET.test(contentType)
				? await workbookText(new Uint8Array(await value.arrayBuffer()))
				: await value.text()
		return { status: value.status, location: value.headers.get('Location'), text, contentType }
	}
	if (isDataWithResponseInit(value)) {
		const headers = new Headers(value.init?.headers)
		return {
			status: value.init?.status ?? 200,
			location: headers.get('Location'),
			text: safeJson(value.data),
			contentType: null,
		}
	}
	return { status: 200, location: null, text: safeJson(value), contentType: null }
}

/** Every cell of every sheet of an XLSX file, as text. */
export async function workbookText(bytes: Uint8Array): Promise<string> {
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
	const out: string[] = []
	workbook.eachSheet((sheet) => {
		out.push(sheet.name)
		sheet.eachRow({ includeEmpty: false }, (row) => {
			row.eachCell({ includeEmpty: false }, (cell) => out.push(cell.text))
		})
	})
	return out.join('\t')
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? ''
	} catch {
		return String(value)
	}
}

// ───────────────────────── statuses ─────────────────────────

const LOGIN = /^\/login(\?|$)/
const ORG_NEW = /^\/org\/new(\?|$)/

export function describeResult(r: Pick<CellResult, 'status' | 'location'>): string {
	return r.status >= 300 && r.status < 400 ? `${r.status}→${r.location ?? '?'}` : String(r.status)
}

export function meets(exp: Exp, r: Pick<CellResult, 'status' | 'location'>): boolean {
	const loc = r.location ?? ''
	switch (exp) {
		case 'login':
			return r.status === 302 && LOGIN.test(loc)
		case 'orgNew':
			return r.status === 302 && ORG_NEW.test(loc)
		case 'account':
			return r.status === 302 && /^\/account(\?|$)/.test(loc)
		case 'home':
			return r.status === 302 && loc === '/'
		case 302:
			return r.status === 302 && loc !== '' && !LOGIN.test(loc) && !ORG_NEW.test(loc)
		default:
			return r.status === exp
	}
}

/** The cell expects the call to go through (and it may write). */
export function expectsSuccess(exp: Exp): boolean {
	return exp === 200 || exp === 302 || exp === 'home'
}

/** The call went through: a 2xx, or a redirect that is not a guard's. */
export function wentThrough(r: Pick<CellResult, 'status' | 'location'>): boolean {
	if (r.status >= 200 && r.status < 300) return true
	return r.status === 302 && meets(302, r) && !/^\/account(\?|$)/.test(r.location ?? '') && r.location !== '/'
}
