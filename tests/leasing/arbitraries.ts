import fc from 'fast-check'
import type { LeaseTerms } from '#app/leasing/schedule.ts'

/** Rates as lessors quote them (whole basis points) and as arbitrary doubles, 0 to 50 %. */
export const annualRateArb = fc.oneof(
	fc.integer({ min: 0, max: 5000 }).map((bp) => bp / 10_000),
	fc.double({ min: 0, max: 0.5, noNaN: true, noDefaultInfinity: true }).map((r) => Math.abs(r)),
	fc.constantFrom(0, 0.000_001, 0.5),
)

/**
 * Any valid lease terms: every frequency, method, timing and structure, terms up to 120 months,
 * amortised principal from the 1,000-yuan floor to 1 亿元, balloon, down payment, deposit, fee and
 * residual from zero to the limits validation allows.
 */
export const leaseTermsArb: fc.Arbitrary<LeaseTerms> = fc
	.record({
		frequency: fc.constantFrom('monthly' as const, 'quarterly' as const),
		method: fc.constantFrom('annuity' as const, 'equalPrincipal' as const),
		timing: fc.constantFrom('arrears' as const, 'advance' as const),
		structure: fc.constantFrom('direct' as const, 'saleLeaseback' as const),
		periods: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constantFrom(1, 2, 12, 36, 40, 60, 120)),
		annualRate: annualRateArb,
		amortisedFen: fc.oneof(
			fc.integer({ min: 100_000, max: 10_000_000_000 }),
			fc.constantFrom(100_000, 100_001, 10_000_000_000),
		),
		balloonShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1)),
		downPaymentFen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000_000 })),
		depositShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.6, noNaN: true })),
		feeShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
		residualFen: fc.oneof(fc.constant(0), fc.constant(10_000), fc.integer({ min: 0, max: 10_000_000 })),
		startDate: fc
			.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
			.map((d) => d.toISOString().slice(0, 10)),
	})
	.map((g) => {
		// A balloon up to the amortised principal: at most half the amount financed, as validation allows.
		const balloonFen = Math.floor(g.amortisedFen * g.balloonShare)
		const financed = g.amortisedFen + balloonFen
		const price = financed + g.downPaymentFen
		const termMonths = g.frequency === 'quarterly' ? 3 * Math.min(g.periods, 40) : g.periods
		return {
			structure: g.structure,
			equipmentPriceFen: price,
			amountFinancedFen: financed,
			termMonths,
			annualRate: g.annualRate,
			frequency: g.frequency,
			method: g.method,
			timing: g.timing,
			downPaymentFen: g.downPaymentFen,
			depositFen: Math.floor(financed * g.depositShare),
			serviceFeeFen: Math.floor(financed * g.feeShare),
			residualFen: Math.min(g.residualFen, price),
			balloonFen,
			startDate: g.startDate,
		}
	})

/** The same terms without anything but the financing itself: no down payment, fee, deposit, residual or balloon. */
export function plain(terms: LeaseTerms): LeaseTerms {
	return {
		...terms,
		equipmentPriceFen: terms.amountFinancedFen,
		downPaymentFen: 0,
		depositFen: 0,
		serviceFeeFen: 0,
		residualFen: 0,
		balloonFen: 0,
	}
}
