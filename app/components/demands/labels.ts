import { formatCny, formatWan } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/i18n.ts'
import { DEMAND_DOMAINS } from '#app/models/taxonomy.ts'

/** A demand domain in the page's language (工业 / Industry); unknown keys as stored. */
export function domainLabel(key: string | null, locale: Locale): string {
	const d = DEMAND_DOMAINS.find((x) => x.key === key)
	if (!d) return key ?? ''
	return locale === 'en' ? d.en : d.zh
}

/** The department responsible for a domain (plan item 17). */
export function domainDepartment(key: string | null, locale: Locale): string | null {
	const d = DEMAND_DOMAINS.find((x) => x.key === key)
	if (!d) return null
	return locale === 'en' ? d.deptEn : d.deptZh
}

/** Whole-demand money: "60 万元" in Chinese, "CNY 600,000" in English. */
export function money(locale: Locale, yuan: number): string {
	return locale === 'en' ? formatCny(yuan) : `${formatWan(yuan)} 万元`
}

/** A score in 0..1 as a whole percentage. */
export function percent(score: number): number {
	return Math.round(Math.max(0, Math.min(1, score)) * 100)
}
