import { Link, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { Pagination } from './pagination.tsx'

/** Shown instead of results when Meilisearch can't be reached: the page says so rather than failing. */
export function DegradedNotice({ children }: { children: ReactNode }) {
	return (
		<div role="status" className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-900">
			{children}
		</div>
	)
}

/** A directory page's title, lead and search box, with an optional action beside the title. */
export function DirectoryIntro({
	heading,
	lead,
	action,
	children,
}: {
	heading: string
	lead: string
	action?: ReactNode
	children: ReactNode
}) {
	return (
		<>
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div className="max-w-3xl flex-1">
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{heading}</h1>
					<p className="mt-2 text-slate-700">{lead}</p>
				</div>
				{action}
			</div>
			<div className="mt-4 max-w-3xl">{children}</div>
		</>
	)
}

/**
 * The two-column body of a directory page (products, suppliers, demands): facets, then the
 * results under a live heading (query, count, loading), the sort links, the terms the search
 * also matched, the list (`children`: the cards or the empty state) and the pagination.
 *
 * The facets are rendered once, in a <details> panel: phones open and close it (no JavaScript
 * needed); from `md` up the stylesheet keeps its content shown beside the results and hides the
 * toggle (`.facet-panel`, where the browser supports ::details-content; elsewhere the toggle simply
 * stays). Rendering them twice — a side column plus a phone panel — cost a sixth of the search
 * page's render time.
 */
export function DirectoryBody({
	path,
	facets,
	facetsHeading,
	facetsShow,
	query,
	count,
	sort,
	alsoSearched,
	page,
	totalPages,
	children,
}: {
	/** The page's path: its results dim while a navigation to it loads. */
	path: string
	facets: ReactNode
	facetsHeading: string
	facetsShow: string
	/** "Results for …", when there is a query. */
	query: string | null
	count: string
	sort?: ReactNode
	alsoSearched?: { label: string; terms: string[] }
	page: number
	totalPages: number
	children: ReactNode
}) {
	const { t } = useTranslation('common')
	const locale = useAppLocale()
	const navigation = useNavigation()
	const loading = navigation.state === 'loading' && navigation.location.pathname === path
	const headingId = useId()
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
				<div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 pb-3">
					<h2 id={headingId} className="text-lg font-semibold text-slate-900" aria-live="polite">
						{query ? <span className="break-anywhere">{query} · </span> : null}
						<span className="font-normal text-slate-700">{count}</span>
						{loading ? <span className="ml-2 text-sm font-normal text-slate-600">{t('loading')}</span> : null}
					</h2>
					{sort}
				</div>

				{alsoSearched && alsoSearched.terms.length > 0 ? (
					<p className="mt-3 text-sm text-slate-700">
						<span className="text-slate-600">{alsoSearched.label}</span>{' '}
						{alsoSearched.terms.join(locale === 'en' ? ', ' : '、')}
					</p>
				) : null}

				<div aria-busy={loading} className={`mt-4 transition-opacity ${loading ? 'opacity-60' : ''}`}>
					{children}
				</div>

				<Pagination page={page} totalPages={totalPages} />
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
