import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { EmptyState } from '#app/components/empty-state.tsx'
import { Notice } from '#app/components/form/form-kit.tsx'
import { ProgramCard } from '#app/components/leasing/program-facts.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { ProgramListQuerySchema } from '#app/models/leasing.schema.ts'
import { listPublicPrograms } from '#app/models/leasing.server.ts'
import { CATEGORIES, CATEGORY_GROUPS, categoryLabel, groupLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['leasing'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const params = ProgramListQuerySchema.parse({
		q: url.searchParams.get('q') ?? '',
		category: url.searchParams.get('category') || null,
	})
	const result = await listPublicPrograms(context, params)
	return { params, ...result }
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'leasing')
	return [{ title: t('meta.list') }, { name: 'description', content: t('list.lead') }]
}

export default function LeasingProgramsPage() {
	const { params, items, degraded } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['leasing', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<Breadcrumbs items={[{ label: t('common:nav.home'), to: '/' }, { label: t('nav.leasing') }]} />
			<div className="mt-4 max-w-3xl">
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('list.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('list.lead')}</p>
			</div>

			<Form
				method="get"
				action="/leasing"
				className="card mt-5 grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_16rem_auto] sm:items-end"
			>
				<div>
					<label htmlFor="leasing-q" className="mb-1.5 block text-sm font-medium text-slate-800">
						{t('list.searchLabel')}
					</label>
					<input
						id="leasing-q"
						name="q"
						type="search"
						defaultValue={params.q}
						placeholder={t('list.searchPlaceholder')}
						maxLength={100}
						className="input"
					/>
				</div>
				<div>
					<label htmlFor="leasing-category" className="mb-1.5 block text-sm font-medium text-slate-800">
						{t('list.category')}
					</label>
					<select id="leasing-category" name="category" defaultValue={params.category ?? ''} className="input">
						<option value="">{t('list.allCategories')}</option>
						{CATEGORY_GROUPS.map((g) => (
							<optgroup key={g.key} label={groupLabel(g.key, locale)}>
								{CATEGORIES.filter((c) => c.group === g.key).map((c) => (
									<option key={c.key} value={c.key}>
										{categoryLabel(c.key, locale)}
									</option>
								))}
							</optgroup>
						))}
					</select>
				</div>
				<button type="submit" className="btn-primary">
					{t('common:search.submit')}
				</button>
			</Form>

			<div className="mt-5">
				{degraded ? (
					<Notice className="mb-5" tone="warning">
						{t('list.degraded')}
					</Notice>
				) : null}
				<p className="mb-3 text-sm text-slate-600" role="status">
					{t('list.count', { count: items.length })}
				</p>
				{items.length === 0 ? (
					<EmptyState title={t('list.empty')}>
						<p>
							<Link to="/leasing" className="link">
								{t('list.clear')}
							</Link>
						</p>
					</EmptyState>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
						{items.map((p) => (
							<li key={p.id}>
								<ProgramCard program={p} to={`/leasing/programs/${p.id}`} />
							</li>
						))}
					</ul>
				)}
			</div>

			<aside className="card mt-8 p-5 text-sm text-slate-700">
				<h2 className="text-base font-semibold text-slate-900">{t('list.howHeading')}</h2>
				<ol className="mt-2 list-decimal space-y-1 pl-5">
					<li>{t('list.how1')}</li>
					<li>{t('list.how2')}</li>
					<li>{t('list.how3')}</li>
				</ol>
			</aside>
		</div>
	)
}
