import { useTranslation } from 'react-i18next'
import { leaseRates } from '#app/leasing/compare.ts'
import type { LeaseSchedule } from '#app/leasing/schedule.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { formatFen, formatRate } from './format.ts'

/** The key figures of a schedule: what is paid, when, and what it really costs a year. */
export function ScheduleSummary({ schedule }: { schedule: LeaseSchedule }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const { totals, terms } = schedule
	const rates = leaseRates(schedule)
	const money = (fen: number) => formatFen(locale, fen)
	const items: Array<[string, string]> = [
		[
			terms.method === 'annuity' ? t('schedule.regularPayment') : t('schedule.firstPayment'),
			money(schedule.regularPaymentFen),
		],
		[t('schedule.periods'), t(`schedule.periodsValue.${terms.frequency}`, { count: schedule.periods })],
		[t('schedule.equipmentPrice'), money(terms.equipmentPriceFen)],
		[t('schedule.amountFinanced'), money(terms.amountFinancedFen)],
		[t('schedule.downPayment'), money(totals.downPaymentFen)],
		[t('schedule.deposit'), money(totals.depositFen)],
		[t('schedule.serviceFee'), money(totals.feesFen)],
		[t('schedule.residual'), money(totals.residualFen)],
		[t('schedule.instalments'), money(totals.instalmentsFen)],
		[t('schedule.interest'), money(totals.interestFen)],
		[t('schedule.totalPaid'), money(totals.totalPaidFen)],
		[t('schedule.financeCharge'), money(totals.financeChargeFen)],
		[t('schedule.quotedRate'), formatRate(terms.annualRate)],
		[t('schedule.effectiveRate'), formatRate(rates?.effectiveAnnualRate)],
		[t('schedule.endDate'), schedule.endDate],
	]
	return (
		<dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
			{items.map(([label, value]) => (
				<div key={label} className="flex justify-between gap-3 border-b border-slate-100 py-1.5">
					<dt className="text-slate-600">{label}</dt>
					<dd className="text-right font-medium whitespace-nowrap text-slate-900 tabular-nums">{value}</dd>
				</div>
			))}
		</dl>
	)
}

/** Every instalment: due date, payment split into principal and interest, deposit offset, cash due, balance. */
export function ScheduleTable({ schedule, caption }: { schedule: LeaseSchedule; caption?: string }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const money = (fen: number) => formatFen(locale, fen)
	const hasDeposit = schedule.totals.depositFen > 0
	const cell = 'px-3 py-1.5 text-right tabular-nums whitespace-nowrap'
	return (
		<div
			className="overflow-x-auto rounded-md border border-slate-200"
			tabIndex={0}
			role="region"
			aria-label={caption ?? t('schedule.heading')}
		>
			<table className="min-w-full text-sm">
				{caption ? <caption className="sr-only">{caption}</caption> : null}
				<thead className="bg-slate-50 text-slate-700">
					<tr>
						<th scope="col" className="px-3 py-2 text-left font-medium">
							{t('schedule.col.period')}
						</th>
						<th scope="col" className="px-3 py-2 text-left font-medium">
							{t('schedule.col.dueDate')}
						</th>
						<th scope="col" className={`${cell} font-medium`}>
							{t('schedule.col.payment')}
						</th>
						<th scope="col" className={`${cell} font-medium`}>
							{t('schedule.col.principal')}
						</th>
						<th scope="col" className={`${cell} font-medium`}>
							{t('schedule.col.interest')}
						</th>
						{hasDeposit ? (
							<th scope="col" className={`${cell} font-medium`}>
								{t('schedule.col.depositApplied')}
							</th>
						) : null}
						<th scope="col" className={`${cell} font-medium`}>
							{t('schedule.col.cashDue')}
						</th>
						<th scope="col" className={`${cell} font-medium`}>
							{t('schedule.col.balance')}
						</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-slate-100">
					{schedule.rows.map((row) => (
						<tr key={row.period}>
							<th scope="row" className="px-3 py-1.5 text-left font-normal text-slate-700 tabular-nums">
								{row.period}
							</th>
							<td className="px-3 py-1.5 whitespace-nowrap text-slate-700 tabular-nums">{row.dueDate}</td>
							<td className={cell}>{money(row.paymentFen)}</td>
							<td className={cell}>{money(row.principalFen)}</td>
							<td className={cell}>{money(row.interestFen)}</td>
							{hasDeposit ? (
								<td className={cell}>{row.depositAppliedFen ? money(-row.depositAppliedFen) : '—'}</td>
							) : null}
							<td className={`${cell} font-medium`}>{money(row.cashDueFen)}</td>
							<td className={cell}>{money(row.balanceAfterFen)}</td>
						</tr>
					))}
				</tbody>
				<tfoot className="bg-slate-50 font-medium">
					<tr>
						<th scope="row" colSpan={2} className="px-3 py-2 text-left">
							{t('schedule.col.total')}
						</th>
						<td className={cell}>{money(schedule.totals.instalmentsFen)}</td>
						<td className={cell}>{money(schedule.totals.principalFen)}</td>
						<td className={cell}>{money(schedule.totals.interestFen)}</td>
						{hasDeposit ? <td className={cell}>{money(-schedule.totals.depositFen)}</td> : null}
						<td className={cell}>{money(schedule.totals.instalmentsFen - schedule.totals.depositFen)}</td>
						<td className={cell} />
					</tr>
				</tfoot>
			</table>
		</div>
	)
}

/** The one-off amounts outside the instalments: at signing and at the end of the term. */
export function ScheduleOneOffs({ schedule }: { schedule: LeaseSchedule }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const { totals, terms } = schedule
	const atSigning = totals.downPaymentFen + totals.feesFen + totals.depositFen
	return (
		<ul className="space-y-1 text-sm text-slate-700">
			<li>
				{t('schedule.atSigning', {
					date: terms.startDate,
					amount: formatFen(locale, atSigning),
				})}
			</li>
			{totals.residualFen > 0 ? (
				<li>{t('schedule.atEnd', { date: schedule.endDate, amount: formatFen(locale, totals.residualFen) })}</li>
			) : null}
			{totals.depositFen > 0 ? <li>{t('schedule.depositNote')}</li> : null}
		</ul>
	)
}
