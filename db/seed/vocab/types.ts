import type { CategoryKey } from '../../../app/models/taxonomy.ts'
import type { Rng } from '../random.ts'

export type Specs = Record<string, string>

/**
 * One product type of a category (六轴弧焊机器人, SCB18 干式变压器 …). Makers in the demo data and in the
 * benchmark catalogue instantiate it at one of its sizes, so the same vocabulary feeds both.
 */
export interface ProductTemplate {
	name: string
	en?: string
	/** Model-number series after the maker's code: TRB + RW + 20 → TRB-RW20. */
	series: string
	/** The size axis (kW, kg, kVA, t/h …): variants differ in it, and prices scale with it. */
	sizes: readonly number[]
	/** How the size shows in the product name ('75kW'); absent when the name carries no size. */
	label?: (size: number) => string
	/** Model number, when the trade has its own convention (YE5-280M-4, SCB18-1000/10). */
	model?: (code: string, size: number) => string
	/** Numeric-with-unit values, so a matcher can parse them. */
	specs: (size: number, rng: Rng) => Specs
	/** Typical per-unit price in yuan at this size; the listed band is drawn around it. */
	price: (size: number) => number
	lead: readonly [number, number]
	certs: readonly string[]
	tags: readonly string[]
	/** Selling points as clauses (no final 。); descriptions pick from them. */
	features: readonly string[]
	kind?: 'equipment' | 'service'
	/** Overrides the category's `graded` flag. */
	graded?: boolean
}

export interface CategoryVocab {
	key: CategoryKey
	kind: 'equipment' | 'service'
	/** Whether energy grades 1–3 (能效等级) apply to the category. */
	graded: boolean
	/** Category-specific sentences (no final 。) about benefit, compliance, service. */
	phrases: readonly string[]
	/** Where buyers use it, as a noun phrase: 适用于…. */
	uses: readonly string[]
	/** What people type when they look for it: synonyms and colloquial names. */
	synonyms: readonly string[]
	/** Business-line words for generated maker names: 天津XX{stem}有限公司. */
	makerStems: readonly string[]
	templates: readonly ProductTemplate[]
}

/** A number as a spec writes it: no trailing zeros, at most `digits` decimals. */
export function num(n: number, digits = 1): string {
	return String(Number(n.toFixed(digits)))
}

/** Rounds a price to a realistic precision for its magnitude (a 7,450,000 MRI, a 1,425 module). */
export function roundPrice(yuan: number): number {
	if (yuan < 1_000) return Math.max(1, Math.round(yuan))
	if (yuan < 100_000) return Math.round(yuan / 100) * 100
	if (yuan < 10_000_000) return Math.round(yuan / 1_000) * 1_000
	return Math.round(yuan / 10_000) * 10_000
}
