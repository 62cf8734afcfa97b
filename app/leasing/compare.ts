/**
 * Offers side by side, normalised to what they really cost, and lease versus paying cash.
 * Pure: each offer's schedule is rebuilt from its terms, so what is compared is what is shown.
 */
import { effectiveAnnualRate, irr, nominalAnnualRate, periodicRateFromEffective } from './irr.ts'
import { roundHalfAwayFromZero } from './money.ts'
import {
	MAX_AMOUNT_FEN,
	MAX_ANNUAL_RATE,
	MAX_TERM_MONTHS,
	buildLeaseSchedule,
	periodCashFlows,
	type LeaseSchedule,
	type LeaseTerms,
	type LeaseTermsError,
} from './schedule.ts'

/** The enterprise's cost of capital used when none is given: 4 % a year, effective. */
export const DEFAULT_DISCOUNT_RATE = 0.04

/** The lessee's real cost of a lease, from the IRR of its cash flows. */
export type LeaseRates = {
	/** IRR per payment period. */
	periodicRate: number
	/** periodicRate × periods per year (APR, comparable with the quoted rate). */
	nominalAnnualRate: number
	/** (1 + periodicRate)^(periods per year) − 1: what it compounds to in a year. */
	effectiveAnnualRate: number
}

/** Lease against cash, in today's money. */
export type LeaseVsBuy = {
	/** The discount rate used, annual effective. */
	discountRate: number
	/** Present value of everything the lessee pays (deposit in and out, fee, down payment, instalments, 留购价). */
	leaseNpvFen: number
	/** Present value of paying cash: the cash price, paid at signing. */
	buyNpvFen: number
	/** leaseNpvFen − buyNpvFen: positive when leasing costs more in today's money. */
	differenceFen: number
	/** Ties go to buying: no contract, no counterparty. */
	cheaper: 'lease' | 'buy'
	/** The cost of capital at which both cost the same (annual effective); null when there is none. */
	breakEvenAnnualRate: number | null
}

/** A problem with the terms, the cash price or the discount rate. */
export type LeaseVsBuyError = LeaseTermsError | { field: 'cashPriceFen' | 'discountRate'; code: 'outOfRange' }
/** The comparison, or every input error. */
export type LeaseVsBuyResult = ({ ok: true } & LeaseVsBuy) | { ok: false; errors: LeaseVsBuyError[] }

/** One offer normalised to what it really costs, or its validation errors. */
export type OfferComparison =
	| {
			id: string
			ok: true
			/** Down payment + fee + instalments + 留购价 (the deposit is paid and used up). */
			totalPaymentsFen: number
			totalInterestFen: number
			/** 手续费. */
			totalFeesFen: number
			/** Interest + fees: the price of the money. */
			totalInterestAndFeesFen: number
			/** Everything paid above the equipment price: interest + fees + 留购价. */
			financeChargeFen: number
			/** Due at signing: down payment + fee + deposit, and the first instalment when paid in advance. */
			upfrontFen: number
			/** Instalments without the balloon, spread over the months of the term. */
			monthlyEquivalentFen: number
			/** The effective annual rate of the real cash flows; null when they finance nothing. */
			effectiveAnnualRate: number | null
			nominalAnnualRate: number | null
			/** Total paid minus the cash price, when a cash price is given. */
			costOverCashFen: number | null
			leaseVsBuy: LeaseVsBuy | null
			/** Best among the valid offers (ties all flagged). */
			best: { totalPayments: boolean; effectiveRate: boolean; monthly: boolean }
	  }
	| { id: string; ok: false; errors: LeaseTermsError[] }

/** IRR of a schedule's cash flows as periodic, nominal and effective annual rates; null when the flows never change sign. */
export function leaseRates(schedule: LeaseSchedule): LeaseRates | null {
	const periodic = irr(periodCashFlows(schedule), { guess: schedule.periodicRate > 0 ? schedule.periodicRate : 0.001 })
	if (periodic === null) return null
	return {
		periodicRate: periodic,
		nominalAnnualRate: nominalAnnualRate(periodic, schedule.periodsPerYear),
		effectiveAnnualRate: effectiveAnnualRate(periodic, schedule.periodsPerYear),
	}
}

/** Offers in their given order, each normalised to its real cost, with the best ones flagged; invalid terms come back with their errors. */
export function compareOffers(
	offers: ReadonlyArray<{ id: string; terms: LeaseTerms }>,
	cashPriceFen?: number,
	options: { discountRate?: number } = {},
): OfferComparison[] {
	const rows: OfferComparison[] = offers.map(({ id, terms }) => {
		const built = buildLeaseSchedule(terms)
		if (!built.ok) return { id, ok: false, errors: built.errors }
		const { schedule } = built
		const { totals } = schedule
		const rates = leaseRates(schedule)
		const vsBuy = cashPriceFen === undefined ? null : leaseVsBuy(terms, cashPriceFen, options.discountRate)
		const firstIfAdvance = schedule.terms.timing === 'advance' ? (schedule.rows[0]?.cashDueFen ?? 0) : 0
		return {
			id,
			ok: true,
			totalPaymentsFen: totals.totalPaidFen,
			totalInterestFen: totals.interestFen,
			totalFeesFen: totals.feesFen,
			totalInterestAndFeesFen: totals.interestFen + totals.feesFen,
			financeChargeFen: totals.financeChargeFen,
			upfrontFen: totals.downPaymentFen + totals.feesFen + totals.depositFen + firstIfAdvance,
			monthlyEquivalentFen: roundHalfAwayFromZero(
				(totals.instalmentsFen - totals.balloonFen) / schedule.terms.termMonths,
			),
			effectiveAnnualRate: rates?.effectiveAnnualRate ?? null,
			nominalAnnualRate: rates?.nominalAnnualRate ?? null,
			costOverCashFen: cashPriceFen === undefined ? null : totals.totalPaidFen - cashPriceFen,
			leaseVsBuy: vsBuy?.ok ? stripOk(vsBuy) : null,
			best: { totalPayments: false, effectiveRate: false, monthly: false },
		}
	})

	const valid = rows.filter((row) => row.ok)
	const minTotal = Math.min(...valid.map((row) => row.totalPaymentsFen))
	const minMonthly = Math.min(...valid.map((row) => row.monthlyEquivalentFen))
	const rated = valid.flatMap((row) => (row.effectiveAnnualRate === null ? [] : [row.effectiveAnnualRate]))
	const minRate = Math.min(...rated)
	for (const row of valid) {
		row.best.totalPayments = row.totalPaymentsFen === minTotal
		row.best.monthly = row.monthlyEquivalentFen === minMonthly
		// Rates from a numerical solver: equal within the solver's tolerance counts as a tie.
		row.best.effectiveRate = row.effectiveAnnualRate !== null && row.effectiveAnnualRate - minRate <= 1e-9
	}
	return rows
}

/**
 * Leasing against paying the cash price at signing, both in today's money at the enterprise's cost
 * of capital (annual effective, turned into the periodic rate that compounds to it). Taxes (VAT
 * deductions, depreciation) are left out: they depend on the enterprise, not on the offer.
 */
export function leaseVsBuy(
	terms: LeaseTerms,
	cashPriceFen: number,
	discountRate = DEFAULT_DISCOUNT_RATE,
): LeaseVsBuyResult {
	const errors: LeaseVsBuyError[] = []
	if (!Number.isInteger(cashPriceFen) || cashPriceFen <= 0 || cashPriceFen > MAX_AMOUNT_FEN)
		errors.push({ field: 'cashPriceFen', code: 'outOfRange' })
	if (!Number.isFinite(discountRate) || discountRate <= -1 || discountRate > 1)
		errors.push({ field: 'discountRate', code: 'outOfRange' })
	const built = buildLeaseSchedule(terms)
	if (!built.ok) errors.push(...built.errors)
	if (!built.ok || errors.length > 0) return { ok: false, errors }
	const { schedule } = built

	const periodic = periodicRateFromEffective(discountRate, schedule.periodsPerYear)
	let cost = 0
	for (const flow of schedule.cashFlows) {
		if (flow.kind === 'equipment' || flow.kind === 'saleProceeds') continue
		cost -= flow.amountFen / (1 + periodic) ** flow.periodIndex
	}
	const leaseNpvFen = roundHalfAwayFromZero(cost)
	const differenceFen = leaseNpvFen - cashPriceFen

	// Break-even: the IRR of "take the cash price now, pay the lease's flows", i.e. the lease
	// financing the cash price instead of the list price.
	const flows = periodCashFlows(schedule)
	flows[0] = (flows[0] ?? 0) - schedule.terms.equipmentPriceFen + cashPriceFen
	const breakEven = irr(flows, { guess: schedule.periodicRate > 0 ? schedule.periodicRate : 0.001 })

	return {
		ok: true,
		discountRate,
		leaseNpvFen,
		buyNpvFen: cashPriceFen,
		differenceFen,
		cheaper: differenceFen < 0 ? 'lease' : 'buy',
		breakEvenAnnualRate: breakEven === null ? null : effectiveAnnualRate(breakEven, schedule.periodsPerYear),
	}
}

/**
 * A programme's indicative monthly payment: a plain annuity in arrears, no fees, no down payment,
 * rounded to the fen; null when the inputs are out of range.
 */
export function indicativeMonthlyPayment(input: {
	amountFen: number
	termMonths: number
	annualRate: number
}): number | null {
	const { amountFen, termMonths, annualRate } = input
	if (!Number.isInteger(amountFen) || amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) return null
	if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) return null
	if (!Number.isFinite(annualRate) || annualRate < 0 || annualRate > MAX_ANNUAL_RATE) return null
	const r = annualRate / 12
	if (r === 0) return roundHalfAwayFromZero(amountFen / termMonths)
	return roundHalfAwayFromZero((amountFen * r) / (1 - (1 + r) ** -termMonths))
}

function stripOk(result: { ok: true } & LeaseVsBuy): LeaseVsBuy {
	const { ok: _ok, ...rest } = result
	return rest
}
