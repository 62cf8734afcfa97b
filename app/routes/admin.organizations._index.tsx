import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireAdmin, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { ActionProblem, AdminNotice, type ActionReply } from '#app/components/admin/action-forms.tsx'
import { DateTime } from '#app/components/admin/date-time.tsx'
import { FilterForm, SelectFilter, TextFilter } from '#app/components/admin/filters.tsx'
import { OrganizationActions } from '#app/components/admin/organization-actions.tsx'
import { StatusBadge } from '#app/components/admin/status-badge.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import {
	ORGANIZATION_STATUSES,
	OrganizationActionSchema,
	parseOrganizationListQuery,
} from '#app/models/admin.schema.ts'
import { applyOrganizationAction, getOrganizationsView } from '#app/models/admin.server.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.organizations')) },
		{ name: 'robots', content: 'noindex' },
	]
}

const INTENTS = ['approve', 'reject', 'disable', 'enable'] as const
const FAILURE_STATUS = { notFound: 404, conflict: 409, self: 409, invalid: 400, orgNotVerified: 409 } as const

function doneFrom(params: URLSearchParams): (typeof INTENTS)[number] | null {
	const done = params.get('done')
	return INTENTS.find((i) => i === done) ?? null
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const params = new URL(request.url).searchParams
	const filters = parseOrganizationListQuery(params)
	const view = await getOrganizationsView(context.db, filters)
	return { filters, ...view, done: doneFrom(params) }
}

/** The row and intent a reply belongs to, read leniently so even a refused form can show its error. */
function replyBase(formData: FormData): Omit<ActionReply, 'result'> {
	const intent = formData.get('intent')
	const id = formData.get('organizationId')
	return {
		intent: INTENTS.find((i) => i === intent) ?? null,
		targetId: typeof id === 'string' && /^\d{1,15}$/.test(id) ? id : null,
	}
}

/** Back to the same filtered page, with a flash of what was done. */
function doneHref(request: Request, intent: string): string {
	const url = new URL(request.url)
	url.searchParams.delete('index')
	url.searchParams.set('done', intent)
	return `${url.pathname}?${url.searchParams.toString()}`
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const admin = await requireAdmin(request, context)
	const formData = await request.formData()
	const base = replyBase(formData)
	const submission = parseForm(formData, OrganizationActionSchema)
	if (submission.status !== 'success') return data({ ...base, result: submission.reply() }, { status: 400 })
	const result = await applyOrganizationAction(context.db, admin, submission.value, linkMeta(request, context))
	if (!result.ok) {
		return data(
			{ ...base, result: submission.reply({ formErrors: [`errors.${result.error}`] }) },
			{ status: FAILURE_STATUS[result.error] },
		)
	}
	return redirect(doneHref(request, submission.value.intent))
}

export default function AdminOrganizationsPage() {
	const { filters, queue, list, done } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const { t } = useTranslation(['admin', 'common'])
	const locale = useAppLocale()
	return (
		<div className="space-y-8">
			<div>
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('orgs.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('orgs.intro')}</p>
			</div>
			{done ? <AdminNotice tone="success">{t(`done.org.${done}`)}</AdminNotice> : null}
			<ActionProblem reply={reply} />

			<section aria-labelledby="queue-heading">
				<h2 id="queue-heading" className="text-lg font-semibold text-slate-900">
					{t('orgs.queueHeading', { count: queue.length })}
				</h2>
				{queue.length === 0 ? (
					<p className="card mt-3 p-4 text-slate-600">{t('orgs.queueEmpty')}</p>
				) : (
					<ul className="mt-3 space-y-3">
						{queue.map((o) => (
							<li key={o.id} className="card p-4">
								<div className="flex flex-wrap items-start justify-between gap-3">
									<div className="min-w-0">
										<p className="flex flex-wrap items-center gap-2">
											<Link to={`/admin/organizations/${o.id}`} className="link break-anywhere text-base font-semibold">
												{o.name}
											</Link>
											<StatusBadge kind="org" status={o.status} />
										</p>
										{o.nameEn ? <p className="break-anywhere text-sm text-slate-600">{o.nameEn}</p> : null}
										<dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
											<div className="flex gap-2">
												<dt className="text-slate-600">{t('orgs.uscc')}</dt>
												<dd className="font-mono text-slate-900">{o.uscc}</dd>
											</div>
											<div className="flex gap-2">
												<dt className="text-slate-600">{t('orgs.roles')}</dt>
												<dd className="text-slate-900">
													{o.roles.map((r) => t(`common:role.${r}`)).join('、') || '—'}
												</dd>
											</div>
											<div className="flex gap-2">
												<dt className="text-slate-600">{t('orgs.area')}</dt>
												<dd className="text-slate-900">
													{o.inZone ? (o.area ?? t('orgs.inZone')) : t('orgs.outOfZone')}
													{o.industry ? ` · ${o.industry}` : ''}
												</dd>
											</div>
											<div className="flex gap-2">
												<dt className="text-slate-600">{t('orgs.submitted')}</dt>
												<dd className="text-slate-900">
													<DateTime iso={o.createdAt} />
												</dd>
											</div>
										</dl>
										<p className="mt-1 text-sm text-slate-600">
											{t('orgs.counts', { users: o.userCount, products: o.productCount })}
										</p>
									</div>
									<OrganizationActions org={o} reply={reply} scope="queue" />
								</div>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="list-heading" className="space-y-3">
				<h2 id="list-heading" className="text-lg font-semibold text-slate-900">
					{t('orgs.listHeading')}
				</h2>
				<FilterForm resetTo="/admin/organizations">
					<SelectFilter
						name="status"
						label={t('filters.status')}
						value={filters.status}
						options={[
							{ value: 'all', label: t('filters.any') },
							...ORGANIZATION_STATUSES.map((s) => ({ value: s, label: t(`status.org.${s}`) })),
						]}
					/>
					<TextFilter
						name="q"
						label={t('filters.search')}
						value={filters.q}
						placeholder={t('orgs.searchPlaceholder')}
					/>
				</FilterForm>
				<p className="text-sm text-slate-600" aria-live="polite">
					{t('filters.count', { count: list.total, formatted: formatNumber(locale, list.total) })}
				</p>
				{list.items.length === 0 ? (
					<p className="card p-4 text-slate-600">{t('orgs.listEmpty')}</p>
				) : (
					<div className="card overflow-x-auto">
						<table className="w-full min-w-[56rem] text-left text-sm">
							<caption className="sr-only">{t('orgs.listHeading')}</caption>
							<thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
								<tr>
									<th scope="col" className="px-3 py-2 font-medium">
										{t('orgs.name')}
									</th>
									<th scope="col" className="px-3 py-2 font-medium">
										{t('orgs.uscc')}
									</th>
									<th scope="col" className="px-3 py-2 font-medium">
										{t('orgs.status')}
									</th>
									<th scope="col" className="px-3 py-2 text-right font-medium">
										{t('orgs.usersCol')}
									</th>
									<th scope="col" className="px-3 py-2 text-right font-medium">
										{t('orgs.productsCol')}
									</th>
									<th scope="col" className="px-3 py-2 font-medium">
										{t('orgs.registered')}
									</th>
									<th scope="col" className="px-3 py-2 font-medium">
										<span className="sr-only">{t('orgs.actions')}</span>
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-slate-100">
								{list.items.map((o) => (
									<tr key={o.id} className="align-top">
										<td className="px-3 py-2">
											<Link to={`/admin/organizations/${o.id}`} className="link break-anywhere font-medium">
												{o.name}
											</Link>
											<p className="text-xs text-slate-600">{o.roles.map((r) => t(`common:role.${r}`)).join('、')}</p>
										</td>
										<td className="px-3 py-2 font-mono text-xs">{o.uscc}</td>
										<td className="px-3 py-2">
											<StatusBadge kind="org" status={o.status} />
											{o.statusReason ? (
												<p className="break-anywhere mt-1 max-w-56 text-xs text-slate-600">{o.statusReason}</p>
											) : null}
										</td>
										<td className="px-3 py-2 text-right tabular-nums">{o.userCount}</td>
										<td className="px-3 py-2 text-right tabular-nums">
											{o.productCount}
											{o.pendingProductCount > 0 ? (
												<p className="text-xs text-amber-800">
													{t('orgs.pendingProducts', { count: o.pendingProductCount })}
												</p>
											) : null}
										</td>
										<td className="px-3 py-2 whitespace-nowrap">
											<DateTime iso={o.createdAt} withTime={false} />
										</td>
										<td className="px-3 py-2">
											<OrganizationActions org={o} reply={reply} scope="list" />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				<Pagination page={list.page} totalPages={list.totalPages} />
			</section>
		</div>
	)
}
