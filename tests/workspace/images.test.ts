import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES, checkImage, extensionMime, sniffImageMime } from '#app/models/product-image.server.ts'
import { createOrgProduct, setProductStatusByAdmin } from '#app/models/workspace-product.server.ts'
import * as mediaRoute from '#app/routes/media.products.$imageId.ts'
import * as editRoute from '#app/routes/workspace.products.$id.tsx'
import { appContext, createTestUser, fieldErrors, get, post, run } from '#tests/auth/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import {
	HTML_BYTES,
	JPEG_BYTES,
	WEBP_BYTES,
	createSupplier,
	multipart,
	tinyPng,
	totalChanges,
	type Supplier,
} from './helpers.ts'

/** Product images (R27, R28): type by magic bytes and extension, server-made names, limits, nosniff. */

let test: TestContext
let supplier: Supplier
let adminId: number

const ctx = () => appContext(test, '10.7.0.1')

beforeAll(async () => {
	test = await createTestContext()
	supplier = await createSupplier(test)
	adminId = (await createTestUser(test, { isAdmin: true })).id
})
afterAll(async () => test.cleanup())

async function newProduct(name = '图片测试产品') {
	const { id } = await createOrgProduct(
		test.db,
		{ userId: supplier.userId, organizationId: supplier.orgId, ip: null },
		{
			name,
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
	return id
}

function upload(productId: number, files: Array<{ name: string; bytes: Uint8Array; type?: string }>) {
	return run(() =>
		editRoute.action({
			request: post(`/workspace/products/${productId}`, multipart({ intent: 'uploadImages' }, files), {
				cookie: supplier.cookie,
			}),
			context: ctx(),
			params: { id: String(productId) },
		}),
	)
}

function media(imageId: number, cookie: string | null = null) {
	return mediaRoute.loader({
		request: get(`/media/products/${imageId}`, { cookie }),
		context: ctx(),
		params: { imageId: String(imageId) },
	}) as Promise<Response>
}

async function imagesOf(productId: number) {
	return test.db.selectFrom('product_image').selectAll().where('product_id', '=', productId).orderBy('id').execute()
}

describe('checking a file', () => {
	it('knows JPEG, PNG and WebP by their first bytes and by their extension, and wants both to agree', () => {
		expect(sniffImageMime(tinyPng())).toBe('image/png')
		expect(sniffImageMime(JPEG_BYTES)).toBe('image/jpeg')
		expect(sniffImageMime(WEBP_BYTES)).toBe('image/webp')
		expect(sniffImageMime(HTML_BYTES)).toBeNull()
		expect(sniffImageMime(new Uint8Array([0x89, 0x50]))).toBeNull()
		expect(extensionMime('照片.JPEG')).toBe('image/jpeg')
		expect(extensionMime('x.png.html')).toBeNull()
		expect(checkImage('a.png', tinyPng())).toEqual({ ok: true, mime: 'image/png' })
		expect(checkImage('a.png', HTML_BYTES)).toEqual({ ok: false, error: 'errors.imageType' })
		expect(checkImage('a.svg', tinyPng())).toEqual({ ok: false, error: 'errors.imageType' })
		expect(checkImage('a.jpg', tinyPng())).toEqual({ ok: false, error: 'errors.imageMismatch' })
		expect(checkImage('a.png', new Uint8Array())).toEqual({ ok: false, error: 'errors.imageEmpty' })
	})
})

describe('uploading and serving', () => {
	it('accepts a PNG, stores it under a generated name, and serves it with nosniff to its owner only', async () => {
		const id = await newProduct()
		const out = await upload(id, [{ name: '../../etc/passwd.png', bytes: tinyPng(), type: 'text/html' }])
		expect(out.status).toBe(302)
		expect(out.location).toBe(`/workspace/products/${id}?imagesAdded=1`)
		const [row] = await imagesOf(id)
		expect(row).toMatchObject({ mime: 'image/png', bytes: tinyPng().byteLength })
		expect(row!.file_name).toMatch(/^[0-9a-f]{32}\.png$/)
		const dir = join(test.env.dataDir, 'uploads', 'products', String(id))
		expect(readdirSync(dir)).toEqual([row!.file_name])

		const res = await media(row!.id, supplier.cookie)
		expect(res.status).toBe(200)
		// The type sniffed at upload, never the client's claimed text/html.
		expect(res.headers.get('Content-Type')).toBe('image/png')
		expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(res.headers.get('Content-Disposition')).toBe(`inline; filename="product-${id}-${row!.id}.png"`)
		expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(tinyPng())

		// Anonymous: the same 404 as a missing image, until the product is public.
		const anonymous = await run(() => media(row!.id))
		expect(anonymous.status).toBe(404)
		expect((await run(() => media(999_999))).status).toBe(404)
		await editRoute.action({
			request: post(`/workspace/products/${id}`, { intent: 'submit' }, { cookie: supplier.cookie }),
			context: ctx(),
			params: { id: String(id) },
		})
		expect(
			(await setProductStatusByAdmin(test.db, { productId: id, to: 'published', adminUserId: adminId, ip: null })).ok,
		).toBe(true)
		const published = await media(row!.id)
		expect(published.status).toBe(200)
		expect(published.headers.get('Cache-Control')).toBe('public, max-age=300')
	})

	it('adding an image to a published product sends it back to review', async () => {
		const id = await newProduct('发布后加图')
		await editRoute.action({
			request: post(`/workspace/products/${id}`, { intent: 'submit' }, { cookie: supplier.cookie }),
			context: ctx(),
			params: { id: String(id) },
		})
		await setProductStatusByAdmin(test.db, { productId: id, to: 'published', adminUserId: adminId, ip: null })
		expect((await upload(id, [{ name: 'b.webp', bytes: WEBP_BYTES }])).status).toBe(302)
		const row = await test.db.selectFrom('product').select('status').where('id', '=', id).executeTakeFirstOrThrow()
		expect(row.status).toBe('pending')
	})

	it('rejects HTML renamed .png, a wrong extension and an empty file, writing nothing', async () => {
		const id = await newProduct()
		for (const [file, error] of [
			[{ name: 'evil.png', bytes: HTML_BYTES, type: 'image/png' }, 'errors.imageType'],
			[{ name: 'photo.jpg', bytes: tinyPng() }, 'errors.imageMismatch'],
			[{ name: 'shell.php', bytes: JPEG_BYTES }, 'errors.imageType'],
		] as const) {
			const changes = totalChanges(test)
			const out = await upload(id, [file])
			expect(out.status, file.name).toBe(422)
			expect(fieldErrors(out.data).images, file.name).toEqual([error])
			expect(totalChanges(test) - changes).toBe(0)
		}
		// One bad file among good ones: none is stored.
		const mixed = await upload(id, [
			{ name: 'ok.png', bytes: tinyPng() },
			{ name: 'evil.png', bytes: HTML_BYTES },
		])
		expect(mixed.status).toBe(422)
		expect(await imagesOf(id)).toHaveLength(0)
		expect(existsSync(join(test.env.dataDir, 'uploads', 'products', String(id)))).toBe(false)
	})

	it('takes at most 6 images per product: the 7th is refused', async () => {
		const id = await newProduct()
		const six = Array.from({ length: 6 }, (_, i) => ({
			name: `p${i}.${['png', 'jpg', 'webp'][i % 3]}`,
			bytes: [tinyPng(), JPEG_BYTES, WEBP_BYTES][i % 3]!,
		}))
		expect((await upload(id, six.slice(0, 4))).status).toBe(302)
		expect((await upload(id, six.slice(4))).status).toBe(302)
		expect(await imagesOf(id)).toHaveLength(6)
		const changes = totalChanges(test)
		const seventh = await upload(id, [{ name: 'p7.png', bytes: tinyPng() }])
		expect(seventh.status).toBe(422)
		expect(fieldErrors(seventh.data).images).toEqual(['errors.imageLimit'])
		expect(totalChanges(test) - changes).toBe(0)
		expect(readdirSync(join(test.env.dataDir, 'uploads', 'products', String(id)))).toHaveLength(6)
		// Seven files in one request never get buffered: a 413.
		const other = await newProduct()
		const seven = await upload(other, [...six, { name: 'p7.png', bytes: tinyPng() }])
		expect(seven.status).toBe(413)
		expect(await imagesOf(other)).toHaveLength(0)
	})

	it('a file over 5 MB is a 413 with a clear message, not a 500', async () => {
		const id = await newProduct()
		const big = new Uint8Array(MAX_IMAGE_BYTES + 1)
		big.set(tinyPng())
		const out = await upload(id, [{ name: 'big.png', bytes: big }])
		expect(out.status).toBe(413)
		expect((out.data as { result: { error: Record<string, string[]> } }).result.error['']).toEqual([
			'errors.uploadTooLarge',
		])
		expect(await imagesOf(id)).toHaveLength(0)
	})

	it('deletes an image: row and file', async () => {
		const id = await newProduct()
		await upload(id, [{ name: 'a.png', bytes: tinyPng() }])
		const [row] = await imagesOf(id)
		const out = await run(() =>
			editRoute.action({
				request: post(
					`/workspace/products/${id}`,
					{ intent: 'deleteImage', imageId: String(row!.id) },
					{ cookie: supplier.cookie },
				),
				context: ctx(),
				params: { id: String(id) },
			}),
		)
		expect(out.location).toBe(`/workspace/products/${id}?done=imageDeleted`)
		expect(await imagesOf(id)).toHaveLength(0)
		expect(readdirSync(join(test.env.dataDir, 'uploads', 'products', String(id)))).toEqual([])
		expect((await run(() => media(row!.id, supplier.cookie))).status).toBe(404)
	})
})
