import type { Kysely } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { Env } from './env.server.ts'
import type { Search } from './search/client.server.ts'

/**
 * What every loader and action gets through Remix's load context: the one Kysely instance and the
 * search client of this process. Passing them in (rather than importing singletons) lets route
 * tests call loaders with a context built on a temp database and a test Meilisearch.
 */
export type Services = {
	db: Kysely<Database>
	search: Search
	env: Env
}

export type AppContext = Services & {
	/** Per-request nonce for the Content-Security-Policy; pass it to <Scripts>/<ScrollRestoration>. */
	cspNonce: string
	/** The client's address: the socket peer, or X-Forwarded-For only behind TRUST_PROXY hops. */
	clientIp: string
}

declare module '@remix-run/node' {
	interface AppLoadContext extends AppContext {}
}
