/**
 * `npm run eval:match`: the matcher's quality on the labelled development set
 * (tests/fixtures/match-devset.json) next to plain Meilisearch keyword search on the demand text.
 * Runs on a throw-away DATA_DIR with its own Meilisearch (or MEILI_URL with a private index
 * prefix): imports the demo catalogue, builds the indexes, evaluates, cleans up.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bootPlatform } from '#app/boot.server.ts'
import { formatEvalReport, runMatchEval, type Devset } from '#app/matching/eval.server.ts'
import { importExchange } from '#app/models/exchange.server.ts'
import { reindexAll } from '#app/search/reindex.server.ts'
import { buildDemoData } from '#db/seed/demo-data.ts'
import { catalogueFingerprint } from '../tests/fixtures/generate-match-devset.ts'

const devsetArg = process.argv.indexOf('--devset')
const devsetFile =
	devsetArg > 0 && process.argv[devsetArg + 1]
		? process.argv[devsetArg + 1]!
		: fileURLToPath(new URL('../tests/fixtures/match-devset.json', import.meta.url))
const devset = JSON.parse(readFileSync(devsetFile, 'utf8')) as Devset
const doc = buildDemoData()
if (catalogueFingerprint(doc.products) !== devset.catalogue.fingerprint) {
	console.error(
		'the demo catalogue changed since the devset was labelled: run `npx tsx tests/fixtures/generate-match-devset.ts`',
	)
	process.exit(1)
}

const dataDir = mkdtempSync(join(tmpdir(), 'rm-eval-'))
process.env.DATA_DIR = dataDir
process.env.MEILI_INDEX_PREFIX = `eval${process.pid}`
process.env.SEED_DEMO = 'never'
const platform = await bootPlatform()
let code = 0
try {
	const imported = await importExchange(platform.db, doc)
	if (!imported.ok)
		throw new Error(
			`demo data did not import: ${imported.errors
				.slice(0, 3)
				.map((e) => `${e.path}: ${e.message}`)
				.join('; ')}`,
		)
	await reindexAll(platform)
	const started = Date.now()
	const report = await runMatchEval(platform, devset)
	console.log(formatEvalReport(report))
	console.log(
		`(${devset.demands.length} demands, ${devset.catalogue.products} products, ${Date.now() - started} ms; labels: tests/fixtures/match-devset.json, rules: docs/matching.md)`,
	)
	if (process.argv.includes('--per-demand')) {
		for (const d of report.perDemand) {
			console.log(
				`${d.ref.padEnd(10)}${d.style.padEnd(12)}${d.ndcg.matcher.toFixed(3).padStart(7)}${d.ndcg.keyword.toFixed(3).padStart(7)}${d.ndcg.keywordFrequency.toFixed(3).padStart(7)}`,
			)
		}
	}
} catch (error) {
	console.error((error as Error).message)
	code = 1
} finally {
	if (platform.meili.owned === false) {
		// An external Meilisearch keeps running: remove our indexes from it.
		const { results } = await platform.search.client.getIndexes({ limit: 1000 })
		for (const i of results.filter((x) => x.uid.startsWith(`${platform.search.prefix}_`)))
			await platform.search.client.deleteIndex(i.uid).waitTask()
	}
	await platform.stop()
	rmSync(dataDir, { recursive: true, force: true })
}
process.exit(code)
