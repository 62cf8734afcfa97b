/**
 * The payment schedule of a financial lease (融资租赁) and the lessee's real cash flows.
 * Pure arithmetic in integer fen; the conventions are argued in docs/decisions/0004-leasing-arithmetic.md.
 */
import { fenTimesRate, roundDiv, roundHalfAwayFromZero } from './money.ts'

/** 直租 (direct lease) or 售后回租 (sale-leaseback). */
export type LeaseStructure = 'direct' | 'saleLeaseback'
/** How often instalments fall due. */
export type PaymentFrequency = 'monthly' | 'quarterly'
/** 等额本息 (annuity) or 等额本金 (equal principal). */
export type RepaymentMethod = 'annuity' | 'equalPrincipal'
/** 后付 (arrears: end of each period) or 先付 (advance: start of each period, the first at signing). */
export type PaymentTiming = 'arrears' | 'advance'

/** Everything an offer fixes about the money; amounts in fen. */
export type LeaseTerms = {
	/** 直租 or 售后回租; only names the first cash flow — the arithmetic is the same. */
	structure?: LeaseStructure
	/** The asset's price (直租) or its transfer price (回租), in fen. */
	equipmentPriceFen: number
	/** Must equal equipmentPriceFen − downPaymentFen. */
	amountFinancedFen: number
	termMonths: number
	/** Nominal annual rate as the lessor quotes it (0.055 = 5.5 %); the periodic rate is annualRate / periods per year. */
	annualRate: number
	frequency: PaymentFrequency
	method: RepaymentMethod
	timing: PaymentTiming
	/** 首付款, paid at signing. */
	downPaymentFen: number
	/** 保证金, paid at signing, interest-free, applied against the last instalments. */
	depositFen: number
	/** 手续费, paid at signing. */
	serviceFeeFen: number
	/** 留购价: the nominal purchase-option price, paid at the end of the term to take ownership. */
	residualFen: number
	/** Principal left unamortised and paid with the last instalment (尾款), at most half the amount financed; 0 when absent. */
	balloonFen?: number
	/** Signing date 'YYYY-MM-DD'. */
	startDate: string
}

/** A field of LeaseTerms an error points at. */
export type LeaseTermsField = keyof LeaseTerms
/** Why a field is refused. */
export type LeaseTermsErrorCode =
	| 'notInteger'
	| 'negative'
	| 'notPositive'
	| 'outOfRange'
	| 'invalidOption'
	| 'invalidDate'
	| 'notMultipleOfThree'
	| 'notBelowPrice'
	| 'mismatch'
	| 'exceedsPrice'
	| 'exceedsFinancing'
	| 'tooLarge'
	| 'tooSmall'
/** One validation problem, for the form to show next to its field. */
export type LeaseTermsError = { field: LeaseTermsField; code: LeaseTermsErrorCode }

/** One instalment of the schedule. */
export type ScheduleRow = {
	/** 1-based instalment number. */
	period: number
	dueDate: string
	/** Contractual instalment: principalFen + interestFen (the last one includes the balloon). */
	paymentFen: number
	principalFen: number
	interestFen: number
	/** The balloon inside this row's principal and payment (only ever on the last row). */
	balloonFen: number
	/** Deposit (保证金) applied against this instalment. */
	depositAppliedFen: number
	/** What the lessee actually transfers on the due date: paymentFen − depositAppliedFen. */
	cashDueFen: number
	balanceAfterFen: number
}

/** What a cash flow is, so the page can itemise it. */
export type CashFlowKind =
	| 'equipment'
	| 'saleProceeds'
	| 'downPayment'
	| 'serviceFee'
	| 'deposit'
	| 'instalment'
	| 'balloon'
	| 'depositApplied'
	| 'residual'

/** One itemised cash flow, lessee's point of view: positive received, negative paid. */
export type CashFlow = { periodIndex: number; date: string; kind: CashFlowKind; amountFen: number }

/** Sums over the schedule and the one-off amounts, in fen. */
export type LeaseTotals = {
	/** Σ paymentFen over the rows (balloon included). */
	instalmentsFen: number
	/** Σ principalFen; always equals amountFinancedFen. */
	principalFen: number
	interestFen: number
	/** 手续费. */
	feesFen: number
	downPaymentFen: number
	depositFen: number
	balloonFen: number
	residualFen: number
	/** Everything the lessee pays: down payment + fee + instalments + residual (the deposit is paid and used up, net zero). */
	totalPaidFen: number
	/** totalPaidFen − equipmentPriceFen = interest + fee + residual: what the lease costs above the price. */
	financeChargeFen: number
}

/** A computed schedule with its totals and cash flows. */
export type LeaseSchedule = {
	terms: LeaseTerms
	periodsPerYear: 12 | 4
	periods: number
	periodicRate: number
	/** The annuity payment before the last instalment's adjustment; the first payment for equal principal. */
	regularPaymentFen: number
	/** End of the term: startDate + termMonths; 留购价 is due then. */
	endDate: string
	rows: ScheduleRow[]
	totals: LeaseTotals
	/** Itemised, in date order; periodIndex 0 is signing, periodIndex = periods is the end of the term. */
	cashFlows: CashFlow[]
}

/** The schedule, or every validation error. */
export type LeaseScheduleResult = { ok: true; schedule: LeaseSchedule } | { ok: false; errors: LeaseTermsError[] }

/** Largest amount accepted: 1,000 亿元 in fen, far above any lease yet far below 2^53. */
export const MAX_AMOUNT_FEN = 10_000_000_000_000
/** Longest term accepted (10 years). */
export const MAX_TERM_MONTHS = 120
/** Highest nominal annual rate accepted. */
export const MAX_ANNUAL_RATE = 0.5
/**
 * Smallest principal to amortise (1,000 yuan). Below it, the half-fen errors of the payment and of
 * each interest, compounding over 120 periods at 50 %, could exceed the balance before the last
 * instalment (see the ADR); no real lease is that small.
 */
export const MIN_AMORTISED_FEN = 100_000

/** Largest balloon, as a share of the amount financed. */
export const MAX_BALLOON_SHARE = 0.5

/** Instalments per year of a payment frequency. */
export function periodsPerYear(frequency: PaymentFrequency): 12 | 4 {
	return frequency === 'quarterly' ? 4 : 12
}

/** Every problem with the terms (empty when they are valid); never throws, whatever it is given. */
export function validateLeaseTerms(input: LeaseTerms): LeaseTermsError[] {
	const errors: LeaseTermsError[] = []
	const t = (input ?? {}) as Partial<Record<LeaseTermsField, unknown>>
	const fail = (field: LeaseTermsField, code: LeaseTermsErrorCode) => errors.push({ field, code })

	// The amount in fen when it is usable, else null with its error recorded.
	function amount(field: LeaseTermsField, positive: boolean, optional = false): number | null {
		const v = t[field]
		if (optional && v === undefined) return 0
		let code: LeaseTermsErrorCode | null = null
		if (typeof v !== 'number' || !Number.isInteger(v)) code = 'notInteger'
		else if (positive ? v <= 0 : v < 0) code = positive ? 'notPositive' : 'negative'
		else if (v > MAX_AMOUNT_FEN) code = 'outOfRange'
		if (code === null) return v as number
		fail(field, code)
		return null
	}
	function option(field: LeaseTermsField, allowed: readonly string[], optional = false) {
		const v = t[field]
		if (optional && v === undefined) return
		if (typeof v !== 'string' || !allowed.includes(v)) fail(field, 'invalidOption')
	}

	option('structure', ['direct', 'saleLeaseback'], true)
	option('frequency', ['monthly', 'quarterly'])
	option('method', ['annuity', 'equalPrincipal'])
	option('timing', ['arrears', 'advance'])

	const price = amount('equipmentPriceFen', true)
	const financed = amount('amountFinancedFen', true)
	const down = amount('downPaymentFen', false)
	const deposit = amount('depositFen', false)
	const fee = amount('serviceFeeFen', false)
	const residual = amount('residualFen', false)
	const balloon = amount('balloonFen', false, true)

	const term = t.termMonths
	if (typeof term !== 'number' || !Number.isInteger(term)) fail('termMonths', 'notInteger')
	else if (term < 1 || term > MAX_TERM_MONTHS) fail('termMonths', 'outOfRange')
	else if (t.frequency === 'quarterly' && term % 3 !== 0) fail('termMonths', 'notMultipleOfThree')

	const rate = t.annualRate
	if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > MAX_ANNUAL_RATE)
		fail('annualRate', 'outOfRange')

	if (typeof t.startDate !== 'string' || parseIsoDate(t.startDate) === null) fail('startDate', 'invalidDate')

	if (price !== null && down !== null && down >= price) fail('downPaymentFen', 'notBelowPrice')
	// The lessee's t0 position is price received − down payment; a financed amount that is not their
	// difference would be money from nowhere (or lost), and the effective rate would mean nothing.
	else if (price !== null && down !== null && financed !== null && financed !== price - down)
		fail('amountFinancedFen', 'mismatch')
	if (price !== null && residual !== null && residual > price) fail('residualFen', 'exceedsPrice')
	// Deposit and fee taken out of the financing must leave the lessee some money actually financed.
	if (financed !== null && deposit !== null && fee !== null && deposit + fee >= financed)
		fail('depositFen', 'exceedsFinancing')
	if (financed !== null && balloon !== null) {
		// Paid in advance, an annuity's later instalments repay about (A − B − B·r)/n of principal:
		// a balloon above half the amount would let them sink below the interest (negative amortisation).
		if (balloon > financed * MAX_BALLOON_SHARE) fail('balloonFen', 'tooLarge')
		else if (financed - balloon < MIN_AMORTISED_FEN) fail('amountFinancedFen', 'tooSmall')
	}
	return errors
}

/** The full schedule, totals and the lessee's cash flows; typed errors instead of throwing on bad input. */
export function buildLeaseSchedule(input: LeaseTerms): LeaseScheduleResult {
	const errors = validateLeaseTerms(input)
	if (errors.length > 0) return { ok: false, errors }
	const terms: LeaseTerms = { ...input, balloonFen: input.balloonFen ?? 0, structure: input.structure ?? 'direct' }
	const ppy = periodsPerYear(terms.frequency)
	const monthsPerPeriod = 12 / ppy
	const n = terms.termMonths / monthsPerPeriod
	const r = terms.annualRate / ppy
	const balloon = terms.balloonFen ?? 0
	const amortised = terms.amountFinancedFen - balloon
	const advance = terms.timing === 'advance'
	const start = parseIsoDate(terms.startDate)!

	// Annuity: in arrears A = P·(v + … + v^n) + B·v^n with v = 1/(1+r), so with g = (1+r)^n − 1,
	// P = A·r + (A − B)·r/g. In advance every payment, the balloon's included, comes one period
	// earlier, so the same holds for A/(1+r). g comes from expm1/log1p because (1+r)^n − 1 loses
	// every digit for tiny r (r/g → 1/n, the zero-rate payment, as it should).
	// Equal principal: one share of the amortised principal per period.
	let regular: number
	if (terms.method === 'annuity') {
		const g = Math.expm1(n * Math.log1p(r))
		const pv = advance ? terms.amountFinancedFen / (1 + r) : terms.amountFinancedFen
		regular =
			r > 0 && g > 0 ? roundHalfAwayFromZero(pv * r + ((pv - balloon) * r) / g) : roundHalfAwayFromZero(amortised / n)
	} else regular = Number(roundDiv(BigInt(amortised), BigInt(n)))

	const rows: ScheduleRow[] = []
	let balance = terms.amountFinancedFen
	for (let k = 1; k <= n; k++) {
		// In advance the first instalment is paid at signing, before any time has passed: no interest.
		const interest = advance && k === 1 ? 0 : fenTimesRate(balance, terms.annualRate, ppy)
		const last = k === n
		let principal: number
		if (last) principal = balance
		else if (terms.method === 'annuity') principal = regular - interest
		else principal = regular
		balance -= principal
		rows.push({
			period: k,
			dueDate: formatIsoDate(addMonths(start, (advance ? k - 1 : k) * monthsPerPeriod)),
			paymentFen: principal + interest,
			principalFen: principal,
			interestFen: interest,
			balloonFen: last ? balloon : 0,
			depositAppliedFen: 0,
			cashDueFen: principal + interest,
			balanceAfterFen: balance,
		})
	}
	if (terms.method === 'equalPrincipal') regular = rows[0]!.paymentFen

	// 保证金冲抵: the deposit is used up against the last instalments, latest first, so it never
	// leaves the lessee's flows with an inflow at the end (which could give two IRRs).
	let depositLeft = terms.depositFen
	for (let i = rows.length - 1; i >= 0 && depositLeft > 0; i--) {
		const row = rows[i]!
		const applied = Math.min(depositLeft, row.paymentFen)
		row.depositAppliedFen = applied
		row.cashDueFen = row.paymentFen - applied
		depositLeft -= applied
	}

	const endDate = formatIsoDate(addMonths(start, terms.termMonths))
	const cashFlows = lesseeCashFlows(terms, rows, n, advance, endDate)
	const instalmentsFen = sum(rows.map((row) => row.paymentFen))
	const totalPaidFen = terms.downPaymentFen + terms.serviceFeeFen + instalmentsFen + terms.residualFen
	return {
		ok: true,
		schedule: {
			terms,
			periodsPerYear: ppy,
			periods: n,
			periodicRate: r,
			regularPaymentFen: regular,
			endDate,
			rows,
			totals: {
				instalmentsFen,
				principalFen: sum(rows.map((row) => row.principalFen)),
				interestFen: sum(rows.map((row) => row.interestFen)),
				feesFen: terms.serviceFeeFen,
				downPaymentFen: terms.downPaymentFen,
				depositFen: terms.depositFen,
				balloonFen: balloon,
				residualFen: terms.residualFen,
				totalPaidFen,
				financeChargeFen: totalPaidFen - terms.equipmentPriceFen,
			},
			cashFlows,
		},
	}
}

/** Net cash flow per period 0…periods (lessee's view), the input irr() expects. */
export function periodCashFlows(schedule: LeaseSchedule): number[] {
	const net = new Array<number>(schedule.periods + 1).fill(0)
	for (const flow of schedule.cashFlows) net[flow.periodIndex] = (net[flow.periodIndex] ?? 0) + flow.amountFen
	return net
}

function lesseeCashFlows(
	terms: LeaseTerms,
	rows: ScheduleRow[],
	n: number,
	advance: boolean,
	endDate: string,
): CashFlow[] {
	const flows: CashFlow[] = []
	const push = (periodIndex: number, date: string, kind: CashFlowKind, amountFen: number) => {
		if (amountFen !== 0) flows.push({ periodIndex, date, kind, amountFen })
	}
	// The lessee receives the asset (直租) or the cash for it (回租) at signing and pays the down
	// payment, fee and deposit out of it; the principal financed is the net of the first two.
	push(0, terms.startDate, terms.structure === 'saleLeaseback' ? 'saleProceeds' : 'equipment', terms.equipmentPriceFen)
	push(0, terms.startDate, 'downPayment', -terms.downPaymentFen)
	push(0, terms.startDate, 'serviceFee', -terms.serviceFeeFen)
	push(0, terms.startDate, 'deposit', -terms.depositFen)
	for (const row of rows) {
		const index = advance ? row.period - 1 : row.period
		push(index, row.dueDate, 'instalment', -(row.paymentFen - row.balloonFen))
		push(index, row.dueDate, 'balloon', -row.balloonFen)
		push(index, row.dueDate, 'depositApplied', row.depositAppliedFen)
	}
	push(n, endDate, 'residual', -terms.residualFen)
	return flows
}

function sum(values: number[]): number {
	let total = 0
	for (const v of values) total += v
	return total
}

type YMD = { y: number; m: number; d: number }

function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function parseIsoDate(text: string): YMD | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
	if (!m) return null
	const y = Number(m[1])
	const mo = Number(m[2])
	const d = Number(m[3])
	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null
	return { y, m: mo, d }
}

// Each due date is counted from the signing date, not from the previous due date, so a lease
// signed on 31 January is due on 28/29 February and then on 31 March again, never drifting to the 28th.
function addMonths(date: YMD, months: number): YMD {
	const index = date.y * 12 + (date.m - 1) + months
	const y = Math.floor(index / 12)
	const m = (index % 12) + 1
	return { y, m, d: Math.min(date.d, daysInMonth(y, m)) }
}

function formatIsoDate({ y, m, d }: YMD): string {
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
