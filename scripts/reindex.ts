/**
 * `npm run -s reindex`: rebuilds the search index from the database (SQLite is the source of
 * truth; Meilisearch can always be rebuilt from it).
 */
import { reindexAll } from '#app/search/reindex.server.ts'
import { runCli } from './lib/cli.ts'
import { createProgress } from './lib/progress.ts'

const USAGE = `Usage: npm run -s reindex

Rebuilds every search index (products, organizations, demands, leasing programmes) from the
database under DATA_DIR, using the running server's Meilisearch when there is one, otherwise
starting (and afterwards stopping) the bundled one.

  -h, --help   this help`

await runCli({ usage: USAGE }, async (platform) => {
	const progress = createProgress('reindex')
	const totals = new Map<string, number>()
	await reindexAll(platform, {
		onProgress: (kind, done, total) => {
			totals.set(kind, total)
			progress.update(kind, done, total)
		},
	})
	const counts = [...totals].map(([kind, n]) => `${n} ${kind}`).join(', ')
	progress.summary(`rebuilt ${counts || 'the search indexes'}`)
	return 0
})
