import { isIP } from 'node:net'
import { data } from '@remix-run/node'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/**
 * Brute-force limits on the sign-in forms (RELIABILITY R13), per client address and per account.
 * The address is `context.clientIp`, which the Express app takes from the socket, or from
 * X-Forwarded-For only when TRUST_PROXY says a proxy of ours sets it; a header the client sends
 * itself never reaches this module, so it can't reset a limit.
 *
 * Counters live in the process (rate-limiter-flexible's memory store): the zero-setup default runs
 * one web process. Several processes behind a load balancer share counters by swapping the store
 * for RateLimiterSQLite/RateLimiterPostgres in createLimiters below; nothing else changes.
 */
export type LimitSpec = { points: number; durationSec: number }

export const LIMITS = {
	/** Every POST to /login from one address: Epic Stack's 10 per minute on auth paths. */
	loginIp: { points: 10, durationSec: 60 },
	/** Failed logins of one account from anywhere; a success clears it. */
	loginAccount: { points: 10, durationSec: 15 * 60 },
	signupIp: { points: 10, durationSec: 60 },
	/** Sign-up attempts for one email/phone (enumeration and signup-flooding of one identifier). */
	signupAccount: { points: 5, durationSec: 15 * 60 },
	resetIp: { points: 10, durationSec: 60 },
	/** Reset links sent to one account: stops mail/SMS bombing of a person. */
	resetAccount: { points: 3, durationSec: 15 * 60 },
	/** Wrong current passwords on the account page (a stolen session guessing the password). */
	changePasswordUser: { points: 10, durationSec: 15 * 60 },
} as const satisfies Record<string, LimitSpec>

export type LimitName = keyof typeof LIMITS
type Limiters = Record<LimitName, RateLimiterMemory>

/**
 * Counters belong to the services of a process, keyed by its database handle (the context object
 * itself is rebuilt for every request): a server counts once, and each test file on its own.
 */
export type LimitOwner = { db: object }

const byOwner = new WeakMap<object, Limiters>()

function createLimiters(): Limiters {
	const entries = Object.entries(LIMITS).map(([name, spec]) => [
		name,
		new RateLimiterMemory({ keyPrefix: name, points: spec.points, duration: spec.durationSec }),
	])
	return Object.fromEntries(entries) as Limiters
}

function limitersFor(owner: LimitOwner): Limiters {
	let limiters = byOwner.get(owner.db)
	if (!limiters) {
		limiters = createLimiters()
		byOwner.set(owner.db, limiters)
	}
	return limiters
}

/**
 * The key for an address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64, since one
 * subscriber usually holds a whole /64 and could otherwise rotate addresses past the limit.
 */
export function addressKey(ip: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
	if (mapped) return mapped[1]!
	if (isIP(ip) !== 6) return ip
	return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`
}

function expandIpv6(ip: string): string[] {
	const [head = '', tail] = ip.split('::')
	const h = head ? head.split(':') : []
	const t = tail ? tail.split(':') : []
	const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0')
	return [...h, ...fill, ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
}

export type Limited = { limit: LimitName; retryAfterSec: number; points: number; durationSec: number }

/** Counts one attempt; returns null when allowed, or how long to wait. */
export async function consumeLimit(
	owner: LimitOwner,
	limit: LimitName,
	key: string,
	points = 1,
): Promise<Limited | null> {
	try {
		await limitersFor(owner)[limit].consume(key, points)
		return null
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) return limited(limit, rejection)
		throw rejection
	}
}

/** Whether a key is already over its limit, without counting (checked before costly work). */
export async function peekLimit(owner: LimitOwner, limit: LimitName, key: string): Promise<Limited | null> {
	const res = await limitersFor(owner)[limit].get(key)
	if (!res || res.consumedPoints < LIMITS[limit].points) return null
	return limited(limit, res)
}

/** Forgets a key's count (a successful login clears its account's failures). */
export async function resetLimit(owner: LimitOwner, limit: LimitName, key: string): Promise<void> {
	await limitersFor(owner)[limit].delete(key)
}

function limited(limit: LimitName, res: RateLimiterRes): Limited {
	const spec = LIMITS[limit]
	return {
		limit,
		retryAfterSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
		points: spec.points,
		durationSec: spec.durationSec,
	}
}

/** Retry-After plus the IETF RateLimit fields, for a 429. */
export function rateLimitHeaders(hit: Limited): Record<string, string> {
	return {
		'Retry-After': String(hit.retryAfterSec),
		'RateLimit-Policy': `${hit.points};w=${hit.durationSec}`,
		RateLimit: `limit=${hit.points}, remaining=0, reset=${hit.retryAfterSec}`,
	}
}

/**
 * A 429 that still renders the form: conform's reply with a form-level message and the wait.
 * `reply` is the submission's reply function (or a plain object for forms without one).
 */
export function tooManyRequests<T>(body: T, hit: Limited) {
	return data(body, { status: 429, headers: rateLimitHeaders(hit) })
}

const FORWARDED_HEADERS = ['Retry-After', 'RateLimit', 'RateLimit-Policy'] as const

/**
 * A route's `headers` export: on a document request (a form posted without JavaScript) Remix only
 * keeps an action's Set-Cookie unless the route says otherwise, so a 429 would lose Retry-After.
 * Parent headers pass through; Remix adds every Set-Cookie itself.
 */
export function rateLimitRouteHeaders({
	actionHeaders,
	loaderHeaders,
	parentHeaders,
}: {
	actionHeaders: Headers
	loaderHeaders: Headers
	parentHeaders: Headers
}): Headers {
	const headers = new Headers()
	for (const [name, value] of parentHeaders) if (name.toLowerCase() !== 'set-cookie') headers.set(name, value)
	for (const source of [loaderHeaders, actionHeaders]) {
		for (const name of FORWARDED_HEADERS) {
			const value = source.get(name)
			if (value) headers.set(name, value)
		}
	}
	return headers
}
