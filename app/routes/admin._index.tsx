import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAdmin } from '#app/auth/permissions.server.ts'
import { AuditTable } from '#app/components/admin/audit-table.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getAdminOverview } from '#app/models/admin.server.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.overview')) },
		{ name: 'robots', content: 'noindex' },
	]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	return { overview: await getAdminOverview(context.db) }
}

function Figure({
	label,
	value,
	to,
	hint,
	highlight = false,
}: {
	label: string
	value: number
	to?: string
	hint?: string
	highlight?: boolean
}) {
	const locale = useAppLocale()
	const body = (
		<>
			<dt className="text-sm font-medium text-slate-600">{label}</dt>
			<dd className={`mt-1 text-3xl font-bold tabular-nums ${highlight ? 'text-amber-700' : 'text-slate-900'}`}>
				{formatNumber(locale, value)}
			</dd>
			{hint ? <dd className="mt-1 text-xs text-slate-600">{hint}</dd> : null}
		</>
	)
	return (
		<div className={`card p-4 ${highlight ? 'border-amber-300 bg-amber-50/60' : ''}`}>
			{to ? (
				<Link to={to} className="block hover:opacity-90">
					<dl>{body}</dl>
				</Link>
			) : (
				<dl>{body}</dl>
			)}
		</div>
	)
}

export default function AdminOverviewPage() {
	const { overview } = useLoaderData<typeof loader>()
	const { t } = useTranslation('admin')
	const o = overview
	return (
		<div className="space-y-8">
			<div>
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('overview.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('overview.intro')}</p>
			</div>
			<section aria-labelledby="queues">
				<h2 id="queues" className="text-lg font-semibold text-slate-900">
					{t('overview.queues')}
				</h2>
				<div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
					<Figure
						label={t('overview.pendingOrganizations')}
						value={o.organizations.pending}
						to="/admin/organizations?status=pending"
						highlight={o.organizations.pending > 0}
					/>
					<Figure
						label={t('overview.pendingProducts')}
						value={o.pendingProducts}
						to="/admin/products"
						highlight={o.pendingProducts > 0}
					/>
				</div>
			</section>
			<section aria-labelledby="figures">
				<h2 id="figures" className="text-lg font-semibold text-slate-900">
					{t('overview.platform')}
				</h2>
				<div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
					<Figure
						label={t('overview.verifiedOrganizations')}
						value={o.organizations.verified}
						to="/admin/organizations?status=verified"
						hint={t('overview.orgBreakdown', {
							rejected: o.organizations.rejected,
							disabled: o.organizations.disabled,
						})}
					/>
					<Figure
						label={t('overview.publishedProducts')}
						value={o.publishedProducts}
						to="/admin/products?status=published"
						hint={t('overview.publishedHint')}
					/>
					<Figure
						label={t('overview.users')}
						value={o.users.total}
						to="/admin/users"
						hint={t('overview.userBreakdown', { disabled: o.users.disabled, admins: o.users.admins })}
					/>
					<Figure label={t('overview.openDemands')} value={o.openDemands} />
				</div>
				{o.searchOutboxPending > 0 ? (
					<p className="mt-3 text-sm text-slate-600">{t('overview.outboxPending', { count: o.searchOutboxPending })}</p>
				) : null}
			</section>
			<section aria-labelledby="recent">
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="recent" className="text-lg font-semibold text-slate-900">
						{t('overview.recent')}
					</h2>
					<Link to="/admin/audit" className="link text-sm">
						{t('overview.allAudit')}
					</Link>
				</div>
				<div className="mt-3">
					<AuditTable events={o.recent} compact />
				</div>
			</section>
		</div>
	)
}
