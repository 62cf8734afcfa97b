import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { Services } from '#app/context.server.ts'
import { getEnv, resetEnvForTests } from '#app/env.server.ts'
import { createSearch } from '#app/search/client.server.ts'
import { createDb, type SqliteHandle } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'

export type TestContext = Services & { sqlite: SqliteHandle; dataDir: string; cleanup(): Promise<void> }

/**
 * A fresh migrated SQLite file in a temp dir and the run's real Meilisearch under an index prefix
 * of its own, so test files never see each other's documents.
 */
export async function createTestContext(): Promise<TestContext> {
	const dataDir = mkdtempSync(join(tmpdir(), 'rm-test-'))
	const meili = inject('meili')
	const prefix = `t${randomBytes(5).toString('hex')}`
	process.env.DATA_DIR = dataDir
	process.env.MEILI_INDEX_PREFIX = prefix
	process.env.NODE_ENV = 'test'
	resetEnvForTests()
	const env = getEnv()
	const { db, sqlite } = createDb(join(dataDir, 'test.sqlite'))
	await migrateToLatest(db)
	const search = await createSearch({ url: meili.url, masterKey: meili.masterKey, prefix })
	return {
		db,
		sqlite,
		search,
		env,
		dataDir,
		async cleanup() {
			await db.destroy()
			const { results } = await search.client.getIndexes({ limit: 1000 })
			await Promise.all(
				results.filter((i) => i.uid.startsWith(`${prefix}_`)).map((i) => search.client.deleteIndex(i.uid).waitTask()),
			)
			rmSync(dataDir, { recursive: true, force: true })
		},
	}
}
