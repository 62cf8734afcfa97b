import { Form, Link, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** What the root loader tells every page about the visitor: enough for the menu, nothing private. */
export type Viewer = {
	name: string
	isAdmin: boolean
	roles: Array<'supplier' | 'buyer' | 'lessor'>
	hasOrganization: boolean
	orgPending: boolean
	unread: number
}

/** The links a signed-in person has, by the organization's roles and admin rights. */
export function viewerLinks(viewer: Viewer): Array<{ to: string; label: string }> {
	const links: Array<{ to: string; label: string }> = []
	if (!viewer.hasOrganization && !viewer.isAdmin) links.push({ to: '/org/new', label: 'user.registerOrg' })
	if (viewer.roles.includes('supplier')) {
		links.push({ to: '/workspace', label: 'user.workspace' })
		links.push({ to: '/workspace/opportunities', label: 'user.opportunities' })
	}
	if (viewer.roles.includes('buyer')) links.push({ to: '/my/demands', label: 'user.myDemands' })
	if (viewer.roles.includes('lessor')) links.push({ to: '/workspace/leasing', label: 'user.leasingWorkspace' })
	if (viewer.hasOrganization) links.push({ to: '/org/members', label: 'user.members' })
	if (viewer.isAdmin) links.push({ to: '/admin', label: 'user.admin' })
	links.push({ to: '/account', label: 'user.account' })
	return links
}

function useViewer(): Viewer | null {
	return useRouteLoaderData<{ viewer: Viewer | null }>('root')?.viewer ?? null
}

/** Sign-in links, or the person's menu (a <details>, so it works without JavaScript). */
export function UserMenu({ variant }: { variant: 'bar' | 'panel' }) {
	const { t } = useTranslation()
	const viewer = useViewer()
	const onDark = variant === 'bar'
	if (!viewer) {
		return (
			<ul className={`flex items-center gap-3 text-sm ${onDark ? 'text-white' : 'text-brand-700'}`}>
				<li>
					<Link to="/login" className="hover:underline">
						{t('user.login')}
					</Link>
				</li>
				<li>
					<Link
						to="/signup"
						className={onDark ? 'rounded bg-amber-300 px-2 py-0.5 font-medium text-brand-950 hover:bg-amber-200' : 'font-medium hover:underline'}
					>
						{t('user.signup')}
					</Link>
				</li>
			</ul>
		)
	}
	const links = viewerLinks(viewer)
	const notifications = (
		<Link to="/notifications" className={`relative ${onDark ? 'text-white' : 'text-brand-700'} hover:underline`}>
			{t('user.notifications')}
			{viewer.unread > 0 ? (
				<span className="ml-1 rounded-full bg-amber-300 px-1.5 text-xs font-semibold text-brand-950">
					<span className="sr-only">{t('user.unread', { count: viewer.unread })}</span>
					<span aria-hidden="true">{viewer.unread > 99 ? '99+' : viewer.unread}</span>
				</span>
			) : null}
		</Link>
	)
	if (variant === 'panel') {
		return (
			<div className="space-y-1 text-sm">
				<p className="px-3 pt-1 font-medium text-slate-900">{viewer.name}</p>
				<ul className="space-y-0.5">
					<li className="px-3 py-1.5">{notifications}</li>
					{links.map((l) => (
						<li key={l.to}>
							<Link to={l.to} className="block rounded-md px-3 py-1.5 text-slate-800 hover:bg-slate-100">
								{t(l.label)}
							</Link>
						</li>
					))}
					<li>
						<Form method="post" action="/logout">
							<button type="submit" className="block w-full rounded-md px-3 py-1.5 text-left text-slate-800 hover:bg-slate-100">
								{t('user.logout')}
							</button>
						</Form>
					</li>
				</ul>
			</div>
		)
	}
	return (
		<div className="flex items-center gap-4 text-sm">
			{notifications}
			<details className="no-marker relative">
				<summary className="cursor-pointer rounded px-1.5 py-0.5 text-white hover:bg-white/10">
					{viewer.name}
					{viewer.orgPending ? <span className="ml-1 text-amber-200">({t('user.pending')})</span> : null}
					<span aria-hidden="true"> ▾</span>
				</summary>
				<div className="on-light absolute right-0 z-40 mt-1 w-52 rounded-lg bg-white p-1.5 text-slate-900 shadow-xl ring-1 ring-slate-200">
					<ul>
						{links.map((l) => (
							<li key={l.to}>
								<Link to={l.to} className="block rounded-md px-3 py-1.5 hover:bg-slate-100">
									{t(l.label)}
								</Link>
							</li>
						))}
						<li className="mt-1 border-t border-slate-200 pt-1">
							<Form method="post" action="/logout">
								<button type="submit" className="block w-full rounded-md px-3 py-1.5 text-left hover:bg-slate-100">
									{t('user.logout')}
								</button>
							</Form>
						</li>
					</ul>
				</div>
			</details>
		</div>
	)
}
