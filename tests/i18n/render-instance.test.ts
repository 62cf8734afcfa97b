import { createInstance } from 'i18next'
import { describe, expect, it } from 'vitest'
import { i18nConfig, SUPPORTED_LOCALES } from '#app/i18n/i18n.ts'
import { i18nForLocale, memoizeLanguageHierarchy } from '#app/i18n/i18next.server.ts'
import { namespaces, resources } from '#app/i18n/resources.ts'

function plainInstance(lng: string) {
	const instance = createInstance()
	void instance.init({ ...i18nConfig, lng, ns: namespaces, resources, initImmediate: false })
	return instance
}

// Keys with plurals, interpolation, nesting and a fallback-only key.
const samples: Array<[string, Record<string, unknown>?]> = [
	['common:leadTime', { count: 1 }],
	['common:leadTime', { count: 30 }],
	['common:badge.energyGrade', { grade: 2 }],
	['products:results.count', { count: 1255 }],
	['products:results.forQuery', { q: '空压机' }],
	['products:heading'],
	['common:kind.service'],
	['products:no.such.key'],
]

describe('the render instances (one per language)', () => {
	it('are ready at once, one per language, and keep their language', () => {
		for (const locale of SUPPORTED_LOCALES) {
			const instance = i18nForLocale(locale)
			expect(instance.isInitialized).toBe(true)
			expect(instance.language).toBe(locale)
			expect(i18nForLocale(locale)).toBe(instance)
		}
		expect(i18nForLocale('en')).not.toBe(i18nForLocale('zh-CN'))
		expect(i18nForLocale('en').t('common:kind.service')).not.toBe(i18nForLocale('zh-CN').t('common:kind.service'))
	})

	it('translate exactly like a plain i18next instance, with the hierarchy memoised', () => {
		for (const locale of SUPPORTED_LOCALES) {
			const plain = plainInstance(locale)
			const fast = i18nForLocale(locale)
			for (const [key, options] of samples) expect(fast.t(key, options)).toBe(plain.t(key, options))
			// The memo is really installed (an i18next upgrade that renames the internal shows up here).
			const utils = (fast.services as unknown as { languageUtils: { toResolveHierarchy: unknown } }).languageUtils
			const plainUtils = (plain.services as unknown as { languageUtils: { toResolveHierarchy: unknown } }).languageUtils
			expect(utils.toResolveHierarchy).not.toBe(plainUtils.toResolveHierarchy)
		}
	})

	it('still honours an explicit fallback when asked for a hierarchy', () => {
		const instance = plainInstance('zh-CN')
		memoizeLanguageHierarchy(instance)
		const utils = (instance.services as unknown as { languageUtils: { toResolveHierarchy(c: string, f?: string): string[] } })
			.languageUtils
		expect(utils.toResolveHierarchy('zh-CN')).toEqual(['zh-CN'])
		expect(utils.toResolveHierarchy('en', 'zh-CN')).toEqual(['en', 'zh-CN'])
	})
})
