import { categoryLabel } from '#app/models/taxonomy.ts'

/**
 * A match's reasons are data (factor, status, code, params), not sentences: the page renders
 * them in the reader's language, the API hands them to other systems, and tests assert on codes.
 */
export type ReasonFactor = 'category' | 'spec' | 'budget' | 'energy' | 'inZone' | 'leadTime' | 'text'
export type ReasonStatus = 'met' | 'partly' | 'missed'
export type ReasonCode =
	| 'category.met'
	| 'category.inferred'
	| 'category.related'
	| 'category.other'
	| 'category.unknown'
	| 'spec.met'
	| 'spec.partly'
	| 'spec.missed'
	| 'spec.unknown'
	| 'budget.within'
	| 'budget.overlap'
	| 'budget.over'
	| 'budget.unknown'
	| 'budget.private'
	| 'energy.better'
	| 'energy.meets'
	| 'energy.below'
	| 'energy.unrated'
	| 'energy.grade'
	| 'energy.unknown'
	| 'inZone.met'
	| 'inZone.missed'
	| 'leadTime.met'
	| 'leadTime.tight'
	| 'leadTime.late'
	| 'leadTime.unknown'
	| 'text.terms'
	| 'text.none'

export type ReasonParams = Record<string, string | number | boolean | null>
export type MatchReason = { factor: ReasonFactor; status: ReasonStatus; code: ReasonCode; params: ReasonParams }
export type ReasonLang = 'zh-CN' | 'en'

const GRADE_ZH = ['', '一级', '二级', '三级'] as const

function gradeZh(g: unknown): string {
	return GRADE_ZH[Number(g)] ?? `${String(g)}级`
}

function num(v: unknown): number {
	return typeof v === 'number' ? v : Number(v)
}

/** Money for people: 万元 in Chinese, CNY k/m in English. */
export function formatMoney(yuan: number, lang: ReasonLang): string {
	if (lang === 'en') {
		if (yuan >= 1e6) return `CNY ${trim(yuan / 1e6, 2)}m`
		if (yuan >= 1e3) return `CNY ${trim(yuan / 1e3, 0)}k`
		return `CNY ${Math.round(yuan)}`
	}
	if (yuan >= 1e8) return `${trim(yuan / 1e8, 2)} 亿元`
	if (yuan >= 1e4) return `${trim(yuan / 1e4, yuan >= 1e6 ? 0 : 1)} 万元`
	return `${Math.round(yuan)} 元`
}

function trim(n: number, digits: number): string {
	return String(Math.round(n * 10 ** digits) / 10 ** digits)
}

function moneyRange(min: unknown, max: unknown, lang: ReasonLang): string {
	const a = num(min)
	const b = num(max)
	if (!Number.isFinite(b) || a === b) return formatMoney(a, lang)
	if (lang === 'en') return `${formatMoney(a, lang)}–${formatMoney(b, lang).replace('CNY ', '')}`
	// "90–110 万元" reads better than repeating the unit.
	const za = formatMoney(a, lang)
	const zb = formatMoney(b, lang)
	const unitA = za.split(' ')[1]
	const unitB = zb.split(' ')[1]
	return unitA === unitB ? `${za.split(' ')[0]}–${zb}` : `${za}–${zb}`
}

function inferredNote(params: ReasonParams, lang: ReasonLang, what: { zh: string; en: string }): string {
	if (!params.inferred) return ''
	return lang === 'en' ? ` (${what.en} inferred from the description)` : `（${what.zh}由需求描述推断）`
}

/** One reason as a plain sentence, e.g. "能效一级，优于您要求的二级" / "Energy grade 1, better than the grade 2 you asked for". */
export function formatReason(reason: MatchReason, lang: ReasonLang): string {
	const p = reason.params
	const en = lang === 'en'
	const cat = (k: unknown) => categoryLabel(String(k ?? ''), lang)
	switch (reason.code) {
		case 'category.met':
			return en ? `Category matches: ${cat(p.category)}` : `类别相符：${cat(p.category)}`
		case 'category.inferred':
			return en
				? `Category inferred from the description: ${cat(p.category)}`
				: `类别由需求描述推断：${cat(p.category)}`
		case 'category.related':
			return en
				? `Related category: ${cat(p.category)} (the demand is ${cat(p.wanted)})`
				: `类别相近：${cat(p.category)}（需求为${cat(p.wanted)}）`
		case 'category.unknown':
			return en
				? `Category not stated and not clear from the description; this is ${cat(p.category)}`
				: `需求未写明类别，描述中也无法判断；本产品属于${cat(p.category)}`
		case 'category.other':
			return en
				? `Different category: ${cat(p.category)} (the demand is ${cat(p.wanted)})`
				: `类别不同：${cat(p.category)}（需求为${cat(p.wanted)}）`
		case 'spec.met':
		case 'spec.partly':
		case 'spec.missed': {
			const label = String(p.label ?? '')
			const dev = num(p.deviationPct)
			const note = inferredNote(p, lang, { zh: '规格', en: 'spec' })
			if (en) {
				const head = `${label ? `${label} ` : ''}${p.offered}`
				return dev === 0
					? `${head}, fits the ${p.wanted} asked for${note}`
					: `${head}, about ${dev}% ${p.direction === 'above' ? 'above' : 'below'} the ${p.wanted} asked for${note}`
			}
			const head = `${label}${label ? ' ' : ''}${p.offered}`
			return dev === 0
				? `${head}，符合需求的 ${p.wanted}${note}`
				: `${head}，${p.direction === 'above' ? '高于' : '低于'}需求的 ${p.wanted} 约 ${dev}%${note}`
		}
		case 'spec.unknown':
			return en
				? `No spec listed to compare with the ${p.wanted} asked for${inferredNote(p, lang, { zh: '规格', en: 'spec' })}`
				: `未标注可与需求 ${p.wanted} 比较的参数${inferredNote(p, lang, { zh: '规格', en: 'spec' })}`
		case 'budget.within':
		case 'budget.overlap':
		case 'budget.over': {
			const qty = num(p.quantity)
			const note = inferredNote(p, lang, { zh: '预算', en: 'budget' })
			const total = moneyRange(p.totalMin, p.totalMax, lang)
			const budget = formatMoney(num(p.budgetMax), lang)
			if (reason.code === 'budget.over') {
				return en
					? `Price band about ${p.overPct}% over the budget (${qty} × unit price ≈ ${total}, budget ${budget})${note}`
					: `报价区间超出预算约 ${p.overPct}%（${qty} 台约 ${total}，预算 ${budget}）${note}`
			}
			if (reason.code === 'budget.overlap') {
				return en
					? `Price band partly within the budget (${qty} × unit price ≈ ${total}, budget ${budget})${note}`
					: `报价区间部分在预算内（${qty} 台约 ${total}，预算 ${budget}）${note}`
			}
			return en
				? `Price band within the budget (${qty} × unit price ≈ ${total}, budget ${budget})${note}`
				: `报价区间在预算内（${qty} 台约 ${total}，预算 ${budget}）${note}`
		}
		case 'budget.unknown':
			return en ? 'No price listed to compare with the budget' : '未公开报价，无法与预算比较'
		case 'budget.private':
			if (reason.status === 'met') return en ? 'Price band fits the buyer’s budget' : '报价区间符合需求方预算'
			if (reason.status === 'partly')
				return en ? 'Price band somewhat above the buyer’s budget' : '报价区间略高于需求方预算'
			return en ? 'Price band well above the buyer’s budget' : '报价区间明显高于需求方预算'
		case 'energy.better':
			return en
				? `Energy grade ${p.grade}, better than the grade ${p.floor} you asked for${inferredNote(p, lang, { zh: '能效要求', en: 'requirement' })}`
				: `能效${gradeZh(p.grade)}，优于您要求的${gradeZh(p.floor)}${inferredNote(p, lang, { zh: '能效要求', en: 'requirement' })}`
		case 'energy.meets':
			return en
				? `Energy grade ${p.grade}, meets the grade ${p.floor} you asked for${inferredNote(p, lang, { zh: '能效要求', en: 'requirement' })}`
				: `能效${gradeZh(p.grade)}，满足您要求的${gradeZh(p.floor)}${inferredNote(p, lang, { zh: '能效要求', en: 'requirement' })}`
		case 'energy.below':
			return en
				? `Energy grade ${p.grade}, below the grade ${p.floor} you asked for`
				: `能效${gradeZh(p.grade)}，低于您要求的${gradeZh(p.floor)}`
		case 'energy.unrated':
			return en
				? `No energy grade listed: cannot confirm grade ${p.floor} or better`
				: `未标注能效等级，无法确认达到您要求的${gradeZh(p.floor)}`
		case 'energy.grade':
			return en ? `Energy grade ${p.grade}` : `能效${gradeZh(p.grade)}`
		case 'energy.unknown':
			return en ? 'No energy grade listed' : '未标注能效等级'
		case 'inZone.met':
			return en
				? `In-zone supplier${p.area ? ` (${p.area})` : ''}, as you prefer`
				: `区内企业${p.area ? `（${p.area}）` : ''}，符合区内优先`
		case 'inZone.missed':
			return en ? 'Supplier outside the zone (you prefer in-zone)' : '非区内企业（您希望区内优先）'
		case 'leadTime.met':
			return en
				? `Lead time ${p.days} days, in time for ${p.neededBy}`
				: `交货期 ${p.days} 天，可在 ${p.neededBy} 前交付`
		case 'leadTime.tight':
		case 'leadTime.late':
			return en
				? `Lead time ${p.days} days, about ${p.lateDays} days after ${p.neededBy}`
				: `交货期 ${p.days} 天，比需求日期 ${p.neededBy} 晚约 ${p.lateDays} 天`
		case 'leadTime.unknown':
			return en ? 'No lead time listed' : '未标注交货期'
		case 'text.terms':
			return en ? `Description mentions: ${p.terms}` : `描述契合：${p.terms}`
		case 'text.none':
			return en ? 'None of the demand’s key terms in the description' : '描述中未见需求关键词'
	}
}
