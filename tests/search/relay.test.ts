import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { drainOutbox, outboxStatus, retryDelayMs, startSearchRelay } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import { waitForSuccess } from '#app/search/tasks.server.ts'
import type { OrganizationRow } from '#db/schema.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct, updateProductRow } from '#tests/helpers/factories.ts'
import { prepareIndexes, sync } from './helpers.ts'

let ctx: TestContext
let org: OrganizationRow
const quiet = { log: () => {} }

beforeAll(async () => {
	ctx = await createTestContext()
	await prepareIndexes(ctx)
	org = await insertOrganization(ctx.db)
	await sync(ctx)
})
afterAll(async () => ctx.cleanup())
beforeEach(async () => {
	// Every test starts from a drained outbox and healthy indexes.
	await prepareSearchIndexes(ctx, { reconcile: false })
	await sync(ctx)
})

async function indexedIds(): Promise<number[]> {
	const { results } = await ctx.search.client
		.index(ctx.search.indexName('products'))
		.getDocuments({ limit: 1000, fields: ['id'] })
	return results.map((d) => Number(d.id)).sort((a, b) => a - b)
}

async function outboxRows(entityId: number) {
	return ctx.db
		.selectFrom('search_outbox')
		.selectAll()
		.where('entity', '=', 'product')
		.where('entity_id', '=', entityId)
		.execute()
}

describe('drainOutbox', () => {
	it('makes a write searchable, and an archive disappear', async () => {
		const p = await insertProduct(ctx.db, org.id, { name: '变频器 ACS580' })
		expect(await indexedIds()).not.toContain(p.id)
		const r = await drainOutbox(ctx, quiet)
		expect(r).toMatchObject({ failed: 0, lastError: null })
		expect(r.done).toBe(1)
		expect(await indexedIds()).toContain(p.id)
		expect((await outboxRows(p.id)).every((row) => row.status === 'done' && row.done_at)).toBe(true)

		await updateProductRow(ctx.db, p.id, { status: 'archived' })
		await drainOutbox(ctx, quiet)
		expect(await indexedIds()).not.toContain(p.id)
		// The owner's document counts published products: the relay refreshes it with the product.
		const orgDoc = await ctx.search.client.index(ctx.search.indexName('organizations')).getDocument(org.id)
		expect(orgDoc.productCount).toBe(
			(await ctx.db.selectFrom('product').select('id').where('status', '=', 'published').execute()).length,
		)
	})

	it('coalesces duplicate rows of one entity into one document', async () => {
		const p = await insertProduct(ctx.db, org.id)
		for (let i = 0; i < 5; i++) await updateProductRow(ctx.db, p.id, { name: `空压机 v${i}` })
		const r = await drainOutbox(ctx, { ...quiet, batchSize: 2 })
		expect(r.failed).toBe(0)
		// All eleven rows (product and owner, per write) were covered by the first re-read.
		expect(r.batches).toBe(1)
		expect(r.done).toBe(11)
		expect((await outboxRows(p.id)).every((row) => row.status === 'done')).toBe(true)
		const doc = await ctx.search.client.index(ctx.search.indexName('products')).getDocument(p.id)
		expect(doc.name).toBe('空压机 v4')
	})

	it('leaves rows pending when the index is gone, and never auto-creates it (R39)', async () => {
		await waitForSuccess(ctx.search, ctx.search.client.deleteIndex(ctx.search.indexName('products')))
		const p = await insertProduct(ctx.db, org.id)
		const r = await drainOutbox(ctx, quiet)
		expect(r.missingIndexes).toEqual(['products'])
		expect(r.done).toBe(0)
		const rows = await outboxRows(p.id)
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1 })
		expect(rows[0]!.last_error).toMatch(/missing/)
		expect(Date.parse(rows[0]!.next_attempt_at)).toBeGreaterThan(Date.now())
		// Not due yet: a normal drain leaves it alone.
		expect((await drainOutbox(ctx, quiet)).batches).toBe(0)
		const prep = await prepareSearchIndexes(ctx, { reconcile: false })
		expect(prep.reasons.products).toBe('missing')
		await drainOutbox(ctx, { ...quiet, force: true })
		expect(await indexedIds()).toContain(p.id)
	})

	it('leaves rows pending when Meilisearch fails the task (R39)', async () => {
		// An index whose primary key our documents lack: every addition task ends `failed`.
		const name = ctx.search.indexName('products')
		await waitForSuccess(ctx.search, ctx.search.client.deleteIndex(name))
		await waitForSuccess(ctx.search, ctx.search.client.createIndex(name, { primaryKey: 'sku' }))
		const p = await insertProduct(ctx.db, org.id)
		const r = await drainOutbox(ctx, quiet)
		expect(r.failed).toBeGreaterThan(0)
		expect(r.lastError).toMatch(/failed/)
		const [row] = await outboxRows(p.id)
		expect(row).toMatchObject({ status: 'pending', attempts: 1, done_at: null })
		const again = await drainOutbox(ctx, { ...quiet, force: true })
		expect(again.failed).toBeGreaterThan(0)
		expect((await outboxRows(p.id))[0]).toMatchObject({ status: 'pending', attempts: 2 })
		const status = await outboxStatus(ctx.db)
		expect(status.pending).toBeGreaterThan(0)
		expect(status.retrying).toBeGreaterThan(0)
		expect(status.lastError).toMatch(/failed/)
		// The repair at start-up notices the wrong index and rebuilds it.
		expect((await prepareSearchIndexes(ctx, { reconcile: false })).reasons.products).toBe('settings')
		await drainOutbox(ctx, { ...quiet, force: true })
		expect((await outboxRows(p.id))[0]!.status).toBe('done')
		expect(await indexedIds()).toContain(p.id)
	})
})

describe('backoff and status', () => {
	it('grows exponentially with jitter and stays under the cap', () => {
		expect(retryDelayMs(1, () => 0)).toBe(250)
		expect(retryDelayMs(1, () => 1)).toBe(500)
		expect(retryDelayMs(3, () => 1)).toBe(2000)
		expect(retryDelayMs(30, () => 1)).toBe(30_000)
		expect(retryDelayMs(30, () => 0)).toBe(15_000)
		for (let a = 1; a < 50; a++) expect(retryDelayMs(a)).toBeLessThanOrEqual(30_000)
	})

	it('reports queue depth and the oldest pending age (R42)', async () => {
		expect(await outboxStatus(ctx.db)).toMatchObject({ pending: 0, oldestPendingAgeMs: 0 })
		await insertProduct(ctx.db, org.id)
		await new Promise((r) => setTimeout(r, 20))
		const s = await outboxStatus(ctx.db)
		expect(s.pending).toBe(1)
		expect(s.oldestPendingAgeMs).toBeGreaterThan(0)
		await sync(ctx)
	})
})

describe('startSearchRelay', () => {
	it('picks up pending rows on start, syncs after a kick, and stops cleanly', async () => {
		const before = await insertProduct(ctx.db, org.id, { name: '启动前写入' })
		const relay = startSearchRelay(ctx, { intervalMs: 5000, log: () => {} })
		try {
			await waitUntil(async () => (await indexedIds()).includes(before.id))
			const after = await insertProduct(ctx.db, org.id, { name: '启动后写入' })
			relay.kick()
			await waitUntil(async () => (await indexedIds()).includes(after.id))
			await insertProduct(ctx.db, org.id)
			expect((await relay.drain()).failed).toBe(0)
			expect((await outboxStatus(ctx.db)).pending).toBe(0)
		} finally {
			await relay.stop()
		}
	})
})

describe('background reconcile', () => {
	it('repairs a corrupted document soon after start, without an outbox row (R41)', async () => {
		const p = await insertProduct(ctx.db, org.id, { name: '对账用空压机' })
		await sync(ctx)
		const index = ctx.search.client.index(ctx.search.indexName('products'))
		await waitForSuccess(ctx.search, index.updateDocuments([{ id: p.id, name: '被篡改' }]))
		const relay = startSearchRelay(ctx, { intervalMs: 50, firstMaintenanceAfterMs: 0, log: () => {} })
		try {
			await waitUntil(async () => (await index.getDocument(p.id)).name === '对账用空压机', 15_000)
			await waitUntil(async () => relay.lastMaintenanceAt() !== null, 15_000)
			expect(Date.parse(relay.lastMaintenanceAt()!)).toBeLessThanOrEqual(Date.now())
		} finally {
			await relay.stop()
		}
	})
})

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error('condition not met in time')
		await new Promise((r) => setTimeout(r, 25))
	}
}
