import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHEET_MAX_BYTES, buildProductTemplate } from '#app/models/product-sheet.server.ts'
import { setProductStatusByAdmin } from '#app/models/workspace-product.server.ts'
import * as importRoute from '#app/routes/workspace.products.import.tsx'
import * as templateRoute from '#app/routes/workspace.products.template.$format.ts'
import { appContext, countRows, createTestUser, diffRows, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { createSupplier, multipart, type Supplier } from './helpers.ts'

/** Bulk upload of a supplier's own products from the template's CSV / XLSX, all or nothing. */

let test: TestContext
let orgA: Supplier
let orgB: Supplier
let adminId: number

const ctx = () => appContext(test, '10.6.0.1')

beforeAll(async () => {
	test = await createTestContext()
	orgA = await createSupplier(test, { name: '批量上传甲' })
	orgB = await createSupplier(test, { name: '批量上传乙' })
	adminId = (await createTestUser(test, { isAdmin: true })).id
})
afterAll(async () => test.cleanup())

const HEADER =
	'编号(ref),企业编号(org),类型(设备/服务),类别(category),名称,型号,规格参数,能效等级,最低价(元),最高价(元),交货期(天)'

function csv(lines: string[]): Uint8Array {
	return new TextEncoder().encode([HEADER, ...lines].join('\r\n'))
}

type ImportData = {
	rows: Array<{ row: number; column?: string; message: string }> | null
	counts: { created: number; updated: number; unchanged: number } | null
	result: { error?: Record<string, string[]> }
}

async function upload(who: Supplier, bytes: Uint8Array, name = 'products.csv') {
	const out = await run(() =>
		importRoute.action({
			request: post('/workspace/products/import', multipart({ intent: 'upload' }, [{ field: 'file', name, bytes }]), {
				cookie: who.cookie,
			}),
			context: ctx(),
			params: {},
		}),
	)
	return { ...out, data: out.data as ImportData }
}

async function productsOf(orgId: number) {
	return test.db.selectFrom('product').selectAll().where('organization_id', '=', orgId).orderBy('id').execute()
}

describe('the template', () => {
	it('downloads as CSV (UTF-8 with BOM) and as XLSX, as an attachment', async () => {
		const csvRes = (await templateRoute.loader({
			request: get('/workspace/products/template/csv', { cookie: orgA.cookie }),
			context: ctx(),
			params: { format: 'csv' },
		})) as Response
		expect(csvRes.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(csvRes.headers.get('Content-Disposition')).toMatch(
			/^attachment; filename="renewmatch-products-template\.csv"/,
		)
		const bytes = new Uint8Array(await csvRes.arrayBuffer())
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		expect(new TextDecoder().decode(bytes)).toContain('编号(ref)')
		const xlsx = (await templateRoute.loader({
			request: get('/workspace/products/template/xlsx', { cookie: orgA.cookie }),
			context: ctx(),
			params: { format: 'xlsx' },
		})) as Response
		expect(new TextDecoder().decode(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2))).toBe('PK')
		const other = await run(() =>
			templateRoute.loader({
				request: get('/workspace/products/template/pdf', { cookie: orgA.cookie }),
				context: ctx(),
				params: { format: 'pdf' },
			}),
		)
		expect(other.status).toBe(404)
	})

	it('the filled-in XLSX template imports as a draft of the uploader, whatever its 企业编号 says', async () => {
		const out = await upload(orgA, new Uint8Array(await buildProductTemplate('xlsx')), '产品名录.xlsx')
		expect(out.status).toBe(200)
		expect(out.data.counts).toEqual({ created: 1, updated: 0, unchanged: 0 })
		const [p] = await productsOf(orgA.orgId)
		expect(p).toMatchObject({
			ref: `${orgA.orgRef}:teda-robot-tr20`,
			status: 'draft',
			category_key: 'industrial-robot',
		})
	})
})

describe('uploading', () => {
	it('one bad row: every problem listed by row and column, nothing written', async () => {
		const before = await countRows(test.db)
		const out = await upload(
			orgA,
			csv([
				'm-1,,设备,电机,高效电机 11kW,YE4-160M,功率: 11 kW,1,8000,9000,20',
				'm-2,,设备,不存在的类别,坏行,,功率 11 kW,5,9000,8000,20',
				'm-3,,设备,泵,离心泵,,,,,,',
			]),
		)
		expect(out.status).toBe(422)
		const rows = out.data.rows!
		expect(rows.length).toBeGreaterThanOrEqual(3)
		expect(rows.every((r) => r.row === 3)).toBe(true)
		const columns = rows.map((r) => r.column)
		expect(columns).toEqual(expect.arrayContaining(['类别(category)', '规格参数', '能效等级']))
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})

	it('a good file becomes drafts of the uploader’s organization even when it names another organization', async () => {
		const file = csv([
			`b-1,${orgB.orgRef},设备,电机,永磁同步电机,PM-11,功率: 11 kW; 效率: IE5,1,20000,26000,30`,
			`b-2,${orgB.orgRef},服务,节能诊断与合同能源管理,空压站节能诊断,,,,,,15`,
		])
		const out = await upload(orgA, file)
		expect(out.status).toBe(200)
		expect(out.data.counts).toEqual({ created: 2, updated: 0, unchanged: 0 })
		const mine = await productsOf(orgA.orgId)
		const created = mine.filter((p) => p.ref.startsWith(`${orgA.orgRef}:b-`))
		expect(created.map((p) => [p.ref, p.status, p.kind])).toEqual([
			[`${orgA.orgRef}:b-1`, 'draft', 'equipment'],
			[`${orgA.orgRef}:b-2`, 'draft', 'service'],
		])
		expect(JSON.parse(created[0]!.specs)).toEqual({ 功率: '11 kW', 效率: 'IE5' })
		expect(await productsOf(orgB.orgId)).toHaveLength(0)
		const outbox = await test.db
			.selectFrom('search_outbox')
			.select('entity_id')
			.where('entity', '=', 'product')
			.where(
				'entity_id',
				'in',
				created.map((p) => p.id),
			)
			.execute()
		expect(new Set(outbox.map((r) => r.entity_id)).size).toBe(2)

		// The same file again changes nothing; a changed row of a published product goes back to review.
		const before = await countRows(test.db)
		expect((await upload(orgA, file)).data.counts).toEqual({ created: 0, updated: 0, unchanged: 2 })
		expect(diffRows(before, await countRows(test.db))).toEqual({})
		const b1 = created[0]!.id
		await test.db.updateTable('product').set({ status: 'pending' }).where('id', '=', b1).execute()
		await setProductStatusByAdmin(test.db, { productId: b1, to: 'published', adminUserId: adminId, ip: null })
		const changed = await upload(
			orgA,
			csv([
				`b-1,,设备,电机,永磁同步电机（新款）,PM-11,功率: 11 kW; 效率: IE5,1,20000,26000,30`,
				`b-2,,服务,service-energy,空压站节能诊断,,,,,,15`,
			]),
		)
		expect(changed.data.counts).toEqual({ created: 0, updated: 1, unchanged: 1 })
		const after = await test.db
			.selectFrom('product')
			.select(['name', 'status'])
			.where('id', '=', b1)
			.executeTakeFirstOrThrow()
		expect(after).toEqual({ name: '永磁同步电机（新款）', status: 'pending' })
	})

	it('two suppliers may both use ref "p1"; neither reaches the other’s product', async () => {
		const row = 'p1,,设备,泵,多级离心泵,,,,,,'
		expect((await upload(orgA, csv([row]))).data.counts?.created).toBe(1)
		expect((await upload(orgB, csv([row]))).data.counts?.created).toBe(1)
		// B addressing A's product by its full stored ref creates B's own, it never updates A's.
		const out = await upload(orgB, csv([`${orgA.orgRef}:p1,,设备,泵,乙方想改甲方的泵,,,,,,`]))
		expect(out.status).toBe(200)
		const a = await test.db
			.selectFrom('product')
			.select('name')
			.where('ref', '=', `${orgA.orgRef}:p1`)
			.executeTakeFirstOrThrow()
		expect(a.name).toBe('多级离心泵')
	})

	it('an archived product in the file is refused until it is restored', async () => {
		expect((await upload(orgA, csv(['arch-1,,设备,泵,将归档的泵,,,,,,']))).status).toBe(200)
		await test.db
			.updateTable('product')
			.set({ status: 'archived' })
			.where('ref', '=', `${orgA.orgRef}:arch-1`)
			.execute()
		const out = await upload(orgA, csv(['arch-1,,设备,泵,将归档的泵（改）,,,,,,']))
		expect(out.status).toBe(422)
		expect(out.data.rows?.[0]).toMatchObject({ row: 2, column: '编号(ref)' })
	})

	it('refuses other file types (422), a missing file (400) and a file over 10 MB (413)', async () => {
		const before = await countRows(test.db)
		const pdf = await upload(orgA, new TextEncoder().encode('%PDF-1.7'), 'products.pdf')
		expect(pdf.status).toBe(422)
		expect(pdf.data.rows?.[0]?.row).toBe(0)
		const missing = await run(() =>
			importRoute.action({
				request: post('/workspace/products/import', { intent: 'upload', file: 'not a file' }, { cookie: orgA.cookie }),
				context: ctx(),
				params: {},
			}),
		)
		expect(missing.status).toBe(400)
		const big = await upload(orgA, new Uint8Array(SHEET_MAX_BYTES + 1), 'big.csv')
		expect(big.status).toBe(413)
		expect(big.data.result.error?.['']).toEqual(['errors.uploadTooLarge'])
		expect(diffRows(before, await countRows(test.db))).toEqual({})
	})
})
