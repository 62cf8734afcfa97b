import { describe, expect, it } from 'vitest'
import { langCookie } from '#app/i18n/i18next.server.ts'
import { loader } from '#app/root.tsx'
import { get } from './helpers.ts'

// The root loader touches nothing but the request: a bare context is enough.
const context = { cspNonce: 'test' } as never

async function root(path: string, headers: Record<string, string> = {}) {
	const result = await loader({ request: get(path, headers), params: {}, context })
	return { locale: result.data.locale, setCookie: new Headers(result.init?.headers).get('Set-Cookie') }
}

describe('root loader: language', () => {
	it('is Chinese by default, whatever the browser says', async () => {
		expect(await root('/')).toEqual({ locale: 'zh-CN', setCookie: null })
		expect((await root('/', { 'Accept-Language': 'en-US,en;q=0.9' })).locale).toBe('zh-CN')
	})

	it('switches with ?lang= and remembers it in the lang cookie', async () => {
		const { locale, setCookie } = await root('/products?lang=en')
		expect(locale).toBe('en')
		expect(setCookie).toMatch(/^lang=/)
		expect(setCookie).toMatch(/HttpOnly/i)
		expect(setCookie).toMatch(/SameSite=Lax/i)
		const cookie = setCookie!.split(';')[0]!
		expect(await langCookie.parse(cookie)).toBe('en')
		expect((await root('/products', { Cookie: cookie })).locale).toBe('en')
		// The query wins over the cookie.
		expect((await root('/?lang=zh-CN', { Cookie: cookie })).locale).toBe('zh-CN')
	})

	it('ignores unknown languages and junk cookies', async () => {
		expect((await root('/?lang=xx')).locale).toBe('zh-CN')
		expect((await root('/?lang=%00')).locale).toBe('zh-CN')
		expect((await root('/', { Cookie: 'lang=garbage' })).locale).toBe('zh-CN')
	})
})
