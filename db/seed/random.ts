/**
 * A small seeded PRNG for the seed data. Demo and benchmark data must come out byte-identical on
 * every run (tests compare two builds, imports are idempotent by ref), so nothing here may touch
 * Math.random or the clock.
 */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number
	/** Integer in [min, max], both inclusive. */
	int(min: number, max: number): number
	/** Float in [min, max). */
	float(min: number, max: number): number
	chance(p: number): boolean
	pick<T>(items: readonly T[]): T
	/** Up to n distinct items, in random order. */
	sample<T>(items: readonly T[], n: number): T[]
	shuffle<T>(items: readonly T[]): T[]
	/** Picks by weight; weights need not sum to 1. */
	weighted<T>(items: readonly (readonly [T, number])[]): T
}

/** mulberry32: 32-bit state, fast, good enough for fixtures, and trivially portable. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** Mixes a string into a seed, so independent streams (per org, per category) stay stable when others change. */
export function hashSeed(text: string, seed = 0): number {
	let h = (seed ^ 0x811c9dc5) >>> 0
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i)
		h = Math.imul(h, 0x01000193) >>> 0
	}
	return h
}

export function createRng(seed: number): Rng {
	const next = mulberry32(seed)
	function int(min: number, max: number): number {
		return min + Math.floor(next() * (max - min + 1))
	}
	function pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list')
		return items[Math.floor(next() * items.length)] as T
	}
	function shuffle<T>(items: readonly T[]): T[] {
		const out = items.slice()
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(next() * (i + 1))
			const tmp = out[i] as T
			out[i] = out[j] as T
			out[j] = tmp
		}
		return out
	}
	return {
		next,
		int,
		float: (min, max) => min + next() * (max - min),
		chance: (p) => next() < p,
		pick,
		sample<T>(items: readonly T[], n: number): T[] {
			// Partial Fisher–Yates: only the first n slots are drawn, which matters at 100k products.
			const out = items.slice()
			const k = Math.min(Math.max(0, n), out.length)
			for (let i = 0; i < k; i++) {
				const j = i + Math.floor(next() * (out.length - i))
				const tmp = out[i] as T
				out[i] = out[j] as T
				out[j] = tmp
			}
			out.length = k
			return out
		},
		shuffle,
		weighted(items) {
			let total = 0
			for (const [, w] of items) total += w
			let roll = next() * total
			for (const [item, w] of items) {
				roll -= w
				if (roll < 0) return item
			}
			const last = items[items.length - 1]
			if (!last) throw new Error('weighted pick from an empty list')
			return last[0]
		},
	}
}
