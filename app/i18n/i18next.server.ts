import { createCookie } from '@remix-run/node'
import { createInstance, type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LOCALE, LANG_COOKIE, LANG_PARAM, SUPPORTED_LOCALES, i18nConfig, type Locale } from './i18n.ts'
import { namespaces, resources } from './resources.ts'

/**
 * The chosen language, remembered for a year. Not httpOnly-sensitive data, and not `secure`:
 * it is a display preference that must also survive plain-HTTP demo installs.
 */
export const langCookie = createCookie(LANG_COOKIE, {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

/**
 * Language detection: `?lang=` first (the header's switch links), then the cookie, then Chinese.
 * The browser's Accept-Language is deliberately not consulted: Chinese is every page's first
 * language, and a page must not change language depending on who shares the link.
 */
export const i18nServer = new RemixI18Next({
	detection: {
		supportedLanguages: [...SUPPORTED_LOCALES],
		fallbackLanguage: DEFAULT_LOCALE,
		cookie: langCookie,
		searchParamKey: LANG_PARAM,
		order: ['searchParams', 'cookie'],
	},
	i18next: { ...i18nConfig, resources },
})

const renderInstances = new Map<Locale, i18n>()

/**
 * The i18next instance that renders pages in `locale`: one per language for the life of the
 * process, every namespace loaded, initialised synchronously (the bundles are in memory). Safe to
 * share between concurrent requests because its language never changes — a request in the other
 * language gets the other instance. Building one per request cost ~1 ms of every page.
 */
export function i18nForLocale(locale: Locale): i18n {
	let instance = renderInstances.get(locale)
	if (!instance) {
		instance = createInstance()
		void instance.use(initReactI18next).init({ ...i18nConfig, lng: locale, ns: namespaces, resources, initImmediate: false })
		memoizeLanguageHierarchy(instance)
		renderInstances.set(locale, instance)
	}
	return instance
}

/**
 * i18next recomputes a language's fallback hierarchy on every `t()`, calling
 * `Intl.getCanonicalLocales('zh-CN')` each time: a third of each call's cost, and a page makes
 * hundreds of calls. The hierarchy of a fixed language never changes, so remember it. If a future
 * i18next renames this internal, the guard leaves the instance as it is (slower, still correct);
 * tests/i18n compares a memoised instance with a plain one.
 */
export function memoizeLanguageHierarchy(instance: i18n): void {
	const utils = (instance.services as { languageUtils?: { toResolveHierarchy?: unknown } }).languageUtils
	if (!utils || typeof utils.toResolveHierarchy !== 'function') return
	const compute = utils.toResolveHierarchy.bind(utils) as (code: unknown, fallback?: unknown) => string[]
	const known = new Map<string, string[]>()
	utils.toResolveHierarchy = (code: unknown, fallback?: unknown): string[] => {
		if (fallback !== undefined || typeof code !== 'string') return compute(code, fallback)
		let codes = known.get(code)
		if (!codes) {
			codes = compute(code)
			if (known.size < 16) known.set(code, codes)
		}
		return codes
	}
}
