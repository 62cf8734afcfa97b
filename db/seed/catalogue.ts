import type { ExchangeDocumentInput } from '../../app/models/exchange.schema.ts'
import { CATEGORIES, ZONE_AREAS, type CategoryGroupKey } from '../../app/models/taxonomy.ts'
import { makeContact, makeUscc, type OrgInput } from './org-builder.ts'
import { buildProduct, type Maker, type ProductInput } from './product-builder.ts'
import { createRng, type Rng } from './random.ts'
import { VOCAB, type CategoryVocab } from './vocab/index.ts'
import { BRAND_SYLLABLES, OUTSIDE_REGIONS, QUERY_MODIFIERS } from './vocab/names.ts'

const BENCH_ORGS = 200
const TEDA_REGION = '120116'

const INDUSTRY_BY_GROUP: Record<CategoryGroupKey, readonly string[]> = {
	'smart-manufacturing': ['汽车及高端装备', '新一代信息技术'],
	'energy-using': ['汽车及高端装备', '节能环保'],
	power: ['新能源'],
	buildings: ['汽车及高端装备', '现代服务业'],
	infrastructure: ['节能环保'],
	medical: ['医药健康'],
	recycling: ['节能环保'],
	services: ['现代服务业', '新一代信息技术'],
}

const groupOf = new Map<string, CategoryGroupKey>(CATEGORIES.map((c) => [c.key, c.group]))

interface BenchMaker extends Maker {
	categories: CategoryVocab[]
}

/** Two distinct syllables not used before: 锐恒 / Ruiheng / RH. */
function inventBrand(rng: Rng, used: Set<string>): [string, string, string] {
	for (;;) {
		const [a, b] = rng.sample(BRAND_SYLLABLES, 2)
		if (!a || !b) throw new Error('not enough brand syllables')
		const zh = a[0] + b[0]
		if (used.has(zh)) continue
		used.add(zh)
		return [zh, a[1] + b[1].toLowerCase(), (a[1].charAt(0) + b[1].charAt(0)).toUpperCase()]
	}
}

function makeOrgs(rng: Rng): { organizations: OrgInput[]; makers: BenchMaker[] } {
	const organizations: OrgInput[] = []
	const makers: BenchMaker[] = []
	const brands = new Set<string>()
	const usccs = new Set<string>()
	for (let i = 0; i < BENCH_ORGS; i++) {
		// Primary categories cycle through the taxonomy, so every category has makers.
		const primary = VOCAB[i % VOCAB.length] as CategoryVocab
		const group = groupOf.get(primary.key) ?? 'services'
		const siblings = VOCAB.filter((v) => v !== primary && groupOf.get(v.key) === group)
		const categories = [primary, ...rng.sample(siblings, rng.int(0, 2))]
		const [brand, brandPy, code] = inventBrand(rng, brands)
		const inZone = rng.chance(0.85)
		const outside = rng.pick(OUTSIDE_REGIONS)
		const stem = rng.pick(primary.makerStems)
		const category = CATEGORIES.find((c) => c.key === primary.key)
		const ref = `bench-o-${String(i + 1).padStart(4, '0')}`
		const name = inZone
			? `天津${rng.chance(0.3) ? '泰达' : ''}${brand}${stem}有限公司`
			: `${outside[0]}${brand}${stem}有限公司`
		const products = categories
			.flatMap((c) => c.templates.slice(0, 2).map((t) => t.name))
			.slice(0, 3)
			.join('、')
		organizations.push({
			ref,
			name,
			nameEn: `${inZone ? 'Tianjin' : outside[2]} ${brandPy} ${category?.en ?? 'Equipment'} Co., Ltd.`,
			uscc: makeUscc(rng, inZone ? TEDA_REGION : outside[1], usccs),
			roles: rng.chance(0.1) ? ['supplier', 'buyer'] : ['supplier'],
			inZone,
			area: inZone ? rng.pick(ZONE_AREAS) : null,
			industry: rng.pick(INDUSTRY_BY_GROUP[group]),
			description: `${brand}品牌${category?.zh ?? ''}供应商，主要产品包括${products}。公司成立于 ${rng.int(1995, 2021)} 年，服务京津冀及全国客户。`,
			contact: makeContact(rng, `${brandPy.toLowerCase()}.com.cn`),
		})
		makers.push({ ref, brand, code, inZone, categories })
	}
	return { organizations, makers }
}

/**
 * A large catalogue for search and matching benchmarks: `count` products over all 28 categories,
 * owned by 200 generated suppliers, built from the same vocabulary as the demo data.
 */
export function generateCatalogue(count: number, seed = 42): ExchangeDocumentInput {
	const rng = createRng(seed)
	const { organizations, makers } = makeOrgs(rng)
	const makersByCategory = new Map<string, BenchMaker[]>()
	for (const m of makers) {
		for (const c of m.categories) {
			const list = makersByCategory.get(c.key) ?? []
			list.push(m)
			makersByCategory.set(c.key, list)
		}
	}
	const products: ProductInput[] = new Array(count)
	for (let i = 0; i < count; i++) {
		const cat = (i < VOCAB.length ? VOCAB[i] : rng.pick(VOCAB)) as CategoryVocab
		const maker = rng.pick(makersByCategory.get(cat.key) ?? makers)
		const tpl = rng.pick(cat.templates)
		const size = rng.pick(tpl.sizes)
		products[i] = buildProduct(rng, `bench-p-${String(i + 1).padStart(6, '0')}`, maker, cat, tpl, size)
	}
	return { version: 1, organizations, products, leasingPrograms: [], demands: [] }
}

type QueryKind = 'category' | 'synonym' | 'type' | 'spec' | 'brand' | 'modifier' | 'pair'

const QUERY_KINDS: readonly (readonly [QueryKind, number])[] = [
	['category', 1],
	['synonym', 3],
	['type', 2],
	['spec', 3],
	['brand', 1],
	['modifier', 2],
	['pair', 1],
]

/** Search queries as people type them: category names, synonyms, product types, spec phrases, brands, combos. */
export function generateBenchQueries(count: number, seed = 7): string[] {
	const rng = createRng(seed)
	const queries: string[] = []
	for (let i = 0; i < count; i++) {
		const cat = rng.pick(VOCAB)
		const tpl = rng.pick(cat.templates)
		const size = rng.pick(tpl.sizes)
		switch (rng.weighted(QUERY_KINDS)) {
			case 'category':
				queries.push(CATEGORIES.find((c) => c.key === cat.key)?.zh ?? cat.key)
				break
			case 'synonym':
				queries.push(rng.pick(cat.synonyms))
				break
			case 'type':
				queries.push(rng.chance(0.3) ? tpl.name.replace(/\s+/g, '') : tpl.name)
				break
			case 'spec': {
				const label = tpl.label?.(size) ?? String(size)
				// Mostly the type's own words, so the size and the word belong together (75kW 变频, 1000kg 乘客电梯).
				const word = rng.chance(0.75) ? rng.pick(tpl.tags) : tpl.name
				queries.push(rng.chance(0.5) ? `${label} ${word}` : `${word} ${label}`)
				break
			}
			case 'brand': {
				const [a, b] = rng.sample(BRAND_SYLLABLES, 2)
				const brand = (a?.[0] ?? '') + (b?.[0] ?? '')
				queries.push(rng.chance(0.5) ? brand : `${brand} ${rng.pick(cat.synonyms)}`)
				break
			}
			case 'modifier':
				queries.push(`${rng.pick(QUERY_MODIFIERS)} ${rng.pick(cat.synonyms)}`)
				break
			case 'pair': {
				const [x, y] = rng.sample(cat.synonyms, 2)
				queries.push(`${x ?? cat.key} ${y ?? ''}`.trim())
				break
			}
		}
	}
	return queries
}
