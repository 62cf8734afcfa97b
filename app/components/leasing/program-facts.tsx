import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { Locale } from '#app/i18n/i18n.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { formatShare, formatYuan } from './format.ts'

/** The programme fields every page shows (a subset of the model's LeasingProgram). */
export type ProgramView = {
	id: number
	name: string
	org: { id: number; name: string; nameEn: string | null }
	categories: string[]
	amountMin: number
	amountMax: number
	termMonthsMin: number | null
	termMonthsMax: number | null
	rateMin: number | null
	rateMax: number | null
	downPaymentMin: number | null
	structures: string[]
	serviceFeePct: number | null
	depositPct: number | null
	industries: string[]
	description: string | null
	status: string
}

export function orgLabel(locale: Locale, org: { name: string; nameEn: string | null }): string {
	return locale === 'en' && org.nameEn ? org.nameEn : org.name
}

function range(
	a: string | null,
	b: string | null,
	same: (v: string) => string,
	both: (a: string, b: string) => string,
) {
	if (a && b) return a === b ? same(a) : both(a, b)
	return a ?? b ?? '—'
}

/** Labelled figures of a programme: amount, term and rate ranges, down payment, fees, structures. */
export function useProgramFigures(program: ProgramView): Array<[string, string]> {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const months = (v: number | null) => (v == null ? null : String(v))
	const rate = (v: number | null) => (v == null ? null : formatShare(v))
	return [
		[
			t('program.amount'),
			range(
				formatYuan(locale, program.amountMin),
				formatYuan(locale, program.amountMax),
				(v) => v,
				(a, b) => `${a} – ${b}`,
			),
		],
		[
			t('program.term'),
			range(
				months(program.termMonthsMin),
				months(program.termMonthsMax),
				(v) => t('program.monthsValue', { value: v }),
				(a, b) => t('program.monthsRange', { min: a, max: b }),
			),
		],
		[
			t('program.rate'),
			range(
				rate(program.rateMin),
				rate(program.rateMax),
				(v) => v,
				(a, b) => `${a} – ${b}`,
			),
		],
		[t('program.downPaymentMin'), program.downPaymentMin ? formatShare(program.downPaymentMin) : t('program.none')],
		[t('program.serviceFee'), program.serviceFeePct ? formatShare(program.serviceFeePct) : t('program.none')],
		[t('program.deposit'), program.depositPct ? formatShare(program.depositPct) : t('program.none')],
		[t('program.structures'), program.structures.map((s) => t(`structure.${s}`)).join(' / ') || '—'],
	]
}

export function ProgramFacts({ program }: { program: ProgramView }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const figures = useProgramFigures(program)
	return (
		<dl className="text-sm">
			{figures.map(([label, value]) => (
				<Fact key={label} label={label}>
					{value}
				</Fact>
			))}
			<Fact label={t('program.categories')}>
				<ul className="flex flex-wrap gap-1.5">
					{program.categories.map((c) => (
						<li key={c} className="chip">
							{categoryLabel(c, locale)}
						</li>
					))}
				</ul>
			</Fact>
			<Fact label={t('program.industries')}>{program.industries.length ? program.industries.join('、') : '—'}</Fact>
		</dl>
	)
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 border-b border-slate-100 py-2.5 last:border-b-0 sm:grid-cols-[9rem_minmax(0,1fr)]">
			<dt className="text-slate-600">{label}</dt>
			<dd className="break-anywhere text-slate-900">{children}</dd>
		</div>
	)
}

/** A programme in a list: name, lessor, headline figures, categories. */
export function ProgramCard({ program, to, footer }: { program: ProgramView; to: string; footer?: ReactNode }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const figures = useProgramFigures(program).slice(0, 3)
	return (
		<article className="card flex h-full flex-col p-4 sm:p-5">
			<h3 className="break-anywhere text-lg font-semibold text-slate-900">
				<Link to={to} className="link">
					{program.name}
				</Link>
			</h3>
			<p className="mt-1 text-sm text-slate-600">{orgLabel(locale, program.org)}</p>
			<dl className="mt-3 space-y-1 text-sm">
				{figures.map(([label, value]) => (
					<div key={label} className="flex flex-wrap justify-between gap-x-3">
						<dt className="text-slate-600">{label}</dt>
						<dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
					</div>
				))}
			</dl>
			<ul className="mt-3 flex flex-wrap gap-1.5" aria-label={t('program.categories')}>
				{program.categories.slice(0, 6).map((c) => (
					<li key={c} className="chip text-xs">
						{categoryLabel(c, locale)}
					</li>
				))}
				{program.categories.length > 6 ? (
					<li className="chip text-xs">{t('program.moreCategories', { count: program.categories.length - 6 })}</li>
				) : null}
			</ul>
			{footer ? <div className="mt-auto pt-4">{footer}</div> : null}
		</article>
	)
}
