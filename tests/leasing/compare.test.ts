import { describe, expect, it } from 'vitest'
import { compareOffers, indicativeMonthlyPayment, leaseRates, leaseVsBuy } from '#app/leasing/compare.ts'
import { fenToYuan } from '#app/leasing/money.ts'
import { buildLeaseSchedule, type LeaseTerms } from '#app/leasing/schedule.ts'

/** The full offer of the schedule tests: 1,200,000 price, 200,000 down, 10,000 fee, 50,000 deposit, 100 留购价, 36 months at 6 %. */
const OFFER_A: LeaseTerms = {
	structure: 'direct',
	equipmentPriceFen: 120_000_000,
	amountFinancedFen: 100_000_000,
	termMonths: 36,
	annualRate: 0.06,
	frequency: 'monthly',
	method: 'annuity',
	timing: 'arrears',
	downPaymentFen: 20_000_000,
	depositFen: 5_000_000,
	serviceFeeFen: 1_000_000,
	residualFen: 10_000,
	startDate: '2026-01-31',
}
/** A lower quoted rate bought with a bigger fee. */
const OFFER_B: LeaseTerms = { ...OFFER_A, annualRate: 0.055, serviceFeeFen: 3_000_000 }
/** Quarterly, equal principal, in advance, no deposit, 1 % 留购价. */
const OFFER_C: LeaseTerms = {
	...OFFER_A,
	frequency: 'quarterly',
	method: 'equalPrincipal',
	timing: 'advance',
	depositFen: 0,
	residualFen: 1_200_000,
}

describe('compareOffers', () => {
	const cashPrice = 115_000_000
	const rows = compareOffers(
		[
			{ id: 'A', terms: OFFER_A },
			{ id: 'B', terms: OFFER_B },
			{ id: 'C', terms: OFFER_C },
			{ id: 'bad', terms: { ...OFFER_A, termMonths: 0 } },
		],
		cashPrice,
	)

	it('prints the comparison', () => {
		const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(3)} %`)
		const yuan = (fen: number) => fenToYuan(fen).toLocaleString('en', { minimumFractionDigits: 2 })
		console.log(`\nSample comparison (cash price ${yuan(cashPrice)} yuan, cost of capital 4 %)`)
		console.table(
			rows.flatMap((r) =>
				r.ok
					? [
							{
								offer: r.id,
								'total paid': yuan(r.totalPaymentsFen),
								interest: yuan(r.totalInterestFen),
								fees: yuan(r.totalFeesFen),
								'per month': yuan(r.monthlyEquivalentFen),
								'effective / yr': pct(r.effectiveAnnualRate),
								'lease − buy (PV)': yuan(r.leaseVsBuy!.differenceFen),
								best: Object.entries(r.best)
									.flatMap(([k, v]) => (v ? [k] : []))
									.join(', '),
							},
						]
					: [{ offer: r.id, 'total paid': r.errors.map((e) => `${e.field}:${e.code}`).join(' ') }],
			),
		)
	})

	it('keeps the order and returns the errors of an invalid offer', () => {
		expect(rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'bad'])
		expect(rows[3]).toEqual({ id: 'bad', ok: false, errors: [{ field: 'termMonths', code: 'outOfRange' }] })
	})

	it('normalises offer A to the figures worked out in the schedule tests', () => {
		const a = rows[0]!
		if (!a.ok) throw new Error('A invalid')
		expect(a).toMatchObject({
			totalPaymentsFen: 130_528_973,
			totalInterestFen: 9_518_973,
			totalFeesFen: 1_000_000,
			totalInterestAndFeesFen: 10_518_973,
			financeChargeFen: 10_528_973,
			// 200,000 + 10,000 + 50,000 at signing.
			upfrontFen: 26_000_000,
			// 1,095,189.73 / 36 = 30,421.9369 → 30,421.94.
			monthlyEquivalentFen: 3_042_194,
			// 1,305,289.73 − 1,150,000.
			costOverCashFen: 15_528_973,
		})
		expect(a.effectiveAnnualRate).toBeCloseTo(0.0760451857378, 10)
	})

	it('sees through a lower quoted rate bought with a bigger fee: B (5.5 % + 30,000) really costs more than A (6 % + 10,000)', () => {
		const [a, b] = rows
		if (!a?.ok || !b?.ok) throw new Error('invalid')
		expect(b.totalInterestFen).toBeLessThan(a.totalInterestFen)
		expect(b.monthlyEquivalentFen).toBeLessThan(a.monthlyEquivalentFen)
		expect(b.effectiveAnnualRate!).toBeGreaterThan(a.effectiveAnnualRate!)
		expect(b.totalPaymentsFen).toBeGreaterThan(a.totalPaymentsFen)
		expect(a.best.effectiveRate).toBe(true)
		expect(b.best.effectiveRate).toBe(false)
	})

	it('does not confuse least paid with cheapest: C pays least in total but pays it sooner, so costs more a year than A', () => {
		const [a, , c] = rows
		if (!a?.ok || !c?.ok) throw new Error('invalid')
		// C's interest by hand: quarterly shares of 1,000,000 / 12 = 83,333.33, the first at signing,
		// then 1.5 % on balances 1,000,000 − k × 83,333.33 for k = 1…11:
		// 0.015 × (11 × 1,000,000 − 83,333.33 × 66) = 0.015 × 5,500,000.22 = 82,500.00.
		expect(c.totalInterestFen).toBe(8_250_000)
		expect(c.totalPaymentsFen).toBeLessThan(a.totalPaymentsFen)
		expect(c.effectiveAnnualRate!).toBeGreaterThan(a.effectiveAnnualRate!)
		expect(c.best).toEqual({ totalPayments: true, effectiveRate: false, monthly: true })
		expect(a.best).toEqual({ totalPayments: false, effectiveRate: true, monthly: false })
	})

	it('flags ties on every tied offer', () => {
		const tied = compareOffers([
			{ id: 'x', terms: OFFER_A },
			{ id: 'y', terms: OFFER_A },
		])
		expect(tied.map((r) => r.ok && r.best)).toEqual([
			{ totalPayments: true, effectiveRate: true, monthly: true },
			{ totalPayments: true, effectiveRate: true, monthly: true },
		])
		expect(tied.every((r) => r.ok && r.costOverCashFen === null && r.leaseVsBuy === null)).toBe(true)
	})

	it('counts the first advance instalment as due at signing', () => {
		const c = rows[2]!
		if (!c.ok) throw new Error('C invalid')
		// 200,000 + 10,000 + the first quarter's share 1,000,000 / 12 = 83,333.33 (no interest yet).
		expect(c.upfrontFen).toBe(20_000_000 + 1_000_000 + 8_333_333)
	})
})

describe('leaseVsBuy', () => {
	it('offer A against 1,150,000 cash at a 4 % cost of capital: buying is 97,107.52 cheaper', () => {
		// Monthly discount rate 1.04^(1/12) − 1 = 0.327374 %. Present value of everything A makes the
		// lessee pay (down payment, fee, deposit, instalments net of the deposit, 留购价):
		// 1,247,107.52 — by the same 50-digit decimal cross-check as the schedule figures.
		const result = leaseVsBuy(OFFER_A, 115_000_000)
		expect(result).toMatchObject({
			ok: true,
			discountRate: 0.04,
			leaseNpvFen: 124_710_752,
			buyNpvFen: 115_000_000,
			differenceFen: 9_710_752,
			cheaper: 'buy',
		})
		// Leasing would only win for an enterprise whose money costs more than 11.8566 % a year.
		if (result.ok) expect(result.breakEvenAnnualRate).toBeCloseTo(0.1185660016263, 10)
	})

	it('with no cash discount, breaks even at the lease’s own effective rate, and flips there', () => {
		const built = buildLeaseSchedule(OFFER_A)
		if (!built.ok) throw new Error('invalid')
		const effective = leaseRates(built.schedule)!.effectiveAnnualRate
		const atPrice = leaseVsBuy(OFFER_A, OFFER_A.equipmentPriceFen)
		expect(atPrice.ok && atPrice.breakEvenAnnualRate).toBeCloseTo(effective, 10)
		const cheapMoney = leaseVsBuy(OFFER_A, OFFER_A.equipmentPriceFen, effective - 0.001)
		const dearMoney = leaseVsBuy(OFFER_A, OFFER_A.equipmentPriceFen, effective + 0.001)
		expect(cheapMoney.ok && cheapMoney.cheaper).toBe('buy')
		expect(dearMoney.ok && dearMoney.cheaper).toBe('lease')
		const even = leaseVsBuy(OFFER_A, OFFER_A.equipmentPriceFen, effective)
		expect(even.ok && Math.abs(even.differenceFen)).toBeLessThanOrEqual(1)
	})

	it('returns typed errors for a bad cash price, discount rate or terms', () => {
		expect(leaseVsBuy(OFFER_A, 0)).toEqual({ ok: false, errors: [{ field: 'cashPriceFen', code: 'outOfRange' }] })
		expect(leaseVsBuy(OFFER_A, 100, -1)).toEqual({ ok: false, errors: [{ field: 'discountRate', code: 'outOfRange' }] })
		const bad = leaseVsBuy({ ...OFFER_A, annualRate: 2 }, 100)
		expect(bad.ok).toBe(false)
		if (!bad.ok) expect(bad.errors).toContainEqual({ field: 'annualRate', code: 'outOfRange' })
	})
})

describe('indicativeMonthlyPayment', () => {
	it('is the plain monthly annuity in arrears: 1,000,000 yuan, 36 months, 6 % → 30,421.94', () => {
		expect(indicativeMonthlyPayment({ amountFen: 100_000_000, termMonths: 36, annualRate: 0.06 })).toBe(3_042_194)
		// Zero rate: 1,000,000 / 36 = 27,777.78.
		expect(indicativeMonthlyPayment({ amountFen: 100_000_000, termMonths: 36, annualRate: 0 })).toBe(2_777_778)
	})

	it('is null for inputs out of range', () => {
		expect(indicativeMonthlyPayment({ amountFen: 0, termMonths: 36, annualRate: 0.06 })).toBeNull()
		expect(indicativeMonthlyPayment({ amountFen: 100, termMonths: 0, annualRate: 0.06 })).toBeNull()
		expect(indicativeMonthlyPayment({ amountFen: 100, termMonths: 12, annualRate: 0.9 })).toBeNull()
	})
})
