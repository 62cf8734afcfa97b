import { CATEGORIES, ORG_ROLES, isCategoryKey, type CategoryKey, type OrgRole } from '#app/models/taxonomy.ts'
import type { PublicOrganization } from '#app/models/public-types.ts'
import type { Db, OrganizationRow } from '#db/schema.ts'

/** What an organization's public page and its search document say about its catalogue. */
export type OrganizationProductStats = { productCount: number; categories: CategoryKey[] }

const NO_PRODUCTS: OrganizationProductStats = { productCount: 0, categories: [] }
const CATEGORY_ORDER = new Map<string, number>(CATEGORIES.map((c, i) => [c.key, i]))

/** Only verified organizations are public: pending, rejected and disabled ones are nobody's business. */
export function isPublicOrganizationRow(org: Pick<OrganizationRow, 'status'> | undefined): boolean {
	return org?.status === 'verified'
}

/** Maps a row to the public projection; contacts, the credit code and moderation notes stay behind. */
export function toPublicOrganization(
	row: OrganizationRow,
	stats: OrganizationProductStats = NO_PRODUCTS,
): PublicOrganization {
	return {
		id: row.id,
		ref: row.ref,
		name: row.name,
		nameEn: row.name_en,
		roles: parseRoles(row.roles),
		inZone: row.in_zone === 1,
		area: row.area,
		industry: row.industry,
		description: row.description,
		website: row.website,
		verified: row.status === 'verified',
		productCount: stats.productCount,
		categories: stats.categories,
	}
}

/** A verified organization's public projection, or undefined. */
export async function getPublicOrganization(db: Db, id: number): Promise<PublicOrganization | undefined> {
	const [org] = await listPublicOrganizationsByIds(db, [id])
	return org
}

/** Public projections of the verified organizations among `ids`, in the order of `ids`. */
export async function listPublicOrganizationsByIds(db: Db, ids: readonly number[]): Promise<PublicOrganization[]> {
	const rows = await listVerifiedOrganizationRows(db, ids)
	const stats = await listOrganizationProductStats(db, [...rows.keys()])
	return uniqueIds(ids).flatMap((id) => {
		const row = rows.get(id)
		return row ? [toPublicOrganization(row, stats.get(id))] : []
	})
}

/** Verified organization rows by id (for mappers that need the owner of a product or programme). */
export async function listVerifiedOrganizationRows(
	db: Db,
	ids: readonly number[],
): Promise<Map<number, OrganizationRow>> {
	const out = new Map<number, OrganizationRow>()
	for (const chunk of chunks(uniqueIds(ids), 500)) {
		const rows = await db
			.selectFrom('organization')
			.selectAll()
			.where('id', 'in', chunk)
			.where('status', '=', 'verified')
			.execute()
		for (const r of rows) out.set(r.id, r)
	}
	return out
}

/** Published products per organization and the categories they cover, in taxonomy order. */
export async function listOrganizationProductStats(
	db: Db,
	orgIds: readonly number[],
): Promise<Map<number, OrganizationProductStats>> {
	const out = new Map<number, OrganizationProductStats>()
	for (const chunk of chunks(uniqueIds(orgIds), 500)) {
		const rows = await db
			.selectFrom('product')
			.select((eb) => ['organization_id', 'category_key', eb.fn.countAll<number>().as('n')])
			.where('organization_id', 'in', chunk)
			.where('status', '=', 'published')
			.groupBy(['organization_id', 'category_key'])
			.execute()
		for (const r of rows) {
			const s = out.get(r.organization_id) ?? { productCount: 0, categories: [] }
			s.productCount += Number(r.n)
			if (isCategoryKey(r.category_key) && !s.categories.includes(r.category_key)) s.categories.push(r.category_key)
			out.set(r.organization_id, s)
		}
	}
	for (const s of out.values()) s.categories.sort((a, b) => (CATEGORY_ORDER.get(a) ?? 0) - (CATEGORY_ORDER.get(b) ?? 0))
	return out
}

/** Roles from the JSON column; unknown values are dropped rather than trusted. */
export function parseRoles(json: string): OrgRole[] {
	return parseJsonStrings(json).filter((r): r is OrgRole => (ORG_ROLES as readonly string[]).includes(r))
}

/** A JSON array of strings from a TEXT column; anything else reads as empty rather than throwing on a page. */
export function parseJsonStrings(json: string | null | undefined): string[] {
	if (!json) return []
	try {
		const value: unknown = JSON.parse(json)
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
	} catch {
		return []
	}
}

export function uniqueIds(ids: readonly number[]): number[] {
	return [...new Set(ids.filter((id) => Number.isSafeInteger(id)))]
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = []
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
	return out
}
