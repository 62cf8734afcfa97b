import { useTranslation } from 'react-i18next'
import { formatNumber, formatWan } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'

/** A per-unit price range: "38–45 万元" in Chinese, "CNY 380,000–450,000" in English. */
export function PriceBand({
	min,
	max,
	className = '',
}: {
	min: number | null
	max: number | null
	className?: string
}) {
	const { t } = useTranslation()
	const locale = useAppLocale()
	const fmt = (n: number) => (locale === 'en' ? formatNumber('en', n) : formatWan(n))
	let text: string
	if (min != null && max != null && max > min) text = t('price.range', { min: fmt(min), max: fmt(max) })
	else if (min != null && max != null) text = t('price.single', { min: fmt(min) })
	else if (min != null) text = t('price.from', { min: fmt(min) })
	else if (max != null) text = t('price.upTo', { max: fmt(max) })
	else text = t('price.onRequest')
	return <span className={className}>{text}</span>
}
