import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DegradedNotice, DirectoryBody, DirectoryIntro, SortLinks } from '#app/components/directory-layout.tsx'
import { EmptyState } from '#app/components/empty-state.tsx'
import { FacetList, type FacetOption } from '#app/components/facet-list.tsx'
import { ProductCard } from '#app/components/product-card.tsx'
import { SearchBox } from '#app/components/search-box.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { toProductCard } from '#app/models/product-card.ts'
import { categoryLabel, groupLabel } from '#app/models/taxonomy.ts'
import { parseProductSearchParams, searchProducts } from '#app/search/product-search.server.ts'
import { buildProductSearchView, type FacetLink } from './view.server.ts'

export const handle = { i18n: ['products'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const params = parseProductSearchParams(new URL(request.url).searchParams)
	const result = await searchProducts(context, params)
	const items = result.items.map((i) => ({ product: toProductCard(i.product), highlight: i.highlight }))
	return { params, result: { ...result, items }, view: buildProductSearchView(params, result) }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'products')
	const q = data?.params.q
	return [
		{ title: q ? t('meta.titleQuery', { q }) : t('meta.title') },
		{ name: 'description', content: t('meta.description') },
	]
}

function Facets() {
	const { view } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['products', 'common'])
	const locale = useAppLocale()
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
			<FacetList title={t('facets.group')} options={label(view.groups, (k) => groupLabel(k, locale))} />
			<FacetList title={t('facets.category')} options={label(view.categories, (k) => categoryLabel(k, locale))} />
			<FacetList
				title={t('facets.energyGrade')}
				options={label(view.energyGrades, (k) => t('common:badge.energyGrade', { grade: k }))}
			/>
			<FacetList title={t('facets.origin')} options={label(view.inZone, () => t('facets.inZoneOnly'))} />
			<FacetList title={t('facets.kind')} options={label(view.kinds, (k) => t(`common:kind.${k}`))} />
			<FacetList title={t('facets.priceBand')} options={label(view.priceBands, (k) => t(`priceBand.${k}`))} />
		</div>
	)
}

export default function ProductsPage() {
	const { params, result, view } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['products', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<DirectoryIntro heading={t('heading')} lead={t('lead')}>
				<SearchBox
					action="/products"
					label={t('common:search.label')}
					placeholder={t('common:search.placeholder')}
					submitLabel={t('common:search.submit')}
					defaultValue={params.q}
					hidden={view.hidden}
				/>
			</DirectoryIntro>

			{result.degraded ? <DegradedNotice>{t('degraded')}</DegradedNotice> : null}

			<DirectoryBody
				path="/products"
				facets={<Facets />}
				facetsHeading={t('facets.heading')}
				facetsShow={t('facets.show')}
				query={params.q ? t('results.forQuery', { q: params.q }) : null}
				count={t('results.count', { count: result.total })}
				sort={
					<SortLinks
						label={t('sort.label')}
						labelVisible={t('sort.labelVisible')}
						sorts={view.sorts}
						sortLabel={(key) => t(`sort.${key}`)}
					/>
				}
				alsoSearched={{ label: t('results.alsoSearched'), terms: view.alsoSearched }}
				page={result.page}
				totalPages={result.totalPages}
			>
				{result.items.length > 0 ? (
					<ul className="grid gap-4">
						{result.items.map((item) => (
							<li key={item.product.id}>
								<ProductCard product={item.product} highlight={item.highlight} headingLevel="h3" />
							</li>
						))}
					</ul>
				) : result.degraded ? null : (
					<EmptyState title={params.q ? t('empty.titleQuery', { q: params.q }) : t('empty.title')}>
						{view.suggestions.length > 0 ? (
							<div className="mb-4">
								<p className="font-medium text-slate-900">{t('empty.tryCategories')}</p>
								<ul className="mt-2 flex flex-wrap gap-2">
									{view.suggestions.map((s) => (
										<li key={s.key}>
											<Link to={s.href} className="chip hover:border-brand-700 hover:text-brand-700">
												{categoryLabel(s.key, locale)}
											</Link>
										</li>
									))}
								</ul>
							</div>
						) : null}
						<p className="font-medium text-slate-900">{t('empty.tipsHeading')}</p>
						<ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
							<li>{t('empty.tip1')}</li>
							<li>
								{view.clearHref ? (
									<Link to={view.clearHref} className="link">
										{t('empty.tip2')}
									</Link>
								) : (
									t('empty.tip2')
								)}
							</li>
							<li>
								<Link to="/" className="link">
									{t('empty.tip3')}
								</Link>
							</li>
						</ul>
					</EmptyState>
				)}
			</DirectoryBody>
		</div>
	)
}
