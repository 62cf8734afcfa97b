import { useTranslation } from 'react-i18next'
import type { DemandStatus, MatchStatus } from '#db/schema.ts'

const DEMAND_STYLES: Record<DemandStatus, string> = {
	draft: 'border-slate-400 bg-slate-50 text-slate-700',
	open: 'border-green-700 bg-green-50 text-green-800',
	matched: 'border-green-700 bg-green-50 text-green-800',
	closed: 'border-slate-500 bg-slate-100 text-slate-700',
	cancelled: 'border-slate-400 bg-slate-100 text-slate-600',
}

export function DemandStatusBadge({ status, expired = false }: { status: DemandStatus; expired?: boolean }) {
	const { t } = useTranslation('demands')
	const style = expired ? 'border-amber-700 bg-amber-50 text-amber-900' : DEMAND_STYLES[status]
	return (
		<span
			className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${style}`}
		>
			{expired ? t('closeReason.expired') : t(`status.${status}`)}
		</span>
	)
}

const MATCH_STYLES: Record<MatchStatus, string> = {
	suggested: 'border-slate-300 bg-white text-slate-700',
	shortlisted: 'border-brand-700 bg-brand-50 text-brand-800',
	inquiry_sent: 'border-amber-700 bg-amber-50 text-amber-900',
	quoted: 'border-teal-700 bg-teal-50 text-teal-800',
	declined: 'border-slate-400 bg-slate-100 text-slate-600',
	won: 'border-green-700 bg-green-50 text-green-800',
	lost: 'border-slate-400 bg-slate-100 text-slate-600',
}

export function MatchStatusBadge({ status }: { status: MatchStatus }) {
	const { t } = useTranslation('demands')
	return (
		<span
			className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${MATCH_STYLES[status]}`}
		>
			{t(`matchStatus.${status}`)}
		</span>
	)
}
