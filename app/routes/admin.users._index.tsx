import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireAdmin, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { ActionButton, ActionProblem, AdminNotice, type ActionReply } from '#app/components/admin/action-forms.tsx'
import { DateTime } from '#app/components/admin/date-time.tsx'
import { FilterForm, SelectFilter, TextFilter } from '#app/components/admin/filters.tsx'
import { StatusBadge } from '#app/components/admin/status-badge.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { USER_KINDS, USER_STATUSES, UserActionSchema, parseUserListQuery } from '#app/models/admin.schema.ts'
import { applyUserAction, listUsersForAdmin } from '#app/models/admin.server.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.users')) },
		{ name: 'robots', content: 'noindex' },
	]
}

const INTENTS = ['disable', 'enable'] as const
const FAILURE_STATUS = { notFound: 404, conflict: 409, self: 409, invalid: 400, orgNotVerified: 409 } as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const params = new URL(request.url).searchParams
	const filters = parseUserListQuery(params)
	const done = params.get('done')
	return {
		me: admin.id,
		filters,
		users: await listUsersForAdmin(context.db, filters),
		done: INTENTS.find((i) => i === done) ?? null,
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const admin = await requireAdmin(request, context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const id = formData.get('userId')
	const base: Omit<ActionReply, 'result'> = {
		intent: INTENTS.find((i) => i === intent) ?? null,
		targetId: typeof id === 'string' && /^\d{1,15}$/.test(id) ? id : null,
	}
	const submission = parseForm(formData, UserActionSchema)
	if (submission.status !== 'success') return data({ ...base, result: submission.reply() }, { status: 400 })
	const result = await applyUserAction(context.db, admin, submission.value, linkMeta(request, context))
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

export default function AdminUsersPage() {
	const { me, filters, users, done } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const { t } = useTranslation('admin')
	const locale = useAppLocale()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('users.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('users.intro')}</p>
			</div>
			{done ? <AdminNotice tone="success">{t(`done.user.${done}`)}</AdminNotice> : null}
			<ActionProblem reply={reply} />
			<FilterForm resetTo="/admin/users">
				<SelectFilter
					name="status"
					label={t('filters.status')}
					value={filters.status}
					options={[
						{ value: 'all', label: t('filters.any') },
						...USER_STATUSES.map((s) => ({ value: s, label: t(`status.user.${s}`) })),
					]}
				/>
				<SelectFilter
					name="kind"
					label={t('filters.kind')}
					value={filters.kind}
					options={[
						{ value: 'all', label: t('filters.any') },
						...USER_KINDS.map((k) => ({ value: k, label: t(`userKind.${k}`) })),
					]}
				/>
				<TextFilter name="q" label={t('filters.search')} value={filters.q} placeholder={t('users.searchPlaceholder')} />
			</FilterForm>
			<p className="text-sm text-slate-600" aria-live="polite">
				{t('filters.count', { count: users.total, formatted: formatNumber(locale, users.total) })}
			</p>
			{users.items.length === 0 ? (
				<p className="card p-4 text-slate-600">{t('users.empty')}</p>
			) : (
				<div className="card overflow-x-auto">
					<table className="w-full min-w-[56rem] text-left text-sm">
						<caption className="sr-only">{t('users.heading')}</caption>
						<thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
							<tr>
								<th scope="col" className="px-3 py-2 font-medium">
									{t('users.name')}
								</th>
								<th scope="col" className="px-3 py-2 font-medium">
									{t('users.organization')}
								</th>
								<th scope="col" className="px-3 py-2 font-medium">
									{t('users.status')}
								</th>
								<th scope="col" className="px-3 py-2 font-medium">
									{t('users.lastSeen')}
								</th>
								<th scope="col" className="px-3 py-2 font-medium">
									{t('users.created')}
								</th>
								<th scope="col" className="px-3 py-2 font-medium">
									<span className="sr-only">{t('orgs.actions')}</span>
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-slate-100">
							{users.items.map((u) => {
								const who = u.name ?? u.email ?? u.phone ?? `#${u.id}`
								return (
									<tr key={u.id} className="align-top">
										<td className="px-3 py-2">
											<p className="break-anywhere font-medium text-slate-900">
												{who}
												{u.isAdmin ? (
													<span className="ml-1.5 rounded bg-brand-50 px-1 text-xs font-normal text-brand-800">
														{t('users.adminBadge')}
													</span>
												) : null}
												{u.id === me ? (
													<span className="ml-1.5 text-xs font-normal text-slate-600">{t('users.you')}</span>
												) : null}
											</p>
											<p className="break-anywhere text-xs text-slate-600">
												{[u.email, u.phone].filter(Boolean).join(' · ')}
											</p>
										</td>
										<td className="px-3 py-2">
											{u.organization ? (
												<>
													<Link to={`/admin/organizations/${u.organization.id}`} className="link break-anywhere">
														{u.organization.name}
													</Link>
													<p className="text-xs text-slate-600">
														{t(`userKind.${u.orgRole ?? 'member'}`)} · {t(`status.org.${u.organization.status}`)}
													</p>
												</>
											) : (
												<span className="text-slate-500">{t('userKind.none')}</span>
											)}
										</td>
										<td className="px-3 py-2">
											<StatusBadge kind="user" status={u.status} />
										</td>
										<td className="px-3 py-2 whitespace-nowrap">
											<DateTime iso={u.lastSeenAt} />
											{u.sessions > 0 ? (
												<p className="text-xs text-slate-600">{t('users.sessions', { count: u.sessions })}</p>
											) : null}
										</td>
										<td className="px-3 py-2 whitespace-nowrap">
											<DateTime iso={u.createdAt} withTime={false} />
										</td>
										<td className="px-3 py-2">
											{u.id === me ? null : u.status === 'active' ? (
												<ActionButton
													intent="disable"
													idName="userId"
													id={u.id}
													label={t('actions.disable')}
													accessibleLabel={t('actions.disableUserLabel', { name: who })}
													tone="danger"
												/>
											) : (
												<ActionButton
													intent="enable"
													idName="userId"
													id={u.id}
													label={t('actions.enable')}
													accessibleLabel={t('actions.enableUserLabel', { name: who })}
												/>
											)}
										</td>
									</tr>
								)
							})}
						</tbody>
					</table>
				</div>
			)}
			<Pagination page={users.page} totalPages={users.totalPages} />
		</div>
	)
}
