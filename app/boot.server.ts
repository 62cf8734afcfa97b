import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { createDb, type SqliteHandle } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import type { Database } from '#db/schema.ts'
import type { Services } from './context.server.ts'
import { getEnv, type Env } from './env.server.ts'
import { createSearch } from './search/client.server.ts'
import { ensureMeilisearch, type MeiliHandle } from './search/meili-process.server.ts'

export type Platform = Services & {
	sqlite: SqliteHandle
	meili: MeiliHandle
	/** Closes the database and stops the Meilisearch child if this process started it. */
	stop(): Promise<void>
}

export function databaseFile(env: Env): string {
	return join(env.dataDir, 'renewmatch.sqlite')
}

/**
 * Opens (creating and migrating) the SQLite file under DATA_DIR and connects to Meilisearch:
 * the external one, the one a running server advertises for this DATA_DIR, or a new child.
 * Used by the web server and every CLI, so they all behave the same on the embedded default.
 */
export async function bootPlatform(options: { advertise?: boolean; env?: Env } = {}): Promise<Platform> {
	const env = options.env ?? getEnv()
	mkdirSync(env.dataDir, { recursive: true })
	const { db, sqlite } = createDb(databaseFile(env))
	await migrateToLatest(db)
	let meili: MeiliHandle
	try {
		meili = await ensureMeilisearch({
			dataDir: env.dataDir,
			meiliUrl: env.MEILI_URL,
			meiliMasterKey: env.MEILI_MASTER_KEY,
			advertise: options.advertise,
		})
	} catch (error) {
		await db.destroy()
		throw error
	}
	const search = await createSearch({ url: meili.url, masterKey: meili.masterKey, prefix: env.MEILI_INDEX_PREFIX })
	return {
		db,
		sqlite,
		search,
		env,
		meili,
		async stop() {
			await db.destroy()
			await meili.stop()
		},
	}
}

export type { Kysely, Database }
