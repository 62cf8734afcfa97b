import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireAdmin, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { ActionProblem, AdminNotice, type ActionReply } from '#app/components/admin/action-forms.tsx'
import { AuditTable } from '#app/components/admin/audit-table.tsx'
import { DateTime } from '#app/components/admin/date-time.tsx'
import { OrganizationActions } from '#app/components/admin/organization-actions.tsx'
import { StatusBadge } from '#app/components/admin/status-badge.tsx'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { OrganizationActionSchema } from '#app/models/admin.schema.ts'
import { applyOrganizationAction, getOrganizationForAdmin } from '#app/models/admin.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const locale = localeFromMatches(matches)
	const t = getFixedT(locale, 'admin')
	const name = loaderData?.org.name ?? t('meta.organization')
	return [{ title: withSiteName(locale, `${name} - ${t('meta.title')}`) }, { name: 'robots', content: 'noindex' }]
}

const INTENTS = ['approve', 'reject', 'disable', 'enable'] as const
const FAILURE_STATUS = { notFound: 404, conflict: 409, self: 409, invalid: 400, orgNotVerified: 409 } as const

/** A positive integer id, or null for anything else ("abc", "1e3", "-1"). */
function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const id = parseId(params.id)
	const org = id === null ? undefined : await getOrganizationForAdmin(context.db, id)
	if (!org) throw new Response('Not Found', { status: 404 })
	const done = new URL(request.url).searchParams.get('done')
	return { org, done: INTENTS.find((i) => i === done) ?? null }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const admin = await requireAdmin(request, context)
	const id = parseId(params.id)
	if (id === null) throw new Response('Not Found', { status: 404 })
	const formData = await request.formData()
	const intent = formData.get('intent')
	const base: Omit<ActionReply, 'result'> = { intent: INTENTS.find((i) => i === intent) ?? null, targetId: String(id) }
	const submission = parseForm(formData, OrganizationActionSchema)
	if (submission.status !== 'success') return data({ ...base, result: submission.reply() }, { status: 400 })
	// The form names the organization too; it must be the one of this page.
	if (submission.value.organizationId !== id)
		return data({ ...base, result: submission.reply({ formErrors: ['errors.invalid'] }) }, { status: 400 })
	const result = await applyOrganizationAction(context.db, admin, submission.value, linkMeta(request, context))
	if (!result.ok) {
		return data(
			{ ...base, result: submission.reply({ formErrors: [`errors.${result.error}`] }) },
			{ status: FAILURE_STATUS[result.error] },
		)
	}
	return redirect(`/admin/organizations/${id}?done=${submission.value.intent}`)
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 border-b border-slate-100 py-2 last:border-b-0 sm:grid-cols-[9rem_minmax(0,1fr)]">
			<dt className="text-slate-600">{label}</dt>
			<dd className="break-anywhere text-slate-900">{children}</dd>
		</div>
	)
}

export default function AdminOrganizationPage() {
	const { org, done } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const { t } = useTranslation(['admin', 'common'])
	const locale = useAppLocale()
	const none = '—'
	return (
		<div className="space-y-6">
			<p className="text-sm">
				<Link to="/admin/organizations" className="link">
					{t('orgDetail.back')}
				</Link>
			</p>
			<header className="card p-5">
				<div className="flex flex-wrap items-start justify-between gap-3">
					<div className="min-w-0">
						<h1 className="break-anywhere text-2xl font-bold text-slate-900">{org.name}</h1>
						{org.nameEn ? <p className="break-anywhere text-slate-600">{org.nameEn}</p> : null}
						<p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
							<StatusBadge kind="org" status={org.status} />
							{org.statusReason ? (
								<span className="text-slate-700">{t('orgDetail.reason', { reason: org.statusReason })}</span>
							) : null}
						</p>
					</div>
					<OrganizationActions org={org} reply={reply} scope="detail" />
				</div>
			</header>
			{done ? <AdminNotice tone="success">{t(`done.org.${done}`)}</AdminNotice> : null}
			<ActionProblem reply={reply} />

			<div className="grid gap-6 lg:grid-cols-2">
				<section aria-labelledby="facts" className="card p-5">
					<h2 id="facts" className="text-lg font-semibold text-slate-900">
						{t('orgDetail.facts')}
					</h2>
					<dl className="mt-2 text-sm">
						<Fact label={t('orgs.uscc')}>
							<span className="font-mono">{org.uscc}</span>
						</Fact>
						<Fact label={t('orgs.roles')}>{org.roles.map((r) => t(`common:role.${r}`)).join('、') || none}</Fact>
						<Fact label={t('orgs.area')}>{org.inZone ? (org.area ?? t('orgs.inZone')) : t('orgs.outOfZone')}</Fact>
						<Fact label={t('orgDetail.industry')}>{org.industry ?? none}</Fact>
						<Fact label={t('orgDetail.website')}>{org.website ?? none}</Fact>
						<Fact label={t('orgDetail.description')}>{org.description ?? none}</Fact>
						<Fact label={t('orgs.registered')}>
							<DateTime iso={org.createdAt} />
						</Fact>
						<Fact label={t('orgDetail.ref')}>
							<span className="font-mono text-xs">{org.ref}</span>
						</Fact>
					</dl>
				</section>
				<section aria-labelledby="contact" className="card p-5">
					<h2 id="contact" className="text-lg font-semibold text-slate-900">
						{t('orgDetail.contact')}
					</h2>
					<p className="mt-1 text-xs text-slate-600">{t('orgDetail.contactPrivate')}</p>
					<dl className="mt-2 text-sm">
						<Fact label={t('orgDetail.contactPerson')}>{org.contact.person ?? none}</Fact>
						<Fact label={t('orgDetail.contactPhone')}>{org.contact.phone ?? none}</Fact>
						<Fact label={t('orgDetail.contactEmail')}>{org.contact.email ?? none}</Fact>
					</dl>
				</section>
			</div>

			<section aria-labelledby="users" className="card p-5">
				<h2 id="users" className="text-lg font-semibold text-slate-900">
					{t('orgDetail.users', { count: org.users.length })}
				</h2>
				{org.users.length === 0 ? (
					<p className="mt-2 text-slate-600">{t('orgDetail.noUsers')}</p>
				) : (
					<ul className="mt-2 divide-y divide-slate-100 text-sm">
						{org.users.map((u) => (
							<li key={u.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
								<span className="break-anywhere">
									<span className="font-medium text-slate-900">{u.name ?? u.email ?? u.phone}</span>{' '}
									<span className="text-slate-600">
										{u.email ?? u.phone} · {t(`userKind.${u.orgRole ?? 'none'}`)}
									</span>
								</span>
								<span className="flex items-center gap-2">
									<StatusBadge kind="user" status={u.status} />
									<Link
										to={`/admin/users?q=${encodeURIComponent(u.email ?? u.phone ?? u.name ?? '')}`}
										className="link"
									>
										{t('orgDetail.manageUser')}
									</Link>
								</span>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="products" className="card p-5">
				<h2 id="products" className="text-lg font-semibold text-slate-900">
					{t('orgDetail.products', { count: org.products.length })}
				</h2>
				{org.products.length === 0 ? (
					<p className="mt-2 text-slate-600">{t('orgDetail.noProducts')}</p>
				) : (
					<ul className="mt-2 divide-y divide-slate-100 text-sm">
						{org.products.map((p) => (
							<li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
								<span className="min-w-0">
									<span className="break-anywhere font-medium text-slate-900">{p.name}</span>{' '}
									<span className="text-slate-600">
										{categoryLabel(p.categoryKey, locale)} · {t(`common:kind.${p.kind}`)}
									</span>
									{p.statusReason ? (
										<span className="block text-xs text-slate-600">
											{t('orgDetail.reason', { reason: p.statusReason })}
										</span>
									) : null}
								</span>
								<span className="flex items-center gap-2">
									<StatusBadge kind="product" status={p.status} />
									{p.status === 'pending' ? (
										<Link to={`/admin/products?q=${encodeURIComponent(p.name)}`} className="link">
											{t('orgDetail.review')}
										</Link>
									) : null}
								</span>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="history">
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="history" className="text-lg font-semibold text-slate-900">
						{t('orgDetail.history')}
					</h2>
					<Link to={`/admin/audit?objectType=organization&objectId=${org.id}`} className="link text-sm">
						{t('overview.allAudit')}
					</Link>
				</div>
				<div className="mt-3">
					<AuditTable events={org.history} compact />
				</div>
			</section>
		</div>
	)
}
