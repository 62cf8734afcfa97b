import { describe, expect, test } from 'vitest'
import {
	analyzeDemand,
	analyzeProduct,
	inferCategory,
	parseBudget,
	parseEnergyFloor,
	parseQuantity,
	type MatchDemand,
} from '#app/matching/analyze.ts'
import { parseSpecMap, parseSpecValues } from '#app/matching/specs.ts'

function demand(over: Partial<MatchDemand>): MatchDemand {
	return {
		ref: 'd-test',
		title: '',
		description: '',
		categoryKey: null,
		keySpecs: {},
		quantity: 1,
		budgetMin: null,
		budgetMax: null,
		neededBy: null,
		minEnergyGrade: null,
		preferInZone: false,
		...over,
	}
}

describe('analyzeDemand', () => {
	test('reads category, spec, budget, quantity and energy floor from Chinese text', () => {
		const a = analyzeDemand(
			demand({ title: '空压机更新', description: '需更换6台老旧75kW空压机，预算约120万元，要求一级能效' }),
		)
		expect(a.category).toMatchObject({ key: 'compressor', inferred: true })
		expect(a.category!.confidence).toBeGreaterThan(0.5)
		expect(a.specs[0]).toMatchObject({ dimension: 'power', min: 75, max: 75, inferred: true })
		expect(a.budget).toEqual({ min: null, max: 1_200_000, inferred: true })
		expect(a.quantity).toEqual({ value: 6, inferred: true })
		expect(a.energyFloor).toEqual({ value: 1, inferred: true })
		expect(a.terms).toContain('空压机')
	})

	test('filled fields win over the text', () => {
		const a = analyzeDemand(
			demand({
				title: '更换空压机',
				description: '需更换6台75kW空压机，预算约120万元，要求一级能效',
				categoryKey: 'motor',
				keySpecs: { 额定功率: '90 kW' },
				quantity: 4,
				budgetMax: 900_000,
				minEnergyGrade: 2,
			}),
		)
		expect(a.category).toMatchObject({ key: 'motor', inferred: false, confidence: 1 })
		expect(a.specs[0]).toMatchObject({ dimension: 'power', min: 90, inferred: false, label: '额定功率' })
		expect(a.budget).toEqual({ min: null, max: 900_000, inferred: false })
		expect(a.quantity).toEqual({ value: 4, inferred: false })
		expect(a.energyFloor).toEqual({ value: 2, inferred: false })
	})

	test('the old equipment’s grade is not the requirement', () => {
		expect(parseEnergyFloor('原有2台燃煤锅炉，能效三级，拟更换为燃气锅炉，能效不低于二级')).toBe(2)
		expect(parseEnergyFloor('现有设备为三级能效，运行多年')).toBeNull()
		expect(parseEnergyFloor('要求电机达到IE4及以上')).toBe(2)
		expect(parseEnergyFloor('二级及以上能效')).toBe(2)
	})

	test('budgets: ranges, 亿, ceilings; bills and savings are not budgets', () => {
		expect(parseBudget('预算300-400万元')).toEqual({ min: 3_000_000, max: 4_000_000 })
		expect(parseBudget('总投资约1.2亿元')).toEqual({ min: null, max: 120_000_000 })
		expect(parseBudget('费用控制在80万以内')).toEqual({ min: null, max: 800_000 })
		expect(parseBudget('年电费约60万元，预算150万元')).toEqual({ min: null, max: 1_500_000 })
		expect(parseBudget('没有预算信息')).toBeNull()
	})

	test('quantities in digits and Chinese numerals', () => {
		expect(parseQuantity('小区两部电梯')).toBe(2)
		expect(parseQuantity('采购3套系统')).toBe(3)
		expect(parseQuantity('共计十二台水泵')).toBe(12)
		expect(parseQuantity('一级能效')).toBeNull()
	})

	test('category inference prefers the longest term: 热泵 is not a pump, 泵车 is not a pump', () => {
		expect(inferCategory('空气源热泵采购', '')?.key).toBe('refrigeration-heating')
		expect(inferCategory('混凝土泵车', '')?.key).toBe('construction-machinery')
		expect(inferCategory('循环水泵更换', '')?.key).toBe('pump')
		expect(inferCategory('医院采购64排CT', '')?.key).toBe('medical-imaging')
		expect(inferCategory('随便看看', '没有任何设备名')).toBeNull()
	})

	test('a form quantity above 1 wins over the text', () => {
		expect(analyzeDemand(demand({ description: '更换6台电机', quantity: 8 })).quantity).toEqual({
			value: 8,
			inferred: false,
		})
	})
})

describe('spec parsing', () => {
	test('units convert to base units and labels refine dimensions', () => {
		expect(parseSpecValues('1.2 MW')[0]).toMatchObject({ dimension: 'power', min: 1200 })
		expect(parseSpecValues('25t 汽车吊')[0]).toMatchObject({ dimension: 'mass', min: 25_000 })
		expect(parseSpecValues('3.0T 磁共振')[0]).toMatchObject({ dimension: 'tesla', min: 3 })
		expect(parseSpecValues('4t/h')[0]).toMatchObject({ dimension: 'steam', min: 4 })
		expect(parseSpecValues('13.5 m³/min')[0]).toMatchObject({ dimension: 'gasFlow', min: 13.5 })
		expect(parseSpecValues('55-90 kW')[0]).toMatchObject({ dimension: 'power', min: 55, max: 90 })
		expect(parseSpecValues('10 kWh').map((s) => s.dimension)).toEqual(['energyKwh'])
		const specs = parseSpecMap({ 制冷量: '1000 kW', 输入功率: '180 kW', 扬程: '32 m', 层站: '18/18' })
		expect(specs.find((s) => s.label === '制冷量')?.dimension).toBe('thermal')
		expect(specs.find((s) => s.label === '输入功率')?.dimension).toBe('power')
		expect(specs.find((s) => s.label === '扬程')?.dimension).toBe('head')
		expect(specs.filter((s) => s.label === '层站').map((s) => s.dimension)).toEqual(['floors', 'stops'])
	})

	test('analyzeProduct reads the headline figure from the name when specs lack it', () => {
		const p = analyzeProduct({
			id: 1,
			ref: 'p1',
			organizationId: 1,
			kind: 'equipment',
			categoryKey: 'compressor',
			name: '75kW 永磁变频螺杆空压机',
			model: null,
			brand: null,
			description: null,
			specs: { 排气压力: '0.8 MPa' },
			energyGrade: 1,
			priceMin: null,
			priceMax: null,
			leadTimeDays: null,
			tags: [],
			inZone: true,
		})
		expect(p.specs.map((s) => s.dimension).sort()).toEqual(['power', 'pressure'])
	})
})

describe('units of the seed catalogue', () => {
	test('reads the spec shapes makers list', () => {
		const specs = parseSpecMap({
			层站: '18层18站',
			装机容量: '500 kWp',
			改造面积: '5 万m²',
			额定流量: '300 Nm³/h',
			额定速度: '0-96 m/min',
			光子能量: '6 MV',
			额定容量: '2 MVA',
			预计年节电量: '300 万kWh',
		})
		const by = (label: string) => specs.filter((s) => s.label === label).map((s) => [s.dimension, s.min])
		expect(by('层站')).toEqual([
			['floors', 18],
			['stops', 18],
		])
		expect(by('装机容量')).toEqual([['pvCapacity', 500]])
		expect(by('改造面积')).toEqual([['area', 50_000]])
		expect(by('额定流量')).toEqual([['gasFlowHour', 300]])
		expect(by('额定速度')[0]?.[0]).toBe('speed')
		expect(by('光子能量')).toEqual([['photonMV', 6]])
		expect(by('额定容量')).toEqual([['apparent', 2000]])
		expect(by('预计年节电量')).toEqual([['energyKwh', 3_000_000]])
		expect(parseBudget('改造面积2万m²，预算80万元')).toEqual({ min: null, max: 800_000 })
		expect(parseSpecValues('需要3套，共5台')).toEqual([])
	})
})
