import { afterEach, describe, expect, it } from 'vitest'
import { linkOrigin } from '#app/auth/request.server.ts'
import { getEnv, resetEnvForTests } from '#app/env.server.ts'

afterEach(() => {
	delete process.env.PUBLIC_URL
	resetEnvForTests()
})

describe('linkOrigin', () => {
	it('uses PUBLIC_URL when it is configured, whatever Host the request claims', () => {
		process.env.PUBLIC_URL = 'https://renewmatch.example.cn/'
		resetEnvForTests()
		expect(linkOrigin(new Request('http://evil.example/reset'), getEnv())).toBe('https://renewmatch.example.cn')
	})

	it("falls back to the request's origin", () => {
		resetEnvForTests()
		expect(linkOrigin(new Request('http://localhost:3000/reset'), getEnv())).toBe('http://localhost:3000')
	})

	it('refuses a PUBLIC_URL that is not an absolute URL at boot', () => {
		process.env.PUBLIC_URL = 'renewmatch.example.cn'
		resetEnvForTests()
		expect(() => getEnv()).toThrow(/PUBLIC_URL/)
	})
})
