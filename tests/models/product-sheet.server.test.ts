import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { importExchange } from '#app/models/exchange.server.ts'
import {
	buildProductTemplate,
	decodeCsv,
	exportProductsSheet,
	neutralizeCell,
	parseProductSheet,
	PRODUCT_SHEET_COLUMNS,
	SHEET_MAX_BYTES,
	SHEET_MAX_ROWS,
	zipUnpackedSize,
	type SheetParseResult,
} from '#app/models/product-sheet.server.ts'
import { CATEGORIES } from '#app/models/taxonomy.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))

let ctx: TestContext
beforeAll(async () => {
	ctx = await createTestContext()
})
afterAll(async () => ctx.cleanup())
beforeEach(() => {
	ctx.sqlite.exec(
		'delete from search_outbox; delete from demand; delete from leasing_program; delete from product; delete from organization;',
	)
})

function okProducts(result: SheetParseResult) {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`)
	return result
}

const EXPECTED_CSV_PRODUCTS = [
	{
		ref: 'csv-robot-12',
		org: 'org-robotics',
		kind: 'equipment',
		category: 'industrial-robot',
		name: '六轴搬运机器人',
		model: 'TR-12',
		brand: '泰达智装',
		description: '12 kg 负载搬运机器人，适用于上下料。',
		specs: { 额定负载: '12 kg', 重复定位精度: '±0.03 mm' },
		priceMin: 260000,
		priceMax: 320000,
		leadTimeDays: 30,
		certifications: ['CR', 'CE'],
		tags: ['搬运', '上下料'],
	},
	{
		ref: 'csv-motor-ie5',
		org: 'org-motors',
		kind: 'equipment',
		category: 'motor',
		name: 'IE5 永磁同步电机 75 kW',
		model: 'PM-75',
		specs: { 功率: '75 kW' },
		energyGrade: 1,
		priceMin: 55000,
		priceMax: 68000,
		leadTimeDays: 25,
		tags: ['节能'],
	},
	{
		ref: 'csv-service-retrofit',
		org: 'org-motors',
		kind: 'service',
		category: 'service-energy',
		name: '空压站节能改造服务',
		tags: ['合同能源管理', '节能诊断'],
	},
]

const withPrefix = (prefix: string) =>
	EXPECTED_CSV_PRODUCTS.map((p) => ({ ...p, ref: p.ref.replace('csv-', `${prefix}-`) }))

describe('neutralizeCell (R25, CWE-1236)', () => {
	it('prefixes cells that a spreadsheet would run as a formula', () => {
		for (const bad of ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
			expect(neutralizeCell(bad)).toBe(`'${bad}`)
		}
	})
	it('leaves ordinary text alone', () => {
		for (const fine of ['六轴焊接机器人', 'TR-20', '', ' =not first', "'quoted", '1级'])
			expect(neutralizeCell(fine)).toBe(fine)
	})
})

describe('decodeCsv', () => {
	it('reads UTF-8 with and without BOM, GBK, and UTF-16 with BOM', () => {
		const text = '编号,名称\r\na,电机\r\n'
		expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text)
		expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text)
		expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text)
		expect(decodeCsv(fixture('products-gbk.csv'))).toContain('六轴搬运机器人')
	})
})

describe('parseProductSheet: CSV', () => {
	it('parses a UTF-8 sheet: Chinese headers, category by key or Chinese name, 万 and 1级, lists and specs', async () => {
		const result = okProducts(await parseProductSheet(fixture('products-utf8.csv'), 'products-utf8.csv'))
		expect(result.products).toEqual(EXPECTED_CSV_PRODUCTS)
		expect(result.rows).toEqual([2, 3, 4])
	})

	it('parses the same sheet saved with a BOM and saved as GBK (Excel in China)', async () => {
		expect(okProducts(await parseProductSheet(fixture('products-bom.csv'), 'products-bom.csv')).products).toEqual(
			withPrefix('bom'),
		)
		expect(fixture('products-gbk.csv').includes(Buffer.from('六轴', 'utf8'))).toBe(false)
		expect(okProducts(await parseProductSheet(fixture('products-gbk.csv'), 'products-gbk.csv')).products).toEqual(
			withPrefix('gbk'),
		)
	})

	it('lists every bad row with its sheet row number and column, below a title row', async () => {
		const result = await parseProductSheet(fixture('products-bad.csv'), 'products-bad.csv')
		expect(result.ok).toBe(false)
		if (result.ok) return
		const lines = result.errors.map((e) => `${e.row} ${e.column}`)
		expect(lines).toEqual([
			'3 类别(category)',
			'4 名称',
			'5 规格参数',
			'5 最低价(元)',
			'6 能效等级',
			'6 最高价(元)',
			'6 编号(ref)',
			'7 类型(设备/服务)',
			'7 交货期(天)',
		])
		const byCell = new Map(result.errors.map((e) => [`${e.row} ${e.column}`, e]))
		expect(byCell.get('3 类别(category)')!.message).toContain('飞行汽车')
		expect(byCell.get('3 类别(category)')!.path).toBe('products[0].category')
		expect(byCell.get('4 名称')!.message).toContain('required')
		expect(byCell.get('5 规格参数')!.message).toContain('key: value')
		expect(byCell.get('6 编号(ref)')!.message).toContain('row 3')
		expect(byCell.get('7 类型(设备/服务)')!.message).toContain('设备')
	})

	it('needs the organization: a 企业编号 column or --org', async () => {
		const without = await parseProductSheet(fixture('products-noorg.csv'), 'products-noorg.csv')
		expect(without.ok).toBe(false)
		if (!without.ok) expect(without.errors).toEqual([expect.objectContaining({ row: 1, column: '企业编号(org)' })])
		const withOrg = okProducts(
			await parseProductSheet(fixture('products-noorg.csv'), 'products-noorg.csv', { orgRef: 'org-motors' }),
		)
		expect(withOrg.products.map((p) => [p.ref, p.org, p.category, p.kind])).toEqual([
			['noorg-1', 'org-motors', 'motor', 'equipment'],
			['noorg-2', 'org-motors', 'pump', 'equipment'],
		])
	})

	it('refuses a sheet without the required columns, too many rows, or too many bytes', async () => {
		const missing = await parseProductSheet(Buffer.from('编号,企业编号\r\na,b\r\n'), 'x.csv')
		expect(missing.ok).toBe(false)
		if (!missing.ok) expect(missing.errors.map((e) => e.column)).toEqual(['类别(category)', '名称'])

		const header = '编号,企业编号,类别,名称\n'
		const rows = Array.from({ length: SHEET_MAX_ROWS + 1 }, (_, i) => `r${i},o,motor,电机${i}`).join('\n')
		const tooMany = await parseProductSheet(Buffer.from(header + rows), 'big.csv')
		expect(tooMany.ok).toBe(false)
		if (!tooMany.ok) expect(tooMany.errors[0]!.message).toContain('too many rows')

		const tooBig = await parseProductSheet(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), 'huge.csv')
		expect(tooBig.ok).toBe(false)
		if (!tooBig.ok) expect(tooBig.errors[0]!.message).toContain('too large')

		const other = await parseProductSheet(Buffer.from('{}'), 'products.json')
		expect(other.ok).toBe(false)
	})
})

describe('parseProductSheet: XLSX', () => {
	async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
		const wb = new ExcelJS.Workbook()
		const sheet = wb.addWorksheet('名录')
		for (const r of rows) sheet.addRow(r)
		return Buffer.from(await wb.xlsx.writeBuffer())
	}

	it('reads number, rich-text and formula cells, with English or Chinese headers', async () => {
		const buffer = await workbook([
			['ref', 'org', 'kind', 'category', '产品名称', 'specs', 'energyGrade', 'priceMin', 'priceMax', '交期', 'tags'],
			[
				'x-1',
				'org-motors',
				'service',
				'Energy audits & EMC',
				{ richText: [{ text: '节能' }, { text: '诊断', font: { bold: true } }] },
				'周期：30 天',
				null,
				{ formula: '1000*8', result: 8000 },
				12000,
				'15天',
				'节能、诊断',
			],
			[],
			[
				'x-2',
				'org-motors',
				'设备',
				'变压器',
				'SCB18 干式变压器',
				'容量: 1250 kVA',
				'一级',
				'¥180,000',
				'22万',
				60,
				null,
			],
		])
		const result = okProducts(await parseProductSheet(buffer, 'list.XLSX'))
		expect(result.products).toEqual([
			{
				ref: 'x-1',
				org: 'org-motors',
				kind: 'service',
				category: 'service-energy',
				name: '节能诊断',
				specs: { 周期: '30 天' },
				priceMin: 8000,
				priceMax: 12000,
				leadTimeDays: 15,
				tags: ['节能', '诊断'],
			},
			{
				ref: 'x-2',
				org: 'org-motors',
				kind: 'equipment',
				category: 'transformer',
				name: 'SCB18 干式变压器',
				specs: { 容量: '1250 kVA' },
				energyGrade: 1,
				priceMin: 180000,
				priceMax: 220000,
				leadTimeDays: 60,
			},
		])
		// The empty row 3 is skipped, and row numbers are Excel's.
		expect(result.rows).toEqual([2, 4])
	})

	it('reports per-row errors with Excel row numbers', async () => {
		const buffer = await workbook([
			['编号(ref)', '企业编号(org)', '类别(category)', '名称', '最低价(元)'],
			['ok-1', 'o', 'motor', '电机', 100],
			['bad-1', 'o', '机器人', '错的类别', 100],
			['bad-2', 'o', 'pump', '', 99.5],
		])
		const result = await parseProductSheet(buffer, 'p.xlsx')
		expect(result.ok).toBe(false)
		if (!result.ok) {
			expect(result.errors.map((e) => [e.row, e.column])).toEqual([
				[3, '类别(category)'],
				[4, '名称'],
				[4, '最低价(元)'],
			])
		}
	})

	it('refuses a workbook that would unpack to more than 200 MB (zip bomb) before inflating it', async () => {
		const { deflateRawSync } = await import('node:zlib')
		// One 201 MB entry of zeros compresses to ~200 KB: a ZIP built by hand, local header + central directory.
		const size = 201 * 1024 * 1024
		const data = deflateRawSync(Buffer.alloc(size))
		const name = Buffer.from('xl/worksheets/sheet1.xml')
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4)
		local.writeUInt16LE(8, 8)
		local.writeUInt32LE(data.length, 18)
		local.writeUInt32LE(size, 22)
		local.writeUInt16LE(name.length, 26)
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 6)
		central.writeUInt16LE(8, 10)
		central.writeUInt32LE(data.length, 20)
		central.writeUInt32LE(size, 24)
		central.writeUInt16LE(name.length, 28)
		const centralOffset = local.length + name.length + data.length
		const end = Buffer.alloc(22)
		end.writeUInt32LE(0x06054b50, 0)
		end.writeUInt16LE(1, 8)
		end.writeUInt16LE(1, 10)
		end.writeUInt32LE(central.length + name.length, 12)
		end.writeUInt32LE(centralOffset, 16)
		const bomb = Buffer.concat([local, name, data, central, name, end])
		expect(bomb.length).toBeLessThan(SHEET_MAX_BYTES)
		expect(zipUnpackedSize(bomb)).toBe(size)
		const result = await parseProductSheet(bomb, 'bomb.xlsx')
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.errors[0]!.message).toContain('200 MB')
		expect(zipUnpackedSize(await buildProductTemplate('xlsx'))).toBeLessThan(1024 * 1024)
	})

	it('refuses a file that is not a workbook', async () => {
		const result = await parseProductSheet(Buffer.from('not a zip'), 'p.xlsx')
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.errors[0]!.message).toContain('cannot read')
	})
})

describe('buildProductTemplate', () => {
	it('CSV: header row and an example row that parse back as a valid product', async () => {
		const buffer = await buildProductTemplate('csv')
		expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = decodeCsv(buffer)
		expect(text.split('\r\n')[0]).toBe(PRODUCT_SHEET_COLUMNS.map((c) => c.header).join(','))
		const result = okProducts(await parseProductSheet(buffer, 'template.csv'))
		expect(result.products).toHaveLength(1)
		expect(result.products[0]).toMatchObject({
			ref: 'teda-robot-tr20',
			category: 'industrial-robot',
			kind: 'equipment',
		})
	})

	it('XLSX: the same two rows, plus a sheet with the category list', async () => {
		const buffer = await buildProductTemplate('xlsx')
		const csvProducts = okProducts(await parseProductSheet(await buildProductTemplate('csv'), 't.csv')).products
		expect(okProducts(await parseProductSheet(buffer, 'template.xlsx')).products).toEqual(csvProducts)
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer)
		expect(wb.worksheets.map((w) => w.name)).toEqual(['产品名录', '类别'])
		const list = wb.getWorksheet('类别')!
		expect(list.rowCount).toBe(CATEGORIES.length + 1)
		expect(list.getRow(2).values).toEqual([
			undefined,
			'industrial-robot',
			'工业机器人',
			'Industrial robots',
			'智能制造装备',
		])
	})
})

describe('exportProductsSheet', () => {
	const USCC = '91120116MA05K00014'

	async function seed() {
		const result = await importExchange(ctx.db, {
			version: 1,
			organizations: [{ ref: 'o1', name: '企业', uscc: USCC, roles: ['supplier'] }],
			products: [
				{
					ref: 'evil',
					org: 'o1',
					kind: 'equipment',
					category: 'motor',
					name: '=HYPERLINK("http://evil.example","点我")',
					description: '@SUM(1+1)',
					tags: ['-1', '+1'],
					priceMin: 100,
				},
				{
					ref: 'plain',
					org: 'o1',
					kind: 'service',
					category: 'service-digital',
					name: '数字化改造',
					specs: { 周期: '3 个月' },
				},
			],
		})
		expect(result.ok).toBe(true)
	}

	it('neutralizes formula-like cells in CSV, and the sheet imports back unchanged', async () => {
		await seed()
		const buffer = await exportProductsSheet(ctx.db, 'csv')
		const text = decodeCsv(buffer)
		expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
		expect(text).toContain("'@SUM(1+1)")
		const parsed = okProducts(await parseProductSheet(buffer, 'export.csv'))
		expect(parsed.products[0]!.name).toBe('=HYPERLINK("http://evil.example","点我")')
		const again = await importExchange(ctx.db, { version: 1, products: parsed.products })
		expect(again.ok && again.counts.products).toEqual({ created: 0, updated: 0, unchanged: 2 })
	})

	it("neutralizes formula-like cells in XLSX (the exported cell starts with ')", async () => {
		await seed()
		const buffer = await exportProductsSheet(ctx.db, 'xlsx', { orgRef: 'o1' })
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer)
		const sheet = wb.worksheets[0]!
		const nameCol = PRODUCT_SHEET_COLUMNS.findIndex((c) => c.field === 'name') + 1
		const cell = sheet.getRow(2).getCell(nameCol)
		expect(cell.type).toBe(ExcelJS.ValueType.String)
		expect(String(cell.value)).toMatch(/^'=HYPERLINK/)
		const parsed = okProducts(await parseProductSheet(buffer, 'export.xlsx'))
		expect(parsed.products.map((p) => p.ref)).toEqual(['evil', 'plain'])
		expect(parsed.products[0]!.tags).toEqual(['-1', '+1'])
	})
})
