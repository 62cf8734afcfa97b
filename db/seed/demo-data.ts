import type { ExchangeDocumentInput } from '../../app/models/exchange.schema.ts'
import type { CategoryKey } from '../../app/models/taxonomy.ts'
import { makeContact, makeUscc, type OrgInput } from './org-builder.ts'
import { buildProduct, type Maker, type ProductInput } from './product-builder.ts'
import { createRng, hashSeed, type Rng } from './random.ts'
import { INDUSTRY_DEMANDS, type DemandSeed } from './vocab/demands-industry.ts'
import { PUBLIC_DEMANDS } from './vocab/demands-public.ts'
import { VOCAB, type ProductTemplate } from './vocab/index.ts'
import { PROGRAM_SEEDS } from './vocab/leasing.ts'
import { ORG_SEEDS, type OrgSeed } from './vocab/orgs.ts'

const DEMO_SEED = 20240607

// Extra sentences appended to the hand-written "about", so descriptions run 2–4 sentences and vary.
const SUPPLIER_EXTRAS: ((r: Rng) => string)[] = [
	(r) => `公司成立于 ${r.int(1998, 2019)} 年，现有员工约 ${r.pick([80, 150, 260, 420, 800, 1300])} 人。`,
	(r) => `为国家高新技术企业，拥有有效专利 ${r.int(20, 180)} 项。`,
	() => '已通过 ISO 9001 质量管理体系和 ISO 14001 环境管理体系认证。',
	(r) => `近三年年均营业收入约 ${r.pick([1.2, 2.5, 4, 6.8, 12, 20])} 亿元。`,
	() => '可为区内企业提供方案设计、以旧换新和售后一站式服务。',
]
const BUYER_EXTRAS: ((r: Rng) => string)[] = [
	(r) => `单位现有职工约 ${r.pick([300, 600, 1100, 2000])} 人。`,
	() => '已纳入经开区大规模设备更新重点项目库。',
	() => '设备更新资金拟通过自有资金、更新补贴和融资租赁多渠道解决。',
]
const LESSOR_EXTRAS: ((r: Rng) => string)[] = [
	(r) => `截至上年末，租赁资产余额约 ${r.pick([35, 60, 120, 210])} 亿元。`,
	() => '已与区内多家设备厂商建立厂商租赁合作。',
	() => '可协助客户申报设备更新贷款贴息与融资租赁补贴。',
]

function orgDescription(rng: Rng, seed: OrgSeed): string {
	const pool = seed.roles.includes('lessor')
		? LESSOR_EXTRAS
		: seed.roles.includes('supplier')
			? SUPPLIER_EXTRAS
			: BUYER_EXTRAS
	const extras = rng.sample(pool, rng.int(0, 2)).map((f) => f(rng))
	return [seed.about, ...extras].join('')
}

function orgRef(i: number): string {
	return `org-${String(i + 1).padStart(3, '0')}`
}

// The (type, size) each seeded demand asks for, listed first by every maker of the category, so
// every demand has on-spec offers from competing suppliers to rank.
const DEMAND_ANCHORS: Partial<Record<CategoryKey, readonly (readonly [string, number])[]>> = {
	'industrial-robot': [['六轴弧焊机器人', 12]],
	'industrial-control': [['DCS 分布式控制系统', 3000]],
	'cnc-machine-tool': [
		['立式加工中心', 1060],
		['五轴联动加工中心', 650],
	],
	'smart-logistics': [['潜伏式 AGV', 1000]],
	'inspection-testing': [
		['机器视觉检测系统', 12],
		['桥式三坐标测量机', 1000],
		['工业 CT 检测系统', 225],
	],
	'semiconductor-discrete': [['IGBT 功率模块', 450]],
	boiler: [
		['燃气冷凝蒸汽锅炉', 4],
		['燃气真空热水锅炉', 2.8],
	],
	motor: [
		['YE5 超高效三相异步电动机', 75],
		['隔爆型三相异步电动机', 45],
	],
	transformer: [['SCB18 干式变压器', 1600]],
	compressor: [['永磁同步变频螺杆空压机', 75]],
	'refrigeration-heating': [
		['磁悬浮变频离心式冷水机组', 500],
		['低温空气源热泵机组', 260],
		['二氧化碳热泵热水机组', 80],
	],
	'heat-exchanger': [['可拆卸板式换热器', 200]],
	pump: [
		['单级双吸中开离心泵', 160],
		['永磁变频智能供水设备', 45],
	],
	'generator-set': [['柴油发电机组', 800]],
	elevator: [
		['无机房曳引乘客电梯', 1000],
		['自动扶梯', 6],
		['自动扶梯', 7.5],
	],
	'construction-machinery': [
		['纯电动挖掘机', 22],
		['平头塔式起重机', 10],
	],
	'construction-robot': [['智能施工升降机', 2000]],
	'building-retrofit': [
		['楼宇自控（BA）节能控制系统', 30000],
		['智能 LED 照明改造套件', 3000],
		['光伏建筑一体化（BIPV）系统', 200],
	],
	'water-utility': [['一体化污水处理设备', 500]],
	'heating-gas': [['智慧供热调控平台', 100]],
	sanitation: [
		['纯电动洗扫车', 10],
		['地埋式垃圾压缩站', 10],
	],
	'medical-imaging': [
		['超导磁共振成像系统', 1.5],
		['多排螺旋 CT', 64],
	],
	radiotherapy: [['医用电子直线加速器', 10]],
	'surgical-telemedicine': [['远程会诊系统', 10]],
	recycling: [['液压金属打包机', 315]],
	'service-digital': [['MES 制造执行系统实施', 100]],
	'service-energy': [
		['合同能源管理（EMC）节能改造服务', 100],
		['企业能源审计与节能诊断', 10000],
	],
	'service-remanufacturing': [['电机高效再制造服务', 132]],
}

interface Combo {
	tpl: ProductTemplate
	size: number
}

/**
 * Demo data for the platform: ~49 organizations, ~340 products over all 28 categories, 7 leasing
 * programmes and ~44 open demands. Deterministic: the same call gives the same document.
 */
export function buildDemoData(): ExchangeDocumentInput {
	const rng = createRng(DEMO_SEED)
	const refByKey = new Map<string, string>()
	const usccs = new Set<string>()

	const organizations: OrgInput[] = ORG_SEEDS.map((seed, i) => {
		const ref = orgRef(i)
		refByKey.set(seed.key, ref)
		return {
			ref,
			name: seed.name,
			nameEn: seed.en,
			uscc: makeUscc(rng, seed.region, usccs),
			roles: seed.roles,
			inZone: seed.area !== undefined,
			area: seed.area ?? null,
			industry: seed.industry,
			description: orgDescription(rng, seed),
			contact: makeContact(rng, seed.domain),
		}
	})

	const products: ProductInput[] = []
	for (const cat of VOCAB) {
		// Each category draws from its own stream, so editing one vocabulary leaves the others' products unchanged.
		const catRng = createRng(hashSeed(cat.key, DEMO_SEED))
		const makers = ORG_SEEDS.filter((s) => s.makes?.includes(cat.key))
		if (makers.length === 0) throw new Error(`no demo supplier makes ${cat.key}`)
		// Round-robin over the makers' shuffled (type, size) pairs: no listing repeats, and makers share the category.
		const anchors = DEMAND_ANCHORS[cat.key] ?? []
		for (const [name, size] of anchors) {
			if (!cat.templates.some((t) => t.name === name && t.sizes.includes(size)))
				throw new Error(`demand anchor ${name} ${size} is not in ${cat.key}`)
		}
		const isAnchor = (c: Combo) => anchors.some(([name, size]) => c.tpl.name === name && c.size === size)
		const queues = makers.map((m) => {
			const all = catRng.shuffle(cat.templates.flatMap((tpl) => tpl.sizes.map((size): Combo => ({ tpl, size }))))
			return { seed: m, combos: [...all.filter(isAnchor), ...all.filter((c) => !isAnchor(c))] }
		})
		const total = queues.reduce((n, q) => n + q.combos.length, 0)
		const target = Math.min(total, catRng.int(11, 13))
		let made = 0
		for (let round = 0; made < target; round++) {
			for (const q of queues) {
				const combo = q.combos[round]
				if (!combo || made >= target) continue
				const maker: Maker = {
					ref: refByKey.get(q.seed.key) ?? '',
					brand: q.seed.brand ?? q.seed.name,
					code: q.seed.code ?? 'X',
					inZone: q.seed.area !== undefined,
				}
				const ref = `prd-${String(products.length + 1).padStart(4, '0')}`
				products.push(buildProduct(catRng, ref, maker, cat, combo.tpl, combo.size))
				made++
			}
		}
	}

	const leasingPrograms = PROGRAM_SEEDS.map(({ org, ...rest }, i) => ({
		ref: `lp-${String(i + 1).padStart(2, '0')}`,
		org: requireRef(refByKey, org),
		...rest,
	}))

	const demandSeeds: DemandSeed[] = [...INDUSTRY_DEMANDS, ...PUBLIC_DEMANDS]
	const demands = demandSeeds.map(({ org, ...rest }, i) => ({
		ref: `dmd-${String(i + 1).padStart(3, '0')}`,
		org: requireRef(refByKey, org),
		...rest,
	}))

	return { version: 1, organizations, products, leasingPrograms, demands }
}

function requireRef(refs: Map<string, string>, key: string): string {
	const ref = refs.get(key)
	if (!ref) throw new Error(`seed refers to unknown org key ${key}`)
	return ref
}
