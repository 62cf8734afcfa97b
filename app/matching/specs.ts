/**
 * Numbers with units, read from spec maps and from free text. Every unit maps to a dimension and a
 * base unit, so "1.2 MW" and "1200 kW" compare, and a product's "制冷量 500 kW" is never compared
 * with a demand's "电机功率 75 kW" (the label moves kW of heat into its own dimension).
 */
export type SpecDimension =
	| 'power'
	| 'thermal'
	| 'apparent'
	| 'mass'
	| 'steam'
	| 'gasFlow'
	| 'liquidFlow'
	| 'dailyCapacity'
	| 'floors'
	| 'stops'
	| 'speed'
	| 'length'
	| 'lengthMm'
	| 'head'
	| 'volume'
	| 'pressure'
	| 'tesla'
	| 'slices'
	| 'axes'
	| 'area'
	| 'energyMeV'
	| 'current'
	| 'voltage'
	| 'points'
	| 'channels'
	| 'count'
	| 'megapixels'
	| 'throughput'
	| 'rpm'
	| 'areaRate'
	| 'pvCapacity'
	| 'energyKwh'
	| 'gasFlowHour'
	| 'photonMV'
	| 'massRate'
	| 'lamps'
	| 'households'
	| 'pieces'
	| 'sets'
	| 'persons'
	| 'tce'

/** One parsed value: `min`..`max` in the dimension's base unit (a single value has min = max). */
export type SpecValue = {
	dimension: SpecDimension
	min: number
	max: number
	unit: string
	label: string | null
	/** The text it was read from, for reasons ("75 kW"). */
	raw: string
	/** For a value read from free text: the words just before it ("额定负载"), to find the same-named spec. */
	context?: string
}

type UnitDef = {
	pattern: string
	dimension: SpecDimension
	factor: number
	unit: string
	caseSensitive?: boolean
	/** Too generic to mean a spec in free text ("3个车间"); only read from spec fields. */
	fieldOnly?: boolean
}

// Longest spellings first, so m³/min is not read as m³ + /min, nor t/h as t.
const UNITS: UnitDef[] = [
	{ pattern: '万kWh', dimension: 'energyKwh', factor: 10_000, unit: 'kWh' },
	{ pattern: 'MWh', dimension: 'energyKwh', factor: 1000, unit: 'kWh' },
	{ pattern: 'kWh', dimension: 'energyKwh', factor: 1, unit: 'kWh' },
	{ pattern: '度电', dimension: 'energyKwh', factor: 1, unit: 'kWh' },
	{ pattern: 'kWp', dimension: 'pvCapacity', factor: 1, unit: 'kWp' },
	{ pattern: 'MWp', dimension: 'pvCapacity', factor: 1000, unit: 'kWp' },
	{ pattern: 'm²/h', dimension: 'areaRate', factor: 1, unit: 'm²/h' },
	{ pattern: '万m²', dimension: 'area', factor: 10_000, unit: 'm²' },
	{ pattern: '万平方米', dimension: 'area', factor: 10_000, unit: 'm²' },
	{ pattern: '万平米', dimension: 'area', factor: 10_000, unit: 'm²' },
	{ pattern: 'Nm³/h', dimension: 'gasFlowHour', factor: 1, unit: 'Nm³/h' },
	{ pattern: 'Nm3/h', dimension: 'gasFlowHour', factor: 1, unit: 'Nm³/h' },
	{ pattern: 'kg-DS/h', dimension: 'massRate', factor: 1, unit: 'kg/h' },
	{ pattern: 'kg/h', dimension: 'massRate', factor: 1, unit: 'kg/h' },
	{ pattern: 'tce', dimension: 'tce', factor: 1, unit: 'tce' },
	{ pattern: 'm/min', dimension: 'speed', factor: 1 / 60, unit: 'm/s' },
	{ pattern: 'km', dimension: 'length', factor: 1000, unit: 'm' },
	{ pattern: '公里', dimension: 'length', factor: 1000, unit: 'm' },
	{ pattern: 'cm', dimension: 'lengthMm', factor: 10, unit: 'mm' },
	{ pattern: '厘米', dimension: 'lengthMm', factor: 10, unit: 'mm' },
	{ pattern: 'MV', dimension: 'photonMV', factor: 1, unit: 'MV', caseSensitive: true },
	{ pattern: '盏', dimension: 'lamps', factor: 1, unit: '盏' },
	{ pattern: '户', dimension: 'households', factor: 1, unit: '户' },
	{ pattern: '通道', dimension: 'channels', factor: 1, unit: '通道' },
	{ pattern: '只', dimension: 'pieces', factor: 1, unit: '只', fieldOnly: true },
	{ pattern: '根', dimension: 'pieces', factor: 1, unit: '根', fieldOnly: true },
	{ pattern: '套', dimension: 'sets', factor: 1, unit: '套', fieldOnly: true },
	{ pattern: '台', dimension: 'sets', factor: 1, unit: '台', fieldOnly: true },
	{ pattern: '人', dimension: 'persons', factor: 1, unit: '人', fieldOnly: true },
	{ pattern: 'm³/min', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: 'm3/min', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: 'Nm³/min', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: '立方米/分钟', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: '立方米/分', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: '立方/分钟', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: '方/分钟', dimension: 'gasFlow', factor: 1, unit: 'm³/min' },
	{ pattern: 'm³/h', dimension: 'liquidFlow', factor: 1, unit: 'm³/h' },
	{ pattern: 'm3/h', dimension: 'liquidFlow', factor: 1, unit: 'm³/h' },
	{ pattern: '立方米/小时', dimension: 'liquidFlow', factor: 1, unit: 'm³/h' },
	{ pattern: '立方米/时', dimension: 'liquidFlow', factor: 1, unit: 'm³/h' },
	{ pattern: '方/小时', dimension: 'liquidFlow', factor: 1, unit: 'm³/h' },
	{ pattern: 'm³/d', dimension: 'dailyCapacity', factor: 1, unit: 'm³/d' },
	{ pattern: 'm3/d', dimension: 'dailyCapacity', factor: 1, unit: 'm³/d' },
	{ pattern: '立方米/日', dimension: 'dailyCapacity', factor: 1, unit: 'm³/d' },
	{ pattern: '立方米/天', dimension: 'dailyCapacity', factor: 1, unit: 'm³/d' },
	{ pattern: '吨/日', dimension: 'dailyCapacity', factor: 1, unit: 't/d' },
	{ pattern: '吨/天', dimension: 'dailyCapacity', factor: 1, unit: 't/d' },
	{ pattern: 't/d', dimension: 'dailyCapacity', factor: 1, unit: 't/d' },
	{ pattern: 't/h', dimension: 'steam', factor: 1, unit: 't/h' },
	{ pattern: '吨/小时', dimension: 'steam', factor: 1, unit: 't/h' },
	{ pattern: '吨/时', dimension: 'steam', factor: 1, unit: 't/h' },
	{ pattern: '蒸吨', dimension: 'steam', factor: 1, unit: 't/h' },
	{ pattern: 'r/min', dimension: 'rpm', factor: 1, unit: 'r/min' },
	{ pattern: '转/分', dimension: 'rpm', factor: 1, unit: 'r/min' },
	{ pattern: '件/h', dimension: 'throughput', factor: 1, unit: '件/h' },
	{ pattern: '件/小时', dimension: 'throughput', factor: 1, unit: '件/h' },
	{ pattern: '件/min', dimension: 'throughput', factor: 60, unit: '件/h' },
	{ pattern: '包/h', dimension: 'throughput', factor: 1, unit: '件/h' },
	{ pattern: '托/h', dimension: 'throughput', factor: 1, unit: '件/h' },
	{ pattern: 'kVA', dimension: 'apparent', factor: 1, unit: 'kVA' },
	{ pattern: '千伏安', dimension: 'apparent', factor: 1, unit: 'kVA' },
	{ pattern: 'MVA', dimension: 'apparent', factor: 1000, unit: 'kVA' },
	{ pattern: 'kV', dimension: 'voltage', factor: 1000, unit: 'V' },
	{ pattern: 'kW', dimension: 'power', factor: 1, unit: 'kW' },
	{ pattern: '千瓦', dimension: 'power', factor: 1, unit: 'kW' },
	{ pattern: 'MW', dimension: 'power', factor: 1000, unit: 'kW', caseSensitive: true },
	{ pattern: '冷吨', dimension: 'thermal', factor: 3.517, unit: 'kW' },
	{ pattern: 'RT', dimension: 'thermal', factor: 3.517, unit: 'kW', caseSensitive: true },
	{ pattern: 'MeV', dimension: 'energyMeV', factor: 1, unit: 'MeV' },
	{ pattern: 'MPa', dimension: 'pressure', factor: 1, unit: 'MPa' },
	{ pattern: 'bar', dimension: 'pressure', factor: 0.1, unit: 'MPa' },
	{ pattern: 'm/s', dimension: 'speed', factor: 1, unit: 'm/s' },
	{ pattern: '米/秒', dimension: 'speed', factor: 1, unit: 'm/s' },
	{ pattern: 'm²', dimension: 'area', factor: 1, unit: 'm²' },
	{ pattern: 'm2', dimension: 'area', factor: 1, unit: 'm²' },
	{ pattern: '平方米', dimension: 'area', factor: 1, unit: 'm²' },
	{ pattern: '平米', dimension: 'area', factor: 1, unit: 'm²' },
	{ pattern: 'kg', dimension: 'mass', factor: 1, unit: 'kg' },
	{ pattern: '公斤', dimension: 'mass', factor: 1, unit: 'kg' },
	{ pattern: '千克', dimension: 'mass', factor: 1, unit: 'kg' },
	{ pattern: '吨', dimension: 'mass', factor: 1000, unit: 'kg' },
	{ pattern: 't', dimension: 'mass', factor: 1000, unit: 'kg', caseSensitive: true },
	{ pattern: 'T', dimension: 'tesla', factor: 1, unit: 'T', caseSensitive: true },
	{ pattern: 'mm', dimension: 'lengthMm', factor: 1, unit: 'mm' },
	{ pattern: '毫米', dimension: 'lengthMm', factor: 1, unit: 'mm' },
	{ pattern: 'm', dimension: 'length', factor: 1, unit: 'm', caseSensitive: true },
	{ pattern: '米', dimension: 'length', factor: 1, unit: 'm' },
	{ pattern: 'L', dimension: 'volume', factor: 1, unit: 'L', caseSensitive: true },
	{ pattern: '升', dimension: 'volume', factor: 1, unit: 'L' },
	{ pattern: 'MP', dimension: 'megapixels', factor: 1, unit: 'MP', caseSensitive: true },
	{ pattern: '万像素', dimension: 'megapixels', factor: 0.01, unit: 'MP' },
	{ pattern: 'A', dimension: 'current', factor: 1, unit: 'A', caseSensitive: true },
	{ pattern: '安培', dimension: 'current', factor: 1, unit: 'A' },
	{ pattern: 'V', dimension: 'voltage', factor: 1, unit: 'V', caseSensitive: true },
	{ pattern: '伏', dimension: 'voltage', factor: 1, unit: 'V' },
	{ pattern: '点', dimension: 'points', factor: 1, unit: '点' },
	{ pattern: '路', dimension: 'channels', factor: 1, unit: '路', fieldOnly: true },
	{ pattern: '个', dimension: 'count', factor: 1, unit: '个', fieldOnly: true },
	{ pattern: '层', dimension: 'floors', factor: 1, unit: '层' },
	{ pattern: '站', dimension: 'stops', factor: 1, unit: '站' },
	{ pattern: '排', dimension: 'slices', factor: 1, unit: '排' },
	{ pattern: '轴', dimension: 'axes', factor: 1, unit: '轴' },
]

const NUMBER = String.raw`(\d+(?:,\d{3})*(?:\.\d+)?)`
const RANGE_SEP = String.raw`\s*(?:-|–|—|~|～|至|到)\s*`

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const unitAlternatives = UNITS.map((u) => escapeRe(u.pattern)).join('|')
// A number (or a range), optional space, a unit, and not followed by a Latin letter (so "5 min"
// is not 5 m, "10 kWh" is not 10 kW) — except that 层站/站 may follow each other.
const SPEC_RE = new RegExp(`${NUMBER}(?:${RANGE_SEP}${NUMBER})?\\s*(${unitAlternatives})(?![A-Za-z²³/])`, 'gi')

const EXACT_UNITS = new Map(UNITS.filter((u) => u.caseSensitive).map((u) => [u.pattern, u]))
const FOLDED_UNITS = new Map(UNITS.filter((u) => !u.caseSensitive).map((u) => [u.pattern.toLowerCase(), u]))

function findUnit(spelled: string): UnitDef | undefined {
	return EXACT_UNITS.get(spelled) ?? FOLDED_UNITS.get(spelled.toLowerCase())
}

// Most spec fields are one figure and a unit ("75 kW"): read those without the big alternation.
const SIMPLE_VALUE = /^\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*([^\d\s].*?)\s*$/

function toNumber(s: string): number {
	return Number(s.replace(/,/g, ''))
}

/** Labels that move a value into a more precise dimension than its unit alone says. */
function refineDimension(dimension: SpecDimension, label: string | null, value: number): SpecDimension {
	const l = label ?? ''
	if (dimension === 'power' && /制冷量|制热量|供热量|热负荷|冷量|热量|额定热功率|热功率/.test(l)) return 'thermal'
	if (dimension === 'length' && /扬程/.test(l)) return 'head'
	if (dimension === 'tesla' && value > 10) return 'mass'
	return dimension
}

/**
 * Reads every value with a unit in a piece of text; `label` is the spec's key when there is one
 * (a spec field), and free text (no label) skips the units too generic to be a spec.
 */
export function parseSpecValues(text: string, label: string | null = null): SpecValue[] {
	const out: SpecValue[] = []
	if (!/\d/.test(text)) return out
	const simple = label !== null ? SIMPLE_VALUE.exec(text) : null
	const matches =
		simple && simple[2] && findUnit(simple[2])
			? [[simple[0], simple[1], undefined, simple[2]] as const]
			: text.matchAll(SPEC_RE)
	for (const m of matches) {
		const [raw, a, b, spelled] = m
		if (!a || !spelled) continue
		const unit = findUnit(spelled)
		if (!unit) continue
		// A case-sensitive unit matched case-insensitively ("M" for m) is not that unit.
		if (unit.caseSensitive && unit.pattern !== spelled) continue
		if (unit.fieldOnly && label === null) continue
		const lo = toNumber(a)
		const hi = b ? toNumber(b) : lo
		if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue
		// "T" after a large number is tonnes (25T crane), only small values are tesla.
		let dimension: SpecDimension = unit.dimension
		let factor = unit.factor
		if (unit.dimension === 'tesla' && lo > 10) {
			dimension = 'mass'
			factor = 1000
		}
		const context = label === null ? labelBefore(text, 'index' in m ? (m.index ?? 0) : 0) : undefined
		dimension = refineDimension(dimension, label ?? context ?? null, lo)
		out.push({
			dimension,
			min: Math.min(lo, hi) * factor,
			max: Math.max(lo, hi) * factor,
			unit: dimension === 'mass' ? 'kg' : unit.unit,
			label,
			raw: raw.trim(),
			...(context ? { context } : {}),
		})
	}
	return out
}

// In free text the label is whatever stands just before the number ("制冷量500kW").
function labelBefore(text: string, index: number): string {
	return text.slice(Math.max(0, index - 6), index)
}

/** Parses a spec map (key → value text) into values, each labelled by its key. */
export function parseSpecMap(specs: Record<string, string> | null | undefined): SpecValue[] {
	const out: SpecValue[] = []
	if (!specs) return out
	for (const [key, value] of Object.entries(specs)) {
		if (typeof value !== 'string') continue
		const parsed = parseSpecValues(value, key)
		// "层站 18/18" style: a count after a floors/stops key with no unit of its own.
		if (parsed.length === 0) {
			const n = value.match(/^\s*(\d+(?:\.\d+)?)\s*$/)?.[1]
			const dim = unitlessDimension(key)
			if (n && dim) out.push({ dimension: dim, min: Number(n), max: Number(n), unit: '', label: key, raw: value })
			const pair = value.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/)
			if (pair && /层站/.test(key)) {
				out.push({
					dimension: 'floors',
					min: Number(pair[1]),
					max: Number(pair[1]),
					unit: '层',
					label: key,
					raw: value,
				})
				out.push({ dimension: 'stops', min: Number(pair[2]), max: Number(pair[2]), unit: '站', label: key, raw: value })
			}
		}
		out.push(...parsed)
	}
	return out
}

function unitlessDimension(key: string): SpecDimension | null {
	if (/层数|楼层/.test(key)) return 'floors'
	if (/站数/.test(key)) return 'stops'
	if (/排数/.test(key)) return 'slices'
	if (/轴数/.test(key)) return 'axes'
	return null
}

/** How far a product value lies from the wanted one: 0 inside its range, else the relative gap. */
export function specDeviation(wanted: SpecValue, offered: SpecValue): number {
	const target = (wanted.min + wanted.max) / 2
	if (target <= 0) return 0
	if (target >= offered.min && target <= offered.max) return 0
	const nearest = target < offered.min ? offered.min : offered.max
	return Math.abs(nearest - target) / target
}

/** Formats a base-unit value back for people ("75 kW", "2 t"). */
export function formatSpecValue(dimension: SpecDimension, value: number, unit: string): string {
	const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100)
	if (dimension === 'mass' && value >= 1000) return `${round(value / 1000)} t`
	if (dimension === 'voltage' && value >= 1000) return `${round(value / 1000)} kV`
	if (dimension === 'energyKwh' && value >= 10_000) return `${round(value / 10_000)} 万kWh`
	if (dimension === 'area' && value >= 10_000) return `${round(value / 10_000)} 万m²`
	return unit ? `${round(value)} ${unit}` : String(round(value))
}
