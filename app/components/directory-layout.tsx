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
 * The two-column body of a directory page (products, suppliers, demands): facets in a side column on
 * wide screens and in a <details> panel on phones (works without JavaScript), results beside them.
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
			<aside aria-label={facetsHeading} className="hidden md:block">
				<div className="card p-4">
					<h2 className="mb-3 text-base font-semibold text-slate-900">{facetsHeading}</h2>
					{facets}
				</div>
			</aside>

			<section aria-labelledby={headingId} className="min-w-0">
				<details className="no-marker card mb-4 md:hidden">
					<summary className="flex cursor-pointer items-center justify-between px-4 py-3 font-medium text-slate-900">
						{facetsShow}
						<svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current text-slate-600">
							<path d="M3 5h14l-5.5 6.5V17l-3-1.5v-4z" />
						</svg>
					</summary>
					<div className="border-t border-slate-200 p-4">{facets}</div>
				</details>
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
