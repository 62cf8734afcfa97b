import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DemandCard } from '#app/components/demands/demand-card.tsx'
import { domainLabel } from '#app/components/demands/labels.ts'
import { DegradedNotice, DirectoryBody, DirectoryIntro, SortLinks } from '#app/components/directory-layout.tsx'
import { EmptyState } from '#app/components/empty-state.tsx'
import { FacetList, type FacetOption } from '#app/components/facet-list.tsx'
import { SearchBox } from '#app/components/search-box.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { categoryLabel, groupLabel } from '#app/models/taxonomy.ts'
import {
	buildDemandSearchView,
	parseDemandSearchParams,
	searchDemands,
	type DemandFacetLink,
} from '#app/search/demand-search.server.ts'

export const handle = { i18n: ['demands'] }

/** The public list of open demands: no sign-in, no budgets, no contacts (the index has none). */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const params = parseDemandSearchParams(new URL(request.url).searchParams)
	const result = await searchDemands(context, params)
	return { params, result, view: buildDemandSearchView(params, result) }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'demands')
	const q = data?.params.q
	return [
		{ title: q ? t('meta.titleQuery', { q }) : t('meta.title') },
		{ name: 'description', content: t('meta.description') },
	]
}

function Facets() {
	const { view } = useLoaderData<typeof loader>()
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	const label = (links: DemandFacetLink[], toLabel: (key: string) => string): FacetOption[] =>
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
			<FacetList title={t('facets.domain')} options={label(view.domains, (k) => domainLabel(k, locale))} />
			<FacetList title={t('facets.group')} options={label(view.groups, (k) => groupLabel(k, locale))} />
			<FacetList title={t('facets.category')} options={label(view.categories, (k) => categoryLabel(k, locale))} />
		</div>
	)
}

export default function DemandsPage() {
	const { params, result, view } = useLoaderData<typeof loader>()
	const { t } = useTranslation('demands')
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<DirectoryIntro
				heading={t('list.heading')}
				lead={t('list.lead')}
				action={
					<Link to="/demands/new" className="btn-primary shrink-0">
						{t('list.post')}
					</Link>
				}
			>
				<SearchBox
					action="/demands"
					label={t('list.searchLabel')}
					placeholder={t('list.searchPlaceholder')}
					submitLabel={t('list.searchSubmit')}
					defaultValue={params.q}
					hidden={view.hidden}
				/>
			</DirectoryIntro>

			{result.degraded ? <DegradedNotice>{t('list.degraded')}</DegradedNotice> : null}

			<DirectoryBody
				path="/demands"
				facets={<Facets />}
				facetsHeading={t('facets.heading')}
				facetsShow={t('facets.show')}
				query={params.q ? t('list.forQuery', { q: params.q }) : null}
				count={t('list.count', { count: result.total })}
				sort={
					<SortLinks
						label={t('sort.label')}
						labelVisible={t('sort.labelVisible')}
						sorts={view.sorts}
						sortLabel={(key) => t(`sort.${key}`)}
					/>
				}
				alsoSearched={{ label: t('list.alsoSearched'), terms: view.alsoSearched }}
				page={result.page}
				totalPages={result.totalPages}
			>
				{result.items.length > 0 ? (
					<ul className="grid gap-4">
						{result.items.map((item) => (
							<li key={item.demand.id}>
								<DemandCard demand={item.demand} highlight={item.highlight} />
							</li>
						))}
					</ul>
				) : result.degraded ? null : (
					<EmptyState title={params.q ? t('list.emptyTitleQuery', { q: params.q }) : t('list.emptyTitle')}>
						<ul className="list-disc space-y-1 pl-5 text-sm">
							<li>{t('list.emptyTip1')}</li>
							<li>
								{view.clearHref ? (
									<Link to={view.clearHref} className="link">
										{t('list.emptyTip2')}
									</Link>
								) : (
									t('list.emptyTip2')
								)}
							</li>
							<li>
								<Link to="/products" className="link">
									{t('list.emptyTip3')}
								</Link>
							</li>
						</ul>
					</EmptyState>
				)}
			</DirectoryBody>
		</div>
	)
}
