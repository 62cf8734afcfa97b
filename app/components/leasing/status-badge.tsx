import { useTranslation } from 'react-i18next'

const OFFER_TONE: Record<string, string> = {
	sent: 'bg-brand-50 text-brand-900',
	accepted: 'bg-emerald-100 text-emerald-900',
	declined: 'bg-red-50 text-red-800',
	withdrawn: 'bg-slate-100 text-slate-700',
	expired: 'bg-slate-100 text-slate-700',
}

const PROGRAM_TONE: Record<string, string> = {
	active: 'bg-emerald-100 text-emerald-900',
	paused: 'bg-amber-100 text-amber-900',
	archived: 'bg-slate-100 text-slate-700',
}

export function OfferStatusBadge({ status }: { status: string }) {
	const { t } = useTranslation('leasing')
	return (
		<span
			className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${OFFER_TONE[status] ?? OFFER_TONE.sent}`}
		>
			{t(`offerStatus.${status}`)}
		</span>
	)
}

export function ProgramStatusBadge({ status }: { status: string }) {
	const { t } = useTranslation('leasing')
	return (
		<span
			className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${PROGRAM_TONE[status] ?? PROGRAM_TONE.active}`}
		>
			{t(`programStatus.${status}`)}
		</span>
	)
}
