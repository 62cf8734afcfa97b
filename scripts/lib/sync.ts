import type { Platform } from '#app/boot.server.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import type { Progress } from './progress.ts'

async function pendingCount(platform: Platform): Promise<number> {
	const row = await platform.db
		.selectFrom('search_outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

/**
 * Makes sure the indexes exist with our settings (a document addition would create them without).
 * Call it before a big write, not after: on a fresh DATA_DIR it then creates empty indexes instead
 * of building them from the just-written rows, which the outbox would send a second time.
 * No reconcile pass: the command pushes its own changes, the server reconciles the rest.
 */
export async function prepareSearch(platform: Platform, progress: Progress): Promise<void> {
	await prepareSearchIndexes(platform, {
		reconcile: false,
		onProgress: (kind, done, total) => progress.update(`index ${kind}`, done, total),
	})
}

/**
 * Pushes the search outbox to Meilisearch after a write, with progress read from the outbox itself
 * (pending rows going down), so it works whatever the relay reports. Returns the rows still pending:
 * those stay queued and the running server's relay (or the next command) sends them.
 */
export async function pushSearch(platform: Platform, progress: Progress): Promise<{ pushed: number; pending: number }> {
	const total = await pendingCount(platform)
	if (total === 0) return { pushed: 0, pending: 0 }
	let polling = true
	const poll = (async () => {
		while (polling) {
			await new Promise((r) => setTimeout(r, 500))
			if (!polling) break
			progress.update('search index', total - Math.min(total, await pendingCount(platform)), total)
		}
	})()
	try {
		const result = await drainOutbox(platform, {
			// A CLI's final flush: rows waiting for a retry backoff go now too.
			force: true,
			batchSize: 2000,
			log: (level, message) => {
				if (level !== 'info') progress.log(`search: ${message}`)
			},
		})
		if (result.lastError) progress.log(`search index not fully updated: ${result.lastError}`)
	} finally {
		polling = false
		await poll
	}
	const pending = await pendingCount(platform)
	progress.update('search index', total - Math.min(total, pending), total)
	return { pushed: Math.max(0, total - pending), pending }
}
