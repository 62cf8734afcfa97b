import { Link, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { CATEGORIES, CATEGORY_GROUPS, categoryLabel, groupLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['policy'] }

export const meta: MetaFunction = ({ matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'policy')
	return [{ title: t('meta.title') }, { name: 'description', content: t('meta.description') }]
}

const TARGETS = ['investment', 'projects', 'digital', 'green', 'infrastructure'] as const
const TASKS = ['item4', 'item14', 'item15', 'item17'] as const

/** 政策依据: highlights of the action plan the platform serves (seed/teda-equipment-renewal-action-plan.txt). */
export default function PolicyPage() {
	const { t } = useTranslation(['policy', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
			<Breadcrumbs items={[{ label: t('common:nav.home'), to: '/' }, { label: t('heading') }]} />
			<article className="card mt-4 p-5 sm:p-8">
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('heading')}</h1>
				<p className="mt-3 text-lg font-medium text-brand-800">{t('docTitle')}</p>
				<p className="mt-3 leading-relaxed text-slate-800">{t('intro')}</p>

				<section aria-labelledby="targets" className="mt-8">
					<h2 id="targets" className="text-xl font-semibold text-slate-900">
						{t('targets.heading')}
					</h2>
					<ul className="mt-3 list-disc space-y-1.5 pl-6 leading-relaxed text-slate-800">
						{TARGETS.map((k) => (
							<li key={k}>{t(`targets.${k}`)}</li>
						))}
					</ul>
				</section>

				<section aria-labelledby="tasks" className="mt-8">
					<h2 id="tasks" className="text-xl font-semibold text-slate-900">
						{t('tasks.heading')}
					</h2>
					<div className="mt-3 space-y-4">
						{TASKS.map((k) => (
							<section
								key={k}
								aria-labelledby={`task-${k}`}
								className="rounded-md border-l-4 border-l-brand-700 bg-brand-50 px-4 py-3"
							>
								<h3 id={`task-${k}`} className="font-semibold text-slate-900">
									{t(`tasks.${k}Title`)}
								</h3>
								<p className="mt-1 leading-relaxed text-slate-800">{t(`tasks.${k}`)}</p>
							</section>
						))}
					</div>
				</section>

				<section aria-labelledby="fields" className="mt-8">
					<h2 id="fields" className="text-xl font-semibold text-slate-900">
						{t('fields.heading')}
					</h2>
					<p className="mt-2 text-slate-800">{t('fields.lead')}</p>
					<dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2">
						{CATEGORY_GROUPS.map((g) => (
							<div key={g.key}>
								<dt className="font-semibold text-slate-900">{groupLabel(g.key, locale)}</dt>
								<dd className="text-sm text-slate-700">
									{CATEGORIES.filter((c) => c.group === g.key)
										.map((c) => categoryLabel(c.key, locale))
										.join(locale === 'en' ? ', ' : '、')}
								</dd>
							</div>
						))}
					</dl>
				</section>

				<p className="mt-8 text-sm text-slate-600">{t('note')}</p>
				<p className="mt-4">
					<Link to="/products" className="btn-primary">
						{t('browse')}
					</Link>
				</p>
			</article>
		</div>
	)
}
