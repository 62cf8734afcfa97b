import type { ExchangeDocumentInput } from '../../app/models/exchange.schema.ts'
import type { Rng } from './random.ts'
import { roundPrice, type CategoryVocab, type ProductTemplate, type Specs } from './vocab/types.ts'

export type ProductInput = NonNullable<ExchangeDocumentInput['products']>[number]

/** What a product needs to know about the organization that lists it. */
export interface Maker {
	ref: string
	brand: string
	/** Model-number prefix. */
	code: string
	inZone: boolean
}

export function productName(tpl: ProductTemplate, size: number): string {
	return tpl.label ? `${tpl.name} ${tpl.label(size)}` : tpl.name
}

export function modelNumber(tpl: ProductTemplate, code: string, size: number): string {
	return tpl.model ? tpl.model(code, size) : `${code}-${tpl.series}${String(size).replace('.', '')}`
}

interface Ctx {
	brand: string
	name: string
	full: string
	model: string
	use: string
	f1: string
	f2: string
	phrase: string
	phrase2: string
	grade: number | null
	lead: number
	cert: string
	years: number
}

type Sentence = (c: Ctx) => string

// Several openings per kind, so two products of one type by one maker still read differently.
const EQUIPMENT_OPENERS: Sentence[] = [
	(c) => `${c.brand}${c.full}（型号 ${c.model}），${c.f1}。`,
	(c) => `${c.model} 是${c.brand}面向${c.use}推出的${c.name}，${c.f1}。`,
	(c) => `本产品为${c.brand} ${c.model} ${c.name}，${c.f1}，${c.f2}。`,
	(c) => `针对${c.use}需求设计的${c.full}（${c.model}），${c.f1}。`,
	(c) => `${c.brand}${c.model}${c.name}：${c.f1}；${c.f2}。`,
	(c) => `${c.name}（${c.model}）由${c.brand}自主研发制造，${c.f1}。`,
	(c) => `${c.brand}新一代${c.full}，型号 ${c.model}，${c.f1}。`,
	(c) => `用于${c.use}的${c.full}（${c.brand} ${c.model}）。${c.f1}。`,
]

const SERVICE_OPENERS: Sentence[] = [
	(c) => `${c.brand}${c.full}（服务编号 ${c.model}）：${c.f1}。`,
	(c) => `${c.brand}为${c.use}提供${c.name}，${c.f1}。`,
	(c) => `服务包 ${c.model}：${c.full}，${c.f1}，${c.f2}。`,
	(c) => `${c.name}由${c.brand}提供（编号 ${c.model}），${c.f1}。`,
	(c) => `面向${c.use}的${c.full}（${c.brand} ${c.model}），${c.f1}。`,
]

const MIDDLES: Sentence[] = [
	(c) => `${c.phrase}。`,
	(c) => `适用于${c.use}，${c.phrase}。`,
	(c) => `${c.phrase}；${c.phrase2}。`,
	(c) => `在${c.use}中，${c.phrase}。`,
]

const EQUIPMENT_CLOSERS: Sentence[] = [
	(c) => (c.grade ? `能效等级 ${c.grade} 级。` : ''),
	(c) => `标准交期约 ${c.lead} 天。`,
	(c) => `已通过 ${c.cert} 认证。`,
	() => '支持以旧换新与融资租赁。',
	() => '区内客户可上门安装调试并培训操作人员。',
	() => '提供 7×24 小时远程运维。',
	(c) => `整机质保 ${c.years} 年。`,
	() => '可安排样机试用与现场考察。',
]

const SERVICE_CLOSERS: Sentence[] = [
	(c) => `从签约到交付约 ${c.lead} 天。`,
	() => '项目期间派驻专职项目经理。',
	() => '可按节能效果或里程碑付费。',
	() => '报价含方案设计、实施与验收。',
	(c) => `服务质保 ${c.years} 年。`,
]

/** Coprime with both closer-list lengths (8 and 5), so a walk visits every closer once. */
const STRIDES = [1, 3, 7] as const
const MAX_DESCRIPTION = 150
const MIN_DESCRIPTION = 40

function describe(rng: Rng, c: Ctx, service: boolean): string {
	const opener = rng.pick(service ? SERVICE_OPENERS : EQUIPMENT_OPENERS)(c)
	let text = opener
	const middle = rng.pick(MIDDLES)(c)
	if (text.length + middle.length <= MAX_DESCRIPTION) text += middle
	const closers = service ? SERVICE_CLOSERS : EQUIPMENT_CLOSERS
	// Walk the closers from a random start and stride instead of shuffling: no allocation per product.
	const start = rng.int(0, closers.length - 1)
	const stride = rng.pick(STRIDES)
	let wanted = rng.int(0, 2)
	for (let i = 0; i < closers.length; i++) {
		if (wanted <= 0 && text.length >= MIN_DESCRIPTION) break
		const closer = closers[(start + i * stride) % closers.length]
		const s = closer ? closer(c) : ''
		if (s && text.length + s.length <= MAX_DESCRIPTION) {
			text += s
			wanted--
		}
	}
	return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}。` : text
}

const GRADE_WEIGHTS: readonly (readonly [number, number])[] = [
	[1, 3],
	[2, 5],
	[3, 2],
]

/** One listing of `tpl` at `size` by `maker`; every random choice comes from `rng`. */
export function buildProduct(
	rng: Rng,
	ref: string,
	maker: Maker,
	cat: CategoryVocab,
	tpl: ProductTemplate,
	size: number,
): ProductInput {
	const kind = tpl.kind ?? cat.kind
	const graded = tpl.graded ?? cat.graded
	const grade = graded ? rng.weighted(GRADE_WEIGHTS) : null
	const model = modelNumber(tpl, maker.code, size)
	const full = productName(tpl, size)
	// A maker's own price level and the grade premium move the band around the type's typical price.
	const base = tpl.price(size) * rng.float(0.9, 1.1) * (grade === 1 ? 1.06 : grade === 3 ? 0.95 : 1)
	const priceMin = roundPrice(base * rng.float(0.86, 0.96))
	const priceMax = Math.max(priceMin, roundPrice(base * rng.float(1.04, 1.2)))
	const lead = rng.int(tpl.lead[0], tpl.lead[1])
	const certifications = rng.sample(tpl.certs, rng.int(Math.max(1, tpl.certs.length - 1), tpl.certs.length))
	const specs: Specs = tpl.specs(size, rng)
	if (kind === 'equipment' && rng.chance(0.35)) specs['质保期'] = `${rng.pick([1, 2, 3])} 年`
	if (kind === 'service' && rng.chance(0.4)) specs['服务区域'] = rng.pick(['天津市', '京津冀', '全国'])
	const tags = [...tpl.tags]
	if (grade === 1 && !tags.includes('一级能效')) tags.push('一级能效')
	if (maker.inZone && rng.chance(0.5)) tags.push('区内制造')
	if (rng.chance(0.25)) tags.push('以旧换新')
	const f = rng.sample(tpl.features, 2)
	const phrases = rng.sample(cat.phrases, 2)
	const ctx: Ctx = {
		brand: maker.brand,
		name: tpl.name,
		full,
		model,
		use: rng.pick(cat.uses),
		f1: f[0] ?? tpl.name,
		f2: f[1] ?? `广泛用于${rng.pick(cat.uses)}`,
		phrase: phrases[0] ?? '',
		phrase2: phrases[1] ?? '',
		grade,
		lead,
		cert: certifications[0] ?? 'ISO 9001',
		years: rng.int(1, 3),
	}
	const product: ProductInput = {
		ref,
		org: maker.ref,
		kind,
		category: cat.key,
		name: full,
		model,
		brand: maker.brand,
		description: describe(rng, ctx, kind === 'service'),
		specs,
		energyGrade: grade,
		priceMin,
		priceMax,
		leadTimeDays: lead,
		certifications,
		tags,
	}
	if (tpl.en && rng.chance(0.6)) {
		// Chinese size labels (提升6m, 12台) stay out of the English name.
		const label = tpl.label?.(size)
		product.nameEn = label && /^[\x20-\x7e]+$/.test(label) ? `${tpl.en} ${label}` : tpl.en
	}
	return product
}
