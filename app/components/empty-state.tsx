import type { ReactNode } from 'react'

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
	return (
		<div className="card px-6 py-10 text-center">
			<svg aria-hidden="true" viewBox="0 0 48 48" className="mx-auto size-12 text-slate-400">
				<circle cx="21" cy="21" r="13" fill="none" stroke="currentColor" strokeWidth="3" />
				<path d="m31 31 10 10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
			</svg>
			<h2 className="mt-4 text-lg font-semibold text-slate-900">{title}</h2>
			{children ? <div className="mx-auto mt-4 max-w-xl text-left text-slate-700">{children}</div> : null}
		</div>
	)
}
