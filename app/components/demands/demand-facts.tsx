import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { contentLang } from '#app/components/product-card.tsx'
import { formatDate, formatNumber, formatWan } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { OwnerDemand, PublicDemand } from '#app/models/demand.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { domainDepartment, domainLabel, money } from './labels.ts'

export function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 border-b border-slate-100 py-2.5 last:border-b-0 sm:grid-cols-[8rem_minmax(0,1fr)]">
			<dt className="text-slate-600">{label}</dt>
			<dd className="break-anywhere text-slate-900">{children}</dd>
		</div>
	)
}

function isOwner(d: PublicDemand | OwnerDemand): d is OwnerDemand {
	return 'budgetMin' in d
}

/** The budget as a range, or the dash. */
export function BudgetText({ min, max }: { min: number | null; max: number | null }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	if (min != null && max != null && max > min) {
		// "25–40 万元" reads better than repeating the unit; English keeps the currency on both ends.
		if (locale !== 'en') return <>{t('detail.budgetRange', { min: formatWan(min), max: money(locale, max) })}</>
		return <>{t('detail.budgetRange', { min: money(locale, min), max: money(locale, max) })}</>
	}
	if (min != null) return <>{max != null ? money(locale, min) : t('detail.budgetFrom', { min: money(locale, min) })}</>
	if (max != null) return <>{t('detail.budgetUpTo', { max: money(locale, max) })}</>
	return <>{t('common:none')}</>
}

/** The demand's facts; the budget row only when the caller holds the owner's view. */
export function DemandFacts({ demand }: { demand: PublicDemand | OwnerDemand }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const none = t('common:none')
	const dept = domainDepartment(demand.domain, locale)
	return (
		<dl className="text-sm">
			<Fact label={t('detail.category')}>
				{demand.categoryKey ? categoryLabel(demand.categoryKey, locale) : t('card.uncategorized')}
			</Fact>
			<Fact label={t('detail.domain')}>
				{demand.domain ? (
					<>
						{domainLabel(demand.domain, locale)}
						{dept ? <span className="ml-2 text-xs text-slate-600">{t('detail.department', { dept })}</span> : null}
					</>
				) : (
					none
				)}
			</Fact>
			<Fact label={t('detail.quantity')}>{formatNumber(locale, demand.quantity)}</Fact>
			<Fact label={t('detail.keySpecs')}>
				{demand.keySpecs.length > 0 ? (
					<ul lang={contentLang(locale)} className="space-y-0.5">
						{demand.keySpecs.map(([k, v]) => (
							<li key={k}>
								<span className="text-slate-600">{k}：</span>
								{v}
							</li>
						))}
					</ul>
				) : (
					none
				)}
			</Fact>
			<Fact label={t('detail.neededBy')}>{demand.neededBy ? formatDate(locale, demand.neededBy) : none}</Fact>
			<Fact label={t('detail.minEnergyGrade')}>
				{demand.minEnergyGrade ? t('detail.energyFloor', { grade: demand.minEnergyGrade }) : none}
			</Fact>
			<Fact label={t('detail.preferInZone')}>{demand.preferInZone ? t('detail.yes') : t('detail.no')}</Fact>
			<Fact label={t('detail.financing')}>{t(`financing.${demand.financing}`)}</Fact>
			{isOwner(demand) ? (
				<Fact label={t('detail.budget')}>
					<BudgetText min={demand.budgetMin} max={demand.budgetMax} />
					<span className="mt-0.5 block text-xs text-slate-600">{t('detail.budgetPrivate')}</span>
				</Fact>
			) : null}
			<Fact label={t('detail.expiresAt')}>{demand.expiresAt ? formatDate(locale, demand.expiresAt) : none}</Fact>
			{demand.publishedAt ? (
				<Fact label={t('detail.publishedAt')}>{formatDate(locale, demand.publishedAt)}</Fact>
			) : null}
		</dl>
	)
}

export function OldEquipmentFacts({ demand }: { demand: PublicDemand }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const old = demand.old
	if (!old) return null
	const none = t('common:none')
	return (
		<dl className="text-sm">
			<Fact label={t('detail.oldName')}>{old.name ?? none}</Fact>
			<Fact label={t('detail.oldModel')}>{old.model ?? none}</Fact>
			<Fact label={t('detail.oldInstalledYear')}>{old.installedYear ?? none}</Fact>
			<Fact label={t('detail.oldQuantity')}>{old.quantity != null ? formatNumber(locale, old.quantity) : none}</Fact>
			<Fact label={t('detail.oldEnergyGrade')}>
				{old.energyGrade != null ? t('detail.oldGrade', { grade: old.energyGrade }) : none}
			</Fact>
			<Fact label={t('detail.oldAnnualEnergyKwh')}>
				{old.annualEnergyKwh != null ? t('detail.kwh', { value: formatNumber(locale, old.annualEnergyKwh) }) : none}
			</Fact>
		</dl>
	)
}
