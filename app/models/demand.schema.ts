import { z } from 'zod'
import { CATEGORY_KEYS, DEMAND_DOMAIN_KEYS } from './taxonomy.ts'

/**
 * Client-safe schemas of the demand, inquiry, quote and notification forms (RELIABILITY R21:
 * strict allow-lists, length and range limits). Messages are keys of the `demands` i18n
 * namespace, so one schema answers in Chinese or English wherever it runs.
 */

export const FINANCING_OPTIONS = ['none', 'leasing', 'loan'] as const
export type Financing = (typeof FINANCING_OPTIONS)[number]

/** Why a demand was closed: the buyer chose a supplier, gave up, or let it run out. */
export const CLOSE_REASONS = ['won', 'cancelled', 'expired'] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]

/** Inquiries one organization may send per (Beijing) day: junk protection for the makers. */
export const INQUIRY_DAILY_LIMIT = 30

/** Interpolation values of the `demands` error messages: `errors.inquiryLimit` names the limit. */
export const DEMAND_ERROR_VALUES = { limit: INQUIRY_DAILY_LIMIT }

export const DEMAND_LIMITS = {
	title: 80,
	description: 2000,
	specLines: 20,
	specKey: 30,
	specValue: 80,
	quantity: 100_000,
	/** 万元: 100 亿元 is more than any single renewal project of the plan. */
	budgetWan: 1_000_000,
	oldName: 80,
	oldModel: 60,
	oldKwh: 10_000_000_000,
	message: 2000,
	inquiryMessage: 1000,
	reason: 500,
	note: 2000,
	/** Yuan. */
	price: 100_000_000_000,
	/** Inquiries one form may send at once. */
	inquiryBatch: 20,
} as const

function str(required = 'errors.required') {
	return z.string({ required_error: required, invalid_type_error: 'errors.invalid' })
}

function num(required = 'errors.required') {
	return z.number({ required_error: required, invalid_type_error: 'errors.number' })
}

/** A calendar date as typed in an <input type="date">: YYYY-MM-DD, a real day, 2000–2100. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const d = new Date(`${value}T00:00:00Z`)
	if (Number.isNaN(d.getTime())) return false
	const year = d.getUTCFullYear()
	return d.toISOString().slice(0, 10) === value && year >= 2000 && year <= 2100
}

function date(required = 'errors.required') {
	return str(required).trim().refine(isIsoDate, 'errors.date')
}

const Id = num('errors.invalid')
	.int('errors.invalid')
	.min(1, 'errors.invalid')
	.max(Number.MAX_SAFE_INTEGER, 'errors.invalid')

/**
 * Key specs typed one per line as "参数: 数值" (a colon, a full-width colon or "="), so the form
 * needs no JavaScript to add rows. Parsed into ordered pairs; the same key twice keeps the last.
 */
export function parseSpecLines(text: string): { specs: Array<[string, string]>; error: string | null } {
	const lines = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
	if (lines.length > DEMAND_LIMITS.specLines) return { specs: [], error: 'errors.specsTooMany' }
	const map = new Map<string, string>()
	for (const line of lines) {
		const m = /^([^:：=]+)[:：=](.+)$/.exec(line)
		const key = m?.[1]?.trim() ?? ''
		const value = m?.[2]?.trim() ?? ''
		if (!key || !value) return { specs: [], error: 'errors.specsFormat' }
		if (key.length > DEMAND_LIMITS.specKey || value.length > DEMAND_LIMITS.specValue) {
			return { specs: [], error: 'errors.specsTooLong' }
		}
		map.delete(key)
		map.set(key, value)
	}
	return { specs: [...map.entries()], error: null }
}

/** The specs back as the textarea shows them. */
export function formatSpecLines(specs: ReadonlyArray<readonly [string, string]>): string {
	return specs.map(([k, v]) => `${k}: ${v}`).join('\n')
}

const optionalText = (max: number, tooLong = 'errors.tooLong') => str().trim().max(max, tooLong).optional()

const wan = num()
	.finite('errors.number')
	.min(0, 'errors.budgetRange')
	.max(DEMAND_LIMITS.budgetWan, 'errors.budgetRange')

/** The demand form's fields, as the page sends them (budgets in 万元). */
export const DemandFieldsSchema = z
	.object({
		// What is needed — asked first: specific demands get better matches.
		categoryKey: z.enum(CATEGORY_KEYS, { errorMap: () => ({ message: 'errors.category' }) }).optional(),
		keySpecs: str()
			.max(DEMAND_LIMITS.specLines * (DEMAND_LIMITS.specKey + DEMAND_LIMITS.specValue + 4), 'errors.specsTooLong')
			.optional()
			.transform((text, ctx) => {
				const { specs, error } = parseSpecLines(text ?? '')
				if (error) {
					ctx.addIssue({ code: 'custom', message: error })
					return z.NEVER
				}
				return specs
			}),
		quantity: num('errors.quantityRequired')
			.int('errors.quantity')
			.min(1, 'errors.quantity')
			.max(DEMAND_LIMITS.quantity, 'errors.quantity'),
		minEnergyGrade: num().int('errors.invalid').min(1, 'errors.invalid').max(3, 'errors.invalid').optional(),
		// When, how much, how paid.
		neededBy: date().optional(),
		budgetMinWan: wan.optional(),
		budgetMaxWan: wan.optional(),
		financing: z.enum(FINANCING_OPTIONS, { errorMap: () => ({ message: 'errors.invalid' }) }).default('none'),
		preferInZone: z.boolean({ invalid_type_error: 'errors.invalid' }).optional().default(false),
		// The old equipment being replaced.
		oldName: optionalText(DEMAND_LIMITS.oldName),
		oldModel: optionalText(DEMAND_LIMITS.oldModel),
		oldInstalledYear: num().int('errors.year').min(1950, 'errors.year').max(2100, 'errors.year').optional(),
		oldQuantity: num()
			.int('errors.quantity')
			.min(1, 'errors.quantity')
			.max(DEMAND_LIMITS.quantity, 'errors.quantity')
			.optional(),
		oldEnergyGrade: num().int('errors.oldGrade').min(1, 'errors.oldGrade').max(5, 'errors.oldGrade').optional(),
		oldAnnualEnergyKwh: num().int('errors.kwh').min(0, 'errors.kwh').max(DEMAND_LIMITS.oldKwh, 'errors.kwh').optional(),
		// In words.
		title: str('errors.titleRequired')
			.trim()
			.min(4, 'errors.titleTooShort')
			.max(DEMAND_LIMITS.title, 'errors.titleTooLong'),
		description: str('errors.descriptionRequired')
			.trim()
			.min(10, 'errors.descriptionTooShort')
			.max(DEMAND_LIMITS.description, 'errors.descriptionTooLong'),
		domain: z.enum(DEMAND_DOMAIN_KEYS, { errorMap: () => ({ message: 'errors.domainRequired' }) }),
		expiresAt: date().optional(),
	})
	.strict('errors.invalid')

function checkDemand(
	v: { budgetMinWan?: number; budgetMaxWan?: number; oldInstalledYear?: number },
	ctx: z.RefinementCtx,
): void {
	if (v.budgetMinWan != null && v.budgetMaxWan != null && v.budgetMinWan > v.budgetMaxWan) {
		ctx.addIssue({ code: 'custom', path: ['budgetMaxWan'], message: 'errors.budgetOrder' })
	}
	if (v.oldInstalledYear != null && v.oldInstalledYear > new Date().getUTCFullYear()) {
		ctx.addIssue({ code: 'custom', path: ['oldInstalledYear'], message: 'errors.year' })
	}
}

/** The new-demand and edit forms: the fields plus which button was pressed. */
export const DemandFormSchema = DemandFieldsSchema.extend({
	intent: z.enum(['draft', 'publish', 'save'], { errorMap: () => ({ message: 'errors.invalid' }) }),
})
	.strict('errors.invalid')
	.superRefine(checkDemand)

export type DemandFormValue = z.infer<typeof DemandFormSchema>
export type DemandInput = Omit<DemandFormValue, 'intent'>

// ───────────────────────── the demand page (/demands/:id) ─────────────────────────

const MatchIdField = Id

/** Every form of the demand page, told apart by `intent` (CONVENTIONS: multi-action forms). */
export const DemandActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: z.literal('publish') }).strict('errors.invalid'),
		z
			.object({
				intent: z.literal('close'),
				reason: z.enum(CLOSE_REASONS, { errorMap: () => ({ message: 'errors.closeReason' }) }),
			})
			.strict('errors.invalid'),
		z.object({ intent: z.literal('shortlist'), matchId: MatchIdField }).strict('errors.invalid'),
		z.object({ intent: z.literal('unshortlist'), matchId: MatchIdField }).strict('errors.invalid'),
		z
			.object({
				intent: z.literal('inquire'),
				matchIds: z
					.array(MatchIdField, { invalid_type_error: 'errors.invalid' })
					.min(1, 'errors.pickMakers')
					.max(DEMAND_LIMITS.inquiryBatch, 'errors.tooManyMakers'),
				message: str('errors.messageRequired')
					.trim()
					.min(2, 'errors.messageRequired')
					.max(DEMAND_LIMITS.inquiryMessage, 'errors.tooLong'),
				quantity: num('errors.quantityRequired')
					.int('errors.quantity')
					.min(1, 'errors.quantity')
					.max(DEMAND_LIMITS.quantity, 'errors.quantity'),
				wantedDate: date('errors.dateRequired'),
			})
			.strict('errors.invalid'),
		z.object({ intent: z.literal('won'), matchId: MatchIdField }).strict('errors.invalid'),
		z
			.object({
				intent: z.literal('message'),
				matchId: MatchIdField,
				body: str('errors.messageRequired')
					.trim()
					.min(1, 'errors.messageRequired')
					.max(DEMAND_LIMITS.message, 'errors.tooLong'),
			})
			.strict('errors.invalid'),
		z
			.object({
				intent: z.literal('report'),
				reason: str('errors.reasonRequired')
					.trim()
					.min(4, 'errors.reasonTooShort')
					.max(DEMAND_LIMITS.reason, 'errors.tooLong'),
			})
			.strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)

export type DemandAction = z.infer<typeof DemandActionSchema>

// ───────────────────────── the maker's side (/workspace/inquiries/:matchId) ─────────────────────────

const price = num('errors.priceRequired')
	.int('errors.price')
	.min(1, 'errors.price')
	.max(DEMAND_LIMITS.price, 'errors.price')

export const QuoteFieldsSchema = z
	.object({
		intent: z.literal('quote'),
		unitPrice: price,
		totalPrice: price,
		deliveryDate: date('errors.dateRequired'),
		validUntil: date('errors.dateRequired'),
		note: optionalText(DEMAND_LIMITS.note),
	})
	.strict('errors.invalid')

export const InquiryActionSchema = z.discriminatedUnion(
	'intent',
	[
		QuoteFieldsSchema,
		z
			.object({
				intent: z.literal('decline'),
				reason: str('errors.reasonRequired')
					.trim()
					.min(2, 'errors.reasonTooShort')
					.max(DEMAND_LIMITS.reason, 'errors.tooLong'),
			})
			.strict('errors.invalid'),
		z
			.object({
				intent: z.literal('message'),
				body: str('errors.messageRequired')
					.trim()
					.min(1, 'errors.messageRequired')
					.max(DEMAND_LIMITS.message, 'errors.tooLong'),
			})
			.strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)

export type InquiryAction = z.infer<typeof InquiryActionSchema>
export type QuoteInput = Omit<z.infer<typeof QuoteFieldsSchema>, 'intent'>

/** The quote attachment: one PDF, JPEG or PNG up to 5 MB (checked by its first bytes, not its name). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
export const ATTACHMENT_ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png'

// ───────────────────────── notifications ─────────────────────────

export const NotificationActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: z.literal('read'), id: Id }).strict('errors.invalid'),
		z.object({ intent: z.literal('readAll') }).strict('errors.invalid'),
		z
			.object({
				intent: z.literal('digest'),
				digest: z.boolean({ invalid_type_error: 'errors.invalid' }).optional().default(false),
			})
			.strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)
