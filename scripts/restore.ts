/**
 * `npm run -s restore -- FILE`: puts a backup back as DATA_DIR/renewmatch.sqlite (RELIABILITY R46).
 * Refuses while a server runs on DATA_DIR, and refuses a file that is not a sound RenewMatch
 * database — in both cases nothing is changed.
 */
import { mkdirSync } from 'node:fs'
import { databaseFile } from '#app/boot.server.ts'
import { getEnv } from '#app/env.server.ts'
import { runningServerPid } from '#app/search/meili-process.server.ts'
import { formatCounts, restoreDatabase } from '#db/backup.ts'
import { CliError, runLocalCli } from './lib/cli.ts'

const USAGE = `Usage: npm run -s restore -- FILE

Replaces DATA_DIR/renewmatch.sqlite with FILE (a file written by \`npm run -s backup\`), after
checking it. Stop the server first. Then rebuild the search index: \`npm run -s reindex\` (or
just \`npm start\`: its start-up reconcile repairs the index in the background).

  FILE         the backup to restore
  -h, --help   this help`

await runLocalCli({ usage: USAGE, positionals: { min: 1, max: 1 } }, async ({ positionals }) => {
	const env = getEnv()
	const pid = runningServerPid(env.dataDir)
	if (pid) throw new CliError(`a server (pid ${pid}) is running on ${env.dataDir}: stop it first`)
	mkdirSync(env.dataDir, { recursive: true })
	const check = restoreDatabase(positionals[0]!, databaseFile(env))
	const counts = formatCounts(check.counts)
	process.stdout.write(
		`restore: ${databaseFile(env)} restored (integrity ok; ${counts}); now run \`npm run -s reindex\`\n`,
	)
})
