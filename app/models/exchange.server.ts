import { sql, type Kysely } from 'kysely'
import type { ZodIssue } from 'zod'
import { refreshPlannerStatistics } from '#db/client.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type {
	Database,
	Db,
	DemandRow,
	LeasingProgramRow,
	OrganizationRow,
	ProductRow,
	SearchEntity,
} from '#db/schema.ts'
import {
	ExchangeDocumentSchema,
	exchangeErrorMap,
	type ExchangeDemand,
	type ExchangeDocument,
	type ExchangeLeasingProgram,
	type ExchangeOrganization,
	type ExchangeProduct,
} from './exchange.schema.ts'
import { ORG_ROLES, type OrgRole } from './taxonomy.ts'
import { normalizeUscc } from './uscc.ts'

/**
 * Import and export of exchange format v1 (DESIGN.md). Validation lists every problem of a file
 * by JSON path; an import is one transaction, idempotent by `ref`, and writes the search outbox
 * for exactly the records it changed.
 */

export type ExchangeError = { path: string; message: string }
export type ExchangeValidation = { ok: true; doc: ExchangeDocument } | { ok: false; errors: ExchangeError[] }

export const COLLECTIONS = ['organizations', 'products', 'leasingPrograms', 'demands'] as const
export type ExchangeCollection = (typeof COLLECTIONS)[number]

export type ImportCount = { created: number; updated: number; unchanged: number }
export type ImportCounts = Record<ExchangeCollection, ImportCount>
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: ExchangeError[] }
export type ProgressFn = (kind: string, done: number, total: number) => void

// ───────────────────────────── validation ─────────────────────────────

/** A zod path as people write it: `products[12].specs.额定负载`; the document itself is `$`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
	let out = ''
	for (const seg of path) {
		if (typeof seg === 'number') out += `[${seg}]`
		else if (/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(seg)) out += out ? `.${seg}` : seg
		else out += `[${JSON.stringify(seg)}]`
	}
	return out || '$'
}

function issuesToErrors(issues: ZodIssue[]): ExchangeError[] {
	const errors: ExchangeError[] = []
	for (const issue of issues) {
		if (issue.code === 'unrecognized_keys') {
			// One line per unknown field, at the field's own path, is what the file's author can act on.
			for (const key of issue.keys)
				errors.push({ path: formatPath([...issue.path, key]), message: '未知字段 (unknown field)' })
		} else {
			errors.push({ path: formatPath(issue.path), message: issue.message })
		}
	}
	return errors
}

function parseDocument(input: unknown): { doc?: ExchangeDocument; errors: ExchangeError[] } {
	const result = ExchangeDocumentSchema.safeParse(input, { errorMap: exchangeErrorMap })
	if (result.success) return { doc: result.data, errors: [] }
	return { errors: issuesToErrors(result.error.issues) }
}

type KnownOrg = { ref: string; uscc: string; roles: string[] }
type OrgDirectory = { byRef: Map<string, KnownOrg>; refByUscc: Map<string, string> }

async function loadOrgDirectory(db: Db): Promise<OrgDirectory> {
	const rows = await db.selectFrom('organization').select(['ref', 'uscc', 'roles']).execute()
	const byRef = new Map<string, KnownOrg>()
	const refByUscc = new Map<string, string>()
	for (const row of rows) {
		byRef.set(row.ref, { ref: row.ref, uscc: row.uscc, roles: parseJsonArray(row.roles) })
		refByUscc.set(normalizeUscc(row.uscc), row.ref)
	}
	return { byRef, refByUscc }
}

type RawRecord = { index: number; value: Record<string, unknown> }

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function rawRecords(input: unknown, key: ExchangeCollection): RawRecord[] {
	if (!isObject(input)) return []
	const list = input[key]
	if (!Array.isArray(list)) return []
	const out: RawRecord[] = []
	list.forEach((value, index) => {
		if (isObject(value)) out.push({ index, value })
	})
	return out
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

function num(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

const ROLE_ZH: Record<OrgRole, string> = { supplier: '供给方', buyer: '需求方', lessor: '融资租赁' }
const ROLE_NEEDED: Record<Exclude<ExchangeCollection, 'organizations'>, OrgRole> = {
	products: 'supplier',
	leasingPrograms: 'lessor',
	demands: 'buyer',
}

/** The same wording as the schema's refinement, so a problem found twice is reported once. */
const RANGE_CHECKS: Record<ExchangeCollection, Array<[string, string, string]>> = {
	organizations: [],
	products: [['priceMin', 'priceMax', '最低价高于最高价 (priceMin is above priceMax)']],
	leasingPrograms: [
		['amountMin', 'amountMax', '金额下限高于上限 (amountMin is above amountMax)'],
		['termMonthsMin', 'termMonthsMax', '期限下限高于上限 (termMonthsMin is above termMonthsMax)'],
		['rateMin', 'rateMax', '利率下限高于上限 (rateMin is above rateMax)'],
	],
	demands: [['budgetMin', 'budgetMax', '预算下限高于上限 (budgetMin is above budgetMax)']],
}

/**
 * Checks that span records (or the database): duplicate refs, USCCs shared by two organizations,
 * dangling or wrong-role `org` references, min above max. Works on the raw input, so these are
 * reported together with the schema's errors rather than only once the schema passes.
 */
function crossCheck(input: unknown, directory?: OrgDirectory, options: { orgs?: boolean } = {}): ExchangeError[] {
	const errors: ExchangeError[] = []

	for (const key of COLLECTIONS) {
		const seen = new Map<string, number>()
		for (const { index, value } of rawRecords(input, key)) {
			const ref = str(value.ref)
			if (ref !== undefined) {
				const first = seen.get(ref)
				if (first === undefined) seen.set(ref, index)
				else
					errors.push({
						path: `${key}[${index}].ref`,
						message: `编号重复 (duplicate ref) "${ref}"，与 ${key}[${first}] 相同 (same as ${key}[${first}])`,
					})
			}
			for (const [lo, hi, message] of RANGE_CHECKS[key]) {
				const a = num(value[lo])
				const b = num(value[hi])
				if (a !== undefined && b !== undefined && a > b) errors.push({ path: `${key}[${index}].${hi}`, message })
			}
		}
	}

	if (options.orgs === false) return errors

	// Roles as they will be after this import: the file's version of an organization wins.
	// null: the organization is in the file but its roles are themselves invalid (reported already).
	const fileOrgs = new Map<string, string[] | null>()
	const usccOwner = new Map<string, { ref: string; index: number }>()
	for (const { index, value } of rawRecords(input, 'organizations')) {
		const ref = str(value.ref)
		if (ref === undefined) continue
		if (!fileOrgs.has(ref))
			fileOrgs.set(ref, Array.isArray(value.roles) ? value.roles.filter((r) => typeof r === 'string') : null)
		const uscc = typeof value.uscc === 'string' ? normalizeUscc(value.uscc) : ''
		if (uscc.length !== 18) continue
		const other = usccOwner.get(uscc)
		if (other && other.ref !== ref) {
			errors.push({
				path: `organizations[${index}].uscc`,
				message: `统一社会信用代码与 organizations[${other.index}] ("${other.ref}") 重复 (USCC also used by organizations[${other.index}])`,
			})
		} else if (!other) {
			usccOwner.set(uscc, { ref, index })
		}
		const dbRef = directory?.refByUscc.get(uscc)
		if (dbRef !== undefined && dbRef !== ref) {
			errors.push({
				path: `organizations[${index}].uscc`,
				message: `统一社会信用代码已被数据库中的企业 "${dbRef}" 使用 (USCC already belongs to organization "${dbRef}" in the database)`,
			})
		}
	}

	for (const key of ['products', 'leasingPrograms', 'demands'] as const) {
		const needed = ROLE_NEEDED[key]
		for (const { index, value } of rawRecords(input, key)) {
			const org = str(value.org)
			if (org === undefined) continue
			const roles = fileOrgs.has(org) ? fileOrgs.get(org) : directory?.byRef.get(org)?.roles
			if (roles === null) continue
			if (roles === undefined) {
				errors.push({
					path: `${key}[${index}].org`,
					message: directory
						? `找不到企业 "${org}"：文件和数据库中都没有 (organization "${org}" is neither in the file nor in the database)`
						: `找不到企业 "${org}" (organization "${org}" is not in the file)`,
				})
			} else if (!roles.includes(needed)) {
				errors.push({
					path: `${key}[${index}].org`,
					message: `企业 "${org}" 没有${ROLE_ZH[needed]}角色 (organization "${org}" lacks the ${needed} role)`,
				})
			}
		}
	}
	return errors
}

const COLLECTION_RANK = new Map<string, number>(COLLECTIONS.map((c, i) => [c, i + 1]))

/** Drops repeats and orders errors by record, so each record's problems read together. */
function finishErrors(errors: ExchangeError[]): ExchangeError[] {
	const seen = new Set<string>()
	const unique = errors.filter((e) => {
		const k = `${e.path}\u0000${e.message}`
		if (seen.has(k)) return false
		seen.add(k)
		return true
	})
	const rank = (e: ExchangeError): [number, number] => {
		const m = /^(\w+)\[(\d+)\]/.exec(e.path)
		if (!m) return [0, 0]
		return [COLLECTION_RANK.get(m[1]!) ?? 0, Number(m[2])]
	}
	return unique
		.map((e, i) => ({ e, i, r: rank(e) }))
		.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
		.map((x) => x.e)
}

/**
 * Validates an exchange document: the schema per record plus the cross-record checks (and, given a
 * database, references to and conflicts with what is already stored). Lists every error.
 */
export async function validateExchange(input: unknown, db?: Db): Promise<ExchangeValidation> {
	const parsed = parseDocument(input)
	const directory = db ? await loadOrgDirectory(db) : undefined
	const errors = finishErrors([...parsed.errors, ...crossCheck(input, directory)])
	if (errors.length > 0 || !parsed.doc) return { ok: false, errors }
	return { ok: true, doc: parsed.doc }
}

/**
 * The schema and the in-file checks of a list of products, without following `org`: for a product
 * sheet, whose organizations live in the database and are checked when it is imported.
 */
export function validateProductRecords(products: unknown[]): ExchangeError[] {
	const input = { version: 1, products }
	return finishErrors([...parseDocument(input).errors, ...crossCheck(input, undefined, { orgs: false })])
}

// ───────────────────────────── import ─────────────────────────────

type Columns = Record<string, string | number | null>

function parseJsonArray(text: string | null | undefined): string[] {
	try {
		const v: unknown = JSON.parse(text ?? '[]')
		return Array.isArray(v) ? v.map((x) => String(x)) : []
	} catch {
		return []
	}
}

function parseJsonObject(text: string | null | undefined): Record<string, string> {
	try {
		const v: unknown = JSON.parse(text ?? '{}')
		if (!isObject(v)) return {}
		return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]))
	} catch {
		return {}
	}
}

function canonicalJson(text: unknown): string {
	if (typeof text !== 'string') return String(text)
	try {
		return JSON.stringify(JSON.parse(text))
	} catch {
		return text
	}
}

function uniq<T>(list: readonly T[]): T[] {
	return [...new Set(list)]
}

const ORG_JSON = ['roles']
const PRODUCT_JSON = ['specs', 'certifications', 'tags']
const PROGRAM_JSON = ['categories', 'structures', 'industries']
const DEMAND_JSON = ['key_specs']

function orgColumns(o: ExchangeOrganization): Columns {
	return {
		ref: o.ref,
		name: o.name,
		name_en: o.nameEn ?? null,
		uscc: o.uscc,
		roles: JSON.stringify(uniq(o.roles)),
		in_zone: o.inZone === false ? 0 : 1,
		area: o.area ?? null,
		industry: o.industry ?? null,
		description: o.description ?? null,
		website: o.website ?? null,
		contact_person: o.contact?.person ?? null,
		contact_phone: o.contact?.phone ?? null,
		contact_email: o.contact?.email ?? null,
	}
}

function productColumns(p: ExchangeProduct, organizationId: number): Columns {
	return {
		ref: p.ref,
		organization_id: organizationId,
		kind: p.kind,
		category_key: p.category,
		name: p.name,
		name_en: p.nameEn ?? null,
		model: p.model ?? null,
		brand: p.brand ?? null,
		description: p.description ?? null,
		specs: JSON.stringify(p.specs ?? {}),
		energy_grade: p.energyGrade ?? null,
		price_min: p.priceMin ?? null,
		price_max: p.priceMax ?? null,
		lead_time_days: p.leadTimeDays ?? null,
		certifications: JSON.stringify(p.certifications ?? []),
		tags: JSON.stringify(p.tags ?? []),
	}
}

function programColumns(l: ExchangeLeasingProgram, organizationId: number): Columns {
	return {
		ref: l.ref,
		organization_id: organizationId,
		name: l.name,
		categories: JSON.stringify(uniq(l.categories)),
		amount_min: l.amountMin,
		amount_max: l.amountMax,
		term_months_min: l.termMonthsMin ?? null,
		term_months_max: l.termMonthsMax ?? null,
		rate_min: l.rateMin ?? null,
		rate_max: l.rateMax ?? null,
		down_payment_min: l.downPaymentMin ?? null,
		structures: JSON.stringify(uniq(l.structures ?? [])),
		service_fee_pct: l.serviceFeePct ?? null,
		deposit_pct: l.depositPct ?? null,
		industries: JSON.stringify(l.industries ?? []),
		description: l.description ?? null,
	}
}

function demandColumns(d: ExchangeDemand, organizationId: number): Columns {
	const old = d.oldEquipment
	return {
		ref: d.ref,
		organization_id: organizationId,
		title: d.title,
		category_key: d.category ?? null,
		domain: d.domain ?? null,
		description: d.description,
		key_specs: JSON.stringify(d.keySpecs ?? {}),
		quantity: d.quantity,
		budget_min: d.budgetMin ?? null,
		budget_max: d.budgetMax ?? null,
		needed_by: d.neededBy ?? null,
		min_energy_grade: d.minEnergyGrade ?? null,
		prefer_in_zone: d.preferInZone ? 1 : 0,
		financing: d.financing ?? 'none',
		old_name: old?.name ?? null,
		old_model: old?.model ?? null,
		old_installed_year: old?.installedYear ?? null,
		old_quantity: old?.quantity ?? null,
		old_energy_grade: old?.energyGrade ?? null,
		old_annual_energy_kwh: old?.annualEnergyKwh ?? null,
	}
}

/** True when every column the file controls already holds the value the file gives it. */
function sameColumns(existing: Record<string, unknown>, next: Columns, jsonColumns: readonly string[]): boolean {
	for (const key in next) {
		const value = next[key]
		const current = existing[key] ?? null
		if (current === value) continue
		// JSON written by other code may differ only in spacing; parse only when the text differs.
		if (jsonColumns.includes(key) && canonicalJson(current) === value) continue
		return false
	}
	return true
}

type Plan = { rows: Columns[]; count: ImportCount }

/**
 * Splits records into created / updated / unchanged against the stored rows. An unchanged record
 * is not written at all (no updated_at bump, no outbox row): that is what makes a re-import a no-op.
 * `status` decides the status of a created or updated row from the stored one (if any).
 */
function planUpserts<R extends { ref: string }>(
	records: Columns[],
	existing: Map<string, R>,
	jsonColumns: readonly string[],
	status: (row: R | undefined) => Columns,
	now: string,
): Plan {
	const count: ImportCount = { created: 0, updated: 0, unchanged: 0 }
	const rows: Columns[] = []
	for (const columns of records) {
		const current = existing.get(columns.ref as string)
		if (!current) {
			count.created++
			rows.push(Object.assign(columns, status(undefined), { updated_at: now }))
		} else if (sameColumns(current as Record<string, unknown>, columns, jsonColumns)) {
			count.unchanged++
		} else {
			count.updated++
			rows.push(Object.assign(columns, status(current), { updated_at: now }))
		}
	}
	return { rows, count }
}

type UpsertTable = 'organization' | 'product' | 'leasing_program' | 'demand'
// Kysely cannot type a table chosen at run time: these helpers see the four tables as plain column
// maps. The column sets themselves are built per table above (orgColumns, productColumns, …).
type LooseDatabase = Record<UpsertTable, Record<string, string | number | null>>

// better-sqlite3's SQLite allows 32766 bound parameters per statement; stay well below it.
const MAX_PARAMS = 30_000

/**
 * Multi-row `INSERT … ON CONFLICT(ref) DO UPDATE` in batches: one statement per few hundred rows
 * whether they are new or changed, and the ids come back for the outbox.
 */
async function upsertRows(
	trx: Db,
	table: UpsertTable,
	rows: Columns[],
	onBatch: (written: number) => void,
): Promise<Map<string, number>> {
	const ids = new Map<string, number>()
	const first = rows[0]
	if (!first) return ids
	const columns = Object.keys(first)
	const updatable = columns.filter((c) => c !== 'ref')
	const batchSize = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
	for (let i = 0; i < rows.length; i += batchSize) {
		const batch = rows.slice(i, i + batchSize)
		const written = await (trx as unknown as Kysely<LooseDatabase>)
			.insertInto(table)
			.values(batch)
			.onConflict((oc) =>
				oc.column('ref').doUpdateSet((eb) => Object.fromEntries(updatable.map((c) => [c, eb.ref(`excluded.${c}`)]))),
			)
			.returning(['id', 'ref'])
			.execute()
		for (const row of written) ids.set(String(row.ref), Number(row.id))
		onBatch(Math.min(i + batchSize, rows.length))
		// better-sqlite3 answers synchronously, so a transaction is one long run of microtasks: let the
		// event loop turn between batches, or Ctrl-C (and progress bars) wait until the commit.
		await new Promise((resolve) => setImmediate(resolve))
	}
	return ids
}

/**
 * Stored rows for the refs of a file in one query: the refs travel as one JSON parameter that
 * SQLite unpacks with json_each and joins on the unique ref index (no per-row SELECT, and no
 * 100,000-parameter statement either).
 */
async function loadByRefs<Row extends { ref: string }>(
	trx: Db,
	table: 'product' | 'leasing_program' | 'demand',
	refs: string[],
): Promise<Map<string, Row>> {
	const out = new Map<string, Row>()
	if (refs.length === 0) return out
	const rows = await (trx as unknown as Kysely<LooseDatabase>)
		.selectFrom(table)
		.selectAll()
		.where('ref', 'in', sql<string>`(select value from json_each(${JSON.stringify(refs)}))`)
		.execute()
	for (const row of rows as unknown as Row[]) out.set(row.ref, row)
	return out
}

async function idsWhereOrgIn(
	trx: Db,
	table: 'product' | 'leasing_program' | 'demand',
	orgIds: number[],
): Promise<number[]> {
	if (orgIds.length === 0) return []
	const rows = await trx
		.selectFrom(table)
		.select('id')
		.where('organization_id', 'in', sql<number>`(select value from json_each(${JSON.stringify(orgIds)}))`)
		.execute()
	return rows.map((r) => r.id)
}

function isConstraintError(error: unknown): error is Error & { code: string } {
	const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined
	return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

/**
 * Imports an exchange document in one transaction: all or nothing, idempotent by `ref`.
 * Created records are verified / published / open / active (an import is an administrator's act).
 */
export async function importExchange(
	db: Kysely<Database>,
	input: unknown,
	options: { onProgress?: ProgressFn; now?: Date } = {},
): Promise<ImportResult> {
	const progress = options.onProgress ?? (() => {})
	// The schema runs before the write lock is taken: it is the CPU-heavy part on a big file.
	const parsed = parseDocument(input)
	try {
		const result = await db.transaction().execute(async (trx) => {
			const directory = await loadOrgDirectory(trx)
			const errors = finishErrors([...parsed.errors, ...crossCheck(input, directory)])
			if (errors.length > 0 || !parsed.doc) return { ok: false as const, errors }
			return writeDocument(trx, parsed.doc, (options.now ?? new Date()).toISOString(), progress)
		})
		// A bulk write can change a table's size by orders of magnitude: re-plan with fresh statistics.
		if (result.ok) await refreshPlannerStatistics(db)
		return result
	} catch (error) {
		// Validation should catch whatever the schema's constraints would refuse; if one slips
		// through, the transaction is already rolled back and the file's author gets a clear line.
		if (isConstraintError(error)) {
			return {
				ok: false,
				errors: [
					{
						path: '$',
						message: `数据库拒绝写入，未写入任何数据 (the database refused the write; nothing was written): ${error.message}`,
					},
				],
			}
		}
		throw error
	}
}

async function writeDocument(
	trx: Db,
	doc: ExchangeDocument,
	now: string,
	progress: ProgressFn,
): Promise<{ ok: true; counts: ImportCounts }> {
	const orgRows = await trx.selectFrom('organization').selectAll().execute()
	const orgsByRef = new Map<string, OrganizationRow>(orgRows.map((r) => [r.ref, r]))
	const orgIdByRef = new Map<string, number>(orgRows.map((r) => [r.ref, r.id]))

	// Organizations first: the others need their ids.
	const orgPlan = planUpserts(
		doc.organizations.map(orgColumns),
		orgsByRef,
		ORG_JSON,
		(row) => ({ status: !row || row.status === 'pending' ? 'verified' : row.status }),
		now,
	)
	const orgTotal = doc.organizations.length
	const changedOrgIds = await upsertRows(trx, 'organization', orgPlan.rows, (n) =>
		progress('organizations', n, orgTotal),
	)
	for (const [ref, id] of changedOrgIds) orgIdByRef.set(ref, id)
	progress('organizations', orgTotal, orgTotal)
	const orgId = (ref: string): number => {
		const id = orgIdByRef.get(ref)
		// crossCheck has refused every dangling org already; reaching this is a bug, not bad input.
		if (id === undefined) throw new Error(`organization ${ref} vanished during the import`)
		return id
	}

	const existingProducts = await loadByRefs<ProductRow>(
		trx,
		'product',
		doc.products.map((p) => p.ref),
	)
	const productPlan = planUpserts(
		doc.products.map((p) => productColumns(p, orgId(p.org))),
		existingProducts,
		PRODUCT_JSON,
		(row) =>
			!row || row.status === 'draft' || row.status === 'pending'
				? { status: 'published', published_at: row?.published_at ?? now }
				: { status: row.status, published_at: row.published_at },
		now,
	)
	const productTotal = doc.products.length
	const changedProductIds = await upsertRows(trx, 'product', productPlan.rows, (n) =>
		progress('products', productPlan.count.unchanged + n, productTotal),
	)
	progress('products', productTotal, productTotal)

	const existingPrograms = await loadByRefs<LeasingProgramRow>(
		trx,
		'leasing_program',
		doc.leasingPrograms.map((l) => l.ref),
	)
	const programPlan = planUpserts(
		doc.leasingPrograms.map((l) => programColumns(l, orgId(l.org))),
		existingPrograms,
		PROGRAM_JSON,
		(row) => ({ status: row?.status ?? 'active' }),
		now,
	)
	const programTotal = doc.leasingPrograms.length
	const changedProgramIds = await upsertRows(trx, 'leasing_program', programPlan.rows, (n) =>
		progress('leasingPrograms', programPlan.count.unchanged + n, programTotal),
	)
	progress('leasingPrograms', programTotal, programTotal)

	const existingDemands = await loadByRefs<DemandRow>(
		trx,
		'demand',
		doc.demands.map((d) => d.ref),
	)
	const demandPlan = planUpserts(
		doc.demands.map((d) => demandColumns(d, orgId(d.org))),
		existingDemands,
		DEMAND_JSON,
		(row) =>
			!row || row.status === 'draft'
				? { status: 'open', published_at: row?.published_at ?? now }
				: { status: row.status, published_at: row.published_at },
		now,
	)
	const demandTotal = doc.demands.length
	const changedDemandIds = await upsertRows(trx, 'demand', demandPlan.rows, (n) =>
		progress('demands', demandPlan.count.unchanged + n, demandTotal),
	)
	progress('demands', demandTotal, demandTotal)

	// The outbox: every changed record, plus what its documents are built from. An organization's
	// name and badge appear on its products', programmes' and demands' documents; a product counts
	// towards its organization's document (product count, categories), the old owner's too if it moved.
	const orgIds = new Set(changedOrgIds.values())
	const productIds = new Set(changedProductIds.values())
	const programIds = new Set(changedProgramIds.values())
	const demandIds = new Set(changedDemandIds.values())
	const updatedOrgIds = [...changedOrgIds.entries()].filter(([ref]) => orgsByRef.has(ref)).map(([, id]) => id)
	for (const id of await idsWhereOrgIn(trx, 'product', updatedOrgIds)) productIds.add(id)
	for (const id of await idsWhereOrgIn(trx, 'leasing_program', updatedOrgIds)) programIds.add(id)
	for (const id of await idsWhereOrgIn(trx, 'demand', updatedOrgIds)) demandIds.add(id)
	for (const row of productPlan.rows) {
		orgIds.add(row.organization_id as number)
		const before = existingProducts.get(row.ref as string)
		if (before) orgIds.add(before.organization_id)
	}
	const outbox: Array<[SearchEntity, Set<number>]> = [
		['organization', orgIds],
		['product', productIds],
		['leasing_program', programIds],
		['demand', demandIds],
	]
	for (const [entity, ids] of outbox)
		await enqueueSearchSync(
			trx,
			entity,
			[...ids].sort((a, b) => a - b),
		)

	return {
		ok: true,
		counts: {
			organizations: orgPlan.count,
			products: productPlan.count,
			leasingPrograms: programPlan.count,
			demands: demandPlan.count,
		},
	}
}

// ───────────────────────────── export ─────────────────────────────

/** Drops null, undefined, empty arrays and empty objects: absent and empty mean the same on import. */
function compact<T extends Record<string, unknown>>(obj: T): T {
	const out: Record<string, unknown> = {}
	for (const [k, v] of Object.entries(obj)) {
		if (v === null || v === undefined) continue
		if (Array.isArray(v) && v.length === 0) continue
		if (isObject(v) && Object.keys(v).length === 0) continue
		out[k] = v
	}
	return out as T
}

function toExchangeOrganization(row: OrganizationRow): ExchangeOrganization {
	const contact = compact({ person: row.contact_person, phone: row.contact_phone, email: row.contact_email })
	return compact({
		ref: row.ref,
		name: row.name,
		nameEn: row.name_en,
		uscc: row.uscc,
		roles: parseJsonArray(row.roles).filter((r): r is OrgRole => (ORG_ROLES as readonly string[]).includes(r)),
		inZone: row.in_zone === 1,
		area: row.area,
		industry: row.industry,
		description: row.description,
		website: row.website,
		contact,
	})
}

function toExchangeProduct(row: ProductRow, orgRef: string): ExchangeProduct {
	return compact({
		ref: row.ref,
		org: orgRef,
		kind: row.kind,
		category: row.category_key as ExchangeProduct['category'],
		name: row.name,
		nameEn: row.name_en,
		model: row.model,
		brand: row.brand,
		description: row.description,
		specs: parseJsonObject(row.specs),
		energyGrade: row.energy_grade,
		priceMin: row.price_min,
		priceMax: row.price_max,
		leadTimeDays: row.lead_time_days,
		certifications: parseJsonArray(row.certifications),
		tags: parseJsonArray(row.tags),
	})
}

function toExchangeLeasingProgram(row: LeasingProgramRow, orgRef: string): ExchangeLeasingProgram {
	return compact({
		ref: row.ref,
		org: orgRef,
		name: row.name,
		categories: parseJsonArray(row.categories) as ExchangeLeasingProgram['categories'],
		amountMin: row.amount_min,
		amountMax: row.amount_max,
		termMonthsMin: row.term_months_min,
		termMonthsMax: row.term_months_max,
		rateMin: row.rate_min,
		rateMax: row.rate_max,
		downPaymentMin: row.down_payment_min,
		structures: parseJsonArray(row.structures) as NonNullable<ExchangeLeasingProgram['structures']>,
		serviceFeePct: row.service_fee_pct,
		depositPct: row.deposit_pct,
		industries: parseJsonArray(row.industries),
		description: row.description,
	})
}

function toExchangeDemand(row: DemandRow, orgRef: string): ExchangeDemand {
	const oldEquipment = compact({
		name: row.old_name,
		model: row.old_model,
		installedYear: row.old_installed_year,
		quantity: row.old_quantity,
		energyGrade: row.old_energy_grade,
		annualEnergyKwh: row.old_annual_energy_kwh,
	})
	return compact({
		ref: row.ref,
		org: orgRef,
		title: row.title,
		category: row.category_key as ExchangeDemand['category'],
		domain: row.domain as ExchangeDemand['domain'],
		description: row.description,
		keySpecs: parseJsonObject(row.key_specs),
		quantity: row.quantity,
		budgetMin: row.budget_min,
		budgetMax: row.budget_max,
		neededBy: row.needed_by,
		minEnergyGrade: row.min_energy_grade,
		preferInZone: row.prefer_in_zone === 1,
		financing: row.financing,
		oldEquipment,
	})
}

/**
 * The whole catalogue as an exchange document (every status, contacts and budgets included: this
 * is the administrator's backup / transfer format, never served to the public).
 */
export async function exportExchange(db: Db, options: { onProgress?: ProgressFn } = {}): Promise<ExchangeDocument> {
	const progress = options.onProgress ?? (() => {})
	const orgRows = await db.selectFrom('organization').selectAll().orderBy('id').execute()
	const refById = new Map(orgRows.map((r) => [r.id, r.ref]))
	const orgRef = (id: number): string => refById.get(id) ?? String(id)
	const organizations = orgRows.map(toExchangeOrganization)
	progress('organizations', organizations.length, organizations.length)

	const products: ExchangeProduct[] = []
	const productTotal = Number(
		(
			await db
				.selectFrom('product')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n,
	)
	// Keyset pages keep memory flat in the query layer on a large catalogue.
	let lastId = 0
	for (;;) {
		const rows = await db.selectFrom('product').selectAll().where('id', '>', lastId).orderBy('id').limit(5000).execute()
		if (rows.length === 0) break
		for (const row of rows) products.push(toExchangeProduct(row, orgRef(row.organization_id)))
		lastId = rows[rows.length - 1]!.id
		progress('products', products.length, productTotal)
	}
	progress('products', products.length, products.length)

	const programRows = await db.selectFrom('leasing_program').selectAll().orderBy('id').execute()
	const leasingPrograms = programRows.map((r) => toExchangeLeasingProgram(r, orgRef(r.organization_id)))
	progress('leasingPrograms', leasingPrograms.length, leasingPrograms.length)

	const demandRows = await db.selectFrom('demand').selectAll().orderBy('id').execute()
	const demands = demandRows.map((r) => toExchangeDemand(r, orgRef(r.organization_id)))
	progress('demands', demands.length, demands.length)

	return { version: 1, organizations, products, leasingPrograms, demands }
}

/** Counts of an import as one line per collection, for the CLI and logs. */
export function formatImportCounts(counts: ImportCounts): string[] {
	return COLLECTIONS.map((key) => {
		const c = counts[key]
		return `${key}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`
	})
}
