import { describe, expect, it } from 'vitest'
import { effectiveAnnualRate, irr, nominalAnnualRate, npv, periodicRateFromEffective, xirr } from '#app/leasing/irr.ts'

describe('irr', () => {
	it('finds the rate of a one-period loan: −100 now, +110 next period → 10 %', () => {
		expect(irr([-100, 110])).toBeCloseTo(0.1, 12)
	})

	it('finds the rate of the 36-month 6 % annuity from its exact payment', () => {
		// P = 1,000,000 × 0.005 / (1 − 1.005^−36) = 30,421.9375… (1.005^36 = 1.1966805248).
		const payment = (1_000_000 * 0.005) / (1 - 1.005 ** -36)
		expect(payment).toBeCloseTo(30_421.9375, 3)
		expect(Math.abs(irr([-1_000_000, ...Array<number>(36).fill(payment)])! - 0.005)).toBeLessThan(1e-12)
	})

	it('finds a two-period rate by hand: −100, +60, +60 → r with 60/(1+r) + 60/(1+r)² = 100', () => {
		// x = 1/(1+r): 60x² + 60x − 100 = 0 → x = (−60 + √(3600 + 24,000)) / 120 = 0.8844…, r = 0.130662…
		const x = (-60 + Math.sqrt(3600 + 24_000)) / 120
		expect(irr([-100, 60, 60])).toBeCloseTo(1 / x - 1, 12)
		expect(irr([-100, 60, 60])).toBeCloseTo(0.1306623863, 9)
	})

	it('is the same whichever side the flows are seen from', () => {
		expect(irr([100, -60, -60])).toBeCloseTo(irr([-100, 60, 60])!, 12)
	})

	it('returns null when the flows never change sign, are all zero, or are not numbers', () => {
		expect(irr([100, 10, 10])).toBeNull()
		expect(irr([-100, -10])).toBeNull()
		expect(irr([0, 0, 0])).toBeNull()
		expect(irr([])).toBeNull()
		expect(irr([-100, Number.NaN])).toBeNull()
	})

	it('returns null when the only root lies outside the searched interval (below −99 %)', () => {
		// −1 now, +0.001 next period: r = −99.9 %.
		expect(irr([-1, 0.001])).toBeNull()
		expect(irr([-1, 0.001], { lower: -0.9999 })).toBeCloseTo(-0.999, 9)
	})

	it('falls back to bisection when Newton leaves the bracket: −1 now, +0.05 next → −95 %', () => {
		// From the default guess 1 %, f = −1 + 0.05/1.01 = −0.9505 and f′ = −0.05/1.01² = −0.049, so
		// Newton's first step lands at 0.01 − 19.4 = −19.4, outside −0.99…10; bisection still finds it.
		expect(irr([-1, 0.05])).toBeCloseTo(-0.95, 9)
	})

	it('finds large rates too: −1 now, +6 next → 500 % a period', () => {
		expect(irr([-1, 6])).toBeCloseTo(5, 9)
	})

	it('of two roots, prefers the one nearest the guess: −100, +230, −132 has 10 % and 20 %', () => {
		// x = 1/(1+r): −132x² + 230x − 100 = 0 → x = (230 ± 10) / 264 → r = 10 % or 20 %.
		expect(irr([-100, 230, -132], { guess: 0.09 })).toBeCloseTo(0.1, 9)
		expect(irr([-100, 230, -132], { guess: 0.21 })).toBeCloseTo(0.2, 9)
		expect(npv(0.1, [-100, 230, -132])).toBeCloseTo(0, 9)
		expect(npv(0.2, [-100, 230, -132])).toBeCloseTo(0, 9)
	})

	it('survives 360 periods near −99 % without overflowing', () => {
		const flows = [-1, ...Array<number>(359).fill(0), 1e-300]
		// (1+r)^360 = 1e-300 → 1 + r = 10^(−300/360) = 0.1467799…
		const expected = 10 ** (-300 / 360) - 1
		expect(irr(flows)).toBeCloseTo(expected, 9)
	})
})

describe('annual rates', () => {
	it('compounds and annualises periodic rates', () => {
		// 0.5 % a month: (1.005)^12 − 1 = 6.1678 % effective, 6 % nominal.
		expect(effectiveAnnualRate(0.005, 12)).toBeCloseTo(0.0616778118645, 12)
		expect(nominalAnnualRate(0.005, 12)).toBeCloseTo(0.06, 15)
		// 1.5 % a quarter: 1.015^4 − 1 = 6.1364 %.
		expect(effectiveAnnualRate(0.015, 4)).toBeCloseTo(0.0613635506, 10)
		expect(periodicRateFromEffective(effectiveAnnualRate(0.005, 12), 12)).toBeCloseTo(0.005, 15)
	})

	it('xirr: 1,000 lent on 2025-01-01 and 1,100 back on 2026-01-01 (365 days) is 10 % a year', () => {
		expect(
			xirr([
				{ date: '2025-01-01', amount: -1000 },
				{ date: '2026-01-01', amount: 1100 },
			]),
		).toBeCloseTo(0.1, 10)
		expect(
			xirr([
				{ date: 'not a date', amount: -1 },
				{ date: '2026-01-01', amount: 2 },
			]),
		).toBeNull()
	})
})
