import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leaseRates } from '#app/leasing/compare.ts'
import { irr, npv } from '#app/leasing/irr.ts'
import { buildLeaseSchedule, periodCashFlows, type LeaseSchedule, type LeaseTerms } from '#app/leasing/schedule.ts'
import { leaseTermsArb, plain } from './arbitraries.ts'

// LEASING_RUNS=50000 for a long soak; 1,000 per property keeps the suite around ten seconds.
const RUNS = { numRuns: Number(process.env.LEASING_RUNS ?? 1000) }

function build(terms: LeaseTerms): LeaseSchedule {
	const result = buildLeaseSchedule(terms)
	if (!result.ok) throw new Error(`generator produced invalid terms: ${JSON.stringify(result.errors)}`)
	return result.schedule
}

/**
 * Total interest without any rounding, from closed forms (not from the code under test):
 * an annuity's is everything paid minus the amount; equal principal's is r × the sum of balances.
 */
function exactInterest(terms: LeaseTerms, method: 'annuity' | 'equalPrincipal', timing: 'arrears' | 'advance'): number {
	const ppy = terms.frequency === 'quarterly' ? 4 : 12
	const n = terms.termMonths / (12 / ppy)
	const r = terms.annualRate / ppy
	const A = terms.amountFinancedFen
	const B = terms.balloonFen ?? 0
	const L = A - B
	if (method === 'equalPrincipal') {
		// Balances A − kL/n for k = 0…n−1; in advance the k = 0 one bears no interest.
		const all = n * A - (L * (n - 1)) / 2
		return r * (timing === 'advance' ? all - A : all)
	}
	if (r === 0) return 0
	const v = 1 / (1 + r)
	let annuityFactor = 0
	for (let t = timing === 'advance' ? 0 : 1; t <= (timing === 'advance' ? n - 1 : n); t++) annuityFactor += v ** t
	const balloonTime = timing === 'advance' ? n - 1 : n
	const P = (A - B * v ** balloonTime) / annuityFactor
	return n * P + B - A
}

/**
 * How far per-instalment rounding can reverse an ordering that holds exactly. An annuity's rounded
 * total interest is within (n − 1)/2 + s_n + 1.5 fen of the exact one: n − 1 payments rounded by
 * ≤ ½ fen, and a last payment off by ≤ s_n + 1, s_n = ((1+r)^n − 1)/r (the remainder property
 * above). Equal principal's is at most n/2 (its interests) + r·n²/4 (rounded shares leave balances
 * up to k/2 fen high) above the exact one. Together ≤ n + s_n + r·n²/4 + 1; one fen of slack on top.
 * Comparing two annuities (advance against arrears) needs twice the annuity part: 2·this covers it.
 */
function roundingAllowance(s: LeaseSchedule): number {
	const n = s.periods
	const r = s.periodicRate
	const sn = r === 0 ? n : Math.expm1(n * Math.log1p(r)) / r
	return n + sn + (r * n * n) / 4 + 2
}

describe('schedule properties (any valid terms)', () => {
	it('the terms the generator makes are all valid', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => buildLeaseSchedule(terms).ok),
			RUNS,
		)
	})

	it('principal sums exactly to the amount financed; the balance never goes negative and ends at zero', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const s = build(terms)
				expect(s.rows).toHaveLength(s.periods)
				expect(s.rows.reduce((a, r) => a + r.principalFen, 0)).toBe(terms.amountFinancedFen)
				expect(s.totals.principalFen).toBe(terms.amountFinancedFen)
				let before = terms.amountFinancedFen
				for (const row of s.rows) {
					expect(Number.isSafeInteger(row.paymentFen) && Number.isSafeInteger(row.interestFen)).toBe(true)
					expect(row.principalFen).toBeGreaterThanOrEqual(0)
					expect(row.interestFen).toBeGreaterThanOrEqual(0)
					expect(row.paymentFen).toBe(row.principalFen + row.interestFen)
					expect(row.balanceAfterFen).toBe(before - row.principalFen)
					expect(row.balanceAfterFen).toBeGreaterThanOrEqual(0)
					before = row.balanceAfterFen
				}
				expect(s.rows.at(-1)!.balanceAfterFen).toBe(0)
				expect(s.rows.at(-1)!.balloonFen).toBe(terms.balloonFen ?? 0)
			}),
			RUNS,
		)
	})

	it('interest is the stated rounding of balance × periodic rate, once per instalment', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const s = build(terms)
				let balance = terms.amountFinancedFen
				for (const row of s.rows) {
					const expected =
						terms.timing === 'advance' && row.period === 1 ? 0 : (balance * terms.annualRate) / s.periodsPerYear
					// Within half a fen of the exact value (plus float noise in this re-computation).
					expect(Math.abs(row.interestFen - expected)).toBeLessThanOrEqual(0.5 + 1e-6)
					balance = row.balanceAfterFen
				}
			}),
			RUNS,
		)
	})

	it('annuity rows all pay the regular payment but the last, which absorbs a remainder no larger than the compounded half-fen errors', () => {
		fc.assert(
			fc.property(
				leaseTermsArb.filter((t) => t.method === 'annuity'),
				(terms) => {
					const s = build(terms)
					for (const row of s.rows.slice(0, -1)) expect(row.paymentFen).toBe(s.regularPaymentFen)
					const last = s.rows.at(-1)!
					const r = s.periodicRate
					// Each period adds at most ½ fen (payment rounding) + ½ fen (interest rounding) of error to the
					// balance, and it compounds: at most s_n = ((1+r)^n − 1)/r fen (n when r = 0).
					const bound = r === 0 ? s.periods : Math.expm1(s.periods * Math.log1p(r)) / r
					expect(Math.abs(last.paymentFen - last.balloonFen - s.regularPaymentFen)).toBeLessThanOrEqual(bound + 1)
				},
			),
			RUNS,
		)
	})

	it('equal-principal rows repay one share each; the last repays the rest, within n/2 fen of a share', () => {
		fc.assert(
			fc.property(
				leaseTermsArb.filter((t) => t.method === 'equalPrincipal'),
				(terms) => {
					const s = build(terms)
					const share = Math.round((terms.amountFinancedFen - (terms.balloonFen ?? 0)) / s.periods)
					for (const row of s.rows.slice(0, -1)) expect(row.principalFen).toBe(share)
					const last = s.rows.at(-1)!
					expect(Math.abs(last.principalFen - last.balloonFen - share)).toBeLessThanOrEqual(s.periods / 2)
				},
			),
			RUNS,
		)
	})

	it('the deposit is used up against the last instalments and never makes a payment negative', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const s = build(terms)
				expect(s.rows.reduce((a, r) => a + r.depositAppliedFen, 0)).toBe(terms.depositFen)
				let reachedUnapplied = false
				for (const row of [...s.rows].reverse()) {
					expect(row.cashDueFen).toBe(row.paymentFen - row.depositAppliedFen)
					expect(row.cashDueFen).toBeGreaterThanOrEqual(0)
					// Latest first: once a row is not fully covered, no earlier row gets any deposit.
					if (reachedUnapplied) expect(row.depositAppliedFen).toBe(0)
					if (row.cashDueFen > 0) reachedUnapplied = true
				}
			}),
			RUNS,
		)
	})

	it('the cash flows add up to the price minus everything paid, and after signing are never inflows', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const s = build(terms)
				const net = periodCashFlows(s)
				expect(net).toHaveLength(s.periods + 1)
				expect(net.reduce((a, b) => a + b, 0)).toBe(terms.equipmentPriceFen - s.totals.totalPaidFen)
				expect(s.totals.financeChargeFen).toBe(s.totals.interestFen + s.totals.feesFen + s.totals.residualFen)
				for (const amount of net.slice(1)) expect(amount).toBeLessThanOrEqual(0)
			}),
			RUNS,
		)
	})

	it('due dates strictly increase, keep the signing day where the month has it, and end at the term end', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const s = build(terms)
				const day = Number(terms.startDate.slice(8))
				let previous = terms.timing === 'advance' ? '' : terms.startDate
				for (const row of s.rows) {
					expect(row.dueDate > previous).toBe(true)
					const [y, m, d] = row.dueDate.split('-').map(Number) as [number, number, number]
					expect(d).toBe(Math.min(day, new Date(Date.UTC(y, m, 0)).getUTCDate()))
					previous = row.dueDate
				}
				if (terms.timing === 'advance') expect(s.rows[0]!.dueDate).toBe(terms.startDate)
				else expect(s.rows.at(-1)!.dueDate).toBe(s.endDate)
			}),
			RUNS,
		)
	})

	it('in exact arithmetic, equal principal costs no more interest than an annuity in arrears, and advance no more than arrears', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const ep = exactInterest(terms, 'equalPrincipal', 'arrears')
				const ann = exactInterest(terms, 'annuity', 'arrears')
				const noise = 1e-9 * terms.amountFinancedFen
				expect(ep).toBeLessThanOrEqual(ann + noise)
				expect(exactInterest(terms, 'equalPrincipal', 'advance')).toBeLessThanOrEqual(ep + noise)
				expect(exactInterest(terms, 'annuity', 'advance')).toBeLessThanOrEqual(ann + noise)
			}),
			RUNS,
		)
	})

	it('with per-instalment rounding, equal principal (arrears) costs no more than an annuity beyond the rounding allowance', () => {
		fc.assert(
			fc.property(
				leaseTermsArb.map((t) => ({ ...t, timing: 'arrears' as const })),
				(terms) => {
					const annuity = build({ ...terms, method: 'annuity' })
					const equal = build({ ...terms, method: 'equalPrincipal' })
					expect(equal.totals.interestFen).toBeLessThanOrEqual(annuity.totals.interestFen + roundingAllowance(annuity))
				},
			),
			RUNS,
		)
	})

	it('with per-instalment rounding, paying in advance costs less interest than in arrears: by exactly the first interest for equal principal, and for an annuity beyond the rounding allowance', () => {
		fc.assert(
			fc.property(leaseTermsArb, (terms) => {
				const equalArrears = build({ ...terms, method: 'equalPrincipal', timing: 'arrears' })
				const equalAdvance = build({ ...terms, method: 'equalPrincipal', timing: 'advance' })
				// Same balances, one interest fewer: the arrears schedule's first.
				expect(equalArrears.totals.interestFen - equalAdvance.totals.interestFen).toBe(
					equalArrears.rows[0]!.interestFen,
				)
				const arrears = build({ ...terms, method: 'annuity', timing: 'arrears' })
				const advance = build({ ...terms, method: 'annuity', timing: 'advance' })
				expect(advance.totals.interestFen).toBeLessThanOrEqual(
					arrears.totals.interestFen + 2 * roundingAllowance(arrears),
				)
				// Exactly, arrears − advance = n·(P_arrears − P_advance) ≥ A·r/(1+r). At 1 % a year or more on
				// 10,000 yuan or more that is ≥ 832 fen, above the two annuities' rounding (n + 2·s_n + 2 ≤
				// 374 fen at 1 %, and growing slower than A·r up to 50 %), so there the ordering is strict.
				if (terms.annualRate >= 0.01 && terms.amountFinancedFen >= 1_000_000) {
					expect(advance.totals.interestFen).toBeLessThan(arrears.totals.interestFen)
				}
			}),
			RUNS,
		)
	})
})

describe('effective-rate properties', () => {
	it('the IRR of a plain annuity (exact payments, no fees) equals its periodic rate within 1e-9', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 360 }),
				fc.double({ min: 1e-6, max: 0.1, noNaN: true }),
				fc.double({ min: 1, max: 1e12, noNaN: true }),
				(n, r, amount) => {
					const payment = (amount * r) / (1 - (1 + r) ** -n)
					const flows = [-amount, ...Array.from({ length: n }, () => payment)]
					const found = irr(flows)
					expect(found).not.toBeNull()
					expect(Math.abs(found! - r)).toBeLessThan(1e-9)
				},
			),
			RUNS,
		)
	})

	it('the effective rate of a plain lease is its quoted rate, off by no more than its fen roundings allow', () => {
		fc.assert(
			fc.property(
				leaseTermsArb
					.map(plain)
					.filter((t) => !(t.timing === 'advance' && t.termMonths === (t.frequency === 'quarterly' ? 3 : 1))),
				(terms) => {
					const s = build(terms)
					const rates = leaseRates(s)
					expect(rates).not.toBeNull()
					// Interest at r on the real balance makes the flows' NPV at r the discounted sum of the
					// half-fen rounding errors, ≤ n/2 fen; the NPV's slope is at least about A/2 (A the financed
					// amount), so the IRR is within about n/A of r: 2n/A leaves room.
					const bound = (2 * s.periods) / terms.amountFinancedFen + 1e-12
					expect(Math.abs(rates!.periodicRate - s.periodicRate)).toBeLessThanOrEqual(bound)
				},
			),
			RUNS,
		)
	})

	it('adding any positive fee never lowers the effective rate', () => {
		fc.assert(
			fc.property(leaseTermsArb, fc.double({ min: 0, max: 1, noNaN: true }), (terms, share) => {
				const room = terms.amountFinancedFen - terms.depositFen - terms.serviceFeeFen - 1
				fc.pre(room >= 1)
				const extra = Math.max(1, Math.floor(room * share))
				const before = leaseRates(build(terms))
				const after = leaseRates(build({ ...terms, serviceFeeFen: terms.serviceFeeFen + extra }))
				if (before === null) expect(after).toBeNull()
				if (before !== null && after !== null) {
					// Solver tolerance 1e-10 per period, compounded over a year.
					expect(after.effectiveAnnualRate).toBeGreaterThanOrEqual(before.effectiveAnnualRate - 1e-9)
				}
			}),
			RUNS,
		)
	})

	it('the IRR found is a root: NPV at it is zero relative to the flows, and scaling the flows does not move it', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1, max: 1e9, noNaN: true }),
				fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 120 }),
				fc.double({ min: 0.001, max: 1000, noNaN: true }),
				(outlay, receipts, scale) => {
					const flows = [-outlay, ...receipts]
					// Conventional flows have one root; keep those whose root lies inside the searched −0.99…10.
					const at = (rate: number) => flows.reduce((a, x, t) => a + x / (1 + rate) ** t, 0)
					fc.pre(at(-0.99) > 0 && at(10) < 0)
					const found = irr(flows)
					expect(found).not.toBeNull()
					// A root to the solver's tolerance: the NPV changes sign within ±1e-9 of it.
					expect(Math.sign(npv(found! - 1e-9, flows)) * Math.sign(npv(found! + 1e-9, flows))).toBeLessThanOrEqual(0)
					const scaled = irr(flows.map((x) => x * scale))
					expect(scaled).not.toBeNull()
					expect(Math.abs(scaled! - found!)).toBeLessThan(2e-9)
				},
			),
			RUNS,
		)
	})
})
