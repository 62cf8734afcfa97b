import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch'
import { z } from 'zod'
import type { AppContext } from '#app/context.server.ts'
import { listPublicDemandsByIds, listPublicDemandsFromDatabase, type PublicDemand } from '#app/models/demand.server.ts'
import type { FacetCounts, Highlighted } from '#app/models/public-types.ts'
import {
	CATEGORY_GROUPS,
	DEMAND_DOMAIN_KEYS,
	isCategoryKey,
	type CategoryKey,
	type DemandDomainKey,
} from '#app/models/taxonomy.ts'
import { createFilterBuilder } from './filters.ts'
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightedText, plainHighlighted, toHighlighted } from './highlight.ts'
import { MAX_TOTAL_HITS } from './settings.ts'
import { analyzeQuery, expandTerms } from './synonyms.ts'
import { errorMessage } from './tasks.server.ts'

/**
 * The public list of open demands (/demands): the same search as the product directory —
 * synonyms, disjunctive facets (field, category, domain), highlights — on the demands index,
 * whose documents carry public fields only. Every hit is re-read from SQLite, so a demand that was
 * closed, withdrawn or expired since it was indexed is never shown. When Meilisearch is down the
 * list comes straight from SQLite (newest first, substring match) and says so.
 */

type SearchContext = Pick<AppContext, 'db' | 'search'>

export const DEMANDS_PER_PAGE = 20
export const MAX_DEMAND_PAGE = Math.floor(MAX_TOTAL_HITS / DEMANDS_PER_PAGE)
export const DEMAND_SORTS = ['relevance', 'newest', 'needed_by'] as const
export type DemandSort = (typeof DEMAND_SORTS)[number]

export type DemandSearchParams = {
	q: string
	group: string | null
	categories: CategoryKey[]
	domains: DemandDomainKey[]
	sort: DemandSort
	page: number
	perPage: number
}

export type DemandSearchResult = {
	items: Array<{ demand: PublicDemand; highlight: { title: Highlighted; description: Highlighted } }>
	total: number
	page: number
	perPage: number
	totalPages: number
	facets: { group: FacetCounts; category: FacetCounts; domain: FacetCounts }
	expandedTerms: string[]
	degraded: boolean
}

const FACETS = ['group', 'category', 'domain'] as const
type Facet = (typeof FACETS)[number]

const filters = createFilterBuilder(['id', 'group', 'category', 'domain', 'status'])

const SORT: Record<DemandSort, string[] | undefined> = {
	relevance: undefined,
	newest: ['publishedAt:desc'],
	needed_by: ['neededBy:asc'],
}

const GROUP_KEYS = CATEGORY_GROUPS.map((g) => g.key) as [string, ...string[]]

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

const QuerySchema = z.object({
	q: z
		.string()
		.nullable()
		.transform((v) => (v ?? '').replace(/\s+/g, ' ').trim().slice(0, 100)),
	group: z.enum(GROUP_KEYS).nullable().catch(null),
	categories: z.array(z.string()).transform((vs) => unique(vs.filter(isCategoryKey)) as CategoryKey[]),
	domains: z
		.array(z.string())
		.transform((vs) =>
			unique(vs.filter((v): v is DemandDomainKey => (DEMAND_DOMAIN_KEYS as readonly string[]).includes(v))),
		),
	sort: z.enum(DEMAND_SORTS).catch('relevance'),
	page: z
		.string()
		.nullable()
		.transform((v) => {
			const n = Number.parseInt(v ?? '', 10)
			return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_DEMAND_PAGE) : 1
		}),
})

/** The list's state from the URL, junk tolerated: q, group, category, domain (repeat or comma-separate), sort, page. */
export function parseDemandSearchParams(url: URLSearchParams): DemandSearchParams {
	const parsed = QuerySchema.parse({
		q: url.get('q'),
		group: url.get('group'),
		categories: listParam(url, 'category'),
		domains: listParam(url, 'domain'),
		sort: url.get('sort') ?? 'relevance',
		page: url.get('page'),
	})
	return { ...parsed, perPage: DEMANDS_PER_PAGE }
}

/** The query string for a state (defaults left out), so links and forms round-trip. */
export function demandSearchToQuery(params: DemandSearchParams): string {
	const u = new URLSearchParams()
	if (params.q) u.set('q', params.q)
	if (params.group) u.set('group', params.group)
	for (const c of params.categories) u.append('category', c)
	for (const d of params.domains) u.append('domain', d)
	if (params.sort !== 'relevance') u.set('sort', params.sort)
	if (params.page > 1) u.set('page', String(params.page))
	return u.toString()
}

export function demandsHref(params: DemandSearchParams): string {
	const qs = demandSearchToQuery(params)
	return qs ? `/demands?${qs}` : '/demands'
}

function facetClauses(params: DemandSearchParams): Record<Facet, string | null> {
	return {
		group: params.group ? filters.eq('group', params.group) : null,
		category: filters.anyOf('category', params.categories),
		domain: filters.anyOf('domain', params.domains),
	}
}

type HitMeta = { id: number; updatedAt: string; _formatted?: { title?: unknown; description?: unknown } }

/** Searches open demands; see the module comment. */
export async function searchDemands(
	ctx: SearchContext,
	params: DemandSearchParams,
	options: { now?: Date } = {},
): Promise<DemandSearchResult> {
	const perPage = Math.min(Math.max(Math.trunc(params.perPage) || DEMANDS_PER_PAGE, 1), 100)
	const page = Math.min(Math.max(Math.trunc(params.page) || 1, 1), Math.floor(MAX_TOTAL_HITS / perPage))
	const analyzed = analyzeQuery(params.q)
	const clauses = facetClauses(params)
	const indexUid = ctx.search.indexName('demands')
	const common = { indexUid, q: analyzed.query, matchingStrategy: 'last' as const }
	const live = filters.eq('status', 'open')
	const sort = SORT[params.sort] ?? (analyzed.query ? undefined : SORT.newest)
	const queries: MultiSearchQuery[] = [
		{
			...common,
			filter: filters.all([live, ...Object.values(clauses)]),
			facets: [...FACETS],
			page,
			hitsPerPage: perPage,
			sort,
			attributesToRetrieve: ['id', 'updatedAt'],
			attributesToHighlight: ['title', 'description'],
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
			filter: filters.all([live, ...FACETS.filter((f) => f !== facet).map((f) => clauses[f])]),
			facets: [facet],
			limit: 0,
		})
	}
	const expandedTerms = expandTerms(params.q)
	let results: MultiSearchResult<HitMeta>[]
	try {
		results = (await ctx.search.client.multiSearch<{ queries: MultiSearchQuery[] }, HitMeta>({ queries })).results
	} catch (error) {
		console.error(`[search] demand search degraded: ${errorMessage(error)}`)
		const fallback = await listPublicDemandsFromDatabase(
			ctx.db,
			{ q: params.q, categories: params.categories, domains: params.domains, page, perPage },
			options,
		)
		return {
			items: fallback.items.map((demand) => ({ demand, highlight: plain(demand) })),
			total: fallback.total,
			page,
			perPage,
			totalPages: Math.ceil(fallback.total / perPage),
			facets: { group: {}, category: {}, domain: {} },
			expandedTerms,
			degraded: true,
		}
	}
	const [main, ...facetResults] = results
	if (!main) throw new Error('multi-search returned no result for the main query')
	const facets: Record<Facet, FacetCounts> = { group: {}, category: {}, domain: {} }
	for (const f of FACETS) facets[f] = { ...(main.facetDistribution?.[f] ?? {}) }
	disjunctive.forEach((f, i) => {
		facets[f] = { ...(facetResults[i]?.facetDistribution?.[f] ?? {}) }
	})
	const selected: Record<Facet, string[]> = {
		group: params.group ? [params.group] : [],
		category: params.categories,
		domain: params.domains,
	}
	for (const f of FACETS) for (const v of selected[f]) facets[f][v] ??= 0

	const hits = main.hits
	const demands = await listPublicDemandsByIds(
		ctx.db,
		hits.map((h) => Number(h.id)),
		options,
	)
	const meta = new Map(hits.map((h) => [Number(h.id), h]))
	const total = main.totalHits ?? 0
	return {
		items: demands.map((demand) => ({ demand, highlight: highlightOf(demand, meta.get(demand.id)) })),
		total,
		page,
		perPage,
		totalPages: main.totalPages ?? Math.ceil(total / perPage),
		facets,
		expandedTerms,
		degraded: false,
	}
}

function plain(demand: PublicDemand): { title: Highlighted; description: Highlighted } {
	return { title: plainHighlighted(demand.title), description: plainHighlighted(crop(demand.description)) }
}

function crop(text: string): string {
	return text.length > 120 ? `${text.slice(0, 120)}…` : text
}

/** Meilisearch's highlight, unless the demand changed since it was indexed (then plain text). */
function highlightOf(demand: PublicDemand, hit: HitMeta | undefined): { title: Highlighted; description: Highlighted } {
	const fresh = hit && hit.updatedAt === demand.updatedAt
	const title = fresh && typeof hit._formatted?.title === 'string' ? toHighlighted(hit._formatted.title) : null
	const description =
		fresh && typeof hit._formatted?.description === 'string' ? toHighlighted(hit._formatted.description) : null
	return {
		title: title && highlightedText(title) === demand.title ? title : plainHighlighted(demand.title),
		description: description ?? plainHighlighted(crop(demand.description)),
	}
}

/** A filter value with the URL that toggles it; labels are the page's business. */
export type DemandFacetLink = { key: string; count: number | null; selected: boolean; href: string }

export type DemandSearchView = {
	groups: DemandFacetLink[]
	categories: DemandFacetLink[]
	domains: DemandFacetLink[]
	sorts: Array<{ key: DemandSort; href: string; selected: boolean }>
	hidden: Array<[string, string]>
	clearHref: string | null
	alsoSearched: string[]
}

function toggle<T>(list: readonly T[], value: T): T[] {
	return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}

/** Every link of the list page (facets, sort, clear), built with this module's query builder: no JavaScript needed. */
export function buildDemandSearchView(params: DemandSearchParams, result: DemandSearchResult): DemandSearchView {
	const base: DemandSearchParams = { ...params, page: 1 }
	const link = (next: Partial<DemandSearchParams>) => demandsHref({ ...base, ...next })
	const count = (counts: FacetCounts, key: string) => (result.degraded && !counts[key] ? null : (counts[key] ?? 0))
	const groups = CATEGORY_GROUPS.map((g) => ({
		key: g.key,
		count: count(result.facets.group, g.key),
		selected: params.group === g.key,
		href: params.group === g.key ? link({ group: null }) : link({ group: g.key }),
	})).filter((f) => f.selected || f.count == null || f.count > 0)
	const categories = Object.keys(result.facets.category)
		.filter(isCategoryKey)
		.concat(params.categories)
		.filter((k, i, all) => all.indexOf(k) === i)
		.map((k) => ({
			key: k,
			count: count(result.facets.category, k),
			selected: params.categories.includes(k),
			href: link({ categories: toggle(params.categories, k) }),
		}))
		.filter((f) => f.selected || f.count == null || f.count > 0)
		.sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
	const domains = DEMAND_DOMAIN_KEYS.map((d) => ({
		key: d,
		count: count(result.facets.domain, d),
		selected: params.domains.includes(d),
		href: link({ domains: toggle(params.domains, d) }),
	}))
	const sorts = DEMAND_SORTS.map((s) => ({ key: s, selected: params.sort === s, href: link({ sort: s }) }))
	const filtered = params.group != null || params.categories.length > 0 || params.domains.length > 0
	const defaults = parseDemandSearchParams(new URLSearchParams())
	const hidden = [...new URLSearchParams(demandSearchToQuery({ ...base, q: '' })).entries()].filter(
		([name]) => name !== 'q' && name !== 'page',
	)
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
		domains,
		sorts,
		hidden,
		clearHref: filtered ? demandsHref({ ...defaults, q: params.q, sort: params.sort }) : null,
		alsoSearched,
	}
}
