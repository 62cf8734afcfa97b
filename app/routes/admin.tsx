import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAdmin } from '#app/auth/permissions.server.ts'
import { AdminNav } from '#app/components/admin/admin-nav.tsx'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { countReviewQueues } from '#app/models/admin.server.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.title')) },
		{ name: 'robots', content: 'noindex' },
	]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const pending = await countReviewQueues(context.db)
	return { admin: { name: admin.name, login: admin.email ?? admin.phone ?? '' }, pending }
}

export default function AdminLayout() {
	const { admin, pending } = useLoaderData<typeof loader>()
	const { t } = useTranslation('admin')
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<p className="text-sm font-semibold tracking-wide text-brand-700">{t('layout.kicker')}</p>
				<p className="text-sm text-slate-600">{t('layout.signedInAs', { name: admin.name ?? admin.login })}</p>
			</div>
			<div className="mt-3 border-b border-slate-200 pb-2">
				<AdminNav pending={pending} />
			</div>
			<div className="mt-6">
				<Outlet />
			</div>
		</div>
	)
}
