import type { Highlighted } from '#app/models/public-types.ts'

/**
 * Highlight tags sent to Meilisearch. Control characters, because documents are stripped of them
 * (so a product name can never fake a tag) and because Meilisearch drops private-use characters.
 */
export const HIGHLIGHT_PRE = '\u0002'
export const HIGHLIGHT_POST = '\u0003'

/** Splits Meilisearch's tagged text into segments; pages render them as text, never as HTML. */
export function toHighlighted(tagged: string | null | undefined): Highlighted {
	if (!tagged) return []
	const out: Highlighted = []
	let hit = false
	let buf = ''
	const flush = () => {
		if (!buf) return
		const last = out[out.length - 1]
		if (last && last.hit === hit) last.text += buf
		else out.push({ text: buf, hit })
		buf = ''
	}
	for (const ch of tagged) {
		if (ch === HIGHLIGHT_PRE) {
			flush()
			hit = true
		} else if (ch === HIGHLIGHT_POST) {
			flush()
			hit = false
		} else {
			buf += ch
		}
	}
	flush()
	return out
}

/** The plain text of segments (to check a highlight still matches the record it came from). */
export function highlightedText(segments: Highlighted): string {
	return segments.map((s) => s.text).join('')
}

/** Unhighlighted segments for text that has no usable highlight. */
export function plainHighlighted(text: string | null | undefined): Highlighted {
	return text ? [{ text, hit: false }] : []
}
