import { describe, expect, it } from 'vitest'
import { getFixedT, withSiteName } from '#app/i18n/translate.ts'

describe('withSiteName', () => {
	it('appends the site name in the page language, and falls back to Chinese for unknown locales', () => {
		const zh = getFixedT('zh-CN')('meta.siteName')
		const en = getFixedT('en')('meta.siteName')
		expect(zh).not.toBe(en)
		expect(withSiteName('zh-CN', '登录')).toBe(`登录 - ${zh}`)
		expect(withSiteName('en', 'Log in')).toBe(`Log in - ${en}`)
		expect(withSiteName('fr', '登录')).toBe(`登录 - ${zh}`)
	})
})
