import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Kysely opens SQLite transactions with a plain (deferred) BEGIN; a deferred read→write upgrade can
 * fail with SQLITE_BUSY at once, ignoring busy_timeout, when a second process (CLI, relay) writes.
 * BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait instead (RELIABILITY R44).
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'))
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig
	constructor(config: SqliteDialectConfig) {
		super(config)
		this.#config = config
	}
	override createDriver() {
		return new ImmediateSqliteDriver(this.#config)
	}
}

export type SqliteHandle = SQLite.Database

/**
 * Opens the SQLite file with the pragmas of RELIABILITY R43. synchronous=FULL: demands, quotes and
 * offers must survive a power loss, and the throughput cost is small at our write rates.
 */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteHandle {
	const sqlite = new SQLite(file, { readonly: options.readonly ?? false, timeout: 5000 })
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('busy_timeout = 5000')
	sqlite.pragma('synchronous = FULL')
	sqlite.pragma('foreign_keys = ON')
	return sqlite
}

export function createDb(file: string): { db: Kysely<Database>; sqlite: SqliteHandle } {
	const sqlite = openSqlite(file)
	const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) })
	return { db, sqlite }
}
