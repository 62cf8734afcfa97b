import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEX_KINDS } from '#app/search/client.server.ts'
import { drainOutbox, maintainSearch, purgeDoneOutboxRows, searchQueueStatus } from '#app/search/relay.server.ts'
import {
	diffSearchIndex,
	prepareSearchIndexes,
	pruneSearchTasks,
	reconcileSearchIndexes,
	reindexAll,
} from '#app/search/reindex.server.ts'
import { settingsVersionKey } from '#app/search/settings.ts'
import { waitForSuccess } from '#app/search/tasks.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertLeasingProgram, insertOrganization, insertProduct } from '#tests/helpers/factories.ts'

let ctx: TestContext
const quiet = { log: () => {} }

beforeAll(async () => {
	ctx = await createTestContext()
	const org = await insertOrganization(ctx.db)
	const lessor = await insertOrganization(ctx.db, { roles: '["lessor"]' })
	for (let i = 0; i < 12; i++)
		await insertProduct(ctx.db, org.id, { name: `空压机 ${i}`, status: i < 10 ? 'published' : 'draft' })
	await insertDemand(ctx.db, org.id)
	await insertLeasingProgram(ctx.db, lessor.id)
})
afterAll(async () => ctx.cleanup())

async function documentCount(kind: (typeof INDEX_KINDS)[number]): Promise<number> {
	return (await ctx.search.client.index(ctx.search.indexName(kind)).getDocuments({ limit: 1 })).total
}

async function indexNames(): Promise<string[]> {
	const { results } = await ctx.search.client.getIndexes({ limit: 1000 })
	return results
		.map((i) => i.uid)
		.filter((uid) => uid.startsWith(`${ctx.search.prefix}_`))
		.sort()
}

describe('reindexAll', () => {
	it('builds every index from SQLite through a swap, and is idempotent', async () => {
		const progress: string[] = []
		const counts = await reindexAll(ctx, {
			onProgress: (kind, done, total) => progress.push(`${kind}:${done}/${total}`),
		})
		expect(counts).toEqual({ products: 10, organizations: 2, demands: 1, programs: 1 })
		expect(progress).toContain('products:10/10')
		expect(await indexNames()).toEqual(INDEX_KINDS.map((k) => ctx.search.indexName(k)).sort())
		for (const kind of INDEX_KINDS) {
			const diff = await diffSearchIndex(ctx, kind)
			expect(diff, kind).toMatchObject({ missing: [], stale: [], extra: [] })
			const stored = await ctx.db
				.selectFrom('app_meta')
				.select('value')
				.where('key', '=', settingsVersionKey(kind))
				.executeTakeFirst()
			expect(stored?.value).toMatch(/^[0-9a-f]{16}$/)
		}
		const settings = await ctx.search.client.index(ctx.search.indexName('products')).getSettings()
		expect(settings.filterableAttributes).toContain('category')
		expect(settings.synonyms?.['马达']).toContain('电机')

		const again = await reindexAll(ctx)
		expect(again).toEqual(counts)
		expect(await documentCount('products')).toBe(10)
		expect(await indexNames()).toEqual(INDEX_KINDS.map((k) => ctx.search.indexName(k)).sort())
	})
})

describe('prepareSearchIndexes', () => {
	it('does nothing when the indexes are current', async () => {
		await drainOutbox(ctx, { ...quiet, force: true })
		const r = await prepareSearchIndexes(ctx)
		expect(r).toMatchObject({ rebuilt: false, reasons: {} })
	})

	it('rebuilds an index that is empty while SQLite has public records (R41)', async () => {
		await waitForSuccess(ctx.search, ctx.search.client.index(ctx.search.indexName('products')).deleteAllDocuments())
		expect(await documentCount('products')).toBe(0)
		const r = await prepareSearchIndexes(ctx)
		expect(r.rebuilt).toBe(true)
		expect(r.reasons).toEqual({ products: 'empty' })
		expect(await documentCount('products')).toBe(10)
	})

	it('rebuilds when the stored settings version differs', async () => {
		await ctx.db
			.updateTable('app_meta')
			.set({ value: 'old' })
			.where('key', '=', settingsVersionKey('demands'))
			.execute()
		const r = await prepareSearchIndexes(ctx)
		expect(r.reasons).toEqual({ demands: 'settings' })
		expect(await documentCount('demands')).toBe(1)
	})

	it('creates missing indexes', async () => {
		await waitForSuccess(ctx.search, ctx.search.client.deleteIndex(ctx.search.indexName('programs')))
		const r = await prepareSearchIndexes(ctx)
		expect(r.reasons).toEqual({ programs: 'missing' })
		expect(await documentCount('programs')).toBe(1)
	})
})

describe('reconcileSearchIndexes', () => {
	it('queues exactly the drifted documents, and the relay fixes them', async () => {
		await drainOutbox(ctx, { ...quiet, force: true })
		const index = ctx.search.client.index(ctx.search.indexName('products'))
		const [first, second, third] = (
			await ctx.db.selectFrom('product').select('id').where('status', '=', 'published').orderBy('id').execute()
		).map((r) => r.id)
		// Corrupt one document, lose one, and plant one that SQLite never had.
		await waitForSuccess(ctx.search, index.updateDocuments([{ id: first, name: '被篡改' }]))
		await waitForSuccess(ctx.search, index.deleteDocument(second!))
		await waitForSuccess(ctx.search, index.addDocuments([{ id: 999_999, name: '幽灵' }]))
		const diff = await diffSearchIndex(ctx, 'products')
		expect(diff).toMatchObject({ stale: [first], missing: [second], extra: [999_999] })
		void third

		const summary = await reconcileSearchIndexes(ctx)
		expect(summary.products).toEqual({ missing: 1, stale: 1, extra: 1 })
		expect(summary.organizations).toEqual({ missing: 0, stale: 0, extra: 0 })
		const queued = await ctx.db
			.selectFrom('search_outbox')
			.select('entity_id')
			.where('status', '=', 'pending')
			.execute()
		expect(queued.map((r) => r.entity_id).sort((a, b) => a - b)).toEqual(
			[first, second, 999_999].sort((a, b) => a! - b!),
		)
		await drainOutbox(ctx, quiet)
		expect(await diffSearchIndex(ctx, 'products')).toMatchObject({ missing: [], stale: [], extra: [] })
	})
})

describe('maintenance (R42)', () => {
	it('prunes finished tasks of our indexes, purges old done rows and reports the task queue', async () => {
		await prepareSearchIndexes(ctx)
		await drainOutbox(ctx, { ...quiet, force: true })
		// Timestamps have sub-millisecond precision: step past the last task's finish.
		await new Promise((r) => setTimeout(r, 5))
		await pruneSearchTasks(ctx, 0)
		const left = await ctx.search.client.tasks.getTasks({
			indexUids: [ctx.search.indexName('products')],
			statuses: ['succeeded', 'failed'],
		})
		expect(left.results.map((t) => `${t.type} ${t.finishedAt}`)).toEqual([])
		expect(await purgeDoneOutboxRows(ctx.db, 0)).toBeGreaterThan(0)
		expect(await ctx.db.selectFrom('search_outbox').select('id').where('status', '=', 'done').execute()).toEqual([])
		const queue = await searchQueueStatus(ctx)
		expect(queue).not.toBeNull()
		expect(queue!.enqueued).toBeGreaterThanOrEqual(0)
		await maintainSearch(ctx, () => {})
		expect(await diffSearchIndex(ctx, 'products')).toMatchObject({ missing: [], stale: [], extra: [] })
	})
})
