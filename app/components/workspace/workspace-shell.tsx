import { NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Notice } from '#app/components/form/form-kit.tsx'
import { useTranslation } from 'react-i18next'

function tabClass({ isActive }: { isActive: boolean }): string {
	return `block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${
		isActive ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100'
	}`
}

/** The frame of every workspace page: its own navigation and the pending-verification notice. */
export function WorkspaceShell({
	orgName,
	orgPending,
	title,
	actions,
	children,
	roles = ['supplier'],
}: {
	orgName: string
	orgPending: boolean
	title: string
	actions?: ReactNode
	children: ReactNode
	/** The organization's roles: product tabs for suppliers, a link to the leasing workspace for lessors. */
	roles?: readonly string[]
}) {
	const supplier = roles.includes('supplier')
	const { t } = useTranslation('workspace')
	return (
		<div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
			<p className="text-sm text-slate-600">
				{t('nav.heading')} · <span className="break-anywhere">{orgName}</span>
			</p>
			<nav aria-label={t('nav.label')} className="mt-3 overflow-x-auto border-b border-slate-200 pb-3">
				<ul className="flex gap-1">
					<li>
						<NavLink to="/workspace" end className={tabClass}>
							{t('nav.dashboard')}
						</NavLink>
					</li>
					{supplier ? (
						<>
							<li>
								<NavLink to="/workspace/products" end className={tabClass}>
									{t('nav.products')}
								</NavLink>
							</li>
							<li>
								<NavLink to="/workspace/products/new" className={tabClass}>
									{t('nav.newProduct')}
								</NavLink>
							</li>
							<li>
								<NavLink to="/workspace/products/import" className={tabClass}>
									{t('nav.import')}
								</NavLink>
							</li>
						</>
					) : null}
					{roles.includes('lessor') ? (
						<li>
							<NavLink to="/workspace/leasing" className={tabClass}>
								{t('nav.leasing')}
							</NavLink>
						</li>
					) : null}
				</ul>
			</nav>
			<div className="mt-6 flex flex-wrap items-start justify-between gap-3">
				<h1 className="break-anywhere text-2xl font-bold text-slate-900 sm:text-3xl">{title}</h1>
				{actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
			</div>
			{orgPending ? (
				<div className="mt-4">
					<Notice tone="warning">
						<p className="font-semibold">{t('orgPending.title')}</p>
						<p className="mt-1">{t('orgPending.text')}</p>
					</Notice>
				</div>
			) : null}
			<div className="mt-6">{children}</div>
		</div>
	)
}
