import { z } from 'zod'
import { CATEGORY_KEYS, DEMAND_DOMAIN_KEYS, ORG_ROLES } from './taxonomy.ts'
import { normalizeUscc, usccProblem } from './uscc.ts'

/**
 * Exchange format v1 (DESIGN.md): one JSON document, `ref` is the caller's stable id.
 * Client-safe; the import service adds the cross-record checks (dangling `org`, duplicate refs).
 * Messages are bilingual because they are read on a terminal by whoever prepared the file.
 */
const ref = z.string().trim().min(1, '不能为空 (required)').max(100, '过长 (too long, max 100)')
const money = z.number().int('须为整数元 (integer yuan)').nonnegative('不能为负 (must be ≥ 0)').max(1e12)
const text = (max: number) => z.string().max(max, `过长 (too long, max ${max})`)

// Stored in the standard's own spelling (half-width, upper case, no spaces), so the unique index
// catches the same code typed twice in different ways.
const uscc = z
	.string()
	.superRefine((value, ctx) => {
		const problem = usccProblem(value)
		if (problem === 'length')
			ctx.addIssue({ code: 'custom', message: '统一社会信用代码应为18位 (USCC must have 18 characters)' })
		if (problem === 'charset')
			ctx.addIssue({ code: 'custom', message: '统一社会信用代码含非法字符 (USCC has characters outside its alphabet)' })
		if (problem === 'check')
			ctx.addIssue({ code: 'custom', message: '统一社会信用代码校验位错误 (USCC check character is wrong)' })
	})
	.transform(normalizeUscc)

const category = z.enum(CATEGORY_KEYS, {
	errorMap: (issue, ctx) =>
		issue.code === 'invalid_enum_value'
			? { message: `未知的类别 (unknown category key) ${JSON.stringify(issue.received)}` }
			: { message: ctx.defaultError },
})

export const ExchangeOrganizationSchema = z
	.object({
		ref,
		name: text(200).min(1, '不能为空 (required)'),
		nameEn: text(200).nullish(),
		uscc,
		roles: z.array(z.enum(ORG_ROLES)).min(1, '至少一个角色 (at least one role)'),
		inZone: z.boolean().nullish(),
		area: text(50).nullish(),
		industry: text(100).nullish(),
		description: text(4000).nullish(),
		website: text(300).nullish(),
		contact: z
			.object({ person: text(50).nullish(), phone: text(30).nullish(), email: text(200).nullish() })
			.strict()
			.nullish(),
	})
	.strict()

export const ExchangeProductSchema = z
	.object({
		ref,
		org: ref,
		kind: z.enum(['equipment', 'service']),
		category,
		name: text(200).min(1, '不能为空 (required)'),
		nameEn: text(200).nullish(),
		model: text(100).nullish(),
		brand: text(100).nullish(),
		description: text(8000).nullish(),
		specs: z.record(text(200)).nullish(),
		energyGrade: z.number().int().min(1).max(3).nullish(),
		priceMin: money.nullish(),
		priceMax: money.nullish(),
		leadTimeDays: z.number().int().min(0).max(3650).nullish(),
		certifications: z.array(text(50)).max(30).nullish(),
		tags: z.array(text(50)).max(30).nullish(),
	})
	.strict()
	.refine((p) => p.priceMin == null || p.priceMax == null || p.priceMin <= p.priceMax, {
		message: '最低价高于最高价 (priceMin is above priceMax)',
		path: ['priceMax'],
	})

export const ExchangeLeasingProgramSchema = z
	.object({
		ref,
		org: ref,
		name: text(200).min(1),
		categories: z.array(category).min(1),
		amountMin: money,
		amountMax: money,
		termMonthsMin: z.number().int().min(1).max(360).nullish(),
		termMonthsMax: z.number().int().min(1).max(360).nullish(),
		rateMin: z.number().min(0).max(1).nullish(),
		rateMax: z.number().min(0).max(1).nullish(),
		downPaymentMin: z.number().min(0).max(1).nullish(),
		structures: z.array(z.enum(['direct', 'saleLeaseback'])).nullish(),
		serviceFeePct: z.number().min(0).max(1).nullish(),
		depositPct: z.number().min(0).max(1).nullish(),
		industries: z.array(text(100)).nullish(),
		description: text(4000).nullish(),
	})
	.strict()
	.refine((p) => p.amountMin <= p.amountMax, {
		message: '金额下限高于上限 (amountMin is above amountMax)',
		path: ['amountMax'],
	})

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)')

export const ExchangeDemandSchema = z
	.object({
		ref,
		org: ref,
		title: text(200).min(1),
		category: category.nullish(),
		domain: z.enum(DEMAND_DOMAIN_KEYS).nullish(),
		description: text(8000).min(1),
		keySpecs: z.record(text(200)).nullish(),
		quantity: z.number().int().min(1).max(100000),
		budgetMin: money.nullish(),
		budgetMax: money.nullish(),
		neededBy: isoDate.nullish(),
		minEnergyGrade: z.number().int().min(1).max(3).nullish(),
		preferInZone: z.boolean().nullish(),
		financing: z.enum(['none', 'leasing', 'loan']).nullish(),
		oldEquipment: z
			.object({
				name: text(200).nullish(),
				model: text(100).nullish(),
				installedYear: z.number().int().min(1950).max(2100).nullish(),
				quantity: z.number().int().min(1).nullish(),
				energyGrade: z.number().int().min(1).max(5).nullish(),
				annualEnergyKwh: z.number().int().min(0).nullish(),
			})
			.strict()
			.nullish(),
	})
	.strict()

export const ExchangeDocumentSchema = z
	.object({
		version: z.literal(1, { errorMap: () => ({ message: '仅支持 version 1 (only version 1 is supported)' }) }),
		organizations: z.array(ExchangeOrganizationSchema).default([]),
		products: z.array(ExchangeProductSchema).default([]),
		leasingPrograms: z.array(ExchangeLeasingProgramSchema).default([]),
		demands: z.array(ExchangeDemandSchema).default([]),
	})
	.strict()

const TYPE_ZH: Record<string, string> = {
	string: '文本',
	number: '数字',
	integer: '整数',
	float: '小数',
	boolean: '布尔值',
	array: '数组',
	object: '对象',
	null: 'null',
}

/**
 * Bilingual messages for zod's generic issues (required, wrong type, out of range), so every error
 * of an exchange file reads the same on the terminal. Messages written in the schema win over these.
 */
export const exchangeErrorMap: z.ZodErrorMap = (issue, ctx) => {
	// A parse-time map overrides a schema's own errorMap; the schema's (bilingual, Chinese-first)
	// message arrives here as defaultError, so keep it. zod's own defaults start in English.
	if (/^[\u4e00-\u9fff]/.test(ctx.defaultError)) return { message: ctx.defaultError }
	switch (issue.code) {
		case 'invalid_type': {
			if (issue.received === 'undefined') return { message: '必填 (required)' }
			const expected = TYPE_ZH[issue.expected] ?? issue.expected
			const received = TYPE_ZH[issue.received] ?? issue.received
			return {
				message: `类型错误：应为${expected}，实际为${received} (expected ${issue.expected}, received ${issue.received})`,
			}
		}
		case 'invalid_enum_value':
			return {
				message: `取值无效 (invalid value) ${JSON.stringify(issue.received)}；可选 (expected one of): ${issue.options.join(', ')}`,
			}
		case 'invalid_literal':
			return { message: `取值应为 (expected) ${JSON.stringify(issue.expected)}` }
		case 'too_small':
			if (issue.type === 'string') {
				return Number(issue.minimum) <= 1
					? { message: '不能为空 (required)' }
					: { message: `过短 (too short, min ${issue.minimum})` }
			}
			if (issue.type === 'array') return { message: `至少 ${issue.minimum} 项 (at least ${issue.minimum} items)` }
			return { message: `不能小于 ${issue.minimum} (must be ≥ ${issue.minimum})` }
		case 'too_big':
			if (issue.type === 'string') return { message: `过长 (too long, max ${issue.maximum})` }
			if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项 (at most ${issue.maximum} items)` }
			return { message: `不能大于 ${issue.maximum} (must be ≤ ${issue.maximum})` }
		case 'invalid_string':
			return { message: '格式错误 (invalid format)' }
		case 'unrecognized_keys':
			return { message: `未知字段 (unknown field): ${issue.keys.join(', ')}` }
		default:
			return { message: ctx.defaultError }
	}
}

export type ExchangeDocument = z.infer<typeof ExchangeDocumentSchema>
export type ExchangeDocumentInput = z.input<typeof ExchangeDocumentSchema>
export type ExchangeOrganization = z.infer<typeof ExchangeOrganizationSchema>
export type ExchangeProduct = z.infer<typeof ExchangeProductSchema>
export type ExchangeLeasingProgram = z.infer<typeof ExchangeLeasingProgramSchema>
export type ExchangeDemand = z.infer<typeof ExchangeDemandSchema>
