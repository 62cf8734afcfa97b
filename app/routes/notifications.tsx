import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { parseForm } from '#app/auth/form.server.ts'
import { requireUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { NotificationActionSchema } from '#app/models/demand.schema.ts'
import {
	getDigestPreference,
	listNotifications,
	markAllNotificationsRead,
	markNotificationRead,
	setDigestPreference,
	type Notification,
} from '#app/models/notification.server.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.notifications') },
	{ name: 'robots', content: 'noindex' },
]

/** The signed-in person's notifications (their organization's, and their own), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const list = await listNotifications(context.db, user, { limit: 100 })
	return {
		...list,
		digest: await getDigestPreference(context.db, user.id),
		supplier: user.organization?.roles.includes('supplier') ?? false,
	}
}

/** Marks one or all read, or stores the digest choice; someone else's notification id is a 404. */
export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireUser(request, context)
	const submission = parseForm(await request.formData(), NotificationActionSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	if (v.intent === 'read') {
		if (!(await markNotificationRead(context.db, user, v.id))) throw new Response('Not Found', { status: 404 })
	} else if (v.intent === 'readAll') {
		await markAllNotificationsRead(context.db, user)
	} else {
		await setDigestPreference(context.db, user.id, v.digest)
	}
	return redirect(`/notifications${v.intent === 'digest' ? '?saved=1' : ''}`)
}

function when(locale: string, iso: string): string {
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return iso
	return new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Asia/Shanghai',
	}).format(d)
}

function NotificationText({ n }: { n: Notification }) {
	const { t } = useTranslation('demands')
	const p = n.payload
	const text = t(`notifications.kinds.${n.kind}`, {
		demandTitle: p.demandTitle ?? '',
		productName: p.productName ?? '',
		orgName: p.orgName ?? '',
		name: p.name ?? '',
		count: p.count ?? 0,
	})
	return (
		<>
			{text}
			{n.kind === 'opportunity.digest' && p.titles?.length ? (
				<span className="mt-1 block text-sm text-slate-600">{p.titles.join('；')}</span>
			) : null}
			{(n.kind === 'inquiry.declined' || n.kind.endsWith('.rejected') || n.kind === 'lease_offer.declined') &&
			(p.reason || p.automatic) ? (
				<span className="mt-1 block text-sm text-slate-600">
					{p.automatic ? t('notifications.autoDeclined') : p.reason}
				</span>
			) : null}
		</>
	)
}

export default function NotificationsPage() {
	const { items, unread, digest, supplier } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-3xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('notifications.heading')}</h1>
					<p className="mt-1 text-slate-700" aria-live="polite">
						{unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}
					</p>
				</div>
				{unread > 0 ? (
					<Form method="post">
						<input type="hidden" name="intent" value="readAll" />
						<SubmitButton className="btn-secondary">{t('notifications.markAll')}</SubmitButton>
					</Form>
				) : null}
			</div>
			{items.length === 0 ? (
				<p className="card mt-6 p-6 text-slate-700">{t('notifications.empty')}</p>
			) : (
				<ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
					{items.map((n) => (
						<li key={n.id} className={`flex flex-wrap items-start gap-3 p-4 ${n.read ? '' : 'bg-brand-50'}`}>
							<div className="min-w-0 flex-1">
								<p className={`break-anywhere ${n.read ? 'text-slate-800' : 'font-medium text-slate-900'}`}>
									{n.read ? null : <span className="sr-only">{t('notifications.unreadBadge')}：</span>}
									<NotificationText n={n} />
								</p>
								<p className="mt-1 text-xs text-slate-600">
									<time dateTime={n.createdAt}>{when(locale, n.createdAt)}</time>
								</p>
							</div>
							<div className="flex items-center gap-2">
								{n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? (
									<Link to={n.link} className="link text-sm">
										{t('notifications.open')}
									</Link>
								) : null}
								{n.read ? null : (
									<Form method="post">
										<input type="hidden" name="intent" value="read" />
										<input type="hidden" name="id" value={n.id} />
										<SubmitButton className="rounded px-2 py-1 text-sm text-brand-700 hover:bg-white">
											{t('notifications.markRead')}
										</SubmitButton>
									</Form>
								)}
							</div>
						</li>
					))}
				</ul>
			)}
			{supplier ? (
				<section aria-labelledby="digest" className="card mt-8 p-5">
					<h2 id="digest" className="font-semibold text-slate-900">
						{t('notifications.digestHeading')}
					</h2>
					{searchParams.get('saved') ? (
						<p role="status" className="mt-2 text-sm text-emerald-800">
							{t('notifications.digestSaved')}
						</p>
					) : null}
					<Form method="post" className="mt-3 space-y-3">
						<input type="hidden" name="intent" value="digest" />
						<label className="flex items-start gap-2 text-slate-800">
							<input type="checkbox" name="digest" defaultChecked={digest} className="mt-1 size-4 accent-brand-700" />
							<span>{t('notifications.digest')}</span>
						</label>
						<SubmitButton className="btn-secondary">{t('notifications.digestSave')}</SubmitButton>
					</Form>
				</section>
			) : null}
		</div>
	)
}
