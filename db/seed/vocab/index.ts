import { CATEGORIES, type CategoryKey } from '../../../app/models/taxonomy.ts'
import { boiler, compressor, motor, transformer } from './energy-using.ts'
import { heatExchanger, pump, refrigerationHeating } from './energy-thermal.ts'
import { buildingRetrofit, constructionRobot } from './buildings.ts'
import { heatingGas, sanitation, waterUtility } from './infrastructure.ts'
import { medicalImaging, radiotherapy, recycling, surgicalTelemedicine } from './medical-recycling.ts'
import { constructionMachinery, elevator, generatorSet } from './power-buildings.ts'
import { serviceDigital, serviceEnergy, serviceRemanufacturing } from './services.ts'
import { inspectionTesting, semiconductorDiscrete, smartLogistics } from './smart-factory.ts'
import { cncMachineTool, industrialControl, industrialRobot } from './smart-manufacturing.ts'
import type { CategoryVocab } from './types.ts'

const ALL: CategoryVocab[] = [
	industrialRobot,
	industrialControl,
	cncMachineTool,
	smartLogistics,
	inspectionTesting,
	semiconductorDiscrete,
	boiler,
	motor,
	transformer,
	compressor,
	refrigerationHeating,
	heatExchanger,
	pump,
	generatorSet,
	elevator,
	constructionMachinery,
	constructionRobot,
	buildingRetrofit,
	waterUtility,
	heatingGas,
	sanitation,
	medicalImaging,
	radiotherapy,
	surgicalTelemedicine,
	recycling,
	serviceDigital,
	serviceEnergy,
	serviceRemanufacturing,
]

const byKey = new Map<string, CategoryVocab>(ALL.map((v) => [v.key, v]))

/** One vocabulary per category, in taxonomy order; fails loudly at import if the taxonomy grows. */
export const VOCAB: readonly CategoryVocab[] = CATEGORIES.map((c) => {
	const v = byKey.get(c.key)
	if (!v) throw new Error(`no seed vocabulary for category ${c.key}`)
	return v
})

export function vocabFor(key: CategoryKey): CategoryVocab {
	const v = byKey.get(key)
	if (!v) throw new Error(`no seed vocabulary for category ${key}`)
	return v
}

export type { CategoryVocab, ProductTemplate } from './types.ts'
