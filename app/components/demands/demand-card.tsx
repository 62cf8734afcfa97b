import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Highlight } from '#app/components/highlight.tsx'
import { contentLang } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { PublicDemand } from '#app/models/demand.server.ts'
import type { Highlighted } from '#app/models/public-types.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { domainLabel } from './labels.ts'

/** One open demand in the public list: title, category, domain, quantity, needed-by — nothing private. */
export function DemandCard({
	demand,
	highlight,
	headingLevel = 'h3',
}: {
	demand: PublicDemand
	highlight?: { title: Highlighted; description: Highlighted }
	headingLevel?: 'h2' | 'h3'
}) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	const Heading = headingLevel
	return (
		<article className="card flex flex-col gap-2 p-4 sm:p-5">
			<Heading lang={contentLang(locale)} className="break-anywhere text-lg font-semibold text-slate-900">
				<Link to={`/demands/${demand.id}`} className="text-brand-700 hover:underline">
					<Highlight segments={highlight?.title} fallback={demand.title} />
				</Link>
			</Heading>
			<p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
				<span className="chip">
					{demand.categoryKey ? categoryLabel(demand.categoryKey, locale) : t('card.uncategorized')}
				</span>
				{demand.domain ? <span>{domainLabel(demand.domain, locale)}</span> : null}
				<span>{t('card.quantity', { count: demand.quantity })}</span>
				{demand.neededBy ? <span>{t('card.neededBy', { date: formatDate(locale, demand.neededBy) })}</span> : null}
			</p>
			{highlight?.description.length ? (
				<p lang={contentLang(locale)} className="break-anywhere line-clamp-2 text-sm text-slate-700">
					<Highlight segments={highlight.description} />
				</p>
			) : null}
			<p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
				{demand.publishedAt ? (
					<span>{t('card.published', { date: formatDate(locale, demand.publishedAt) })}</span>
				) : null}
				{demand.expiresAt ? <span>{t('card.expires', { date: formatDate(locale, demand.expiresAt) })}</span> : null}
			</p>
		</article>
	)
}
