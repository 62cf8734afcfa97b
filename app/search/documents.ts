/**
 * Pure mappers from SQLite rows to search documents. A document carries public fields only (no
 * contacts, budgets, credit codes or moderation notes, not even as hidden attributes: Meilisearch's
 * GET /documents ignores displayedAttributes), and exists only for a public record: a published
 * product of a verified organization, a verified organization, an open demand and an active
 * leasing programme of a verified organization. Every mapper returns null for anything else, and
 * the relay turns null into a delete.
 */
import {
	toPublicOrganization,
	isPublicOrganizationRow,
	parseJsonStrings,
	type OrganizationProductStats,
} from '#app/models/organization.server.ts'
import { isPublicProductRow, toPublicProduct } from '#app/models/product.server.ts'
import { getCategory, type PriceBandKey } from '#app/models/taxonomy.ts'
import type { DemandRow, LeasingProgramRow, OrganizationRow, ProductRow } from '#db/schema.ts'
import { sanitizeText } from './synonyms.ts'

export type ProductDocument = {
	id: number
	ref: string
	kind: 'equipment' | 'service'
	category: string
	group: string
	categoryZh: string
	categoryEn: string
	name: string
	nameEn: string | null
	model: string | null
	brand: string | null
	description: string | null
	/** Specs as one searchable text, "额定功率: 37 kW; 排气压力: 0.8 MPa". */
	specs: string
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	priceBand: PriceBandKey | null
	leadTimeDays: number | null
	certifications: string[]
	tags: string[]
	orgId: number
	orgName: string
	orgNameEn: string | null
	inZone: boolean
	area: string | null
	/** Unix seconds, sortable. */
	publishedAt: number | null
	updatedAt: string
}

export type OrganizationDocument = {
	id: number
	ref: string
	name: string
	nameEn: string | null
	roles: string[]
	inZone: boolean
	area: string | null
	industry: string | null
	description: string | null
	website: string | null
	categories: string[]
	/** Category names in Chinese and English, so "空压机" finds the makers that list compressors. */
	categoryNames: string[]
	productCount: number
	updatedAt: string
}

export type DemandDocument = {
	id: number
	ref: string
	title: string
	category: string | null
	group: string | null
	categoryZh: string | null
	domain: string | null
	quantity: number
	neededBy: string | null
	description: string
	status: string
	publishedAt: number | null
	updatedAt: string
}

export type ProgramDocument = {
	id: number
	ref: string
	orgId: number
	orgName: string
	name: string
	categories: string[]
	categoryNames: string[]
	amountMin: number
	amountMax: number
	termMonthsMin: number | null
	termMonthsMax: number | null
	rateMin: number | null
	rateMax: number | null
	downPaymentMin: number | null
	structures: string[]
	industries: string[]
	description: string | null
	updatedAt: string
}

/** Requires every key of T, so a field added to a document type cannot be forgotten in its list. */
function allKeys<T>() {
	return <const K extends readonly (keyof T)[]>(
		keys: K & ([keyof T] extends [K[number]] ? unknown : 'a key is missing'),
	) => keys
}

// prettier-ignore
export const PRODUCT_DOCUMENT_FIELDS = allKeys<ProductDocument>()([
	'id', 'ref', 'kind', 'category', 'group', 'categoryZh', 'categoryEn', 'name', 'nameEn', 'model', 'brand', 'description',
	'specs', 'energyGrade', 'priceMin', 'priceMax', 'priceBand', 'leadTimeDays', 'certifications', 'tags', 'orgId', 'orgName',
	'orgNameEn', 'inZone', 'area', 'publishedAt', 'updatedAt',
])
// prettier-ignore
export const ORGANIZATION_DOCUMENT_FIELDS = allKeys<OrganizationDocument>()([
	'id', 'ref', 'name', 'nameEn', 'roles', 'inZone', 'area', 'industry', 'description', 'website', 'categories',
	'categoryNames', 'productCount', 'updatedAt',
])
// prettier-ignore
export const DEMAND_DOCUMENT_FIELDS = allKeys<DemandDocument>()([
	'id', 'ref', 'title', 'category', 'group', 'categoryZh', 'domain', 'quantity', 'neededBy', 'description', 'status',
	'publishedAt', 'updatedAt',
])
// prettier-ignore
export const PROGRAM_DOCUMENT_FIELDS = allKeys<ProgramDocument>()([
	'id', 'ref', 'orgId', 'orgName', 'name', 'categories', 'categoryNames', 'amountMin', 'amountMax', 'termMonthsMin',
	'termMonthsMax', 'rateMin', 'rateMax', 'downPaymentMin', 'structures', 'industries', 'description', 'updatedAt',
])

/** Bumped when a mapper changes what it writes, so the next start rebuilds the indexes. */
export const DOCUMENT_SCHEMA_VERSION = 1

export function isPublicDemandRow(
	demand: Pick<DemandRow, 'status'>,
	org: Pick<OrganizationRow, 'status'> | undefined,
): boolean {
	return demand.status === 'open' && isPublicOrganizationRow(org)
}

export function isPublicProgramRow(
	program: Pick<LeasingProgramRow, 'status'>,
	org: Pick<OrganizationRow, 'status'> | undefined,
): boolean {
	return program.status === 'active' && isPublicOrganizationRow(org)
}

export function toProductDocument(row: ProductRow, org: OrganizationRow | undefined): ProductDocument | null {
	if (!org || org.id !== row.organization_id || !isPublicProductRow(row, org)) return null
	const p = toPublicProduct(row, org)
	const category = getCategory(p.categoryKey)
	return {
		id: p.id,
		ref: p.ref,
		kind: p.kind,
		category: p.categoryKey,
		group: p.groupKey,
		categoryZh: category?.zh ?? '',
		categoryEn: category?.en ?? '',
		name: clean(p.name),
		nameEn: cleanOrNull(p.nameEn),
		model: cleanOrNull(p.model),
		brand: cleanOrNull(p.brand),
		description: cleanOrNull(p.description),
		specs: clean(p.specs.map(([k, v]) => `${k}: ${v}`).join('; ')),
		energyGrade: p.energyGrade,
		priceMin: p.priceMin,
		priceMax: p.priceMax,
		priceBand: p.priceBand,
		leadTimeDays: p.leadTimeDays,
		certifications: p.certifications.map(clean),
		tags: p.tags.map(clean),
		orgId: p.org.id,
		orgName: clean(p.org.name),
		orgNameEn: cleanOrNull(p.org.nameEn),
		inZone: p.org.inZone,
		area: cleanOrNull(p.org.area),
		publishedAt: unixSeconds(p.publishedAt),
		updatedAt: p.updatedAt,
	}
}

export function toOrganizationDocument(
	row: OrganizationRow,
	stats: OrganizationProductStats | undefined,
): OrganizationDocument | null {
	if (!isPublicOrganizationRow(row)) return null
	const o = toPublicOrganization(row, stats)
	return {
		id: o.id,
		ref: o.ref,
		name: clean(o.name),
		nameEn: cleanOrNull(o.nameEn),
		roles: o.roles,
		inZone: o.inZone,
		area: cleanOrNull(o.area),
		industry: cleanOrNull(o.industry),
		description: cleanOrNull(o.description),
		website: cleanOrNull(o.website),
		categories: o.categories,
		categoryNames: categoryNames(o.categories),
		productCount: o.productCount,
		updatedAt: row.updated_at,
	}
}

export function toDemandDocument(row: DemandRow, org: OrganizationRow | undefined): DemandDocument | null {
	if (!org || org.id !== row.organization_id || !isPublicDemandRow(row, org)) return null
	const category = row.category_key ? getCategory(row.category_key) : undefined
	return {
		id: row.id,
		ref: row.ref,
		title: clean(row.title),
		category: category?.key ?? null,
		group: category?.group ?? null,
		categoryZh: category?.zh ?? null,
		domain: row.domain,
		quantity: row.quantity,
		neededBy: row.needed_by,
		description: clean(row.description),
		status: row.status,
		publishedAt: unixSeconds(row.published_at),
		updatedAt: row.updated_at,
	}
}

export function toProgramDocument(row: LeasingProgramRow, org: OrganizationRow | undefined): ProgramDocument | null {
	if (!org || org.id !== row.organization_id || !isPublicProgramRow(row, org)) return null
	const categories = parseJsonStrings(row.categories).filter((c) => getCategory(c))
	return {
		id: row.id,
		ref: row.ref,
		orgId: org.id,
		orgName: clean(org.name),
		name: clean(row.name),
		categories,
		categoryNames: categoryNames(categories),
		amountMin: row.amount_min,
		amountMax: row.amount_max,
		termMonthsMin: row.term_months_min,
		termMonthsMax: row.term_months_max,
		rateMin: row.rate_min,
		rateMax: row.rate_max,
		downPaymentMin: row.down_payment_min,
		structures: parseJsonStrings(row.structures),
		industries: parseJsonStrings(row.industries).map(clean),
		description: cleanOrNull(row.description),
		updatedAt: row.updated_at,
	}
}

function categoryNames(keys: readonly string[]): string[] {
	return keys.flatMap((k) => {
		const c = getCategory(k)
		return c ? [c.zh, c.en] : []
	})
}

function clean(text: string): string {
	return sanitizeText(text)
}

function cleanOrNull(text: string | null): string | null {
	return text == null ? null : sanitizeText(text)
}

function unixSeconds(iso: string | null): number | null {
	if (!iso) return null
	const ms = Date.parse(iso)
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : null
}
