import { useTranslation } from 'react-i18next'
import { toLocale, type Locale } from './i18n.ts'

/** The language the page is rendered in (works in error boundaries too, unlike the root data). */
export function useAppLocale(): Locale {
	const { i18n } = useTranslation()
	return toLocale(i18n.resolvedLanguage ?? i18n.language)
}
