import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Notice } from '#app/components/form/form-kit.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { StatusBadge } from '#app/components/workspace/status-badge.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { imageUrl } from '#app/models/product-image.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { getWorkspaceProductPage } from '#app/models/workspace-product.server.ts'
import { PRODUCT_STATUSES, ProductListQuerySchema } from '#app/models/workspace-product.schema.ts'

export const handle = { i18n: ['workspace'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'workspace')('meta.products')) }]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	const query = ProductListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const list = await getWorkspaceProductPage(context.db, user.organizationId, query)
	return {
		org: {
			name: user.organization.name,
			pending: user.organization.status !== 'verified',
			roles: user.organization.roles,
		},
		status: query.status ?? null,
		...list,
		items: list.items.map((p) => ({ ...p, coverUrl: p.coverImageId ? imageUrl(p.coverImageId) : null })),
	}
}

export default function WorkspaceProductsPage() {
	const { org, status, items, counts, total, page, totalPages } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['workspace', 'common'])
	const locale = useAppLocale()
	const tabs: Array<{ key: string | null; label: string; count: number }> = [
		{ key: null, label: t('status.all'), count: counts.total },
		...PRODUCT_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), count: counts[s] })),
	]
	return (
		<WorkspaceShell
			orgName={org.name}
			orgPending={org.pending}
			roles={org.roles}
			title={t('list.heading')}
			actions={
				<Link to="/workspace/products/new" className="btn-primary">
					{t('dashboard.newProduct')}
				</Link>
			}
		>
			<nav aria-label={t('list.filterLabel')}>
				<ul className="flex flex-wrap gap-2">
					{tabs.map((tab) => {
						const current = tab.key === status
						return (
							<li key={tab.key ?? 'all'}>
								<Link
									to={tab.key ? `/workspace/products?status=${tab.key}` : '/workspace/products'}
									aria-current={current ? 'page' : undefined}
									className={`chip ${current ? 'border-brand-700 bg-brand-700 text-white' : 'hover:border-brand-700'}`}
								>
									{tab.label} <span className="ml-1 tabular-nums">{tab.count}</span>
								</Link>
							</li>
						)
					})}
				</ul>
			</nav>

			<p className="mt-4 text-sm text-slate-600">{t('list.count', { count: total })}</p>
			{items.length === 0 ? (
				<div className="mt-3">
					<Notice tone="info">{status ? t('list.emptyFiltered') : t('list.empty')}</Notice>
				</div>
			) : (
				<ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
					{items.map((p) => (
						<li key={p.id} className="flex items-start gap-4 p-4">
							<div className="size-16 shrink-0 overflow-hidden rounded border border-slate-200 bg-slate-50">
								{p.coverUrl ? (
									<img src={p.coverUrl} alt="" className="size-full object-contain" loading="lazy" />
								) : (
									<span className="flex size-full items-center justify-center text-center text-xs text-slate-500">
										{t('list.noImage')}
									</span>
								)}
							</div>
							<div className="min-w-0 flex-1">
								<div className="flex flex-wrap items-center gap-2">
									<Link to={`/workspace/products/${p.id}`} className="link break-anywhere font-medium">
										{p.name}
									</Link>
									<StatusBadge status={p.status} />
								</div>
								<p className="mt-1 text-sm text-slate-600">
									{categoryLabel(p.categoryKey, locale)} · {t(`common:kind.${p.kind}`)} ·{' '}
									{t('list.images', { count: p.imageCount })} · {t('list.updated')} {formatDate(locale, p.updatedAt)}
								</p>
								<p className="break-anywhere mt-0.5 font-mono text-xs text-slate-500">
									{t('list.ref', { ref: p.ref })}
								</p>
								{p.status === 'rejected' && p.statusReason ? (
									<p className="break-anywhere mt-1 text-sm text-red-800">
										{t('edit.reason', { reason: p.statusReason })}
									</p>
								) : null}
							</div>
						</li>
					))}
				</ul>
			)}
			<Pagination page={page} totalPages={totalPages} />
		</WorkspaceShell>
	)
}
