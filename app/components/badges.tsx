import { useTranslation } from 'react-i18next'

export function VerifiedBadge() {
	const { t } = useTranslation()
	return (
		<span className="inline-flex items-center gap-1 rounded border border-teal-700 bg-teal-50 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-teal-800">
			<svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 fill-current">
				<path d="M4.5 8.6 1.9 6l-.9.9 3.5 3.5L11 3.9 10.1 3z" />
			</svg>
			{t('badge.verified')}
		</span>
	)
}

/** In-zone flag as words: 区内企业 / 区内制造 (for products). */
export function InZoneBadge({ inZone, made = false }: { inZone: boolean; made?: boolean }) {
	const { t } = useTranslation()
	if (!inZone) return null
	return (
		<span className="inline-flex items-center rounded border border-brand-700 bg-brand-50 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-brand-800">
			{made ? t('badge.inZoneMade') : t('badge.inZone')}
		</span>
	)
}

export function KindBadge({ kind }: { kind: 'equipment' | 'service' }) {
	const { t } = useTranslation()
	return (
		<span className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700">
			{t(`kind.${kind}`)}
		</span>
	)
}

/** An area of the zone in the page's language (stored in Chinese). */
export function useAreaLabel(): (area: string) => string {
	const { t } = useTranslation()
	return (area) => t(`areas.${area}`, { defaultValue: area })
}
