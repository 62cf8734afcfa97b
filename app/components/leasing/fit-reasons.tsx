import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export type FitReasonView = {
	factor: string
	status: 'met' | 'partly' | 'missed'
	code: string
	params: Record<string, string | number | null>
}

const MARK = { met: '✓', partly: '~', missed: '✗' } as const
const TONE = { met: 'text-emerald-800', partly: 'text-amber-800', missed: 'text-red-800' } as const

/** Why a demand fits a programme, one line per factor. */
export function FitReasons({ reasons }: { reasons: FitReasonView[] }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	return (
		<ul className="space-y-0.5 text-sm">
			{reasons.map((r) => (
				<li key={`${r.factor}-${r.code}`} className={`flex gap-2 ${TONE[r.status]}`}>
					<span aria-hidden="true" className="w-3 shrink-0 font-bold">
						{MARK[r.status]}
					</span>
					<span>
						<span className="sr-only">{t(`fitStatus.${r.status}`)} </span>
						{t(`fit.${r.code}`, {
							...r.params,
							category: typeof r.params.category === 'string' ? categoryLabel(r.params.category, locale) : '',
						})}
					</span>
				</li>
			))}
		</ul>
	)
}
