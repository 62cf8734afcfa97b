import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Env } from '#app/env.server.ts'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as signupRoute from '#app/routes/signup.tsx'
import { createExpressApp } from '#app/server/express-app.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'

/**
 * The sign-in routes behind the real HTTP stack (the lead's Express app, security headers, client
 * address from the socket) with a minimal Remix build around them: what a browser would get.
 * Measures F11 for these pages and checks R13 against a spoofed X-Forwarded-For end to end.
 */

let test: TestContext
const servers: Server[] = []

const ROUTES = { login: loginRoute, signup: signupRoute, 'forgot-password': forgotRoute } as const

function minimalBuild(): ServerBuild {
	const routes: ServerBuild['routes'] = { root: { id: 'root', path: '', module: { default: () => null } } }
	const assetRoutes: ServerBuild['assets']['routes'] = {
		root: {
			id: 'root',
			path: '',
			module: '/root.js',
			hasAction: false,
			hasLoader: false,
			hasClientAction: false,
			hasClientLoader: false,
			hasErrorBoundary: false,
		},
	}
	for (const [path, mod] of Object.entries(ROUTES)) {
		const id = `routes/${path}`
		routes[id] = { id, parentId: 'root', path, module: mod as unknown as ServerBuild['routes'][string]['module'] }
		assetRoutes[id] = {
			id,
			parentId: 'root',
			path,
			module: `/${path}.js`,
			hasAction: true,
			hasLoader: true,
			hasClientAction: false,
			hasClientLoader: false,
			hasErrorBoundary: false,
		}
	}
	return {
		mode: 'production',
		entry: {
			module: {
				// The real entry renders React; these tests are about status, headers and cookies.
				default: (_request: Request, status: number, headers: Headers) => {
					headers.set('Content-Type', 'text/html; charset=utf-8')
					return new Response('<!doctype html><html lang="zh-CN"><body>ok</body></html>', { status, headers })
				},
			},
		},
		routes,
		assets: { entry: { module: '/entry.js', imports: [] }, routes: assetRoutes, url: '/manifest.js', version: 'test' },
		publicPath: '/',
		assetsBuildDirectory: '/nonexistent',
		future: {
			v3_fetcherPersist: true,
			v3_relativeSplatPath: true,
			v3_throwAbortReason: true,
			v3_singleFetch: true,
			v3_lazyRouteDiscovery: true,
		},
		isSpaMode: false,
	} as unknown as ServerBuild
}

async function start(env: Env): Promise<string> {
	const app = createExpressApp({
		services: { db: test.db, search: test.search, env },
		mode: env.NODE_ENV === 'production' ? 'production' : 'test',
		build: minimalBuild(),
		// How the lead can wire the check for every non-GET (see the report and ADR 0003).
		before: [],
	})
	const server = app.listen(0, '127.0.0.1')
	servers.push(server)
	await new Promise((r) => server.once('listening', r))
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
	test = await createTestContext()
})
afterAll(async () => {
	for (const s of servers) s.close()
	await test.cleanup()
})

function form(fields: Record<string, string>): URLSearchParams {
	return new URLSearchParams(fields)
}

describe('sign-in pages over HTTP', () => {
	it('serves every response with the security headers and a Secure __Host- session cookie in production (F11)', async () => {
		const base = await start({ ...test.env, NODE_ENV: 'production', SESSION_SECRET: 'http-test-secret-0123456789' })
		const same = { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }
		const responses: Response[] = []
		for (const path of ['/login', '/signup', '/forgot-password', '/login?redirectTo=%2Faccount'])
			responses.push(await fetch(`${base}${path}`))
		responses.push(
			await fetch(`${base}/login`, {
				method: 'POST',
				headers: same,
				body: form({ identifier: 'x', password: '' }),
				redirect: 'manual',
			}),
		)
		const signup = await fetch(`${base}/signup`, {
			method: 'POST',
			headers: same,
			body: form({
				identifier: 'http-user@example.com',
				name: '赵六',
				password: 'over http for real',
				confirmPassword: 'over http for real',
			}),
			redirect: 'manual',
		})
		responses.push(signup)
		expect(responses.slice(0, 4).map((r) => r.status)).toEqual([200, 200, 200, 200])
		expect(responses[4]!.status).toBe(400)
		expect(signup.status).toBe(302)

		const html = responses.filter((r) => r.headers.get('Content-Type')?.includes('text/html'))
		const pct = (pred: (r: Response) => boolean) =>
			`${Math.round((100 * responses.filter(pred).length) / responses.length)}%`
		const csp = (r: Response) => r.headers.get('Content-Security-Policy') ?? ''
		const checks = {
			csp_enforced: (r: Response) =>
				csp(r).includes("script-src 'nonce-") && !r.headers.has('Content-Security-Policy-Report-Only'),
			frame_ancestors: (r: Response) => csp(r).includes("frame-ancestors 'none'"),
			nosniff: (r: Response) => r.headers.get('X-Content-Type-Options') === 'nosniff',
			hsts: (r: Response) => (r.headers.get('Strict-Transport-Security') ?? '').includes('max-age='),
		}
		const cookie = signup.headers.get('Set-Cookie') ?? ''
		const flags = cookie.split(';').map((p) => p.trim().toLowerCase())
		console.log(
			`F11 headers: responses=${responses.length} html=${html.length} ` +
				Object.entries(checks)
					.map(([k, f]) => `${k}=${pct(f)}`)
					.join(' ') +
				` session_cookie=${cookie.split('=')[0]} secure=${flags.includes('secure')} httpOnly=${flags.includes('httponly')} sameSite=${flags.find((f) => f.startsWith('samesite='))?.split('=')[1]}`,
		)
		for (const check of Object.values(checks)) expect(responses.every(check)).toBe(true)
		expect(cookie.startsWith('__Host-rm_session=')).toBe(true)
		expect(flags).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']))
		expect(flags.some((f) => f.startsWith('domain='))).toBe(false)
	})

	it('refuses a cross-site form POST with 403 before Remix runs (createExpressApp mounts sameOriginMiddleware)', async () => {
		const body = () =>
			form({
				identifier: 'csrf-http@example.com',
				name: 'x',
				password: 'cross site http 1',
				confirmPassword: 'cross site http 1',
			})
		const evil = { Origin: 'https://evil.test', 'Content-Type': 'application/x-www-form-urlencoded' }
		const guarded = await start({ ...test.env, NODE_ENV: 'test' })
		expect(
			(await fetch(`${guarded}/signup`, { method: 'POST', headers: evil, body: body(), redirect: 'manual' })).status,
		).toBe(403)
		const site = { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' }
		expect(
			(await fetch(`${guarded}/signup`, { method: 'POST', headers: site, body: body(), redirect: 'manual' })).status,
		).toBe(403)
		expect(
			await test.db.selectFrom('user').select('id').where('email', '=', 'csrf-http@example.com').executeTakeFirst(),
		).toBeUndefined()
	})

	it('limits by the socket address: a spoofed X-Forwarded-For changes nothing unless TRUST_PROXY is set', async () => {
		async function burst(base: string, spoof: boolean): Promise<number[]> {
			const statuses: number[] = []
			for (let i = 0; i < 12; i++) {
				const headers: Record<string, string> = { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }
				if (spoof) headers['X-Forwarded-For'] = `198.51.100.${i}`
				const res = await fetch(`${base}/login`, {
					method: 'POST',
					headers,
					body: form({ identifier: 'not valid', password: 'x' }),
					redirect: 'manual',
				})
				statuses.push(res.status)
				if (res.status === 429) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0)
			}
			return statuses
		}
		// Fresh services per server (counters live with the services), so each burst starts at zero.
		async function serve(trustProxy: number): Promise<{ base: string; done: () => Promise<void> }> {
			const ctx = await createTestContext()
			const app = createExpressApp({
				services: { db: ctx.db, search: ctx.search, env: { ...ctx.env, TRUST_PROXY: trustProxy } },
				mode: 'test',
				build: minimalBuild(),
			})
			const server = app.listen(0, '127.0.0.1')
			servers.push(server)
			await new Promise((r) => server.once('listening', r))
			return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, done: () => ctx.cleanup() }
		}
		const direct = await serve(0)
		try {
			const spoofed = await burst(direct.base, true)
			expect(spoofed.slice(0, 10).every((s) => s === 400)).toBe(true)
			expect(spoofed.slice(10)).toEqual([429, 429])
		} finally {
			await direct.done()
		}
		// Behind one trusted proxy hop, X-Forwarded-For is the client: each address has its own count.
		const proxied = await serve(1)
		try {
			expect((await burst(proxied.base, true)).filter((s) => s === 429)).toHaveLength(0)
		} finally {
			await proxied.done()
		}
	})
})
