/**
 * Fixed-value factories: every record looks the same except for a sequence number that keeps refs
 * and credit codes unique. Each write enqueues its search outbox row in the same transaction, as
 * the real writers must (RELIABILITY R38).
 */
import type { Kysely } from 'kysely'
import { completeUscc } from '#app/models/uscc.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type {
	Database,
	DemandRow,
	LeasingProgramRow,
	NewDemand,
	NewLeasingProgram,
	NewOrganization,
	NewProduct,
	OrganizationRow,
	OrganizationUpdate,
	ProductRow,
} from '#db/schema.ts'

type TestDb = Kysely<Database>

let seq = 0
function next(): number {
	seq += 1
	return seq
}

const FIXED_TIME = '2026-01-15T08:00:00.000Z'

export function testUscc(n: number): string {
	return completeUscc(`91120116MA${String(n).padStart(7, '0')}`)
}

export async function insertOrganization(
	db: TestDb,
	overrides: Partial<NewOrganization> = {},
): Promise<OrganizationRow> {
	const n = next()
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('organization')
			.values({
				ref: `org-${n}`,
				name: '泰达智能装备有限公司',
				name_en: 'TEDA Smart Equipment Co., Ltd.',
				uscc: testUscc(n),
				roles: '["supplier"]',
				in_zone: 1,
				area: '西区',
				industry: '汽车及高端装备',
				description: '天津经济技术开发区的装备制造企业',
				website: 'https://example.com',
				contact_person: '张工',
				contact_phone: '022-66200000',
				contact_email: 'sales@example.com',
				status: 'verified',
				status_reason: null,
				...overrides,
			})
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'organization', row.id)
		return row
	})
}

export async function insertProduct(
	db: TestDb,
	orgId: number,
	overrides: Partial<NewProduct> = {},
): Promise<ProductRow> {
	const n = next()
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('product')
			.values({
				ref: `prod-${n}`,
				organization_id: orgId,
				kind: 'equipment',
				category_key: 'compressor',
				name: '螺杆空压机',
				name_en: 'Screw air compressor',
				model: 'LG-37',
				brand: '泰达',
				description: '两级压缩永磁变频螺杆空压机，比传统机型节能30%。',
				specs: JSON.stringify({ 额定功率: '37 kW', 排气压力: '0.8 MPa' }),
				energy_grade: 1,
				price_min: 120_000,
				price_max: 150_000,
				lead_time_days: 30,
				certifications: '["CCC"]',
				tags: '["节能"]',
				status: 'published',
				status_reason: null,
				published_at: FIXED_TIME,
				...overrides,
			})
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'product', row.id)
		return row
	})
}

export async function insertDemand(db: TestDb, orgId: number, overrides: Partial<NewDemand> = {}): Promise<DemandRow> {
	const n = next()
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('demand')
			.values({
				ref: `dem-${n}`,
				organization_id: orgId,
				title: '更换老旧空压机',
				category_key: 'compressor',
				domain: 'industry',
				description: '车间6台老旧空压机需更换为一级能效机型。',
				quantity: 6,
				budget_min: 300_000,
				budget_max: 600_000,
				needed_by: '2027-06-30',
				min_energy_grade: 2,
				old_name: '活塞式空压机',
				old_model: null,
				old_installed_year: 2009,
				old_quantity: 6,
				old_energy_grade: 3,
				old_annual_energy_kwh: 120_000,
				status: 'open',
				close_reason: null,
				expires_at: null,
				published_at: FIXED_TIME,
				...overrides,
			})
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'demand', row.id)
		return row
	})
}

export async function insertLeasingProgram(
	db: TestDb,
	orgId: number,
	overrides: Partial<NewLeasingProgram> = {},
): Promise<LeasingProgramRow> {
	const n = next()
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('leasing_program')
			.values({
				ref: `lp-${n}`,
				organization_id: orgId,
				name: '设备更新直租计划',
				categories: '["compressor","motor"]',
				amount_min: 500_000,
				amount_max: 50_000_000,
				term_months_min: 12,
				term_months_max: 60,
				rate_min: 0.045,
				rate_max: 0.065,
				down_payment_min: 0.1,
				structures: '["direct","saleLeaseback"]',
				service_fee_pct: 0.01,
				deposit_pct: 0.05,
				industries: '["汽车及高端装备"]',
				description: '面向开发区企业的设备更新融资租赁方案',
				status: 'active',
				...overrides,
			})
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'leasing_program', row.id)
		return row
	})
}

/** Changes a product the way a writer must: bump updated_at and enqueue the product and its owner. */
export async function updateProductRow(db: TestDb, id: number, changes: Partial<NewProduct>): Promise<ProductRow> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('product')
			.set({ ...changes, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'product', id)
		await enqueueSearchSync(trx, 'organization', row.organization_id)
		return row
	})
}

/** Deletes a product and enqueues it and its owner (whose product count changes). */
export async function deleteProductRow(db: TestDb, id: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('product')
			.where('id', '=', id)
			.returning('organization_id')
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'product', id)
		await enqueueSearchSync(trx, 'organization', row.organization_id)
	})
}

export async function updateOrganizationRow(
	db: TestDb,
	id: number,
	changes: OrganizationUpdate,
): Promise<OrganizationRow> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('organization')
			.set({ ...changes, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirstOrThrow()
		await enqueueSearchSync(trx, 'organization', id)
		return row
	})
}
