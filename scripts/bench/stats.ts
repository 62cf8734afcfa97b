/** Small statistics helpers shared by the benchmarks: medians and p95 of millisecond samples. */
export function percentile(samples: number[], p: number): number {
	if (samples.length === 0) return Number.NaN
	const sorted = [...samples].sort((a, b) => a - b)
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[rank]!
}

export type Summary = { n: number; p50: number; p95: number; max: number }

export function summarize(samples: number[]): Summary {
	return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) }
}

export function ms(value: number): string {
	return `${value.toFixed(1)} ms`
}

/** Times an async function with a high-resolution clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = process.hrtime.bigint()
	const value = await fn()
	return [value, Number(process.hrtime.bigint() - start) / 1e6]
}

/** Replaces (or appends) the section under `## heading` in a Markdown file, keeping the others. */
export function upsertMarkdownSection(existing: string, heading: string, body: string): string {
	const marker = `## ${heading}`
	const start = existing.indexOf(marker)
	const section = `${marker}\n\n${body.trim()}\n`
	if (start < 0) return `${existing.trimEnd()}\n\n${section}`
	const next = existing.indexOf('\n## ', start + marker.length)
	return `${existing.slice(0, start)}${section}${next < 0 ? '' : existing.slice(next)}`
}
