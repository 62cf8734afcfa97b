/**
 * Internal rate of return: Newton–Raphson from a guess, and when Newton wanders off or stalls, a
 * bracketed bisection that cannot fail once a sign change is found. Pure; no money rounding here.
 */

/** Solver settings; rates are per period for irr and per year for xirr. */
export type IrrOptions = {
	/** Where Newton starts; for a lease, its nominal periodic rate is a good guess. */
	guess?: number
	/** Lowest rate searched (> −1). */
	lower?: number
	/** Highest rate searched. */
	upper?: number
	/** Convergence on the rate itself. */
	tolerance?: number
	maxIterations?: number
}

const DEFAULTS = { guess: 0.01, lower: -0.99, upper: 10, tolerance: 1e-10, maxIterations: 100 }

/** Net present value at a periodic rate of flows at periods 0, 1, 2, … */
export function npv(rate: number, cashFlows: readonly number[]): number {
	let sum = 0
	for (let t = 0; t < cashFlows.length; t++) sum += (cashFlows[t] ?? 0) / (1 + rate) ** t
	return sum
}

/** Periodic IRR of flows at periods 0, 1, 2, …; null when the flows never change sign or no root is found in the bracket. */
export function irr(cashFlows: readonly number[], options: IrrOptions = {}): number | null {
	return solveRate(
		cashFlows.map((_, t) => t),
		cashFlows,
		options,
	)
}

/** Annual IRR of dated flows ('YYYY-MM-DD'), Actual/365 from the first date; null as for irr. */
export function xirr(flows: ReadonlyArray<{ date: string; amount: number }>, options: IrrOptions = {}): number | null {
	const days = flows.map((f) => Date.parse(`${f.date}T00:00:00Z`) / 86_400_000)
	if (days.some((d) => !Number.isFinite(d))) return null
	const first = Math.min(...days)
	return solveRate(
		days.map((d) => (d - first) / 365),
		flows.map((f) => f.amount),
		{ guess: 0.1, ...options },
	)
}

/** (1 + r)^n − 1: the annual rate a periodic rate really compounds to. */
export function effectiveAnnualRate(periodicRate: number, periodsPerYear: number): number {
	return (1 + periodicRate) ** periodsPerYear - 1
}

/** r × n: the nominal annual rate (APR) a periodic rate is quoted as. */
export function nominalAnnualRate(periodicRate: number, periodsPerYear: number): number {
	return periodicRate * periodsPerYear
}

/** The periodic rate that compounds to an effective annual rate: (1 + a)^(1/n) − 1. */
export function periodicRateFromEffective(annualRate: number, periodsPerYear: number): number {
	return (1 + annualRate) ** (1 / periodsPerYear) - 1
}

function solveRate(times: readonly number[], amounts: readonly number[], options: IrrOptions): number | null {
	const { guess, lower, upper, tolerance, maxIterations } = { ...DEFAULTS, ...options }
	if (!(lower > -1 && upper > lower && tolerance > 0)) return null
	if (amounts.some((a) => !Number.isFinite(a)) || times.some((t) => !Number.isFinite(t))) return null
	if (!amounts.some((a) => a > 0) || !amounts.some((a) => a < 0)) return null
	const horizon = Math.max(...times)

	// Same sign as the NPV for any rate > −1 and finite at both ends of the bracket: below zero we
	// multiply through by (1+r)^horizon (a future value), so (0.01)^−360 never overflows.
	function signed(rate: number): number {
		let sum = 0
		if (rate >= 0) for (let i = 0; i < times.length; i++) sum += amounts[i]! / (1 + rate) ** times[i]!
		else for (let i = 0; i < times.length; i++) sum += amounts[i]! * (1 + rate) ** (horizon - times[i]!)
		return sum
	}

	const start = Number.isFinite(guess) && guess > lower && guess < upper ? guess : DEFAULTS.guess
	const fromNewton = newton(start)
	if (fromNewton !== null) return fromNewton
	return bisectNearest(start)

	function newton(r0: number): number | null {
		let r = r0
		for (let i = 0; i < maxIterations; i++) {
			let f = 0
			let df = 0
			for (let k = 0; k < times.length; k++) {
				const v = (1 + r) ** -times[k]!
				f += amounts[k]! * v
				df -= (times[k]! * amounts[k]! * v) / (1 + r)
			}
			if (!Number.isFinite(f) || !Number.isFinite(df) || df === 0) return null
			const next = r - f / df
			if (!Number.isFinite(next) || next <= lower || next >= upper) return null
			if (Math.abs(next - r) <= tolerance * Math.max(1, Math.abs(next))) return next
			r = next
		}
		return null
	}

	// A grid dense near zero (where lease rates live) and sparse towards the ends; of the intervals
	// where the sign changes, bisect the one nearest the guess, so a second root far away is not preferred.
	function bisectNearest(near: number): number | null {
		const grid = new Set<number>([lower, upper, 0])
		for (let e = -5; e <= 1.0001; e += 0.05) {
			const x = 10 ** e
			if (x > lower && x < upper) grid.add(x)
			if (-x > lower && -x < upper) grid.add(-x)
		}
		const points = [...grid].sort((a, b) => a - b)
		let best: [number, number] | null = null
		let bestDistance = Infinity
		let prev = points[0]!
		let prevSign = Math.sign(signed(prev))
		if (prevSign === 0) return prev
		for (const x of points.slice(1)) {
			const s = Math.sign(signed(x))
			if (s === 0) return x
			if (s !== prevSign) {
				const distance = Math.min(Math.abs(prev - near), Math.abs(x - near))
				if (distance < bestDistance) {
					best = [prev, x]
					bestDistance = distance
				}
			}
			prev = x
			prevSign = s
		}
		if (!best) return null
		let [lo, hi] = best
		const loSign = Math.sign(signed(lo))
		for (let i = 0; i < 200 && hi - lo > tolerance; i++) {
			const mid = (lo + hi) / 2
			const s = Math.sign(signed(mid))
			if (s === 0) return mid
			if (s === loSign) lo = mid
			else hi = mid
		}
		return (lo + hi) / 2
	}
}
