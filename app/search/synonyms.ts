import { CATEGORIES, type CategoryKey } from '#app/models/taxonomy.ts'

/**
 * The domain vocabulary of equipment renewal: synonym groups, demand-phrasing stop words and the
 * term extractor that makes queries robust to Meilisearch's Chinese segmentation (STACK.md:
 * `更换老旧空压机 节能` returned harvesters until the query was reduced to its domain terms).
 *
 * Words in one group are mutual synonyms. A group is a set of names for the same thing, not a
 * hypernym tree: "数控机床" finds lathes through the category name that every document carries.
 *
 * Han words also go into the index `dictionary`, so the tokenizer keeps them whole. A word that
 * contains another group's word is left to the tokenizer (so "机器人" still finds "协作机器人"),
 * unless its group is `whole`: 发电机 must stay one token or "电机" would find generators, 热泵 must
 * stay one token or "泵" would find heat pumps.
 */
export type SynonymGroup = {
	key: string
	categories: readonly CategoryKey[]
	words: readonly string[]
	/** Keep every Han word of the group one token even where it contains another group's word. */
	whole?: boolean
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
	// smart manufacturing
	{
		key: 'industrial-robot',
		categories: ['industrial-robot'],
		words: ['工业机器人', '机器人', '机械臂', '机械手', '机器手臂', 'industrial robot', 'robot', 'robotic arm'],
	},
	{
		key: 'cobot',
		categories: ['industrial-robot'],
		words: ['协作机器人', '协作型机器人', 'cobot', 'collaborative robot'],
	},
	{
		key: 'welding-robot',
		categories: ['industrial-robot'],
		words: ['焊接机器人', '弧焊机器人', '点焊机器人', 'welding robot'],
	},
	{ key: 'painting-robot', categories: ['industrial-robot'], words: ['喷涂机器人', '涂装机器人', 'painting robot'] },
	{
		key: 'palletizer',
		categories: ['industrial-robot', 'smart-logistics'],
		words: ['码垛机器人', '码垛机', 'palletizer', 'palletizing robot'],
		whole: true,
	},
	{
		key: 'cnc',
		categories: ['cnc-machine-tool'],
		words: ['数控机床', '机床', '加工中心', '数控加工中心', 'CNC', 'CNC machine', 'machining center', 'machine tool'],
	},
	{ key: 'lathe', categories: ['cnc-machine-tool'], words: ['数控车床', '车床', 'lathe', 'CNC lathe'] },
	{ key: 'milling', categories: ['cnc-machine-tool'], words: ['数控铣床', '铣床', 'milling machine'] },
	{ key: 'grinding', categories: ['cnc-machine-tool'], words: ['数控磨床', '磨床', 'grinding machine'] },
	{
		key: 'laser-cutting',
		categories: ['cnc-machine-tool'],
		words: ['激光切割机', '激光切割设备', 'laser cutting machine', 'laser cutter'],
	},
	{
		key: 'plc',
		categories: ['industrial-control'],
		words: ['PLC', '可编程控制器', '可编程逻辑控制器', 'programmable logic controller'],
	},
	{
		key: 'dcs',
		categories: ['industrial-control'],
		words: ['DCS', '集散控制系统', '分布式控制系统', 'distributed control system'],
	},
	{
		key: 'scada',
		categories: ['industrial-control'],
		words: ['SCADA', '数据采集与监视控制系统', '监控与数据采集系统'],
	},
	{ key: 'hmi', categories: ['industrial-control'], words: ['HMI', '人机界面', '触摸屏', 'human machine interface'] },
	{
		key: 'vfd',
		categories: ['industrial-control', 'motor'],
		words: ['变频器', '变频调速器', '变频驱动器', 'VFD', 'variable frequency drive', 'frequency converter'],
	},
	{ key: 'soft-starter', categories: ['industrial-control', 'motor'], words: ['软启动器', '软起动器', 'soft starter'] },
	{ key: 'servo', categories: ['industrial-control'], words: ['伺服驱动器', '伺服系统', '伺服控制器', 'servo drive'] },
	{
		key: 'sensor',
		categories: ['industrial-control', 'inspection-testing'],
		words: ['传感器', '变送器', 'sensor', 'transmitter'],
	},
	{
		key: 'agv',
		categories: ['smart-logistics'],
		words: [
			'AGV',
			'AMR',
			'自动导引车',
			'自动导引运输车',
			'无人搬运车',
			'搬运机器人',
			'自主移动机器人',
			'automated guided vehicle',
		],
	},
	{ key: 'forklift', categories: ['smart-logistics'], words: ['叉车', '电动叉车', '无人叉车', '堆高车', 'forklift'] },
	{
		key: 'asrs',
		categories: ['smart-logistics'],
		words: ['立体仓库', '自动化立体仓库', '立库', '堆垛机', 'ASRS', 'automated warehouse'],
	},
	{
		key: 'conveyor',
		categories: ['smart-logistics'],
		words: ['输送机', '输送线', '传送带', '输送带', '皮带输送机', 'conveyor'],
	},
	{
		key: 'sorter',
		categories: ['smart-logistics'],
		words: ['分拣机', '分拣系统', '自动分拣线', 'sorter', 'sorting system'],
	},
	{
		key: 'machine-vision',
		categories: ['inspection-testing'],
		words: ['机器视觉', '视觉检测', '工业相机', 'machine vision'],
	},
	{
		key: 'cmm',
		categories: ['inspection-testing'],
		words: ['三坐标测量机', '三坐标', '坐标测量机', 'CMM', 'coordinate measuring machine'],
	},
	{
		key: 'ndt',
		categories: ['inspection-testing'],
		words: ['无损检测', '探伤仪', '超声波探伤', 'NDT', 'non-destructive testing'],
	},
	{ key: 'spectrometer', categories: ['inspection-testing'], words: ['光谱仪', '直读光谱仪', 'spectrometer'] },
	{
		key: 'igbt',
		categories: ['semiconductor-discrete'],
		words: ['IGBT', '功率器件', '功率半导体', '功率模块', '绝缘栅双极型晶体管', 'power semiconductor', 'power device'],
	},
	{
		key: 'mosfet',
		categories: ['semiconductor-discrete'],
		words: ['MOSFET', '场效应管', '场效应晶体管', '金属氧化物半导体场效应晶体管'],
	},
	{
		key: 'sic',
		categories: ['semiconductor-discrete'],
		words: ['碳化硅', '碳化硅器件', '第三代半导体', 'SiC', 'silicon carbide'],
	},
	{ key: 'diode', categories: ['semiconductor-discrete'], words: ['二极管', '整流管', '整流二极管', 'diode'] },
	{ key: 'thyristor', categories: ['semiconductor-discrete'], words: ['晶闸管', '可控硅', 'thyristor'] },

	// energy-using equipment
	{
		key: 'compressor',
		categories: ['compressor'],
		words: [
			'空压机',
			'空气压缩机',
			'压缩机',
			'螺杆机',
			'螺杆空压机',
			'螺杆式空压机',
			'螺杆压缩机',
			'air compressor',
			'compressor',
		],
	},
	{
		key: 'oil-free-compressor',
		categories: ['compressor'],
		words: ['无油空压机', '无油压缩机', 'oil-free compressor'],
	},
	{
		key: 'air-dryer',
		categories: ['compressor'],
		words: ['干燥机', '冷干机', '冷冻式干燥机', '吸干机', '吸附式干燥机', 'air dryer'],
	},
	{ key: 'motor', categories: ['motor'], words: ['电机', '电动机', '马达', 'motor', 'electric motor'] },
	{
		key: 'pm-motor',
		categories: ['motor'],
		words: ['永磁电机', '永磁同步电机', '永磁电动机', 'PMSM', 'permanent magnet motor'],
	},
	{
		key: 'efficient-motor',
		categories: ['motor'],
		words: ['高效电机', '高效节能电机', '超高效电机', '节能电机', 'high efficiency motor', 'premium efficiency motor'],
	},
	{
		key: 'induction-motor',
		categories: ['motor'],
		words: ['异步电机', '异步电动机', '感应电机', '感应电动机', '三相异步电动机', 'induction motor'],
	},
	{ key: 'explosion-proof-motor', categories: ['motor'], words: ['防爆电机', '防爆电动机', 'explosion-proof motor'] },
	{ key: 'reducer', categories: ['motor'], words: ['减速机', '减速器', '齿轮箱', 'gearbox', 'gear reducer'] },
	{ key: 'fan', categories: ['motor'], words: ['风机', '通风机', '离心风机', '轴流风机', 'industrial fan'] },
	{
		key: 'blower',
		categories: ['water-utility', 'pump'],
		words: ['鼓风机', '罗茨风机', '磁悬浮鼓风机', '空气悬浮鼓风机', 'blower'],
	},
	{ key: 'transformer', categories: ['transformer'], words: ['变压器', '变电器', 'transformer'] },
	{ key: 'dry-transformer', categories: ['transformer'], words: ['干式变压器', '干变', 'dry-type transformer'] },
	{
		key: 'amorphous-transformer',
		categories: ['transformer'],
		words: ['非晶合金变压器', '非晶变压器', 'amorphous transformer'],
	},
	{
		key: 'box-substation',
		categories: ['transformer'],
		words: ['箱式变电站', '箱变', '预装式变电站', 'box-type substation'],
	},
	{
		key: 'switchgear',
		categories: ['transformer'],
		words: ['开关柜', '高压开关柜', '低压开关柜', '配电柜', 'switchgear'],
	},
	{ key: 'boiler', categories: ['boiler'], words: ['锅炉', '蒸汽锅炉', '热水锅炉', 'boiler', 'steam boiler'] },
	{
		key: 'gas-boiler',
		categories: ['boiler'],
		words: ['燃气锅炉', '天然气锅炉', '低氮燃气锅炉', '低氮锅炉', 'gas-fired boiler'],
	},
	{ key: 'electric-boiler', categories: ['boiler'], words: ['电锅炉', '电热锅炉', '电加热锅炉', 'electric boiler'] },
	{ key: 'burner', categories: ['boiler'], words: ['燃烧器', '低氮燃烧器', 'burner'] },
	{
		key: 'waste-heat',
		categories: ['boiler', 'service-energy'],
		words: ['余热回收', '余热利用', '余热锅炉', 'waste heat recovery'],
	},
	{ key: 'pump', categories: ['pump'], words: ['泵', '水泵', '离心泵', 'pump', 'water pump', 'centrifugal pump'] },
	{ key: 'submersible-pump', categories: ['pump'], words: ['潜水泵', '潜污泵', 'submersible pump'] },
	{
		key: 'heat-pump',
		categories: ['refrigeration-heating'],
		words: ['热泵', '空气源热泵', '空气能热泵', 'heat pump', 'air source heat pump'],
		whole: true,
	},
	{
		key: 'ground-source-heat-pump',
		categories: ['refrigeration-heating'],
		words: ['地源热泵', '地埋管热泵', 'ground source heat pump', 'geothermal heat pump'],
	},
	{
		key: 'chiller',
		categories: ['refrigeration-heating'],
		words: ['冷水机组', '制冷机组', '冷机', 'chiller', 'water chiller'],
	},
	{ key: 'cooling-tower', categories: ['refrigeration-heating'], words: ['冷却塔', '凉水塔', 'cooling tower'] },
	{
		key: 'central-ac',
		categories: ['refrigeration-heating', 'building-retrofit'],
		words: ['中央空调', '空调机组', '多联机', 'VRF', 'central air conditioning'],
	},
	{
		key: 'heat-exchanger',
		categories: ['heat-exchanger'],
		words: ['换热器', '热交换器', '板式换热器', '换热机组', 'heat exchanger', 'plate heat exchanger'],
	},

	// power
	{
		key: 'generator-set',
		categories: ['generator-set'],
		words: ['发电机组', '发电机', '柴油发电机', '柴油发电机组', 'generator set', 'genset', 'diesel generator'],
		whole: true,
	},
	{ key: 'gas-genset', categories: ['generator-set'], words: ['燃气发电机组', '燃气内燃机', 'gas genset'] },
	{ key: 'ups', categories: ['generator-set'], words: ['UPS', '不间断电源', 'uninterruptible power supply'] },
	{
		key: 'energy-storage',
		categories: ['generator-set'],
		words: ['储能', '储能系统', '储能电站', '储能柜', 'energy storage', 'BESS'],
	},
	{
		key: 'photovoltaic',
		categories: ['generator-set', 'building-retrofit'],
		words: ['光伏', '光伏组件', '光伏发电', '太阳能电池板', 'photovoltaic', 'PV', 'solar panel'],
	},

	// buildings
	{
		key: 'elevator',
		categories: ['elevator'],
		words: ['电梯', '直梯', '垂直电梯', '升降电梯', '乘客电梯', '客梯', '货梯', 'elevator', 'lift'],
	},
	{
		key: 'escalator',
		categories: ['elevator'],
		words: ['扶梯', '自动扶梯', '手扶电梯', '自动人行道', 'escalator', 'moving walkway'],
	},
	{
		key: 'hoist',
		categories: ['construction-robot'],
		words: ['施工升降机', '升降机', '建筑升降机', '智能升降机', 'construction hoist', 'hoist'],
	},
	{
		key: 'construction-robot',
		categories: ['construction-robot'],
		words: ['建筑机器人', '砌砖机器人', '抹灰机器人', '地坪机器人', 'construction robot'],
	},
	{ key: 'tower-crane', categories: ['construction-machinery'], words: ['塔吊', '塔式起重机', 'tower crane'] },
	{
		key: 'crane',
		categories: ['construction-machinery'],
		words: ['起重机', '吊车', '汽车吊', '汽车起重机', 'crane', 'truck crane'],
	},
	{ key: 'excavator', categories: ['construction-machinery'], words: ['挖掘机', '挖机', '勾机', 'excavator'] },
	{ key: 'loader', categories: ['construction-machinery'], words: ['装载机', '铲车', 'wheel loader'] },
	{
		key: 'concrete-pump',
		categories: ['construction-machinery'],
		words: ['泵车', '混凝土泵车', '混凝土输送泵', 'concrete pump truck'],
		whole: true,
	},
	{
		key: 'wall-insulation',
		categories: ['building-retrofit'],
		words: ['外墙保温', '外墙外保温', '保温系统', 'external wall insulation'],
	},
	{
		key: 'energy-windows',
		categories: ['building-retrofit'],
		words: ['节能门窗', '节能窗', '断桥铝门窗', 'energy-saving windows'],
	},
	{
		key: 'building-automation',
		categories: ['building-retrofit', 'service-digital'],
		words: ['楼宇自控', '楼宇自动化', '楼宇自控系统', 'BAS', 'building automation'],
	},
	{
		key: 'lighting',
		categories: ['building-retrofit'],
		words: ['LED', '节能灯', '照明改造', '绿色照明', 'LED lighting'],
	},

	// infrastructure
	{
		key: 'wastewater',
		categories: ['water-utility'],
		words: ['污水处理', '污水处理设备', '废水处理', 'wastewater treatment', 'sewage treatment'],
	},
	{
		key: 'water-supply',
		categories: ['water-utility'],
		words: ['二次供水', '供水设备', '无负压供水', 'booster water supply'],
	},
	{ key: 'mbr', categories: ['water-utility'], words: ['MBR', '膜生物反应器', 'membrane bioreactor'] },
	{ key: 'heat-station', categories: ['heating-gas'], words: ['换热站', '热力站', '供热站', 'heat exchange station'] },
	{ key: 'heating-network', categories: ['heating-gas'], words: ['供热管网', '热网', '集中供热', 'district heating'] },
	{ key: 'gas-pipeline', categories: ['heating-gas'], words: ['燃气管道', '燃气管网', '天然气管道', 'gas pipeline'] },
	{ key: 'gas-regulator', categories: ['heating-gas'], words: ['调压箱', '调压柜', '调压器', 'pressure regulator'] },
	{
		key: 'street-sweeper',
		categories: ['sanitation'],
		words: ['清扫车', '扫路车', '洗扫车', 'street sweeper', 'road sweeper'],
	},
	{
		key: 'garbage-truck',
		categories: ['sanitation'],
		words: ['垃圾车', '垃圾运输车', '压缩式垃圾车', 'garbage truck', 'refuse truck'],
	},
	{ key: 'sprinkler-truck', categories: ['sanitation'], words: ['洒水车', '喷洒车', '雾炮车', 'sprinkler truck'] },

	// medical
	{
		key: 'mri',
		categories: ['medical-imaging'],
		words: ['磁共振', '核磁共振', '核磁', '磁共振成像', '磁共振成像系统', 'MRI', 'magnetic resonance imaging'],
	},
	{
		key: 'ct',
		categories: ['medical-imaging'],
		words: ['CT', '计算机断层扫描', '计算机断层成像', 'computed tomography'],
	},
	{ key: 'dr', categories: ['medical-imaging'], words: ['DR', '数字化X射线摄影系统', 'X光机', 'digital radiography'] },
	{
		key: 'ultrasound',
		categories: ['medical-imaging'],
		words: ['彩超', '超声诊断仪', '彩色超声诊断仪', '超声诊断系统', 'ultrasound scanner'],
	},
	{
		key: 'dsa',
		categories: ['medical-imaging'],
		words: ['DSA', '数字减影血管造影', '血管造影机', 'angiography system'],
	},
	{
		key: 'pet-ct',
		categories: ['medical-imaging'],
		words: ['PET-CT', '正电子发射断层扫描', 'positron emission tomography'],
	},
	{
		key: 'linac',
		categories: ['radiotherapy'],
		words: ['直线加速器', '医用直线加速器', '医用电子直线加速器', 'LINAC', 'linear accelerator'],
	},
	{ key: 'gamma-knife', categories: ['radiotherapy'], words: ['伽马刀', '射波刀', 'gamma knife'] },
	{
		key: 'proton-therapy',
		categories: ['radiotherapy'],
		words: ['质子治疗', '质子治疗系统', '重离子治疗', 'proton therapy'],
	},
	{
		key: 'surgical-robot',
		categories: ['surgical-telemedicine'],
		words: ['手术机器人', '腔镜手术机器人', '骨科手术机器人', 'surgical robot'],
	},
	{
		key: 'telemedicine',
		categories: ['surgical-telemedicine'],
		words: ['远程医疗', '远程诊疗', '远程会诊', 'telemedicine'],
	},

	// recycling
	{
		key: 'recycling',
		categories: ['recycling'],
		words: ['资源回收', '再生资源', '废旧物资回收', '回收利用', 'recycling'],
	},
	{ key: 'shredder', categories: ['recycling'], words: ['破碎机', '撕碎机', '粉碎机', 'shredder', 'crusher'] },
	{ key: 'baler', categories: ['recycling'], words: ['打包机', '压块机', '液压打包机', 'baler'] },
	{
		key: 'battery-recycling',
		categories: ['recycling'],
		words: ['电池回收', '动力电池回收', '废旧电池回收', 'battery recycling'],
	},

	// services
	{
		key: 'emc',
		categories: ['service-energy'],
		words: ['合同能源管理', '节能服务', '能源托管', 'EMC', 'energy performance contracting'],
	},
	{
		key: 'energy-audit',
		categories: ['service-energy'],
		words: ['节能诊断', '能源审计', '能效诊断', '能源诊断', 'energy audit'],
	},
	{
		key: 'energy-management-system',
		categories: ['service-energy', 'service-digital'],
		words: ['能源管理系统', '能耗监测系统', '能源管控中心', 'EMS', 'energy management system'],
	},
	{
		key: 'digital-transformation',
		categories: ['service-digital'],
		words: ['数字化改造', '数字化转型', '智能化改造', '智改数转', 'digital transformation'],
	},
	{ key: 'mes', categories: ['service-digital'], words: ['MES', '制造执行系统', 'manufacturing execution system'] },
	{ key: 'erp', categories: ['service-digital'], words: ['ERP', '企业资源计划', 'enterprise resource planning'] },
	{ key: 'iiot', categories: ['service-digital'], words: ['工业互联网', '工业物联网', 'IIoT', 'industrial internet'] },
	{ key: 'digital-twin', categories: ['service-digital'], words: ['数字孪生', 'digital twin'] },
	{
		key: 'remanufacturing',
		categories: ['service-remanufacturing'],
		words: ['再制造', '再制造服务', 'remanufacturing'],
	},
	{
		key: 'maintenance',
		categories: ['service-remanufacturing'],
		words: ['维修', '维保', '维护保养', '检修', 'maintenance', 'repair'],
	},
]

/**
 * Demand phrasing that carries no product meaning (~40 words). Dropping it lifted top-10 category
 * precision from 0.83 to 0.90 (STACK.md). Single characters are dropped only where they stand
 * alone or count something ("3台"), never inside a word (模拟, 平台).
 */
// prettier-ignore
export const STOP_WORDS: readonly string[] = [
	'更换', '替换', '换新', '老旧', '陈旧', '淘汰', '求购', '采购', '购买', '购置', '采买', '拟购', '欲购', '急购',
	'需求', '需要', '急需', '计划', '我司', '我公司', '本公司', '我单位', '本单位', '我厂', '一批', '若干', '一套',
	'一台', '寻找', '寻求', '征集', '询价', '意向', '希望', '左右', '以上', '拟', '需', '台', '套', '批', '个', '件', '的',
]

const MULTI_CHAR_STOP_WORDS = STOP_WORDS.filter((w) => [...w].length > 1).sort((a, b) => b.length - a.length)
const SINGLE_CHAR_STOP_WORDS = new Set(STOP_WORDS.filter((w) => [...w].length === 1))
const COUNTED = /(?:\d+|[一二两三四五六七八九十百千几数多若干]+)\s*(?:台|套|批|个|件|辆|部|座|条|只|根)/gu

/** Mutual synonyms in Meilisearch's shape: every word maps to every other word of its group. */
export function toMeiliSynonyms(groups: readonly SynonymGroup[] = SYNONYM_GROUPS): Record<string, string[]> {
	const out: Record<string, string[]> = {}
	for (const g of groups) {
		for (const w of g.words) {
			const key = w.toLowerCase()
			const others = g.words.filter((o) => o !== w).map((o) => o.toLowerCase())
			out[key] = [...new Set([...(out[key] ?? []), ...others])]
		}
	}
	return out
}

const HAN = /\p{Script=Han}/u
const LATIN_OR_DIGIT = /[\p{Script=Latin}\d]/u

type Term = { word: string; lower: string; groups: SynonymGroup[]; categories: CategoryKey[] }

/** Every known term (synonym words and category names), longest first, for the extractor. */
const TERMS: Term[] = buildTerms()

function buildTerms(): Term[] {
	const byLower = new Map<string, Term>()
	const add = (word: string, group: SynonymGroup | null, categories: readonly CategoryKey[]) => {
		const lower = word.toLowerCase()
		const t = byLower.get(lower) ?? { word, lower, groups: [], categories: [] }
		if (group && !t.groups.includes(group)) t.groups.push(group)
		for (const c of categories) if (!t.categories.includes(c)) t.categories.push(c)
		byLower.set(lower, t)
	}
	for (const g of SYNONYM_GROUPS) for (const w of g.words) add(w, g, g.categories)
	for (const c of CATEGORIES) {
		add(c.zh, null, [c.key])
		add(c.en, null, [c.key])
	}
	return [...byLower.values()].sort((a, b) => b.lower.length - a.lower.length)
}

type Segment = { text: string; term: Term | null }

/** Leftmost-longest scan of `text` against the vocabulary; Latin terms need word boundaries. */
function segment(text: string): Segment[] {
	const lower = text.toLowerCase()
	const out: Segment[] = []
	let plain = ''
	let i = 0
	while (i < text.length) {
		const term = TERMS.find((t) => lower.startsWith(t.lower, i) && boundaryOk(lower, i, t.lower))
		if (term) {
			if (plain) out.push({ text: plain, term: null })
			plain = ''
			out.push({ text: text.slice(i, i + term.lower.length), term })
			i += term.lower.length
		} else {
			plain += text[i]
			i += 1
		}
	}
	if (plain) out.push({ text: plain, term: null })
	return out
}

function boundaryOk(lower: string, start: number, word: string): boolean {
	const first = word[0] ?? ''
	const last = word[word.length - 1] ?? ''
	const before = lower[start - 1] ?? ''
	const after = lower[start + word.length] ?? ''
	// "CT" must not match inside "ELECTRIC", nor "pump" inside "pumps2"; Han needs no boundary.
	if (LATIN_OR_DIGIT.test(first) && before && LATIN_OR_DIGIT.test(before)) return false
	if (LATIN_OR_DIGIT.test(last) && after && LATIN_OR_DIGIT.test(after)) return false
	return true
}

// Everything that separates words, except the characters that belong to models and specs (GA-37, 10/0.4kV, 2#).
const SEPARATORS = /[\s,;:!?()[\]{}<>'"`|\\~@^*=_，。、；：！？（）【】《》「」『』‘’“”…·]+/u

/** Drops demand phrasing from text that holds no domain term. */
function stripStopWords(text: string): string[] {
	let t = text.replace(COUNTED, ' ')
	for (const w of MULTI_CHAR_STOP_WORDS) t = t.split(w).join(' ')
	return t
		.split(SEPARATORS)
		.map((s) => s.trim())
		.filter((s) => s.length > 0 && !SINGLE_CHAR_STOP_WORDS.has(s) && !/^[-+./#%]+$/.test(s))
}

export type AnalyzedQuery = {
	/** Known domain terms in the order they appear (canonical spelling of the vocabulary). */
	terms: string[]
	/** What is left once terms and demand phrasing are removed: brands, models, specs. */
	rest: string[]
	/** The string to send to Meilisearch: terms first, then the rest, at most 10 words. */
	query: string
}

/**
 * Reduces free text to what Meilisearch can match reliably. Terms go first so that the `last`
 * matching strategy drops the leftover words before it drops a domain term.
 */
export function analyzeQuery(text: string): AnalyzedQuery {
	const clean = sanitizeText(text).replace(/["“”]/g, ' ').slice(0, 500)
	const terms: string[] = []
	const rest: string[] = []
	for (const seg of segment(clean)) {
		if (seg.term) {
			if (!terms.includes(seg.term.word)) terms.push(seg.term.word)
		} else {
			for (const w of stripStopWords(seg.text)) if (!rest.includes(w)) rest.push(w)
		}
	}
	const words = [...terms, ...rest].slice(0, 10)
	return { terms, rest, query: words.join(' ') }
}

/** The known domain terms in free text, longest first at each position, demand phrasing dropped. */
export function extractDomainTerms(text: string): string[] {
	return analyzeQuery(text).terms
}

/** The query's terms followed by the synonyms Meilisearch also searched, for "also searched: …". */
export function expandTerms(query: string): string[] {
	const out: string[] = []
	const lowerSeen = new Set<string>()
	const push = (w: string) => {
		const l = w.toLowerCase()
		if (lowerSeen.has(l)) return
		lowerSeen.add(l)
		out.push(w)
	}
	const terms = segment(sanitizeText(query)).flatMap((s) => (s.term ? [s.term] : []))
	for (const t of terms) push(t.word)
	for (const t of terms) for (const g of t.groups) for (const w of g.words) push(w)
	return out
}

/** Category keys that the query's terms point to, most specific first, for an empty result. */
export function relatedCategories(query: string): CategoryKey[] {
	const out: CategoryKey[] = []
	for (const s of segment(sanitizeText(query))) {
		if (!s.term) continue
		for (const c of s.term.categories) if (!out.includes(c)) out.push(c)
	}
	return out
}

/**
 * Han words for the index `dictionary`, so the tokenizer keeps them whole (see the module comment
 * for which words are left out), plus the multi-character stop words so that demand phrasing never
 * glues onto a neighbour ("老旧空压机" was segmented as 老旧空 + 压机).
 */
export function dictionaryWords(groups: readonly SynonymGroup[] = SYNONYM_GROUPS): string[] {
	const words = new Set<string>()
	for (const g of groups) {
		for (const w of g.words) {
			if (!isPureHan(w)) continue
			if (!g.whole && containedForeignWord(w, g, groups)) continue
			words.add(w)
		}
	}
	for (const w of MULTI_CHAR_STOP_WORDS) words.add(w)
	return [...words].sort()
}

/** Words of other groups found inside `word`: the pairs the dictionary has to decide about. */
export function containedForeignWord(
	word: string,
	own: SynonymGroup,
	groups: readonly SynonymGroup[] = SYNONYM_GROUPS,
): string | null {
	for (const g of groups) {
		if (g === own) continue
		for (const w of g.words) if (w !== word && isPureHan(w) && word.includes(w)) return w
	}
	return null
}

export function isPureHan(word: string): boolean {
	return [...word].every((ch) => HAN.test(ch))
}

/** Stop words for the index: only the multi-character ones, which never occur inside a product word. */
export function meiliStopWords(): string[] {
	return [...MULTI_CHAR_STOP_WORDS]
}

/**
 * Removes what must never reach Meilisearch or the highlighter: lone UTF-16 surrogates (the request
 * would be refused as invalid JSON) and C0 control characters (our highlight tags are \u0002/\u0003).
 */
export function sanitizeText(text: string): string {
	return (
		text
			.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
			// eslint-disable-next-line no-control-regex -- removing control characters is the point
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
	)
}
