import { z } from 'zod'
import { parseYuanToFen } from '#app/leasing/money.ts'
import {
	MAX_AMOUNT_FEN,
	MAX_ANNUAL_RATE,
	MAX_TERM_MONTHS,
	validateLeaseTerms,
	type LeaseTermsErrorCode,
	type LeaseTermsField,
} from '#app/leasing/schedule.ts'
import { CATEGORY_KEYS } from './taxonomy.ts'

/**
 * Client-safe schemas of the leasing forms (RELIABILITY R21: strict allow-lists, length and range
 * limits). Messages are keys of the `leasing` i18n namespace (`errors.*`), so one schema answers
 * in Chinese or English wherever it runs. Rates and shares are typed as percentages (5.5 = 5.5 %)
 * and stored as fractions; money is typed in yuan and becomes integer fen (offers) or integer
 * yuan (programmes), as the columns hold it.
 */

export const LEASE_STRUCTURES = ['direct', 'saleLeaseback'] as const
export const PAYMENT_FREQUENCIES = ['monthly', 'quarterly'] as const
export const REPAYMENT_METHODS = ['annuity', 'equalPrincipal'] as const
export const PAYMENT_TIMINGS = ['arrears', 'advance'] as const
export const PROGRAM_STATUSES = ['active', 'paused', 'archived'] as const
export const OFFER_STATUSES = ['sent', 'accepted', 'declined', 'withdrawn', 'expired'] as const

export type LeaseStructureKey = (typeof LEASE_STRUCTURES)[number]
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number]
export type OfferStatus = (typeof OFFER_STATUSES)[number]

export const LEASING_LIMITS = {
	name: 100,
	description: 2000,
	industries: 10,
	industry: 50,
	note: 1000,
	reason: 500,
	/** Yuan: 1,000 亿元, the arithmetic's own ceiling. */
	amountYuan: MAX_AMOUNT_FEN / 100,
	termMonths: MAX_TERM_MONTHS,
	/** Percent. */
	ratePct: MAX_ANNUAL_RATE * 100,
	downPaymentPct: 90,
	serviceFeePct: 20,
	depositPct: 50,
	/** Days an offer may stay open. */
	validityDays: 366,
} as const

function str(required = 'errors.required') {
	return z.string({ required_error: required, invalid_type_error: 'errors.invalid' })
}

function num(required = 'errors.required') {
	return z.number({ required_error: required, invalid_type_error: 'errors.number' }).finite('errors.number')
}

const Id = num('errors.invalid')
	.int('errors.invalid')
	.min(1, 'errors.invalid')
	.max(Number.MAX_SAFE_INTEGER, 'errors.invalid')

/** A percentage typed by a person, as a fraction rounded to 1e-6 (4.35 → 0.0435, not 0.043500000000000004). */
function pct(maxPct: number, required = 'errors.required') {
	return num(required)
		.min(0, 'errors.pctRange')
		.max(maxPct, 'errors.pctRange')
		.transform((v) => Math.round(v * 10_000) / 1_000_000)
}

/** Yuan as typed ("1,000,000.50", full-width digits) to integer fen; empty → the default. */
function yuanToFenField(options: { required?: boolean } = {}) {
	const base = str('errors.required')
		.max(30, 'errors.money')
		.transform((value, ctx) => {
			const fen = parseYuanToFen(value)
			if (fen === null || fen > MAX_AMOUNT_FEN) {
				ctx.addIssue({ code: 'custom', message: 'errors.money' })
				return z.NEVER
			}
			return fen
		})
	return options.required ? base : base.optional().transform((v) => v ?? 0)
}

/** Whole yuan for programme amount ranges. */
function wholeYuan() {
	return num().int('errors.wholeYuan').min(1, 'errors.amountRange').max(LEASING_LIMITS.amountYuan, 'errors.amountRange')
}

/**
 * A checkbox group of allowed keys: the errors land on the group, not on one box (an unknown key
 * is one message next to the fieldset), and the same key twice is refused.
 */
function keyList<const K extends string>(allowed: readonly K[], requiredKey: string, invalidKey: string) {
	return z
		.array(str(requiredKey), { required_error: requiredKey, invalid_type_error: invalidKey })
		.min(1, requiredKey)
		.max(allowed.length, invalidKey)
		.refine(
			(list) => list.every((v) => (allowed as readonly string[]).includes(v)) && new Set(list).size === list.length,
			invalidKey,
		)
		.transform((list) => list as K[])
}

const termMonths = () =>
	num().int('errors.termWhole').min(1, 'errors.termRange').max(LEASING_LIMITS.termMonths, 'errors.termRange')

function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const d = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

const optionalText = (max: number) =>
	str()
		.trim()
		.max(max, 'errors.tooLong')
		.optional()
		.transform((v) => (v ? v : null))

// ───────────────────────── programmes ─────────────────────────

/** The programme form: every field a lessor fills in. */
export const ProgramFieldsSchema = z.object({
	name: str('errors.nameRequired').trim().min(2, 'errors.nameTooShort').max(LEASING_LIMITS.name, 'errors.tooLong'),
	categories: keyList(CATEGORY_KEYS, 'errors.categoriesRequired', 'errors.categoryInvalid'),
	amountMin: wholeYuan(),
	amountMax: wholeYuan(),
	termMonthsMin: termMonths(),
	termMonthsMax: termMonths(),
	rateMinPct: pct(LEASING_LIMITS.ratePct),
	rateMaxPct: pct(LEASING_LIMITS.ratePct),
	downPaymentMinPct: pct(LEASING_LIMITS.downPaymentPct)
		.optional()
		.transform((v) => v ?? 0),
	structures: keyList(LEASE_STRUCTURES, 'errors.structuresRequired', 'errors.structureInvalid'),
	serviceFeePct: pct(LEASING_LIMITS.serviceFeePct)
		.optional()
		.transform((v) => v ?? 0),
	depositPct: pct(LEASING_LIMITS.depositPct)
		.optional()
		.transform((v) => v ?? 0),
	industries: str()
		.max(LEASING_LIMITS.industries * (LEASING_LIMITS.industry + 1), 'errors.tooLong')
		.optional()
		.transform((v, ctx) => {
			const list = [
				...new Set(
					(v ?? '')
						.split(/[,，、;；\n]/)
						.map((s) => s.trim())
						.filter(Boolean),
				),
			]
			if (list.length > LEASING_LIMITS.industries || list.some((s) => s.length > LEASING_LIMITS.industry)) {
				ctx.addIssue({ code: 'custom', message: 'errors.industriesTooMany' })
				return z.NEVER
			}
			return list
		}),
	description: optionalText(LEASING_LIMITS.description),
})

function checkProgramRanges(
	v: Pick<
		z.infer<typeof ProgramFieldsSchema>,
		'amountMin' | 'amountMax' | 'termMonthsMin' | 'termMonthsMax' | 'rateMinPct' | 'rateMaxPct'
	>,
	ctx: z.RefinementCtx,
) {
	if (v.amountMin > v.amountMax) ctx.addIssue({ code: 'custom', path: ['amountMax'], message: 'errors.maxBelowMin' })
	if (v.termMonthsMin > v.termMonthsMax)
		ctx.addIssue({ code: 'custom', path: ['termMonthsMax'], message: 'errors.maxBelowMin' })
	if (v.rateMinPct > v.rateMaxPct) ctx.addIssue({ code: 'custom', path: ['rateMaxPct'], message: 'errors.maxBelowMin' })
}

export const ProgramInputSchema = ProgramFieldsSchema.strict('errors.invalid').superRefine(checkProgramRanges)
export type ProgramInput = z.infer<typeof ProgramInputSchema>

/** The programme page's intents: save the fields, pause, resume or archive. */
export const ProgramActionSchema = z
	.discriminatedUnion(
		'intent',
		[
			ProgramFieldsSchema.extend({ intent: z.literal('save') }).strict('errors.invalid'),
			z.object({ intent: z.literal('pause') }).strict('errors.invalid'),
			z.object({ intent: z.literal('resume') }).strict('errors.invalid'),
			z.object({ intent: z.literal('archive') }).strict('errors.invalid'),
		],
		{ errorMap: () => ({ message: 'errors.invalid' }) },
	)
	.superRefine((v, ctx) => {
		if (v.intent === 'save') checkProgramRanges(v, ctx)
	})
export type ProgramAction = z.infer<typeof ProgramActionSchema>

// ───────────────────────── offers ─────────────────────────

/**
 * The offer form. The lessor types the equipment price (直租) or transfer price (回租) and the down
 * payment; the amount financed is their difference (ADR 0004), shown in the preview and stored.
 */
export const OfferFieldsSchema = z.object({
	programId: Id.optional(),
	equipmentPrice: yuanToFenField({ required: true }),
	downPayment: yuanToFenField(),
	termMonths: termMonths(),
	annualRatePct: num().min(0, 'errors.rateRange').max(LEASING_LIMITS.ratePct, 'errors.rateRange'),
	deposit: yuanToFenField(),
	serviceFee: yuanToFenField(),
	residual: yuanToFenField(),
	structure: z.enum(LEASE_STRUCTURES, { errorMap: () => ({ message: 'errors.optionInvalid' }) }),
	frequency: z.enum(PAYMENT_FREQUENCIES, { errorMap: () => ({ message: 'errors.optionInvalid' }) }),
	method: z.enum(REPAYMENT_METHODS, { errorMap: () => ({ message: 'errors.optionInvalid' }) }),
	timing: z
		.enum(PAYMENT_TIMINGS, { errorMap: () => ({ message: 'errors.optionInvalid' }) })
		.optional()
		.transform((v) => v ?? 'arrears'),
	validUntil: str('errors.validUntilRequired').trim().refine(isIsoDate, 'errors.date'),
	note: optionalText(LEASING_LIMITS.note),
})

/** Where each arithmetic error is shown on the form. */
const TERMS_FIELD: Partial<Record<LeaseTermsField, keyof z.infer<typeof OfferFieldsSchema>>> = {
	equipmentPriceFen: 'equipmentPrice',
	amountFinancedFen: 'equipmentPrice',
	downPaymentFen: 'downPayment',
	depositFen: 'deposit',
	serviceFeeFen: 'serviceFee',
	residualFen: 'residual',
	termMonths: 'termMonths',
	annualRate: 'annualRatePct',
	frequency: 'frequency',
	method: 'method',
	timing: 'timing',
	structure: 'structure',
}

/** The i18n key of one arithmetic error, e.g. errors.terms.downPaymentFen.notBelowPrice. */
export function termsErrorMessage(field: LeaseTermsField, code: LeaseTermsErrorCode): string {
	return `errors.terms.${field}.${code}`
}

type OfferFields = z.infer<typeof OfferFieldsSchema>

/** The lease terms an offer's fields describe, signed on `startDate`. */
export function offerTerms(v: OfferFields, startDate: string) {
	return {
		structure: v.structure,
		equipmentPriceFen: v.equipmentPrice,
		amountFinancedFen: v.equipmentPrice - v.downPayment,
		termMonths: v.termMonths,
		annualRate: percentToRate(v.annualRatePct),
		frequency: v.frequency,
		method: v.method,
		timing: v.timing,
		downPaymentFen: v.downPayment,
		depositFen: v.deposit,
		serviceFeeFen: v.serviceFee,
		residualFen: v.residual,
		startDate,
	}
}

/** 5.5 → 0.055, kept to the decimal the person typed (the schedule reads rates as written decimals). */
export function percentToRate(pctValue: number): number {
	return Number((pctValue / 100).toFixed(8))
}

// The arithmetic's own validation runs inside the schema, so the browser and the server report
// the same errors next to the same fields. The date does not change validity: any valid one does.
function checkOfferTerms(v: OfferFields, ctx: z.RefinementCtx) {
	for (const error of validateLeaseTerms(offerTerms(v, '2026-01-01'))) {
		const field = TERMS_FIELD[error.field]
		// Down payment ≥ price also makes the amount financed non-positive: report it once.
		if (error.field === 'amountFinancedFen' && error.code === 'notPositive') continue
		// Types and ranges of single fields are the schema's own messages above; keep the cross-field rules.
		if (error.code === 'outOfRange' || error.code === 'notInteger' || error.code === 'negative') continue
		ctx.addIssue({ code: 'custom', path: field ? [field] : [], message: termsErrorMessage(error.field, error.code) })
	}
}

const PreviewSchema = OfferFieldsSchema.extend({ intent: z.literal('preview') }).strict('errors.invalid')
const SendSchema = OfferFieldsSchema.extend({ intent: z.literal('send') }).strict('errors.invalid')

/** The lessor's offer page: preview the schedule, send the offer, or withdraw a sent one. */
export const OfferActionSchema = z
	.discriminatedUnion(
		'intent',
		[PreviewSchema, SendSchema, z.object({ intent: z.literal('withdraw'), offerId: Id }).strict('errors.invalid')],
		{ errorMap: () => ({ message: 'errors.invalid' }) },
	)
	.superRefine((v, ctx) => {
		if (v.intent !== 'withdraw') checkOfferTerms(v, ctx)
	})
export type OfferAction = z.infer<typeof OfferActionSchema>
export type OfferInput = Omit<Extract<OfferAction, { intent: 'send' }>, 'intent'>

// ───────────────────────── the enterprise's side ─────────────────────────

/** The enterprise's leasing page: ask a programme's lessor for an offer, accept or decline one. */
export const EnterpriseLeasingActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: z.literal('request'), programId: Id }).strict('errors.invalid'),
		z.object({ intent: z.literal('accept'), offerId: Id }).strict('errors.invalid'),
		z
			.object({
				intent: z.literal('decline'),
				offerId: Id,
				reason: str('errors.reasonRequired')
					.trim()
					.min(2, 'errors.reasonRequired')
					.max(LEASING_LIMITS.reason, 'errors.tooLong'),
			})
			.strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)
export type EnterpriseLeasingAction = z.infer<typeof EnterpriseLeasingActionSchema>

/** The public list's query string. */
export const ProgramListQuerySchema = z.object({
	q: z
		.string()
		.trim()
		.max(100)
		.catch('')
		.transform((v) => v.slice(0, 100)),
	category: z.enum(CATEGORY_KEYS).nullable().catch(null),
})
