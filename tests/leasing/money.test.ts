import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
	decimalFraction,
	fenTimesRate,
	fenToYuan,
	parseYuanToFen,
	roundDiv,
	roundHalfAwayFromZero,
	yuanToFen,
} from '#app/leasing/money.ts'

describe('rounding: half away from zero', () => {
	it('rounds halves away from zero and never returns −0', () => {
		expect([2.5, 3.5, -2.5, -3.5, 2.4999, -0.4].map(roundHalfAwayFromZero)).toEqual([3, 4, -3, -4, 2, 0])
		expect(Object.is(roundHalfAwayFromZero(-0.2), 0)).toBe(true)
		expect([roundDiv(5n, 2n), roundDiv(-5n, 2n), roundDiv(7n, 3n), roundDiv(-7n, 3n)]).toEqual([3n, -3n, 2n, -2n])
	})

	it('reads a rate as the decimal it was written as', () => {
		expect(decimalFraction(0.055)).toEqual({ num: 55n, den: 1000n })
		expect(decimalFraction(1e-7)).toEqual({ num: 1n, den: 10_000_000n })
		expect(decimalFraction(1.5e21)).toEqual({ num: 1_500_000_000_000_000_000_000n, den: 1n })
		expect(() => decimalFraction(Number.NaN)).toThrow(RangeError)
	})

	it('interest on a true half fen rounds up even where floating point lands just below it', () => {
		// 0.06 / 12 is not exactly 0.005 in binary; exactly, 100 fen × 0.005 = 0.5 fen → 1 fen.
		expect(fenTimesRate(100, 0.06, 12)).toBe(1)
		// 1 fen × 0.5 = 0.5 → 1 and 5 fen × 0.5 = 2.5 → 3, where banker's rounding would give 0 and 2.
		expect(fenTimesRate(1, 0.5)).toBe(1)
		expect(fenTimesRate(5, 0.5)).toBe(3)
		// 974,578.06 yuan at 0.5 % a month = 4,872.8903 yuan → 4,872.89 (second row of the 36-month case).
		expect(fenTimesRate(97_457_806, 0.06, 12)).toBe(487_289)
	})

	it('is within half a fen of the exact product for any amount and rate', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), fc.integer({ min: 0, max: 5000 }), (fen, bp) => {
				// Exact reference in integers: fen × bp / (10,000 × 12).
				const exact = (BigInt(fen) * BigInt(bp) * 2n + 120_000n) / 240_000n
				expect(BigInt(fenTimesRate(fen, bp / 10_000, 12))).toBe(exact)
			}),
		)
	})
})

describe('yuan ↔ fen', () => {
	it('converts as written, half away from zero', () => {
		expect(yuanToFen(1_000_000)).toBe(100_000_000)
		expect(yuanToFen(30_421.94)).toBe(3_042_194)
		// 1.005 × 100 is 100.49999… in floating point; as written it is 100.5 fen → 101.
		expect(yuanToFen(1.005)).toBe(101)
		expect(yuanToFen(-1.005)).toBe(-101)
		expect(yuanToFen(0.004)).toBe(0)
		expect(fenToYuan(3_042_194)).toBe(30_421.94)
		expect(() => yuanToFen(Number.POSITIVE_INFINITY)).toThrow(RangeError)
		expect(() => yuanToFen(1e20)).toThrow(RangeError)
	})

	it('round-trips every fen amount', () => {
		fc.assert(
			fc.property(fc.integer({ min: -10_000_000_000_000, max: 10_000_000_000_000 }), (fen) => {
				expect(yuanToFen(fenToYuan(fen))).toBe(fen)
			}),
		)
	})

	it('parses what people type, and refuses what is not an amount', () => {
		expect(parseYuanToFen('1,000,000.50')).toBe(100_000_050)
		expect(parseYuanToFen(' 88 ')).toBe(8_800)
		expect(parseYuanToFen('１２３.４５')).toBe(12_345)
		expect(parseYuanToFen('1.005')).toBe(101)
		expect(parseYuanToFen('0.004')).toBe(0)
		for (const bad of ['', '-5', '1e5', 'abc', '1.2.3', '.5', '99999999999999999999'])
			expect(parseYuanToFen(bad)).toBeNull()
	})
})
