import { createRng, hashSeed, type Rng } from '#db/seed/random.ts'
import { getCategory } from '#app/models/taxonomy.ts'
import type { DevsetDemand, DevsetInput } from './eval.server.ts'

/**
 * Demands written the way people write them, around an anchor product of a catalogue: the
 * development set (labels come later, by rule) and the benchmark's 20,000 open demands both use it.
 * Deterministic: the same anchor and seed give the same text. The styles vary what is left to the
 * text — category, spec, budget, energy floor, quantity — because that is what the matcher must read.
 */

/** What the generator needs of a catalogue product. */
export type AnchorProduct = {
	ref: string
	category: string
	name: string
	specs: Record<string, string>
	energyGrade: number | null
	priceMin: number | null
	priceMax: number | null
	leadTimeDays: number | null
	kind?: 'equipment' | 'service'
}

/** How buyers name a category and where they use it (the seed vocabulary's words, not the matcher's). */
export type CategoryWords = { nouns: readonly string[]; uses: readonly string[]; graded: boolean }

export const DEMAND_STYLES = ['form', 'text', 'mixed', 'colloquial', 'story', 'range'] as const
export type DemandStyle = (typeof DEMAND_STYLES)[number]

const GRADE_ZH = ['', '一', '二', '三'] as const

/** The anchor's headline spec: the first spec whose value is a number with a unit. */
export function headlineSpec(specs: Record<string, string>): { key: string; value: number; text: string } | null {
	for (const [key, text] of Object.entries(specs)) {
		const m = text.match(/^\s*(\d+(?:\.\d+)?)\s*([^\d\s±+~–-][^\s]*)\s*$/)
		if (m && m[1] && m[2] && !/^[%℃°]/.test(m[2])) return { key, value: Number(m[1]), text: `${m[1]}${m[2]}` }
	}
	return null
}

function wan(yuan: number): number {
	// Budgets are said in round 万元: 1 decimal under 10万, whole 万 above.
	return yuan < 100_000 ? Math.ceil(yuan / 1000) / 10 : Math.ceil(yuan / 10_000)
}

function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() + days)
	return d.toISOString().slice(0, 10)
}

function gradeClause(rng: Rng, floor: number): string {
	const g = GRADE_ZH[floor]
	return rng.pick([`要求${g}级能效`, `能效等级不低于${g}级`, `须达到${g}级能效`, `${g}级及以上能效`, `能效须达${g}级`])
}

function neededClause(rng: Rng, neededBy: string): string {
	const [y, m] = neededBy.split('-')
	return rng.pick([
		`${Number(y)}年${Number(m)}月前到货`,
		`需在${neededBy}前交付`,
		`计划${Number(y)}年${Number(m)}月投用`,
	])
}

/** One demand around `anchor`; `seedKey` keeps each demand's stream independent of the others. */
export function synthesizeDemand(
	anchor: AnchorProduct,
	words: CategoryWords,
	options: { ref: string; seedKey: string; today: string; style?: DemandStyle },
): Omit<DevsetDemand, 'labels'> {
	const rng = createRng(hashSeed(options.seedKey, 20261130))
	const style = options.style ?? rng.pick(DEMAND_STYLES)
	const category = getCategory(anchor.category)
	// People name what they mean: the product type, or a trade word that fits it (a PLC demand
	// does not say 变频器 just because both are 工业控制设备).
	const parts = anchor.name.split(/\s+/)
	const typeName = parts.length > 1 && /\d/.test(parts[parts.length - 1]!) ? parts.slice(0, -1).join(' ') : anchor.name
	const fitting = words.nouns.filter((n) => typeName.includes(n))
	const noun = rng.pick([...fitting, typeName])
	const formalNoun = category?.zh ?? noun
	const use = words.uses.length > 0 ? rng.pick(words.uses) : ''
	const spec = headlineSpec(anchor.specs)
	const unit = anchor.priceMax ?? anchor.priceMin
	const service = anchor.kind === 'service' || anchor.category.startsWith('service-')
	const quantity = service
		? 1
		: unit != null && unit > 2_000_000
			? rng.int(1, 2)
			: unit != null && unit < 20_000
				? rng.pick([10, 20, 50, 100])
				: rng.int(1, 8)
	// Mostly the anchor fits the budget; sometimes the buyer is a little short.
	const budgetFactor = rng.chance(0.15) ? rng.float(0.8, 0.95) : rng.float(1.0, 1.35)
	const budgetYuan = unit != null ? unit * quantity * budgetFactor : null
	const budgetWan = budgetYuan != null ? wan(budgetYuan) : null
	const budgetMax = budgetWan != null ? Math.round(budgetWan * 10_000) : null
	const floor =
		words.graded && anchor.energyGrade != null && rng.chance(0.7)
			? Math.min(3, anchor.energyGrade + (rng.chance(0.3) ? 1 : 0))
			: null
	const lead = anchor.leadTimeDays ?? 60
	const neededBy = rng.chance(0.5) ? addDays(options.today, lead + rng.int(15, 240)) : null
	const preferInZone = rng.chance(0.3)
	const q = quantity
	const gc = floor ? gradeClause(rng, floor) : ''
	const nc = neededBy ? neededClause(rng, neededBy) : ''
	// A count ("24个", "500台") is a spec in a form field but reads as a quantity in a sentence.
	const specText = spec && !/[个台套只根人路]$/.test(spec.text) ? spec.text : ''
	const join = (...parts: string[]) => parts.filter((p) => p.length > 0).join('，')

	let input: DevsetInput
	switch (style) {
		case 'form':
			input = {
				title: `${use ? `${use}` : ''}${formalNoun}更新改造`,
				description: join(`${use || '厂区'}现有${noun}使用年限较长，能耗偏高，申请纳入设备更新计划`, nc) + '。',
				category: anchor.category,
				keySpecs: spec ? { [spec.key]: anchor.specs[spec.key]! } : {},
				quantity: q,
				budgetMax,
				minEnergyGrade: floor,
				neededBy,
				preferInZone,
			}
			break
		case 'text':
			input = {
				title: `${noun}更换`,
				description:
					join(`需更换${q}台老旧${specText}${noun}`, budgetWan != null ? `预算约${budgetWan}万元` : '', gc, nc) + '。',
				quantity: 1,
				neededBy,
				preferInZone,
			}
			break
		case 'mixed':
			input = {
				title: `采购${noun}`,
				description:
					join(`${use ? `用于${use}` : '生产需要'}`, specText ? `需要${specText}规格` : '', `共${q}台`, gc) + '。',
				category: anchor.category,
				quantity: q,
				budgetMax,
				neededBy,
				preferInZone,
			}
			break
		case 'colloquial':
			input = {
				title: `求购${noun}`,
				description:
					join(
						`求购${specText ? `${specText}左右的` : ''}${noun}${q}台`,
						gc,
						budgetWan != null ? `预算不超过${budgetWan}万` : '',
						preferInZone ? '优先考虑区内厂家' : '',
					) + '。',
				quantity: 1,
				preferInZone,
			}
			break
		case 'story':
			input = {
				title: `${use || '车间'}${noun}节能更新`,
				description:
					join(
						`我司${use || '车间'}原有${q}台${noun}已运行十余年，能耗高、故障多`,
						`计划采购${q}台${specText ? `${specText}的` : ''}新设备替换`,
						budgetWan != null ? `总投资控制在${budgetWan}万元以内` : '',
						gc,
					) + '。',
				quantity: 1,
				neededBy,
				preferInZone,
			}
			break
		case 'range': {
			const lo = budgetWan != null ? Math.max(1, Math.round(budgetWan * 0.6)) : null
			input = {
				title: `${formalNoun}采购项目`,
				description:
					join(
						`拟采购${noun}${q}套`,
						specText ? `规格${specText}` : '',
						budgetWan != null && lo != null ? `预算${lo}-${budgetWan}万元` : '',
						gc,
						nc,
					) + '。',
				category: rng.chance(0.5) ? anchor.category : null,
				quantity: q,
				neededBy,
			}
			break
		}
	}
	return {
		ref: options.ref,
		input,
		truth: {
			category: anchor.category,
			specKey: spec?.key ?? null,
			specValue: spec?.value ?? null,
			budgetMax,
			quantity: q,
			energyFloor: floor,
		},
		style,
	}
}
