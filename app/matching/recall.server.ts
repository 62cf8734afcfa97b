import type { MultiSearchQuery } from 'meilisearch'
import type { Search } from '#app/search/client.server.ts'
import { createFilterBuilder } from '#app/search/filters.ts'
import type { Db } from '#db/schema.ts'
import type { DemandAnalysis } from './analyze.ts'
import { ENERGY_GRADED_CATEGORIES } from './rank.ts'
import { categoryTerms } from './vocabulary.ts'

/**
 * Recall: the few hundred products worth re-ranking, from Meilisearch. The query is the demand's
 * domain terms (never its raw text: long text finds nothing with `last`/`all`, and free Chinese is
 * mis-segmented — STACK.md), matched with `frequency`, so any one term is enough; the engine's
 * synonyms widen it. Filters carry the hard constraints, so nothing that would be excluded takes
 * a recall slot.
 */

/** Candidates per demand handed to the re-ranker. */
export const RECALL_LIMIT = 80

const productFilter = createFilterBuilder(['category', 'energyGrade', 'priceMin'] as const)

/**
 * The energy floor as a filter: rated at or better than the floor, or unrated in a category
 * where energy grades do not exist (an unrated chiller can't be shown to meet grade 2). Within one
 * known category the expression shrinks to what that category needs: cheaper for the engine.
 */
export function energyFloorFilter(floor: number | null, category: string | null = null): string | null {
	if (floor == null) return null
	const rated = productFilter.compare('energyGrade', '<=', Math.trunc(floor))
	if (category !== null) return ENERGY_GRADED_CATEGORIES.has(category) ? rated : `${rated} OR energyGrade IS NULL`
	const graded = productFilter.anyOf('category', [...ENERGY_GRADED_CATEGORIES])
	return `${rated} OR (energyGrade IS NULL AND NOT ${graded})`
}

/** The headline figures of the demand as words ("75"): makers write them in names and specs. */
export function specNumbers(analysis: DemandAnalysis): string[] {
	const out: string[] = []
	for (const s of analysis.specs.slice(0, 2)) {
		const base = (s.min + s.max) / 2
		// Mass is kept in kg; a demand that said "25t" is matched by the "25" a crane maker writes.
		const v =
			s.dimension === 'mass' && /t|吨/i.test(s.raw)
				? base / 1000
				: s.dimension === 'area' && /万/.test(s.raw)
					? base / 10_000
					: base
		if (Number.isFinite(v) && v > 0) out.push(String(Math.round(v * 100) / 100))
	}
	return out
}

/**
 * The words sent to the engine: the demand's domain terms (the dictionary includes the search
 * module's synonym groups, so these are the index's own words), then its headline figures.
 */
export function recallQuery(analysis: DemandAnalysis): string {
	const words: string[] = []
	const push = (w: string) => {
		if (w && !words.some((x) => x.toLowerCase() === w.toLowerCase())) words.push(w)
	}
	// The three most telling terms: each extra word costs the `frequency` strategy more than it finds.
	for (const t of analysis.terms.slice(0, 3)) push(t)
	if (words.length === 0 && analysis.category) for (const t of categoryTerms(analysis.category.key).slice(0, 3)) push(t)
	return [...words.slice(0, 3), ...specNumbers(analysis).slice(0, 1)].join(' ')
}

export type RecallOutcome = { ids: number[]; source: 'search' | 'database' }

/** Product ids worth re-ranking for a demand, best text matches first. */
export async function recallProducts(
	services: { search: Search; db: Db },
	analysis: DemandAnalysis,
	options: { limit?: number } = {},
): Promise<RecallOutcome> {
	const limit = options.limit ?? RECALL_LIMIT
	try {
		return { ids: await recallFromSearch(services.search, analysis, limit), source: 'search' }
	} catch (error) {
		// Meilisearch down or still indexing: matching degrades to the category in SQLite, it doesn't stop.
		if (process.env.NODE_ENV !== 'test')
			console.warn(`match recall fell back to the database: ${(error as Error).message}`)
		return { ids: await recallFromDatabase(services.db, analysis, limit), source: 'database' }
	}
}

/**
 * One multi-search round trip. With a category: its products by the demand's words and headline
 * figures, and its products that the budget can pay for (no words at all — a product need not
 * repeat the buyer's phrasing to fit); an unsure inference adds a text-only query over every
 * category and one over its runner-up categories. Without a category: the words alone.
 */
async function recallFromSearch(search: Search, analysis: DemandAnalysis, limit: number): Promise<number[]> {
	const indexUid = search.indexName('products')
	const q = recallQuery(analysis)
	const floor = analysis.energyFloor?.value ?? null
	const energy = energyFloorFilter(floor)
	const base = energy ? [energy] : []
	const cat = analysis.category
	const common = { indexUid, limit, attributesToRetrieve: ['id'], matchingStrategy: 'frequency' as const }
	const queries: MultiSearchQuery[] = []
	if (cat) {
		const catEnergy = energyFloorFilter(floor, cat.key)
		const inCategory = [...(catEnergy ? [catEnergy] : []), productFilter.eq('category', cat.key)]
		queries.push({ ...common, q, filter: inCategory })
		const budget = analysis.budget
		const affordable =
			budget && budget.max > 0
				? [
						`${productFilter.compare('priceMin', '<=', Math.ceil((budget.max / analysis.quantity.value) * 1.25))} OR priceMin IS NULL`,
					]
				: []
		queries.push({ ...common, q: '', filter: [...inCategory, ...affordable] })
		const unsure = cat.inferred && cat.confidence < 0.6
		if (unsure) {
			queries.push({ ...common, q, filter: base, limit: Math.round(limit / 2) })
			const others = productFilter.anyOf('category', cat.alternatives)
			if (others) queries.push({ ...common, q, filter: [...base, others], limit: Math.round(limit / 2) })
		}
	} else {
		queries.push({ ...common, q, filter: base })
	}
	const { results } = await search.client.multiSearch({ queries })
	const ids: number[] = []
	const seen = new Set<number>()
	for (const r of results) {
		for (const hit of r.hits) {
			const id = Number(hit.id)
			if (Number.isInteger(id) && !seen.has(id)) {
				seen.add(id)
				ids.push(id)
			}
		}
	}
	return ids
}

/** The degraded path: published products of the (inferred) category, cheapest first. */
export async function recallFromDatabase(db: Db, analysis: DemandAnalysis, limit: number): Promise<number[]> {
	let query = db.selectFrom('product').select('id').where('status', '=', 'published')
	if (analysis.category)
		query = query.where('category_key', 'in', [analysis.category.key, ...analysis.category.alternatives])
	const floor = analysis.energyFloor?.value
	if (floor != null) {
		query = query.where((eb) =>
			eb.or([
				eb('energy_grade', '<=', floor),
				eb.and([eb('energy_grade', 'is', null), eb('category_key', 'not in', [...ENERGY_GRADED_CATEGORIES])]),
			]),
		)
	}
	const rows = await query
		.orderBy('price_min')
		.limit(limit * 2)
		.execute()
	return rows.map((r) => r.id)
}
