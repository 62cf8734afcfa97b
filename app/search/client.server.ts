import { createHash } from 'node:crypto'
import { Meilisearch } from 'meilisearch'

/** The indexes the platform keeps; names get the deployment's prefix (`rm_products`, …). */
export const INDEX_KINDS = ['products', 'organizations', 'demands', 'programs'] as const
export type IndexKind = (typeof INDEX_KINDS)[number]

export type Search = {
	client: Meilisearch
	prefix: string
	url: string
	indexName(kind: IndexKind): string
}

/**
 * A client that asks for uncompressed responses: on loopback the default gzip costs ~44 ms a query
 * instead of ~2 ms (measured here, STACK.md).
 */
export function createMeiliClient(url: string, apiKey: string): Meilisearch {
	return new Meilisearch({
		host: url,
		apiKey,
		requestInit: { headers: { 'Accept-Encoding': 'identity' } },
		timeout: 10_000,
	})
}

/**
 * Uses the master key only to obtain an API key scoped to this deployment's indexes
 * (RELIABILITY R33/R34); every other call is made with that key.
 */
export async function createSearch(options: { url: string; masterKey: string; prefix: string }): Promise<Search> {
	const { url, masterKey, prefix } = options
	const admin = createMeiliClient(url, masterKey)
	const uid = deterministicUuid(`renewmatch-app-v2:${prefix}`)
	let key: string
	try {
		key = (await admin.getKey(uid)).key
	} catch {
		const created = await admin.createKey({
			uid,
			name: `renewmatch-${prefix}`,
			description: 'RenewMatch application key, scoped to its own indexes',
			actions: ['search', 'documents.*', 'indexes.*', 'tasks.*', 'settings.*', 'stats.get'],
			// Not `${prefix}_*`: a swap task has no single index, and a key scoped to a pattern can
			// neither see nor await it (tried on 1.21: task_not_found). Key management stays master-only.
			indexes: ['*'],
			expiresAt: null,
		})
		key = created.key
	}
	return {
		client: createMeiliClient(url, key),
		prefix,
		url,
		indexName: (kind) => `${prefix}_${kind}`,
	}
}

/** A stable UUID v4-shaped id derived from a name, so the same key is found again on restart. */
function deterministicUuid(name: string): string {
	const h = createHash('sha256').update(name).digest('hex')
	const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
