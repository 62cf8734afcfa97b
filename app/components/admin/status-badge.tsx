import { useTranslation } from 'react-i18next'

const TONES: Record<string, string> = {
	pending: 'border-amber-400 bg-amber-50 text-amber-900',
	verified: 'border-teal-700 bg-teal-50 text-teal-800',
	published: 'border-teal-700 bg-teal-50 text-teal-800',
	active: 'border-teal-700 bg-teal-50 text-teal-800',
	rejected: 'border-red-300 bg-red-50 text-red-800',
	disabled: 'border-slate-400 bg-slate-100 text-slate-700',
	archived: 'border-slate-300 bg-slate-50 text-slate-600',
	draft: 'border-slate-300 bg-slate-50 text-slate-600',
}

/** A status as words and colour: 待审核 / 已认证 / 已驳回 / 已停用 … */
export function StatusBadge({ kind, status }: { kind: 'org' | 'product' | 'user'; status: string }) {
	const { t } = useTranslation('admin')
	return (
		<span
			className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${
				TONES[status] ?? 'border-slate-300 bg-white text-slate-700'
			}`}
		>
			{t(`status.${kind}.${status}`, { defaultValue: status })}
		</span>
	)
}
