import { useTranslation } from 'react-i18next'
import type { WorkspaceProductStatus } from '#app/models/workspace-product.schema.ts'

const STYLES: Record<WorkspaceProductStatus, string> = {
	draft: 'border-slate-400 bg-slate-50 text-slate-800',
	pending: 'border-amber-500 bg-amber-50 text-amber-900',
	published: 'border-emerald-600 bg-emerald-50 text-emerald-900',
	rejected: 'border-red-500 bg-red-50 text-red-800',
	archived: 'border-slate-300 bg-slate-100 text-slate-600',
}

/** A product's workflow status in words (colour is never the only signal). */
export function StatusBadge({ status }: { status: WorkspaceProductStatus }) {
	const { t } = useTranslation('workspace')
	return (
		<span
			className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[status]}`}
		>
			{t(`status.${status}`)}
		</span>
	)
}
