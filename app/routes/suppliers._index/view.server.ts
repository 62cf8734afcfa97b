import type { FacetCounts, SupplierSearchParams, SupplierSearchResult } from '#app/models/public-types.ts'
import { CATEGORIES, ORG_ROLES, ZONE_AREAS, isCategoryKey, type OrgRole } from '#app/models/taxonomy.ts'
import { parseSupplierSearchParams, supplierSearchToQuery } from '#app/search/supplier-search.server.ts'

export type FacetLink = { key: string; count: number | null; selected: boolean; href: string }

export type SupplierSearchView = {
	areas: FacetLink[]
	industries: FacetLink[]
	categories: FacetLink[]
	inZone: FacetLink[]
	roles: FacetLink[]
	hidden: Array<[string, string]>
	clearHref: string | null
}

export function suppliersHref(params: SupplierSearchParams): string {
	const qs = supplierSearchToQuery(params).replace(/^\?/, '')
	return qs ? `/suppliers?${qs}` : '/suppliers'
}

function countOf(counts: FacetCounts | undefined, key: string, degraded: boolean): number | null {
	if (degraded && !counts?.[key]) return null
	return counts?.[key] ?? 0
}

/** Values present in the counts, in a preferred order first, then by count. */
function orderedKeys(counts: FacetCounts | undefined, preferred: readonly string[], selected: string | null): string[] {
	const present = new Set(Object.keys(counts ?? {}).filter((k) => (counts?.[k] ?? 0) > 0))
	if (selected) present.add(selected)
	const first = preferred.filter((k) => present.has(k))
	const rest = [...present]
		.filter((k) => !preferred.includes(k))
		.sort((a, b) => (counts?.[b] ?? 0) - (counts?.[a] ?? 0))
	return [...first, ...rest]
}

/** Every link of the directory page, built with the search's own query builder. */
export function buildSupplierSearchView(
	params: SupplierSearchParams,
	result: SupplierSearchResult,
): SupplierSearchView {
	const base: SupplierSearchParams = { ...params, page: 1 }
	const { facets, degraded } = result
	const link = (next: Partial<SupplierSearchParams>) => suppliersHref({ ...base, ...next })

	const single = <K extends 'area' | 'industry'>(
		field: K,
		keys: string[],
		counts: FacetCounts | undefined,
	): FacetLink[] =>
		keys.map((key) => ({
			key,
			count: countOf(counts, key, degraded),
			selected: params[field] === key,
			href: link({ [field]: params[field] === key ? null : key }),
		}))

	const areas = single('area', orderedKeys(facets.area, ZONE_AREAS, params.area), facets.area)
	const industries = single('industry', orderedKeys(facets.industry, [], params.industry), facets.industry)
	const categories = orderedKeys(
		facets.category,
		CATEGORIES.map((c) => c.key),
		params.category,
	)
		.filter(isCategoryKey)
		.map((key) => ({
			key,
			count: countOf(facets.category, key, degraded),
			selected: params.category === key,
			href: link({ category: params.category === key ? null : key }),
		}))
	const inZone: FacetLink[] = [
		{
			key: 'true',
			count: countOf(facets.inZone, 'true', degraded),
			selected: params.inZone === true,
			href: link({ inZone: params.inZone === true ? null : true }),
		},
	]
	const roles = ORG_ROLES.map((role: OrgRole) => ({
		key: role,
		count: countOf(facets.role, role, degraded),
		selected: params.role === role,
		href: link({ role: params.role === role ? null : role }),
	}))

	const defaults = parseSupplierSearchParams(new URLSearchParams())
	const filtered =
		params.area != null ||
		params.industry != null ||
		params.category != null ||
		params.inZone != null ||
		params.role != null
	const clearHref = filtered ? suppliersHref({ ...defaults, q: params.q }) : null
	const hidden = [
		...new URLSearchParams(supplierSearchToQuery({ ...base, q: '' }).replace(/^\?/, '')).entries(),
	].filter(([name]) => name !== 'q' && name !== 'page')
	return { areas, industries, categories, inZone, roles, hidden, clearHref }
}
