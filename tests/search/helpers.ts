import type { ProductSearchParams } from '#app/models/public-types.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import type { TestContext } from '#tests/helpers/context.ts'

/** Creates the indexes (with settings) for a fresh test context. */
export async function prepareIndexes(ctx: TestContext): Promise<void> {
	await prepareSearchIndexes(ctx, { reconcile: false })
}

/** Pushes every pending outbox row now and fails the test if anything stays pending. */
export async function sync(ctx: TestContext): Promise<void> {
	const r = await drainOutbox(ctx, { force: true, log: () => {} })
	if (r.lastError) throw new Error(`search sync failed: ${r.lastError}`)
}

export function productParams(overrides: Partial<ProductSearchParams> = {}): ProductSearchParams {
	return {
		q: '',
		group: null,
		categories: [],
		energyGrades: [],
		inZone: null,
		kind: null,
		priceBands: [],
		sort: 'relevance',
		page: 1,
		perPage: 20,
		...overrides,
	}
}
