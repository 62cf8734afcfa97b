/**
 * The i18next options shared by the server (entry.server, RemixI18Next) and the browser
 * (entry.client). Chinese is the first language of every page; English is the second.
 */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** Name of the cookie and of the query parameter that choose the language. */
export const LANG_COOKIE = 'lang'
export const LANG_PARAM = 'lang'

export const i18nConfig = {
	supportedLngs: [...SUPPORTED_LOCALES],
	fallbackLng: DEFAULT_LOCALE,
	defaultNS: 'common',
	// React escapes; i18next escaping on top would show &amp; and friends.
	interpolation: { escapeValue: false },
	react: { useSuspense: false },
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/** A known locale for anything (an i18next language code, a cookie value, undefined). */
export function toLocale(value: string | null | undefined): Locale {
	if (isLocale(value)) return value
	if (value?.toLowerCase().startsWith('en')) return 'en'
	return DEFAULT_LOCALE
}
