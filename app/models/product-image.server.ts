import { randomBytes } from 'node:crypto'
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
	MaxPartSizeExceededError,
	unstable_createMemoryUploadHandler as createMemoryUploadHandler,
	unstable_parseMultipartFormData as parseMultipartFormData,
	type UploadHandler,
} from '@remix-run/node'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type { Db, ProductStatus } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import { isPublicProductRow } from './product.server.ts'
import { statusAfterEdit } from './workspace-product.schema.ts'

/**
 * Product images (RELIABILITY R27, R28). A file is accepted only when its extension and its first
 * bytes agree on JPEG, PNG or WebP; it is stored under a name we generate
 * (`DATA_DIR/uploads/products/<product id>/<32 hex>.<ext>`) — the client's filename is never
 * used for anything — and served by /media/products/:imageId with the sniffed type and nosniff.
 * Images are not part of any search document, so they need no outbox row of their own; adding one
 * is an edit, though, and moves a published product back to review like any other edit.
 */

export const MAX_IMAGES_PER_PRODUCT = 6
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp'

const TYPES: Record<ImageMime, { ext: string; extensions: string[] }> = {
	'image/jpeg': { ext: 'jpg', extensions: ['.jpg', '.jpeg'] },
	'image/png': { ext: 'png', extensions: ['.png'] },
	'image/webp': { ext: 'webp', extensions: ['.webp'] },
}

const STORED_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/

export type ProductImage = { id: number; mime: ImageMime; bytes: number; url: string }

/** The image type its first bytes declare (magic numbers), or null. */
export function sniffImageMime(bytes: Uint8Array): ImageMime | null {
	const at = (i: number) => bytes[i]
	if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
	if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png'
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
	return null
}

/** The image type a filename's extension names, or null. */
export function extensionMime(filename: string): ImageMime | null {
	const lower = filename.toLowerCase()
	for (const [mime, t] of Object.entries(TYPES) as Array<[ImageMime, (typeof TYPES)[ImageMime]]>) {
		if (t.extensions.some((e) => lower.endsWith(e))) return mime
	}
	return null
}

export type ImageCheck = { ok: true; mime: ImageMime } | { ok: false; error: string }

/** Extension and magic bytes must both be an allowed type, and the same one (R28). */
export function checkImage(filename: string, bytes: Uint8Array): ImageCheck {
	if (bytes.length === 0) return { ok: false, error: 'errors.imageEmpty' }
	if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: 'errors.imageTooLarge' }
	const byName = extensionMime(filename)
	const byBytes = sniffImageMime(bytes)
	if (!byName || !byBytes) return { ok: false, error: 'errors.imageType' }
	if (byName !== byBytes) return { ok: false, error: 'errors.imageMismatch' }
	return { ok: true, mime: byBytes }
}

export function imageUrl(id: number): string {
	return `/media/products/${id}`
}

function productDir(dataDir: string, productId: number): string {
	return join(dataDir, 'uploads', 'products', String(productId))
}

function toProductImage(row: { id: number; mime: string; bytes: number }): ProductImage {
	return { id: row.id, mime: row.mime as ImageMime, bytes: row.bytes, url: imageUrl(row.id) }
}

/** A product's images in display order (the caller has already checked who may see the product). */
export async function listProductImages(db: Db, productId: number): Promise<ProductImage[]> {
	const rows = await db
		.selectFrom('product_image')
		.select(['id', 'mime', 'bytes'])
		.where('product_id', '=', productId)
		.orderBy('sort')
		.orderBy('id')
		.execute()
	return rows.map(toProductImage)
}

// ───────────────────────────── reading the upload ─────────────────────────────

export type UploadLimits = {
	/** Largest file part, bytes. */
	maxFileBytes: number
	/** Most file parts in one request. */
	maxFiles: number
	/** Largest text part, bytes (default 64 KiB: a description is at most 8,000 characters). */
	maxTextBytes?: number
	/** Most parts of any kind (default 300). */
	maxParts?: number
}

export type UploadRead = { ok: true; formData: FormData } | { ok: false; status: 400 | 413; error: string }

const TOO_MANY = Symbol('too many parts')

/**
 * Reads a form body within limits, so memory stays bounded whatever is sent (R27): multipart
 * through Remix's memory upload handler (a part over its cap is a MaxPartSizeExceededError, and a
 * 413 here, not a 500), URL-encoded up to the text limits. A body that is not a form is a 400.
 */
export async function readFormWithLimits(request: Request, limits: UploadLimits): Promise<UploadRead> {
	const maxTextBytes = limits.maxTextBytes ?? 64 * 1024
	const maxParts = limits.maxParts ?? 300
	const maxTotal = limits.maxFiles * limits.maxFileBytes + maxParts * 1024 + 1024 * 1024
	const declared = Number(request.headers.get('Content-Length') ?? '0')
	if (Number.isFinite(declared) && declared > maxTotal)
		return { ok: false, status: 413, error: 'errors.uploadTooLarge' }
	const type = request.headers.get('Content-Type') ?? ''
	if (!/^multipart\/form-data/i.test(type)) {
		try {
			const text = await readCapped(request, maxParts * 1024 + maxTextBytes)
			if (text === null) return { ok: false, status: 413, error: 'errors.uploadTooLarge' }
			const formData = new FormData()
			for (const [k, v] of new URLSearchParams(text)) formData.append(k, v)
			return { ok: true, formData }
		} catch {
			return { ok: false, status: 400, error: 'errors.invalid' }
		}
	}
	const files = createMemoryUploadHandler({ maxPartSize: limits.maxFileBytes })
	const texts = createMemoryUploadHandler({ maxPartSize: maxTextBytes })
	let parts = 0
	let fileParts = 0
	const handler: UploadHandler = async (part) => {
		parts++
		if (parts > maxParts) throw TOO_MANY
		if (typeof part.filename === 'string') {
			fileParts++
			if (fileParts > limits.maxFiles) throw TOO_MANY
			return files(part)
		}
		return texts(part)
	}
	try {
		return { ok: true, formData: await parseMultipartFormData(request, handler) }
	} catch (error) {
		if (error === TOO_MANY) return { ok: false, status: 413, error: 'errors.tooManyFiles' }
		if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, error: 'errors.uploadTooLarge' }
		// A malformed body (no boundary, truncated parts) is the client's problem, not a 500.
		return { ok: false, status: 400, error: 'errors.invalid' }
	}
}

async function readCapped(request: Request, max: number): Promise<string | null> {
	if (!request.body) return ''
	const reader = request.body.getReader()
	const chunks: Uint8Array[] = []
	let size = 0
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		size += value.byteLength
		if (size > max) {
			await reader.cancel()
			return null
		}
		chunks.push(value)
	}
	return Buffer.concat(chunks).toString('utf8')
}

// ───────────────────────────── writes ─────────────────────────────

export type ImageActor = { userId: number; organizationId: number; ip: string | null }

export type AddImagesResult =
	| { ok: true; added: number; status: ProductStatus }
	| { ok: false; error: 'notFound' }
	| { ok: false; error: 'archived' }
	| { ok: false; error: 'imageLimit'; remaining: number }
	| { ok: false; error: 'fileErrors'; files: Array<{ index: number; error: string }> }

/**
 * Checks and stores images for the organization's product. Every file is checked before
 * anything is written; the files go to disk first and their rows in one transaction that
 * re-checks ownership and the limit — if it fails, the files are removed again.
 */
export async function addProductImages(
	db: Db,
	dataDir: string,
	actor: ImageActor,
	productId: number,
	files: File[],
): Promise<AddImagesResult> {
	const product = await db
		.selectFrom('product')
		.select(['id', 'status'])
		.where('id', '=', productId)
		.where('organization_id', '=', actor.organizationId)
		.executeTakeFirst()
	if (!product) return { ok: false, error: 'notFound' }
	if (product.status === 'archived') return { ok: false, error: 'archived' }

	const checked: Array<{ bytes: Uint8Array; mime: ImageMime }> = []
	const fileErrors: Array<{ index: number; error: string }> = []
	for (const [index, file] of files.entries()) {
		if (file.size > MAX_IMAGE_BYTES) {
			fileErrors.push({ index, error: 'errors.imageTooLarge' })
			continue
		}
		const bytes = new Uint8Array(await file.arrayBuffer())
		const check = checkImage(file.name, bytes)
		if (check.ok) checked.push({ bytes, mime: check.mime })
		else fileErrors.push({ index, error: check.error })
	}
	if (fileErrors.length > 0) return { ok: false, error: 'fileErrors', files: fileErrors }

	const existing = await countImages(db, productId)
	if (existing + checked.length > MAX_IMAGES_PER_PRODUCT)
		return { ok: false, error: 'imageLimit', remaining: Math.max(0, MAX_IMAGES_PER_PRODUCT - existing) }

	const dir = productDir(dataDir, productId)
	await mkdir(dir, { recursive: true })
	const stored: Array<{ name: string; mime: ImageMime; bytes: number }> = []
	try {
		for (const c of checked) {
			const name = `${randomBytes(16).toString('hex')}.${TYPES[c.mime].ext}`
			await writeFile(join(dir, name), c.bytes, { flag: 'wx' })
			stored.push({ name, mime: c.mime, bytes: c.bytes.byteLength })
		}
		const result = await db.transaction().execute(async (trx): Promise<AddImagesResult> => {
			const row = await trx
				.selectFrom('product')
				.select(['id', 'status'])
				.where('id', '=', productId)
				.where('organization_id', '=', actor.organizationId)
				.executeTakeFirst()
			if (!row) return { ok: false, error: 'notFound' }
			if (row.status === 'archived') return { ok: false, error: 'archived' }
			const count = await countImages(trx, productId)
			if (count + stored.length > MAX_IMAGES_PER_PRODUCT)
				return { ok: false, error: 'imageLimit', remaining: Math.max(0, MAX_IMAGES_PER_PRODUCT - count) }
			const last = await trx
				.selectFrom('product_image')
				.select((eb) => eb.fn.max('sort').as('sort'))
				.where('product_id', '=', productId)
				.executeTakeFirst()
			let sort = Number(last?.sort ?? -1)
			await trx
				.insertInto('product_image')
				.values(
					stored.map((s) => ({ product_id: productId, file_name: s.name, mime: s.mime, bytes: s.bytes, sort: ++sort })),
				)
				.execute()
			const status = statusAfterEdit(row.status)
			await trx
				.updateTable('product')
				.set({
					status,
					status_reason: status === row.status ? undefined : null,
					updated_at: new Date().toISOString(),
				})
				.where('id', '=', productId)
				.execute()
			await recordAudit(trx, {
				actorUserId: actor.userId,
				actorOrgId: actor.organizationId,
				action: 'product.images_add',
				objectType: 'product',
				objectId: productId,
				fromStatus: row.status,
				toStatus: status,
				detail: { added: stored.length },
				ip: actor.ip,
			})
			if (status !== row.status) await enqueueSearchSync(trx, 'product', productId)
			return { ok: true, added: stored.length, status }
		})
		if (!result.ok)
			await removeFiles(
				dir,
				stored.map((s) => s.name),
			)
		return result
	} catch (error) {
		await removeFiles(
			dir,
			stored.map((s) => s.name),
		)
		throw error
	}
}

async function countImages(db: Db, productId: number): Promise<number> {
	const row = await db
		.selectFrom('product_image')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('product_id', '=', productId)
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

async function removeFiles(dir: string, names: string[]): Promise<void> {
	for (const name of names) await unlink(join(dir, name)).catch(() => undefined)
}

/** Deletes one image of the organization's product (row, then file); false when it is not theirs. */
export async function deleteProductImage(
	db: Db,
	dataDir: string,
	actor: ImageActor,
	productId: number,
	imageId: number,
): Promise<boolean> {
	const removed = await db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('product_image')
			.innerJoin('product', 'product.id', 'product_image.product_id')
			.select(['product_image.id', 'product_image.file_name'])
			.where('product_image.id', '=', imageId)
			.where('product.id', '=', productId)
			.where('product.organization_id', '=', actor.organizationId)
			.executeTakeFirst()
		if (!row) return null
		await trx.deleteFrom('product_image').where('id', '=', row.id).execute()
		await trx.updateTable('product').set({ updated_at: new Date().toISOString() }).where('id', '=', productId).execute()
		await recordAudit(trx, {
			actorUserId: actor.userId,
			actorOrgId: actor.organizationId,
			action: 'product.image_delete',
			objectType: 'product',
			objectId: productId,
			detail: { imageId },
			ip: actor.ip,
		})
		return row.file_name
	})
	if (removed === null) return false
	if (STORED_NAME.test(removed)) await removeFiles(productDir(dataDir, productId), [removed])
	return true
}

// ───────────────────────────── serving ─────────────────────────────

export type ImageViewer = { organizationId: number | null; isAdmin: boolean } | null

export type ServableImage = {
	id: number
	productId: number
	mime: ImageMime
	body: Buffer
	/** Anyone may see it (published product of a verified organization): cacheable by shared caches. */
	public: boolean
}

/**
 * The image if this viewer may see it: anyone when the product is public, otherwise only its
 * organization and zone administrators. Undefined for everything else, so a private image and a
 * missing one answer the same 404.
 */
export async function getImageForViewer(
	db: Db,
	dataDir: string,
	imageId: number,
	/** Asked only for a non-public image, so a public one never costs a session lookup. */
	viewer: () => Promise<ImageViewer>,
): Promise<ServableImage | undefined> {
	const row = await db
		.selectFrom('product_image')
		.innerJoin('product', 'product.id', 'product_image.product_id')
		.innerJoin('organization', 'organization.id', 'product.organization_id')
		.select([
			'product_image.id',
			'product_image.product_id',
			'product_image.file_name',
			'product_image.mime',
			'product.status',
			'product.organization_id',
			'organization.status as org_status',
		])
		.where('product_image.id', '=', imageId)
		.executeTakeFirst()
	if (!row) return undefined
	const isPublic = isPublicProductRow({ status: row.status }, { status: row.org_status })
	if (!isPublic) {
		const who = await viewer()
		if (!who || (!who.isAdmin && who.organizationId !== row.organization_id)) return undefined
	}
	if (!STORED_NAME.test(row.file_name) || !(row.mime in TYPES)) return undefined
	try {
		const body = await readFile(join(productDir(dataDir, row.product_id), row.file_name))
		return { id: row.id, productId: row.product_id, mime: row.mime as ImageMime, body, public: isPublic }
	} catch {
		return undefined
	}
}

/** The file extension of a stored type, for the download name. */
export function imageExtension(mime: ImageMime): string {
	return TYPES[mime].ext
}
