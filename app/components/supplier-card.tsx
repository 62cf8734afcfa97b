import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { PublicOrganization } from '#app/models/public-types.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { InZoneBadge, VerifiedBadge, useAreaLabel } from './badges.tsx'
import { contentLang, displayName } from './product-card.tsx'

const MAX_CATEGORIES = 4

/** A directory entry: public fields only (no contacts ever reach this shape). */
export function SupplierCard({ org }: { org: PublicOrganization }) {
	const { t } = useTranslation(['suppliers', 'common'])
	const locale = useAppLocale()
	const areaLabel = useAreaLabel()
	const name = displayName(locale, org.name, org.nameEn)
	const where = [org.area ? areaLabel(org.area) : null, org.industry].filter(Boolean).join(' · ')
	return (
		<article className="card flex h-full flex-col gap-2 p-4 sm:p-5">
			<div className="flex flex-wrap items-start gap-x-3 gap-y-1">
				<h3 className="break-anywhere min-w-0 flex-1 text-lg font-semibold">
					<Link to={`/suppliers/${org.id}`} className="text-brand-700 hover:underline">
						{name.primary}
					</Link>
				</h3>
				<div className="mt-1 flex flex-wrap gap-1.5">
					<InZoneBadge inZone={org.inZone} />
					{org.verified ? <VerifiedBadge /> : null}
				</div>
			</div>
			{name.secondary ? (
				<p lang={name.secondaryLang} className="break-anywhere -mt-1 text-sm text-slate-600">
					{name.secondary}
				</p>
			) : null}
			<p className="flex flex-wrap gap-x-2 text-sm text-slate-700">
				<span>{org.roles.map((r) => t(`common:role.${r}`)).join(locale === 'en' ? ', ' : '、')}</span>
				{where ? (
					<>
						<span aria-hidden="true">·</span>
						<span>{where}</span>
					</>
				) : null}
			</p>
			{org.description ? (
				<p lang={contentLang(locale)} className="line-clamp-2 text-sm leading-relaxed text-slate-700">
					{org.description}
				</p>
			) : null}
			<div className="mt-auto flex flex-wrap items-center gap-1.5 pt-1">
				{org.categories.slice(0, MAX_CATEGORIES).map((c) => (
					<span key={c} className="chip text-xs">
						{categoryLabel(c, locale)}
					</span>
				))}
				{org.categories.length > MAX_CATEGORIES ? (
					<span className="text-xs text-slate-600">+{org.categories.length - MAX_CATEGORIES}</span>
				) : null}
			</div>
			<p className="border-t border-slate-100 pt-2 text-sm text-slate-700">
				{org.productCount > 0 ? t('card.productCount', { count: org.productCount }) : t('card.noProducts')}
			</p>
		</article>
	)
}
