import type { AppContext } from '#app/context.server.ts'
import type { Env } from '#app/env.server.ts'
import type { LinkMeta, RequestMeta } from '#app/models/account.server.ts'

/** What the account models record about a request: the client address of context.clientIp. */
export function requestMeta(context: Partial<Pick<AppContext, 'clientIp'>>): RequestMeta {
	return { ip: context.clientIp ?? null }
}

/**
 * The origin one-time links are built on. A configured PUBLIC_URL wins when the environment has
 * one; otherwise the request's own origin. Until a real mail sender exists the links only reach
 * the outbox and the development log, so a forged Host header can't send a poisoned link to
 * anyone — but set PUBLIC_URL before wiring up a mailer.
 */
export function linkOrigin(request: Request, env: Env): string {
	if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, '')
	return new URL(request.url).origin
}

/** requestMeta plus where links point and how queued mail is logged. */
export function linkMeta(
	request: Request,
	context: Pick<AppContext, 'env'> & Partial<Pick<AppContext, 'clientIp'>>,
): LinkMeta {
	return { ...requestMeta(context), origin: linkOrigin(request, context.env), mail: { mode: context.env.NODE_ENV } }
}
