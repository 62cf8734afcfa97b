import { useTranslation } from 'react-i18next'

const STYLES: Record<1 | 2 | 3, string> = {
	1: 'border-green-700 bg-green-50 text-green-800',
	2: 'border-blue-700 bg-blue-50 text-blue-800',
	3: 'border-amber-700 bg-amber-50 text-amber-900',
}

/** 能效等级 1–3 (1 best): the grade is always written out, colour only repeats it. */
export function EnergyGradeBadge({ grade, className = '' }: { grade: 1 | 2 | 3 | null; className?: string }) {
	const { t } = useTranslation()
	if (grade == null) return null
	return (
		<span
			title={t('badge.energyGradeHint')}
			className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${STYLES[grade]} ${className}`}
		>
			<svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 fill-current">
				<path d="M7 0 1 7h4l-1 5 6-7H6z" />
			</svg>
			{t('badge.energyGrade', { grade })}
		</span>
	)
}
