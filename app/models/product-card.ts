import type { PublicProduct } from './public-types.ts'

/**
 * What a product card shows. Listing loaders send these fields only — not specs, tags,
 * certifications or dates — so a page of 20 cards serialises half the data into its HTML.
 */
export type ProductCardData = Pick<
	PublicProduct,
	| 'id'
	| 'kind'
	| 'categoryKey'
	| 'name'
	| 'nameEn'
	| 'model'
	| 'brand'
	| 'description'
	| 'energyGrade'
	| 'priceMin'
	| 'priceMax'
	| 'leadTimeDays'
> & { org: Pick<PublicProduct['org'], 'id' | 'name' | 'nameEn' | 'inZone' | 'verified'> }

export function toProductCard(p: PublicProduct): ProductCardData {
	return {
		id: p.id,
		kind: p.kind,
		categoryKey: p.categoryKey,
		name: p.name,
		nameEn: p.nameEn,
		model: p.model,
		brand: p.brand,
		description: p.description,
		energyGrade: p.energyGrade,
		priceMin: p.priceMin,
		priceMax: p.priceMax,
		leadTimeDays: p.leadTimeDays,
		org: { id: p.org.id, name: p.org.name, nameEn: p.org.nameEn, inZone: p.org.inZone, verified: p.org.verified },
	}
}
