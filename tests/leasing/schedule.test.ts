import { describe, expect, it } from 'vitest'
import { leaseRates } from '#app/leasing/compare.ts'
import {
	buildLeaseSchedule,
	periodCashFlows,
	validateLeaseTerms,
	type LeaseSchedule,
	type LeaseTerms,
} from '#app/leasing/schedule.ts'

/**
 * Every figure below was worked out by hand (the reasoning is in the comments) and cross-checked
 * against an independent re-implementation of the same rules in Python's decimal module
 * (ROUND_HALF_UP, 50 digits), not against this code's own output.
 */

/** 1,000,000 yuan over 36 months at 6 % a year, monthly, annuity in arrears, nothing else. */
const BASE: LeaseTerms = {
	equipmentPriceFen: 100_000_000,
	amountFinancedFen: 100_000_000,
	termMonths: 36,
	annualRate: 0.06,
	frequency: 'monthly',
	method: 'annuity',
	timing: 'arrears',
	downPaymentFen: 0,
	depositFen: 0,
	serviceFeeFen: 0,
	residualFen: 0,
	startDate: '2026-01-31',
}

function build(terms: LeaseTerms): LeaseSchedule {
	const result = buildLeaseSchedule(terms)
	if (!result.ok) throw new Error(JSON.stringify(result.errors))
	return result.schedule
}

function row(s: LeaseSchedule, period: number) {
	const found = s.rows.find((r) => r.period === period)
	if (!found) throw new Error(`no row ${period}`)
	return found
}

describe('annuity (等额本息), monthly, in arrears: 1,000,000 yuan, 36 months, 6 %', () => {
	// r = 0.06 / 12 = 0.005. 1.005^36 = 1.1966805248 (1.005² = 1.010025, ^4 = 1.0201505006,
	// ^8 = 1.0407070439, ^16 = 1.0830711513, ^32 = 1.1730431208, × ^4 → 1.1966805248).
	// P = 1,000,000 × 0.005 / (1 − 1/1.1966805248) = 5,000 / 0.1643550846 = 30,421.9375 → 30,421.94.
	const s = build(BASE)

	it('pays 30,421.94 a month', () => {
		expect(s.regularPaymentFen).toBe(3_042_194)
		expect(s.rows).toHaveLength(36)
	})

	it('row 1: interest 5,000.00, principal 25,421.94, balance 974,578.06, due one month after signing', () => {
		expect(row(s, 1)).toMatchObject({
			dueDate: '2026-02-28',
			paymentFen: 3_042_194,
			interestFen: 500_000,
			principalFen: 2_542_194,
			balanceAfterFen: 97_457_806,
		})
	})

	it('row 2: interest 974,578.06 × 0.005 = 4,872.8903 → 4,872.89; principal 25,549.05', () => {
		expect(row(s, 2)).toMatchObject({
			dueDate: '2026-03-31',
			interestFen: 487_289,
			principalFen: 2_554_905,
			balanceAfterFen: 94_902_901,
		})
	})

	it('the last instalment absorbs the remainder: 30,421.83, 11 fen less than the others', () => {
		// Each rounded payment overpays the exact 30,421.9375 by 0.25 fen; compounded over the term
		// that is 0.2548 × s₃₆ = 0.2548 × (1.1966805 − 1)/0.005 = 0.2548 × 39.336 ≈ 10.0 fen, and the 36
		// interest roundings move it about one fen more: the balance before the last payment is
		// 30,270.48, its interest 151.35, so the last payment is 30,421.83.
		expect(row(s, 36)).toMatchObject({
			dueDate: '2029-01-31',
			paymentFen: 3_042_183,
			principalFen: 3_027_048,
			interestFen: 15_135,
			balanceAfterFen: 0,
		})
	})

	it('total interest 95,189.73 — not 36 × 30,421.94 − 1,000,000 = 95,189.84, which ignores the last adjustment', () => {
		// 35 × 30,421.94 + 30,421.83 − 1,000,000 = 1,064,767.90 + 30,421.83 − 1,000,000.
		expect(s.totals).toMatchObject({
			instalmentsFen: 109_518_973,
			principalFen: 100_000_000,
			interestFen: 9_518_973,
			totalPaidFen: 109_518_973,
			financeChargeFen: 9_518_973,
		})
	})

	it('has the quoted rate as its effective rate: IRR 0.5 % a month, 6.1678 % a year effective', () => {
		const rates = leaseRates(s)!
		// Off by 4.6e-10: the fen roundings can move it by about n/A = 36/1e8 = 3.6e-7 at worst.
		expect(Math.abs(rates.periodicRate - 0.005)).toBeLessThan(1e-8)
		expect(rates.effectiveAnnualRate).toBeCloseTo(1.005 ** 12 - 1, 7)
	})
})

describe('equal principal (等额本金), monthly, in arrears: same terms', () => {
	// Share 1,000,000 / 36 = 27,777.777… → 27,777.78.
	const s = build({ ...BASE, method: 'equalPrincipal' })

	it('row 1: 27,777.78 + 5,000.00 interest = 32,777.78', () => {
		expect(row(s, 1)).toMatchObject({
			paymentFen: 3_277_778,
			principalFen: 2_777_778,
			interestFen: 500_000,
			balanceAfterFen: 97_222_222,
		})
	})

	it('row 2: interest 972,222.22 × 0.005 = 4,861.1111 → 4,861.11; payment 32,638.89', () => {
		expect(row(s, 2)).toMatchObject({ paymentFen: 3_263_889, interestFen: 486_111 })
	})

	it('the last share absorbs the rounding: 1,000,000 − 35 × 27,777.78 = 27,777.70, plus 138.89 interest', () => {
		// 27,777.70 × 0.005 = 138.8885 → 138.89; payment 27,916.59.
		expect(row(s, 36)).toMatchObject({
			principalFen: 2_777_770,
			interestFen: 13_889,
			paymentFen: 2_791_659,
			balanceAfterFen: 0,
		})
	})

	it('total interest 92,500.00 = r·A·(n+1)/2 = 0.005 × 1,000,000 × 18.5', () => {
		// Exactly: 0.005 × Σ balances = 0.005 × (36 × 1,000,000 − 27,777.78 × 630) = 92,499.993;
		// the per-row roundings add the last 0.7 fen.
		expect(s.totals.interestFen).toBe(9_250_000)
	})
})

describe('quarterly annuity: same amount, 36 months = 12 quarters at 1.5 %', () => {
	// 1.015^12 = 1.1956181715 (1.015^4 = 1.0613635506, ^8 = 1.1264925866); P = 15,000 / (1 − 1/1.1956181715)
	// = 15,000 / 0.1636125786 = 91,679.9929 → 91,679.99.
	const s = build({ ...BASE, frequency: 'quarterly' })

	it('pays 91,679.99 a quarter, the first 15,000.00 of it interest, due every three months', () => {
		expect(s.rows).toHaveLength(12)
		expect(row(s, 1)).toMatchObject({
			dueDate: '2026-04-30',
			paymentFen: 9_167_999,
			interestFen: 1_500_000,
			principalFen: 7_667_999,
			balanceAfterFen: 92_332_001,
		})
		// 923,320.01 × 0.015 = 13,849.80015 → 13,849.80.
		expect(row(s, 2)).toMatchObject({ dueDate: '2026-07-31', interestFen: 1_384_980 })
		expect(row(s, 12)).toMatchObject({ dueDate: '2029-01-31', paymentFen: 9_168_002, balanceAfterFen: 0 })
	})

	it('total interest 100,159.91 = 11 × 91,679.99 + 91,680.02 − 1,000,000', () => {
		expect(s.totals.interestFen).toBe(10_015_991)
	})

	it('refuses a quarterly term that is not whole quarters', () => {
		expect(validateLeaseTerms({ ...BASE, frequency: 'quarterly', termMonths: 35 })).toEqual([
			{ field: 'termMonths', code: 'notMultipleOfThree' },
		])
	})
})

describe('annuity in advance (先付): same terms', () => {
	// Every payment one month earlier is worth 1.005 times more, so P = 30,421.9375 / 1.005 = 30,270.5845 → 30,270.58.
	const s = build({ ...BASE, timing: 'advance' })

	it('the first payment is due at signing and is all principal', () => {
		expect(row(s, 1)).toMatchObject({
			dueDate: '2026-01-31',
			paymentFen: 3_027_058,
			interestFen: 0,
			principalFen: 3_027_058,
			balanceAfterFen: 96_972_942,
		})
	})

	it('row 2: a month of interest on 969,729.42 = 4,848.6471 → 4,848.65; principal 25,421.93', () => {
		expect(row(s, 2)).toMatchObject({ dueDate: '2026-02-28', interestFen: 484_865, principalFen: 2_542_193 })
	})

	it('the last payment (30,270.79) falls one month before the end of the term; total interest 89,741.09', () => {
		expect(row(s, 36)).toMatchObject({ dueDate: '2028-12-31', paymentFen: 3_027_079, balanceAfterFen: 0 })
		expect(s.endDate).toBe('2029-01-31')
		// 35 × 30,270.58 + 30,270.79 − 1,000,000.
		expect(s.totals.interestFen).toBe(8_974_109)
	})

	it('equal principal in advance: the first share at signing without interest, then the arrears rows shifted', () => {
		const ep = build({ ...BASE, method: 'equalPrincipal', timing: 'advance' })
		expect(row(ep, 1)).toMatchObject({ dueDate: '2026-01-31', paymentFen: 2_777_778, interestFen: 0 })
		expect(row(ep, 2)).toMatchObject({ dueDate: '2026-02-28', paymentFen: 3_263_889, interestFen: 486_111 })
		// The arrears total less its first month's 5,000.00: 92,500.00 − 5,000.00.
		expect(ep.totals.interestFen).toBe(8_750_000)
	})

	it('over 2 instalments in advance an annuity costs less interest than equal principal — exactly, not by rounding', () => {
		// Annuity: P = A(1+r)/(2+r) = 1,005,000 / 2.005 = 501,246.8828 → 501,246.88, all principal at
		// signing; month 2 interest (1,000,000 − 501,246.88) × 0.005 = 2,493.7656 → 2,493.77.
		// Equal principal: 500,000.00 at signing, month 2 interest 500,000 × 0.005 = 2,500.00.
		// The annuity repays more up front, so the "equal principal is cheaper" rule holds in arrears only
		// (and in advance from 6 instalments without a balloon).
		const annuity = build({ ...BASE, termMonths: 2, timing: 'advance' })
		const equal = build({ ...BASE, termMonths: 2, timing: 'advance', method: 'equalPrincipal' })
		expect(annuity.regularPaymentFen).toBe(50_124_688)
		expect(annuity.totals.interestFen).toBe(249_377)
		expect(equal.totals.interestFen).toBe(250_000)
	})
})

describe('balloon (尾款): 200,000 yuan left unamortised, paid with the last instalment', () => {
	// P = 30,421.9375 − 200,000 × 0.005 / (1.005^36 − 1) = 30,421.9375 − 1,000 / 0.1966805248
	//   = 30,421.9375 − 5,084.3838 = 25,337.5537 → 25,337.55.
	const s = build({ ...BASE, balloonFen: 20_000_000 })

	it('pays 25,337.55 a month and 225,337.56 at the end, of which 200,000.00 is the balloon', () => {
		expect(s.regularPaymentFen).toBe(2_533_755)
		expect(row(s, 36)).toMatchObject({
			paymentFen: 22_533_756,
			balloonFen: 20_000_000,
			principalFen: 22_421_648,
			interestFen: 112_108,
			balanceAfterFen: 0,
		})
		expect(s.rows.slice(0, -1).every((r) => r.balloonFen === 0)).toBe(true)
		expect(s.totals).toMatchObject({ principalFen: 100_000_000, balloonFen: 20_000_000, interestFen: 11_215_181 })
	})

	it('shows the balloon as its own cash flow', () => {
		expect(s.cashFlows.filter((f) => f.kind === 'balloon')).toEqual([
			{ periodIndex: 36, date: '2029-01-31', kind: 'balloon', amountFen: -20_000_000 },
		])
	})
})

describe('a full offer: price 1,200,000, down payment 200,000, fee 10,000, deposit 50,000, 留购价 100', () => {
	const terms: LeaseTerms = {
		...BASE,
		structure: 'direct',
		equipmentPriceFen: 120_000_000,
		downPaymentFen: 20_000_000,
		serviceFeeFen: 1_000_000,
		depositFen: 5_000_000,
		residualFen: 10_000,
	}
	const s = build(terms)

	it('amortises the 1,000,000 financed exactly as the plain case', () => {
		expect(s.rows).toEqual(
			build(BASE).rows.map((r) => ({ ...r, depositAppliedFen: expect.any(Number), cashDueFen: expect.any(Number) })),
		)
	})

	it('uses the deposit up against the last instalments: 30,421.83 on the 36th, the other 19,578.17 on the 35th', () => {
		expect(row(s, 36)).toMatchObject({ depositAppliedFen: 3_042_183, cashDueFen: 0 })
		// 30,421.94 − 19,578.17 = 10,843.77 still due in month 35.
		expect(row(s, 35)).toMatchObject({ depositAppliedFen: 1_957_817, cashDueFen: 1_084_377 })
		expect(row(s, 34)).toMatchObject({ depositAppliedFen: 0, cashDueFen: 3_042_194 })
	})

	it('totals: paid 1,305,289.73 = 200,000 + 10,000 + 1,095,189.73 + 100; cost above the price 105,289.73', () => {
		expect(s.totals).toMatchObject({
			instalmentsFen: 109_518_973,
			interestFen: 9_518_973,
			feesFen: 1_000_000,
			downPaymentFen: 20_000_000,
			depositFen: 5_000_000,
			residualFen: 10_000,
			totalPaidFen: 130_528_973,
			financeChargeFen: 10_528_973,
		})
	})

	it('cash flows per month: +940,000 at signing, −30,421.94 × 34, −10,843.77, then −100 (留购价) at the end', () => {
		const net = periodCashFlows(s)
		expect(net[0]).toBe(94_000_000) // 1,200,000 − 200,000 − 10,000 − 50,000
		expect(net.slice(1, 35).every((x) => x === -3_042_194)).toBe(true)
		expect(net[35]).toBe(-1_084_377)
		expect(net[36]).toBe(-10_000)
		expect(s.cashFlows.slice(0, 4).map((f) => [f.kind, f.amountFen])).toEqual([
			['equipment', 120_000_000],
			['downPayment', -20_000_000],
			['serviceFee', -1_000_000],
			['deposit', -5_000_000],
		])
	})

	it('really costs 7.60 % a year: IRR 0.612639 % a month (nominal 7.35 %), against 6 % quoted', () => {
		// Independent check: bisection on the same flows in 50-digit decimals gives 0.0061263946459.
		const rates = leaseRates(s)!
		expect(rates.periodicRate).toBeCloseTo(0.0061263946459, 11)
		expect(rates.nominalAnnualRate).toBeCloseTo(0.0735167357508, 10)
		expect(rates.effectiveAnnualRate).toBeCloseTo(0.0760451857378, 10)
	})

	it('a sale-leaseback (售后回租) has the same arithmetic, its first flow named as sale proceeds', () => {
		const back = build({ ...terms, structure: 'saleLeaseback' })
		expect(back.cashFlows[0]).toMatchObject({ kind: 'saleProceeds', amountFen: 120_000_000 })
		expect(periodCashFlows(back)).toEqual(periodCashFlows(s))
	})
})

describe('dates', () => {
	it('keeps the signing day, clamped to short months, without drifting', () => {
		const s = build({ ...BASE, startDate: '2027-01-31', termMonths: 14 })
		expect(s.rows.map((r) => r.dueDate).slice(0, 3)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30'])
		expect(row(s, 13).dueDate).toBe('2028-02-29')
		expect(row(s, 14).dueDate).toBe('2028-03-31')
	})
})

describe('validation returns typed errors and never throws', () => {
	it('accepts the base terms', () => {
		expect(validateLeaseTerms(BASE)).toEqual([])
	})

	it.each([
		[{ termMonths: 0 }, 'termMonths', 'outOfRange'],
		[{ termMonths: 121 }, 'termMonths', 'outOfRange'],
		[{ termMonths: 12.5 }, 'termMonths', 'notInteger'],
		[{ annualRate: -0.01 }, 'annualRate', 'outOfRange'],
		[{ annualRate: 0.51 }, 'annualRate', 'outOfRange'],
		[{ annualRate: Number.NaN }, 'annualRate', 'outOfRange'],
		[{ depositFen: -1 }, 'depositFen', 'negative'],
		[{ serviceFeeFen: 1.5 }, 'serviceFeeFen', 'notInteger'],
		[{ residualFen: 100_000_001 }, 'residualFen', 'exceedsPrice'],
		[{ frequency: 'weekly' }, 'frequency', 'invalidOption'],
		[{ method: 'bullet' }, 'method', 'invalidOption'],
		[{ timing: 'sometimes' }, 'timing', 'invalidOption'],
		[{ structure: 'operating' }, 'structure', 'invalidOption'],
		[{ startDate: '2026-02-30' }, 'startDate', 'invalidDate'],
		[{ startDate: '31/01/2026' }, 'startDate', 'invalidDate'],
		[{ amountFinancedFen: 90_000_000 }, 'amountFinancedFen', 'mismatch'],
		[{ downPaymentFen: 100_000_000 }, 'downPaymentFen', 'notBelowPrice'],
		[{ depositFen: 60_000_000, serviceFeeFen: 40_000_000 }, 'depositFen', 'exceedsFinancing'],
		[{ balloonFen: 50_000_001 }, 'balloonFen', 'tooLarge'],
		[{ equipmentPriceFen: 150_000, amountFinancedFen: 150_000, balloonFen: 60_000 }, 'amountFinancedFen', 'tooSmall'],
		[{ equipmentPriceFen: 0, amountFinancedFen: 0 }, 'equipmentPriceFen', 'notPositive'],
		[{ equipmentPriceFen: 1e14, amountFinancedFen: 1e14 }, 'equipmentPriceFen', 'outOfRange'],
	] as const)('%o → %s %s', (patch, field, code) => {
		const result = buildLeaseSchedule({ ...BASE, ...(patch as Partial<LeaseTerms>) })
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.errors).toContainEqual({ field, code })
	})

	it('reports every problem at once, even for garbage', () => {
		const errors = validateLeaseTerms({} as LeaseTerms)
		expect(errors.map((e) => e.field)).toEqual(
			expect.arrayContaining([
				'frequency',
				'method',
				'timing',
				'equipmentPriceFen',
				'amountFinancedFen',
				'downPaymentFen',
				'depositFen',
				'serviceFeeFen',
				'residualFen',
				'termMonths',
				'annualRate',
				'startDate',
			]),
		)
		expect(() => validateLeaseTerms(null as unknown as LeaseTerms)).not.toThrow()
		expect(buildLeaseSchedule(null as unknown as LeaseTerms).ok).toBe(false)
	})
})
