import { CATEGORIES, isCategoryKey, type CategoryKey } from '#app/models/taxonomy.ts'
import { parseSpecMap, parseSpecValues, type SpecDimension, type SpecValue } from './specs.ts'
import { DEMAND_STOP_WORDS, scanTerms, type TermHit } from './vocabulary.ts'

/**
 * Reading a demand the way a person wrote it. A filled form field always wins; where a field is
 * empty, the title and description are read for it, and the result says it was inferred so the
 * reasons can say so too (DESIGN.md). Pure: no clock, no I/O.
 */

/** What the matcher needs of a demand; rows and exchange records both map onto it. */
export type MatchDemand = {
	id?: number
	ref: string
	organizationId?: number
	title: string
	description: string
	categoryKey: string | null
	keySpecs: Record<string, string>
	/** The form's quantity; 1 is the form default, so a larger count in the text may replace it. */
	quantity: number | null
	budgetMin: number | null
	budgetMax: number | null
	neededBy: string | null
	minEnergyGrade: number | null
	preferInZone: boolean
	financing?: 'none' | 'leasing' | 'loan'
	oldName?: string | null
}

/** What the matcher needs of a product (per-unit prices in yuan). */
export type MatchProduct = {
	id: number
	ref: string
	organizationId: number
	kind: 'equipment' | 'service'
	categoryKey: string
	name: string
	model: string | null
	brand: string | null
	description: string | null
	specs: Record<string, string>
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	leadTimeDays: number | null
	tags: string[]
	inZone: boolean
}

export type Inferred<T> = { value: T; inferred: boolean }

export type CategoryGuess = {
	key: CategoryKey
	inferred: boolean
	/** 1 for a given category; for an inferred one, the share of the text's evidence it got. */
	confidence: number
	/** Runner-up categories of the text, best first (for a broader recall when unsure). */
	alternatives: CategoryKey[]
}

export type DemandAnalysis = {
	category: CategoryGuess | null
	/** At most one wanted value per dimension, form values first. */
	specs: Array<SpecValue & { inferred: boolean }>
	budget: { min: number | null; max: number; inferred: boolean } | null
	quantity: Inferred<number>
	energyFloor: Inferred<1 | 2 | 3> | null
	/** Domain terms for recall and for the text factor, stop words removed, most telling first. */
	terms: string[]
	neededBy: string | null
	preferInZone: boolean
}

export type ProductAnalysis = { specs: SpecValue[]; text: string }

const CN_DIGITS: Record<string, number> = {
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9,
	十: 10,
}

function cnNumber(s: string): number | null {
	if (/^\d+$/.test(s)) return Number(s)
	if (s === '十') return 10
	const m = s.match(/^([一二两三四五六七八九])?十([一二三四五六七八九])?$/)
	if (m) return (m[1] ? (CN_DIGITS[m[1]] ?? 1) : 1) * 10 + (m[2] ? (CN_DIGITS[m[2]] ?? 0) : 0)
	return s.length === 1 ? (CN_DIGITS[s] ?? null) : null
}

// Words that open a description of the equipment being replaced. 原有/现有 describe it across
// commas ("原有2台燃煤锅炉，能效三级，拟更换为…"); 老旧/淘汰 only qualify the noun in their own clause
// ("需更换6台老旧空压机，要求一级能效" asks for grade 1).
const OLD_DESCRIPTION = /原有|原设备|原来|现有|现役|在用|旧设备|目前使用|现为|原为|已使用/g
const OLD_ADJECTIVE = /老旧|淘汰|旧的/g
const TURN = /拟|要求|更换为|替换为|升级为|改为|换成|新购|采购|希望|不低于|达到|须|需达|应达|新设备|新的/

/** Infers the category from text: weighted term evidence, title counted twice. */
export function inferCategory(title: string, description: string): CategoryGuess | null {
	return inferFromHits(scanTerms(title), scanTerms(description))
}

function inferFromHits(titleHits: TermHit[], descriptionHits: TermHit[]): CategoryGuess | null {
	const score = new Map<CategoryKey, number>()
	const add = (hits: TermHit[], times: number) => {
		hits.forEach((hit, i) => {
			// A Chinese noun phrase ends in its head: "空压机配套电动机" is a motor, so the last term counts more.
			const head = i === hits.length - 1 && hits.length > 1 ? 1.25 : 1
			for (const e of hit.entries) score.set(e.category, (score.get(e.category) ?? 0) + e.weight * times * head)
		})
	}
	add(titleHits, 2)
	add(descriptionHits, 1)
	const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || catIndex(a[0]) - catIndex(b[0]))
	const best = ranked[0]
	if (!best || best[1] < 2) return null
	const total = ranked.reduce((s, [, v]) => s + v, 0)
	return {
		key: best[0],
		inferred: true,
		confidence: round(best[1] / total, 2),
		alternatives: ranked.slice(1, 4).map(([k]) => k),
	}
}

function catIndex(key: string): number {
	return CATEGORIES.findIndex((c) => c.key === key)
}

/**
 * True when the text just before a mention is still talking about the old equipment: an old marker
 * ("原有", "老旧") with no turn to the wanted one ("拟更换为", "要求") after it, in the same sentence.
 */
function aboutOldEquipment(before: string): boolean {
	const sentence = before.split(/[。；;！!？?\n]/).pop() ?? ''
	const lastOf = (text: string, re: RegExp) => {
		let last = -1
		for (const m of text.matchAll(re)) last = m.index ?? last
		return last
	}
	const described = lastOf(sentence, OLD_DESCRIPTION)
	if (described >= 0 && !TURN.test(sentence.slice(described))) return true
	const clause = sentence.split(/[，,]/).pop() ?? ''
	const adjective = lastOf(clause, OLD_ADJECTIVE)
	return adjective >= 0 && !TURN.test(clause.slice(adjective))
}

/** Energy-grade floor from text: "要求一级能效", "能效不低于二级", "二级及以上能效", "IE4". */
export function parseEnergyFloor(text: string): 1 | 2 | 3 | null {
	const patterns = [
		/(?:能效|能源效率)(?:等级)?(?:要求|须|需|应|不低于|不得低于|达到|达|为|：|:)*\s*([一二三123])\s*级/g,
		/([一二三123])\s*级(?:及以上|或以上|以上)?\s*能效/g,
		/\b(IE[345])\b/gi,
	]
	const mentions: Array<{ index: number; token: string }> = []
	for (const re of patterns) {
		for (const m of text.matchAll(re)) if (m[1] !== undefined) mentions.push({ index: m.index ?? 0, token: m[1] })
	}
	mentions.sort((a, b) => a.index - b.index)
	for (const { index, token } of mentions) {
		// "原设备三级能效" describes the machine being replaced, not the requirement.
		if (aboutOldEquipment(text.slice(0, index))) continue
		const t = token.toUpperCase()
		const grade = t.startsWith('IE') ? ({ IE5: 1, IE4: 2, IE3: 3 } as Record<string, number>)[t] : cnNumber(t)
		if (grade === 1 || grade === 2 || grade === 3) return grade
	}
	return null
}

/** Budget in yuan from text: "预算约120万元", "预算100-150万", "不超过80万元", "总投资1.2亿元". */
export function parseBudget(text: string): { min: number | null; max: number } | null {
	const re = new RegExp(
		String.raw`(\d+(?:\.\d+)?)\s*(?:(万|亿)?元?\s*(?:-|–|—|~|～|至|到)\s*(\d+(?:\.\d+)?))?\s*(万元|万|亿元|亿|元)`,
		'g',
	)
	let best: { min: number | null; max: number; weight: number } | null = null
	for (const m of text.matchAll(re)) {
		const [whole, a, firstUnit, b, unit] = m
		if (!a || !unit) continue
		const index = m.index ?? 0
		// Only the clause the figure stands in: "年电费60万元，预算150万元" has two figures, one budget.
		const before =
			text
				.slice(Math.max(0, index - 12), index)
				.split(/[，,。；;！!？?\n]/)
				.pop() ?? ''
		const after = text.slice(index + whole.length, index + whole.length + 4)
		// Electricity bills and subsidies are money too, but not what the demand will spend.
		if (/电费|节省|节约|补贴|补助|年耗|产值|营收|原值|原购置/.test(before)) continue
		if (/\/年|每年|\/度/.test(after)) continue
		// "2万m²", "300万kWh": 万 as a count of something else, not money.
		if (unit === '万' && /^\s*(m|平|k|千|度|户|人|吨|t|方|立)/i.test(after)) continue
		const mult = unit.startsWith('亿') ? 1e8 : unit.startsWith('万') ? 1e4 : 1
		const firstMult = firstUnit === '亿' ? 1e8 : firstUnit === '万' ? 1e4 : mult
		const lo = Number(a) * firstMult
		const hi = b ? Number(b) * mult : lo
		let weight = 1
		if (/预算|投资|资金|费用|控制在|不超过|以内|总价|总额|造价/.test(before)) weight += 2
		if (/单价|每台|每套/.test(before)) continue
		// A single figure ("约120万", "不超过80万") is read as the ceiling: it is what a quote is held to.
		const candidate = b ? { min: Math.min(lo, hi), max: Math.max(lo, hi), weight } : { min: null, max: lo, weight }
		if (!best || candidate.weight > best.weight) best = candidate
	}
	return best ? { min: best.min, max: best.max } : null
}

/** Quantity from text: "6台", "两部", "3套"; the first count that is not about old equipment wins. */
export function parseQuantity(text: string): number | null {
	const re = /(\d+|[一二两三四五六七八九十]{1,3})\s*(?:台套|台|套|部|辆|座|组|条|樘)/g
	let old: number | null = null
	for (const m of text.matchAll(re)) {
		const n = m[1] ? cnNumber(m[1]) : null
		if (!n || n <= 0 || n > 10000) continue
		// "6台老旧75kW空压机" counts the machines to replace, which is what the demand wants.
		const before = text.slice(Math.max(0, (m.index ?? 0) - 4), m.index ?? 0)
		if (/共计|合计/.test(before)) return n
		if (old === null) old = n
	}
	return old
}

/**
 * The demand's spec values: key-spec fields first, then values in the title and description for
 * dimensions the fields did not cover. Old-equipment clauses still count: renewal is mostly
 * like-for-like, and a newer clause for the same dimension comes first when there is one.
 */
function demandSpecs(demand: MatchDemand): Array<SpecValue & { inferred: boolean }> {
	const out: Array<SpecValue & { inferred: boolean }> = []
	const seen = new Set<SpecDimension>()
	for (const v of parseSpecMap(demand.keySpecs)) {
		if (seen.has(v.dimension)) continue
		seen.add(v.dimension)
		out.push({ ...v, inferred: false })
	}
	const fresh: SpecValue[] = []
	const old: SpecValue[] = []
	const text = `${demand.title}。${demand.description}`
	for (const v of parseSpecValues(text)) {
		;(aboutOldEquipment(text.slice(0, text.indexOf(v.raw))) ? old : fresh).push(v)
	}
	for (const v of [...fresh, ...old]) {
		if (seen.has(v.dimension)) continue
		seen.add(v.dimension)
		out.push({ ...v, inferred: true })
	}
	return out.slice(0, 3)
}

/** Domain terms of the text, most telling first, for recall and the text factor. */
export function extractTerms(title: string, description: string): string[] {
	return termsFromHits(scanTerms(title), scanTerms(description))
}

function termsFromHits(titleHits: TermHit[], descriptionHits: TermHit[]): string[] {
	const weight = new Map<string, number>()
	for (const [hits, times] of [
		[titleHits, 2],
		[descriptionHits, 1],
	] as const) {
		for (const hit of hits) {
			if (DEMAND_STOP_WORDS.includes(hit.term)) continue
			const w = Math.max(...hit.entries.map((e) => e.weight)) * times
			weight.set(hit.term, (weight.get(hit.term) ?? 0) + w)
		}
	}
	return [...weight.entries()]
		.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
		.map(([t]) => t)
		.slice(0, 8)
}

/** Reads a demand: every field it needs, each either given or inferred from the text. */
export function analyzeDemand(demand: MatchDemand): DemandAnalysis {
	const text = `${demand.title}。${demand.description}`
	const titleHits = scanTerms(demand.title)
	const descriptionHits = scanTerms(demand.description)
	let category: CategoryGuess | null = null
	if (demand.categoryKey && isCategoryKey(demand.categoryKey)) {
		const guess = inferFromHits(titleHits, descriptionHits)
		category = {
			key: demand.categoryKey,
			inferred: false,
			confidence: 1,
			alternatives: guess ? [guess.key, ...guess.alternatives].filter((k) => k !== demand.categoryKey).slice(0, 3) : [],
		}
	} else {
		category = inferFromHits(titleHits, descriptionHits)
	}

	let budget: DemandAnalysis['budget'] = null
	if (demand.budgetMax != null || demand.budgetMin != null) {
		const max = demand.budgetMax ?? demand.budgetMin!
		budget = { min: demand.budgetMin, max, inferred: false }
	} else {
		const parsed = parseBudget(text)
		if (parsed) budget = { ...parsed, inferred: true }
	}

	let quantity: Inferred<number> = { value: demand.quantity ?? 1, inferred: false }
	if (demand.quantity == null || demand.quantity <= 1) {
		const parsed = parseQuantity(text)
		if (parsed && parsed > 1) quantity = { value: parsed, inferred: true }
		else quantity = { value: demand.quantity ?? 1, inferred: false }
	}

	let energyFloor: DemandAnalysis['energyFloor'] = null
	const given = demand.minEnergyGrade
	if (given === 1 || given === 2 || given === 3) energyFloor = { value: given, inferred: false }
	else {
		const parsed = parseEnergyFloor(text)
		if (parsed) energyFloor = { value: parsed, inferred: true }
	}

	return {
		category,
		specs: demandSpecs(demand),
		budget,
		quantity,
		energyFloor,
		terms: termsFromHits(titleHits, descriptionHits),
		neededBy: demand.neededBy,
		preferInZone: demand.preferInZone,
	}
}

/** Reads a product's spec map into comparable values, and its searchable text for the text factor. */
export function analyzeProduct(product: MatchProduct): ProductAnalysis {
	const specs = parseSpecMap(product.specs)
	// The name often carries the headline figure ("75kW 永磁变频螺杆空压机") even when specs don't.
	const dims = new Set(specs.map((s) => s.dimension))
	for (const v of parseSpecValues(`${product.name} ${product.model ?? ''}`)) {
		if (!dims.has(v.dimension)) specs.push(v)
	}
	const text = [
		product.name,
		product.model,
		product.brand,
		product.description,
		product.tags.join(' '),
		Object.keys(product.specs).join(' '),
	]
		.filter(Boolean)
		.join(' ')
		.toLowerCase()
	return { specs, text }
}

function round(n: number, digits: number): number {
	const f = 10 ** digits
	return Math.round(n * f) / f
}
