/**
 * The transactional-outbox relay (RELIABILITY R38–R42). Writers insert `search_outbox` rows in the
 * same transaction as their change; this module re-reads the current rows, sends full replaces or
 * deletes, and marks outbox rows done only after Meilisearch reports the task `succeeded`. On any
 * failure the rows stay pending with exponential backoff and jitter; nothing is ever dropped.
 */
import type { EnqueuedTask } from 'meilisearch'
import type { AppContext } from '#app/context.server.ts'
import type { SearchEntity } from '#db/schema.ts'
import { chunks } from '#app/models/organization.server.ts'
import { INDEX_KINDS, type IndexKind } from './client.server.ts'
import { prepareSearchIndexes, pruneSearchTasks, reconcileSearchIndexes } from './reindex.server.ts'
import { listDependentIds, listProductOwners, loadDocuments } from './sources.server.ts'
import { errorMessage, indexExists, waitForSuccess } from './tasks.server.ts'

export type SearchContext = Pick<AppContext, 'db' | 'search'>

export type RelayLog = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void

const consoleLog: RelayLog = (level, message, extra) => {
	if (level === 'info') return
	console.error(`[search-relay] ${level}: ${message}`, extra ?? '')
}

export const ENTITY_INDEX: Record<SearchEntity, IndexKind> = {
	product: 'products',
	organization: 'organizations',
	demand: 'demands',
	leasing_program: 'programs',
}
const INDEX_ENTITY: Record<IndexKind, SearchEntity> = {
	products: 'product',
	organizations: 'organization',
	demands: 'demand',
	programs: 'leasing_program',
}

/** A claimed batch is invisible to other relays for this long; if we crash, it becomes due again. */
const LEASE_MS = 120_000
const RETRY_BASE_MS = 500
const RETRY_CAP_MS = 30_000
const TASK_TIMEOUT_MS = 60_000

/** Exponential backoff with jitter, capped: attempt 1 waits 0.25–0.5 s, attempt 7 and later 15–30 s. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1))
	return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Thrown when an index is missing: adding documents would auto-create it without our settings. */
export class MissingIndexError extends Error {
	readonly kinds: IndexKind[]
	constructor(kinds: IndexKind[]) {
		super(`search index missing: ${kinds.join(', ')}`)
		this.name = 'MissingIndexError'
		this.kinds = kinds
	}
}

export type DrainOptions = {
	/** Outbox rows claimed per round trip (default 500). */
	batchSize?: number
	/** Stop after this many batches (default: until nothing is due). */
	maxBatches?: number
	/** Also take rows still waiting for their backoff (tests, a CLI's final flush). */
	force?: boolean
	log?: RelayLog
}

export type DrainResult = {
	/** Outbox rows marked done (claimed rows plus older duplicates coalesced with them). */
	done: number
	/** Claimed rows that were rescheduled after a failure. */
	failed: number
	batches: number
	upserted: number
	deleted: number
	lastError: string | null
	missingIndexes: IndexKind[]
}

type ClaimedRow = { id: number; entity: SearchEntity; entity_id: number; attempts: number }
type IdSets = Record<IndexKind, Set<number>>

/** Pushes due outbox rows to Meilisearch in batches until none is due or a batch fails. */
export async function drainOutbox(ctx: SearchContext, options: DrainOptions = {}): Promise<DrainResult> {
	const batchSize = options.batchSize ?? 500
	const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY
	const log = options.log ?? consoleLog
	const result: DrainResult = {
		done: 0,
		failed: 0,
		batches: 0,
		upserted: 0,
		deleted: 0,
		lastError: null,
		missingIndexes: [],
	}
	while (result.batches < maxBatches) {
		const claimed = await claimRows(ctx, batchSize, options.force ?? false)
		if (claimed.length === 0) break
		result.batches += 1
		try {
			// Every row up to here was committed before the re-read below, so what we send covers it.
			const coveredUpTo = await lastOutboxId(ctx)
			const synced = await syncBatch(ctx, claimed)
			result.upserted += synced.upserted
			result.deleted += synced.deleted
			result.done += await markDone(ctx, synced.ids, coveredUpTo)
		} catch (error) {
			const message = errorMessage(error)
			if (error instanceof MissingIndexError) result.missingIndexes.push(...error.kinds)
			await reschedule(ctx, claimed, message)
			result.failed += claimed.length
			result.lastError = message
			log('warn', 'search sync failed; rows stay pending', { rows: claimed.length, error: message })
			// Meilisearch is probably down or refusing: the backoff decides when to try again.
			break
		}
	}
	return result
}

async function claimRows(ctx: SearchContext, limit: number, force: boolean): Promise<ClaimedRow[]> {
	const now = Date.now()
	// A plain read first: the poll runs every 250 ms and should not take the write lock for nothing.
	let due = ctx.db.selectFrom('search_outbox').select('id').where('status', '=', 'pending')
	if (!force) due = due.where('next_attempt_at', '<=', new Date(now).toISOString())
	if (!(await due.limit(1).executeTakeFirst())) return []
	return ctx.db.transaction().execute(async (trx) => {
		let q = trx
			.selectFrom('search_outbox')
			.select(['id', 'entity', 'entity_id', 'attempts'])
			.where('status', '=', 'pending')
		if (!force) q = q.where('next_attempt_at', '<=', new Date(now).toISOString())
		const rows = await q.orderBy('next_attempt_at').orderBy('id').limit(limit).execute()
		if (rows.length > 0) {
			await trx
				.updateTable('search_outbox')
				.set({ next_attempt_at: new Date(now + LEASE_MS).toISOString() })
				.where(
					'id',
					'in',
					rows.map((r) => r.id),
				)
				.execute()
		}
		return rows
	})
}

/**
 * Re-reads everything the claimed rows touch and sends it. An organization's documents carry its
 * products', demands' and programmes' visibility (verified or not), and an organization document
 * counts its products, so each side refreshes the other. No transaction is open here.
 */
async function syncBatch(
	ctx: SearchContext,
	rows: ClaimedRow[],
): Promise<{ ids: IdSets; upserted: number; deleted: number }> {
	const ids: IdSets = { products: new Set(), organizations: new Set(), demands: new Set(), programs: new Set() }
	for (const r of rows) ids[ENTITY_INDEX[r.entity]].add(r.entity_id)
	if (ids.organizations.size > 0) {
		const dependents = await listDependentIds(ctx.db, [...ids.organizations])
		for (const id of dependents.products) ids.products.add(id)
		for (const id of dependents.demands) ids.demands.add(id)
		for (const id of dependents.programs) ids.programs.add(id)
	}
	if (ids.products.size > 0)
		for (const id of await listProductOwners(ctx.db, [...ids.products])) ids.organizations.add(id)

	const kinds = INDEX_KINDS.filter((k) => ids[k].size > 0)
	const batches = await Promise.all(
		kinds.map(async (k) => ({ kind: k, batch: await loadDocuments(ctx.db, k, [...ids[k]]) })),
	)

	const missing: IndexKind[] = []
	for (const k of kinds) if (!(await indexExists(ctx.search, ctx.search.indexName(k)))) missing.push(k)
	if (missing.length > 0) throw new MissingIndexError(missing)

	const tasks: EnqueuedTask[] = []
	let upserted = 0
	let deleted = 0
	for (const { kind, batch } of batches) {
		const index = ctx.search.client.index(ctx.search.indexName(kind))
		if (batch.upserts.length > 0) {
			tasks.push(await index.addDocuments(batch.upserts, { primaryKey: 'id' }))
			upserted += batch.upserts.length
		}
		if (batch.deletes.length > 0) {
			tasks.push(await index.deleteDocuments(batch.deletes))
			deleted += batch.deletes.length
		}
	}
	for (const t of tasks) await waitForSuccess(ctx.search, t, TASK_TIMEOUT_MS)
	return { ids, upserted, deleted }
}

async function lastOutboxId(ctx: SearchContext): Promise<number> {
	const row = await ctx.db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst()
	return Number(row?.id ?? 0)
}

/**
 * Marks done every pending row of the synced entities up to `coveredUpTo`, duplicates and rows
 * waiting for a retry included: SQLite has one writer at a time, so those rows were committed
 * before we re-read the entities, and the state we sent already covers them (coalescing).
 */
async function markDone(ctx: SearchContext, ids: IdSets, coveredUpTo: number): Promise<number> {
	const doneAt = new Date().toISOString()
	return ctx.db.transaction().execute(async (trx) => {
		let n = 0
		for (const kind of INDEX_KINDS) {
			for (const chunk of chunks([...ids[kind]], 500)) {
				const res = await trx
					.updateTable('search_outbox')
					.set({ status: 'done', done_at: doneAt, last_error: null })
					.where('status', '=', 'pending')
					.where('entity', '=', INDEX_ENTITY[kind])
					.where('entity_id', 'in', chunk)
					.where('id', '<=', coveredUpTo)
					.executeTakeFirst()
				n += Number(res.numUpdatedRows)
			}
		}
		return n
	})
}

async function reschedule(ctx: SearchContext, rows: ClaimedRow[], message: string): Promise<void> {
	const now = Date.now()
	const lastError = message.slice(0, 1000)
	await ctx.db.transaction().execute(async (trx) => {
		for (const r of rows) {
			await trx
				.updateTable('search_outbox')
				.set({
					attempts: r.attempts + 1,
					next_attempt_at: new Date(now + retryDelayMs(r.attempts + 1)).toISOString(),
					last_error: lastError,
				})
				.where('id', '=', r.id)
				.where('status', '=', 'pending')
				.execute()
		}
	})
}

export type OutboxStatus = {
	pending: number
	/** Age of the oldest pending row: the health endpoint alerts on it (R42). */
	oldestPendingAgeMs: number
	/** Pending rows that already failed at least once. */
	retrying: number
	lastError: string | null
}

/** Queue depth and lag of the search outbox, for the health endpoint. */
export async function outboxStatus(db: SearchContext['db']): Promise<OutboxStatus> {
	const row = await db
		.selectFrom('search_outbox')
		.select((eb) => [
			eb.fn.countAll<number>().as('pending'),
			eb.fn.min('created_at').as('oldest'),
			eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('retrying'),
		])
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	const failing = await db
		.selectFrom('search_outbox')
		.select('last_error')
		.where('status', '=', 'pending')
		.where('last_error', 'is not', null)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst()
	const oldest = typeof row.oldest === 'string' ? Date.parse(row.oldest) : Number.NaN
	return {
		pending: Number(row.pending),
		oldestPendingAgeMs: Number.isFinite(oldest) ? Math.max(0, Date.now() - oldest) : 0,
		retrying: Number(row.retrying ?? 0),
		lastError: failing?.last_error ?? null,
	}
}

export type SearchQueueStatus = { enqueued: number; oldestEnqueuedAgeMs: number } | null

/** Meilisearch's own task queue (enqueued + processing), or null when it cannot be reached. */
export async function searchQueueStatus(ctx: SearchContext): Promise<SearchQueueStatus> {
	try {
		const res = await ctx.search.client.tasks.getTasks({
			statuses: ['enqueued', 'processing'],
			limit: 1,
			reverse: true,
		})
		const oldest = res.results[0]?.enqueuedAt
		return {
			enqueued: res.total,
			oldestEnqueuedAgeMs: oldest ? Math.max(0, Date.now() - Date.parse(oldest)) : 0,
		}
	} catch {
		return null
	}
}

/** Deletes done outbox rows older than `olderThanMs` (default 7 days); pending rows are never touched. */
export async function purgeDoneOutboxRows(db: SearchContext['db'], olderThanMs = 7 * 24 * 3600_000): Promise<number> {
	const res = await db
		.deleteFrom('search_outbox')
		.where('status', '=', 'done')
		.where('done_at', '<', new Date(Date.now() - olderThanMs).toISOString())
		.executeTakeFirst()
	return Number(res.numDeletedRows)
}

export type SearchRelay = {
	/** Stops the loop after the batch in flight. */
	stop(): Promise<void>
	/** Wakes the loop now (call after a write, so the index catches up without waiting for the poll). */
	kick(): void
	/** Drains now, serialized with the loop. */
	drain(options?: DrainOptions): Promise<DrainResult>
	/** When the last reconcile-and-prune finished (null until the first, ~10 s after start). */
	lastMaintenanceAt(): string | null
}

export type RelayOptions = {
	intervalMs?: number
	batchSize?: number
	/** Reconcile index against SQLite, prune old tasks and done rows this often (default 1 h). */
	maintenanceEveryMs?: number
	/** The first (start-up) reconcile runs this long after start, off the boot path (default 10 s). */
	firstMaintenanceAfterMs?: number
	log?: RelayLog
}

/**
 * Runs the relay in this process: polls every `intervalMs` (250 ms), repairs a missing index by a
 * rebuild, and reconciles shortly after start and then periodically (R41). Pending rows left by a
 * crash are picked up on start (R40).
 */
export function startSearchRelay(ctx: SearchContext, options: RelayOptions = {}): SearchRelay {
	const intervalMs = options.intervalMs ?? 250
	const maintenanceEveryMs = options.maintenanceEveryMs ?? 3600_000
	const log = options.log ?? consoleLog
	let stopped = false
	let kicked = false
	let wake: (() => void) | null = null
	let lastRepair = 0
	let nextMaintenance = Date.now() + (options.firstMaintenanceAfterMs ?? 10_000)

	let chain: Promise<unknown> = Promise.resolve()
	function serialized<T>(fn: () => Promise<T>): Promise<T> {
		const run = chain.then(fn, fn)
		chain = run.catch(() => undefined)
		return run
	}

	// Maintenance reads every document: it runs beside the drains, not between them, so a large
	// index does not hold up the outbox. What it queues is only ever re-read and re-sent.
	let maintenance: Promise<void> | null = null
	let maintainedAt: string | null = null

	const loop = (async () => {
		while (!stopped) {
			kicked = false
			try {
				const r = await serialized(() => drainOutbox(ctx, { batchSize: options.batchSize, log }))
				if (r.missingIndexes.length > 0 && Date.now() - lastRepair > 60_000) {
					lastRepair = Date.now()
					log('warn', 'search index missing: rebuilding', { kinds: r.missingIndexes })
					await serialized(() => prepareSearchIndexes(ctx))
				}
			} catch (error) {
				log('error', 'search relay iteration failed', { error: errorMessage(error) })
			}
			if (!maintenance && Date.now() >= nextMaintenance) {
				nextMaintenance = Date.now() + maintenanceEveryMs
				maintenance = maintainSearch(ctx, log)
					.then(() => {
						maintainedAt = new Date().toISOString()
					})
					.catch((error: unknown) => log('error', 'search maintenance failed', { error: errorMessage(error) }))
					.finally(() => {
						maintenance = null
					})
			}
			if (stopped || kicked) continue
			await new Promise<void>((resolve) => {
				const timer = setTimeout(done, intervalMs)
				wake = done
				function done() {
					clearTimeout(timer)
					wake = null
					resolve()
				}
			})
		}
	})()

	return {
		async stop() {
			stopped = true
			wake?.()
			await loop
			await chain
			await maintenance
		},
		kick() {
			kicked = true
			wake?.()
		},
		drain: (drainOptions) => serialized(() => drainOutbox(ctx, { log, ...drainOptions })),
		lastMaintenanceAt: () => maintainedAt,
	}
}

/** The periodic part of R41/R42: fix drift, forget old tasks and old done rows. */
export async function maintainSearch(ctx: SearchContext, log: RelayLog = consoleLog): Promise<void> {
	try {
		const drift = await reconcileSearchIndexes(ctx)
		const fixed = Object.values(drift).reduce((n, d) => n + d.missing + d.stale + d.extra, 0)
		if (fixed > 0) log('warn', 'search index drift found and queued for repair', drift)
	} catch (error) {
		log('warn', 'search reconcile failed', { error: errorMessage(error) })
	}
	await pruneSearchTasks(ctx).catch((error: unknown) =>
		log('warn', 'pruning Meilisearch tasks failed', { error: errorMessage(error) }),
	)
	await purgeDoneOutboxRows(ctx.db)
}
