import type { Locale } from '#app/i18n/i18n.ts'

/**
 * Money and rates on the leasing pages. Offers are reckoned to the fen, so amounts show yuan with
 * two decimals (1,234,567.89 元 / CNY 1,234,567.89) — never 万元, which would round the fen away.
 */

// Built once per language: a schedule table formats several amounts per row (see i18n/format.ts).
const FEN = {
	en: new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
	'zh-CN': new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
}
const YUAN = {
	en: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
	'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }),
}

/** Integer fen as yuan with two decimals, in the way each language writes money. */
export function formatFen(locale: Locale, fen: number): string {
	const text = FEN[locale === 'en' ? 'en' : 'zh-CN'].format(fen / 100)
	return locale === 'en' ? `CNY ${text}` : `${text} 元`
}

/** Whole yuan (programme amounts), grouped, with the unit. */
export function formatYuan(locale: Locale, yuan: number): string {
	const text = YUAN[locale === 'en' ? 'en' : 'zh-CN'].format(yuan)
	return locale === 'en' ? `CNY ${text}` : `${text} 元`
}

/** A fraction as a percentage: 0.0555 → "5.55%" (digits: decimals shown, trailing zeros kept). */
export function formatRate(rate: number | null | undefined, digits = 2): string {
	if (rate == null || !Number.isFinite(rate)) return '—'
	return `${(rate * 100).toFixed(digits)}%`
}

/** A fraction as a short percentage without needless zeros: 0.1 → "10%", 0.045 → "4.5%". */
export function formatShare(rate: number | null | undefined): string {
	if (rate == null || !Number.isFinite(rate)) return '—'
	return `${Number((rate * 100).toFixed(3))}%`
}

/** Fen as the plain yuan text an <input> holds ("1000000.5" → "1000000.50"; 0 → ""). */
export function fenToInput(fen: number | null | undefined): string {
	if (fen == null || fen === 0) return ''
	return (fen / 100).toFixed(2).replace(/\.00$/, '')
}

/** A stored fraction as the percentage an <input> holds (0.045 → "4.5"). */
export function rateToInput(rate: number | null | undefined): string {
	if (rate == null) return ''
	return String(Number((rate * 100).toFixed(4)))
}
