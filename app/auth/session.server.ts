import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCookie, type Cookie } from '@remix-run/node'
import type { Env } from '#app/env.server.ts'
import type { Db } from '#db/schema.ts'

/**
 * Server-side sessions (RELIABILITY R1–R5). The cookie carries only a random 256-bit id, signed
 * with SESSION_SECRET (Remix createCookie: signs with the first secret, accepts every listed one,
 * so secrets rotate by prepending a new one). The `session` row holds the SHA-256 of that id, so
 * a copy of the database or a backup yields no usable cookie. Deleting rows ends sessions:
 * logout, password change, reset, disabling a user and removal from an organization do that.
 */

const DAY_MS = 24 * 60 * 60 * 1000
/** Absolute lifetime from login; the cookie's Max-Age matches it. */
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS
/** A session unused for this long ends even before its absolute expiry. */
export const SESSION_IDLE_MS = 7 * DAY_MS
/**
 * last_seen_at is refreshed at most this often, so browsing costs no write per request (R7 keeps
 * GETs free of state changes; this bookkeeping write is the one exception, about once an hour).
 */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000

const SESSION_ID_RE = /^[A-Za-z0-9_-]{43}$/

export function sessionCookieName(env: Pick<Env, 'NODE_ENV'>): string {
	// __Host- makes the browser refuse the cookie unless it is Secure, Path=/ and has no Domain.
	return env.NODE_ENV === 'production' ? '__Host-rm_session' : 'rm_session'
}

/**
 * The signing secrets, newest first: SESSION_SECRET (comma-separated for rotation) or a secret
 * generated once into DATA_DIR/session-secret, so a fresh install is safe without configuration
 * and several processes on the same DATA_DIR agree.
 */
export function loadSessionSecrets(env: Pick<Env, 'SESSION_SECRET' | 'dataDir'>): string[] {
	const fromEnv = parseSecrets(env.SESSION_SECRET)
	if (fromEnv.length > 0) return requireSecrets(fromEnv, 'SESSION_SECRET')
	const file = join(env.dataDir, 'session-secret')
	try {
		return requireSecrets(parseSecrets(readFileSync(file, 'utf8')), file)
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
	}
	mkdirSync(env.dataDir, { recursive: true })
	try {
		// 'wx': if two processes race on first start, one writes and the other reads its secret.
		writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 })
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
	}
	return requireSecrets(parseSecrets(readFileSync(file, 'utf8')), file)
}

function parseSecrets(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s.length > 0)
}

function requireSecrets(secrets: string[], source: string): string[] {
	if (secrets.length === 0) throw new Error(`${source} holds no session secret`)
	const weak = secrets.find((s) => s.length < 16)
	if (weak !== undefined) throw new Error(`${source}: every session secret needs at least 16 characters`)
	return secrets
}

const cookies = new WeakMap<object, Cookie>()

/** The session cookie for this configuration (HttpOnly, SameSite=Lax, Secure in production). */
export function getSessionCookie(env: Env): Cookie {
	let cookie = cookies.get(env)
	if (!cookie) {
		const secrets = loadSessionSecrets(env)
		cookie = createCookie(sessionCookieName(env), {
			secrets,
			httpOnly: true,
			sameSite: 'lax',
			secure: env.NODE_ENV === 'production',
			path: '/',
			maxAge: SESSION_ABSOLUTE_MS / 1000,
		})
		cookies.set(env, cookie)
	}
	return cookie
}

/** What the `session.id` column stores for a cookie's id. */
export function hashSessionId(id: string): string {
	return createHash('sha256').update(id).digest('base64url')
}

/** The session id a request's cookie carries, or null when absent, unsigned, tampered or malformed. */
export async function readSessionId(request: Request, env: Env): Promise<string | null> {
	const header = request.headers.get('Cookie')
	if (!header) return null
	let value: unknown
	try {
		value = await getSessionCookie(env).parse(header)
	} catch {
		return null
	}
	return typeof value === 'string' && SESSION_ID_RE.test(value) ? value : null
}

/** Starts a session for a user; returns the Set-Cookie header value. Always a new id (R2). */
export async function createUserSession(
	db: Db,
	env: Env,
	userId: number,
): Promise<{ sessionId: string; setCookie: string }> {
	const now = Date.now()
	const sessionId = randomBytes(32).toString('base64url')
	const nowIso = new Date(now).toISOString()
	await db
		.insertInto('session')
		.values({
			id: hashSessionId(sessionId),
			user_id: userId,
			expires_at: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
			last_seen_at: nowIso,
			created_at: nowIso,
		})
		.execute()
	// Housekeeping while we are writing anyway: this user's dead sessions.
	await db
		.deleteFrom('session')
		.where('user_id', '=', userId)
		.where((eb) =>
			eb.or([eb('expires_at', '<=', nowIso), eb('last_seen_at', '<=', new Date(now - SESSION_IDLE_MS).toISOString())]),
		)
		.execute()
	const setCookie = await getSessionCookie(env).serialize(sessionId)
	return { sessionId, setCookie }
}

export type SessionState = 'live' | 'expired'

/** Whether a session row is still usable at `now` (absolute and idle timeouts, R4). */
export function sessionState(row: { expires_at: string; last_seen_at: string }, now = Date.now()): SessionState {
	if (Date.parse(row.expires_at) <= now) return 'expired'
	if (Date.parse(row.last_seen_at) + SESSION_IDLE_MS <= now) return 'expired'
	return 'live'
}

/** Refreshes last_seen_at when it is older than the touch interval. */
export async function touchSession(db: Db, sessionKey: string, lastSeenAt: string, now = Date.now()): Promise<void> {
	if (Date.parse(lastSeenAt) + SESSION_TOUCH_INTERVAL_MS > now) return
	await db
		.updateTable('session')
		.set({ last_seen_at: new Date(now).toISOString() })
		.where('id', '=', sessionKey)
		.execute()
}

/** Ends one session by the id from its cookie. */
export async function destroySession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', hashSessionId(sessionId)).execute()
}

/** Ends one session by its stored key (expired or belonging to a disabled user). */
export async function destroySessionByKey(db: Db, sessionKey: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionKey).execute()
}

/** Ends every session of a user; returns how many there were. */
export async function destroyUserSessions(db: Db, userId: number): Promise<number> {
	const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()
	return Number(result.numDeletedRows)
}

/** A Set-Cookie value that removes the session cookie from the browser. */
export async function clearSessionCookie(env: Env): Promise<string> {
	return getSessionCookie(env).serialize('', { maxAge: 0, expires: new Date(0) })
}
