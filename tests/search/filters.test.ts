import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFilterBuilder, isBalancedFilter, quoteFilterValue } from '#app/search/filters.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { sanitizeText } from '#app/search/synonyms.ts'
import { waitForSuccess } from '#app/search/tasks.server.ts'

const f = createFilterBuilder(['category', 'area', 'grade', 'inZone'])

// Strings that stress the escaping: quotes, backslashes, filter keywords, brackets, control
// characters, lone surrogates and whole Unicode.
const nasty = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({
		unit: fc.constantFrom('"', '\\', "'", ' ', 'O', 'R', '=', '[', ']', '(', ')', 'a', '区', 'N', 'D', '\n'),
		maxLength: 30,
	}),
	fc.constantFrom('" OR category = "a', '\\" OR 1 = 1', 'a\\', '\\', '"', '"]', 'x" OR area EXISTS OR "', '西区'),
)

describe('filter building', () => {
	it('quotes and escapes every value', () => {
		expect(quoteFilterValue('西区')).toBe('"西区"')
		expect(quoteFilterValue('a"b')).toBe('"a\\"b"')
		expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"')
		expect(quoteFilterValue(2)).toBe('"2"')
		expect(quoteFilterValue(true)).toBe('"true"')
		expect(() => quoteFilterValue(Number.NaN)).toThrow()
		expect(f.eq('area', '" OR area = "x')).toBe('area = "\\" OR area = \\"x"')
		expect(f.anyOf('category', ['a', 'b', 'a'])).toBe('category IN ["a", "b"]')
		expect(f.anyOf('category', [])).toBeNull()
		expect(f.all([f.eq('area', 'x'), null, f.compare('grade', '<=', 2)])).toBe('(area = "x") AND (grade <= "2")')
		expect(f.all([null, undefined])).toBeUndefined()
	})

	it('refuses attributes that are not on the allow-list', () => {
		// @ts-expect-error: not an allowed attribute
		expect(() => f.eq('contact_phone', 'x')).toThrow(/not allowed/)
		expect(() => createFilterBuilder(['a = 1 OR b'])).toThrow(/safe/)
	})

	it('never throws and always produces a balanced expression (property)', () => {
		fc.assert(
			fc.property(nasty, fc.array(nasty, { maxLength: 5 }), (one, many) => {
				const expr = f.all([f.eq('area', one), f.notEq('category', one), f.anyOf('category', many)])
				expect(expr).toBeDefined()
				expect(isBalancedFilter(expr!)).toBe(true)
			}),
			{ numRuns: 500 },
		)
	})

	it('detects unbalanced expressions', () => {
		expect(isBalancedFilter('a = "x')).toBe(false)
		expect(isBalancedFilter('a = "x\\"')).toBe(false)
		expect(isBalancedFilter('a = "x\\y"')).toBe(false)
		expect(isBalancedFilter('(a = "x"')).toBe(false)
		expect(isBalancedFilter('a IN ["x", "y"]')).toBe(true)
	})
})

describe('filters against Meilisearch (R23)', () => {
	let ctx: TestContext
	let uid: string
	const docs = [
		{ id: 1, category: 'motor', area: '西区', grade: 1, inZone: true },
		{ id: 2, category: 'pump', area: '南港工业区', grade: 2, inZone: false },
		{ id: 3, category: 'a"b', area: 'x\\"y', grade: 3, inZone: true },
		{ id: 4, category: '\\', area: '" OR area = "西区', grade: 2, inZone: false },
	]
	beforeAll(async () => {
		ctx = await createTestContext()
		uid = `${ctx.search.prefix}_filters`
		await waitForSuccess(ctx.search, ctx.search.client.createIndex(uid, { primaryKey: 'id' }))
		await waitForSuccess(
			ctx.search,
			ctx.search.client.index(uid).updateSettings({ filterableAttributes: ['category', 'area', 'grade', 'inZone'] }),
		)
		await waitForSuccess(ctx.search, ctx.search.client.index(uid).addDocuments(docs))
	})
	afterAll(async () => ctx.cleanup())

	const ids = async (filter: string | undefined) => {
		const res = await ctx.search.client.index(uid).search('', { filter, limit: 100 })
		return res.hits.map((h) => Number(h.id)).sort()
	}

	it('matches values with quotes and backslashes exactly', async () => {
		expect(await ids(f.eq('category', 'a"b'))).toEqual([3])
		expect(await ids(f.eq('category', '\\'))).toEqual([4])
		expect(await ids(f.eq('area', 'x\\"y'))).toEqual([3])
		expect(await ids(f.eq('area', '" OR area = "西区'))).toEqual([4])
		expect(await ids(f.anyOf('grade', [1, 3]) ?? undefined)).toEqual([1, 3])
		expect(await ids(f.eq('inZone', false))).toEqual([2, 4])
	})

	it('never widens results and never causes a 400 (property)', async () => {
		await fc.assert(
			fc.asyncProperty(nasty, async (value) => {
				const got = await ids(f.eq('area', value))
				const expected = docs.filter((d) => d.area === sanitizeText(value)).map((d) => d.id)
				expect(got.every((id) => expected.includes(id))).toBe(true)
				const narrowed = await ids(f.all([f.eq('category', 'motor'), f.eq('area', value)]))
				expect(narrowed.every((id) => id === 1)).toBe(true)
			}),
			{ numRuns: 150 },
		)
	})
})
