import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SearchBox } from '#app/components/search-box.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getHomeFigures } from '#app/models/product.server.ts'
import { CATEGORIES, CATEGORY_GROUPS, categoryLabel, groupLabel, type CategoryKey } from '#app/models/taxonomy.ts'
import { parseProductSearchParams } from '#app/search/product-search.server.ts'
import { productsHref } from './products._index/view.server.ts'

export const handle = { i18n: ['home'] }

const POPULAR: CategoryKey[] = ['compressor', 'industrial-robot', 'transformer', 'elevator', 'service-energy']

export async function loader({ context }: LoaderFunctionArgs) {
	const figures = await getHomeFigures(context)
	const defaults = parseProductSearchParams(new URLSearchParams())
	const categoryHrefs = Object.fromEntries(
		CATEGORIES.map((c) => [c.key, productsHref({ ...defaults, group: c.group, categories: [c.key] })]),
	)
	const groupHrefs = Object.fromEntries(
		CATEGORY_GROUPS.map((g) => [g.key, productsHref({ ...defaults, group: g.key })]),
	)
	return { figures, categoryHrefs, groupHrefs }
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'home')
	return [{ title: t('meta.title') }, { name: 'description', content: t('meta.description') }]
}

const GROUP_ICONS: Record<string, string> = {
	'smart-manufacturing': 'M4 20h16M6 20V9l4 3V9l4 3V5h4v15',
	'energy-using': 'M13 2 4 14h7l-1 8 9-12h-7z',
	power: 'M12 3v9m6.4-5.4a8 8 0 1 1-12.8 0',
	buildings: 'M4 21V8l8-5 8 5v13M9 21v-6h6v6',
	infrastructure: 'M3 12h18M3 12c0-4 4-7 9-7s9 3 9 7M6 12v8m12-8v8M12 12v8',
	medical: 'M12 4v16M4 12h16',
	recycling: 'M7 19H4l3-5m10 5h3l-3-5M9 6l3-3 3 3m-3-3v6',
	services: 'M14 6a4 4 0 0 0-5 5l-6 6 3 3 6-6a4 4 0 0 0 5-5l-3 3-3-3z',
}

function Figure({ value, label }: { value: number; label: string }) {
	const locale = useAppLocale()
	return (
		<div className="card flex flex-col-reverse px-4 py-5 text-center">
			<dt className="mt-1 text-sm text-slate-700">{label}</dt>
			<dd className="text-3xl font-bold text-brand-800 tabular-nums sm:text-4xl">{formatNumber(locale, value)}</dd>
		</div>
	)
}

export default function HomePage() {
	const { figures, categoryHrefs, groupHrefs } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['home', 'common'])
	const locale = useAppLocale()
	const journeys = ['suppliers', 'enterprises', 'lessors'] as const
	return (
		<>
			<section
				aria-labelledby="hero-title"
				className="on-dark bg-gradient-to-br from-brand-800 to-teal-brand text-white"
			>
				<div className="mx-auto max-w-7xl px-4 py-10 sm:py-14">
					<p className="text-sm font-medium tracking-wider text-amber-200">{t('hero.eyebrow')}</p>
					<h1 id="hero-title" className="mt-2 text-3xl font-bold sm:text-4xl">
						{t('hero.title')}
					</h1>
					<p className="mt-3 max-w-3xl text-base leading-relaxed text-white/90 sm:text-lg">{t('hero.subtitle')}</p>
					<div className="on-light mt-6 max-w-3xl rounded-lg bg-white p-2 shadow-lg sm:p-3">
						<SearchBox
							action="/products"
							label={t('common:search.label')}
							placeholder={t('common:search.placeholder')}
							submitLabel={t('common:search.submit')}
							size="lg"
						/>
					</div>
					<p className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
						<span className="text-white/85">{t('hero.popular')}</span>
						{POPULAR.map((key) => (
							<Link
								key={key}
								to={categoryHrefs[key] ?? '/products'}
								className="rounded-full border border-white/40 px-3 py-1 text-white hover:bg-white/10"
							>
								{categoryLabel(key, locale)}
							</Link>
						))}
					</p>
				</div>
			</section>

			<div className="mx-auto max-w-7xl px-4">
				<section aria-labelledby="figures" className="-mt-6 sm:-mt-8">
					<h2 id="figures" className="sr-only">
						{t('figures.heading')}
					</h2>
					<dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
						<Figure value={figures.inZoneMakers} label={t('figures.inZoneMakers')} />
						<Figure value={figures.products} label={t('figures.products')} />
						<Figure value={figures.services} label={t('figures.services')} />
						<Figure value={figures.openDemands} label={t('figures.openDemands')} />
					</dl>
				</section>

				<section aria-labelledby="categories" className="mt-12">
					<h2 id="categories" className="text-2xl font-bold text-slate-900">
						{t('categories.heading')}
					</h2>
					<p className="mt-1 text-slate-700">{t('categories.lead')}</p>
					<ul className="mt-5 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
						{CATEGORY_GROUPS.map((g) => (
							<li key={g.key} className="card flex flex-col p-4">
								<h3 className="flex items-center gap-2 text-base font-semibold text-slate-900">
									<svg
										aria-hidden="true"
										viewBox="0 0 24 24"
										className="size-8 shrink-0 rounded-md bg-brand-50 fill-none stroke-brand-700 stroke-2 p-1"
										strokeLinecap="round"
										strokeLinejoin="round"
									>
										<path d={GROUP_ICONS[g.key] ?? ''} />
									</svg>
									<Link to={groupHrefs[g.key] ?? '/products'} className="hover:text-brand-700 hover:underline">
										{groupLabel(g.key, locale)}
									</Link>
									<span className="ml-auto text-sm font-normal text-slate-600 tabular-nums">
										{formatNumber(locale, figures.groupCounts[g.key] ?? 0)}
									</span>
								</h3>
								<ul className="mt-3 space-y-1 text-sm">
									{CATEGORIES.filter((c) => c.group === g.key).map((c) => (
										<li key={c.key}>
											<Link
												to={categoryHrefs[c.key] ?? '/products'}
												className="flex items-baseline justify-between gap-2 rounded px-1 py-0.5 text-slate-800 hover:bg-brand-50 hover:text-brand-800"
											>
												<span>{categoryLabel(c.key, locale)}</span>
												<span className="shrink-0 text-xs text-slate-600 tabular-nums">
													{t('categories.count', { count: figures.categoryCounts[c.key] ?? 0 })}
												</span>
											</Link>
										</li>
									))}
								</ul>
							</li>
						))}
					</ul>
				</section>

				<section aria-labelledby="how" className="mt-12">
					<h2 id="how" className="text-2xl font-bold text-slate-900">
						{t('how.heading')}
					</h2>
					<div className="mt-5 grid gap-4 md:grid-cols-3">
						{journeys.map((j) => (
							<section key={j} aria-labelledby={`how-${j}`} className="card p-5">
								<h3 id={`how-${j}`} className="text-lg font-semibold text-brand-800">
									{t(`how.${j}.title`)}
								</h3>
								<ol className="mt-3 space-y-3">
									{(['step1', 'step2', 'step3'] as const).map((s, i) => (
										<li key={s} className="flex gap-3 text-sm leading-relaxed text-slate-800">
											<span
												aria-hidden="true"
												className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-700 text-xs font-semibold text-white"
											>
												{i + 1}
											</span>
											<span>{t(`how.${j}.${s}`)}</span>
										</li>
									))}
								</ol>
							</section>
						))}
					</div>
				</section>

				<section aria-labelledby="policy" className="mt-12">
					<div className="card border-l-4 border-l-brand-700 p-5 sm:p-6">
						<h2 id="policy" className="text-lg font-semibold text-slate-900">
							{t('policy.heading')}
						</h2>
						<p className="mt-2 leading-relaxed text-slate-800">{t('policy.text')}</p>
						<p className="mt-3">
							<Link to="/policy" className="link font-medium">
								{t('policy.link')}
								<span aria-hidden="true"> →</span>
							</Link>
						</p>
					</div>
				</section>
			</div>
		</>
	)
}
