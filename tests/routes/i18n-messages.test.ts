import { describe, expect, it } from 'vitest'
import { SUPPORTED_LOCALES } from '#app/i18n/i18n.ts'
import { namespaces, resources } from '#app/i18n/resources.ts'
import { getFixedT } from '#app/i18n/translate.ts'

/** Every key path of a nested message object, with plural suffixes folded (count_one → count). */
function keys(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix]
	if (!value || typeof value !== 'object') return [`${prefix}<not a string>`]
	return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const fold = (list: string[]) => [...new Set(list.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort()

describe('message bundles (app/i18n/locales/<locale>/<namespace>.ts)', () => {
	it('exist for every namespace in every locale, with the same keys', () => {
		expect(namespaces).toEqual(expect.arrayContaining(['common', 'home', 'products', 'suppliers', 'policy']))
		for (const ns of namespaces) {
			const [first, ...rest] = SUPPORTED_LOCALES.map((lng) => fold(keys(resources[lng]?.[ns])))
			for (const other of rest) expect(other, `namespace ${ns}`).toEqual(first)
		}
	})

	it('has no empty messages', () => {
		for (const lng of SUPPORTED_LOCALES) {
			for (const ns of namespaces) {
				const flat = keys(resources[lng]?.[ns])
				const t = getFixedT(lng, ns)
				for (const k of flat) expect(t(k), `${lng}/${ns}:${k}`).not.toBe('')
			}
		}
	})

	it('formats counts and plurals per language', () => {
		expect(getFixedT('en', 'products')('results.count', { count: 1 })).toBe('1 result')
		expect(getFixedT('en', 'products')('results.count', { count: 12345 })).toBe('12,345 results')
		expect(getFixedT('zh-CN', 'products')('results.count', { count: 12345 })).toBe('共 12,345 项')
		expect(getFixedT('en', 'common')('leadTime', { count: 1 })).toBe('Lead time 1 day')
		expect(getFixedT('zh-CN', 'common')('leadTime', { count: 30 })).toBe('交货期 30 天')
	})
})
