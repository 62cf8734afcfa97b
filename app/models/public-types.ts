/**
 * Public projections: what anyone may see of an organization or a product. These are the shapes
 * pages, the search index and exports-for-the-public use; private fields (contacts, budgets,
 * quotes, offers) have no place here.
 */
import type { CategoryKey, OrgRole, PriceBandKey } from './taxonomy.ts'

export type PublicOrganization = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	roles: OrgRole[]
	inZone: boolean
	area: string | null
	industry: string | null
	description: string | null
	website: string | null
	verified: boolean
	/** Published products and services, by category. */
	productCount: number
	categories: CategoryKey[]
}

export type PublicProduct = {
	id: number
	ref: string
	kind: 'equipment' | 'service'
	categoryKey: CategoryKey
	groupKey: string
	name: string
	nameEn: string | null
	model: string | null
	brand: string | null
	description: string | null
	specs: Array<[string, string]>
	energyGrade: 1 | 2 | 3 | null
	priceMin: number | null
	priceMax: number | null
	priceBand: PriceBandKey | null
	leadTimeDays: number | null
	certifications: string[]
	tags: string[]
	publishedAt: string | null
	updatedAt: string
	org: { id: number; name: string; nameEn: string | null; inZone: boolean; area: string | null; verified: boolean }
}

/** A highlighted text as segments, so pages render <mark> without injecting HTML. */
export type Highlighted = Array<{ text: string; hit: boolean }>

export type ProductSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc'

export type ProductSearchParams = {
	q: string
	group: string | null
	categories: CategoryKey[]
	energyGrades: Array<1 | 2 | 3>
	inZone: boolean | null
	kind: 'equipment' | 'service' | null
	priceBands: PriceBandKey[]
	sort: ProductSort
	page: number
	perPage: number
}

export type FacetCounts = Record<string, number>

export type ProductSearchResult = {
	items: Array<{ product: PublicProduct; highlight: { name: Highlighted; description: Highlighted } }>
	total: number
	page: number
	perPage: number
	totalPages: number
	facets: {
		group: FacetCounts
		category: FacetCounts
		energyGrade: FacetCounts
		inZone: FacetCounts
		kind: FacetCounts
		priceBand: FacetCounts
	}
	/** The query's terms with the synonyms that were also searched, for "also searched: …". */
	expandedTerms: string[]
	/** Categories related to the query, offered on an empty result ("try …"). */
	suggestedCategories: CategoryKey[]
	/** True when Meilisearch could not be reached: the page says so instead of failing. */
	degraded: boolean
}

export type SupplierSearchParams = {
	q: string
	area: string | null
	industry: string | null
	category: CategoryKey | null
	inZone: boolean | null
	role: OrgRole | null
	page: number
	perPage: number
}

export type SupplierSearchResult = {
	items: PublicOrganization[]
	total: number
	page: number
	perPage: number
	totalPages: number
	facets: { area: FacetCounts; industry: FacetCounts; category: FacetCounts; inZone: FacetCounts; role: FacetCounts }
	degraded: boolean
}

export type HomeFigures = {
	inZoneMakers: number
	products: number
	services: number
	openDemands: number
	categoryCounts: Record<string, number>
	groupCounts: Record<string, number>
}
