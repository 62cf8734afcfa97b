import { deflateSync } from 'node:zlib'
import type { TestContext } from '#tests/helpers/context.ts'
import { createTestOrg, createTestUser, randomUscc } from '#tests/auth/helpers.ts'

/**
 * Suppliers with signed-in users, request builders and image bytes for the workspace tests.
 * Users and organizations go straight into the database (tests/auth/helpers.ts); the session
 * cookie is a real one, so every loader and action runs its real guard.
 */

export type Supplier = { orgId: number; orgRef: string; userId: number; cookie: string }

export async function createSupplier(
	test: TestContext,
	options: { status?: 'pending' | 'verified'; roles?: string[]; name?: string } = {},
): Promise<Supplier> {
	const orgId = await createTestOrg(test, {
		uscc: randomUscc(),
		status: options.status ?? 'verified',
		roles: options.roles ?? ['supplier'],
		name: options.name,
	})
	const user = await createTestUser(test, { organizationId: orgId, orgRole: 'owner' })
	const org = await test.db.selectFrom('organization').select('ref').where('id', '=', orgId).executeTakeFirstOrThrow()
	return { orgId, orgRef: org.ref, userId: user.id, cookie: user.cookie }
}

/** The fields of a valid product form. */
export function productFields(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const fields: Record<string, string | undefined> = {
		intent: 'save',
		name: '永磁变频螺杆空压机',
		nameEn: 'PM VSD screw compressor',
		kind: 'equipment',
		category: 'compressor',
		model: 'LG-37PM',
		brand: '泰达',
		description: '两级压缩，比传统机型节能 30%。',
		'specs[0].key': '额定功率',
		'specs[0].value': '37 kW',
		'specs[1].key': '排气压力',
		'specs[1].value': '0.8 MPa',
		'specs[2].key': '',
		'specs[2].value': '',
		energyGrade: '1',
		priceMin: '120000',
		priceMax: '150000',
		leadTimeDays: '30',
		certifications: 'CCC，CE',
		tags: '节能; 变频',
		...overrides,
	}
	return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined))
}

/** A FormData with string fields and files. */
export function multipart(
	fields: Record<string, string>,
	files: Array<{ name: string; field?: string; bytes: Uint8Array; type?: string }> = [],
): FormData {
	const fd = new FormData()
	for (const [k, v] of Object.entries(fields)) fd.append(k, v)
	for (const f of files)
		fd.append(
			f.field ?? 'images',
			new File([f.bytes as BlobPart], f.name, { type: f.type ?? 'application/octet-stream' }),
		)
	return fd
}

function crc32(buf: Uint8Array): number {
	let c = ~0
	for (const byte of buf) {
		c ^= byte
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
	}
	return ~c >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
	const len = Buffer.alloc(4)
	len.writeUInt32BE(data.length)
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(body))
	return Buffer.concat([len, body, crc])
}

/** A real 2×2 PNG (a browser can show it). */
export function tinyPng(): Uint8Array {
	const ihdr = Buffer.alloc(13)
	ihdr.writeUInt32BE(2, 0)
	ihdr.writeUInt32BE(2, 4)
	ihdr[8] = 8
	ihdr[9] = 2
	const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255])
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(raw)),
			chunk('IEND', new Uint8Array()),
		]),
	)
}

/** The first bytes of a JPEG and a WebP: enough for the magic-number check. */
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])
export const WEBP_BYTES = new Uint8Array([...Buffer.from('RIFF'), 26, 0, 0, 0, ...Buffer.from('WEBPVP8 '), 0, 0, 0, 0])
export const HTML_BYTES = new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>')

/** Whether Meilisearch holds a document for the product right now. */
export async function inIndex(test: TestContext, productId: number): Promise<boolean> {
	try {
		await test.search.client.index(test.search.indexName('products')).getDocument(productId)
		return true
	} catch {
		return false
	}
}

/** SQLite's count of rows changed on this connection: a request that must write nothing leaves it alone. */
export function totalChanges(test: TestContext): number {
	return Number((test.sqlite.prepare('select total_changes() as n').get() as { n: number }).n)
}
