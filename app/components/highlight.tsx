import { Fragment } from 'react'
import type { Highlighted } from '#app/models/public-types.ts'

/** Search-hit segments as text and <mark>: never HTML from the index (plain text needs no element). */
export function Highlight({ segments, fallback }: { segments: Highlighted | undefined; fallback?: string | null }) {
	if (!segments || segments.length === 0) return <>{fallback ?? ''}</>
	return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}</>
}
