import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useNavigation, type MetaFunction } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { DemandCard } from '#app/components/demands/demand-card.tsx'
import { domainLabel } from '#app/components/demands/labels.ts'
import { EmptyState } from '#app/components/empty-state.tsx'
import { FacetList, type FacetOption } from '#app/components/facet-list.tsx'
import { Pagination } from '#app/components/pagination.tsx'
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
	const locale = useAppLocale()
	const navigation = useNavigation()
	const loading = navigation.state === 'loading' && navigation.location.pathname === '/demands'
	const headingId = useId()
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div className="max-w-3xl flex-1">
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('list.heading')}</h1>
					<p className="mt-2 text-slate-700">{t('list.lead')}</p>
				</div>
				<Link to="/demands/new" className="btn-primary shrink-0">
					{t('list.post')}
				</Link>
			</div>
			<div className="mt-4 max-w-3xl">
				<SearchBox
					action="/demands"
					label={t('list.searchLabel')}
					placeholder={t('list.searchPlaceholder')}
					submitLabel={t('list.searchSubmit')}
					defaultValue={params.q}
					hidden={view.hidden}
				/>
			</div>

			{result.degraded ? (
				<div
					role="status"
					className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-900"
				>
					{t('list.degraded')}
				</div>
			) : null}

			<div className="mt-6 grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)] lg:grid-cols-[16rem_minmax(0,1fr)]">
				<aside aria-label={t('facets.heading')} className="hidden md:block">
					<div className="card p-4">
						<h2 className="mb-3 text-base font-semibold text-slate-900">{t('facets.heading')}</h2>
						<Facets />
					</div>
				</aside>

				<section aria-labelledby={headingId} className="min-w-0">
					<details className="no-marker card mb-4 md:hidden">
						<summary className="flex cursor-pointer items-center justify-between px-4 py-3 font-medium text-slate-900">
							{t('facets.show')}
							<svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current text-slate-600">
								<path d="M3 5h14l-5.5 6.5V17l-3-1.5v-4z" />
							</svg>
						</summary>
						<div className="border-t border-slate-200 p-4">
							<Facets />
						</div>
					</details>

					<div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 pb-3">
						<h2 id={headingId} className="text-lg font-semibold text-slate-900" aria-live="polite">
							{params.q ? <span className="break-anywhere">{t('list.forQuery', { q: params.q })} · </span> : null}
							<span className="font-normal text-slate-700">{t('list.count', { count: result.total })}</span>
							{loading ? <span className="ml-2 text-sm font-normal text-slate-600">…</span> : null}
						</h2>
						<nav aria-label={t('sort.label')} className="text-sm">
							<ul className="flex flex-wrap items-center gap-1">
								<li className="mr-1 text-slate-600" aria-hidden="true">
									{t('sort.labelVisible')}
								</li>
								{view.sorts.map((s) => (
									<li key={s.key}>
										<Link
											to={s.href}
											preventScrollReset
											aria-current={s.selected ? 'true' : undefined}
											className={`inline-block rounded px-2 py-1 ${
												s.selected ? 'bg-brand-700 font-medium text-white' : 'text-brand-700 hover:bg-brand-50'
											}`}
										>
											{t(`sort.${s.key}`)}
										</Link>
									</li>
								))}
							</ul>
						</nav>
					</div>

					{view.alsoSearched.length > 0 ? (
						<p className="mt-3 text-sm text-slate-700">
							<span className="text-slate-600">{t('list.alsoSearched')}</span>{' '}
							{view.alsoSearched.join(locale === 'en' ? ', ' : '、')}
						</p>
					) : null}

					<div aria-busy={loading} className={`mt-4 transition-opacity ${loading ? 'opacity-60' : ''}`}>
						{result.items.length > 0 ? (
							<ul className="grid gap-4">
								{result.items.map((item) => (
									<li key={item.demand.id}>
										<DemandCard demand={item.demand} highlight={item.highlight} />
									</li>
								))}
							</ul>
						) : (
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
					</div>

					<Pagination page={result.page} totalPages={result.totalPages} />
				</section>
			</div>
		</div>
	)
}
