/**
 * Reads the rows that search documents are built from. Shared by the relay (by id), the full
 * rebuild (by pages) and the reconciler, so all three apply the same public rules.
 */
import {
	chunks,
	listOrganizationProductStats,
	listVerifiedOrganizationRows,
	uniqueIds,
} from '#app/models/organization.server.ts'
import type { Db, OrganizationRow } from '#db/schema.ts'
import type { IndexKind } from './client.server.ts'
import {
	toDemandDocument,
	toOrganizationDocument,
	toProductDocument,
	toProgramDocument,
	type DemandDocument,
	type OrganizationDocument,
	type ProductDocument,
	type ProgramDocument,
} from './documents.ts'

export type SearchDocument = ProductDocument | OrganizationDocument | DemandDocument | ProgramDocument

/** The documents to upsert for `ids`, and the ids to delete because their record is gone or not public. */
export type DocumentBatch = { upserts: SearchDocument[]; deletes: number[] }

/** Builds the current documents of `ids` for one index. */
export async function loadDocuments(db: Db, kind: IndexKind, ids: readonly number[]): Promise<DocumentBatch> {
	const wanted = uniqueIds(ids)
	const upserts: SearchDocument[] = []
	for (const chunk of chunks(wanted, 500)) upserts.push(...(await buildDocuments(db, kind, chunk)))
	const present = new Set(upserts.map((d) => d.id))
	return { upserts, deletes: wanted.filter((id) => !present.has(id)) }
}

/** Walks every public document of an index in id order, `pageSize` rows at a time (keyset paging). */
export async function* pageDocuments(db: Db, kind: IndexKind, pageSize = 5000): AsyncGenerator<SearchDocument[]> {
	let after = 0
	for (;;) {
		const ids = await candidateIds(db, kind, after, pageSize)
		if (ids.length === 0) return
		after = ids[ids.length - 1]!
		const docs: SearchDocument[] = []
		for (const chunk of chunks(ids, 500)) docs.push(...(await buildDocuments(db, kind, chunk)))
		if (docs.length > 0) yield docs
	}
}

/** How many public records an index should hold. */
export async function countPublicRecords(db: Db, kind: IndexKind): Promise<number> {
	const verified = db.selectFrom('organization').select('id').where('status', '=', 'verified')
	let row: { n: number } | undefined
	if (kind === 'products') {
		row = await db
			.selectFrom('product')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'published')
			.where('organization_id', 'in', verified)
			.executeTakeFirst()
	} else if (kind === 'organizations') {
		row = await db
			.selectFrom('organization')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'verified')
			.executeTakeFirst()
	} else if (kind === 'demands') {
		row = await db
			.selectFrom('demand')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'open')
			.where('organization_id', 'in', verified)
			.executeTakeFirst()
	} else {
		row = await db
			.selectFrom('leasing_program')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'active')
			.where('organization_id', 'in', verified)
			.executeTakeFirst()
	}
	return Number(row?.n ?? 0)
}

/** Ids of products, programmes and demands owned by `orgIds`: their documents carry the owner's state. */
export async function listDependentIds(
	db: Db,
	orgIds: readonly number[],
): Promise<{ products: number[]; demands: number[]; programs: number[] }> {
	const out = { products: [] as number[], demands: [] as number[], programs: [] as number[] }
	for (const chunk of chunks(uniqueIds(orgIds), 500)) {
		out.products.push(
			...(await db.selectFrom('product').select('id').where('organization_id', 'in', chunk).execute()).map((r) => r.id),
		)
		out.demands.push(
			...(await db.selectFrom('demand').select('id').where('organization_id', 'in', chunk).execute()).map((r) => r.id),
		)
		out.programs.push(
			...(await db.selectFrom('leasing_program').select('id').where('organization_id', 'in', chunk).execute()).map(
				(r) => r.id,
			),
		)
	}
	return out
}

/** Owners of the products among `productIds` (their organization document counts products). */
export async function listProductOwners(db: Db, productIds: readonly number[]): Promise<number[]> {
	const out = new Set<number>()
	for (const chunk of chunks(uniqueIds(productIds), 500)) {
		for (const r of await db.selectFrom('product').select('organization_id').where('id', 'in', chunk).execute())
			out.add(r.organization_id)
	}
	return [...out]
}

async function candidateIds(db: Db, kind: IndexKind, after: number, limit: number): Promise<number[]> {
	const table =
		kind === 'products'
			? 'product'
			: kind === 'organizations'
				? 'organization'
				: kind === 'demands'
					? 'demand'
					: 'leasing_program'
	const rows = await db.selectFrom(table).select('id').where('id', '>', after).orderBy('id').limit(limit).execute()
	return rows.map((r) => r.id)
}

async function buildDocuments(db: Db, kind: IndexKind, ids: number[]): Promise<SearchDocument[]> {
	if (ids.length === 0) return []
	if (kind === 'organizations') {
		const orgs = await db.selectFrom('organization').selectAll().where('id', 'in', ids).execute()
		const stats = await listOrganizationProductStats(
			db,
			orgs.map((o) => o.id),
		)
		return orgs.flatMap((o) => nonNull(toOrganizationDocument(o, stats.get(o.id))))
	}
	if (kind === 'products') {
		const rows = await db.selectFrom('product').selectAll().where('id', 'in', ids).execute()
		const orgs = await owners(db, rows)
		return rows.flatMap((r) => nonNull(toProductDocument(r, orgs.get(r.organization_id))))
	}
	if (kind === 'demands') {
		const rows = await db.selectFrom('demand').selectAll().where('id', 'in', ids).execute()
		const orgs = await owners(db, rows)
		return rows.flatMap((r) => nonNull(toDemandDocument(r, orgs.get(r.organization_id))))
	}
	const rows = await db.selectFrom('leasing_program').selectAll().where('id', 'in', ids).execute()
	const orgs = await owners(db, rows)
	return rows.flatMap((r) => nonNull(toProgramDocument(r, orgs.get(r.organization_id))))
}

function owners(db: Db, rows: ReadonlyArray<{ organization_id: number }>): Promise<Map<number, OrganizationRow>> {
	return listVerifiedOrganizationRows(
		db,
		rows.map((r) => r.organization_id),
	)
}

function nonNull<T>(value: T | null): T[] {
	return value === null ? [] : [value]
}
