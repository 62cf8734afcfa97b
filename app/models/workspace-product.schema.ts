import { z } from 'zod'
import { CATEGORY_KEYS } from './taxonomy.ts'

/**
 * Client-safe schemas of the supplier workspace's product forms. Messages are keys of the
 * `workspace` i18n namespace (`errors.*`), so one schema answers in Chinese or English; the
 * same schema runs in the browser (conform) and, authoritatively, in the action (R21).
 */

export const PRODUCT_STATUSES = ['draft', 'pending', 'published', 'rejected', 'archived'] as const
export type WorkspaceProductStatus = (typeof PRODUCT_STATUSES)[number]

/**
 * What an edit (fields, images, a re-uploaded sheet row) does to the status: a published product
 * goes back to review and leaves the index until approved again; a rejected one becomes a draft.
 */
export function statusAfterEdit(status: WorkspaceProductStatus): WorkspaceProductStatus {
	if (status === 'published') return 'pending'
	if (status === 'rejected') return 'draft'
	return status
}

/** At most this many spec rows: a datasheet's key figures, not the whole manual. */
export const MAX_SPEC_ROWS = 40
export const MAX_LIST_ITEMS = 30

const LIST_SEPARATORS = /[,，;；、/|\n]/

/** "CE, CCC；ISO 9001" → ['CE', 'CCC', 'ISO 9001'] (empties and repeats dropped). */
export function splitList(text: string | null | undefined): string[] {
	if (!text) return []
	return [
		...new Set(
			text
				.split(LIST_SEPARATORS)
				.map((s) => s.trim())
				.filter(Boolean),
		),
	]
}

const optionalText = (max: number, tooLong: string) =>
	z
		.string({ invalid_type_error: 'errors.invalid' })
		.trim()
		.max(max, tooLong)
		.optional()
		.transform((v) => (v ? v : null))

const requiredName = z
	.string({ required_error: 'errors.nameRequired', invalid_type_error: 'errors.invalid' })
	.trim()
	.min(1, 'errors.nameRequired')
	.max(200, 'errors.nameTooLong')

const yuan = z
	.number({ invalid_type_error: 'errors.number' })
	.int('errors.integer')
	.min(0, 'errors.nonNegative')
	.max(1_000_000_000_000, 'errors.tooLarge')
	.optional()
	.transform((v) => v ?? null)

const listField = (tooLong: string) =>
	z
		.string({ invalid_type_error: 'errors.invalid' })
		.max(2000, tooLong)
		.optional()
		.superRefine((text, ctx) => {
			const items = splitList(text)
			if (items.length > MAX_LIST_ITEMS) ctx.addIssue({ code: 'custom', message: 'errors.listTooMany' })
			if (items.some((i) => i.length > 50)) ctx.addIssue({ code: 'custom', message: 'errors.listItemTooLong' })
		})
		.transform(splitList)

const SpecRowSchema = z
	.object({
		key: optionalText(100, 'errors.specKeyTooLong'),
		value: optionalText(200, 'errors.specValueTooLong'),
	})
	.strict('errors.invalid')

/** Key–value rows; blank rows are dropped, half-filled and repeated keys are field errors. */
const SpecsField = z
	.array(SpecRowSchema, { invalid_type_error: 'errors.invalid' })
	.max(MAX_SPEC_ROWS, 'errors.specsTooMany')
	.optional()
	.superRefine((rows, ctx) => {
		const seen = new Set<string>()
		rows?.forEach((row, i) => {
			if (row.key && !row.value)
				ctx.addIssue({ code: 'custom', path: [i, 'value'], message: 'errors.specValueRequired' })
			if (!row.key && row.value) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'errors.specKeyRequired' })
			if (row.key) {
				const k = row.key.normalize('NFKC').toLowerCase()
				if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'errors.specKeyDuplicate' })
				seen.add(k)
			}
		})
	})
	.transform((rows) =>
		(rows ?? []).flatMap((r): Array<[string, string]> => (r.key && r.value ? [[r.key, r.value]] : [])),
	)

/** Every field of a product as the form sends it (`specs[0].key`, `specs[0].value`, …). */
export const productFields = {
	name: requiredName,
	nameEn: optionalText(200, 'errors.nameTooLong'),
	kind: z.enum(['equipment', 'service'], { errorMap: () => ({ message: 'errors.kindRequired' }) }),
	category: z.enum(CATEGORY_KEYS, { errorMap: () => ({ message: 'errors.categoryRequired' }) }),
	model: optionalText(100, 'errors.modelTooLong'),
	brand: optionalText(100, 'errors.brandTooLong'),
	description: optionalText(8000, 'errors.descriptionTooLong'),
	specs: SpecsField,
	energyGrade: z
		.number({ invalid_type_error: 'errors.energyGrade' })
		.int('errors.energyGrade')
		.min(1, 'errors.energyGrade')
		.max(3, 'errors.energyGrade')
		.optional()
		.transform((v) => v ?? null),
	priceMin: yuan,
	priceMax: yuan,
	leadTimeDays: z
		.number({ invalid_type_error: 'errors.number' })
		.int('errors.integer')
		.min(0, 'errors.nonNegative')
		.max(3650, 'errors.leadTimeTooLong')
		.optional()
		.transform((v) => v ?? null),
	certifications: listField('errors.listTooLong'),
	tags: listField('errors.listTooLong'),
}

function checkPriceOrder(
	value: { intent: string; priceMin?: number | null; priceMax?: number | null },
	ctx: z.RefinementCtx,
): void {
	if (value.intent !== 'save') return
	if (value.priceMin != null && value.priceMax != null && value.priceMin > value.priceMax)
		ctx.addIssue({ code: 'custom', path: ['priceMax'], message: 'errors.priceOrder' })
}

/**
 * The product form in the browser (conform's live validation): the fields without the intent,
 * which only the clicked button carries.
 */
export const ProductFormClientSchema = z
	.object({ intent: z.string().optional(), ...productFields })
	.superRefine((value, ctx) => checkPriceOrder({ ...value, intent: 'save' }, ctx))

const SaveIntent = z.object({ intent: z.literal('save'), ...productFields }).strict('errors.invalid')
// Adding a spec row without JavaScript round-trips the form: nothing is validated or written,
// the page comes back with what was typed and one more empty row.
const AddSpecRowIntent = z.object({ intent: z.literal('addSpecRow') }).passthrough()

/** The new-product page: save, or add a spec row. */
export const NewProductActionSchema = z
	.discriminatedUnion('intent', [SaveIntent, AddSpecRowIntent], {
		errorMap: () => ({ message: 'errors.invalid' }),
	})
	.superRefine(checkPriceOrder)

/** The image form (multipart): one or more files under `images`. */
const UploadImagesIntent = z
	.object({
		intent: z.literal('uploadImages'),
		images: z
			.array(z.instanceof(File, { message: 'errors.imageInvalid' }), {
				required_error: 'errors.imageRequired',
				invalid_type_error: 'errors.imageInvalid',
			})
			.min(1, 'errors.imageRequired'),
	})
	.strict('errors.invalid')

/** The product page: edit, add a spec row, move through the workflow, add or drop images. */
export const EditProductActionSchema = z
	.discriminatedUnion(
		'intent',
		[
			SaveIntent,
			AddSpecRowIntent,
			z.object({ intent: z.literal('submit') }).strict('errors.invalid'),
			z.object({ intent: z.literal('archive') }).strict('errors.invalid'),
			z.object({ intent: z.literal('restore') }).strict('errors.invalid'),
			UploadImagesIntent,
			z
				.object({
					intent: z.literal('deleteImage'),
					imageId: z
						.number({ required_error: 'errors.invalid', invalid_type_error: 'errors.invalid' })
						.int('errors.invalid')
						.positive('errors.invalid')
						.max(Number.MAX_SAFE_INTEGER, 'errors.invalid'),
				})
				.strict('errors.invalid'),
		],
		{ errorMap: () => ({ message: 'errors.invalid' }) },
	)
	.superRefine(checkPriceOrder)

/** The bulk upload form: one .csv or .xlsx file under `file`. */
export const ImportProductsSchema = z
	.object({
		intent: z.literal('upload', { errorMap: () => ({ message: 'errors.invalid' }) }),
		file: z.instanceof(File, { message: 'errors.fileRequired' }),
	})
	.strict('errors.invalid')

/** The list page's query: a status filter and a page number; anything else reads as the default. */
export const ProductListQuerySchema = z.object({
	status: z.enum(PRODUCT_STATUSES).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})

export type ProductFormValues = {
	name: string
	nameEn: string | null
	kind: 'equipment' | 'service'
	category: (typeof CATEGORY_KEYS)[number]
	model: string | null
	brand: string | null
	description: string | null
	specs: Array<[string, string]>
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	leadTimeDays: number | null
	certifications: string[]
	tags: string[]
}

/**
 * The reply to "add a row" without JavaScript: what was typed, unvalidated, plus one empty spec
 * row (conform renders the form from a reply's initialValue).
 */
export function withExtraSpecRow<Reply extends { initialValue?: Record<string, unknown> | null; error?: unknown }>(
	reply: Reply,
): Reply {
	const value = reply.initialValue ?? {}
	const raw = value.specs
	const rows = Array.isArray(raw) ? [...raw] : raw && typeof raw === 'object' ? [raw] : []
	if (rows.length < MAX_SPEC_ROWS) rows.push({ key: '', value: '' })
	return { ...reply, initialValue: { ...value, intent: undefined, specs: rows }, error: undefined }
}
