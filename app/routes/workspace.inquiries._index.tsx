import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { MatchStatusBadge } from '#app/components/demands/status-badge.tsx'
import { contentLang } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { listMakerInquiries } from '#app/models/inquiry.server.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.inquiries') },
	{ name: 'robots', content: 'noindex' },
]

/** The inquiries a supplier's products received, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier', verified: true })
	return { inquiries: await listMakerInquiries(context.db, user.organizationId) }
}

export default function InquiriesPage() {
	const { inquiries } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div className="max-w-3xl">
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('inquiries.heading')}</h1>
					<p className="mt-2 text-slate-700">{t('inquiries.lead')}</p>
				</div>
				<Link to="/workspace/opportunities" className="btn-secondary">
					{t('nav.opportunities')}
				</Link>
			</div>
			{inquiries.length === 0 ? (
				<p className="card mt-6 p-6 text-slate-700">{t('inquiries.empty')}</p>
			) : (
				<ul className="mt-6 space-y-3">
					{inquiries.map((i) => (
						<li key={i.matchId} className="card p-4 sm:p-5">
							<div className="flex flex-wrap items-start justify-between gap-3">
								<div className="min-w-0 flex-1">
									<h2 lang={contentLang(locale)} className="break-anywhere text-lg font-semibold">
										<Link to={`/workspace/inquiries/${i.matchId}`} className="text-brand-700 hover:underline">
											{i.demand.title}
										</Link>
									</h2>
									<p className="mt-1 text-sm text-slate-700">
										{t('inquiries.product')}：{i.product.name}
									</p>
									<p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
										{i.inquiry ? (
											<span>{t('inquiry.sentAt', { date: formatDate(locale, i.inquiry.sentAt) })}</span>
										) : null}
										{i.inquiry?.quantity ? <span>{t('card.quantity', { count: i.inquiry.quantity })}</span> : null}
										{i.inquiry?.wantedDate ? (
											<span>{t('card.neededBy', { date: formatDate(locale, i.inquiry.wantedDate) })}</span>
										) : null}
										{i.messageCount > 0 ? <span>{t('inquiries.messages', { count: i.messageCount })}</span> : null}
									</p>
								</div>
								<div className="flex flex-col items-end gap-1.5">
									<MatchStatusBadge status={i.status} />
									{!i.demand.live ? (
										<span className="text-xs text-slate-600">{t('inquiries.closedDemand')}</span>
									) : null}
								</div>
							</div>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
