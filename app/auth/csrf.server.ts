/**
 * Cross-site request check for every state-changing request (RELIABILITY R8), on top of the
 * SameSite=Lax session cookie. Browsers send Sec-Fetch-Site on every request and Origin on every
 * cross-origin POST; a request with neither comes from a non-browser client, which carries no
 * victim's cookies, so it passes. Tokens would only be needed if the cookie became SameSite=None.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type OriginHeaders = {
	method: string
	/** The host the request was sent to (Host header, or the URL's host). */
	host: string | null
	origin: string | null
	secFetchSite: string | null
}

/**
 * Why a request is cross-site, or null when it may proceed. Works on plain header values so the
 * Express app can run it for all non-GET requests too (see assertSameOrigin for a Fetch Request).
 */
export function crossSiteProblem(h: OriginHeaders): 'sec-fetch-site' | 'origin' | null {
	if (SAFE_METHODS.has(h.method.toUpperCase())) return null
	const site = h.secFetchSite?.trim().toLowerCase()
	// same-origin: from our pages; none: typed or bookmarked by the person. same-site (a sibling
	// subdomain) and cross-site are refused: nothing outside this origin posts to us.
	if (site && site !== 'same-origin' && site !== 'none') return 'sec-fetch-site'
	const origin = h.origin?.trim()
	if (origin) {
		if (origin === 'null') return 'origin'
		let originHost: string
		try {
			originHost = new URL(origin).host
		} catch {
			return 'origin'
		}
		// Host only, not scheme: behind a TLS-terminating proxy the app sees http while the browser
		// says https; the host is what an attacker's page cannot fake.
		if (!h.host || originHost.toLowerCase() !== h.host.toLowerCase()) return 'origin'
	}
	return null
}

/** A 403 Response for a cross-site non-GET request, or null when it may proceed. */
export function assertSameOrigin(request: Request): Response | null {
	let host: string | null = request.headers.get('Host')
	try {
		host = new URL(request.url).host || host
	} catch {
		// keep the header
	}
	const problem = crossSiteProblem({
		method: request.method,
		host,
		origin: request.headers.get('Origin'),
		secFetchSite: request.headers.get('Sec-Fetch-Site'),
	})
	if (!problem) return null
	return new Response('Cross-site request refused 跨站请求已拒绝', {
		status: 403,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	})
}

/** Throws the 403 of assertSameOrigin; call it first in every action. */
export function requireSameOrigin(request: Request): void {
	const refused = assertSameOrigin(request)
	if (refused) throw refused
}

type ExpressLikeRequest = { method: string; hostname: string; get(name: string): string | undefined }
type ExpressLikeResponse = { status(code: number): { type(t: string): { send(body: string): unknown } } }

/**
 * The same check as Express middleware, for every non-GET before Remix runs:
 * `app.use(sameOriginMiddleware)` ahead of the request handler. The host is computed as
 * @remix-run/express builds request.url (req.hostname honours `trust proxy`, plus the port), so
 * both layers agree behind a proxy.
 */
export function sameOriginMiddleware(req: ExpressLikeRequest, res: ExpressLikeResponse, next: () => void): void {
	const port = (req.get('X-Forwarded-Host') ?? req.get('host') ?? '').split(':')[1]
	const problem = crossSiteProblem({
		method: req.method,
		host: `${req.hostname}${port ? `:${port}` : ''}`,
		origin: req.get('Origin') ?? null,
		secFetchSite: req.get('Sec-Fetch-Site') ?? null,
	})
	if (problem) {
		res.status(403).type('text/plain; charset=utf-8').send('Cross-site request refused 跨站请求已拒绝')
		return
	}
	next()
}
