import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LOCALE, LANG_COOKIE, LANG_PARAM, SUPPORTED_LOCALES, i18nConfig } from './i18n.ts'
import { resources } from './resources.ts'

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
