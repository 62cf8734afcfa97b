import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getOptionalUser, requireUser } from '#app/auth/permissions.server.ts'
import {
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	SESSION_TOUCH_INTERVAL_MS,
	createUserSession,
	getSessionCookie,
	hashSessionId,
	loadSessionSecrets,
	readSessionId,
	sessionCookieName,
} from '#app/auth/session.server.ts'
import type { Env } from '#app/env.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { ORIGIN, appContext, createTestUser, get, run } from './helpers.ts'

let test: TestContext

beforeAll(async () => {
	test = await createTestContext()
})
afterAll(async () => {
	await test.cleanup()
})
afterEach(() => {
	vi.useRealTimers()
})

function envWith(overrides: Partial<Env>): Env {
	return { ...test.env, ...overrides }
}

/** Decodes a Remix signed cookie value: base64(JSON) + '.' + HMAC. */
function decodeCookie(setCookie: string): { payload: unknown; signature: string } {
	const value = decodeURIComponent(setCookie.split(';')[0]!.split('=').slice(1).join('='))
	const dot = value.lastIndexOf('.')
	const json = Buffer.from(value.slice(0, dot), 'base64').toString('utf8')
	return { payload: JSON.parse(json), signature: value.slice(dot + 1) }
}

describe('the session cookie (R1, R5)', () => {
	it('holds only a signed random 256-bit id; the database stores its hash, not the id', async () => {
		const user = await createTestUser(test)
		const { setCookie, sessionId } = await createUserSession(test.db, test.env, user.id)
		const { payload, signature } = decodeCookie(setCookie)
		expect(payload).toBe(sessionId)
		expect(typeof payload).toBe('string')
		expect(Buffer.from(sessionId, 'base64url')).toHaveLength(32)
		expect(signature.length).toBeGreaterThan(20)
		const rows = await test.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute()
		expect(rows.map((r) => r.id)).toContain(hashSessionId(sessionId))
		expect(rows.map((r) => r.id)).not.toContain(sessionId)
	})

	it('treats a tampered, unsigned or foreign cookie as anonymous', async () => {
		const user = await createTestUser(test)
		const ctx = appContext(test)
		expect((await getOptionalUser(get('/', { cookie: user.cookie }), ctx))?.id).toBe(user.id)
		const [name, value] = user.cookie.split('=') as [string, string]
		const raw = decodeURIComponent(value)
		const flips = [
			// one byte of the payload, one byte of the signature
			`${raw[0] === 'A' ? 'B' : 'A'}${raw.slice(1)}`,
			`${raw.slice(0, -1)}${raw.endsWith('A') ? 'B' : 'A'}`,
			raw.split('.')[0]!, // signature stripped
			`${Buffer.from(JSON.stringify('x'.repeat(43))).toString('base64')}.${raw.split('.')[1]}`,
		]
		for (const bad of flips) {
			const cookie = `${name}=${encodeURIComponent(bad)}`
			expect(await getOptionalUser(get('/', { cookie }), ctx)).toBeNull()
		}
		// A cookie signed with another secret.
		const otherEnv = envWith({ SESSION_SECRET: 'another-secret-of-enough-length' })
		const forged = await getSessionCookie(otherEnv).serialize('A'.repeat(43))
		expect(await readSessionId(get('/', { cookie: forged.split(';')[0] }), test.env)).toBeNull()
	})

	it('is HttpOnly, SameSite=Lax, Path=/, 30 days; in production Secure with the __Host- prefix', async () => {
		const user = await createTestUser(test)
		const dev = (await createUserSession(test.db, test.env, user.id)).setCookie
		const prodEnv = envWith({ NODE_ENV: 'production', SESSION_SECRET: 'production-secret-0123456789' })
		const prod = (await createUserSession(test.db, prodEnv, user.id)).setCookie
		const flags = (c: string) => c.split(';').map((p) => p.trim().toLowerCase())
		expect(dev.startsWith('rm_session=')).toBe(true)
		expect(flags(dev)).toEqual(
			expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', `max-age=${SESSION_ABSOLUTE_MS / 1000}`]),
		)
		expect(flags(dev)).not.toContain('secure')
		expect(prod.startsWith('__Host-rm_session=')).toBe(true)
		expect(flags(prod)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']))
		expect(flags(prod).some((f) => f.startsWith('domain='))).toBe(false)
		expect(sessionCookieName({ NODE_ENV: 'production' })).toBe('__Host-rm_session')
		const all = [dev, prod]
		const pct = (pred: (c: string) => boolean) => `${Math.round((100 * all.filter(pred).length) / all.length)}%`
		console.log(
			`F11 cookies: session_cookies=${all.length} httpOnly=${pct((c) => flags(c).includes('httponly'))} sameSite_lax=${pct((c) => flags(c).includes('samesite=lax'))} ` +
				`secure_in_production=${flags(prod).includes('secure') ? '100%' : '0%'} host_prefix_in_production=${prod.startsWith('__Host-') ? 'yes' : 'no'} ` +
				`payload=session-id-only max_age_days=${SESSION_ABSOLUTE_MS / 86_400_000} idle_timeout_days=${SESSION_IDLE_MS / 86_400_000}`,
		)
	})

	it('keeps accepting cookies signed with an older secret after rotation (newest first)', async () => {
		const user = await createTestUser(test)
		const before = envWith({ SESSION_SECRET: 'old-secret-aaaaaaaaaaaaaaaa' })
		const { setCookie } = await createUserSession(test.db, before, user.id)
		const after = envWith({ SESSION_SECRET: 'new-secret-bbbbbbbbbbbbbbbb,old-secret-aaaaaaaaaaaaaaaa' })
		const cookie = setCookie.split(';')[0]!
		expect((await getOptionalUser(get('/', { cookie }), { db: test.db, env: after }))?.id).toBe(user.id)
		// New cookies are signed with the new secret and are refused by a server that only knows the old one.
		const fresh = (await createUserSession(test.db, after, user.id)).setCookie.split(';')[0]!
		expect(
			await readSessionId(get('/', { cookie: fresh }), envWith({ SESSION_SECRET: 'old-secret-aaaaaaaaaaaaaaaa' })),
		).toBeNull()
		// Dropping the old secret retires its cookies.
		const retired = envWith({ SESSION_SECRET: 'new-secret-bbbbbbbbbbbbbbbb' })
		expect(await getOptionalUser(get('/', { cookie }), { db: test.db, env: retired })).toBeNull()
	})

	it('generates a secret into DATA_DIR once when SESSION_SECRET is unset (mode 0600), and refuses short secrets', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rm-secret-'))
		try {
			const first = loadSessionSecrets({ SESSION_SECRET: undefined, dataDir: dir })
			const second = loadSessionSecrets({ SESSION_SECRET: undefined, dataDir: dir })
			expect(first).toEqual(second)
			expect(first[0]!.length).toBeGreaterThanOrEqual(43)
			expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first[0])
			expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600)
			expect(() => loadSessionSecrets({ SESSION_SECRET: 'long-enough-secret-1234,short', dataDir: dir })).toThrow(
				/16 characters/,
			)
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})
})

describe('session expiry with a faked clock (R4)', () => {
	it('ends a session after 30 days even when used every day (absolute timeout)', async () => {
		const start = new Date('2030-01-01T00:00:00Z')
		vi.useFakeTimers({ toFake: ['Date'] })
		vi.setSystemTime(start)
		const user = await createTestUser(test)
		const ctx = appContext(test)
		for (let day = 1; day < 30; day++) {
			vi.setSystemTime(new Date(start.getTime() + day * 86_400_000))
			expect((await getOptionalUser(get('/account'), ctx)) === null).toBe(true) // no cookie: anonymous
			expect((await getOptionalUser(get('/account', { cookie: user.cookie }), ctx))?.id, `day ${day}`).toBe(user.id)
		}
		vi.setSystemTime(new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1000))
		const out = await run(() => requireUser(get('/account', { cookie: user.cookie }), ctx))
		expect(out.status).toBe(302)
		expect(out.location).toBe('/login?redirectTo=%2Faccount')
		expect(await test.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0)
	})

	it('ends a session unused for 7 days (idle timeout), and refreshes last_seen_at at most hourly', async () => {
		const start = new Date('2031-03-01T00:00:00Z')
		vi.useFakeTimers({ toFake: ['Date'] })
		vi.setSystemTime(start)
		const user = await createTestUser(test)
		const ctx = appContext(test)
		const lastSeen = async () =>
			(await test.db.selectFrom('session').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirst())
				?.last_seen_at
		vi.setSystemTime(new Date(start.getTime() + SESSION_TOUCH_INTERVAL_MS / 2))
		await getOptionalUser(get('/', { cookie: user.cookie }), ctx)
		expect(await lastSeen()).toBe(start.toISOString())
		const touchedAt = new Date(start.getTime() + 6 * 86_400_000)
		vi.setSystemTime(touchedAt)
		expect((await getOptionalUser(get('/', { cookie: user.cookie }), ctx))?.id).toBe(user.id)
		expect(await lastSeen()).toBe(touchedAt.toISOString())
		vi.setSystemTime(new Date(touchedAt.getTime() + SESSION_IDLE_MS - 1000))
		expect((await getOptionalUser(get('/', { cookie: user.cookie }), ctx))?.id).toBe(user.id)
		vi.setSystemTime(new Date(touchedAt.getTime() + 2 * SESSION_IDLE_MS))
		expect(await getOptionalUser(get('/', { cookie: user.cookie }), ctx)).toBeNull()
	})
})

describe('requireUser', () => {
	it('redirects anonymous requests to /login with a redirectTo back', async () => {
		const out = await run(() => requireUser(new Request(`${ORIGIN}/org/members?tab=1`), appContext(test)))
		expect(out.status).toBe(302)
		expect(out.location).toBe(`/login?redirectTo=${encodeURIComponent('/org/members?tab=1')}`)
	})
})
