import { Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LANG_PARAM, SUPPORTED_LOCALES, type Locale } from '#app/i18n/i18n.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { UserMenu } from './user-menu.tsx'

/**
 * The main navigation. Another area adds its entry here (one line); labels are `common:nav.*` keys
 * or keys of its own namespace (`ns:key`).
 */
export const NAV_ITEMS: ReadonlyArray<{ to: string; label: string; end?: boolean }> = [
	{ to: '/', label: 'nav.home', end: true },
	{ to: '/products', label: 'nav.products' },
	{ to: '/suppliers', label: 'nav.suppliers' },
	{ to: '/demands', label: 'nav.demands' },
	{ to: '/leasing', label: 'nav.leasing' },
	{ to: '/policy', label: 'nav.policy' },
]

/** The current URL with `?lang=` set: a plain link, so the switch works without JavaScript. */
function useLangHref(locale: Locale): string {
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	params.set(LANG_PARAM, locale)
	return `${location.pathname}?${params.toString()}`
}

function LangLink({ locale, current, className }: { locale: Locale; current: Locale; className: string }) {
	const { t } = useTranslation()
	const href = useLangHref(locale)
	const isCurrent = locale === current
	return (
		<Link
			to={href}
			lang={locale}
			hrefLang={locale}
			aria-current={isCurrent ? 'true' : undefined}
			className={`${className} ${isCurrent ? 'font-semibold underline decoration-amber-300 decoration-2' : 'hover:underline'}`}
			preventScrollReset
		>
			{t(`lang.names.${locale}`)}
		</Link>
	)
}

function LangSwitch({ className = '' }: { className?: string }) {
	const { t } = useTranslation()
	const current = useAppLocale()
	return (
		<nav aria-label={t('lang.label')} className={className}>
			<ul className="flex items-center gap-1">
				{SUPPORTED_LOCALES.map((locale, i) => (
					<li key={locale} className="flex items-center gap-1">
						{i > 0 ? (
							<span aria-hidden="true" className="text-white/60">
								|
							</span>
						) : null}
						<LangLink locale={locale} current={current} className="rounded px-1.5 py-1 text-white" />
					</li>
				))}
			</ul>
		</nav>
	)
}

function navClass({ isActive }: { isActive: boolean }): string {
	return `block border-b-3 px-4 py-3 text-[15px] font-medium text-white transition-colors ${
		isActive ? 'border-amber-300 bg-white/10' : 'border-transparent hover:bg-white/10'
	}`
}

function mobileNavClass({ isActive }: { isActive: boolean }): string {
	return `block rounded-md px-3 py-2.5 text-base font-medium ${
		isActive ? 'bg-brand-700 text-white' : 'text-slate-800 hover:bg-slate-100'
	}`
}

export function Header() {
	const { t } = useTranslation()
	const location = useLocation()
	const menuRef = useRef<HTMLDetailsElement>(null)
	// With JavaScript, a client-side navigation keeps the page: close the phone menu ourselves.
	useEffect(() => {
		if (menuRef.current) menuRef.current.open = false
	}, [location.key])
	return (
		<header className="on-dark bg-brand-900 text-white">
			<div className="hidden border-b border-white/10 bg-brand-950 sm:block">
				<div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-1 text-sm">
					<p className="hidden truncate text-white/85 sm:block">{t('brand.tagline')}</p>
					<div className="ml-auto flex items-center gap-5">
						<UserMenu variant="bar" />
						<LangSwitch className="hidden md:block" />
					</div>
				</div>
			</div>
			<div className="bg-gradient-to-r from-brand-800 via-brand-800 to-teal-brand">
				<div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-4">
					<Link to="/" className="flex min-w-0 items-center gap-3 rounded" aria-label={t('brand.homeLink')}>
						<img src="/logo.svg" alt="" width="44" height="44" className="size-10 shrink-0 sm:size-11" />
						<span className="min-w-0">
							<span className="flex flex-wrap items-baseline gap-x-2">
								<span className="text-xl font-bold tracking-wide sm:text-2xl">{t('brand.name')}</span>
								<span className="text-sm font-medium text-white/85 sm:text-base">{t('brand.nameAlt')}</span>
							</span>
							<span className="block text-xs leading-snug text-white/85 sm:hidden">{t('brand.tagline')}</span>
						</span>
					</Link>
					<details ref={menuRef} className="no-marker relative ml-auto shrink-0 md:hidden">
						<summary className="flex cursor-pointer items-center gap-1.5 rounded-md border border-white/40 px-2.5 py-2 text-sm font-medium whitespace-nowrap">
							<svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
								<path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
							</svg>
							{t('nav.menu')}
						</summary>
						<div className="on-light absolute right-0 z-30 mt-2 w-64 rounded-lg bg-white p-2 text-slate-900 shadow-xl ring-1 ring-slate-200">
							<nav aria-label={t('nav.label')}>
								<ul className="space-y-1">
									{NAV_ITEMS.map((item) => (
										<li key={item.to}>
											<NavLink to={item.to} end={item.end} className={mobileNavClass}>
												{t(item.label)}
											</NavLink>
										</li>
									))}
								</ul>
							</nav>
							<div className="mt-2 border-t border-slate-200 pt-2">
								<UserMenu variant="panel" />
							</div>
							<div className="mt-2 border-t border-slate-200 px-3 pt-2 text-sm">
								<MobileLangSwitch />
							</div>
						</div>
					</details>
				</div>
			</div>
			<div className="hidden bg-brand-900 md:block">
				<nav aria-label={t('nav.label')} className="mx-auto max-w-7xl px-2">
					<ul className="flex">
						{NAV_ITEMS.map((item) => (
							<li key={item.to}>
								<NavLink to={item.to} end={item.end} className={navClass}>
									{t(item.label)}
								</NavLink>
							</li>
						))}
					</ul>
				</nav>
			</div>
		</header>
	)
}

function MobileLangSwitch() {
	const { t } = useTranslation()
	const current = useAppLocale()
	return (
		<nav aria-label={t('lang.label')} className="flex items-center gap-2">
			<span className="text-slate-600">{t('lang.label')}</span>
			<ul className="flex gap-1">
				{SUPPORTED_LOCALES.map((locale) => (
					<li key={locale}>
						<LangLink
							locale={locale}
							current={current}
							className="rounded px-2 py-1 text-brand-700 aria-[current=true]:bg-brand-50"
						/>
					</li>
				))}
			</ul>
		</nav>
	)
}
