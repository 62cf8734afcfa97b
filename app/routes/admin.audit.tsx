import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireAdmin } from '#app/auth/permissions.server.ts'
import { AuditTable, useAuditActionLabel, useObjectTypeLabel } from '#app/components/admin/audit-table.tsx'
import { FilterForm, SelectFilter, TextFilter } from '#app/components/admin/filters.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { parseAuditListQuery } from '#app/models/admin.schema.ts'
import { getAuditLogView } from '#app/models/admin.server.ts'

export const handle = { i18n: ['admin'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'admin')('meta.audit')) },
		{ name: 'robots', content: 'noindex' },
	]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const filters = parseAuditListQuery(new URL(request.url).searchParams)
	return { filters, ...(await getAuditLogView(context.db, filters)) }
}

export default function AdminAuditPage() {
	const { filters, events, facets } = useLoaderData<typeof loader>()
	const { t } = useTranslation('admin')
	const locale = useAppLocale()
	const actionLabel = useAuditActionLabel()
	const typeLabel = useObjectTypeLabel()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('audit.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('audit.intro')}</p>
			</div>
			<FilterForm resetTo="/admin/audit">
				<SelectFilter
					name="action"
					label={t('filters.action')}
					value={filters.action}
					options={[
						{ value: '', label: t('filters.any') },
						...facets.actions.map((a) => ({ value: a, label: `${actionLabel(a)} (${a})` })),
					]}
				/>
				<SelectFilter
					name="objectType"
					label={t('filters.objectType')}
					value={filters.objectType}
					options={[
						{ value: '', label: t('filters.any') },
						...facets.objectTypes.map((o) => ({ value: o, label: typeLabel(o) })),
					]}
				/>
				{filters.objectId ? <input type="hidden" name="objectId" value={filters.objectId} /> : null}
				<TextFilter
					name="actor"
					label={t('filters.actor')}
					value={filters.actor}
					placeholder={t('filters.actorPlaceholder')}
					className="min-w-40 flex-1"
				/>
				<TextFilter name="from" type="date" label={t('filters.from')} value={filters.from} className="" />
				<TextFilter name="to" type="date" label={t('filters.to')} value={filters.to} className="" />
			</FilterForm>
			<p className="text-sm text-slate-600" aria-live="polite">
				{filters.objectId
					? t('audit.forObject', { type: typeLabel(filters.objectType || 'object'), id: filters.objectId })
					: null}
				{t('filters.count', { count: events.total, formatted: formatNumber(locale, events.total) })}
				{' · '}
				{t('audit.timezone')}
			</p>
			<AuditTable events={events.items} />
			<Pagination page={events.page} totalPages={events.totalPages} />
		</div>
	)
}
