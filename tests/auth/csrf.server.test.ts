import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assertSameOrigin, crossSiteProblem } from '#app/auth/csrf.server.ts'

function req(method: string, headers: Record<string, string>, url = 'http://localhost/login'): Request {
	return new Request(url, { method, headers })
}

describe('same-origin check for non-GET requests (R8)', () => {
	it('lets same-origin posts, typed navigations and non-browser clients through', () => {
		expect(assertSameOrigin(req('POST', { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' }))).toBeNull()
		expect(assertSameOrigin(req('POST', { Origin: 'http://localhost' }))).toBeNull()
		expect(assertSameOrigin(req('POST', { 'Sec-Fetch-Site': 'none' }))).toBeNull()
		expect(assertSameOrigin(req('POST', {}))).toBeNull()
		// Behind a TLS-terminating proxy the app sees http; the browser says https. Same host: fine.
		expect(
			assertSameOrigin(req('POST', { Origin: 'https://renewmatch.example' }, 'http://renewmatch.example/login')),
		).toBeNull()
	})

	it('refuses cross-site and same-site (sibling subdomain) posts, and Origin: null, with a 403', () => {
		const cases: Array<Record<string, string>> = [
			{ Origin: 'https://evil.test' },
			{ 'Sec-Fetch-Site': 'cross-site' },
			{ 'Sec-Fetch-Site': 'same-site', Origin: 'http://sub.localhost' },
			{ Origin: 'null' },
			{ Origin: 'http://localhost.evil.test' },
			{ Origin: 'http://localhost:8080' },
			{ Origin: 'not a url' },
			{ Origin: 'http://localhost', 'Sec-Fetch-Site': 'cross-site' },
		]
		for (const headers of cases) {
			const res = assertSameOrigin(req('POST', headers))
			expect(res?.status, JSON.stringify(headers)).toBe(403)
		}
		for (const method of ['PUT', 'PATCH', 'DELETE'])
			expect(assertSameOrigin(req(method, { Origin: 'https://evil.test' }))?.status).toBe(403)
	})

	it('never blocks GET/HEAD (they change nothing, R7)', () => {
		expect(assertSameOrigin(req('GET', { Origin: 'https://evil.test', 'Sec-Fetch-Site': 'cross-site' }))).toBeNull()
		expect(assertSameOrigin(req('HEAD', { 'Sec-Fetch-Site': 'cross-site' }))).toBeNull()
	})

	it('accepts a POST only when its Origin names our host (property)', () => {
		fc.assert(
			fc.property(fc.webUrl(), fc.domain(), (origin, host) => {
				const problem = crossSiteProblem({ method: 'POST', host, origin, secFetchSite: null })
				const sameHost = new URL(origin).host.toLowerCase() === host.toLowerCase()
				expect(problem === null).toBe(sameHost)
			}),
			{ numRuns: 500 },
		)
	})
})

describe('sameOriginMiddleware (Express)', () => {
	it('refuses a cross-site POST before Remix runs and passes same-origin ones on', async () => {
		const express = (await import('express')).default
		const { sameOriginMiddleware } = await import('#app/auth/csrf.server.ts')
		const app = express()
		app.use(sameOriginMiddleware)
		app.all('*', (_req, res) => void res.send('ok'))
		const server = app.listen(0, '127.0.0.1')
		await new Promise((r) => server.once('listening', r))
		const { port } = server.address() as { port: number }
		const base = `http://127.0.0.1:${port}`
		try {
			expect((await fetch(`${base}/login`, { method: 'POST', headers: { Origin: 'https://evil.test' } })).status).toBe(
				403,
			)
			expect(
				(await fetch(`${base}/login`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } })).status,
			).toBe(403)
			expect((await fetch(`${base}/login`, { method: 'POST', headers: { Origin: base } })).status).toBe(200)
			expect((await fetch(`${base}/login`, { headers: { Origin: 'https://evil.test' } })).status).toBe(200)
		} finally {
			server.close()
		}
	})
})
