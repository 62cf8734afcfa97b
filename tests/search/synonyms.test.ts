import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATEGORIES } from '#app/models/taxonomy.ts'
import { searchProducts } from '#app/search/product-search.server.ts'
import {
	STOP_WORDS,
	SYNONYM_GROUPS,
	analyzeQuery,
	containedForeignWord,
	dictionaryWords,
	expandTerms,
	extractDomainTerms,
	isPureHan,
	relatedCategories,
	toMeiliSynonyms,
} from '#app/search/synonyms.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { prepareIndexes, productParams, sync } from './helpers.ts'

describe('synonym dictionary', () => {
	it('has at least 60 groups, each word in one group only', () => {
		expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(60)
		const seen = new Map<string, string>()
		for (const g of SYNONYM_GROUPS) {
			expect(g.words.length, g.key).toBeGreaterThanOrEqual(2)
			expect(g.categories.length, g.key).toBeGreaterThan(0)
			for (const w of g.words) {
				expect(seen.get(w.toLowerCase()), `${w} in ${g.key}`).toBeUndefined()
				seen.set(w.toLowerCase(), g.key)
			}
		}
		expect(SYNONYM_GROUPS.filter((g) => g.words.some((w) => /^[A-Za-z]/.test(w))).length).toBeGreaterThan(30)
	})

	it('keeps the pairs the brief names together and apart', () => {
		const groupOf = (w: string) => SYNONYM_GROUPS.find((g) => g.words.includes(w))?.key
		expect(groupOf('空气压缩机')).toBe(groupOf('空压机'))
		expect(groupOf('螺杆机')).toBe(groupOf('空压机'))
		expect(groupOf('马达')).toBe(groupOf('电机'))
		expect(groupOf('发电机')).not.toBe(groupOf('电机'))
		expect(groupOf('自动扶梯')).toBe(groupOf('扶梯'))
		expect(groupOf('核磁共振')).toBe(groupOf('MRI'))
		expect(groupOf('EMC')).toBe(groupOf('合同能源管理'))
		expect(groupOf('热泵')).not.toBe(groupOf('泵'))
	})

	it('turns groups into mutual Meilisearch synonyms', () => {
		const syn = toMeiliSynonyms([{ key: 'x', categories: ['motor'], words: ['电机', '马达', 'Motor'] }])
		expect(syn).toEqual({ 电机: ['马达', 'motor'], 马达: ['电机', 'motor'], motor: ['电机', '马达'] })
		const all = toMeiliSynonyms()
		for (const [w, others] of Object.entries(all)) for (const o of others) expect(all[o], `${o} → ${w}`).toContain(w)
	})

	it('never lets a dictionary word cut a shorter term of another group in two', () => {
		const dict = dictionaryWords().sort((a, b) => b.length - a.length)
		const segment = (text: string) => {
			const out: string[] = []
			for (let i = 0; i < text.length;) {
				const w = dict.find((d) => text.startsWith(d, i))
				out.push(w ?? text[i]!)
				i += w ? w.length : 1
			}
			return out
		}
		for (const g of SYNONYM_GROUPS) {
			for (const w of g.words) {
				if (!isPureHan(w) || dict.includes(w)) continue
				const foreign = containedForeignWord(w, g)
				if (!foreign) continue
				expect(
					segment(w).some((s) => s.includes(foreign)),
					`${w} ⊃ ${foreign}: ${segment(w).join('|')}`,
				).toBe(true)
			}
		}
		expect(dict).toContain('发电机')
		expect(dict).toContain('热泵')
		expect(dict).not.toContain('协作机器人')
	})

	it('has a demand-phrasing stop list of about 35 words', () => {
		expect(STOP_WORDS.length).toBeGreaterThanOrEqual(35)
		for (const w of ['更换', '老旧', '求购', '采购', '需求', '拟', '我司', '一批', '若干', '台', '套'])
			expect(STOP_WORDS).toContain(w)
	})
})

describe('term extraction', () => {
	it('pulls domain terms longest-first and drops demand phrasing', () => {
		expect(analyzeQuery('更换老旧空压机 节能')).toEqual({ terms: ['空压机'], rest: ['节能'], query: '空压机 节能' })
		expect(analyzeQuery('求购3台37kW螺杆空压机，一级能效').query).toBe('螺杆空压机 37kW 一级能效')
		expect(extractDomainTerms('我司拟采购一批柴油发电机组和变频器')).toEqual(['柴油发电机组', '变频器'])
		expect(extractDomainTerms('我司需更换老旧电梯若干台')).toEqual(['电梯'])
	})

	it('does not find terms inside other words', () => {
		expect(extractDomainTerms('柴油发电机')).toEqual(['柴油发电机'])
		expect(extractDomainTerms('ELECTRICAL cabinet')).toEqual([])
		expect(extractDomainTerms('PLC控制柜')).toEqual(['PLC'])
		expect(analyzeQuery('模拟量输入模块').query).toBe('模拟量输入模块')
		expect(analyzeQuery('工业互联网平台').query).toBe('工业互联网 平台')
	})

	it('keeps models and specs, and survives junk', () => {
		expect(analyzeQuery('Atlas GA37 "oil free"').query).toBe('Atlas GA37 oil free')
		expect(analyzeQuery('').query).toBe('')
		expect(analyzeQuery('\uD800\u0000更换').query).toBe('\uFFFD')
		expect(analyzeQuery('a '.repeat(50)).query.split(' ').length).toBeLessThanOrEqual(10)
	})

	it('expands terms for display and points to related categories', () => {
		expect(expandTerms('马达')).toEqual(['马达', '电机', '电动机', 'motor', 'electric motor'])
		expect(expandTerms('发动机')).toEqual([])
		expect(relatedCategories('更换老旧空压机 节能')).toEqual(['compressor'])
		expect(relatedCategories('核磁共振和变频器')).toEqual(['medical-imaging', 'industrial-control', 'motor'])
		expect(relatedCategories('数控机床')).toEqual(['cnc-machine-tool'])
		for (const c of CATEGORIES) expect(relatedCategories(c.zh), c.zh).toContain(c.key)
	})
})

describe('synonyms in Meilisearch', () => {
	let ctx: TestContext
	const ids: Record<string, number> = {}
	beforeAll(async () => {
		ctx = await createTestContext()
		await prepareIndexes(ctx)
		const org = await insertOrganization(ctx.db)
		const add = async (key: string, category: string, name: string, description: string, tags = '[]') => {
			ids[key] = (
				await insertProduct(ctx.db, org.id, { category_key: category, name, description, tags, name_en: null })
			).id
		}
		await add('compressor', 'compressor', '螺杆空压机 37kW 永磁变频', '两级压缩，一级能效')
		await add('oilfree', 'compressor', '无油涡旋空压机', '医疗与食品行业用压缩空气')
		await add('motor', 'motor', '高效永磁同步电机 IE4', '替代三相异步电动机')
		await add('escalator', 'elevator', '商场自动扶梯', '公共交通型，倾角30°')
		await add('mri', 'medical-imaging', '1.5T 磁共振成像系统', '医用影像设备')
		await add('genset', 'generator-set', '柴油发电机组 500kW', '备用电源')
		await add('heatpump', 'refrigeration-heating', '空气源热泵机组', '低温型，-25℃制热')
		await add('harvester', 'construction-machinery', '联合收割机', '节能环保的老旧农机更换方案', '["节能"]')
		await add('tractor', 'construction-machinery', '拖拉机', '更换老旧拖拉机，节能', '["节能"]')
		await sync(ctx)
	})
	afterAll(async () => ctx.cleanup())

	const found = async (q: string) => (await searchProducts(ctx, productParams({ q }))).items.map((i) => i.product.id)

	it('finds 空压机 products by 空气压缩机 and 压缩机', async () => {
		expect(await found('空气压缩机')).toEqual(expect.arrayContaining([ids.compressor, ids.oilfree]))
		expect(await found('压缩机')).toEqual(expect.arrayContaining([ids.compressor, ids.oilfree]))
	})

	it('finds 电机 by 电动机 and 马达, but not generators', async () => {
		expect(await found('电动机')).toContain(ids.motor)
		expect(await found('马达')).toContain(ids.motor)
		expect(await found('电机')).not.toContain(ids.genset)
		expect(await found('发电机')).toEqual([ids.genset])
	})

	it('finds escalators by 扶梯 and MRI by 核磁共振', async () => {
		expect(await found('扶梯')).toContain(ids.escalator)
		expect(await found('手扶电梯')).toContain(ids.escalator)
		expect(await found('核磁共振')).toContain(ids.mri)
		expect(await found('MRI')).toContain(ids.mri)
	})

	it('keeps heat pumps out of pumps', async () => {
		expect(await found('泵')).not.toContain(ids.heatpump)
		expect(await found('热泵')).toContain(ids.heatpump)
	})

	it('finds compressors, not harvesters, for "更换老旧空压机 节能"', async () => {
		const hits = await found('更换老旧空压机 节能')
		expect(hits.slice(0, 2).sort()).toEqual([ids.compressor, ids.oilfree].sort())
		expect(hits).not.toContain(ids.harvester)
		expect(hits).not.toContain(ids.tractor)
	})
})
