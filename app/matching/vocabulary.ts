import { CATEGORIES, type CategoryKey } from '#app/models/taxonomy.ts'
import { SYNONYM_GROUPS } from '#app/search/synonyms.ts'

/**
 * The matcher's own domain dictionary: which words point at which category, and how strongly.
 * Meilisearch mis-segments free Chinese text (STACK.md: 更换老旧空压机 found harvesters), so the
 * matcher reads demands with this list by longest match first — 热泵 must win over 泵, 空气压缩机
 * over 压缩机 — and only sends the terms it recognised to the engine.
 *
 * Weights: 3 = the term names the category on its own (锅炉, 空压机), 2 = a typical product or
 * sub-type, 1 = a hint that also occurs around other categories (回收, 升降机).
 */
export type VocabularyEntry = { term: string; category: CategoryKey; weight: 1 | 2 | 3 }

const RAW: Record<CategoryKey, Array<[string, 1 | 2 | 3]>> = {
	'industrial-robot': [
		['工业机器人', 3],
		['机器人', 2],
		['机械臂', 3],
		['机械手', 3],
		['焊接机器人', 3],
		['码垛机器人', 3],
		['喷涂机器人', 3],
		['协作机器人', 3],
		['搬运机器人', 3],
		['六轴', 2],
		['SCARA', 3],
		['点焊', 1],
		['弧焊', 1],
		['码垛', 1],
		['焊接', 1],
	],
	'industrial-control': [
		['伺服', 2],
		['网关', 1],
		['工业控制', 3],
		['工控', 3],
		['PLC', 3],
		['DCS', 3],
		['SCADA', 3],
		['控制系统', 2],
		['可编程控制器', 3],
		['工控机', 3],
		['变频器', 2],
		['伺服驱动', 2],
		['伺服系统', 2],
		['人机界面', 2],
		['HMI', 2],
		['控制柜', 2],
		['自动化控制', 2],
		['控制器', 1],
	],
	'cnc-machine-tool': [
		['CNC', 3],
		['数控机床', 3],
		['机床', 3],
		['加工中心', 3],
		['数控车床', 3],
		['车床', 3],
		['铣床', 3],
		['磨床', 3],
		['五轴', 2],
		['龙门加工', 3],
		['激光切割机', 3],
		['折弯机', 3],
		['冲床', 3],
		['数控', 2],
		['车铣复合', 3],
		['镗床', 3],
	],
	'smart-logistics': [
		['立体库', 3],
		['无人叉车', 3],
		['自动化仓库', 3],
		['物流设备', 3],
		['分拣机', 3],
		['智能仓储', 3],
		['立体仓库', 3],
		['立库', 3],
		['堆垛机', 3],
		['AGV', 3],
		['AMR', 3],
		['穿梭车', 3],
		['输送线', 2],
		['分拣', 2],
		['仓储', 2],
		['物流', 1],
		['叉车', 2],
		['货架', 2],
		['WMS', 3],
		['自动导引车', 3],
		['托盘', 1],
		['料箱', 2],
	],
	'inspection-testing': [
		['工业CT', 3],
		['测量仪', 2],
		['质检设备', 3],
		['检测设备', 3],
		['三坐标', 3],
		['测量机', 3],
		['视觉检测', 3],
		['无损检测', 3],
		['探伤', 3],
		['光谱仪', 3],
		['质检', 2],
		['在线检测', 3],
		['检测', 1],
		['测试设备', 2],
		['质量管控', 3],
		['影像测量', 3],
		['试验机', 3],
		['检测线', 3],
	],
	'semiconductor-discrete': [
		['半导体', 3],
		['分立器件', 3],
		['IGBT', 3],
		['MOSFET', 3],
		['二极管', 3],
		['晶闸管', 3],
		['功率器件', 3],
		['SiC', 3],
		['碳化硅', 3],
		['功率模块', 3],
		['氮化镓', 3],
		['GaN', 2],
		['晶圆', 2],
		['芯片', 1],
	],
	boiler: [
		['锅炉', 3],
		['燃气锅炉', 3],
		['蒸汽锅炉', 3],
		['热水锅炉', 3],
		['燃煤锅炉', 3],
		['冷凝锅炉', 3],
		['生物质锅炉', 3],
		['蒸发量', 2],
		['低氮燃烧', 2],
		['蒸汽发生器', 3],
		['导热油炉', 3],
		['燃烧器', 1],
	],
	motor: [
		['电机', 3],
		['电动机', 3],
		['马达', 3],
		['永磁同步电机', 3],
		['异步电机', 3],
		['高效电机', 3],
		['三相异步', 3],
		['永磁电机', 3],
		['IE5', 2],
		['IE4', 2],
		['IE3', 1],
		['同步电机', 3],
		['伺服电机', 2],
	],
	transformer: [
		['干变', 3],
		['油变', 3],
		['变压器', 3],
		['干式变压器', 3],
		['油浸式变压器', 3],
		['箱变', 3],
		['箱式变电站', 3],
		['非晶合金', 2],
		['配电变压器', 3],
		['变电站', 2],
		['配电', 1],
		['SCB', 2],
	],
	compressor: [
		['螺杆机', 3],
		['空压机', 3],
		['空气压缩机', 3],
		['压缩机', 3],
		['螺杆空压机', 3],
		['离心空压机', 3],
		['无油空压机', 3],
		['排气量', 2],
		['压缩空气', 2],
		['螺杆压缩机', 3],
		['离心压缩机', 3],
		['永磁变频空压机', 3],
		['气站', 1],
	],
	'refrigeration-heating': [
		['多联机', 3],
		['磁悬浮冷机', 3],
		['制冷供热', 3],
		['冷水机组', 3],
		['制冷', 2],
		['热泵', 3],
		['空气源热泵', 3],
		['地源热泵', 3],
		['水源热泵', 3],
		['冷机', 3],
		['磁悬浮冷水机组', 3],
		['中央空调', 3],
		['溴化锂', 3],
		['制冷量', 2],
		['制冷机', 3],
		['冷库', 2],
		['冷却塔', 2],
		['空调', 2],
		['离心式冷水机组', 3],
		['螺杆式冷水机组', 3],
		['风冷', 1],
		['水冷', 1],
		['冷吨', 2],
	],
	'heat-exchanger': [
		['余热回收器', 3],
		['换热器', 3],
		['板式换热器', 3],
		['管壳式换热器', 3],
		['换热机组', 3],
		['热交换器', 3],
		['换热面积', 2],
		['板换', 3],
		['余热回收', 1],
		['换热', 2],
	],
	pump: [
		['排污泵', 3],
		['泵', 3],
		['水泵', 3],
		['离心泵', 3],
		['循环泵', 3],
		['屏蔽泵', 3],
		['真空泵', 3],
		['扬程', 2],
		['管道泵', 3],
		['多级泵', 3],
		['潜水泵', 3],
		['给水泵', 3],
		['化工泵', 3],
		['泵组', 3],
		['供水泵', 3],
	],
	'generator-set': [
		['热电联产', 2],
		['发电机组', 3],
		['柴油发电机', 3],
		['燃气发电机', 3],
		['发电机', 3],
		['备用电源', 2],
		['应急电源', 2],
		['柴发', 3],
		['燃气内燃机', 2],
		['备用发电', 3],
	],
	elevator: [
		['病床梯', 3],
		['升降梯', 2],
		['自动人行道', 3],
		['电梯', 3],
		['扶梯', 3],
		['自动扶梯', 3],
		['乘客电梯', 3],
		['载货电梯', 3],
		['货梯', 3],
		['客梯', 3],
		['曳引', 2],
		['无机房', 2],
		['人行道', 2],
		['层站', 2],
		['医用电梯', 3],
		['加装电梯', 3],
		['老旧电梯', 3],
		['垂直电梯', 3],
	],
	'construction-machinery': [
		['工程机械', 3],
		['挖掘机', 3],
		['装载机', 3],
		['起重机', 3],
		['塔吊', 3],
		['塔式起重机', 3],
		['推土机', 3],
		['压路机', 3],
		['泵车', 3],
		['汽车吊', 3],
		['电动挖掘机', 3],
		['履带吊', 3],
		['挖机', 3],
		['铲车', 3],
		['平地机', 3],
		['摊铺机', 3],
		['混凝土搅拌', 2],
		['高空作业平台', 2],
	],
	'construction-robot': [
		['地面整平机器人', 3],
		['墙面喷涂机器人', 3],
		['升降脚手架', 3],
		['脚手架', 2],
		['整平机器人', 3],
		['地面整平', 3],
		['整平', 2],
		['放样机器人', 3],
		['放样', 2],
		['墙面喷涂', 2],
		['砌筑', 2],
		['抹灰', 2],
		['建筑机器人', 3],
		['智能升降机', 3],
		['施工升降机', 3],
		['砌砖机器人', 3],
		['抹灰机器人', 3],
		['地坪机器人', 3],
		['测量机器人', 3],
		['智能爬架', 3],
		['爬架', 2],
		['升降机', 1],
		['喷涂施工', 2],
		['建筑施工', 1],
		['施工电梯', 2],
	],
	'building-retrofit': [
		['BIPV', 3],
		['节能窗', 3],
		['建筑节能', 3],
		['节能改造', 2],
		['外墙保温', 3],
		['节能门窗', 3],
		['外窗', 2],
		['保温', 1],
		['幕墙', 2],
		['照明改造', 3],
		['LED照明', 3],
		['楼宇自控', 3],
		['屋顶光伏', 2],
		['光伏', 1],
		['建筑改造', 3],
		['既有建筑', 2],
		['遮阳', 2],
	],
	'water-utility': [
		['污泥脱水', 3],
		['消毒设备', 2],
		['水表', 2],
		['污水处理', 3],
		['供排水', 3],
		['供水', 2],
		['排水', 2],
		['水处理', 3],
		['MBR', 3],
		['膜组件', 2],
		['曝气', 3],
		['加药', 2],
		['二次供水', 3],
		['净水', 3],
		['污泥', 2],
		['鼓风机', 2],
		['污水', 2],
		['中水回用', 3],
		['反渗透', 3],
		['供水设备', 3],
		['水厂', 2],
	],
	'heating-gas': [
		['保温管', 3],
		['智慧供热', 3],
		['供热燃气', 3],
		['供热管网', 3],
		['燃气管网', 3],
		['燃气管道', 3],
		['换热站', 2],
		['调压站', 3],
		['调压箱', 3],
		['热网', 3],
		['管网', 2],
		['燃气', 1],
		['供热', 1],
		['热力站', 3],
		['燃气表', 3],
		['预制保温管', 3],
	],
	sanitation: [
		['扫地车', 3],
		['压缩车', 2],
		['垃圾站', 2],
		['环卫设备', 3],
		['环卫', 3],
		['清扫车', 3],
		['洗扫车', 3],
		['洒水车', 3],
		['垃圾压缩', 3],
		['垃圾转运', 3],
		['扫路车', 3],
		['垃圾车', 3],
		['环卫车', 3],
		['压缩式垃圾车', 3],
		['垃圾', 1],
		['公厕', 2],
		['垃圾分类', 2],
		['餐厨垃圾', 2],
	],
	'medical-imaging': [
		['C形臂', 3],
		['C臂', 3],
		['影像设备', 3],
		['乳腺X射线', 3],
		['医学影像', 3],
		['CT', 3],
		['磁共振', 3],
		['MRI', 3],
		['核磁共振', 3],
		['核磁', 3],
		['DR', 3],
		['超声', 3],
		['彩超', 3],
		['DSA', 3],
		['X光机', 3],
		['乳腺机', 3],
		['PET', 3],
		['影像', 1],
		['血管造影', 3],
		['螺旋CT', 3],
		['钼靶', 3],
	],
	radiotherapy: [
		['模拟定位机', 3],
		['CT模拟定位', 3],
		['后装机', 3],
		['伽玛刀', 3],
		['放疗设备', 3],
		['放射治疗', 3],
		['放疗', 3],
		['直线加速器', 3],
		['加速器', 2],
		['伽马刀', 3],
		['后装', 3],
		['质子', 3],
		['射波刀', 3],
		['TOMO', 3],
		['螺旋断层', 3],
		['模拟定位', 2],
	],
	'surgical-telemedicine': [
		['腔镜机器人', 3],
		['远程超声', 3],
		['手术机器人', 3],
		['远程诊疗', 3],
		['远程医疗', 3],
		['腔镜', 2],
		['腹腔镜', 3],
		['达芬奇', 3],
		['互联网医院', 3],
		['远程会诊', 3],
		['骨科机器人', 3],
		['手术导航', 3],
		['远程', 1],
		['手术', 1],
	],
	recycling: [
		['撕碎机', 3],
		['分选机', 3],
		['废塑料', 2],
		['资源回收', 3],
		['回收利用', 3],
		['再生', 2],
		['破碎机', 3],
		['分选', 3],
		['拆解', 3],
		['资源化', 3],
		['回收设备', 3],
		['回收', 1],
		['废旧', 1],
		['再生利用', 3],
		['废钢', 3],
		['打包机', 3],
		['粉碎', 2],
		['动力电池回收', 3],
	],
	'service-digital': [
		['成熟度评估', 3],
		['智能制造能力', 2],
		['数字化改造', 3],
		['数字化转型', 3],
		['数字化', 2],
		['MES', 3],
		['ERP', 3],
		['工业互联网', 3],
		['数字孪生', 3],
		['智能工厂', 3],
		['信息化', 2],
		['智能制造诊断', 3],
		['数据采集', 2],
		['系统集成', 2],
		['智慧工厂', 3],
		['上云', 2],
	],
	'service-energy': [
		['节能诊断', 3],
		['能源审计', 3],
		['合同能源管理', 3],
		['EMC', 3],
		['能效诊断', 3],
		['能源管理系统', 3],
		['碳核查', 3],
		['能耗监测', 3],
		['节能服务', 3],
		['能源托管', 3],
		['碳排放', 2],
		['节能评估', 3],
		['能源管理', 2],
		['能耗', 1],
	],
	'service-remanufacturing': [
		['精度恢复', 3],
		['系统升级', 2],
		['升级改造', 2],
		['修理', 2],
		['再制造', 3],
		['维修', 2],
		['大修', 3],
		['翻新', 3],
		['维保', 2],
		['修复', 2],
		['检修', 2],
		['维护保养', 2],
		['改造升级', 1],
		['维修服务', 3],
		['再制造服务', 3],
	],
}

/**
 * Every entry: each category's own Chinese name at full weight, the list above, and the search
 * module's synonym groups (one dictionary for the index and the matcher; a word shared by two
 * categories counts less as evidence for either).
 */
export const VOCABULARY: VocabularyEntry[] = (() => {
	const out: VocabularyEntry[] = []
	const seen = new Set<string>()
	const add = (term: string, category: CategoryKey, weight: 1 | 2 | 3) => {
		const key = `${term.toLowerCase()}|${category}`
		if (seen.has(key)) return
		seen.add(key)
		out.push({ term, category, weight })
	}
	for (const c of CATEGORIES) {
		add(c.zh, c.key, 3)
		for (const [term, weight] of RAW[c.key]) add(term, c.key, weight)
	}
	for (const g of SYNONYM_GROUPS) {
		for (const word of g.words) for (const c of g.categories) add(word, c, g.categories.length === 1 ? 2 : 1)
	}
	return out
})()

/**
 * Phrasing that people wrap around what they need (STACK.md: dropping these lifted top-10
 * precision). They are never sent to the engine and never count as evidence of a category.
 */
export const DEMAND_STOP_WORDS = [
	'更换',
	'替换',
	'老旧',
	'陈旧',
	'求购',
	'采购',
	'需求',
	'拟',
	'我司',
	'我单位',
	'本公司',
	'公司',
	'计划',
	'需要',
	'希望',
	'要求',
	'预算',
	'左右',
	'以上',
	'以下',
	'设备',
	'一批',
	'若干',
	'项目',
	'进行',
	'实施',
	'用于',
	'现有',
	'原有',
	'目前',
	'台',
	'套',
	'约',
	'万元',
	'元',
	'年',
	'淘汰',
	'升级',
	'新购',
	'购置',
	'报价',
	'联系',
]

const byTerm = new Map<string, VocabularyEntry[]>()
for (const e of VOCABULARY) {
	const k = e.term.toLowerCase()
	const list = byTerm.get(k) ?? []
	list.push(e)
	byTerm.set(k, list)
}
// Term lengths by first character, longest first: a scan tries only lengths that can match here.
const LENGTHS_BY_FIRST = new Map<string, number[]>()
for (const key of byTerm.keys()) {
	const first = key[0]!
	const list = LENGTHS_BY_FIRST.get(first) ?? []
	if (!list.includes(key.length)) list.push(key.length)
	LENGTHS_BY_FIRST.set(first, list)
}
for (const list of LENGTHS_BY_FIRST.values()) list.sort((a, b) => b - a)

/** A term found in text: where, and the entries (usually one category) it points at. */
export type TermHit = { term: string; index: number; entries: VocabularyEntry[] }

/**
 * Scans text by longest match first, so a shorter term inside a longer one is not counted
 * twice (热泵 is one hit for refrigeration, not also a hit for 泵). Latin terms must stand alone:
 * "CT" inside "PRODUCT" is not a CT scanner.
 */
export function scanTerms(text: string): TermHit[] {
	const hits: TermHit[] = []
	// People write "工业 CT" as often as "工业CT": spaces next to Han characters carry no meaning.
	const lower = text.replace(/(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/gu, '').toLowerCase()
	let i = 0
	while (i < lower.length) {
		let found: TermHit | undefined
		for (const len of LENGTHS_BY_FIRST.get(lower[i]!) ?? []) {
			if (i + len > lower.length) continue
			const piece = lower.slice(i, i + len)
			const entries = byTerm.get(piece)
			if (!entries) continue
			if (/^[a-z0-9]/.test(piece) && !latinBoundary(lower, i, len)) continue
			found = { term: entries[0]!.term, index: i, entries }
			break
		}
		if (found) {
			hits.push(found)
			i += found.term.length
		} else {
			i++
		}
	}
	return hits
}

function latinBoundary(text: string, start: number, len: number): boolean {
	const before = text[start - 1]
	const after = text[start + len]
	const isWord = (ch: string | undefined) => ch !== undefined && /[a-z]/.test(ch)
	return !isWord(before) && !isWord(after)
}

/** The category-naming terms of one category, for building recall queries from a category alone. */
export function categoryTerms(category: string, minWeight: 1 | 2 | 3 = 3): string[] {
	return VOCABULARY.filter((e) => e.category === category && e.weight >= minWeight).map((e) => e.term)
}
