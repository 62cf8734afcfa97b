import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express, { type Express, type Request } from 'express'
import { sameOriginMiddleware } from '../auth/csrf.server.ts'
import type { Services } from '../context.server.ts'
import { createCspNonce, securityHeaders } from './security-headers.server.ts'

type Options = {
	services: Services
	mode: 'production' | 'development' | 'test'
	/** The Remix server build, or a loader for it (Vite dev server). */
	build: ServerBuild | (() => Promise<ServerBuild>)
	/** Static client assets (production build/client). */
	clientDir?: string
	/** Connect-style middlewares mounted first (Vite in development). */
	before?: express.RequestHandler[]
	health?: () => Promise<Record<string, unknown>>
}

/** The HTTP app: security headers, static assets, health, then Remix with our load context. */
export function createExpressApp(options: Options): Express {
	const { services, mode } = options
	const app = express()
	app.disable('x-powered-by')
	// Only trust X-Forwarded-For when a proxy we run sits in front (TRUST_PROXY=hops); otherwise a
	// client could spoof its address past the rate limiter.
	app.set('trust proxy', services.env.TRUST_PROXY > 0 ? services.env.TRUST_PROXY : false)

	app.use((_req, res, next) => {
		const nonce = createCspNonce()
		res.locals.cspNonce = nonce
		for (const [k, v] of Object.entries(securityHeaders(nonce, mode))) res.setHeader(k, v)
		next()
	})
	for (const mw of options.before ?? []) app.use(mw)
	if (options.clientDir) {
		app.use('/assets', express.static(`${options.clientDir}/assets`, { immutable: true, maxAge: '1y', index: false }))
		app.use(express.static(options.clientDir, { maxAge: '1h', index: false }))
	}
	// RELIABILITY R8: every non-GET from another site is refused before Remix runs (on top of
	// SameSite=Lax cookies); actions also call requireSameOrigin for direct loader/action calls.
	app.use(sameOriginMiddleware)
	app.get('/healthz', async (_req, res) => {
		const extra = options.health ? await options.health().catch((e: unknown) => ({ error: String(e) })) : {}
		res.json({ ok: true, ...extra })
	})
	app.all(
		'*',
		createRequestHandler({
			build: options.build,
			mode,
			getLoadContext: (req: Request, res) => ({
				...services,
				cspNonce: String(res.locals.cspNonce),
				clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
			}),
		}),
	)
	return app
}
