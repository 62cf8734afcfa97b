import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import type { SqliteHandle } from './client.ts'

/**
 * Online backup, restore and WAL upkeep for the SQLite file (RELIABILITY R46, R47). The backup
 * uses SQLite's backup API through better-sqlite3: pages are copied in steps between other work,
 * so the server keeps serving and writing while it runs, and the copy is one consistent snapshot.
 */

/** The tables whose row counts a backup check reports (the domain's records, not caches). */
export const COUNTED_TABLES = [
	'organization',
	'user',
	'product',
	'demand',
	'match',
	'quote',
	'leasing_program',
	'lease_offer',
	'notification',
	'audit_event',
] as const

export type DatabaseCheck = { integrity: string; counts: Record<string, number> }

/** "49 organization, 330 product, …" for a CLI summary. */
export function formatCounts(counts: Record<string, number>): string {
	return Object.entries(counts)
		.map(([table, n]) => `${n} ${table}`)
		.join(', ')
}

/** Copies the open database to `file` (written beside it and renamed: never half a backup). */
export async function backupDatabase(
	sqlite: SqliteHandle,
	file: string,
	onProgress?: (donePages: number, totalPages: number) => void,
): Promise<void> {
	const tmp = `${file}.${process.pid}.tmp`
	try {
		await sqlite.backup(tmp, {
			progress({ totalPages, remainingPages }) {
				onProgress?.(totalPages - remainingPages, totalPages)
				return 100
			},
		})
		renameSync(tmp, file)
	} finally {
		rmSync(tmp, { force: true })
	}
}

/** `PRAGMA integrity_check` and row counts of a database file, opened read-only. */
export function checkDatabaseFile(file: string): DatabaseCheck {
	let db: SqliteHandle
	try {
		db = new SQLite(file, { readonly: true, fileMustExist: true })
	} catch (error) {
		throw new Error(`${file} cannot be opened as a database: ${error instanceof Error ? error.message : String(error)}`)
	}
	try {
		const integrity = db.pragma('integrity_check', { simple: true })
		const counts: Record<string, number> = {}
		const tables = new Set(
			db
				.prepare("select name from sqlite_master where type = 'table'")
				.all()
				.map((r) => (r as { name: string }).name),
		)
		for (const t of COUNTED_TABLES) {
			if (!tables.has(t)) throw new Error(`${file} is not a RenewMatch database (no table ${t})`)
			counts[t] = (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n
		}
		return { integrity: String(integrity), counts }
	} catch (error) {
		if (error instanceof Error && /not a database|malformed/i.test(error.message))
			throw new Error(`${file} is not a usable database: ${error.message}`)
		throw error
	} finally {
		db.close()
	}
}

/**
 * Puts a checked backup in place of `target` (the server must be stopped). The old file's -wal and
 * -shm go with it: left behind, SQLite would replay the old journal onto the restored file.
 */
export function restoreDatabase(backup: string, target: string): DatabaseCheck {
	const check = checkDatabaseFile(backup)
	if (check.integrity !== 'ok') throw new Error(`${backup} failed its integrity check: ${check.integrity}`)
	const tmp = `${target}.${process.pid}.restore`
	copyFileSync(backup, tmp)
	for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
	renameSync(tmp, target)
	return check
}

/** Bytes in the write-ahead log beside `file` (0 when there is none). */
export function walBytes(file: string): number {
	const wal = `${file}-wal`
	return existsSync(wal) ? statSync(wal).size : 0
}

/**
 * Checkpoints and truncates the WAL when it has grown past `thresholdBytes`. Long readers can
 * starve the automatic checkpoints and let the log grow without bound (R47); the hourly job calls
 * this. Returns the WAL size before and after.
 */
export function checkpointIfLarge(
	sqlite: SqliteHandle,
	file: string,
	thresholdBytes = 64 * 1024 * 1024,
): { before: number; after: number } {
	const before = walBytes(file)
	if (before > thresholdBytes) sqlite.pragma('wal_checkpoint(TRUNCATE)')
	return { before, after: walBytes(file) }
}
