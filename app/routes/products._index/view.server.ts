import { CATEGORIES, CATEGORY_GROUPS, PRICE_BANDS, type CategoryKey, type PriceBandKey } from '#app/models/taxonomy.ts'
import type { FacetCounts, ProductSearchParams, ProductSearchResult, ProductSort } from '#app/models/public-types.ts'
import { parseProductSearchParams, productSearchToQuery } from '#app/search/product-search.server.ts'

/** A filter value with the URL that toggles it; labels are the page's business (taxonomy, i18n). */
export type FacetLink = { key: string; count: number | null; selected: boolean; href: string }

export type ProductSearchView = {
	groups: FacetLink[]
	categories: FacetLink[]
	energyGrades: FacetLink[]
	inZone: FacetLink[]
	kinds: FacetLink[]
	priceBands: FacetLink[]
	sorts: Array<{ key: ProductSort; href: string; selected: boolean }>
	/** The current filters as hidden fields of the search form, so a new query keeps them. */
	hidden: Array<[string, string]>
	/** Removes every filter but keeps the query; null when nothing is filtered. */
	clearHref: string | null
	suggestions: Array<{ key: CategoryKey; href: string }>
	/** Synonyms the search also used, minus what the person typed. */
	alsoSearched: string[]
}

const SORTS: ProductSort[] = ['relevance', 'newest', 'price_asc', 'price_desc']
const GRADES = [1, 2, 3] as const
const KINDS = ['equipment', 'service'] as const

export function productsHref(params: ProductSearchParams): string {
	const qs = productSearchToQuery(params).replace(/^\?/, '')
	return qs ? `/products?${qs}` : '/products'
}

function toggle<T>(list: readonly T[], value: T): T[] {
	return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}

function countOf(counts: FacetCounts | undefined, key: string, degraded: boolean): number | null {
	if (degraded && !counts?.[key]) return null
	return counts?.[key] ?? 0
}

/**
 * Every link of the results page — facets, sort, clear, suggestions — built with the search's own
 * query builder, so the page holds no knowledge of parameter names and works without JavaScript.
 */
export function buildProductSearchView(params: ProductSearchParams, result: ProductSearchResult): ProductSearchView {
	const base: ProductSearchParams = { ...params, page: 1 }
	const { facets, degraded } = result
	const link = (next: Partial<ProductSearchParams>) => productsHref({ ...base, ...next })

	const groups = CATEGORY_GROUPS.map((g): FacetLink => {
		const selected = params.group === g.key
		const inGroup = params.categories.filter((c) => CATEGORIES.find((x) => x.key === c)?.group === g.key)
		return {
			key: g.key,
			count: countOf(facets.group, g.key, degraded),
			selected,
			href: selected ? link({ group: null }) : link({ group: g.key, categories: inGroup }),
		}
	})

	const categoryPool = params.group ? CATEGORIES.filter((c) => c.group === params.group) : CATEGORIES
	const categories = categoryPool
		.map((c): FacetLink => {
			const selected = params.categories.includes(c.key)
			return {
				key: c.key,
				count: countOf(facets.category, c.key, degraded),
				selected,
				href: link({ categories: toggle(params.categories, c.key) }),
			}
		})
		// 28 categories is a wall: without a chosen field, show only those with hits (and the chosen).
		.filter((f) => params.group || f.selected || f.count == null || f.count > 0)

	const energyGrades = GRADES.map((g): FacetLink => ({
		key: String(g),
		count: countOf(facets.energyGrade, String(g), degraded),
		selected: params.energyGrades.includes(g),
		href: link({ energyGrades: toggle(params.energyGrades, g) }),
	}))

	const inZone: FacetLink[] = [
		{
			key: 'true',
			count: countOf(facets.inZone, 'true', degraded),
			selected: params.inZone === true,
			href: link({ inZone: params.inZone === true ? null : true }),
		},
	]

	const kinds = KINDS.map((k): FacetLink => ({
		key: k,
		count: countOf(facets.kind, k, degraded),
		selected: params.kind === k,
		href: link({ kind: params.kind === k ? null : k }),
	}))

	const priceBands = PRICE_BANDS.map((b): FacetLink => ({
		key: b.key,
		count: countOf(facets.priceBand, b.key, degraded),
		selected: params.priceBands.includes(b.key),
		href: link({ priceBands: toggle<PriceBandKey>(params.priceBands, b.key) }),
	}))

	const sorts = SORTS.map((s) => ({ key: s, selected: params.sort === s, href: link({ sort: s }) }))

	const defaults = parseProductSearchParams(new URLSearchParams())
	const filtered =
		params.group != null ||
		params.categories.length > 0 ||
		params.energyGrades.length > 0 ||
		params.inZone != null ||
		params.kind != null ||
		params.priceBands.length > 0
	const clearHref = filtered ? productsHref({ ...defaults, q: params.q, sort: params.sort }) : null

	const hidden = [...new URLSearchParams(productSearchToQuery({ ...base, q: '' }).replace(/^\?/, '')).entries()].filter(
		([name]) => name !== 'q' && name !== 'page',
	)

	const suggestions = result.suggestedCategories.map((key) => ({
		key,
		href: productsHref({ ...defaults, categories: [key] }),
	}))

	const typed = params.q.trim().toLowerCase()
	const alsoSearched = params.q
		? [...new Set(result.expandedTerms)].filter((term) => {
				const t = term.trim().toLowerCase()
				return t !== '' && !typed.includes(t)
			})
		: []

	return {
		groups,
		categories,
		energyGrades,
		inZone,
		kinds,
		priceBands,
		sorts,
		hidden,
		clearHref,
		suggestions,
		alsoSearched,
	}
}
