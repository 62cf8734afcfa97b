import { createInstance, type TFunction } from 'i18next'
import { DEFAULT_LOCALE, i18nConfig, toLocale, type Locale } from './i18n.ts'
import { resources } from './resources.ts'

/**
 * One i18next instance with every bundle, initialised synchronously, for code that runs outside
 * React's tree on both sides — `meta` functions above all.
 */
const instance = createInstance()
void instance.init({ ...i18nConfig, resources, lng: DEFAULT_LOCALE, initImmediate: false })

export function getFixedT(locale: string | null | undefined, ns: string | string[] = 'common'): TFunction {
	return instance.getFixedT(toLocale(locale), ns)
}

/** A page title followed by the site's name ("登录 - 焕新撮合"), for `meta` functions. */
export function withSiteName(locale: string | null | undefined, title: string): string {
	return `${title} - ${getFixedT(locale, 'common')('meta.siteName')}`
}

type MatchLike = { id: string; data?: unknown }

/** The locale the root loader chose, from `meta`'s `matches`. */
export function localeFromMatches(matches: ReadonlyArray<MatchLike | undefined>): Locale {
	const root = matches.find((m) => m?.id === 'root')
	const data = root?.data as { locale?: string } | undefined
	return toLocale(data?.locale)
}
