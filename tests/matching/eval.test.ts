import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { formatEvalReport, runMatchEval, type Devset } from '#app/matching/eval.server.ts'
import { importExchange } from '#app/models/exchange.server.ts'
import { reindexAll } from '#app/search/reindex.server.ts'
import { buildDemoData } from '#db/seed/demo-data.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { catalogueFingerprint } from '../fixtures/generate-match-devset.ts'

const devset = JSON.parse(readFileSync(new URL('../fixtures/match-devset.json', import.meta.url), 'utf8')) as Devset
let ctx: TestContext

beforeAll(async () => {
	ctx = await createTestContext()
	const imported = await importExchange(ctx.db, buildDemoData())
	expect(imported.ok).toBe(true)
	await reindexAll(ctx)
}, 180_000)

afterAll(async () => {
	await ctx?.cleanup()
})

test('the devset is labelled over the current demo catalogue, ≥ 40 demands', () => {
	expect(catalogueFingerprint(buildDemoData().products)).toBe(devset.catalogue.fingerprint)
	expect(devset.demands.length).toBeGreaterThanOrEqual(40)
	for (const d of devset.demands) expect(Object.keys(d.labels).length).toBeGreaterThan(0)
})

test('matcher: nDCG@10 ≥ 0.85, well above keyword search, no energy-floor violations', async () => {
	const report = await runMatchEval(ctx, devset)
	console.log(formatEvalReport(report))
	const ours = report.systems.matcher
	const baseline = Math.max(report.systems.keyword.ndcg10, report.systems.keywordFrequency.ndcg10)
	expect(ours.ndcg10).toBeGreaterThanOrEqual(0.85)
	expect(ours.ndcg10).toBeGreaterThan(baseline + 0.1)
	expect(ours.violations).toBe(0)
}, 120_000)
