import type { Kysely } from 'kysely'

/**
 * Indexes for the foreign keys that pages look records up by (and that ON DELETE CASCADE walks):
 * the first migration indexed the directory's columns but left these to full scans — every product
 * page read product_image without one.
 */
const INDEXES: ReadonlyArray<[name: string, table: string, columns: string[]]> = [
	['product_image_product_idx', 'product_image', ['product_id', 'sort']],
	['message_match_idx', 'message', ['match_id']],
	['demand_report_demand_idx', 'demand_report', ['demand_id']],
	['leasing_program_org_idx', 'leasing_program', ['organization_id']],
	['lease_request_lessor_idx', 'lease_request', ['lessor_org_id']],
	['lease_offer_org_idx', 'lease_offer', ['organization_id']],
	['notification_user_idx', 'notification', ['user_id']],
]

export async function up(db: Kysely<any>): Promise<void> {
	for (const [name, table, columns] of INDEXES) {
		await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute()
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute()
}
