import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { ProductCardData } from '#app/models/product-card.ts'
import type { Highlighted } from '#app/models/public-types.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { InZoneBadge, KindBadge, VerifiedBadge } from './badges.tsx'
import { EnergyGradeBadge } from './energy-grade-badge.tsx'
import { Highlight } from './highlight.tsx'
import { PriceBand } from './price-band.tsx'

type Props = {
	product: ProductCardData
	highlight?: { name: Highlighted; description: Highlighted }
	/** Leave out the maker line (on the maker's own page). */
	showMaker?: boolean
	headingLevel?: 'h2' | 'h3'
}

/** The product's name in the page's language: English pages prefer nameEn when there is one. */
export function displayName(
	locale: string,
	name: string,
	nameEn: string | null,
): { primary: string; primaryLang: string; secondary: string | null; secondaryLang: string } {
	if (locale === 'en' && nameEn)
		return { primary: nameEn, primaryLang: 'en', secondary: name, secondaryLang: CONTENT_LANG }
	return { primary: name, primaryLang: CONTENT_LANG, secondary: nameEn, secondaryLang: 'en' }
}

/** Listings are written in Chinese (DESIGN.md): mark them so on English pages (fonts, screen readers). */
export const CONTENT_LANG = 'zh-CN'

/** The `lang` attribute for user content on a page in `locale`: only needed when they differ. */
export function contentLang(locale: string): string | undefined {
	return locale === CONTENT_LANG ? undefined : CONTENT_LANG
}

export function ProductCard({ product, highlight, showMaker = true, headingLevel = 'h2' }: Props) {
	const { t } = useTranslation(['products', 'common'])
	const locale = useAppLocale()
	const Heading = headingLevel
	// The highlight is of the Chinese name; on English pages with an English name, show that plainly.
	const useEnName = locale === 'en' && product.nameEn
	const orgName = displayName(locale, product.org.name, product.org.nameEn).primary
	const meta = [product.model, product.brand].filter(Boolean).join(' · ')
	return (
		<article className="card flex flex-col gap-2 p-4 sm:p-5">
			<div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
				<Heading className="break-anywhere min-w-0 flex-1 text-lg font-semibold text-slate-900">
					<Link to={`/products/${product.id}`} className="text-brand-700 hover:underline">
						{useEnName ? product.nameEn : <Highlight segments={highlight?.name} fallback={product.name} />}
					</Link>
				</Heading>
				<EnergyGradeBadge grade={product.energyGrade} className="mt-1" />
			</div>
			<p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
				<KindBadge kind={product.kind} />
				<span>{categoryLabel(product.categoryKey, locale)}</span>
				{meta ? (
					<>
						<span aria-hidden="true">·</span>
						<span className="break-anywhere">{meta}</span>
					</>
				) : null}
			</p>
			{product.description ? (
				<p lang={contentLang(locale)} className="line-clamp-2 text-sm leading-relaxed text-slate-700">
					<Highlight segments={highlight?.description} fallback={product.description} />
				</p>
			) : null}
			<div className="mt-auto flex flex-wrap items-center gap-x-4 gap-y-1 pt-1 text-sm">
				<PriceBand min={product.priceMin} max={product.priceMax} className="font-semibold text-red-800" />
				{product.leadTimeDays != null ? (
					<span className="text-slate-700">{t('common:leadTime', { count: product.leadTimeDays })}</span>
				) : null}
			</div>
			{showMaker ? (
				<p className="flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-slate-100 pt-2 text-sm text-slate-700">
					<span className="text-slate-600">{t('card.maker')}</span>
					<Link to={`/suppliers/${product.org.id}`} className="link break-anywhere">
						{orgName}
					</Link>
					<InZoneBadge inZone={product.org.inZone} made={product.kind === 'equipment'} />
					{product.org.verified ? <VerifiedBadge /> : null}
				</p>
			) : null}
		</article>
	)
}
