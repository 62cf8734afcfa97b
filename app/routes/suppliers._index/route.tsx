import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useAreaLabel } from '#app/components/badges.tsx'
import { DegradedNotice, DirectoryBody, DirectoryIntro } from '#app/components/directory-layout.tsx'
import { EmptyState } from '#app/components/empty-state.tsx'
import { FacetList, type FacetOption } from '#app/components/facet-list.tsx'
import { SearchBox } from '#app/components/search-box.tsx'
import { SupplierCard } from '#app/components/supplier-card.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { parseSupplierSearchParams, searchSuppliers } from '#app/search/supplier-search.server.ts'
import { buildSupplierSearchView, type FacetLink } from './view.server.ts'

export const handle = { i18n: ['suppliers'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const params = parseSupplierSearchParams(new URL(request.url).searchParams)
	const result = await searchSuppliers(context, params)
	return { params, result, view: buildSupplierSearchView(params, result) }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'suppliers')
	const q = data?.params.q
	return [
		{ title: q ? t('meta.titleQuery', { q }) : t('meta.title') },
		{ name: 'description', content: t('meta.description') },
	]
}

function Facets() {
	const { view } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['suppliers', 'common'])
	const locale = useAppLocale()
	const areaLabel = useAreaLabel()
	const label = (links: FacetLink[], toLabel: (key: string) => string): FacetOption[] =>
		links.map((l) => ({ ...l, label: toLabel(l.key) }))
	return (
		<div>
			{view.clearHref ? (
				<p className="mb-3">
					<Link to={view.clearHref} className="link text-sm" preventScrollReset>
						{t('facets.clear')}
					</Link>
				</p>
			) : null}
			<FacetList title={t('facets.role')} options={label(view.roles, (k) => t(`common:role.${k}`))} />
			<FacetList title={t('facets.origin')} options={label(view.inZone, () => t('facets.inZoneOnly'))} />
			<FacetList title={t('facets.area')} options={label(view.areas, areaLabel)} />
			<FacetList title={t('facets.industry')} options={label(view.industries, (k) => k)} />
			<FacetList title={t('facets.category')} options={label(view.categories, (k) => categoryLabel(k, locale))} />
		</div>
	)
}

export default function SuppliersPage() {
	const { params, result, view } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['suppliers', 'common'])
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<DirectoryIntro heading={t('heading')} lead={t('lead')}>
				<SearchBox
					action="/suppliers"
					label={t('search.label')}
					placeholder={t('search.placeholder')}
					submitLabel={t('common:search.submit')}
					defaultValue={params.q}
					hidden={view.hidden}
				/>
			</DirectoryIntro>

			{result.degraded ? <DegradedNotice>{t('degraded')}</DegradedNotice> : null}

			<DirectoryBody
				path="/suppliers"
				facets={<Facets />}
				facetsHeading={t('facets.heading')}
				facetsShow={t('facets.show')}
				query={params.q ? t('results.forQuery', { q: params.q }) : null}
				count={t('results.count', { count: result.total })}
				page={result.page}
				totalPages={result.totalPages}
			>
				{result.items.length > 0 ? (
					<ul className="grid gap-4 xl:grid-cols-2">
						{result.items.map((org) => (
							<li key={org.id}>
								<SupplierCard org={org} />
							</li>
						))}
					</ul>
				) : result.degraded ? null : (
					<EmptyState title={params.q ? t('empty.titleQuery', { q: params.q }) : t('empty.title')}>
						<p className="text-center text-sm">
							{t('empty.tip')}{' '}
							{view.clearHref ? (
								<Link to={view.clearHref} className="link">
									{t('facets.clear')}
								</Link>
							) : null}
						</p>
					</EmptyState>
				)}
			</DirectoryBody>
		</div>
	)
}
