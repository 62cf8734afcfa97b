import type zh from '../zh-CN/suppliers.ts'

export default {
	meta: {
		title: 'Suppliers - RenewMatch',
		titleQuery: 'Companies matching “{{q}}” - Suppliers - RenewMatch',
		description:
			'A directory of equipment makers, service providers and leasing firms in TEDA; filter by area, industry and category.',
		profileTitle: '{{name}} - Suppliers - RenewMatch',
	},
	heading: 'Suppliers',
	lead: 'Equipment makers, service providers and leasing firms, in TEDA and beyond.',
	search: {
		label: 'Search companies',
		placeholder: 'Company name, products or industry',
	},
	results: {
		count_one: '{{count, number}} company',
		count_other: '{{count, number}} companies',
		forQuery: 'Companies matching “{{q}}”',
		region: 'Companies',
	},
	facets: {
		heading: 'Filters',
		show: 'Show filters',
		area: 'Area',
		industry: 'Industry',
		category: 'Product category',
		origin: 'Location',
		inZoneOnly: 'In-zone companies only',
		role: 'Type',
		clear: 'Clear all filters',
	},
	empty: {
		titleQuery: 'No companies found for “{{q}}”',
		title: 'No companies match these filters',
		tip: 'Try another keyword or fewer filters.',
	},
	degraded: 'Search is temporarily unavailable, so the directory cannot be shown right now. Please try again later.',
	card: {
		productCount_one: '{{count, number}} product or service',
		productCount_other: '{{count, number}} products & services',
		noProducts: 'No published products yet',
	},
	profile: {
		about: 'About',
		facts: 'Company facts',
		nameEn: 'English name',
		roles: 'Type',
		area: 'Area',
		industry: 'Industry',
		website: 'Website',
		categories: 'Product categories',
		products: 'Published products & services',
		productsCount_one: '{{count, number}} in total',
		productsCount_other: '{{count, number}} in total',
		noProducts: 'This company has not published any products or services yet.',
		noDescription: 'No description yet.',
	},
} satisfies typeof zh
