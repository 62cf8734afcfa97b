import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { InZoneBadge, VerifiedBadge, useAreaLabel } from '#app/components/badges.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { ProductCard, contentLang, displayName } from '#app/components/product-card.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getPublicOrganization } from '#app/models/organization.server.ts'
import { toProductCard } from '#app/models/product-card.ts'
import { listPublicProductsOfOrg } from '#app/models/product.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['suppliers', 'products'] }

const PER_PAGE = 12

function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

/** ?page= as a page number; junk and out-of-range values mean page 1. */
function parsePage(raw: string | null): number {
	if (!raw || !/^[1-9][0-9]{0,5}$/.test(raw)) return 1
	return Number(raw)
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const id = parseId(params.id)
	if (id == null) throw new Response(null, { status: 404, statusText: 'Not Found' })
	const org = await getPublicOrganization(context.db, id)
	if (!org) throw new Response(null, { status: 404, statusText: 'Not Found' })
	const totalPages = Math.max(1, Math.ceil(org.productCount / PER_PAGE))
	const page = Math.min(parsePage(new URL(request.url).searchParams.get('page')), totalPages)
	const products = await listPublicProductsOfOrg(context.db, org.id, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE })
	return { org, products: products.map(toProductCard), page, totalPages }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = localeFromMatches(matches)
	const t = getFixedT(locale, 'suppliers')
	if (!data) return [{ title: t('meta.title') }]
	const name = displayName(locale, data.org.name, data.org.nameEn).primary
	const description = (data.org.description ?? t('meta.description')).replace(/\s+/g, ' ').slice(0, 160)
	return [{ title: t('meta.profileTitle', { name }) }, { name: 'description', content: description }]
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="py-2.5">
			<dt className="text-xs text-slate-600">{label}</dt>
			<dd className="break-anywhere mt-0.5 text-slate-900">{children}</dd>
		</div>
	)
}

export default function SupplierPage() {
	const { org, products, page, totalPages } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['suppliers', 'common'])
	const locale = useAppLocale()
	const areaLabel = useAreaLabel()
	const name = displayName(locale, org.name, org.nameEn)
	const none = t('common:none')
	const websiteHref = org.website && /^https?:\/\//i.test(org.website) ? org.website : null
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('common:nav.suppliers'), to: '/suppliers' },
					{ label: name.primary },
				]}
			/>

			<header className="card mt-4 p-5 sm:p-6">
				<div className="flex flex-wrap gap-2">
					<InZoneBadge inZone={org.inZone} />
					{org.verified ? <VerifiedBadge /> : null}
				</div>
				<h1 className="break-anywhere mt-3 text-2xl font-bold text-slate-900 sm:text-3xl">{name.primary}</h1>
				{name.secondary ? (
					<p lang={name.secondaryLang} className="break-anywhere mt-1 text-slate-600">
						{name.secondary}
					</p>
				) : null}
			</header>

			<div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<section aria-labelledby="about" className="card p-5 sm:p-6">
					<h2 id="about" className="text-lg font-semibold text-slate-900">
						{t('profile.about')}
					</h2>
					{org.description ? (
						<p lang={contentLang(locale)} className="mt-3 leading-relaxed whitespace-pre-line text-slate-800">
							{org.description}
						</p>
					) : (
						<p className="mt-3 text-slate-600">{t('profile.noDescription')}</p>
					)}
					{org.categories.length > 0 ? (
						<>
							<h3 className="mt-6 text-sm font-semibold text-slate-900">{t('profile.categories')}</h3>
							<ul className="mt-2 flex flex-wrap gap-2">
								{org.categories.map((c) => (
									<li key={c} className="chip">
										{categoryLabel(c, locale)}
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
				<aside aria-labelledby="company-facts" className="card p-5">
					<h2 id="company-facts" className="text-sm font-semibold text-slate-600">
						{t('profile.facts')}
					</h2>
					<dl className="mt-1 divide-y divide-slate-100 text-sm">
						<Fact label={t('profile.roles')}>
							{org.roles.map((r) => t(`common:role.${r}`)).join(locale === 'en' ? ', ' : '、')}
						</Fact>
						<Fact label={t('profile.area')}>
							{org.area ? areaLabel(org.area) : none}
							{' · '}
							{org.inZone ? t('common:badge.inZone') : t('common:badge.outOfZone')}
						</Fact>
						<Fact label={t('profile.industry')}>{org.industry ?? none}</Fact>
						{websiteHref ? (
							<Fact label={t('profile.website')}>
								<a href={websiteHref} className="link" rel="noopener noreferrer nofollow" target="_blank">
									{org.website}
								</a>
							</Fact>
						) : null}
					</dl>
				</aside>
			</div>

			<section aria-labelledby="org-products" className="mt-10">
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="org-products" className="text-xl font-semibold text-slate-900">
						{t('profile.products')}
					</h2>
					{org.productCount > 0 ? (
						<p className="text-sm text-slate-600">{t('profile.productsCount', { count: org.productCount })}</p>
					) : null}
				</div>
				{products.length > 0 ? (
					<ul className="mt-4 grid gap-4 md:grid-cols-2">
						{products.map((p) => (
							<li key={p.id} className="flex">
								<div className="flex-1 [&>article]:h-full">
									<ProductCard product={p} showMaker={false} headingLevel="h3" />
								</div>
							</li>
						))}
					</ul>
				) : (
					<p className="card mt-4 p-6 text-slate-700">{t('profile.noProducts')}</p>
				)}
				<Pagination page={page} totalPages={totalPages} />
			</section>
			<p className="mt-8">
				<Link to="/suppliers" className="link">
					<span aria-hidden="true">← </span>
					{t('common:nav.suppliers')}
				</Link>
			</p>
		</div>
	)
}
