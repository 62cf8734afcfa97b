import type { AppLoadContext } from '@remix-run/node'
import { createMeiliClient, type Search } from '#app/search/client.server.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import type { TestContext } from '#tests/helpers/context.ts'

/** The load context the server would give a loader, over a test database and Meilisearch. */
export function loadContext(ctx: TestContext): AppLoadContext {
	return { db: ctx.db, search: ctx.search, env: ctx.env, cspNonce: 'test', clientIp: '127.0.0.1' }
}

/** The same context with a Meilisearch that cannot be reached (nothing listens on port 9). */
export function deadSearchContext(ctx: TestContext): AppLoadContext {
	const search: Search = {
		client: createMeiliClient('http://127.0.0.1:9', 'a-key-that-goes-nowhere'),
		prefix: ctx.search.prefix,
		url: 'http://127.0.0.1:9',
		indexName: ctx.search.indexName,
	}
	return { ...loadContext(ctx), search }
}

export async function prepareIndexes(ctx: TestContext): Promise<void> {
	await prepareSearchIndexes(ctx, { reconcile: false })
}

/** Pushes every pending outbox row to Meilisearch now. */
export async function syncSearch(ctx: TestContext): Promise<void> {
	const r = await drainOutbox(ctx, { force: true, log: () => {} })
	if (r.lastError) throw new Error(`search sync failed: ${r.lastError}`)
}

export function get(path: string, headers: Record<string, string> = {}): Request {
	return new Request(`http://localhost${path}`, { headers })
}

/** Runs a loader expected to throw a Response, and returns that Response's status. */
export async function thrownStatus(run: () => Promise<unknown>): Promise<number> {
	try {
		await run()
	} catch (error) {
		if (error instanceof Response) return error.status
		throw error
	}
	throw new Error('expected the loader to throw a Response, it returned')
}

/** Private values planted in an organization; no public loader may return any of them. */
export const SENTINELS = {
	contact_person: 'SENTINEL-PERSON-甲',
	contact_phone: 'SENTINEL-TEL-02266209999',
	contact_email: 'sentinel-mail@private.example',
	uscc: undefined,
} as const

export function expectNoSentinel(data: unknown): void {
	const json = JSON.stringify(data)
	for (const value of Object.values(SENTINELS)) {
		if (value && json.includes(value)) throw new Error(`private value ${value} leaked into loader data`)
	}
	if (json.includes('SENTINEL')) throw new Error('a SENTINEL value leaked into loader data')
}
