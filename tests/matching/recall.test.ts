import { describe, expect, test } from 'vitest'
import { analyzeDemand, type MatchDemand } from '#app/matching/analyze.ts'
import { energyFloorFilter, recallQuery } from '#app/matching/recall.server.ts'
import { isBalancedFilter } from '#app/search/filters.ts'

const demand: MatchDemand = {
	ref: 'd',
	title: '老旧空压机更换',
	description: '我司拟采购6台75kW螺杆空压机，预算约120万元，要求一级能效',
	categoryKey: null,
	keySpecs: {},
	quantity: 1,
	budgetMin: null,
	budgetMax: null,
	neededBy: null,
	minEnergyGrade: null,
	preferInZone: false,
}

describe('recall query building', () => {
	test('domain terms and the headline figure, never the demand phrasing', () => {
		const q = recallQuery(analyzeDemand(demand))
		expect(q.split(' ')).toContain('75')
		expect(q).toContain('空压机')
		for (const phrasing of ['老旧', '更换', '我司', '采购', '预算']) expect(q).not.toContain(phrasing)
	})

	test('the energy floor: rated at or better, unrated only where grades do not exist', () => {
		expect(energyFloorFilter(null)).toBeNull()
		const any = energyFloorFilter(2)!
		expect(any).toContain('energyGrade <= "2"')
		expect(any).toContain('energyGrade IS NULL AND NOT category IN')
		expect(isBalancedFilter(any)).toBe(true)
		expect(energyFloorFilter(1, 'compressor')).toBe('energyGrade <= "1"')
		expect(energyFloorFilter(1, 'industrial-robot')).toBe('energyGrade <= "1" OR energyGrade IS NULL')
	})
})
