import { createHash } from 'node:crypto'
import type { Settings } from 'meilisearch'
import type { IndexKind } from './client.server.ts'
import {
	DEMAND_DOCUMENT_FIELDS,
	DOCUMENT_SCHEMA_VERSION,
	ORGANIZATION_DOCUMENT_FIELDS,
	PRODUCT_DOCUMENT_FIELDS,
	PROGRAM_DOCUMENT_FIELDS,
} from './documents.ts'
import { dictionaryWords, meiliStopWords, toMeiliSynonyms } from './synonyms.ts'

/**
 * Every index's settings, in one place. Applied when an index is built (reindex, start-up repair),
 * never per request. displayedAttributes is exactly the document's public projection (R35).
 */

/** The largest page a product or supplier list can reach: maxTotalHits / perPage. */
export const MAX_TOTAL_HITS = 5000

const vocabulary = {
	synonyms: toMeiliSynonyms(),
	dictionary: dictionaryWords(),
	stopWords: meiliStopWords(),
}

// Chinese words are short: a typo in a 2–4 character word is another word (电机/电梯), so typos
// start at 5 characters (the default, kept on purpose); numbers and model codes must match exactly
// (37 kW is not 38 kW, GA37 is not GA30).
const typoTolerance: Settings['typoTolerance'] = {
	enabled: true,
	minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
	disableOnNumbers: true,
	disableOnWords: [],
	disableOnAttributes: [],
}

// Force the Chinese pipeline (jieba + our dictionary) for Han text: short Han-only strings are
// otherwise open to language detection, and Japanese segmentation would split them differently.
const localizedAttributes: Settings['localizedAttributes'] = [{ attributePatterns: ['*'], locales: ['cmn', 'eng'] }]

// `sort` right after `words`: when someone sorts by price, the list must read as sorted, while
// documents matching more of the query words still come first.
const rankingRules = ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness']

const faceting = { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' as const } }

export const INDEX_SETTINGS: Record<IndexKind, Settings> = {
	products: {
		displayedAttributes: [...PRODUCT_DOCUMENT_FIELDS],
		searchableAttributes: [
			'name',
			'nameEn',
			'model',
			'brand',
			'tags',
			'categoryZh',
			'categoryEn',
			'description',
			'specs',
			'certifications',
			'orgName',
			'orgNameEn',
		],
		filterableAttributes: [
			'id',
			'kind',
			'category',
			'group',
			'energyGrade',
			'inZone',
			'priceBand',
			'orgId',
			'area',
			'priceMin',
			'priceMax',
			'leadTimeDays',
		],
		sortableAttributes: ['priceMin', 'priceMax', 'publishedAt', 'leadTimeDays'],
		rankingRules,
		typoTolerance: { ...typoTolerance, disableOnAttributes: ['model'] },
		faceting,
		pagination: { maxTotalHits: MAX_TOTAL_HITS },
		localizedAttributes,
		facetSearch: false,
		...vocabulary,
	},
	organizations: {
		displayedAttributes: [...ORGANIZATION_DOCUMENT_FIELDS],
		searchableAttributes: ['name', 'nameEn', 'categoryNames', 'industry', 'area', 'description'],
		filterableAttributes: ['id', 'area', 'industry', 'categories', 'inZone', 'roles'],
		sortableAttributes: ['productCount'],
		rankingRules,
		typoTolerance,
		faceting,
		pagination: { maxTotalHits: MAX_TOTAL_HITS },
		localizedAttributes,
		facetSearch: false,
		...vocabulary,
	},
	demands: {
		displayedAttributes: [...DEMAND_DOCUMENT_FIELDS],
		searchableAttributes: ['title', 'categoryZh', 'description'],
		filterableAttributes: ['id', 'category', 'group', 'domain', 'status', 'neededBy'],
		sortableAttributes: ['publishedAt', 'neededBy'],
		rankingRules,
		typoTolerance,
		faceting,
		pagination: { maxTotalHits: MAX_TOTAL_HITS },
		localizedAttributes,
		facetSearch: false,
		...vocabulary,
	},
	programs: {
		displayedAttributes: [...PROGRAM_DOCUMENT_FIELDS],
		searchableAttributes: ['name', 'categoryNames', 'industries', 'orgName', 'description'],
		filterableAttributes: ['id', 'orgId', 'categories', 'structures', 'amountMin', 'amountMax'],
		sortableAttributes: ['rateMin', 'amountMax'],
		rankingRules,
		typoTolerance,
		faceting,
		pagination: { maxTotalHits: MAX_TOTAL_HITS },
		localizedAttributes,
		facetSearch: false,
		...vocabulary,
	},
}

function hash(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
}

/** Per index: changes when its settings or the document mappers change, which triggers a rebuild. */
export const SETTINGS_VERSIONS: Record<IndexKind, string> = {
	products: hash({ v: DOCUMENT_SCHEMA_VERSION, s: INDEX_SETTINGS.products }),
	organizations: hash({ v: DOCUMENT_SCHEMA_VERSION, s: INDEX_SETTINGS.organizations }),
	demands: hash({ v: DOCUMENT_SCHEMA_VERSION, s: INDEX_SETTINGS.demands }),
	programs: hash({ v: DOCUMENT_SCHEMA_VERSION, s: INDEX_SETTINGS.programs }),
}

/** One hash over every index, for logs and the health endpoint. */
export const SETTINGS_VERSION = hash(SETTINGS_VERSIONS)

/** The app_meta key under which the version applied to an index is remembered. */
export function settingsVersionKey(kind: IndexKind): string {
	return `search_settings_version:${kind}`
}
