import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#app/components/workspace/status-badge.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { getWorkspaceDashboard } from '#app/models/workspace-product.server.ts'
import { PRODUCT_STATUSES } from '#app/models/workspace-product.schema.ts'

export const handle = { i18n: ['workspace'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'workspace')('meta.dashboard')) }]
}

// Every organization has a workspace; the products part is a supplier's. A lessor-only
// organization lands here too, and is pointed at its leasing workspace.
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context)
	const org = user.organization
	const dashboard = org.roles.includes('supplier') ? await getWorkspaceDashboard(context.db, user.organizationId) : null
	return { org: { name: org.name, pending: org.status !== 'verified', roles: org.roles }, dashboard }
}

export default function WorkspaceDashboardPage() {
	const { org, dashboard } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['workspace', 'common'])
	if (!dashboard) {
		return (
			<WorkspaceShell orgName={org.name} orgPending={org.pending} title={t('nav.heading')} roles={org.roles}>
				<div className="card space-y-4 p-5 sm:p-6">
					<p className="text-slate-700">{t('dashboard.notSupplier')}</p>
					{org.roles.includes('lessor') ? (
						<Link to="/workspace/leasing" className="btn-primary">
							{t('dashboard.leasingLink')}
						</Link>
					) : null}
				</div>
			</WorkspaceShell>
		)
	}
	const { counts, rejected } = dashboard
	return (
		<WorkspaceShell
			orgName={org.name}
			orgPending={org.pending}
			roles={org.roles}
			title={t('dashboard.heading')}
			actions={
				<>
					<Link to="/workspace/products/new" className="btn-primary">
						{t('dashboard.newProduct')}
					</Link>
					<Link to="/workspace/products/import" className="btn-secondary">
						{t('dashboard.import')}
					</Link>
				</>
			}
		>
			<p className="text-slate-700">
				{t('dashboard.intro', { org: org.name })} · {t('dashboard.total', { count: counts.total })}
			</p>

			<section aria-labelledby="by-status" className="mt-6">
				<h2 id="by-status" className="text-lg font-semibold text-slate-900">
					{t('dashboard.byStatus')}
				</h2>
				<ul className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
					{PRODUCT_STATUSES.map((status) => (
						<li key={status}>
							<Link
								to={`/workspace/products?status=${status}`}
								className="card block p-4 hover:border-brand-700 focus-visible:border-brand-700"
							>
								<span className="block text-3xl font-bold text-slate-900">{counts[status]}</span>
								<span className="mt-1 block">
									<StatusBadge status={status} />
								</span>
							</Link>
						</li>
					))}
				</ul>
				<p className="mt-3 text-sm">
					<Link to="/workspace/products" className="link">
						{t('dashboard.viewAll')}
					</Link>
				</p>
			</section>

			{counts.total === 0 ? <p className="card mt-6 p-5 text-slate-700">{t('dashboard.empty')}</p> : null}

			{rejected.length > 0 ? (
				<section aria-labelledby="attention" className="card mt-6 p-5 sm:p-6">
					<h2 id="attention" className="text-lg font-semibold text-slate-900">
						{t('dashboard.needsAttention')}
					</h2>
					<p className="mt-1 text-sm text-slate-600">{t('dashboard.needsAttentionHint')}</p>
					<ul className="mt-3 divide-y divide-slate-200">
						{rejected.map((p) => (
							<li key={p.id} className="py-3">
								<Link to={`/workspace/products/${p.id}`} className="link break-anywhere font-medium">
									{p.name}
								</Link>
								{p.statusReason ? (
									<p className="break-anywhere mt-1 text-sm text-slate-700">
										{t('edit.reason', { reason: p.statusReason })}
									</p>
								) : null}
							</li>
						))}
					</ul>
				</section>
			) : null}

			<section aria-labelledby="workflow" className="card mt-6 p-5 sm:p-6">
				<h2 id="workflow" className="text-lg font-semibold text-slate-900">
					{t('dashboard.workflowHeading')}
				</h2>
				<ol className="mt-3 list-decimal space-y-1.5 pl-5 text-slate-700">
					<li>{t('dashboard.workflow1')}</li>
					<li>{t('dashboard.workflow2')}</li>
					<li>{t('dashboard.workflow3')}</li>
				</ol>
			</section>
		</WorkspaceShell>
	)
}
