import { NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const ITEMS = [
	{ to: '/admin', label: 'nav.overview', end: true, badge: null },
	{ to: '/admin/organizations', label: 'nav.organizations', end: false, badge: 'organizations' },
	{ to: '/admin/products', label: 'nav.products', end: false, badge: 'products' },
	{ to: '/admin/users', label: 'nav.users', end: false, badge: null },
	{ to: '/admin/audit', label: 'nav.audit', end: false, badge: null },
] as const

function itemClass({ isActive }: { isActive: boolean }): string {
	return `flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
		isActive ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100'
	}`
}

/** The administrators' sub-navigation, with the number of items waiting for review. */
export function AdminNav({ pending }: { pending: { organizations: number; products: number } }) {
	const { t } = useTranslation('admin')
	return (
		<nav aria-label={t('nav.label')} className="-mx-1 overflow-x-auto">
			<ul className="flex gap-1 px-1 pb-1">
				{ITEMS.map((item) => {
					const count = item.badge ? pending[item.badge] : 0
					return (
						<li key={item.to}>
							<NavLink to={item.to} end={item.end} className={itemClass} prefetch="intent">
								{t(item.label)}
								{count > 0 ? (
									<span className="rounded-full bg-amber-300 px-1.5 text-xs font-semibold text-slate-900">
										<span aria-hidden="true">{count}</span>
										<span className="sr-only">{t('nav.pending', { count })}</span>
									</span>
								) : null}
							</NavLink>
						</li>
					)
				})}
			</ul>
		</nav>
	)
}
