/**
 * `npm run bench:match [-- --products 100000 --demands 20000 --samples 200]`: how long matching
 * takes at zone scale. Builds a throw-away DATA_DIR with the benchmark catalogue (generateCatalogue)
 * and deterministic open demands written around its products, then times, for sampled demands and
 * makers: the raw Meilisearch recall query alone, a demand's matches (recall + SQLite + re-rank),
 * and a maker's 商机 list. Appends the figures to docs/benchmarks.md under "## bench:match".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { bootPlatform } from '#app/boot.server.ts'
import { analyzeDemand } from '#app/matching/analyze.ts'
import { energyFloorFilter, recallQuery, RECALL_LIMIT } from '#app/matching/recall.server.ts'
import { suggestDemandsForMaker, suggestMatchesForDemand, toMatchDemand } from '#app/matching/suggest.server.ts'
import { synthesizeDemand } from '#app/matching/synthetic-demands.ts'
import { importExchange } from '#app/models/exchange.server.ts'
import { completeUscc } from '#app/models/uscc.ts'
import { reindexAll } from '#app/search/reindex.server.ts'
import { generateCatalogue } from '#db/seed/catalogue.ts'
import { createRng } from '#db/seed/random.ts'
import { seedCategoryWords } from '../../tests/fixtures/generate-match-devset.ts'
import { ms, summarize, timed, upsertMarkdownSection, type Summary } from './stats.ts'

const { values } = parseArgs({
	options: {
		products: { type: 'string', default: '100000' },
		demands: { type: 'string', default: '20000' },
		samples: { type: 'string', default: '200' },
		'no-write': { type: 'boolean', default: false },
	},
})
const PRODUCTS = Number(values.products)
const DEMANDS = Number(values.demands)
const SAMPLES = Number(values.samples)
const TODAY = '2026-12-01'
const log = (line: string) => console.log(`[bench:match] ${line}`)

type DemandRecord = NonNullable<ReturnType<typeof generateCatalogue>['demands']>[number]
type CatalogueDoc = ReturnType<typeof generateCatalogue>

/** Buyer organizations and open demands written around the catalogue's products (deterministic). */
function benchDemands(doc: CatalogueDoc, count: number) {
	const rng = createRng(42)
	const buyers = Array.from({ length: 200 }, (_, i) => ({
		ref: `bench-buyer-${i + 1}`,
		name: `天津滨海基准需求企业${i + 1}有限公司`,
		uscc: completeUscc(`91120116MA${String(1_000_000 + i).padStart(7, '0')}`),
		roles: ['buyer' as const],
		inZone: true,
	}))
	const demands: DemandRecord[] = []
	const products = doc.products ?? []
	for (let i = 0; i < count; i++) {
		const anchor = products[Math.floor(rng.next() * products.length)]!
		const d = synthesizeDemand(
			{
				ref: anchor.ref,
				category: anchor.category,
				name: anchor.name,
				specs: anchor.specs ?? {},
				energyGrade: anchor.energyGrade ?? null,
				priceMin: anchor.priceMin ?? null,
				priceMax: anchor.priceMax ?? null,
				leadTimeDays: anchor.leadTimeDays ?? null,
			},
			seedCategoryWords(anchor.category),
			{ ref: `bench-d-${i + 1}`, seedKey: `bench:${i}`, today: TODAY },
		)
		const input = d.input
		demands.push({
			ref: d.ref,
			org: buyers[i % buyers.length]!.ref,
			title: input.title,
			description: input.description,
			category: (input.category ?? null) as DemandRecord['category'],
			keySpecs: input.keySpecs,
			quantity: input.quantity ?? 1,
			budgetMin: input.budgetMin ?? null,
			budgetMax: input.budgetMax ?? null,
			neededBy: input.neededBy ?? null,
			minEnergyGrade: input.minEnergyGrade ?? null,
			preferInZone: input.preferInZone ?? false,
		})
	}
	return { buyers, demands }
}

const dataDir = mkdtempSync(join(tmpdir(), 'rm-bench-match-'))
process.env.DATA_DIR = dataDir
process.env.MEILI_INDEX_PREFIX = `benchmatch${process.pid}`
process.env.SEED_DEMO = 'never'
const platform = await bootPlatform()
try {
	log(`catalogue: ${PRODUCTS} products, ${DEMANDS} open demands (DATA_DIR ${dataDir})`)
	const doc = generateCatalogue(PRODUCTS)
	const { buyers, demands } = benchDemands(doc, DEMANDS)
	const [imported, importMs] = await timed(() =>
		importExchange(platform.db, {
			...doc,
			organizations: [...(doc.organizations ?? []), ...buyers],
			demands: [...(doc.demands ?? []), ...demands],
		}),
	)
	if (!imported.ok)
		throw new Error(
			`import failed: ${imported.errors
				.slice(0, 3)
				.map((e) => `${e.path}: ${e.message}`)
				.join('; ')}`,
		)
	log(`imported in ${(importMs / 1000).toFixed(1)} s`)
	const [, indexMs] = await timed(() => reindexAll(platform))
	log(`indexed in ${(indexMs / 1000).toFixed(1)} s`)

	const rng = createRng(7)
	const demandRows = await platform.db.selectFrom('demand').selectAll().where('status', '=', 'open').execute()
	const sample = rng.sample(demandRows, SAMPLES).map(toMatchDemand)
	const index = platform.search.client.index(platform.search.indexName('products'))

	// Warm-up: the first queries pay for page-cache and connection set-up.
	for (const d of sample.slice(0, 10)) await suggestMatchesForDemand(platform, d, { today: TODAY })

	const raw: number[] = []
	const full: number[] = []
	let returned = 0
	for (const d of sample) {
		const a = analyzeDemand(d)
		const filter = [
			energyFloorFilter(a.energyFloor?.value ?? null, a.category?.key ?? null),
			a.category ? `category = "${a.category.key}"` : null,
		].filter((f): f is string => f !== null)
		const [, rawMs] = await timed(() =>
			index.search(recallQuery(a), {
				filter,
				limit: RECALL_LIMIT,
				attributesToRetrieve: ['id'],
				matchingStrategy: 'frequency',
			}),
		)
		raw.push(rawMs)
		const [res, fullMs] = await timed(() => suggestMatchesForDemand(platform, d, { today: TODAY, limit: 20 }))
		full.push(fullMs)
		returned += res.matches.length
	}

	const makers = await platform.db
		.selectFrom('product')
		.select('organization_id')
		.where('status', '=', 'published')
		.groupBy('organization_id')
		.execute()
	const makerSample = rng.sample(makers, Math.min(50, makers.length))
	// First visit: the maker's ~500 products and the recalled demands are parsed for the first time.
	// Second visit: the web process has them memoised (what a maker refreshing the page gets).
	const maker: number[] = []
	const makerWarm: number[] = []
	let opportunities = 0
	for (const m of makerSample) {
		const [res, t] = await timed(() => suggestDemandsForMaker(platform, m.organization_id, { today: TODAY, limit: 20 }))
		maker.push(t)
		opportunities += res.length
	}
	for (const m of makerSample) {
		const [, t] = await timed(() => suggestDemandsForMaker(platform, m.organization_id, { today: TODAY, limit: 20 }))
		makerWarm.push(t)
	}

	const row = (name: string, s: Summary) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`
	const body = [
		`Command: \`npm run bench:match\` (defaults: \`-- --products ${PRODUCTS} --demands ${DEMANDS} --samples ${SAMPLES}\`), run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} CPUs / ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, embedded Meilisearch.`,
		'',
		`Catalogue: ${PRODUCTS.toLocaleString('en')} products (generateCatalogue), ${DEMANDS.toLocaleString('en')} open demands written around them (app/matching/synthetic-demands.ts); import ${(importMs / 1000).toFixed(1)} s, index build ${(indexMs / 1000).toFixed(1)} s.`,
		'',
		'| operation | n | p50 | p95 | max |',
		'| --- | --- | --- | --- | --- |',
		row(`raw Meilisearch recall query (terms, category + energy filter, limit ${RECALL_LIMIT})`, summarize(raw)),
		row("a demand's matches: suggestMatchesForDemand (recall + SQLite + re-rank, top 20)", summarize(full)),
		row("a maker's 商机: suggestDemandsForMaker (demand recall + re-rank, top 20), first visit", summarize(maker)),
		row("a maker's 商机, second visit (analyses memoised in the process)", summarize(makerWarm)),
		'',
		`1-minute load average when the timings ended: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs (timings on a shared, busy machine are inflated accordingly).`,
		'',
		`Mean matches returned per demand: ${(returned / sample.length).toFixed(1)}; mean 商机 per maker: ${(opportunities / Math.max(1, makerSample.length)).toFixed(1)}. Target: p95 < 60 ms for a demand's matches.`,
	].join('\n')
	console.log(`\n${body}\n`)
	if (!values['no-write']) {
		const file = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))
		const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
		writeFileSync(file, upsertMarkdownSection(existing, 'bench:match', body))
		log(`written to docs/benchmarks.md`)
	}
} finally {
	await platform.stop()
	rmSync(dataDir, { recursive: true, force: true })
}
