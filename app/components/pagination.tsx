import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The pages to show: first, last, and two either side of the current one; 0 marks a gap. */
export function pageWindow(page: number, totalPages: number): number[] {
	const pages = new Set<number>([1, totalPages])
	for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= totalPages) pages.add(p)
	const sorted = [...pages].sort((a, b) => a - b)
	const out: number[] = []
	for (const p of sorted) {
		const prev = out[out.length - 1]
		if (prev !== undefined && p - prev > 1) out.push(0)
		out.push(p)
	}
	return out
}

/** The current URL with `page` replaced (page 1 drops the parameter). */
export function usePageHref(param = 'page'): (page: number) => string {
	const location = useLocation()
	return (page) => {
		const params = new URLSearchParams(location.search)
		if (page <= 1) params.delete(param)
		else params.set(param, String(page))
		const qs = params.toString()
		return qs ? `${location.pathname}?${qs}` : location.pathname
	}
}

/** Plain links, so paging works without JavaScript and each page has its own URL. */
export function Pagination({ page, totalPages, param = 'page' }: { page: number; totalPages: number; param?: string }) {
	const { t } = useTranslation()
	const hrefFor = usePageHref(param)
	if (totalPages <= 1) return null
	const itemBase = 'inline-flex min-w-10 items-center justify-center rounded-md border px-3 py-2 text-sm'
	const linkClass = `${itemBase} border-slate-300 bg-white text-brand-700 hover:bg-brand-50`
	const disabledClass = `${itemBase} border-slate-200 bg-slate-50 text-slate-500`
	return (
		<nav aria-label={t('pagination.label')} className="mt-8">
			<p className="mb-3 text-center text-sm text-slate-600 sm:hidden">
				{t('pagination.status', { page, total: totalPages })}
			</p>
			<ul className="flex flex-wrap items-center justify-center gap-1.5">
				<li>
					{page > 1 ? (
						<Link to={hrefFor(page - 1)} rel="prev" className={linkClass}>
							<span aria-hidden="true">‹&nbsp;</span>
							{t('pagination.previous')}
						</Link>
					) : (
						<span className={disabledClass} aria-disabled="true">
							<span aria-hidden="true">‹&nbsp;</span>
							{t('pagination.previous')}
						</span>
					)}
				</li>
				{pageWindow(page, totalPages).map((p, i) =>
					p === 0 ? (
						<li key={`gap-${i}`} aria-hidden="true" className="hidden px-1 text-slate-500 sm:block">
							…
						</li>
					) : (
						<li key={p} className="hidden sm:block">
							{p === page ? (
								<span
									aria-current="page"
									className={`${itemBase} border-brand-700 bg-brand-700 font-semibold text-white`}
								>
									<span className="sr-only">{t('pagination.page', { page: p })}</span>
									<span aria-hidden="true">{p}</span>
								</span>
							) : (
								<Link to={hrefFor(p)} className={linkClass} aria-label={t('pagination.page', { page: p })}>
									{p}
								</Link>
							)}
						</li>
					),
				)}
				<li>
					{page < totalPages ? (
						<Link to={hrefFor(page + 1)} rel="next" className={linkClass}>
							{t('pagination.next')}
							<span aria-hidden="true">&nbsp;›</span>
						</Link>
					) : (
						<span className={disabledClass} aria-disabled="true">
							{t('pagination.next')}
							<span aria-hidden="true">&nbsp;›</span>
						</span>
					)}
				</li>
			</ul>
		</nav>
	)
}
