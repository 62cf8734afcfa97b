import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export function Breadcrumbs({ items }: { items: Array<{ label: string; to?: string }> }) {
	const { t } = useTranslation()
	return (
		<nav aria-label={t('breadcrumbs.label')} className="text-sm text-slate-600">
			<ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
				{items.map((item, i) => (
					<li key={i} className="flex min-w-0 items-center gap-1.5">
						{i > 0 ? (
							<span aria-hidden="true" className="text-slate-400">
								/
							</span>
						) : null}
						{item.to ? (
							<Link to={item.to} className="link">
								{item.label}
							</Link>
						) : (
							<span aria-current="page" className="break-anywhere text-slate-700">
								{item.label}
							</span>
						)}
					</li>
				))}
			</ol>
		</nav>
	)
}
