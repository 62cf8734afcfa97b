import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { InZoneBadge, KindBadge, VerifiedBadge, useAreaLabel } from '#app/components/badges.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { EnergyGradeBadge } from '#app/components/energy-grade-badge.tsx'
import { PriceBand } from '#app/components/price-band.tsx'
import { ProductCard, contentLang, displayName } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { listProductImages } from '#app/models/product-image.server.ts'
import { toProductCard } from '#app/models/product-card.ts'
import { getPublicProduct } from '#app/models/product.server.ts'
import type { PublicProduct } from '#app/models/public-types.ts'
import { categoryLabel, groupLabel } from '#app/models/taxonomy.ts'
import { parseProductSearchParams, searchSimilarProducts } from '#app/search/product-search.server.ts'
import { productsHref } from './products._index/view.server.ts'

export const handle = { i18n: ['products'] }

/** A positive integer id, or null for anything else ("abc", "1e3", "-1", "007x"). */
function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

export async function loader({ params, context }: LoaderFunctionArgs) {
	const id = parseId(params.id)
	if (id == null) throw new Response(null, { status: 404, statusText: 'Not Found' })
	const product = await getPublicProduct(context.db, id)
	if (!product) throw new Response(null, { status: 404, statusText: 'Not Found' })
	// Similar products are a nicety: a search outage must not take the product page down.
	const [similar, images] = await Promise.all([
		searchSimilarProducts(context, product, 4).catch((): PublicProduct[] => []),
		listProductImages(context.db, product.id),
	])
	const defaults = parseProductSearchParams(new URLSearchParams())
	return {
		product,
		images: images.map((i) => ({ id: i.id, url: i.url })),
		similar: similar.filter((p) => p.id !== product.id).map(toProductCard),
		groupHref: productsHref({ ...defaults, group: product.groupKey }),
		categoryHref: productsHref({ ...defaults, group: product.groupKey, categories: [product.categoryKey] }),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = localeFromMatches(matches)
	const t = getFixedT(locale, 'products')
	if (!data) return [{ title: t('meta.title') }]
	const { product } = data
	const name = displayName(locale, product.name, product.nameEn).primary
	const description = (product.description ?? t('meta.description')).replace(/\s+/g, ' ').slice(0, 160)
	return [
		{ title: t('meta.productTitle', { name, category: categoryLabel(product.categoryKey, locale) }) },
		{ name: 'description', content: description },
	]
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 border-b border-slate-100 py-2.5 last:border-b-0 sm:grid-cols-[8rem_minmax(0,1fr)]">
			<dt className="text-slate-600">{label}</dt>
			<dd className="break-anywhere text-slate-900">{children}</dd>
		</div>
	)
}

export default function ProductPage() {
	const { product, images, similar, groupHref, categoryHref } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['products', 'common'])
	const locale = useAppLocale()
	const areaLabel = useAreaLabel()
	const name = displayName(locale, product.name, product.nameEn)
	const org = displayName(locale, product.org.name, product.org.nameEn)
	const none = t('common:none')
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('common:nav.products'), to: '/products' },
					{ label: groupLabel(product.groupKey, locale), to: groupHref },
					{ label: categoryLabel(product.categoryKey, locale), to: categoryHref },
					{ label: name.primary },
				]}
			/>

			<div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<div className="min-w-0 space-y-6">
					<header className="card p-5 sm:p-6">
						<div className="flex flex-wrap items-center gap-2">
							<KindBadge kind={product.kind} />
							<EnergyGradeBadge grade={product.energyGrade} />
							<InZoneBadge inZone={product.org.inZone} made={product.kind === 'equipment'} />
						</div>
						<h1
							lang={name.primaryLang === locale ? undefined : name.primaryLang}
							className="break-anywhere mt-3 text-2xl font-bold text-slate-900 sm:text-3xl"
						>
							{name.primary}
						</h1>
						{name.secondary ? (
							<p lang={name.secondaryLang} className="break-anywhere mt-1 text-slate-600">
								{name.secondary}
							</p>
						) : null}
						<p className="mt-4 text-2xl font-semibold text-red-800">
							<PriceBand min={product.priceMin} max={product.priceMax} />
						</p>
						<p className="mt-1 text-xs text-slate-600">{t('detail.priceNote')}</p>
						<p className="mt-4 flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-slate-100 pt-3 text-sm">
							<span className="text-slate-600">{t('card.maker')}</span>
							<Link to={`/suppliers/${product.org.id}`} className="link break-anywhere">
								{org.primary}
							</Link>
							{product.org.verified ? <VerifiedBadge /> : null}
						</p>
					</header>

					{images.length > 0 ? (
						<section aria-label={t('detail.images')} className="card p-3 sm:p-4">
							<ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
								{images.map((img, i) => (
									<li key={img.id}>
										<a href={img.url} className="block overflow-hidden rounded-md ring-1 ring-slate-200">
											<img
												src={img.url}
												alt={t('detail.imageAlt', { name: name.primary, n: i + 1 })}
												loading="lazy"
												className="aspect-[4/3] w-full object-cover"
											/>
										</a>
									</li>
								))}
							</ul>
						</section>
					) : null}

					<section aria-labelledby="facts" className="card p-5 sm:p-6">
						<h2 id="facts" className="text-lg font-semibold text-slate-900">
							{t('detail.facts')}
						</h2>
						<dl className="mt-3 text-sm">
							<Fact label={t('detail.model')}>{product.model ?? none}</Fact>
							<Fact label={t('detail.brand')}>{product.brand ?? none}</Fact>
							<Fact label={t('detail.category')}>
								<Link to={categoryHref} className="link">
									{categoryLabel(product.categoryKey, locale)}
								</Link>
							</Fact>
							<Fact label={t('detail.kind')}>{t(`common:kind.${product.kind}`)}</Fact>
							<Fact label={t('detail.energyGrade')}>
								{product.energyGrade != null ? <EnergyGradeBadge grade={product.energyGrade} /> : none}
							</Fact>
							<Fact label={t('detail.price')}>
								<PriceBand min={product.priceMin} max={product.priceMax} />
							</Fact>
							<Fact label={t('detail.leadTime')}>
								{product.leadTimeDays != null ? t('common:days', { count: product.leadTimeDays }) : none}
							</Fact>
							<Fact label={t('detail.certifications')}>
								{product.certifications.length > 0 ? (
									<ul className="flex flex-wrap gap-1.5">
										{product.certifications.map((c) => (
											<li key={c} className="chip">
												{c}
											</li>
										))}
									</ul>
								) : (
									none
								)}
							</Fact>
							<Fact label={t('detail.tags')}>
								{product.tags.length > 0 ? (
									<ul className="flex flex-wrap gap-1.5">
										{product.tags.map((tag) => (
											<li key={tag} className="chip">
												{tag}
											</li>
										))}
									</ul>
								) : (
									none
								)}
							</Fact>
							{product.publishedAt ? (
								<Fact label={t('detail.published')}>{formatDate(locale, product.publishedAt)}</Fact>
							) : null}
						</dl>
					</section>

					{product.specs.length > 0 ? (
						<section aria-labelledby="specs" className="card p-5 sm:p-6">
							<h2 id="specs" className="text-lg font-semibold text-slate-900">
								{t('detail.specs')}
							</h2>
							<div lang={contentLang(locale)} className="mt-3 overflow-x-auto">
								<table className="w-full border-collapse text-sm">
									<caption className="sr-only">{t('detail.specsCaption', { name: name.primary })}</caption>
									<thead>
										<tr className="bg-slate-50 text-left">
											<th scope="col" className="border border-slate-200 px-3 py-2 font-semibold text-slate-700">
												{t('detail.specName')}
											</th>
											<th scope="col" className="border border-slate-200 px-3 py-2 font-semibold text-slate-700">
												{t('detail.specValue')}
											</th>
										</tr>
									</thead>
									<tbody>
										{product.specs.map(([key, value], i) => (
											<tr key={`${key}-${i}`}>
												<th
													scope="row"
													className="w-2/5 border border-slate-200 px-3 py-2 text-left font-normal text-slate-700"
												>
													{key}
												</th>
												<td className="break-anywhere border border-slate-200 px-3 py-2 text-slate-900">{value}</td>
											</tr>
										))}
									</tbody>
								</table>
							</div>
						</section>
					) : null}

					{product.description ? (
						<section aria-labelledby="description" className="card p-5 sm:p-6">
							<h2 id="description" className="text-lg font-semibold text-slate-900">
								{t('detail.description')}
							</h2>
							<p lang={contentLang(locale)} className="mt-3 leading-relaxed whitespace-pre-line text-slate-800">
								{product.description}
							</p>
						</section>
					) : null}
				</div>

				<aside aria-labelledby="maker" className="space-y-6">
					<section className="card p-5">
						<h2 id="maker" className="text-sm font-semibold text-slate-600">
							{t('detail.maker')}
						</h2>
						<p className="break-anywhere mt-2 text-lg font-semibold text-slate-900">{org.primary}</p>
						{org.secondary ? (
							<p lang={org.secondaryLang} className="break-anywhere text-sm text-slate-600">
								{org.secondary}
							</p>
						) : null}
						<div className="mt-3 flex flex-wrap gap-2">
							<InZoneBadge inZone={product.org.inZone} />
							{product.org.verified ? <VerifiedBadge /> : null}
						</div>
						{product.org.area ? (
							<p className="mt-3 text-sm text-slate-700">
								{t('detail.areaWithValue', { area: areaLabel(product.org.area) })}
							</p>
						) : null}
						<Link to={`/suppliers/${product.org.id}`} className="btn-secondary mt-4 w-full">
							{t('detail.viewMaker')}
						</Link>
					</section>
				</aside>
			</div>

			{similar.length > 0 ? (
				<section aria-labelledby="similar" className="mt-10">
					<h2 id="similar" className="text-xl font-semibold text-slate-900">
						{t('detail.similar')}
					</h2>
					<ul className="mt-4 grid gap-4 sm:grid-cols-2">
						{similar.map((p) => (
							<li key={p.id} className="flex">
								<div className="flex-1 [&>article]:h-full">
									<ProductCard product={p} headingLevel="h3" />
								</div>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}
