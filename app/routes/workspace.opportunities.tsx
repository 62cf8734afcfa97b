import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { domainLabel } from '#app/components/demands/labels.ts'
import { ScoreBar } from '#app/components/demands/match-card.tsx'
import { ReasonList } from '#app/components/demands/reason-list.tsx'
import { contentLang } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { listOpportunities } from '#app/models/demand.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.opportunities') },
	{ name: 'robots', content: 'noindex' },
]

/** 商机: open demands that fit the supplier's published products, best first, with the reasons. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier', verified: true })
	return { opportunities: await listOpportunities(context, user.organizationId, { limit: 30 }) }
}

export default function OpportunitiesPage() {
	const { opportunities } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div className="max-w-3xl">
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('opportunities.heading')}</h1>
					<p className="mt-2 text-slate-700">{t('opportunities.lead')}</p>
				</div>
				<Link to="/workspace/inquiries" className="btn-secondary">
					{t('opportunities.inquiries')}
				</Link>
			</div>
			{opportunities.length === 0 ? (
				<p className="card mt-6 p-6 text-slate-700">{t('opportunities.empty')}</p>
			) : (
				<ol className="mt-6 space-y-4">
					{opportunities.map((o) => (
						<li key={o.demand.id} className="card p-4 sm:p-5">
							<div className="flex flex-wrap items-start justify-between gap-3">
								<div className="min-w-0 flex-[1_1_16rem]">
									<h2 lang={contentLang(locale)} className="break-anywhere text-lg font-semibold">
										<Link to={`/demands/${o.demand.id}`} className="text-brand-700 hover:underline">
											{o.demand.title}
										</Link>
									</h2>
									<p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700">
										<span className="chip">
											{o.demand.categoryKey ? categoryLabel(o.demand.categoryKey, locale) : t('card.uncategorized')}
										</span>
										{o.demand.domain ? <span>{domainLabel(o.demand.domain, locale)}</span> : null}
										<span>{t('card.quantity', { count: o.demand.quantity })}</span>
										{o.demand.neededBy ? (
											<span>{t('card.neededBy', { date: formatDate(locale, o.demand.neededBy) })}</span>
										) : null}
									</p>
									<p className="mt-1 text-sm text-slate-600">{t('opportunities.product', { name: o.product.name })}</p>
								</div>
								<div className="flex items-center gap-3 sm:flex-col sm:items-end sm:gap-1.5">
									<ScoreBar score={o.score} />
									{o.engaged ? (
										<span className="rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">
											{t('opportunities.engaged')}
										</span>
									) : null}
								</div>
							</div>
							<div className="mt-3">
								<ReasonList reasons={o.reasons} />
							</div>
						</li>
					))}
				</ol>
			)}
		</div>
	)
}
