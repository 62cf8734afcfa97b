import { describe, expect, test } from 'vitest'
import { analyzeDemand, type MatchDemand, type MatchProduct } from '#app/matching/analyze.ts'
import { meetsEnergyFloor, rankProducts, scoreProduct } from '#app/matching/rank.ts'
import { formatReason, type MatchReason } from '#app/matching/reasons.ts'
import { redactForSupplier } from '#app/matching/suggest.server.ts'

const TODAY = '2026-12-01'

function demand(over: Partial<MatchDemand> = {}): MatchDemand {
	return {
		ref: 'd1',
		title: '更换空压机',
		description: '更换老旧空压机',
		categoryKey: 'compressor',
		keySpecs: { 额定功率: '75 kW' },
		quantity: 2,
		budgetMin: null,
		budgetMax: 400_000,
		neededBy: '2027-03-01',
		minEnergyGrade: 2,
		preferInZone: true,
		...over,
	}
}

function product(over: Partial<MatchProduct> = {}): MatchProduct {
	return {
		id: 1,
		ref: 'p1',
		organizationId: 10,
		kind: 'equipment',
		categoryKey: 'compressor',
		name: '永磁变频螺杆空压机',
		model: 'GA75',
		brand: '示例',
		description: '一级能效永磁变频螺杆空压机',
		specs: { 额定功率: '75 kW', 排气量: '13 m³/min' },
		energyGrade: 1,
		priceMin: 150_000,
		priceMax: 180_000,
		leadTimeDays: 30,
		tags: [],
		inZone: true,
		...over,
	}
}

function reasonOf(reasons: MatchReason[], factor: MatchReason['factor']): MatchReason | undefined {
	return reasons.find((r) => r.factor === factor)
}

describe('scoreProduct', () => {
	test('a product that fits on every factor scores near 1, every reason met', () => {
		const s = scoreProduct(analyzeDemand(demand()), product(), { today: TODAY })
		expect(s.excluded).toBeNull()
		expect(s.score).toBeGreaterThan(0.95)
		expect(s.reasons.map((r) => r.factor).sort()).toEqual([
			'budget',
			'category',
			'energy',
			'inZone',
			'leadTime',
			'spec',
			'text',
		])
		expect(s.reasons.filter((r) => r.factor !== 'text').every((r) => r.status === 'met')).toBe(true)
		expect(reasonOf(s.reasons, 'energy')?.code).toBe('energy.better')
	})

	test('energy grade below the floor is excluded; unrated is excluded only where grades exist', () => {
		const a = analyzeDemand(demand())
		expect(scoreProduct(a, product({ energyGrade: 3 }), { today: TODAY }).excluded).toBe('energyFloor')
		expect(scoreProduct(a, product({ energyGrade: null }), { today: TODAY }).excluded).toBe('energyFloor')
		const robot = analyzeDemand(demand({ categoryKey: 'industrial-robot', keySpecs: {} }))
		expect(
			scoreProduct(robot, product({ categoryKey: 'industrial-robot', energyGrade: null }), { today: TODAY }).excluded,
		).toBeNull()
		expect(meetsEnergyFloor({ energyGrade: 2, categoryKey: 'motor' }, 2)).toBe(true)
		expect(meetsEnergyFloor({ energyGrade: 3, categoryKey: 'motor' }, 2)).toBe(false)
		expect(meetsEnergyFloor({ energyGrade: null, categoryKey: 'motor' }, 2)).toBe(false)
		expect(meetsEnergyFloor({ energyGrade: null, categoryKey: 'service-digital' }, 2)).toBe(true)
	})

	test('spec: within 25 % met, within 50 % partly, beyond missed, absent partly', () => {
		const a = analyzeDemand(demand())
		const status = (spec: string) =>
			reasonOf(
				scoreProduct(a, product({ specs: { 额定功率: spec }, name: '空压机' }), { today: TODAY }).reasons,
				'spec',
			)
		expect(status('90 kW')).toMatchObject({
			status: 'met',
			code: 'spec.met',
			params: { deviationPct: 20, direction: 'above' },
		})
		expect(status('110 kW')?.status).toBe('partly')
		expect(status('250 kW')?.status).toBe('missed')
		expect(
			reasonOf(scoreProduct(a, product({ specs: {}, name: '空压机' }), { today: TODAY }).reasons, 'spec')?.code,
		).toBe('spec.unknown')
	})

	test('budget: unit price × quantity against the ceiling', () => {
		const a = analyzeDemand(demand())
		const budget = (priceMin: number, priceMax: number) =>
			reasonOf(scoreProduct(a, product({ priceMin, priceMax }), { today: TODAY }).reasons, 'budget')
		expect(budget(150_000, 180_000)?.code).toBe('budget.within')
		expect(budget(180_000, 220_000)?.code).toBe('budget.overlap')
		expect(budget(230_000, 250_000)).toMatchObject({ status: 'partly', code: 'budget.over', params: { overPct: 15 } })
		expect(budget(400_000, 450_000)).toMatchObject({ status: 'missed', code: 'budget.over', params: { overPct: 100 } })
	})

	test('lead time against needed-by, counted from the injected today', () => {
		const a = analyzeDemand(demand({ neededBy: '2027-01-01' }))
		const lead = (days: number) =>
			reasonOf(scoreProduct(a, product({ leadTimeDays: days }), { today: TODAY }).reasons, 'leadTime')
		expect(lead(31)?.status).toBe('met')
		expect(lead(50)).toMatchObject({ status: 'partly', params: { lateDays: 19 } })
		expect(lead(120)?.status).toBe('missed')
	})

	test('in-zone counts only when preferred', () => {
		const preferred = scoreProduct(analyzeDemand(demand()), product({ inZone: false }), { today: TODAY })
		expect(reasonOf(preferred.reasons, 'inZone')?.status).toBe('missed')
		const indifferent = scoreProduct(analyzeDemand(demand({ preferInZone: false })), product({ inZone: false }), {
			today: TODAY,
		})
		expect(reasonOf(indifferent.reasons, 'inZone')).toBeUndefined()
	})

	test('an inferred category says so', () => {
		const a = analyzeDemand(demand({ categoryKey: null, description: '需更换6台老旧75kW空压机' }))
		const s = scoreProduct(a, product(), { today: TODAY })
		expect(reasonOf(s.reasons, 'category')).toMatchObject({ status: 'met', code: 'category.inferred' })
		expect(formatReason(reasonOf(s.reasons, 'category')!, 'zh-CN')).toBe('类别由需求描述推断：空压机')
	})
})

describe('rankProducts', () => {
	test('orders by fit, drops excluded and other categories, stable by ref', () => {
		const a = analyzeDemand(demand())
		const ranked = rankProducts(
			a,
			[
				product({ id: 1, ref: 'p-far', specs: { 额定功率: '200 kW' } }),
				product({ id: 2, ref: 'p-best' }),
				product({ id: 3, ref: 'p-grade3', energyGrade: 3 }),
				product({ id: 4, ref: 'p-motor', categoryKey: 'motor' }),
				product({ id: 5, ref: 'p-best2' }),
			],
			{ today: TODAY },
		)
		expect(ranked.map((r) => r.product.ref)).toEqual(['p-best', 'p-best2', 'p-far'])
		expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[2]!.score)
	})
})

describe('formatReason', () => {
	const r = (
		code: MatchReason['code'],
		params: MatchReason['params'],
		factor: MatchReason['factor'] = 'energy',
		status: MatchReason['status'] = 'met',
	): MatchReason => ({ factor, status, code, params })

	test('energy in plain Chinese and English', () => {
		expect(formatReason(r('energy.better', { grade: 1, floor: 2, inferred: false }), 'zh-CN')).toBe(
			'能效一级，优于您要求的二级',
		)
		expect(formatReason(r('energy.better', { grade: 1, floor: 2, inferred: false }), 'en')).toBe(
			'Energy grade 1, better than the grade 2 you asked for',
		)
		expect(formatReason(r('energy.meets', { grade: 2, floor: 2, inferred: true }), 'zh-CN')).toBe(
			'能效二级，满足您要求的二级（能效要求由需求描述推断）',
		)
	})

	test('budget overrun reads as a percentage', () => {
		const reason = r(
			'budget.over',
			{ quantity: 2, totalMin: 460_000, totalMax: 500_000, budgetMax: 400_000, overPct: 15, inferred: false },
			'budget',
			'partly',
		)
		expect(formatReason(reason, 'zh-CN')).toMatch(/^报价区间超出预算约 15%/)
		expect(formatReason(reason, 'en')).toMatch(/^Price band about 15% over the budget/)
	})

	test('every code renders in both languages without placeholders', () => {
		const a = analyzeDemand(demand({ categoryKey: null, description: '需更换2台75kW空压机，预算40万元，要求二级能效' }))
		const all = [
			product(),
			product({ specs: { 额定功率: '110 kW' }, priceMin: 300_000, energyGrade: 2, inZone: false, leadTimeDays: null }),
		].flatMap((p) => scoreProduct(a, p, { today: TODAY }).reasons)
		for (const reason of [...all, ...redactForSupplier(all)]) {
			for (const lang of ['zh-CN', 'en'] as const) {
				const text = formatReason(reason, lang)
				expect(text.length).toBeGreaterThan(3)
				expect(text).not.toMatch(/undefined|NaN|null/)
			}
		}
	})

	test('suppliers never see budget figures', () => {
		const s = scoreProduct(analyzeDemand(demand()), product({ priceMin: 230_000, priceMax: 250_000 }), { today: TODAY })
		const redacted = redactForSupplier(s.reasons).find((x) => x.factor === 'budget')!
		expect(redacted.code).toBe('budget.private')
		expect(JSON.stringify(redacted)).not.toContain('400000')
		expect(formatReason(redacted, 'zh-CN')).toBe('报价区间略高于需求方预算')
	})
})

describe('todayIso', () => {
	test('counts days in Tianjin time, not UTC', async () => {
		const { todayIso } = await import('#app/matching/suggest.server.ts')
		expect(todayIso(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01')
		expect(todayIso(new Date('2026-11-30T15:00:00Z'))).toBe('2026-11-30')
	})
})
