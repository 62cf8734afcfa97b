/**
 * Full rebuilds and repair (RELIABILITY R41). A rebuild fills `<index>_new` from SQLite with the
 * current settings and swaps it in, so searches never see a half-built index. At start-up,
 * prepareSearchIndexes rebuilds any index that is missing, built with other settings, or empty
 * while SQLite has public records (a deleted Meilisearch data dir repairs itself with no manual
 * step), then reconciles the rest against SQLite.
 */
import { createHash } from 'node:crypto'
import type { EnqueuedTask } from 'meilisearch'
import type { AppContext } from '#app/context.server.ts'
import { enqueueSearchSync } from './outbox.server.ts'
import { INDEX_KINDS, type IndexKind } from './client.server.ts'
import { INDEX_SETTINGS, SETTINGS_VERSIONS, settingsVersionKey } from './settings.ts'
import { countPublicRecords, pageDocuments, type SearchDocument } from './sources.server.ts'
import { indexExists, waitForSuccess } from './tasks.server.ts'
import type { SearchEntity } from '#db/schema.ts'

type SearchContext = Pick<AppContext, 'db' | 'search'>

export type ReindexProgress = (kind: IndexKind, done: number, total: number) => void
export type ReindexCounts = Record<IndexKind, number>

const KIND_ENTITY: Record<IndexKind, SearchEntity> = {
	products: 'product',
	organizations: 'organization',
	demands: 'demand',
	programs: 'leasing_program',
}

const PAGE_SIZE = 5000
const RECONCILE_PAGE_SIZE = 1000
const BUILD_TASK_TIMEOUT_MS = 10 * 60_000

/**
 * Rebuilds every index (or `kinds`) from SQLite into `<name>_new`, swaps it in and drops the old
 * one; an index that does not exist yet is built in place.
 */
export async function reindexAll(
	ctx: SearchContext,
	options: { onProgress?: ReindexProgress; kinds?: readonly IndexKind[] } = {},
): Promise<ReindexCounts> {
	const counts: ReindexCounts = { products: 0, organizations: 0, demands: 0, programs: 0 }
	const startedAfter = await lastOutboxId(ctx)
	for (const kind of options.kinds ?? INDEX_KINDS) counts[kind] = await rebuildIndex(ctx, kind, options.onProgress)
	// A change the relay sent to the old index while we were reading SQLite would be lost by the
	// swap: queue every entity touched since we started, so the relay sends it again.
	await requeueSince(ctx, startedAfter)
	return counts
}

async function rebuildIndex(ctx: SearchContext, kind: IndexKind, onProgress?: ReindexProgress): Promise<number> {
	const { client } = ctx.search
	const name = ctx.search.indexName(kind)
	// With no live index there is nothing to keep serving: build in place (half the tasks of a swap).
	const inPlace = !(await indexExists(ctx.search, name))
	const target = inPlace ? name : `${name}_new`
	if (!inPlace && (await indexExists(ctx.search, target))) await waitForSuccess(ctx.search, client.deleteIndex(target))
	await waitForSuccess(ctx.search, client.createIndex(target, { primaryKey: 'id' }))
	await waitForSuccess(ctx.search, client.index(target).updateSettings(INDEX_SETTINGS[kind]), BUILD_TASK_TIMEOUT_MS)

	const total = await countPublicRecords(ctx.db, kind)
	onProgress?.(kind, 0, total)
	const tasks: EnqueuedTask[] = []
	let sent = 0
	// Enqueue every page before waiting: Meilisearch batches consecutive additions into one indexing run.
	for await (const docs of pageDocuments(ctx.db, kind, PAGE_SIZE)) {
		tasks.push(await client.index<SearchDocument>(target).addDocuments(docs, { primaryKey: 'id' }))
		sent += docs.length
		onProgress?.(kind, sent, Math.max(total, sent))
	}
	for (const t of tasks) await waitForSuccess(ctx.search, t, BUILD_TASK_TIMEOUT_MS)

	if (!inPlace) {
		await waitForSuccess(ctx.search, client.swapIndexes([{ indexes: [name, target], rename: false }]))
		await waitForSuccess(ctx.search, client.deleteIndex(target))
	}
	await setMeta(ctx, settingsVersionKey(kind), SETTINGS_VERSIONS[kind])
	return sent
}

export type PrepareResult = {
	rebuilt: boolean
	/** Why each rebuilt index was rebuilt. */
	reasons: Partial<Record<IndexKind, 'missing' | 'settings' | 'empty'>>
	counts?: ReindexCounts
}

/**
 * Makes the indexes usable at start-up: creates them with their settings when missing, rebuilds
 * when the settings version stored in app_meta differs or the live settings were lost, and when an
 * index is empty while SQLite has public records. With `reconcile: true` it then queues the drift
 * of the other indexes for the relay; by default it does not, because that reads every document
 * and would hold up the server's start: the relay reconciles in the background soon after.
 */
export async function prepareSearchIndexes(
	ctx: SearchContext,
	options: { onProgress?: ReindexProgress; reconcile?: boolean } = {},
): Promise<PrepareResult> {
	const reasons: PrepareResult['reasons'] = {}
	for (const kind of INDEX_KINDS) {
		const reason = await rebuildReason(ctx, kind)
		if (reason) reasons[kind] = reason
	}
	const kinds = INDEX_KINDS.filter((k) => reasons[k])
	const counts = kinds.length > 0 ? await reindexAll(ctx, { kinds, onProgress: options.onProgress }) : undefined
	if (options.reconcile ?? true)
		await reconcileSearchIndexes(
			ctx,
			INDEX_KINDS.filter((k) => !reasons[k]),
		)
	return { rebuilt: kinds.length > 0, reasons, counts }
}

async function rebuildReason(ctx: SearchContext, kind: IndexKind): Promise<'missing' | 'settings' | 'empty' | null> {
	const name = ctx.search.indexName(kind)
	if (!(await indexExists(ctx.search, name))) return 'missing'
	if ((await getMeta(ctx, settingsVersionKey(kind))) !== SETTINGS_VERSIONS[kind]) return 'settings'
	const index = ctx.search.client.index(name)
	// An index re-created by a stray document addition has default settings: the version in
	// app_meta cannot tell, the live filterable attributes can.
	const live = await index.getFilterableAttributes()
	const liveNames = new Set((live ?? []).map((a) => (typeof a === 'string' ? a : a.attributePatterns.join(','))))
	const wanted = INDEX_SETTINGS[kind].filterableAttributes ?? []
	if (wanted.length !== liveNames.size || wanted.some((a) => typeof a === 'string' && !liveNames.has(a)))
		return 'settings'
	const stats = await index.getStats()
	if (stats.numberOfDocuments === 0 && (await countPublicRecords(ctx.db, kind)) > 0) return 'empty'
	return null
}

export type IndexDiff = {
	/** Public in SQLite, absent from the index. */
	missing: number[]
	/** In both, but the indexed document differs from what the mapper builds now. */
	stale: number[]
	/** In the index, but not (or no longer) public in SQLite. */
	extra: number[]
	expected: number
	indexed: number
}

/** Compares an index with the public projection of SQLite, document by document. */
export async function diffSearchIndex(ctx: SearchContext, kind: IndexKind): Promise<IndexDiff> {
	// Hashes, not the JSON itself: at 100k products the two maps would otherwise hold ~200 MB.
	// Smaller pages than a rebuild's: this runs hourly beside live requests, and each page is a
	// stretch of synchronous work (SQLite reads, JSON parsing, hashing) that requests wait behind.
	const expected = new Map<number, string>()
	for await (const docs of pageDocuments(ctx.db, kind, RECONCILE_PAGE_SIZE)) {
		for (const d of docs) expected.set(d.id, digest(d))
	}
	const actual = new Map<number, string>()
	const index = ctx.search.client.index(ctx.search.indexName(kind))
	for (let offset = 0; ;) {
		const page = await index.getDocuments({ offset, limit: RECONCILE_PAGE_SIZE })
		for (const d of page.results) actual.set(Number(d.id), digest(d))
		offset += page.results.length
		if (page.results.length === 0 || offset >= page.total) break
	}
	const diff: IndexDiff = { missing: [], stale: [], extra: [], expected: expected.size, indexed: actual.size }
	for (const [id, doc] of expected) {
		const got = actual.get(id)
		if (got === undefined) diff.missing.push(id)
		else if (got !== doc) diff.stale.push(id)
	}
	for (const id of actual.keys()) if (!expected.has(id)) diff.extra.push(id)
	return diff
}

export type ReconcileSummary = Record<string, { missing: number; stale: number; extra: number }>

/** Queues every drifted document of `kinds` for the relay (which re-reads and fixes exactly those). */
export async function reconcileSearchIndexes(
	ctx: SearchContext,
	kinds: readonly IndexKind[] = INDEX_KINDS,
): Promise<ReconcileSummary> {
	const summary: ReconcileSummary = {}
	for (const kind of kinds) {
		const diff = await diffSearchIndex(ctx, kind)
		const ids = [...diff.missing, ...diff.stale, ...diff.extra]
		if (ids.length > 0) await ctx.db.transaction().execute((trx) => enqueueSearchSync(trx, KIND_ENTITY[kind], ids))
		summary[kind] = { missing: diff.missing.length, stale: diff.stale.length, extra: diff.extra.length }
	}
	return summary
}

/** Deletes finished tasks of our indexes older than a day: the task store is capped at ~10 GiB (R42). */
export async function pruneSearchTasks(ctx: SearchContext, olderThanMs = 24 * 3600_000): Promise<void> {
	const names = INDEX_KINDS.flatMap((k) => [ctx.search.indexName(k), `${ctx.search.indexName(k)}_new`])
	await waitForSuccess(
		ctx.search,
		ctx.search.client.tasks.deleteTasks({
			statuses: ['succeeded', 'failed', 'canceled'],
			indexUids: names,
			beforeFinishedAt: new Date(Date.now() - olderThanMs).toISOString(),
		}),
	)
}

async function lastOutboxId(ctx: SearchContext): Promise<number> {
	const row = await ctx.db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst()
	return Number(row?.id ?? 0)
}

async function requeueSince(ctx: SearchContext, afterId: number): Promise<void> {
	const rows = await ctx.db
		.selectFrom('search_outbox')
		.select(['entity', 'entity_id'])
		.distinct()
		.where('id', '>', afterId)
		.execute()
	if (rows.length === 0) return
	await ctx.db.transaction().execute(async (trx) => {
		for (const entity of ['product', 'organization', 'demand', 'leasing_program'] as const) {
			await enqueueSearchSync(
				trx,
				entity,
				rows.filter((r) => r.entity === entity).map((r) => r.entity_id),
			)
		}
	})
}

async function getMeta(ctx: SearchContext, key: string): Promise<string | undefined> {
	const row = await ctx.db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst()
	return row?.value
}

async function setMeta(ctx: SearchContext, key: string, value: string): Promise<void> {
	await ctx.db
		.insertInto('app_meta')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute()
}

function digest(doc: unknown): string {
	return createHash('sha1').update(stableJson(doc)).digest('base64')
}

/** JSON with object keys sorted, so two equal documents compare equal whatever their key order. */
export function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
				)
			: v,
	)
}
