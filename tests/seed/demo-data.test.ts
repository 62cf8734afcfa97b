import { describe, expect, it } from 'vitest'
import { ExchangeDocumentSchema } from '#app/models/exchange.schema.ts'
import { CATEGORIES, CATEGORY_KEYS, DEMAND_DOMAIN_KEYS, ZONE_AREAS, type OrgRole } from '#app/models/taxonomy.ts'
import { isValidUscc } from '#app/models/uscc.ts'
import { generateBenchQueries, generateCatalogue } from '#db/seed/catalogue.ts'
import { buildDemoData } from '#db/seed/demo-data.ts'

const demo = buildDemoData()
const orgs = demo.organizations ?? []
const products = demo.products ?? []
const programs = demo.leasingPrograms ?? []
const demands = demo.demands ?? []
const orgByRef = new Map(orgs.map((o) => [o.ref, o]))

function hasRole(ref: string, role: OrgRole): boolean {
	return orgByRef.get(ref)?.roles.includes(role) ?? false
}

describe('demo data', () => {
	it('parses with the exchange schema', () => {
		const result = ExchangeDocumentSchema.safeParse(demo)
		expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([])
	})

	it('has enough of everything', () => {
		expect(orgs.length).toBeGreaterThanOrEqual(40)
		expect(products.length).toBeGreaterThanOrEqual(300)
		expect(demands.length).toBeGreaterThanOrEqual(30)
		const lessorsWithPrograms = new Set(programs.map((p) => p.org))
		expect(lessorsWithPrograms.size).toBeGreaterThanOrEqual(5)
		expect(orgs.filter((o) => o.roles.includes('supplier')).length).toBeGreaterThanOrEqual(25)
		expect(orgs.filter((o) => o.roles.length === 1 && o.roles[0] === 'buyer').length).toBeGreaterThanOrEqual(6)
		expect(orgs.filter((o) => o.inZone === false).length).toBeGreaterThanOrEqual(2)
	})

	it('covers every category with at least 6 listings, services as kind service', () => {
		for (const key of CATEGORY_KEYS) {
			const inCategory = products.filter((p) => p.category === key)
			expect(inCategory.length, key).toBeGreaterThanOrEqual(6)
		}
		for (const c of CATEGORIES.filter((c) => c.group === 'services')) {
			expect(
				products.filter((p) => p.category === c.key).every((p) => p.kind === 'service'),
				c.key,
			).toBe(true)
		}
	})

	it('gives every organization a valid, distinct credit code and a zone area when in the zone', () => {
		for (const o of orgs) {
			expect(isValidUscc(o.uscc), o.uscc).toBe(true)
			if (o.inZone) expect(ZONE_AREAS as readonly string[]).toContain(o.area)
			expect(o.contact?.phone).toMatch(/^1[358]\d{9}$/)
		}
		expect(new Set(orgs.map((o) => o.uscc)).size).toBe(orgs.length)
		expect(new Set(orgs.map((o) => o.ref)).size).toBe(orgs.length)
	})

	it('links every record to an existing org with the right role', () => {
		for (const p of products) expect(hasRole(p.org, 'supplier'), p.ref).toBe(true)
		for (const p of programs) expect(hasRole(p.org, 'lessor'), p.ref).toBe(true)
		for (const d of demands) expect(hasRole(d.org, 'buyer'), d.ref).toBe(true)
	})

	it('keeps refs unique and prices, grades and dates sensible', () => {
		expect(new Set(products.map((p) => p.ref)).size).toBe(products.length)
		for (const p of products) {
			expect(p.priceMin, p.ref).toBeGreaterThan(0)
			expect(p.priceMax ?? 0, p.ref).toBeGreaterThanOrEqual(p.priceMin ?? 0)
			expect(Object.keys(p.specs ?? {}).length, p.ref).toBeGreaterThanOrEqual(2)
			const len = (p.description ?? '').length
			expect(len, p.ref).toBeGreaterThanOrEqual(40)
			expect(len, p.ref).toBeLessThanOrEqual(150)
		}
		const graded = products.filter((p) => p.energyGrade != null)
		expect(new Set(graded.map((p) => p.energyGrade))).toEqual(new Set([1, 2, 3]))
		expect(products.filter((p) => p.category === 'industrial-robot').every((p) => p.energyGrade == null)).toBe(true)
		for (const d of demands) {
			if (d.neededBy) expect(d.neededBy.startsWith('2027-'), d.ref).toBe(true)
			if (d.budgetMin != null && d.budgetMax != null) expect(d.budgetMax, d.ref).toBeGreaterThanOrEqual(d.budgetMin)
		}
	})

	it('spreads demands over all domains, with and without category, many wanting leasing', () => {
		expect(new Set(demands.map((d) => d.domain))).toEqual(new Set(DEMAND_DOMAIN_KEYS))
		expect(demands.filter((d) => d.category == null).length).toBeGreaterThanOrEqual(5)
		expect(demands.filter((d) => d.financing === 'leasing').length).toBeGreaterThanOrEqual(10)
		for (const d of demands) {
			const year = d.oldEquipment?.installedYear
			if (year != null) expect(year).toBeGreaterThanOrEqual(1998)
		}
	})

	it('is deterministic', () => {
		expect(buildDemoData()).toEqual(demo)
	})

	it('writes varied descriptions', () => {
		const distinct = new Set(products.map((p) => p.description)).size
		expect(distinct / products.length).toBeGreaterThanOrEqual(0.95)
	})
})

describe('benchmark catalogue', () => {
	it('parses, covers all categories, has valid distinct codes and is deterministic', () => {
		const doc = generateCatalogue(1000)
		const result = ExchangeDocumentSchema.safeParse(doc)
		expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([])
		const items = doc.products ?? []
		expect(items).toHaveLength(1000)
		expect(items[0]?.ref).toBe('bench-p-000001')
		expect(new Set(items.map((p) => p.category)).size).toBe(CATEGORY_KEYS.length)
		const codes = (doc.organizations ?? []).map((o) => o.uscc)
		expect(new Set(codes).size).toBe(codes.length)
		const orgRefs = new Set((doc.organizations ?? []).map((o) => o.ref))
		expect(items.every((p) => orgRefs.has(p.org))).toBe(true)
		expect(generateCatalogue(1000)).toEqual(doc)
		expect(generateCatalogue(1000, 43)).not.toEqual(doc)
	})

	it('generates varied, deterministic queries', () => {
		const queries = generateBenchQueries(500)
		expect(queries).toHaveLength(500)
		expect(new Set(queries).size).toBeGreaterThan(250)
		expect(queries.every((q) => q.trim().length > 0)).toBe(true)
		expect(generateBenchQueries(500)).toEqual(queries)
	})
})
