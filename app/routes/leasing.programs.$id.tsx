import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { formatFen, formatYuan } from '#app/components/leasing/format.ts'
import { ProgramFacts, orgLabel } from '#app/components/leasing/program-facts.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { indicativeMonthlyPayment } from '#app/leasing/compare.ts'
import { getPublicProgram, suggestedTermMonths } from '#app/models/leasing.server.ts'

export const handle = { i18n: ['leasing'] }

/** A positive integer id, or null for anything else. */
function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

export async function loader({ params, context }: LoaderFunctionArgs) {
	const id = parseId(params.id)
	if (id == null) throw new Response(null, { status: 404, statusText: 'Not Found' })
	const program = await getPublicProgram(context.db, id)
	if (!program) throw new Response(null, { status: 404, statusText: 'Not Found' })
	// A worked example: the programme's floor (at least 1 million yuan) over three years at its lowest rate.
	const exampleYuan = Math.min(Math.max(program.amountMin, 1_000_000), program.amountMax)
	const exampleTerm = suggestedTermMonths(program, null, '2000-01-01')
	const exampleRate = program.rateMin ?? program.rateMax
	const exampleMonthlyFen =
		exampleRate == null
			? null
			: indicativeMonthlyPayment({ amountFen: exampleYuan * 100, termMonths: exampleTerm, annualRate: exampleRate })
	return {
		program,
		example: { amountYuan: exampleYuan, termMonths: exampleTerm, rate: exampleRate, monthlyFen: exampleMonthlyFen },
	}
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'leasing')
	if (!data) return [{ title: t('meta.list') }]
	return [
		{ title: t('meta.program', { name: data.program.name }) },
		{ name: 'description', content: (data.program.description ?? t('list.lead')).replace(/\s+/g, ' ').slice(0, 160) },
	]
}

export default function LeasingProgramPage() {
	const { program, example } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['leasing', 'common'])
	const locale = useAppLocale()
	return (
		<div className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('nav.leasing'), to: '/leasing' },
					{ label: program.name },
				]}
			/>
			<div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
				<div className="min-w-0 space-y-6">
					<header className="card p-5 sm:p-6">
						<p className="text-sm font-medium text-brand-700">{t('program.kicker')}</p>
						<h1 className="break-anywhere mt-1 text-2xl font-bold text-slate-900 sm:text-3xl">{program.name}</h1>
						<p className="mt-3 text-sm text-slate-700">
							<span className="text-slate-600">{t('program.lessorLabel')}</span>
							<Link to={`/suppliers/${program.org.id}`} className="link break-anywhere">
								{orgLabel(locale, program.org)}
							</Link>
						</p>
						{program.description ? (
							<p className="mt-4 leading-relaxed whitespace-pre-line text-slate-800">{program.description}</p>
						) : null}
					</header>
					<section aria-labelledby="program-facts" className="card p-5 sm:p-6">
						<h2 id="program-facts" className="text-lg font-semibold text-slate-900">
							{t('program.facts')}
						</h2>
						<div className="mt-3">
							<ProgramFacts program={program} />
						</div>
					</section>
				</div>
				<aside className="space-y-4">
					{example.monthlyFen != null && example.rate != null ? (
						<section className="card p-5" aria-labelledby="program-example">
							<h2 id="program-example" className="text-base font-semibold text-slate-900">
								{t('program.exampleHeading')}
							</h2>
							<p className="mt-2 text-2xl font-semibold text-red-800 tabular-nums">
								{formatFen(locale, example.monthlyFen)}
							</p>
							<p className="mt-1 text-sm text-slate-600">
								{t('program.exampleText', {
									amount: formatYuan(locale, example.amountYuan),
									term: example.termMonths,
									rate: `${Number((example.rate * 100).toFixed(3))}%`,
								})}
							</p>
						</section>
					) : null}
					<section className="card p-5 text-sm text-slate-700">
						<h2 className="text-base font-semibold text-slate-900">{t('program.ctaHeading')}</h2>
						<p className="mt-2">{t('program.ctaText')}</p>
					</section>
				</aside>
			</div>
		</div>
	)
}
