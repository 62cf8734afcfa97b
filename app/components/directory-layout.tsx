import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/** Shown instead of results when Meilisearch can't be reached: the page says so rather than failing. */
export function DegradedNotice({ children }: { children: ReactNode }) {
	return (
		<div role="status" className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-900">
			{children}
		</div>
	)
}

/**
 * The two-column body of a directory page (products, suppliers, demands). The facets are rendered
 * once, in a <details> panel: phones open and close it (no JavaScript needed); from `md` up the
 * stylesheet keeps its content shown beside the results and hides the toggle (`.facet-panel`,
 * where the browser supports ::details-content; elsewhere the toggle simply stays). Rendering
 * them twice — a side column plus a phone panel — cost a sixth of the search page's render time.
 */
export function DirectoryBody({
	facets,
	facetsHeading,
	facetsShow,
	headingId,
	children,
}: {
	facets: ReactNode
	facetsHeading: string
	facetsShow: string
	headingId: string
	children: ReactNode
}) {
	return (
		<div className="mt-6 grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)] lg:grid-cols-[16rem_minmax(0,1fr)]">
			<aside aria-label={facetsHeading} className="min-w-0 md:self-start">
				<details className="facet-panel no-marker card">
					<summary>
						{facetsShow}
						<svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current text-slate-600">
							<path d="M3 5h14l-5.5 6.5V17l-3-1.5v-4z" />
						</svg>
					</summary>
					<div className="facet-panel-body p-4">
						<h2 className="mb-3 text-base font-semibold text-slate-900 max-md:sr-only">{facetsHeading}</h2>
						{facets}
					</div>
				</details>
			</aside>

			<section aria-labelledby={headingId} className="min-w-0">
				{children}
			</section>
		</div>
	)
}

/** Sort options as plain links carrying the whole search state (no JavaScript needed). */
export function SortLinks({
	label,
	labelVisible,
	sorts,
	sortLabel,
}: {
	label: string
	labelVisible: string
	sorts: ReadonlyArray<{ key: string; href: string; selected: boolean }>
	sortLabel: (key: string) => string
}) {
	return (
		<nav aria-label={label} className="text-sm">
			<ul className="flex flex-wrap items-center gap-1">
				<li className="mr-1 text-slate-600" aria-hidden="true">
					{labelVisible}
				</li>
				{sorts.map((s) => (
					<li key={s.key}>
						<Link
							to={s.href}
							preventScrollReset
							aria-current={s.selected ? 'true' : undefined}
							className={`inline-block rounded px-2 py-1 ${
								s.selected ? 'bg-brand-700 font-medium text-white' : 'text-brand-700 hover:bg-brand-50'
							}`}
						>
							{sortLabel(s.key)}
						</Link>
					</li>
				))}
			</ul>
		</nav>
	)
}
