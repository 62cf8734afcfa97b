import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { DemandStatusBadge } from '#app/components/demands/status-badge.tsx'
import { contentLang } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { listDemandsOfOrg } from '#app/models/demand.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.mine') },
	{ name: 'robots', content: 'noindex' },
]

/** The buyer organization's own demands, drafts included. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'buyer', verified: true })
	return { demands: await listDemandsOfOrg(context.db, user.organizationId) }
}

export default function MyDemandsPage() {
	const { demands } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div>
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('mine.heading')}</h1>
					<p className="mt-2 text-slate-700">{t('mine.lead')}</p>
				</div>
				<Link to="/demands/new" className="btn-primary">
					{t('mine.new')}
				</Link>
			</div>
			{demands.length === 0 ? (
				<p className="card mt-6 p-6 text-slate-700">{t('mine.empty')}</p>
			) : (
				<ul className="mt-6 space-y-3">
					{demands.map((d) => (
						<li key={d.id} className="card p-4 sm:p-5">
							<div className="flex flex-wrap items-start justify-between gap-3">
								<div className="min-w-0 flex-1">
									<h2 lang={contentLang(locale)} className="break-anywhere text-lg font-semibold">
										<Link to={`/demands/${d.id}`} className="text-brand-700 hover:underline">
											{d.title}
										</Link>
									</h2>
									<p className="mt-1 text-sm text-slate-600">
										{d.categoryKey ? categoryLabel(d.categoryKey, locale) : t('card.uncategorized')} ·{' '}
										{t('mine.updated')} {formatDate(locale, d.updatedAt)}
									</p>
								</div>
								<DemandStatusBadge status={d.status} expired={d.expired} />
							</div>
							<dl className="mt-3 grid grid-cols-4 gap-2 text-center text-sm">
								{(
									[
										['matches', d.suggestions + d.shortlisted + d.inquiries],
										['shortlisted', d.shortlisted],
										['inquiries', d.inquiries],
										['quotes', d.quotes],
									] as const
								).map(([k, n]) => (
									<div key={k} className="rounded-md bg-slate-50 px-2 py-2">
										<dt className="text-xs text-slate-600">{t(`mine.${k}`)}</dt>
										<dd className="text-lg font-semibold text-slate-900 tabular-nums">{n}</dd>
									</div>
								))}
							</dl>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
