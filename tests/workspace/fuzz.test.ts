import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrgProduct } from '#app/models/workspace-product.server.ts'
import {
	EditProductActionSchema,
	ImportProductsSchema,
	NewProductActionSchema,
} from '#app/models/workspace-product.schema.ts'
import * as editRoute from '#app/routes/workspace.products.$id.tsx'
import * as importRoute from '#app/routes/workspace.products.import.tsx'
import * as newRoute from '#app/routes/workspace.products.new.tsx'
import { appContext, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import {
	HTML_BYTES,
	JPEG_BYTES,
	createSupplier,
	productFields,
	tinyPng,
	totalChanges,
	type Supplier,
} from './helpers.ts'

/**
 * F1 (RELIABILITY R21) for every form action of the workspace: arbitrary form data (and arbitrary
 * files where a form takes files). Input the schema rejects must come back 400/413/422 with errors
 * and change no row (SQLite total_changes()); no input may ever end in anything but a Response
 * (a 5xx). Input the schema accepts may write — but a 4xx never does.
 * Replay a failure with FC_SEED=<seed printed below>.
 */

let test: TestContext
let supplier: Supplier
let productId: number

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NUM_RUNS = Number(process.env.FC_RUNS ?? 100)
const figures = { runs: 0, rejected: 0, accepted: 0, fiveXX: 0, rowsWritten: 0, statuses: new Map<number, number>() }

beforeAll(async () => {
	test = await createTestContext()
	supplier = await createSupplier(test)
	productId = (
		await createOrgProduct(
			test.db,
			{ userId: supplier.userId, organizationId: supplier.orgId, ip: null },
			{
				name: '模糊测试产品',
				nameEn: null,
				kind: 'equipment',
				category: 'pump',
				model: null,
				brand: null,
				description: null,
				specs: [],
				energyGrade: null,
				priceMin: null,
				priceMax: null,
				leadTimeDays: null,
				certifications: [],
				tags: [],
			},
		)
	).id
})

afterAll(async () => {
	const statuses = [...figures.statuses.entries()]
		.sort(([a], [b]) => a - b)
		.map(([s, n]) => `${s}:${n}`)
		.join(',')
	console.log(
		`F1 fuzz workspace: runs=${figures.runs} rejected=${figures.rejected} accepted=${figures.accepted} ` +
			`5xx=${figures.fiveXX} rows_written=${figures.rowsWritten} seed=${seed} statuses=${statuses}`,
	)
	await test.cleanup()
})

const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800',
	'a'.repeat(9000),
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'__proto__',
	'constructor',
	'on',
	'-1',
	'0',
	'1',
	'3',
	'4',
	'1.5',
	'1e309',
	'NaN',
	'Infinity',
	'9007199254740993',
	'１２３',
	'120000',
	'{"a":1}',
	'[]',
	'equipment',
	'service',
	'compressor',
	'不存在',
	'save',
	'addSpecRow',
	'submit',
	'archive',
	'restore',
	'deleteImage',
	'uploadImages',
	'upload',
	'额定功率',
	'CE，CCC；ISO',
	'a,'.repeat(40),
)
const value = fc.oneof(
	{ weight: 3, arbitrary: nasty },
	{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
)
const values = fc.oneof(
	{ weight: 4, arbitrary: value.map((v) => [v]) },
	{ weight: 1, arbitrary: fc.array(value, { minLength: 0, maxLength: 3 }) },
)

const PRODUCT_FIELDS = [
	'intent',
	'name',
	'nameEn',
	'kind',
	'category',
	'model',
	'brand',
	'description',
	'specs[0].key',
	'specs[0].value',
	'specs[1].key',
	'specs[1].value',
	'specs[99].key',
	'specs',
	'energyGrade',
	'priceMin',
	'priceMax',
	'leadTimeDays',
	'certifications',
	'tags',
]
const RESERVED = ['__intent__', '__state__', 'intent', 'specs[0]', 'specs.key', 'extra', '']

/** Form entries with the action's own field names (some missing, some repeated) plus junk keys. */
function formArb(fields: string[]) {
	const known = fc.record(Object.fromEntries(fields.map((f) => [f, values])), { requiredKeys: [] })
	const junk = fc.dictionary(fc.oneof(fc.constantFrom(...RESERVED), fc.string({ maxLength: 12 })), values, {
		maxKeys: 3,
	})
	return fc
		.tuple(known, fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junk }))
		.map(([a, b]) =>
			[...Object.entries(a), ...Object.entries(b)].flatMap(([k, vs]) =>
				(vs as string[]).map((v): [string, string] => [k, v]),
			),
		)
}

/** A valid product form with one or two fields replaced: reaches the model and the database. */
function nearValidArb(fields: string[], intents: string[]) {
	return fc
		.tuple(
			fc.constantFrom(...intents),
			fc.dictionary(fc.constantFrom(...fields), values, { maxKeys: 2 }),
			fc.option(fc.integer({ min: -2, max: 50 }).map(String)),
		)
		.map(([intent, perturb, imageId]) => {
			const base: Record<string, string[]> = Object.fromEntries(
				Object.entries(productFields({ intent })).map(([k, v]) => [k, [v]]),
			)
			if (imageId !== null && fields.includes('imageId')) base.imageId = [imageId]
			if (intent !== 'save' && intent !== 'addSpecRow') {
				for (const k of Object.keys(base)) if (k !== 'intent' && k !== 'imageId') delete base[k]
			}
			return Object.entries({ ...base, ...perturb }).flatMap(([k, vs]) =>
				(vs as string[]).map((v): [string, string] => [k, v]),
			)
		})
}

/** Files: garbage, HTML, real image magic, with names that try every trick. */
const fileArb = (fields: string[]) =>
	fc.record({
		name: fc.constantFrom(
			'a.png',
			'a.jpg',
			'a.webp',
			'a.csv',
			'a.xlsx',
			'../../x.png',
			'a.png.html',
			'x',
			'',
			'名录.csv',
		),
		bytes: fc.oneof(
			fc.uint8Array({ maxLength: 64 }),
			fc.constant(tinyPng()),
			fc.constant(JPEG_BYTES),
			fc.constant(HTML_BYTES),
			fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`编号(ref),类别(category),名称\n${s}`)),
		),
		field: fc.constantFrom(...fields),
	})

function toFormData(
	entries: Array<[string, string]>,
	files: Array<{ name: string; bytes: Uint8Array; field: string }>,
) {
	const fd = new FormData()
	for (const [k, v] of entries) fd.append(k, v)
	for (const f of files) fd.append(f.field, new File([f.bytes as BlobPart], f.name))
	return fd
}

function clone(fd: FormData): FormData {
	const copy = new FormData()
	for (const [k, v] of fd.entries()) copy.append(k, v)
	return copy
}

function rejectedBySchema(fd: FormData, schema: ZodTypeAny): boolean {
	const copy = clone(fd)
	copy.delete('__intent__')
	copy.delete('__state__')
	return parseWithZod(copy, { schema }).status !== 'success'
}

type Case = {
	name: string
	action: (args: ActionFunctionArgs) => Promise<unknown>
	path: () => string
	params: () => Record<string, string>
	fields: string[]
	intents: string[]
	schema: ZodTypeAny
	/** Where files go: mostly the form's own file field, sometimes a text field. */
	fileFields: string[]
}

const CASES: Case[] = [
	{
		name: 'workspace.products.new',
		action: newRoute.action,
		path: () => '/workspace/products/new',
		params: () => ({}),
		fields: PRODUCT_FIELDS,
		intents: ['save', 'addSpecRow'],
		schema: NewProductActionSchema,
		fileFields: [],
	},
	{
		name: 'workspace.products.$id',
		action: editRoute.action,
		path: () => `/workspace/products/${productId}`,
		params: () => ({ id: String(productId) }),
		fields: [...PRODUCT_FIELDS, 'imageId', 'images'],
		intents: ['save', 'addSpecRow', 'submit', 'archive', 'restore', 'deleteImage', 'uploadImages'],
		schema: EditProductActionSchema,
		fileFields: ['images', 'images', 'images', 'name', 'file'],
	},
	{
		name: 'workspace.products.import',
		action: importRoute.action,
		path: () => '/workspace/products/import',
		params: () => ({}),
		fields: ['intent', 'file'],
		intents: ['upload'],
		schema: ImportProductsSchema,
		fileFields: ['file', 'file', 'file', 'intent', 'images'],
	},
]

describe('F1: arbitrary input to every workspace form action', () => {
	for (const c of CASES) {
		it(`${c.name}: rejected input → 400/413/422, no row; never 5xx; a 4xx never writes`, async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(formArb(c.fields), nearValidArb(c.fields, c.intents)),
					c.fileFields.length > 0
						? fc.array(fileArb(c.fileFields), { maxLength: 3 })
						: fc.constant([] as Array<{ name: string; bytes: Uint8Array; field: string }>),
					async (entries, files) => {
						figures.runs++
						const fd = toFormData(entries, files)
						const rejected = rejectedBySchema(fd, c.schema)
						const before = totalChanges(test)
						let status: number
						try {
							const out = await run(() =>
								c.action({
									request: post(c.path(), fd, { cookie: supplier.cookie }),
									context: appContext(test, '10.5.0.1'),
									params: c.params(),
								}),
							)
							status = out.status
							if (rejected && status === 400) {
								expect((out.data as { result?: { error?: unknown } }).result?.error).toBeTruthy()
							}
						} catch (error) {
							figures.fiveXX++
							throw error
						}
						figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1)
						const written = totalChanges(test) - before
						expect(status).toBeLessThan(500)
						if (rejected) {
							figures.rejected++
							figures.rowsWritten += written
							expect([400, 413, 422]).toContain(status)
							expect(written).toBe(0)
						} else {
							figures.accepted++
							if (status >= 400) expect(written).toBe(0)
						}
					},
				),
				{ numRuns: NUM_RUNS, seed },
			)
		}, 120_000)
	}
})
