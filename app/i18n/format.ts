import type { Locale } from './i18n.ts'

/** Integers with the locale's grouping (12,345 in both languages). */
export function formatNumber(locale: Locale, value: number): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)
}

/** Yuan as 万元 for Chinese (38.5) — the unit is added by the message. */
export function formatWan(value: number): string {
	return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(value / 10_000)
}

/** Yuan as "CNY 380,000" for English. */
export function formatCny(value: number): string {
	return new Intl.NumberFormat('en', {
		style: 'currency',
		currency: 'CNY',
		currencyDisplay: 'code',
		maximumFractionDigits: 0,
	}).format(value)
}

/** A yuan amount in the way each language reads money. */
export function formatMoney(locale: Locale, value: number): string {
	return locale === 'en' ? formatCny(value) : formatWan(value)
}

/** A date (ISO text) as 2026年11月30日 / 30 Nov 2026. */
export function formatDate(locale: Locale, iso: string): string {
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return iso
	return new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: locale === 'en' ? 'short' : 'long',
		day: 'numeric',
		timeZone: 'Asia/Shanghai',
	}).format(d)
}
