import type { MatchDemand } from './analyze.ts'
import { mean, ndcgAt, precisionAt1, recallAt, type Grades } from './metrics.ts'
import { suggestMatchesForDemand, type MatchServices } from './suggest.server.ts'

/**
 * The matching eval: a labelled development set over the demo catalogue (tests/fixtures/
 * match-devset.json, labels derived by stated rules from the products' structured data — see
 * docs/matching.md), run through our matcher and through plain Meilisearch keyword search on the
 * demand text, scored with nDCG@10, Recall@10, P@1 and energy-floor violations.
 */

export type DevsetInput = {
	title: string
	description: string
	category?: string | null
	keySpecs?: Record<string, string>
	quantity?: number
	budgetMin?: number | null
	budgetMax?: number | null
	neededBy?: string | null
	minEnergyGrade?: number | null
	preferInZone?: boolean
}

export type DevsetDemand = {
	ref: string
	/** What the person typed into the form (fields may be empty; the text may carry them). */
	input: DevsetInput
	/** What they meant: the labeller's ground truth, never shown to the matcher. */
	truth: {
		category: string
		specKey: string | null
		specValue: number | null
		budgetMax: number | null
		quantity: number
		energyFloor: number | null
	}
	/** Graded relevance by product ref; absent refs are 0. */
	labels: Record<string, 1 | 2>
	/** How the demand was written: which fields were left to the text. */
	style: string
}

export type Devset = {
	version: 1
	today: string
	catalogue: { products: number; fingerprint: string }
	gradedCategories: string[]
	rules: string[]
	demands: DevsetDemand[]
}

export type SystemName = 'matcher' | 'keyword' | 'keywordFrequency'

export type SystemFigures = {
	ndcg10: number
	recall10: number
	p1: number
	/** Results (in the top 10) below the demand's energy floor, summed over demands. */
	violations: number
	/** Demands for which the system returned nothing. */
	empty: number
}

export type EvalReport = {
	demands: number
	systems: Record<SystemName, SystemFigures>
	perDemand: Array<{ ref: string; style: string; ndcg: Record<SystemName, number> }>
}

/** The devset demand as the matcher sees it: only what was typed. */
export function toDevsetMatchDemand(d: DevsetDemand): MatchDemand {
	const i = d.input
	return {
		ref: d.ref,
		title: i.title,
		description: i.description,
		categoryKey: i.category ?? null,
		keySpecs: i.keySpecs ?? {},
		quantity: i.quantity ?? 1,
		budgetMin: i.budgetMin ?? null,
		budgetMax: i.budgetMax ?? null,
		neededBy: i.neededBy ?? null,
		minEnergyGrade: i.minEnergyGrade ?? null,
		preferInZone: i.preferInZone ?? false,
	}
}

type Hit = { ref: string; energyGrade: number | null; category: string }

function violates(hit: Hit, floor: number | null, graded: ReadonlySet<string>): boolean {
	if (floor == null) return false
	if (hit.energyGrade == null) return graded.has(hit.category)
	return hit.energyGrade > floor
}

/** Runs every devset demand through the matcher and the keyword baselines. */
export async function runMatchEval(
	services: MatchServices,
	devset: Devset,
	options: { k?: number } = {},
): Promise<EvalReport> {
	const k = options.k ?? 10
	const graded = new Set(devset.gradedCategories)
	const index = services.search.client.index(services.search.indexName('products'))
	const names: SystemName[] = ['matcher', 'keyword', 'keywordFrequency']
	const acc = Object.fromEntries(
		names.map((n) => [
			n,
			{ ndcg: [] as number[], recall: [] as number[], p1: [] as number[], violations: 0, empty: 0 },
		]),
	) as Record<SystemName, { ndcg: number[]; recall: number[]; p1: number[]; violations: number; empty: number }>
	const perDemand: EvalReport['perDemand'] = []
	for (const d of devset.demands) {
		const grades: Grades = d.labels
		const ours = await suggestMatchesForDemand(services, toDevsetMatchDemand(d), { limit: k, today: devset.today })
		const results: Record<SystemName, Hit[]> = {
			matcher: ours.matches.map((m) => ({
				ref: m.product.ref,
				energyGrade: m.product.energyGrade,
				category: m.product.categoryKey,
			})),
			keyword: [],
			keywordFrequency: [],
		}
		// The baseline is what the product search box would do with the demand's words as typed.
		const q = `${d.input.title} ${d.input.description}`
		for (const [name, strategy] of [
			['keyword', 'last'],
			['keywordFrequency', 'frequency'],
		] as const) {
			const res = await index.search<Hit>(q, {
				limit: k,
				attributesToRetrieve: ['ref', 'energyGrade', 'category'],
				matchingStrategy: strategy,
			})
			results[name] = res.hits.map((h) => ({ ref: h.ref, energyGrade: h.energyGrade ?? null, category: h.category }))
		}
		const row: Record<SystemName, number> = { matcher: 0, keyword: 0, keywordFrequency: 0 }
		for (const name of names) {
			const refs = results[name].map((h) => h.ref)
			const a = acc[name]
			const n = ndcgAt(refs, grades, k)
			row[name] = n
			a.ndcg.push(n)
			a.recall.push(recallAt(refs, grades, k))
			a.p1.push(precisionAt1(refs, grades))
			a.violations += results[name].filter((h) => violates(h, d.truth.energyFloor, graded)).length
			if (refs.length === 0) a.empty++
		}
		perDemand.push({ ref: d.ref, style: d.style, ndcg: row })
	}
	const round = (x: number) => Math.round(x * 1000) / 1000
	const systems = Object.fromEntries(
		names.map((n) => {
			const a = acc[n]
			return [
				n,
				{
					ndcg10: round(mean(a.ndcg)),
					recall10: round(mean(a.recall)),
					p1: round(mean(a.p1)),
					violations: a.violations,
					empty: a.empty,
				},
			]
		}),
	) as Record<SystemName, SystemFigures>
	return { demands: devset.demands.length, systems, perDemand }
}

/** The report as the table `npm run eval:match` prints. */
export function formatEvalReport(report: EvalReport): string {
	const label: Record<SystemName, string> = {
		matcher: 'RenewMatch matcher',
		keyword: 'baseline: keyword (last)',
		keywordFrequency: 'baseline: keyword (frequency)',
	}
	const lines = [
		`match eval over ${report.demands} demands (k = 10)`,
		`${'system'.padEnd(32)}${'nDCG@10'.padStart(9)}${'Recall@10'.padStart(11)}${'P@1'.padStart(7)}${'floor violations'.padStart(18)}${'empty'.padStart(7)}`,
	]
	for (const [name, f] of Object.entries(report.systems) as Array<[SystemName, SystemFigures]>) {
		lines.push(
			`${label[name].padEnd(32)}${f.ndcg10.toFixed(3).padStart(9)}${f.recall10.toFixed(3).padStart(11)}${f.p1.toFixed(3).padStart(7)}${String(f.violations).padStart(18)}${String(f.empty).padStart(7)}`,
		)
	}
	return lines.join('\n')
}
