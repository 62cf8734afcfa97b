/**
 * Ranking metrics for the matching eval, over graded relevance (0 irrelevant, 1 partly, 2 fully
 * relevant). Pure, so the eval script and its vitest twin compute the very same figures.
 */

export type Grades = Record<string, number>

/** DCG with the usual exponential gain (2^rel − 1) and log2 position discount. */
function dcg(gains: number[]): number {
	return gains.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0)
}

/** nDCG@k of a ranked list of refs against all graded refs; 1 when nothing is relevant and nothing is returned. */
export function ndcgAt(ranked: string[], grades: Grades, k = 10): number {
	const ideal = Object.values(grades)
		.filter((g) => g > 0)
		.sort((a, b) => b - a)
		.slice(0, k)
	const idcg = dcg(ideal)
	if (idcg === 0) return ranked.length === 0 ? 1 : 0
	return dcg(ranked.slice(0, k).map((ref) => grades[ref] ?? 0)) / idcg
}

/** Share of the relevant refs (grade ≥ 1) found in the top k, out of at most k. */
export function recallAt(ranked: string[], grades: Grades, k = 10): number {
	const relevant = Object.entries(grades).filter(([, g]) => g > 0).length
	if (relevant === 0) return 1
	const found = ranked.slice(0, k).filter((ref) => (grades[ref] ?? 0) > 0).length
	return found / Math.min(k, relevant)
}

/** 1 when the first result is relevant (grade ≥ `minGrade`), else 0. */
export function precisionAt1(ranked: string[], grades: Grades, minGrade = 1): number {
	const first = ranked[0]
	return first !== undefined && (grades[first] ?? 0) >= minGrade ? 1 : 0
}

/** Arithmetic mean, 0 for an empty list. */
export function mean(values: number[]): number {
	return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
}

/** p-th percentile (0..100) by nearest rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN
	const sorted = [...values].sort((a, b) => a - b)
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[rank]!
}
