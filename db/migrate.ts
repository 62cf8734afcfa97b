import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { CATEGORIES } from '../app/models/taxonomy.ts'
import * as m0001 from './migrations/2026_11_30_0001_create_domain.ts'
import * as m0002 from './migrations/2026_11_30_0002_lookup_indexes.ts'
import type { Database } from './schema.ts'

/** A static provider: works under Vite, tsx and vitest alike (no directory scanning). */
const migrations: Record<string, Migration> = {
	'2026_11_30_0001_create_domain': m0001,
	'2026_11_30_0002_lookup_indexes': m0002,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Brings the schema up to date and makes sure the fixed taxonomy rows exist. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
	const migrator = new Migrator({ db, provider })
	const { error, results } = await migrator.migrateToLatest()
	const failed = results?.find((r) => r.status === 'Error')
	if (error || failed) {
		throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`)
	}
	await syncCategories(db)
}

async function syncCategories(db: Kysely<Database>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const [i, c] of CATEGORIES.entries()) {
			await trx
				.insertInto('category')
				.values({ key: c.key, group_key: c.group, name_zh: c.zh, name_en: c.en, sort: i })
				.onConflict((oc) =>
					oc.column('key').doUpdateSet({ group_key: c.group, name_zh: c.zh, name_en: c.en, sort: i }),
				)
				.execute()
		}
	})
}
