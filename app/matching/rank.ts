import { getCategory, type CategoryKey } from '#app/models/taxonomy.ts'
import { analyzeProduct, type DemandAnalysis, type MatchProduct, type ProductAnalysis } from './analyze.ts'
import type { MatchReason, ReasonFactor, ReasonStatus } from './reasons.ts'
import { formatSpecValue, specDeviation, type SpecValue } from './specs.ts'

/**
 * Re-ranking on structured fit. Every factor yields a 0..1 value and a reason; the score is the
 * weighted mean over the factors that apply to this demand (a demand without a deadline is not
 * marked down on lead time). The energy-grade floor is the one hard constraint: a product below
 * it is excluded, never merely ranked lower. Pure: "today" is passed in.
 */

export type FactorWeights = Record<ReasonFactor, number>

/** Category first, then what the buyer wrote down as a number; in-zone and text only break ties. */
export const DEFAULT_WEIGHTS: FactorWeights = {
	category: 0.3,
	spec: 0.24,
	budget: 0.18,
	energy: 0.1,
	leadTime: 0.06,
	inZone: 0.06,
	text: 0.06,
}

/**
 * Categories whose products carry an energy-efficiency grade on this platform: the national
 * labels (GB 18613 motors, GB 20052 transformers, GB 19153 compressors, GB 19577/37480 chillers and
 * heat pumps, GB 19762 pumps, GB 24500 industrial boilers) and the grades makers list for gensets,
 * elevators and heat exchangers. In these an unrated product cannot be shown to meet a floor, so it
 * is excluded when the demand sets one; elsewhere (robots, services …) a floor does not apply to
 * unrated products.
 */
export const ENERGY_GRADED_CATEGORIES: ReadonlySet<string> = new Set([
	'boiler',
	'motor',
	'transformer',
	'compressor',
	'refrigeration-heating',
	'heat-exchanger',
	'pump',
	'generator-set',
	'elevator',
])

/** True when a product passes the demand's energy floor (the hard constraint, also used by the eval). */
export function meetsEnergyFloor(
	product: Pick<MatchProduct, 'energyGrade' | 'categoryKey'>,
	floor: number | null,
): boolean {
	if (floor == null) return true
	if (product.energyGrade == null) return !ENERGY_GRADED_CATEGORIES.has(product.categoryKey)
	return product.energyGrade <= floor
}

export type RankOptions = {
	/** ISO date (YYYY-MM-DD) the lead time is counted from. */
	today: string
	weights?: Partial<FactorWeights>
	/** In-zone flag and area of supplier organizations, by id (products carry the flag too). */
	areaOf?: (organizationId: number) => string | null
}

export type ScoredProduct = {
	product: MatchProduct
	score: number
	reasons: MatchReason[]
	/** Why the product may not be suggested at all (the hard energy floor), else null. */
	excluded: 'energyFloor' | null
}

type Factor = { value: number; reason: MatchReason }

function reason(
	factor: ReasonFactor,
	status: ReasonStatus,
	code: MatchReason['code'],
	params: MatchReason['params'] = {},
): MatchReason {
	return { factor, status, code, params }
}

/** Categories close enough to be worth showing when the exact one is thin: same group. */
export function isRelatedCategory(a: string, b: string): boolean {
	const ca = getCategory(a)
	const cb = getCategory(b)
	return !!ca && !!cb && ca.group === cb.group
}

function categoryFactor(d: DemandAnalysis, p: MatchProduct): Factor | null {
	const c = d.category
	// Unknown category: every product is "partly" — no match may look perfect on price alone.
	if (!c) return { value: 0.3, reason: reason('category', 'partly', 'category.unknown', { category: p.categoryKey }) }
	if (p.categoryKey === c.key) {
		return c.inferred
			? {
					value: 1,
					reason: reason('category', 'met', 'category.inferred', { category: c.key, confidence: c.confidence }),
				}
			: { value: 1, reason: reason('category', 'met', 'category.met', { category: c.key }) }
	}
	const params = { category: p.categoryKey, wanted: c.key, inferred: c.inferred }
	// An inferred category may be wrong: its runner-ups count as related.
	if (c.alternatives.includes(p.categoryKey as CategoryKey) && c.inferred) {
		return { value: 0.5, reason: reason('category', 'partly', 'category.related', params) }
	}
	if (isRelatedCategory(p.categoryKey, c.key)) {
		return { value: 0.25, reason: reason('category', 'partly', 'category.related', params) }
	}
	return { value: 0, reason: reason('category', 'missed', 'category.other', params) }
}

// Free text rarely says which kW it means: "2.8MW热水锅炉" is a heat output, not a shaft power.
const COMPATIBLE: Partial<Record<SpecValue['dimension'], SpecValue['dimension']>> = {
	power: 'thermal',
	thermal: 'power',
	length: 'head',
	head: 'length',
}

/**
 * The product value to compare with a wanted one: the spec of the same name when the demand names
 * it (a field key, or the words before the figure in the text), else the product's first value of
 * that dimension — makers list the headline spec first, and the closest number would let a robot's
 * 310 kg body weight answer a question about its 20 kg payload.
 */
function bestOffered(wanted: SpecValue, offered: SpecValue[]): { value: SpecValue; deviation: number } | null {
	const same = offered.filter((o) => o.dimension === wanted.dimension)
	const pool = same.length > 0 ? same : offered.filter((o) => o.dimension === COMPATIBLE[wanted.dimension])
	const named = pool.find((o) => o.label && (o.label === wanted.label || (wanted.context?.includes(o.label) ?? false)))
	const pick = named ?? pool[0]
	return pick ? { value: pick, deviation: specDeviation(wanted, pick) } : null
}

/** Spec fit: within ±25 % met, within ±50 % partly, beyond missed; the mean over the wanted values. */
function specFactors(d: DemandAnalysis, pa: ProductAnalysis): { value: number; reasons: MatchReason[] } | null {
	if (d.specs.length === 0) return null
	let sum = 0
	const reasons: MatchReason[] = []
	for (const w of d.specs) {
		const wanted = formatSpecValue(w.dimension, (w.min + w.max) / 2, w.unit)
		const hit = bestOffered(w, pa.specs)
		if (!hit) {
			sum += 0.3
			reasons.push(reason('spec', 'partly', 'spec.unknown', { wanted, dimension: w.dimension, inferred: w.inferred }))
			continue
		}
		const dev = hit.deviation
		const offeredMid = (hit.value.min + hit.value.max) / 2
		const direction = offeredMid >= (w.min + w.max) / 2 ? 'above' : 'below'
		const params = {
			label: hit.value.label,
			wanted,
			offered: hit.value.raw,
			deviationPct: Math.round(dev * 100),
			direction,
			dimension: w.dimension,
			inferred: w.inferred,
		}
		if (dev <= 0.25) {
			sum += 1 - 0.8 * dev
			reasons.push(reason('spec', 'met', 'spec.met', params))
		} else if (dev <= 0.5) {
			sum += 0.5 - (dev - 0.25) * 1.4
			reasons.push(reason('spec', 'partly', 'spec.partly', params))
		} else {
			sum += 0
			reasons.push(reason('spec', 'missed', 'spec.missed', params))
		}
	}
	return { value: sum / d.specs.length, reasons }
}

/** Budget: the total at the product's lowest unit price against the demand's ceiling. */
function budgetFactor(d: DemandAnalysis, p: MatchProduct): Factor | null {
	const b = d.budget
	if (!b) return null
	if (p.priceMin == null && p.priceMax == null) {
		return { value: 0.4, reason: reason('budget', 'partly', 'budget.unknown', { inferred: b.inferred }) }
	}
	const q = d.quantity.value
	const unitMin = p.priceMin ?? p.priceMax!
	const unitMax = p.priceMax ?? unitMin
	const totalMin = unitMin * q
	const totalMax = unitMax * q
	const params = {
		quantity: q,
		totalMin,
		totalMax,
		budgetMin: b.min,
		budgetMax: b.max,
		inferred: b.inferred || d.quantity.inferred,
	}
	if (totalMax <= b.max) return { value: 1, reason: reason('budget', 'met', 'budget.within', params) }
	if (totalMin <= b.max) {
		// The cheaper configurations fit: how much of the band lies inside the budget.
		const inside = totalMax > totalMin ? (b.max - totalMin) / (totalMax - totalMin) : 1
		return { value: 0.8 + 0.2 * inside, reason: reason('budget', 'met', 'budget.overlap', params) }
	}
	const over = b.max > 0 ? totalMin / b.max - 1 : Number.POSITIVE_INFINITY
	const overPct = Number.isFinite(over) ? Math.max(1, Math.round(over * 100)) : 999
	if (over <= 0.25) {
		return { value: 0.6 - over * 1.6, reason: reason('budget', 'partly', 'budget.over', { ...params, overPct }) }
	}
	return {
		value: Math.max(0, 0.15 - over * 0.1),
		reason: reason('budget', 'missed', 'budget.over', { ...params, overPct }),
	}
}

function energyFactor(d: DemandAnalysis, p: MatchProduct): { factor: Factor | null; excluded: boolean } {
	const floor = d.energyFloor
	const graded = ENERGY_GRADED_CATEGORIES.has(p.categoryKey)
	const g = p.energyGrade
	if (floor) {
		const params = { grade: g, floor: floor.value, inferred: floor.inferred }
		if (g == null) {
			if (!graded) return { factor: null, excluded: false }
			return { factor: { value: 0, reason: reason('energy', 'missed', 'energy.unrated', params) }, excluded: true }
		}
		if (g > floor.value)
			return { factor: { value: 0, reason: reason('energy', 'missed', 'energy.below', params) }, excluded: true }
		if (g < floor.value)
			return { factor: { value: 1, reason: reason('energy', 'met', 'energy.better', params) }, excluded: false }
		return { factor: { value: 0.9, reason: reason('energy', 'met', 'energy.meets', params) }, excluded: false }
	}
	// No floor: a better grade is still worth something where grades exist (the plan's point).
	if (g != null) {
		const value = g === 1 ? 1 : g === 2 ? 0.8 : 0.5
		return {
			factor: { value, reason: reason('energy', g <= 2 ? 'met' : 'partly', 'energy.grade', { grade: g }) },
			excluded: false,
		}
	}
	if (graded)
		return { factor: { value: 0.5, reason: reason('energy', 'partly', 'energy.unknown', {}) }, excluded: false }
	return { factor: null, excluded: false }
}

function inZoneFactor(preferInZone: boolean, p: MatchProduct, areaOf?: (id: number) => string | null): Factor | null {
	if (!preferInZone) return null
	if (p.inZone)
		return { value: 1, reason: reason('inZone', 'met', 'inZone.met', { area: areaOf?.(p.organizationId) ?? null }) }
	return { value: 0, reason: reason('inZone', 'missed', 'inZone.missed', {}) }
}

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`)
	const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`)
	return Math.round((b - a) / 86_400_000)
}

function leadTimeFactor(neededBy: string | null, p: MatchProduct, today: string): Factor | null {
	if (!neededBy) return null
	const available = daysBetween(today, neededBy)
	if (p.leadTimeDays == null)
		return { value: 0.5, reason: reason('leadTime', 'partly', 'leadTime.unknown', { neededBy }) }
	const days = p.leadTimeDays
	const params = { days, neededBy, availableDays: available, lateDays: Math.max(0, days - available) }
	if (days <= available) return { value: 1, reason: reason('leadTime', 'met', 'leadTime.met', params) }
	const late = days - available
	if (late <= 30) return { value: 0.5 - late / 100, reason: reason('leadTime', 'partly', 'leadTime.tight', params) }
	return { value: 0, reason: reason('leadTime', 'missed', 'leadTime.late', params) }
}

function textFactor(terms: string[], pa: ProductAnalysis): Factor | null {
	if (terms.length === 0) return null
	const found = terms.filter((t) => pa.text.includes(t.toLowerCase()))
	const value = Math.min(1, found.length / Math.min(3, terms.length))
	if (found.length === 0) return { value: 0, reason: reason('text', 'missed', 'text.none', {}) }
	return {
		value,
		reason: reason('text', value >= 0.5 ? 'met' : 'partly', 'text.terms', { terms: found.slice(0, 4).join('、') }),
	}
}

/** Scores one product against an analysed demand: the score in 0..1, its reasons, and exclusion. */
export function scoreProduct(
	d: DemandAnalysis,
	product: MatchProduct,
	options: RankOptions,
	productAnalysis?: ProductAnalysis,
): ScoredProduct {
	const weights = { ...DEFAULT_WEIGHTS, ...options.weights }
	const pa = productAnalysis ?? analyzeProduct(product)
	const parts: Array<{ factor: ReasonFactor; value: number }> = []
	const reasons: MatchReason[] = []
	const push = (f: Factor | null) => {
		if (!f) return
		parts.push({ factor: f.reason.factor, value: f.value })
		reasons.push(f.reason)
	}
	push(categoryFactor(d, product))
	const spec = specFactors(d, pa)
	if (spec) {
		parts.push({ factor: 'spec', value: spec.value })
		reasons.push(...spec.reasons)
	}
	push(budgetFactor(d, product))
	const energy = energyFactor(d, product)
	push(energy.factor)
	push(inZoneFactor(d.preferInZone, product, options.areaOf))
	push(leadTimeFactor(d.neededBy, product, options.today))
	push(textFactor(d.terms, pa))
	let total = 0
	let weightSum = 0
	for (const part of parts) {
		const w = weights[part.factor]
		total += w * Math.max(0, Math.min(1, part.value))
		weightSum += w
	}
	const score = weightSum > 0 ? Math.round((total / weightSum) * 1000) / 1000 : 0
	return { product, score, reasons, excluded: energy.excluded ? 'energyFloor' : null }
}

export type RankedOptions = RankOptions & {
	limit?: number
	/** Below this a product is noise, not a suggestion. */
	minScore?: number
}

/** The minimum score a suggestion needs; below it the page would show noise. */
export const MIN_MATCH_SCORE = 0.35

/**
 * Scores and orders candidates: excluded ones dropped, and — when the category is given or
 * inferred with confidence — products of any other category dropped too (an unsure inference keeps
 * its runner-ups, ranked lower); ties broken by ref for stable output.
 */
export function rankProducts(
	d: DemandAnalysis,
	products: MatchProduct[],
	options: RankedOptions,
	analyses?: Map<number, ProductAnalysis>,
): ScoredProduct[] {
	const minScore = options.minScore ?? MIN_MATCH_SCORE
	const strictCategory = d.category !== null && (!d.category.inferred || d.category.confidence >= 0.6)
	const out: ScoredProduct[] = []
	for (const p of products) {
		const s = scoreProduct(d, p, options, analyses?.get(p.id))
		if (s.excluded) continue
		if (s.score < minScore) continue
		if (strictCategory && p.categoryKey !== d.category?.key) continue
		out.push(s)
	}
	out.sort((a, b) => b.score - a.score || a.product.ref.localeCompare(b.product.ref))
	return options.limit != null ? out.slice(0, options.limit) : out
}
