/**
 * Meilisearch filter expressions from an allow-list of attribute names and quoted, escaped values
 * (RELIABILITY R23). User input is only ever a value inside double quotes: a `"` or `\` in it is
 * escaped, so it can neither close the string nor add an `OR`, and an unknown attribute is a bug
 * in our code, not something a URL can reach.
 */
import { sanitizeText } from './synonyms.ts'

export type FilterValue = string | number | boolean

/** A value as a double-quoted filter literal; Meilisearch compares quoted numbers and booleans as such. */
export function quoteFilterValue(value: FilterValue): string {
	if (typeof value === 'number' && !Number.isFinite(value))
		throw new Error(`filter value is not a finite number: ${value}`)
	const text = typeof value === 'string' ? sanitizeText(value) : String(value)
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export type FilterBuilder<A extends string> = {
	/** `attr = "value"` */
	eq(attr: A, value: FilterValue): string
	/** `attr != "value"` */
	notEq(attr: A, value: FilterValue): string
	/** `attr IN ["a", "b"]`, or null for an empty list (no constraint: the caller decides what empty means). */
	anyOf(attr: A, values: readonly FilterValue[]): string | null
	/** `attr >= "n"` and friends, for numbers only. */
	compare(attr: A, op: '<' | '<=' | '>' | '>=', value: number): string
	/** The non-null clauses joined with AND, or undefined when there are none. */
	all(clauses: ReadonlyArray<string | null | undefined>): string | undefined
}

/** A filter builder that only knows the attributes in `allowed`. */
export function createFilterBuilder<const A extends string>(allowed: readonly A[]): FilterBuilder<A> {
	const names = new Set<string>(allowed)
	for (const a of allowed) {
		// Attribute names are ours, but a typo like "in Zone" would make a different expression.
		if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(a)) throw new Error(`not a safe filter attribute name: ${a}`)
	}
	const check = (attr: string): string => {
		if (!names.has(attr)) throw new Error(`filter attribute not allowed: ${attr}`)
		return attr
	}
	return {
		eq: (attr, value) => `${check(attr)} = ${quoteFilterValue(value)}`,
		notEq: (attr, value) => `${check(attr)} != ${quoteFilterValue(value)}`,
		anyOf: (attr, values) => {
			check(attr)
			if (values.length === 0) return null
			return `${attr} IN [${[...new Set(values)].map(quoteFilterValue).join(', ')}]`
		},
		compare: (attr, op, value) => `${check(attr)} ${op} ${quoteFilterValue(value)}`,
		all: (clauses) => {
			const parts = clauses.filter((c): c is string => typeof c === 'string' && c.length > 0)
			return parts.length === 0 ? undefined : parts.map((c) => `(${c})`).join(' AND ')
		},
	}
}

/**
 * True when every double-quoted literal in `filter` is closed and every backslash inside one
 * escapes something: the invariant the property tests check on arbitrary input.
 */
export function isBalancedFilter(filter: string): boolean {
	let inString = false
	let depthParen = 0
	let depthBracket = 0
	for (let i = 0; i < filter.length; i++) {
		const ch = filter[i]
		if (inString) {
			if (ch === '\\') {
				const next = filter[i + 1]
				if (next !== '\\' && next !== '"') return false
				i += 1
			} else if (ch === '"') {
				inString = false
			}
			continue
		}
		if (ch === '"') inString = true
		else if (ch === '(') depthParen += 1
		else if (ch === ')') depthParen -= 1
		else if (ch === '[') depthBracket += 1
		else if (ch === ']') depthBracket -= 1
		if (depthParen < 0 || depthBracket < 0) return false
	}
	return !inString && depthParen === 0 && depthBracket === 0
}
