import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfferComparison } from '#app/leasing/compare.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { formatFen, formatRate } from './format.ts'

export type ComparedOffer = {
	id: number
	lessorName: string
	status: string
	amountFen: number
	termMonths: number
	annualRate: number
	frequency: 'monthly' | 'quarterly'
	method: 'annuity' | 'equalPrincipal'
	timing: 'arrears' | 'advance'
	downPaymentFen: number
}

function Best({ on: flagged, children }: { on: boolean; children: ReactNode }) {
	const { t } = useTranslation('leasing')
	return (
		<span className="inline-flex flex-wrap items-center justify-end gap-1.5">
			{children}
			{flagged ? (
				<span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">
					{t('compare.best')}
				</span>
			) : null}
		</span>
	)
}

/**
 * Offers side by side, normalised to what they really cost: total paid, interest and fees, the
 * effective annual rate of the real cash flows (IRR), and leasing against paying cash.
 */
export function ComparisonTable({
	offers,
	comparison,
	cashPrice,
}: {
	offers: ComparedOffer[]
	comparison: OfferComparison[]
	cashPrice: { fen: number; source: 'quote' | 'budget' } | null
}) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const money = (fen: number | null | undefined) => (fen == null ? '—' : formatFen(locale, fen))
	const columns = offers.flatMap((offer) => {
		const row = comparison.find((c) => c.id === String(offer.id))
		return row && row.ok ? [{ offer, row }] : []
	})
	if (columns.length === 0) return null
	// "Best" means something only next to another offer.
	const several = columns.length > 1
	type Col = (typeof columns)[number]
	const lines: Array<{ label: string; hint?: string; value: (c: Col) => ReactNode }> = [
		{ label: t('compare.amountFinanced'), value: (c) => money(c.offer.amountFen) },
		{ label: t('compare.downPayment'), value: (c) => money(c.offer.downPaymentFen) },
		{
			label: t('compare.term'),
			value: (c) =>
				`${t('offer.termValue', { count: c.offer.termMonths })} · ${t(`frequency.${c.offer.frequency}`)} · ${t(`method.${c.offer.method}`)} · ${t(`timing.${c.offer.timing}`)}`,
		},
		{ label: t('compare.quotedRate'), value: (c) => formatRate(c.offer.annualRate) },
		{
			label: t('compare.totalPayments'),
			hint: t('compare.totalPaymentsHint'),
			value: (c) => <Best on={several && c.row.best.totalPayments}>{money(c.row.totalPaymentsFen)}</Best>,
		},
		{ label: t('compare.totalInterest'), value: (c) => money(c.row.totalInterestFen) },
		{ label: t('compare.totalFees'), value: (c) => money(c.row.totalFeesFen) },
		{ label: t('compare.interestAndFees'), value: (c) => money(c.row.totalInterestAndFeesFen) },
		{
			label: t('compare.financeCharge'),
			hint: t('compare.financeChargeHint'),
			value: (c) => money(c.row.financeChargeFen),
		},
		{ label: t('compare.upfront'), value: (c) => money(c.row.upfrontFen) },
		{
			label: t('compare.monthly'),
			value: (c) => <Best on={several && c.row.best.monthly}>{money(c.row.monthlyEquivalentFen)}</Best>,
		},
		{
			label: t('compare.effectiveRate'),
			hint: t('compare.effectiveRateHint'),
			value: (c) => (
				<Best on={several && c.row.best.effectiveRate}>
					<strong>{formatRate(c.row.effectiveAnnualRate)}</strong>
				</Best>
			),
		},
	]
	if (cashPrice) {
		lines.push(
			{ label: t('compare.costOverCash'), value: (c) => money(c.row.costOverCashFen) },
			{
				label: t('compare.leaseNpv'),
				hint: t('compare.leaseNpvHint'),
				value: (c) => money(c.row.leaseVsBuy?.leaseNpvFen),
			},
			{
				label: t('compare.verdict'),
				value: (c) =>
					c.row.leaseVsBuy ? (
						<span className={c.row.leaseVsBuy.cheaper === 'lease' ? 'text-emerald-800' : 'text-amber-800'}>
							{c.row.leaseVsBuy.cheaper === 'lease'
								? t('compare.leaseCheaper', { amount: money(-c.row.leaseVsBuy.differenceFen) })
								: t('compare.buyCheaper', { amount: money(c.row.leaseVsBuy.differenceFen) })}
						</span>
					) : (
						'—'
					),
			},
			{
				label: t('compare.breakEven'),
				hint: t('compare.breakEvenHint'),
				value: (c) => formatRate(c.row.leaseVsBuy?.breakEvenAnnualRate),
			},
		)
	}
	return (
		<div className="space-y-2">
			<div
				className="overflow-x-auto rounded-md border border-slate-200"
				tabIndex={0}
				role="region"
				aria-label={t('compare.heading')}
			>
				<table className="min-w-full text-sm">
					<caption className="sr-only">{t('compare.heading')}</caption>
					<thead className="bg-slate-50">
						<tr>
							<th
								scope="col"
								className="sticky left-0 z-10 min-w-32 bg-slate-50 px-3 py-2 text-left font-medium text-slate-700"
							>
								{t('compare.item')}
							</th>
							{columns.map((c) => (
								<th key={c.offer.id} scope="col" className="min-w-40 px-3 py-2 text-right font-semibold text-slate-900">
									<span className="break-anywhere block">{c.offer.lessorName}</span>
									<span className="block text-xs font-normal text-slate-600">
										{t('offer.number', { id: c.offer.id })} · {t(`offerStatus.${c.offer.status}`)}
									</span>
								</th>
							))}
						</tr>
					</thead>
					<tbody className="divide-y divide-slate-100">
						{lines.map((line) => (
							<tr key={line.label}>
								<th
									scope="row"
									className="sticky left-0 z-10 min-w-32 bg-white px-3 py-2 text-left align-top font-normal text-slate-700 shadow-[1px_0_0_0_var(--color-slate-200)]"
								>
									{line.label}
									{line.hint ? <span className="block text-xs text-slate-500">{line.hint}</span> : null}
								</th>
								{columns.map((c) => (
									<td key={c.offer.id} className="min-w-40 px-3 py-2 text-right align-top tabular-nums">
										{line.value(c)}
									</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{cashPrice ? (
				<p className="text-sm text-slate-600">
					{t(cashPrice.source === 'quote' ? 'compare.cashFromQuote' : 'compare.cashFromBudget', {
						amount: money(cashPrice.fen),
					})}
				</p>
			) : (
				<p className="text-sm text-slate-600">{t('compare.noCashPrice')}</p>
			)}
		</div>
	)
}
