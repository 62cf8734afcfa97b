import { parse as parseCsv } from 'csv-parse/sync'
import { stringify as stringifyCsv } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Db } from '#db/schema.ts'
import type { ExchangeProduct } from './exchange.schema.ts'
import { validateProductRecords } from './exchange.server.ts'
import { CATEGORIES, CATEGORY_GROUPS, getCategory } from './taxonomy.ts'

/**
 * Products as a spreadsheet (名录), the way a government office collects them: one row per product,
 * Chinese headers, CSV (UTF-8 or the GBK that Excel in China saves) or XLSX. Every row runs through
 * the exchange format's own validation, so a sheet and a JSON file are refused for the same reasons.
 */

export type SheetFormat = 'csv' | 'xlsx'
export type SheetError = { row: number; column?: string; path: string; message: string }
export type SheetParseResult =
	{ ok: true; products: ExchangeProduct[]; rows: number[] } | { ok: false; errors: SheetError[] }

/** Upload limits: a 名录 of a zone fits easily; a bigger file is a mistake or an attack. */
export const SHEET_MAX_BYTES = 10 * 1024 * 1024
export const SHEET_MAX_ROWS = 20_000

type Field = keyof ExchangeProduct

type Column = {
	field: Field
	/** The header the template writes. */
	header: string
	/** Other ways people title the column (Chinese name without its hint, English). */
	aliases: string[]
	en: string
	note: string
	example: string | number
}

export const PRODUCT_SHEET_COLUMNS: readonly Column[] = [
	{
		field: 'ref',
		header: '编号(ref)',
		aliases: ['编号', '产品编号', 'ref'],
		en: 'Ref (your stable id)',
		note: '必填；同一编号再次导入即更新 (required; re-importing the same ref updates it)',
		example: 'teda-robot-tr20',
	},
	{
		field: 'org',
		header: '企业编号(org)',
		aliases: ['企业编号', '企业', 'org', 'organization'],
		en: 'Organization ref',
		note: '必填，或在命令行用 --org 指定 (required, or --org on the command line)',
		example: 'org-robotics',
	},
	{
		field: 'kind',
		header: '类型(设备/服务)',
		aliases: ['类型', '产品类型', 'kind', 'type'],
		en: 'Kind',
		note: '设备 或 服务 (equipment or service)；空则按类别推断',
		example: '设备',
	},
	{
		field: 'category',
		header: '类别(category)',
		aliases: ['类别', '产品类别', 'category'],
		en: 'Category',
		note: '必填；类别键或中文名，见「类别」表 (required; key or Chinese name)',
		example: '工业机器人',
	},
	{
		field: 'name',
		header: '名称',
		aliases: ['名称', '产品名称', 'name'],
		en: 'Name',
		note: '必填 (required)',
		example: '六轴焊接机器人',
	},
	{
		field: 'nameEn',
		header: '英文名称',
		aliases: ['英文名称', 'nameen', 'englishname'],
		en: 'English name',
		note: '',
		example: '6-axis welding robot',
	},
	{ field: 'model', header: '型号', aliases: ['型号', '规格型号', 'model'], en: 'Model', note: '', example: 'TR-20' },
	{ field: 'brand', header: '品牌', aliases: ['品牌', 'brand'], en: 'Brand', note: '', example: '泰达智装' },
	{
		field: 'description',
		header: '描述',
		aliases: ['描述', '产品描述', '简介', 'description'],
		en: 'Description',
		note: '',
		example: '20 kg 负载六轴焊接机器人，适用于汽车零部件焊接。',
	},
	{
		field: 'specs',
		header: '规格参数',
		aliases: ['规格参数', '参数', 'specs'],
		en: 'Specs ("key: value; key: value")',
		note: '键:值; 键:值',
		example: '额定负载: 20 kg; 重复定位精度: ±0.05 mm',
	},
	{
		field: 'energyGrade',
		header: '能效等级',
		aliases: ['能效等级', '能效', 'energygrade'],
		en: 'Energy grade (1 best – 3)',
		note: '1、2、3（1 级最好），不适用留空',
		example: '',
	},
	{
		field: 'priceMin',
		header: '最低价(元)',
		aliases: ['最低价', '价格下限', 'pricemin'],
		en: 'Min price (CNY per unit)',
		note: '整数元 (integer yuan)',
		example: 380000,
	},
	{
		field: 'priceMax',
		header: '最高价(元)',
		aliases: ['最高价', '价格上限', 'pricemax'],
		en: 'Max price (CNY per unit)',
		note: '整数元 (integer yuan)',
		example: 450000,
	},
	{
		field: 'leadTimeDays',
		header: '交货期(天)',
		aliases: ['交货期', '交期', '交货周期', 'leadtimedays', 'leadtime'],
		en: 'Lead time (days)',
		note: '天数 (days)',
		example: 45,
	},
	{
		field: 'certifications',
		header: '认证',
		aliases: ['认证', '资质认证', 'certifications'],
		en: 'Certifications',
		note: '用 ；或 , 或 / 分隔',
		example: 'CR; CE',
	},
	{
		field: 'tags',
		header: '标签',
		aliases: ['标签', '关键词', 'tags'],
		en: 'Tags',
		note: '用 ；或 , 或 / 分隔',
		example: '焊接; 汽车零部件',
	},
]

const COLUMN_BY_FIELD = new Map<string, Column>(PRODUCT_SHEET_COLUMNS.map((c) => [c.field, c]))

function headerKey(text: string): string {
	return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

const ALIAS_TO_FIELD = new Map<string, Field>()
for (const c of PRODUCT_SHEET_COLUMNS) {
	for (const a of [c.header, ...c.aliases]) ALIAS_TO_FIELD.set(headerKey(a), c.field)
}

/** Which field a header cell names: the whole text, the text without its (hints), or a hint itself. */
function fieldForHeader(text: string): Field | undefined {
	const key = headerKey(text)
	if (!key) return undefined
	const direct = ALIAS_TO_FIELD.get(key)
	if (direct) return direct
	const base = key.replace(/\([^)]*\)/g, '')
	const fromBase = ALIAS_TO_FIELD.get(base)
	if (fromBase) return fromBase
	for (const m of key.matchAll(/\(([^)]*)\)/g)) {
		const hinted = ALIAS_TO_FIELD.get(m[1] ?? '')
		if (hinted) return hinted
	}
	return undefined
}

// ───────────────────────────── cells ─────────────────────────────

/**
 * Spreadsheet formula injection (CWE-1236, RELIABILITY R25): a text cell that starts with one of
 * these is run as a formula by Excel/WPS when the export is opened; a leading ' makes it text.
 */
export function neutralizeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Undoes neutralizeCell on the way back in, so an exported sheet re-imports unchanged. */
function unneutralize(value: string): string {
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

type Cell = string | number | undefined

function cellFromExcel(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return undefined
	if (typeof value === 'number') return value
	if (typeof value === 'string') return value
	if (typeof value === 'boolean') return value ? 'true' : 'false'
	if (value instanceof Date) return value.toISOString().slice(0, 10)
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((t) => t.text).join('')
		if ('formula' in value || 'sharedFormula' in value) {
			const result = (value as ExcelJS.CellFormulaValue).result
			return result === undefined || result === null || typeof result === 'object'
				? undefined
				: (result as string | number)
		}
		if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '')
		if ('error' in value) return undefined
	}
	return String(value)
}

function textOf(cell: Cell): string | undefined {
	if (cell === undefined) return undefined
	const s = unneutralize(String(cell)).trim()
	return s === '' ? undefined : s
}

const CATEGORY_LOOKUP = new Map<string, string>()
for (const c of CATEGORIES) {
	for (const name of [c.key, c.zh, c.en]) CATEGORY_LOOKUP.set(headerKey(name), c.key)
}

const KIND_LOOKUP = new Map<string, 'equipment' | 'service'>([
	['设备', 'equipment'],
	['装备', 'equipment'],
	['equipment', 'equipment'],
	['服务', 'service'],
	['service', 'service'],
])

/** "380,000", "¥380000元", "38万" → a number; anything else is returned as text for the schema to refuse. */
function numberOf(cell: Cell): number | string | undefined {
	if (typeof cell === 'number') return cell
	const s = textOf(cell)
	if (s === undefined) return undefined
	const m = /^[¥￥]?\s*(-?[\d,]+(?:\.\d+)?)\s*(万)?\s*(元|天|日|级|kwh)?$/i.exec(s.normalize('NFKC'))
	if (!m) return s
	const n = Number(m[1]!.replace(/,/g, ''))
	return m[2] ? Number((n * 10_000).toFixed(6)) : n
}

const GRADE_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3 }

function gradeOf(cell: Cell): number | string | undefined {
	const s = textOf(cell)
	if (s === undefined) return undefined
	const word = /^([一二三])级?$/.exec(s)
	if (word) return GRADE_WORDS[word[1]!]
	return numberOf(cell)
}

function listOf(cell: Cell): string[] | undefined {
	const s = textOf(cell)
	if (s === undefined) return undefined
	return s
		.split(/[;；,，、/|\n]/)
		.map((x) => x.trim())
		.filter(Boolean)
}

function specsOf(cell: Cell): { specs?: Record<string, string>; problem?: string } {
	const s = textOf(cell)
	if (s === undefined) return {}
	const specs: Record<string, string> = {}
	for (const part of s.split(/[;；\n]/)) {
		const item = part.trim()
		if (!item) continue
		const m = /^([^:：=]+)[:：=](.*)$/.exec(item)
		if (!m)
			return {
				problem: `规格参数应写成「键:值; 键:值」，"${item}" 缺少冒号 (specs must read "key: value; key: value")`,
			}
		specs[m[1]!.trim()] = m[2]!.trim()
	}
	return { specs }
}

// ───────────────────────────── reading ─────────────────────────────

/**
 * Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
 * otherwise GBK — what Excel in China saves as "CSV".
 */
export function decodeCsv(buffer: Buffer): string {
	if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8')
	if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2))
	if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2))
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buffer)
	} catch {
		return new TextDecoder('gbk').decode(buffer)
	}
}

function readCsv(buffer: Buffer): Cell[][] {
	const text = decodeCsv(buffer)
	const firstLine = text.slice(0, text.search(/\r?\n|$/))
	const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
	const records = parseCsv(text, {
		delimiter,
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: false,
	}) as string[][]
	return records.map((r) => r.map((c) => (c === '' ? undefined : c)))
}

/** What a workbook unpacks to: generous for 20,000 rows, far below what a zip bomb inflates to. */
export const SHEET_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

/**
 * The total uncompressed size the ZIP's central directory declares, or null when it cannot be read.
 * exceljs inflates the whole workbook in memory; checking first keeps a 10 MB upload of highly
 * compressible XML from taking gigabytes. (A ZIP64 entry counts as too large: no sheet needs one.)
 */
export function zipUnpackedSize(buffer: Buffer): number | null {
	const min = Math.max(0, buffer.length - 22 - 0xffff)
	let eocd = -1
	for (let i = buffer.length - 22; i >= min; i--) {
		if (buffer.readUInt32LE(i) === 0x06054b50) {
			eocd = i
			break
		}
	}
	if (eocd < 0) return null
	const entries = buffer.readUInt16LE(eocd + 10)
	let offset = buffer.readUInt32LE(eocd + 16)
	let total = 0
	for (let n = 0; n < entries; n++) {
		if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null
		const size = buffer.readUInt32LE(offset + 24)
		if (size === 0xffffffff) return Number.POSITIVE_INFINITY
		total += size
		offset +=
			46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32)
	}
	return total
}

async function readXlsx(buffer: Buffer): Promise<Cell[][]> {
	const unpacked = zipUnpackedSize(buffer)
	if (unpacked === null) throw new Error('not an .xlsx workbook (no ZIP directory)')
	if (unpacked > SHEET_MAX_UNPACKED_BYTES) throw new SheetTooLarge(0)
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
	const sheet = workbook.worksheets[0]
	if (!sheet) return []
	if (sheet.rowCount > SHEET_MAX_ROWS + 50) throw new SheetTooLarge(sheet.rowCount)
	const rows: Cell[][] = []
	sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
		const cells: Cell[] = []
		row.eachCell({ includeEmpty: true }, (cell, col) => {
			cells[col - 1] = cellFromExcel(cell.value)
		})
		rows[rowNumber - 1] = cells
	})
	// Sheet row n is rows[n-1], holes included, so reported row numbers are the ones Excel shows.
	return Array.from(rows, (r) => r ?? [])
}

class SheetTooLarge extends Error {
	constructor(readonly rowCount: number) {
		super(rowCount > 0 ? `too many rows: ${rowCount}` : 'workbook unpacks to more than 200 MB')
	}
}

function isEmptyRow(row: Cell[]): boolean {
	return row.every((c) => textOf(c) === undefined)
}

/**
 * Reads a product sheet (.csv or .xlsx) into exchange-format products, with every problem listed
 * by sheet row and column. `orgRef` fills the organization where the sheet has no 企业编号.
 */
export async function parseProductSheet(
	buffer: Buffer,
	filename: string,
	options: { orgRef?: string } = {},
): Promise<SheetParseResult> {
	const fail = (message: string, row = 1, column?: string): SheetParseResult => ({
		ok: false,
		errors: [{ row, column, path: '$', message }],
	})
	if (buffer.length > SHEET_MAX_BYTES) {
		return fail(`文件过大：${(buffer.length / 1048576).toFixed(1)} MB，上限 10 MB (file too large, max 10 MB)`, 0)
	}
	const format = sheetFormatOf(filename)
	if (!format) return fail('仅支持 .csv 和 .xlsx 文件 (only .csv and .xlsx files are supported)', 0)

	let rows: Cell[][]
	try {
		rows = format === 'csv' ? readCsv(buffer) : await readXlsx(buffer)
	} catch (error) {
		if (error instanceof SheetTooLarge) {
			return error.rowCount > 0
				? fail(`行数过多 (too many rows)：上限 ${SHEET_MAX_ROWS} 行 (max ${SHEET_MAX_ROWS} rows)`, 0)
				: fail('工作簿解压后过大 (the workbook unpacks to more than 200 MB)', 0)
		}
		return fail(`无法读取文件 (cannot read the file): ${error instanceof Error ? error.message : String(error)}`, 0)
	}

	// The header is the first row that names known columns: offices often put a title row above it.
	let headerIndex = -1
	let fields: Array<Field | undefined> = []
	for (let i = 0; i < Math.min(rows.length, 10); i++) {
		const candidate = (rows[i] ?? []).map((c) => (textOf(c) === undefined ? undefined : fieldForHeader(String(c))))
		if (candidate.filter(Boolean).length >= 2) {
			headerIndex = i
			fields = candidate
			break
		}
	}
	if (headerIndex < 0)
		return fail("找不到表头行：请使用模板的列名 (no header row found: use the template's column titles)")
	const headerRow = rows[headerIndex] ?? []
	const headerNumber = headerIndex + 1

	const errors: SheetError[] = []
	const columnOf = new Map<Field, number>()
	fields.forEach((field, col) => {
		if (!field) return
		if (columnOf.has(field)) {
			errors.push({
				row: headerNumber,
				column: String(headerRow[col]),
				path: '$',
				message: `列重复 (duplicate column): ${COLUMN_BY_FIELD.get(field)?.header}`,
			})
		} else {
			columnOf.set(field, col)
		}
	})
	for (const field of ['ref', 'category', 'name'] as const) {
		if (!columnOf.has(field)) {
			const header = COLUMN_BY_FIELD.get(field)!.header
			errors.push({ row: headerNumber, column: header, path: '$', message: `缺少列 (missing column): ${header}` })
		}
	}
	if (!columnOf.has('org') && !options.orgRef) {
		errors.push({
			row: headerNumber,
			column: '企业编号(org)',
			path: '$',
			message:
				'缺少「企业编号(org)」列：请加上该列，或用 --org REF 指定企业 (missing org column: add it or pass --org REF)',
		})
	}
	if (errors.length > 0) return { ok: false, errors }

	const dataRows: Array<{ row: number; cells: Cell[] }> = []
	for (let i = headerIndex + 1; i < rows.length; i++) {
		const cells = rows[i] ?? []
		if (!isEmptyRow(cells)) dataRows.push({ row: i + 1, cells })
	}
	if (dataRows.length > SHEET_MAX_ROWS)
		return fail(`行数过多 (too many rows)：上限 ${SHEET_MAX_ROWS} 行 (max ${SHEET_MAX_ROWS} rows)`, 0)
	if (dataRows.length === 0) return fail('表中没有产品行 (the sheet has no product rows)', headerNumber)

	const headerText = (field: Field): string => {
		const col = columnOf.get(field)
		return col === undefined ? (COLUMN_BY_FIELD.get(field)?.header ?? field) : String(headerRow[col]).trim()
	}
	const records: Array<Record<string, unknown>> = []
	for (const { row, cells } of dataRows) {
		const get = (field: Field): Cell => {
			const col = columnOf.get(field)
			return col === undefined ? undefined : cells[col]
		}
		const record: Record<string, unknown> = {}
		const set = (field: Field, value: unknown) => {
			if (value !== undefined) record[field] = value
		}
		set('ref', textOf(get('ref')))
		set('org', textOf(get('org')) ?? options.orgRef)
		const categoryText = textOf(get('category'))
		const category =
			categoryText === undefined ? undefined : (CATEGORY_LOOKUP.get(headerKey(categoryText)) ?? categoryText)
		set('category', category)
		const kindText = textOf(get('kind'))
		// An empty 类型 follows the category: the taxonomy's service-* categories are services.
		set(
			'kind',
			kindText === undefined
				? category?.startsWith('service-')
					? 'service'
					: 'equipment'
				: (KIND_LOOKUP.get(headerKey(kindText)) ?? kindText),
		)
		for (const field of ['name', 'nameEn', 'model', 'brand', 'description'] as const) set(field, textOf(get(field)))
		const specs = specsOf(get('specs'))
		if (specs.problem)
			errors.push({
				row,
				column: headerText('specs'),
				path: `products[${records.length}].specs`,
				message: specs.problem,
			})
		set('specs', specs.specs)
		set('energyGrade', gradeOf(get('energyGrade')))
		for (const field of ['priceMin', 'priceMax', 'leadTimeDays'] as const) set(field, numberOf(get(field)))
		set('certifications', listOf(get('certifications')))
		set('tags', listOf(get('tags')))
		records.push(record)
	}

	for (const e of validateProductRecords(records)) {
		const m = /^products\[(\d+)\](?:\.(\w+))?/.exec(e.path)
		const index = m ? Number(m[1]) : -1
		const field = m?.[2] as Field | undefined
		errors.push({
			row: dataRows[index]?.row ?? headerNumber,
			column: field && COLUMN_BY_FIELD.has(field) ? headerText(field) : undefined,
			path: e.path,
			// Duplicate refs name the other record by index; a sheet's author thinks in rows.
			message:
				field === 'kind' && e.message.startsWith('取值无效')
					? '类型应为「设备」或「服务」(kind must be 设备 or 服务, or equipment / service)'
					: e.message
							.replace(/与 products\[(\d+)\] 相同 \(same as products\[\d+\]\)/, (_, i: string) => {
								const other = dataRows[Number(i)]?.row ?? '?'
								return `与第 ${other} 行相同 (same as row ${other})`
							})
							.replace(/products\[(\d+)\]/g, (_, i: string) => `row ${dataRows[Number(i)]?.row ?? '?'}`),
		})
	}
	if (errors.length > 0) {
		errors.sort((a, b) => a.row - b.row)
		return { ok: false, errors }
	}
	return { ok: true, products: records as ExchangeProduct[], rows: dataRows.map((r) => r.row) }
}

export function sheetFormatOf(filename: string): SheetFormat | undefined {
	const lower = filename.toLowerCase()
	if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv'
	if (lower.endsWith('.xlsx')) return 'xlsx'
	return undefined
}

/** One line per sheet error, the way the CLI prints them. */
export function formatSheetError(e: SheetError): string {
	const where = e.row > 0 ? `第 ${e.row} 行 (row ${e.row})` : '文件 (file)'
	return `${where}${e.column ? ` [${e.column}]` : ''}: ${e.message}`
}

// ───────────────────────────── writing ─────────────────────────────

function productToCells(p: ExchangeProduct): Array<string | number> {
	const category = getCategory(p.category)
	const values: Record<Field, string | number | undefined> = {
		ref: p.ref,
		org: p.org,
		kind: p.kind === 'service' ? '服务' : '设备',
		category: category?.zh ?? p.category,
		name: p.name,
		nameEn: p.nameEn ?? undefined,
		model: p.model ?? undefined,
		brand: p.brand ?? undefined,
		description: p.description ?? undefined,
		specs: p.specs
			? Object.entries(p.specs)
					.map(([k, v]) => `${k}: ${v}`)
					.join('; ')
			: undefined,
		energyGrade: p.energyGrade ?? undefined,
		priceMin: p.priceMin ?? undefined,
		priceMax: p.priceMax ?? undefined,
		leadTimeDays: p.leadTimeDays ?? undefined,
		certifications: p.certifications?.join('; '),
		tags: p.tags?.join('; '),
	}
	return PRODUCT_SHEET_COLUMNS.map((c) => {
		const v = values[c.field]
		if (v === undefined) return ''
		return typeof v === 'number' ? v : neutralizeCell(v)
	})
}

function csvBuffer(rows: Array<Array<string | number>>): Buffer {
	// The BOM makes Excel on Windows read the file as UTF-8 instead of the system's GBK.
	return Buffer.concat([
		Buffer.from([0xef, 0xbb, 0xbf]),
		Buffer.from(stringifyCsv(rows, { record_delimiter: 'windows' }), 'utf8'),
	])
}

async function xlsxBuffer(rows: Array<Array<string | number>>, withValidation: number): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = 'RenewMatch 焕新撮合'
	const sheet = workbook.addWorksheet('产品名录', { views: [{ state: 'frozen', ySplit: 1 }] })
	sheet.columns = PRODUCT_SHEET_COLUMNS.map((c) => ({
		key: c.field,
		width: c.field === 'description' || c.field === 'specs' ? 40 : c.field === 'name' ? 24 : 16,
	}))
	for (const r of rows) sheet.addRow(r)
	sheet.getRow(1).font = { bold: true }
	PRODUCT_SHEET_COLUMNS.forEach((c, i) => {
		const cell = sheet.getRow(1).getCell(i + 1)
		cell.note = [c.en, c.note].filter(Boolean).join('\n')
	})

	const list = workbook.addWorksheet('类别')
	list.columns = [
		{ header: '类别键(key)', key: 'key', width: 26 },
		{ header: '中文名称', key: 'zh', width: 24 },
		{ header: 'English', key: 'en', width: 34 },
		{ header: '分组', key: 'group', width: 16 },
	]
	for (const c of CATEGORIES) {
		list.addRow({
			key: c.key,
			zh: c.zh,
			en: c.en,
			group: CATEGORY_GROUPS.find((g) => g.key === c.group)?.zh ?? c.group,
		})
	}
	list.getRow(1).font = { bold: true }

	// Drop-downs for 类型 and 类别 on the rows people fill in (a hint: typing a key still works).
	const kindCol = PRODUCT_SHEET_COLUMNS.findIndex((c) => c.field === 'kind') + 1
	const categoryCol = PRODUCT_SHEET_COLUMNS.findIndex((c) => c.field === 'category') + 1
	for (let r = 2; r <= withValidation; r++) {
		sheet.getRow(r).getCell(kindCol).dataValidation = { type: 'list', allowBlank: true, formulae: ['"设备,服务"'] }
		sheet.getRow(r).getCell(categoryCol).dataValidation = {
			type: 'list',
			allowBlank: true,
			showErrorMessage: false,
			formulae: [`'类别'!$B$2:$B$${CATEGORIES.length + 1}`],
		}
	}
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

const EXAMPLE: ExchangeProduct = {
	ref: 'teda-robot-tr20',
	org: 'org-robotics',
	kind: 'equipment',
	category: 'industrial-robot',
	name: '六轴焊接机器人',
	model: 'TR-20',
	brand: '泰达智装',
	description: '20 kg 负载六轴焊接机器人，适用于汽车零部件焊接。',
	specs: { 额定负载: '20 kg', 重复定位精度: '±0.05 mm' },
	priceMin: 380000,
	priceMax: 450000,
	leadTimeDays: 45,
	certifications: ['CR', 'CE'],
	tags: ['焊接', '汽车零部件'],
}

/** The template a supplier fills in: header row, one example row (and the category list in XLSX). */
export async function buildProductTemplate(format: SheetFormat): Promise<Buffer> {
	const rows = [PRODUCT_SHEET_COLUMNS.map((c) => c.header), productToCells(EXAMPLE)]
	return format === 'csv' ? csvBuffer(rows) : xlsxBuffer(rows, 1001)
}

/** Products (all, or one organization's) as a sheet in the template's layout, formula-safe (R25). */
export async function exportProductsSheet(
	db: Db,
	format: SheetFormat,
	options: { orgRef?: string } = {},
): Promise<Buffer> {
	let query = db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.organization_id')
		.selectAll('product')
		.select('organization.ref as org_ref')
		.orderBy('product.id')
	if (options.orgRef) query = query.where('organization.ref', '=', options.orgRef)
	const rows = await query.execute()
	const cells = rows.map((r) => {
		const parse = <T>(text: string, fallback: T): T => {
			try {
				return JSON.parse(text) as T
			} catch {
				return fallback
			}
		}
		return productToCells({
			ref: r.ref,
			org: r.org_ref,
			kind: r.kind,
			category: r.category_key as ExchangeProduct['category'],
			name: r.name,
			nameEn: r.name_en,
			model: r.model,
			brand: r.brand,
			description: r.description,
			specs: parse<Record<string, string>>(r.specs, {}),
			energyGrade: r.energy_grade,
			priceMin: r.price_min,
			priceMax: r.price_max,
			leadTimeDays: r.lead_time_days,
			certifications: parse<string[]>(r.certifications, []),
			tags: parse<string[]>(r.tags, []),
		})
	})
	const all = [PRODUCT_SHEET_COLUMNS.map((c) => c.header), ...cells]
	return format === 'csv' ? csvBuffer(all) : xlsxBuffer(all, 0)
}
