import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireAdmin, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import {
	ActionButton,
	ActionProblem,
	AdminNotice,
	ReasonForm,
	replyFor,
	type ActionReply,
} from '#app/components/admin/action-forms.tsx'
import { DateTime } from '#app/components/admin/date-time.tsx'
import { FilterForm, SelectFilter, TextFilter } from '#app/components/admin/filters.tsx'
import { StatusBadge } from '#app/components/admin/status-badge.tsx'
import { EnergyGradeBadge } from '#app/components/energy-grade-badge.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { PriceBand } from '#app/components/price-band.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import {
	PRODUCT_STATUSES,
	ProductActionSchema,
	parseProductListQuery,
	productIntents,
} from '#app/models/admin.schema.ts'
import { listProductsForReview, reviewProduct } from '#app/models/admin.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.products')) },
		{ name: 'robots', content: 'noindex' },
	]
}

const INTENTS = ['approve', 'reject'] as const
const FAILURE_STATUS = { notFound: 404, conflict: 409, self: 409, invalid: 400, orgNotVerified: 409 } as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const params = new URL(request.url).searchParams
	const filters = parseProductListQuery(params)
	const done = params.get('done')
	return {
		filters,
		products: await listProductsForReview(context.db, filters),
		done: INTENTS.find((i) => i === done) ?? null,
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const admin = await requireAdmin(request, context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const id = formData.get('productId')
	const base: Omit<ActionReply, 'result'> = {
		intent: INTENTS.find((i) => i === intent) ?? null,
		targetId: typeof id === 'string' && /^\d{1,15}$/.test(id) ? id : null,
	}
	const submission = parseForm(formData, ProductActionSchema)
	if (submission.status !== 'success') return data({ ...base, result: submission.reply() }, { status: 400 })
	const result = await reviewProduct(context, admin, submission.value, linkMeta(request, context))
	if (!result.ok) {
		return data(
			{ ...base, result: submission.reply({ formErrors: [`errors.${result.error}`] }) },
			{ status: FAILURE_STATUS[result.error] },
		)
	}
	const url = new URL(request.url)
	url.searchParams.delete('index')
	url.searchParams.set('done', submission.value.intent)
	return redirect(`${url.pathname}?${url.searchParams.toString()}`)
}

export default function AdminProductsPage() {
	const { filters, products, done } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const { t } = useTranslation(['admin', 'common'])
	const locale = useAppLocale()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('products.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('products.intro')}</p>
			</div>
			{done ? <AdminNotice tone="success">{t(`done.product.${done}`)}</AdminNotice> : null}
			<ActionProblem reply={reply} />
			<FilterForm resetTo="/admin/products">
				<SelectFilter
					name="status"
					label={t('filters.status')}
					value={filters.status}
					options={[
						...PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`status.product.${s}`) })),
						{ value: 'all', label: t('filters.any') },
					]}
				/>
				<TextFilter
					name="q"
					label={t('filters.search')}
					value={filters.q}
					placeholder={t('products.searchPlaceholder')}
				/>
			</FilterForm>
			<p className="text-sm text-slate-600" aria-live="polite">
				{t('filters.count', { count: products.total, formatted: formatNumber(locale, products.total) })}
			</p>
			{products.items.length === 0 ? (
				<p className="card p-4 text-slate-600">
					{filters.status === 'pending' && !filters.q ? t('products.queueEmpty') : t('products.listEmpty')}
				</p>
			) : (
				<ul className="space-y-3">
					{products.items.map((p) => {
						const intents = productIntents(p.status)
						const orgVerified = p.organization.status === 'verified'
						return (
							<li key={p.id} className="card p-4">
								<article aria-labelledby={`product-${p.id}`}>
									<div className="flex flex-wrap items-start justify-between gap-3">
										<div className="min-w-0 flex-1">
											<div className="flex flex-wrap items-center gap-2">
												<h2 id={`product-${p.id}`} className="break-anywhere text-base font-semibold text-slate-900">
													{p.name}
												</h2>
												<StatusBadge kind="product" status={p.status} />
												<EnergyGradeBadge
													grade={
														p.energyGrade === 1 || p.energyGrade === 2 || p.energyGrade === 3 ? p.energyGrade : null
													}
												/>
											</div>
											{p.nameEn ? <p className="break-anywhere text-sm text-slate-600">{p.nameEn}</p> : null}
											<p className="mt-1 text-sm text-slate-700">
												{categoryLabel(p.categoryKey, locale)} · {t(`common:kind.${p.kind}`)}
												{p.brand ? ` · ${p.brand}` : ''}
												{p.model ? ` · ${p.model}` : ''}
											</p>
											<p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
												<span className="text-slate-600">{t('products.organization')}</span>
												<Link to={`/admin/organizations/${p.organization.id}`} className="link break-anywhere">
													{p.organization.name}
												</Link>
												<StatusBadge kind="org" status={p.organization.status} />
											</p>
										</div>
										<div className="flex flex-wrap items-start gap-2">
											{intents.includes('approve') ? (
												orgVerified ? (
													<ActionButton
														intent="approve"
														idName="productId"
														id={p.id}
														label={t('actions.publish')}
														accessibleLabel={t('actions.publishLabel', { name: p.name })}
														tone="primary"
													/>
												) : (
													<p className="max-w-56 text-xs text-amber-800">{t('products.orgNotVerified')}</p>
												)
											) : null}
											{intents.includes('reject') ? (
												<ReasonForm
													schema={ProductActionSchema}
													intent="reject"
													idName="productId"
													id={p.id}
													label={p.status === 'published' ? t('actions.unpublish') : t('actions.reject')}
													submitLabel={t('actions.rejectConfirm')}
													accessibleLabel={t('actions.rejectLabel', { name: p.name })}
													required
													lastResult={replyFor(reply, 'reject', p.id)}
												/>
											) : null}
										</div>
									</div>
									{p.statusReason ? (
										<p className="mt-2 text-sm text-slate-700">{t('orgDetail.reason', { reason: p.statusReason })}</p>
									) : null}
									{p.description ? (
										<p className="break-anywhere mt-2 line-clamp-3 text-sm text-slate-800">{p.description}</p>
									) : null}
									<dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
										<div className="flex gap-2">
											<dt className="text-slate-600">{t('products.price')}</dt>
											<dd className="text-slate-900">
												<PriceBand min={p.priceMin} max={p.priceMax} />
											</dd>
										</div>
										<div className="flex gap-2">
											<dt className="text-slate-600">{t('products.leadTime')}</dt>
											<dd className="text-slate-900">
												{p.leadTimeDays === null ? '—' : t('common:days', { count: p.leadTimeDays })}
											</dd>
										</div>
										<div className="flex gap-2">
											<dt className="text-slate-600">{t('products.updated')}</dt>
											<dd className="text-slate-900">
												<DateTime iso={p.updatedAt} />
											</dd>
										</div>
									</dl>
									{p.specs.length > 0 ? (
										<dl className="mt-2 grid gap-x-6 gap-y-0.5 text-xs sm:grid-cols-2 lg:grid-cols-3">
											{p.specs.slice(0, 9).map(([k, v]) => (
												<div key={k} className="flex gap-2">
													<dt className="text-slate-600">{k}</dt>
													<dd className="break-anywhere text-slate-900">{v}</dd>
												</div>
											))}
										</dl>
									) : null}
									{p.certifications.length > 0 || p.tags.length > 0 ? (
										<p className="mt-2 flex flex-wrap gap-1.5">
											{[...p.certifications, ...p.tags].map((tag) => (
												<span key={tag} className="chip text-xs">
													{tag}
												</span>
											))}
										</p>
									) : null}
								</article>
							</li>
						)
					})}
				</ul>
			)}
			<Pagination page={products.page} totalPages={products.totalPages} />
		</div>
	)
}
