import { Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

export type FacetOption = {
	key: string
	label: string
	/** Hits with this value under the current search; null when unknown (search degraded). */
	count: number | null
	selected: boolean
	/** The URL with this value toggled (built on the server from the search's own query builder). */
	href: string
}

/**
 * One filter as checkbox-looking links: each link is the URL with that value toggled, so filters
 * work without JavaScript, can be shared, and the back button undoes them.
 */
export function FacetList({ title, options }: { title: string; options: FacetOption[] }) {
	const { t } = useTranslation()
	const id = useId()
	if (options.length === 0) return null
	return (
		<section aria-labelledby={id} className="border-t border-slate-200 py-4 first:border-t-0 first:pt-0">
			<h3 id={id} className="mb-2 text-sm font-semibold text-slate-900">
				{title}
			</h3>
			<ul className="space-y-0.5">
				{options.map((o) => (
					<li key={o.key}>
						<Link
							to={o.href}
							preventScrollReset
							className={`group flex items-start gap-2 rounded px-1.5 py-1 text-sm hover:bg-brand-50 ${
								o.selected ? 'font-medium text-brand-800' : o.count === 0 ? 'text-slate-500' : 'text-slate-800'
							}`}
						>
							<span
								aria-hidden="true"
								className={`mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-sm border ${
									o.selected ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-500 bg-white'
								}`}
							>
								{o.selected ? (
									<svg viewBox="0 0 12 12" className="size-3 fill-current">
										<path d="M4.5 8.6 1.9 6l-.9.9 3.5 3.5L11 3.9 10.1 3z" />
									</svg>
								) : null}
							</span>
							<span className="min-w-0 flex-1">
								{o.label}
								{o.selected ? <span className="sr-only"> ({t('selected')})</span> : null}
							</span>
							{o.count != null ? <span className="shrink-0 text-xs text-slate-600 tabular-nums">{o.count}</span> : null}
						</Link>
					</li>
				))}
			</ul>
		</section>
	)
}
