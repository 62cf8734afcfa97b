import { describe, expect, it } from 'vitest'
import {
	LIMITS,
	addressKey,
	consumeLimit,
	peekLimit,
	rateLimitHeaders,
	resetLimit,
} from '#app/auth/rate-limit.server.ts'

describe('rate limiter (R13)', () => {
	it('keys addresses: IPv4 as is, IPv4-mapped as IPv4, IPv6 by /64', () => {
		expect(addressKey('10.0.0.1')).toBe('10.0.0.1')
		expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1')
		expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
		expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64')
		expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64')
		expect(addressKey('::1')).toBe('0:0:0:0::/64')
	})

	it('allows the configured number of attempts per window, then reports the wait', async () => {
		const owner = { db: {} }
		for (let i = 0; i < LIMITS.loginIp.points; i++) expect(await consumeLimit(owner, 'loginIp', 'a')).toBeNull()
		const hit = await consumeLimit(owner, 'loginIp', 'a')
		expect(hit?.retryAfterSec).toBeGreaterThan(0)
		expect(hit?.retryAfterSec).toBeLessThanOrEqual(60)
		expect(rateLimitHeaders(hit!)).toMatchObject({
			'Retry-After': String(hit!.retryAfterSec),
			'RateLimit-Policy': '10;w=60',
		})
		// Another key and another owner (another server / test context) count separately.
		expect(await consumeLimit(owner, 'loginIp', 'b')).toBeNull()
		expect(await consumeLimit({ db: {} }, 'loginIp', 'a')).toBeNull()
	})

	it('peeks without counting and resets on demand', async () => {
		const owner = { db: {} }
		for (let i = 0; i < LIMITS.loginAccount.points; i++) {
			expect(await peekLimit(owner, 'loginAccount', 'u')).toBeNull()
			await consumeLimit(owner, 'loginAccount', 'u')
		}
		expect(await peekLimit(owner, 'loginAccount', 'u')).not.toBeNull()
		await resetLimit(owner, 'loginAccount', 'u')
		expect(await peekLimit(owner, 'loginAccount', 'u')).toBeNull()
	})
})
