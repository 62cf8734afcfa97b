import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { formatReason, type MatchReason, type ReasonStatus } from '#app/matching/reasons.ts'

const ICON: Record<ReasonStatus, { path: string; className: string }> = {
	met: { path: 'M4.5 8.6 1.9 6l-.9.9 3.5 3.5L11 3.9 10.1 3z', className: 'bg-green-700 text-white' },
	partly: { path: 'M2 5.25h8v1.5H2z', className: 'bg-amber-500 text-white' },
	missed: {
		path: 'M3.1 2 2 3.1 4.9 6 2 8.9 3.1 10 6 7.1 8.9 10 10 8.9 7.1 6 10 3.1 8.9 2 6 4.9z',
		className: 'bg-slate-500 text-white',
	},
}

/**
 * A match's reasons as plain sentences in the page's language, each marked met / partly / missed
 * in words (for screen readers) and with an icon (the colour only repeats the word).
 */
export function ReasonList({ reasons, label }: { reasons: MatchReason[]; label?: string }) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	if (reasons.length === 0) return null
	return (
		<ul aria-label={label ?? t('matches.reasons')} className="space-y-1 text-sm">
			{reasons.map((r, i) => {
				const icon = ICON[r.status]
				return (
					<li key={`${r.code}-${i}`} className="flex items-start gap-2">
						<span
							aria-hidden="true"
							className={`mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full ${icon.className}`}
						>
							<svg viewBox="0 0 12 12" className="size-3 fill-current">
								<path d={icon.path} />
							</svg>
						</span>
						<span className="min-w-0 text-slate-800">
							<span className="sr-only">{t(`reasonStatus.${r.status}`)}：</span>
							{formatReason(r, locale)}
						</span>
					</li>
				)
			})}
		</ul>
	)
}
