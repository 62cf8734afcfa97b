import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NAV_ITEMS } from './header.tsx'

export function Footer() {
	const { t } = useTranslation()
	const year = new Date().getFullYear()
	return (
		<footer className="on-dark mt-16 bg-brand-950 text-white/90" aria-label={t('footer.label')}>
			<div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 md:grid-cols-3">
				<div className="md:col-span-2">
					<p className="flex items-center gap-2 text-lg font-semibold text-white">
						<img src="/logo.svg" alt="" width="28" height="28" className="size-7" />
						{t('brand.name')} <span className="text-sm font-normal text-white/80">{t('brand.nameAlt')}</span>
					</p>
					<p className="mt-1 text-sm text-white/85">{t('brand.tagline')}</p>
					<p className="mt-4 max-w-2xl text-sm leading-relaxed text-white/85">{t('footer.about')}</p>
					<p className="mt-2 max-w-2xl text-sm leading-relaxed text-white/85">
						<Link to="/policy" className="underline decoration-white/40 hover:decoration-white">
							{t('footer.policyBasis')}
						</Link>
					</p>
				</div>
				<nav aria-label={t('footer.links')}>
					<h2 className="text-sm font-semibold text-white">{t('footer.links')}</h2>
					<ul className="mt-3 space-y-2 text-sm">
						{NAV_ITEMS.map((item) => (
							<li key={item.to}>
								<Link to={item.to} className="text-white/85 hover:text-white hover:underline">
									{t(item.label)}
								</Link>
							</li>
						))}
					</ul>
				</nav>
			</div>
			<div className="border-t border-white/10">
				<p className="mx-auto max-w-7xl px-4 py-4 text-xs text-white/75">{t('footer.copyright', { year })}</p>
			</div>
		</footer>
	)
}
