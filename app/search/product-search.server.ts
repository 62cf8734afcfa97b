import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch'
import { z } from 'zod'
import type { AppContext } from '#app/context.server.ts'
import { listPublicProductsByIds } from '#app/models/product.server.ts'
import type {
	FacetCounts,
	ProductSearchParams,
	ProductSearchResult,
	ProductSort,
	PublicProduct,
} from '#app/models/public-types.ts'
import {
	CATEGORY_GROUPS,
	PRICE_BANDS,
	isCategoryKey,
	type CategoryKey,
	type PriceBandKey,
} from '#app/models/taxonomy.ts'
import { createFilterBuilder } from './filters.ts'
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightedText, plainHighlighted, toHighlighted } from './highlight.ts'
import { MAX_TOTAL_HITS } from './settings.ts'
import { analyzeQuery, expandTerms, relatedCategories } from './synonyms.ts'
import { errorMessage } from './tasks.server.ts'

type SearchContext = Pick<AppContext, 'db' | 'search'>

export const PRODUCTS_PER_PAGE = 20
/** Meilisearch counts at most MAX_TOTAL_HITS hits, so deeper pages cannot exist. */
export const MAX_PRODUCT_PAGE = Math.floor(MAX_TOTAL_HITS / PRODUCTS_PER_PAGE)
export const PRODUCT_SORTS = [
	'relevance',
	'newest',
	'price_asc',
	'price_desc',
] as const satisfies readonly ProductSort[]

const FACETS = ['group', 'category', 'energyGrade', 'inZone', 'kind', 'priceBand'] as const
type Facet = (typeof FACETS)[number]

const filters = createFilterBuilder(['id', 'group', 'category', 'energyGrade', 'inZone', 'kind', 'priceBand'])

const SORT: Record<ProductSort, string[] | undefined> = {
	relevance: undefined,
	newest: ['publishedAt:desc'],
	price_asc: ['priceMin:asc'],
	price_desc: ['priceMin:desc'],
}

const GROUP_KEYS = CATEGORY_GROUPS.map((g) => g.key) as [string, ...string[]]
const PRICE_BAND_KEYS = PRICE_BANDS.map((b) => b.key) as [PriceBandKey, ...PriceBandKey[]]

/** Repeated or comma-separated values of a parameter, trimmed, without empties. */
function listParam(url: URLSearchParams, name: string): string[] {
	return url
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean)
}

function unique<T>(values: T[]): T[] {
	return [...new Set(values)]
}

const boolParam = z
	.string()
	.nullable()
	.transform((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null))

const pageParam = z
	.string()
	.nullable()
	.transform((v) => {
		const n = Number.parseInt(v ?? '', 10)
		return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_PRODUCT_PAGE) : 1
	})

const ProductQuerySchema = z.object({
	q: z
		.string()
		.nullable()
		.transform((v) => (v ?? '').replace(/\s+/g, ' ').trim().slice(0, 100)),
	group: z.enum(GROUP_KEYS).nullable().catch(null),
	categories: z.array(z.string()).transform((vs) => unique(vs.filter(isCategoryKey)) as CategoryKey[]),
	energyGrades: z
		.array(z.string())
		.transform((vs) => unique(vs.map(Number).filter((n): n is 1 | 2 | 3 => n === 1 || n === 2 || n === 3)).sort()),
	inZone: boolParam,
	kind: z.enum(['equipment', 'service']).nullable().catch(null),
	priceBands: z
		.array(z.string())
		.transform((vs) => unique(vs.filter((v): v is PriceBandKey => (PRICE_BAND_KEYS as string[]).includes(v)))),
	sort: z.enum(PRODUCT_SORTS).catch('relevance'),
	page: pageParam,
})

/**
 * Reads the product list's state from the URL, tolerating junk: unknown values are dropped, the
 * page is clamped to 1..MAX_PRODUCT_PAGE, perPage is fixed. Parameters: q, group, category (repeat
 * or comma-separate), grade (1–3), inZone (1/0), kind, price (band key), sort, page.
 */
export function parseProductSearchParams(url: URLSearchParams): ProductSearchParams {
	const parsed = ProductQuerySchema.parse({
		q: url.get('q'),
		group: url.get('group'),
		categories: listParam(url, 'category'),
		energyGrades: listParam(url, 'grade'),
		inZone: url.get('inZone'),
		kind: url.get('kind'),
		priceBands: listParam(url, 'price'),
		sort: url.get('sort') ?? 'relevance',
		page: url.get('page'),
	})
	return { ...parsed, perPage: PRODUCTS_PER_PAGE }
}

/** The URL query string (without `?`) for a state, defaults left out, so links and forms round-trip. */
export function productSearchToQuery(params: ProductSearchParams): string {
	const u = new URLSearchParams()
	if (params.q) u.set('q', params.q)
	if (params.group) u.set('group', params.group)
	for (const c of params.categories) u.append('category', c)
	for (const g of params.energyGrades) u.append('grade', String(g))
	if (params.inZone !== null) u.set('inZone', params.inZone ? '1' : '0')
	if (params.kind) u.set('kind', params.kind)
	for (const p of params.priceBands) u.append('price', p)
	if (params.sort !== 'relevance') u.set('sort', params.sort)
	if (params.page > 1) u.set('page', String(params.page))
	return u.toString()
}

function facetClauses(params: ProductSearchParams): Record<Facet, string | null> {
	return {
		group: params.group ? filters.eq('group', params.group) : null,
		category: filters.anyOf('category', params.categories),
		energyGrade: filters.anyOf('energyGrade', params.energyGrades),
		inZone: params.inZone === null ? null : filters.eq('inZone', params.inZone),
		kind: params.kind ? filters.eq('kind', params.kind) : null,
		priceBand: filters.anyOf('priceBand', params.priceBands),
	}
}

function selectedValues(params: ProductSearchParams): Record<Facet, string[]> {
	return {
		group: params.group ? [params.group] : [],
		category: params.categories,
		energyGrade: params.energyGrades.map(String),
		inZone: params.inZone === null ? [] : [String(params.inZone)],
		kind: params.kind ? [params.kind] : [],
		priceBand: params.priceBands,
	}
}

function emptyFacets(): ProductSearchResult['facets'] {
	return { group: {}, category: {}, energyGrade: {}, inZone: {}, kind: {}, priceBand: {} }
}

type HitMeta = { id: number; updatedAt: string; _formatted?: { name?: unknown; description?: unknown } }

/**
 * The Meilisearch multi-search that a product search sends: the main query with highlights and
 * facets, plus one facet-only query per active facet (disjunctive counts). Exported so the
 * benchmark can send exactly the same requests to raw Meilisearch.
 */
export function buildProductSearchQueries(search: SearchContext['search'], params: ProductSearchParams) {
	const perPage = Math.min(Math.max(Math.trunc(params.perPage) || PRODUCTS_PER_PAGE, 1), 100)
	const page = Math.min(Math.max(Math.trunc(params.page) || 1, 1), Math.floor(MAX_TOTAL_HITS / perPage))
	const analyzed = analyzeQuery(params.q)
	const clauses = facetClauses(params)
	const indexUid = search.indexName('products')
	const common = { indexUid, q: analyzed.query, matchingStrategy: 'last' as const }
	const sort = SORT[params.sort] ?? (analyzed.query ? undefined : SORT.newest)
	const queries: MultiSearchQuery[] = [
		{
			...common,
			filter: filters.all(Object.values(clauses)),
			facets: [...FACETS],
			page,
			hitsPerPage: perPage,
			sort,
			attributesToRetrieve: ['id', 'updatedAt'],
			attributesToHighlight: ['name', 'description'],
			attributesToCrop: ['description'],
			cropLength: 60,
			cropMarker: '…',
			highlightPreTag: HIGHLIGHT_PRE,
			highlightPostTag: HIGHLIGHT_POST,
		},
	]
	const disjunctive = FACETS.filter((f) => clauses[f] !== null)
	for (const facet of disjunctive) {
		queries.push({
			...common,
			filter: filters.all(FACETS.filter((f) => f !== facet).map((f) => clauses[f])),
			facets: [facet],
			limit: 0,
		})
	}

	return { queries, disjunctive, page, perPage }
}

/**
 * Searches published products: synonyms and domain-term extraction on the query, disjunctive facet
 * counts (each facet counted without its own filter, in one multi-search), highlight segments, and
 * every hit re-read from SQLite in Meilisearch's order, so a stale index never shows what is gone.
 * When Meilisearch is unreachable it returns an empty result with `degraded: true`.
 */
export async function searchProducts(ctx: SearchContext, params: ProductSearchParams): Promise<ProductSearchResult> {
	const { queries, disjunctive, page, perPage } = buildProductSearchQueries(ctx.search, params)
	const expandedTerms = expandTerms(params.q)
	let results: MultiSearchResult<HitMeta>[]
	try {
		results = (await ctx.search.client.multiSearch<{ queries: MultiSearchQuery[] }, HitMeta>({ queries })).results
	} catch (error) {
		console.error(`[search] product search degraded: ${errorMessage(error)}`)
		return {
			items: [],
			total: 0,
			page,
			perPage,
			totalPages: 0,
			facets: emptyFacets(),
			expandedTerms,
			suggestedCategories: [],
			degraded: true,
		}
	}
	const [main, ...facetResults] = results
	if (!main) throw new Error('multi-search returned no result for the main query')

	const facets = emptyFacets()
	for (const f of FACETS) facets[f] = { ...(main.facetDistribution?.[f] ?? {}) }
	disjunctive.forEach((f, i) => {
		facets[f] = { ...(facetResults[i]?.facetDistribution?.[f] ?? {}) }
	})
	const selected = selectedValues(params)
	for (const f of FACETS) for (const v of selected[f]) facets[f][v] ??= 0

	const hits = main.hits
	const products = await listPublicProductsByIds(
		ctx.db,
		hits.map((h) => Number(h.id)),
	)
	const meta = new Map(hits.map((h) => [Number(h.id), h]))
	const items = products.map((product) => ({ product, highlight: highlightOf(product, meta.get(product.id)) }))
	const total = main.totalHits ?? 0
	return {
		items,
		total,
		page,
		perPage,
		totalPages: main.totalPages ?? Math.ceil(total / perPage),
		facets: facets as Record<Facet, FacetCounts>,
		expandedTerms,
		suggestedCategories: total === 0 ? relatedCategories(params.q).filter((c) => !params.categories.includes(c)) : [],
		degraded: false,
	}
}

/** Meilisearch's highlight, unless the record changed since it was indexed (then plain text). */
function highlightOf(
	product: PublicProduct,
	hit: HitMeta | undefined,
): ProductSearchResult['items'][number]['highlight'] {
	const fresh = hit && hit.updatedAt === product.updatedAt
	const name = fresh && typeof hit._formatted?.name === 'string' ? toHighlighted(hit._formatted.name) : null
	const description =
		fresh && typeof hit._formatted?.description === 'string' ? toHighlighted(hit._formatted.description) : null
	return {
		name: name && highlightedText(name) === product.name ? name : plainHighlighted(product.name),
		description: product.description ? (description ?? plainHighlighted(product.description)) : [],
	}
}

/**
 * Products like `product`: same category, ranked by the domain terms of its name and tags (say
 * 干式变压器 for a 干式变压器 非晶合金 500kVA); topped up with the category's newest only when the
 * terms find too few. Re-read from SQLite; empty when Meilisearch is unreachable (a side panel is
 * not worth an error page). Only the terms are sent, not the whole name: at 100,000 products a
 * seven-word query cost Meilisearch ~14 ms where the terms cost ~6 ms (`npm run bench:search`).
 */
export async function searchSimilarProducts(
	ctx: SearchContext,
	product: PublicProduct,
	limit = 6,
): Promise<PublicProduct[]> {
	const index = ctx.search.client.index<{ id: number }>(ctx.search.indexName('products'))
	const filter = filters.all([filters.eq('category', product.categoryKey), filters.notEq('id', product.id)])
	const analyzed = analyzeQuery([product.name, ...product.tags].join(' '))
	const q = (analyzed.terms.length > 0 ? analyzed.terms : analyzed.rest).slice(0, 3).join(' ')
	const want = Math.max(1, Math.min(limit, 50))
	const ids: number[] = []
	try {
		const alike = await index.search(q, { filter, matchingStrategy: 'last', limit: want, attributesToRetrieve: ['id'] })
		ids.push(...alike.hits.map((h) => Number(h.id)))
		if (ids.length < want) {
			const newest = await index.search('', { filter, sort: ['publishedAt:desc'], limit: want * 2, attributesToRetrieve: ['id'] })
			ids.push(...newest.hits.map((h) => Number(h.id)))
		}
	} catch (error) {
		console.error(`[search] similar products unavailable: ${errorMessage(error)}`)
		return []
	}
	const candidates = unique(ids).filter((id) => id !== product.id)
	return (await listPublicProductsByIds(ctx.db, candidates)).slice(0, want)
}
