import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch'
import { z } from 'zod'
import type { AppContext } from '#app/context.server.ts'
import { listPublicOrganizationsByIds } from '#app/models/organization.server.ts'
import type { SupplierSearchParams, SupplierSearchResult } from '#app/models/public-types.ts'
import { CATEGORY_KEYS, ORG_ROLES } from '#app/models/taxonomy.ts'
import { createFilterBuilder } from './filters.ts'
import { MAX_TOTAL_HITS } from './settings.ts'
import { analyzeQuery } from './synonyms.ts'
import { errorMessage } from './tasks.server.ts'

type SearchContext = Pick<AppContext, 'db' | 'search'>

export const SUPPLIERS_PER_PAGE = 20
export const MAX_SUPPLIER_PAGE = Math.floor(MAX_TOTAL_HITS / SUPPLIERS_PER_PAGE)

/** Result facet name → document attribute. */
const FACETS = { area: 'area', industry: 'industry', category: 'categories', inZone: 'inZone', role: 'roles' } as const
type Facet = keyof typeof FACETS
const FACET_NAMES = Object.keys(FACETS) as Facet[]

const filters = createFilterBuilder(['area', 'industry', 'categories', 'inZone', 'roles'])

const text = (max: number) =>
	z
		.string()
		.nullable()
		.transform((v) => {
			const t = (v ?? '').replace(/\s+/g, ' ').trim().slice(0, max)
			return t || null
		})

const SupplierQuerySchema = z.object({
	q: text(100).transform((v) => v ?? ''),
	area: text(50),
	industry: text(100),
	category: z.enum(CATEGORY_KEYS).nullable().catch(null),
	inZone: z
		.string()
		.nullable()
		.transform((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null)),
	role: z.enum(ORG_ROLES).nullable().catch(null),
	page: z
		.string()
		.nullable()
		.transform((v) => {
			const n = Number.parseInt(v ?? '', 10)
			return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_SUPPLIER_PAGE) : 1
		}),
})

/** Reads the supplier directory's state from the URL (q, area, industry, category, inZone, role, page), dropping junk. */
export function parseSupplierSearchParams(url: URLSearchParams): SupplierSearchParams {
	const parsed = SupplierQuerySchema.parse({
		q: url.get('q'),
		area: url.get('area'),
		industry: url.get('industry'),
		category: url.get('category'),
		inZone: url.get('inZone'),
		role: url.get('role'),
		page: url.get('page'),
	})
	return { ...parsed, perPage: SUPPLIERS_PER_PAGE }
}

/** The URL query string (without `?`) for a directory state, defaults left out. */
export function supplierSearchToQuery(params: SupplierSearchParams): string {
	const u = new URLSearchParams()
	if (params.q) u.set('q', params.q)
	if (params.area) u.set('area', params.area)
	if (params.industry) u.set('industry', params.industry)
	if (params.category) u.set('category', params.category)
	if (params.inZone !== null) u.set('inZone', params.inZone ? '1' : '0')
	if (params.role) u.set('role', params.role)
	if (params.page > 1) u.set('page', String(params.page))
	return u.toString()
}

function facetClauses(params: SupplierSearchParams): Record<Facet, string | null> {
	return {
		area: params.area ? filters.eq('area', params.area) : null,
		industry: params.industry ? filters.eq('industry', params.industry) : null,
		category: params.category ? filters.eq('categories', params.category) : null,
		inZone: params.inZone === null ? null : filters.eq('inZone', params.inZone),
		role: params.role ? filters.eq('roles', params.role) : null,
	}
}

function emptyFacets(): SupplierSearchResult['facets'] {
	return { area: {}, industry: {}, category: {}, inZone: {}, role: {} }
}

/**
 * Searches verified organizations with facet counts for area, industry, category, in-zone and role
 * (each counted without its own filter). Hits are re-read from SQLite; `degraded` when Meilisearch
 * cannot be reached. Without a query the makers with the most listings come first.
 */
export async function searchSuppliers(ctx: SearchContext, params: SupplierSearchParams): Promise<SupplierSearchResult> {
	const perPage = Math.min(Math.max(Math.trunc(params.perPage) || SUPPLIERS_PER_PAGE, 1), 100)
	const page = Math.min(Math.max(Math.trunc(params.page) || 1, 1), Math.floor(MAX_TOTAL_HITS / perPage))
	const clauses = facetClauses(params)
	const q = analyzeQuery(params.q).query
	const common = { indexUid: ctx.search.indexName('organizations'), q, matchingStrategy: 'last' as const }
	const queries: MultiSearchQuery[] = [
		{
			...common,
			filter: filters.all(Object.values(clauses)),
			facets: FACET_NAMES.map((f) => FACETS[f]),
			page,
			hitsPerPage: perPage,
			sort: q ? undefined : ['productCount:desc'],
			attributesToRetrieve: ['id'],
		},
	]
	const disjunctive = FACET_NAMES.filter((f) => clauses[f] !== null)
	for (const facet of disjunctive) {
		queries.push({
			...common,
			filter: filters.all(FACET_NAMES.filter((f) => f !== facet).map((f) => clauses[f])),
			facets: [FACETS[facet]],
			limit: 0,
		})
	}
	let results: MultiSearchResult<{ id: number }>[]
	try {
		results = (await ctx.search.client.multiSearch<{ queries: MultiSearchQuery[] }, { id: number }>({ queries }))
			.results
	} catch (error) {
		console.error(`[search] supplier search degraded: ${errorMessage(error)}`)
		return { items: [], total: 0, page, perPage, totalPages: 0, facets: emptyFacets(), degraded: true }
	}
	const [main, ...facetResults] = results
	if (!main) throw new Error('multi-search returned no result for the main query')
	const facets = emptyFacets()
	for (const f of FACET_NAMES) facets[f] = { ...(main.facetDistribution?.[FACETS[f]] ?? {}) }
	disjunctive.forEach((f, i) => {
		facets[f] = { ...(facetResults[i]?.facetDistribution?.[FACETS[f]] ?? {}) }
	})
	const selected: Record<Facet, string | null> = {
		area: params.area,
		industry: params.industry,
		category: params.category,
		inZone: params.inZone === null ? null : String(params.inZone),
		role: params.role,
	}
	for (const f of FACET_NAMES) {
		const v = selected[f]
		if (v !== null) facets[f][v] ??= 0
	}
	const items = await listPublicOrganizationsByIds(
		ctx.db,
		main.hits.map((h) => Number(h.id)),
	)
	const total = main.totalHits ?? 0
	return {
		items,
		total,
		page,
		perPage,
		totalPages: main.totalPages ?? Math.ceil(total / perPage),
		facets,
		degraded: false,
	}
}
