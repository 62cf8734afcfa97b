import { sql } from 'kysely'
import type { HomeFigures, PublicProduct } from '#app/models/public-types.ts'
import { CATEGORIES, getCategory, isCategoryKey, priceBandOf, type CategoryKey } from '#app/models/taxonomy.ts'
import type { Search } from '#app/search/client.server.ts'
import type { Db, OrganizationRow, ProductRow } from '#db/schema.ts'
import {
	chunks,
	isPublicOrganizationRow,
	listVerifiedOrganizationRows,
	parseJsonStrings,
	uniqueIds,
} from './organization.server.ts'

/** A product is public when it is published and its organization is verified (RELIABILITY R20). */
export function isPublicProductRow(
	product: Pick<ProductRow, 'status'>,
	org: Pick<OrganizationRow, 'status'> | undefined,
): boolean {
	return product.status === 'published' && isPublicOrganizationRow(org)
}

/** Maps a product and its organization to the public projection (no moderation notes, no contacts). */
export function toPublicProduct(row: ProductRow, org: OrganizationRow): PublicProduct {
	const category = getCategory(row.category_key)
	return {
		id: row.id,
		ref: row.ref,
		kind: row.kind,
		categoryKey: (isCategoryKey(row.category_key) ? row.category_key : CATEGORIES[0].key) as CategoryKey,
		groupKey: category?.group ?? '',
		name: row.name,
		nameEn: row.name_en,
		model: row.model,
		brand: row.brand,
		description: row.description,
		specs: parseSpecs(row.specs),
		energyGrade: row.energy_grade === 1 || row.energy_grade === 2 || row.energy_grade === 3 ? row.energy_grade : null,
		priceMin: row.price_min,
		priceMax: row.price_max,
		priceBand: priceBandOf(row.price_min),
		leadTimeDays: row.lead_time_days,
		certifications: parseJsonStrings(row.certifications),
		tags: parseJsonStrings(row.tags),
		publishedAt: row.published_at,
		updatedAt: row.updated_at,
		org: {
			id: org.id,
			name: org.name,
			nameEn: org.name_en,
			inZone: org.in_zone === 1,
			area: org.area,
			verified: org.status === 'verified',
		},
	}
}

/** A published product of a verified organization, or undefined. */
export async function getPublicProduct(db: Db, id: number): Promise<PublicProduct | undefined> {
	const [product] = await listPublicProductsByIds(db, [id])
	return product
}

/** The public ones among `ids`, in the order of `ids` (search hits keep Meilisearch's ranking). */
export async function listPublicProductsByIds(db: Db, ids: readonly number[]): Promise<PublicProduct[]> {
	const wanted = uniqueIds(ids)
	const rows = new Map<number, ProductRow>()
	for (const chunk of chunks(wanted, 500)) {
		// By primary key alone, the status checked here: with `status` in the WHERE clause and no
		// planner statistics yet, SQLite walks product_status_idx over every published product.
		for (const r of await db.selectFrom('product').selectAll().where('id', 'in', chunk).execute()) {
			if (r.status === 'published') rows.set(r.id, r)
		}
	}
	const orgs = await listVerifiedOrganizationRows(
		db,
		[...rows.values()].map((r) => r.organization_id),
	)
	return wanted.flatMap((id) => {
		const row = rows.get(id)
		const org = row ? orgs.get(row.organization_id) : undefined
		return row && org ? [toPublicProduct(row, org)] : []
	})
}

/** An organization's public products, newest first (empty when the organization is not verified). */
export async function listPublicProductsOfOrg(
	db: Db,
	orgId: number,
	options: { limit?: number; offset?: number } = {},
): Promise<PublicProduct[]> {
	const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 500)
	const offset = Math.max(Math.trunc(options.offset ?? 0), 0)
	const org = (await listVerifiedOrganizationRows(db, [orgId])).get(orgId)
	if (!org) return []
	const rows = await db
		.selectFrom('product')
		.selectAll()
		.where('organization_id', '=', orgId)
		.where('status', '=', 'published')
		.orderBy('published_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute()
	return rows.map((r) => toPublicProduct(r, org))
}

/**
 * The home page's figures. Per-category counts come from the product index's facets when a search
 * client is given — the index holds exactly the public products, and a facet query costs a few ms
 * where the SQLite group-by scans every product (~150 ms at 100k) — and from SQLite otherwise or
 * when Meilisearch is unreachable.
 */
export async function getHomeFigures(services: { db: Db; search?: Search }): Promise<HomeFigures> {
	const { db } = services
	const makers = await db
		.selectFrom('organization')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'verified')
		.where('in_zone', '=', 1)
		.where(sql<boolean>`exists (select 1 from json_each(organization.roles) where json_each.value = 'supplier')`)
		.executeTakeFirstOrThrow()
	const demands = await db
		.selectFrom('demand')
		.innerJoin('organization', 'organization.id', 'demand.organization_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('demand.status', '=', 'open')
		.where('organization.status', '=', 'verified')
		.executeTakeFirstOrThrow()
	const perCategory = (services.search && (await countFromIndex(services.search))) ?? (await countFromDatabase(db))
	const figures: HomeFigures = {
		inZoneMakers: Number(makers.n),
		products: 0,
		services: 0,
		openDemands: Number(demands.n),
		categoryCounts: {},
		groupCounts: {},
	}
	for (const r of perCategory) {
		if (r.kind === 'service') figures.services += r.n
		else figures.products += r.n
		figures.categoryCounts[r.category] = (figures.categoryCounts[r.category] ?? 0) + r.n
		const group = getCategory(r.category)?.group
		if (group) figures.groupCounts[group] = (figures.groupCounts[group] ?? 0) + r.n
	}
	return figures
}

type KindCategoryCount = { kind: 'equipment' | 'service'; category: string; n: number }

async function countFromDatabase(db: Db): Promise<KindCategoryCount[]> {
	const rows = await db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.organization_id')
		.select((eb) => ['product.kind', 'product.category_key', eb.fn.countAll<number>().as('n')])
		.where('product.status', '=', 'published')
		.where('organization.status', '=', 'verified')
		.groupBy(['product.kind', 'product.category_key'])
		.execute()
	return rows.map((r) => ({ kind: r.kind, category: r.category_key, n: Number(r.n) }))
}

/** Counts per kind × category from two facet queries; null when the index can't answer. */
async function countFromIndex(search: Search): Promise<KindCategoryCount[] | null> {
	try {
		const indexUid = search.indexName('products')
		const { results } = await search.client.multiSearch({
			queries: (['equipment', 'service'] as const).map((kind) => ({
				indexUid,
				q: '',
				limit: 0,
				filter: `kind = "${kind}"`,
				facets: ['category'],
			})),
		})
		return (['equipment', 'service'] as const).flatMap((kind, i) =>
			Object.entries(results[i]?.facetDistribution?.category ?? {}).map(([category, n]) => ({ kind, category, n })),
		)
	} catch {
		return null
	}
}

/** Specs from the JSON column as ordered pairs; non-string values are shown as text, junk reads as none. */
export function parseSpecs(json: string | null | undefined): Array<[string, string]> {
	if (!json) return []
	try {
		const value: unknown = JSON.parse(json)
		if (!value || typeof value !== 'object' || Array.isArray(value)) return []
		return Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
			.map(([k, v]) => [k, String(v)])
	} catch {
		return []
	}
}
