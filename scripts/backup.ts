/**
 * `npm run -s backup -- FILE`: an online copy of the SQLite database (RELIABILITY R46), safe while
 * the server runs and writes; checked with `PRAGMA integrity_check` and summarised by row counts.
 */
import { existsSync } from 'node:fs'
import { databaseFile } from '#app/boot.server.ts'
import { getEnv } from '#app/env.server.ts'
import { backupDatabase, checkDatabaseFile, formatCounts } from '#db/backup.ts'
import { openSqlite } from '#db/client.ts'
import { CliError, runLocalCli } from './lib/cli.ts'
import { createProgress } from './lib/progress.ts'

const USAGE = `Usage: npm run -s backup -- FILE

Copies DATA_DIR/renewmatch.sqlite to FILE while the platform keeps running (SQLite's online
backup), then checks the copy (integrity_check) and prints its row counts. Restore it with
\`npm run -s restore -- FILE\` while the server is stopped.

  FILE         the backup file to write (replaced if it exists)
  -h, --help   this help`

await runLocalCli({ usage: USAGE, positionals: { min: 1, max: 1 } }, async ({ positionals }) => {
	const file = positionals[0]!
	const source = databaseFile(getEnv())
	if (!existsSync(source)) throw new CliError(`no database at ${source}: nothing to back up`)
	const progress = createProgress('backup')
	const sqlite = openSqlite(source)
	try {
		await backupDatabase(sqlite, file, (done, total) => progress.update('pages', done, total))
	} finally {
		sqlite.close()
	}
	const check = checkDatabaseFile(file)
	if (check.integrity !== 'ok') throw new CliError(`the backup failed its integrity check: ${check.integrity}`)
	progress.summary(`${file}: integrity ok; ${formatCounts(check.counts)}`)
})
