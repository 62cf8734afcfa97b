/** The fixed category taxonomy of DESIGN.md. Keys are stable: import files and URLs use them. */
export const CATEGORY_GROUPS = [
	{ key: 'smart-manufacturing', zh: '智能制造装备', en: 'Smart manufacturing' },
	{ key: 'energy-using', zh: '重点用能设备', en: 'Energy-using equipment' },
	{ key: 'power', zh: '电力装备', en: 'Power equipment' },
	{ key: 'buildings', zh: '建筑领域', en: 'Buildings' },
	{ key: 'infrastructure', zh: '市政基础设施', en: 'Infrastructure' },
	{ key: 'medical', zh: '医疗装备', en: 'Medical equipment' },
	{ key: 'recycling', zh: '回收利用', en: 'Recycling' },
	{ key: 'services', zh: '专业服务', en: 'Services' },
] as const

export type CategoryGroupKey = (typeof CATEGORY_GROUPS)[number]['key']

export const CATEGORIES = [
	{ key: 'industrial-robot', group: 'smart-manufacturing', zh: '工业机器人', en: 'Industrial robots' },
	{ key: 'industrial-control', group: 'smart-manufacturing', zh: '工业控制设备', en: 'Industrial control equipment' },
	{ key: 'cnc-machine-tool', group: 'smart-manufacturing', zh: '数控机床', en: 'CNC machine tools' },
	{ key: 'smart-logistics', group: 'smart-manufacturing', zh: '智能仓储物流设备', en: 'Smart warehousing & logistics' },
	{ key: 'inspection-testing', group: 'smart-manufacturing', zh: '检测与质量管控设备', en: 'Inspection & quality control' },
	{ key: 'semiconductor-discrete', group: 'smart-manufacturing', zh: '半导体分立器件', en: 'Discrete semiconductors' },
	{ key: 'boiler', group: 'energy-using', zh: '锅炉', en: 'Boilers' },
	{ key: 'motor', group: 'energy-using', zh: '电机', en: 'Electric motors' },
	{ key: 'transformer', group: 'energy-using', zh: '变压器', en: 'Transformers' },
	{ key: 'compressor', group: 'energy-using', zh: '空压机', en: 'Air compressors' },
	{ key: 'refrigeration-heating', group: 'energy-using', zh: '制冷供热设备', en: 'Chillers & heat pumps' },
	{ key: 'heat-exchanger', group: 'energy-using', zh: '换热器', en: 'Heat exchangers' },
	{ key: 'pump', group: 'energy-using', zh: '泵', en: 'Pumps' },
	{ key: 'generator-set', group: 'power', zh: '发电机组', en: 'Generator sets' },
	{ key: 'elevator', group: 'buildings', zh: '电梯', en: 'Elevators & escalators' },
	{ key: 'construction-machinery', group: 'buildings', zh: '工程机械', en: 'Construction machinery' },
	{ key: 'construction-robot', group: 'buildings', zh: '建筑机器人与智能升降机', en: 'Construction robots & smart hoists' },
	{ key: 'building-retrofit', group: 'buildings', zh: '建筑节能改造', en: 'Building energy retrofit' },
	{ key: 'water-utility', group: 'infrastructure', zh: '供排水与污水处理设备', en: 'Water & wastewater' },
	{ key: 'heating-gas', group: 'infrastructure', zh: '供热燃气设施', en: 'Heating & gas networks' },
	{ key: 'sanitation', group: 'infrastructure', zh: '环卫设施', en: 'Sanitation equipment' },
	{ key: 'medical-imaging', group: 'medical', zh: '医学影像设备', en: 'Medical imaging' },
	{ key: 'radiotherapy', group: 'medical', zh: '放射治疗设备', en: 'Radiotherapy' },
	{ key: 'surgical-telemedicine', group: 'medical', zh: '手术机器人与远程诊疗', en: 'Surgical robots & telemedicine' },
	{ key: 'recycling', group: 'recycling', zh: '资源回收利用设备', en: 'Recycling equipment' },
	{ key: 'service-digital', group: 'services', zh: '数字化改造服务', en: 'Digital transformation services' },
	{ key: 'service-energy', group: 'services', zh: '节能诊断与合同能源管理', en: 'Energy audits & EMC' },
	{ key: 'service-remanufacturing', group: 'services', zh: '维修与再制造', en: 'Maintenance & remanufacturing' },
] as const satisfies ReadonlyArray<{ key: string; group: CategoryGroupKey; zh: string; en: string }>

export type CategoryKey = (typeof CATEGORIES)[number]['key']
export type Category = (typeof CATEGORIES)[number]

export const CATEGORY_KEYS = CATEGORIES.map((c) => c.key) as [CategoryKey, ...CategoryKey[]]

const byKey = new Map<string, Category>(CATEGORIES.map((c) => [c.key, c]))

export function getCategory(key: string): Category | undefined {
	return byKey.get(key)
}

export function isCategoryKey(key: string): key is CategoryKey {
	return byKey.has(key)
}

export function listCategoriesInGroup(group: string): Category[] {
	return CATEGORIES.filter((c) => c.group === group)
}

export function categoryLabel(key: string, lang: string): string {
	const c = byKey.get(key)
	if (!c) return key
	return lang.startsWith('en') ? c.en : c.zh
}

export function groupLabel(key: string, lang: string): string {
	const g = CATEGORY_GROUPS.find((x) => x.key === key)
	if (!g) return key
	return lang.startsWith('en') ? g.en : g.zh
}

/** Demand domains of the plan's item 17, each with the department that owns it. */
export const DEMAND_DOMAINS = [
	{ key: 'industry', zh: '工业', en: 'Industry', deptZh: '工信局', deptEn: 'Industry & IT Bureau' },
	{ key: 'building', zh: '建筑', en: 'Buildings', deptZh: '建交局', deptEn: 'Construction & Transport Bureau' },
	{ key: 'infrastructure', zh: '基础设施', en: 'Infrastructure', deptZh: '建交局、南港规建办', deptEn: 'Construction & Transport Bureau; Nangang Planning Office' },
	{ key: 'research', zh: '科研', en: 'Research', deptZh: '科技局', deptEn: 'Science & Technology Bureau' },
	{ key: 'medical', zh: '医疗', en: 'Medical', deptZh: '企服局、泰达街', deptEn: 'Enterprise Service Bureau; TEDA Subdistrict' },
	{ key: 'culture-tourism', zh: '文旅', en: 'Culture & tourism', deptZh: '文旅', deptEn: 'Culture & Tourism' },
	{ key: 'education-sports', zh: '教体', en: 'Education & sports', deptZh: '教体', deptEn: 'Education & Sports' },
] as const

export type DemandDomainKey = (typeof DEMAND_DOMAINS)[number]['key']
export const DEMAND_DOMAIN_KEYS = DEMAND_DOMAINS.map((d) => d.key) as [DemandDomainKey, ...DemandDomainKey[]]

/** Areas of the zone an organization can sit in. */
export const ZONE_AREAS = ['东区', '西区', '南港工业区', '中区', '逸仙科学工业园', '现代产业区', '北塘企业总部园区'] as const

export const ORG_ROLES = ['supplier', 'buyer', 'lessor'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

export const PRICE_BANDS = [
	{ key: 'lt50k', min: 0, max: 50_000 },
	{ key: '50k-200k', min: 50_000, max: 200_000 },
	{ key: '200k-1m', min: 200_000, max: 1_000_000 },
	{ key: '1m-5m', min: 1_000_000, max: 5_000_000 },
	{ key: 'gte5m', min: 5_000_000, max: Number.POSITIVE_INFINITY },
] as const
export type PriceBandKey = (typeof PRICE_BANDS)[number]['key']

/** The band a product's price falls in, by its lower bound (per unit, yuan). */
export function priceBandOf(priceMin: number | null | undefined): PriceBandKey | null {
	if (priceMin == null) return null
	const band = PRICE_BANDS.find((b) => priceMin >= b.min && priceMin < b.max)
	return band?.key ?? null
}
