import type zh from '../zh-CN/common.ts'

export default {
	brand: {
		name: 'RenewMatch',
		nameAlt: '焕新撮合',
		tagline: 'TEDA equipment-renewal supply & demand platform',
		homeLink: 'RenewMatch home',
	},
	meta: {
		siteName: 'RenewMatch 焕新撮合',
		description:
			'The equipment-renewal supply and demand platform of Tianjin Economic-Technological Development Area (TEDA): a directory of in-zone makers, products and services, renewal demands and leasing.',
	},
	skipLink: 'Skip to main content',
	nav: {
		label: 'Main navigation',
		home: 'Home',
		products: 'Products & services',
		suppliers: 'Suppliers',
		policy: 'Policy basis',
		menu: 'Menu',
	},
	lang: {
		label: 'Language',
		names: {
			'zh-CN': '中文',
			en: 'English',
		},
		current: 'Current language',
	},
	footer: {
		label: 'Footer',
		about: 'Serving TEDA’s large-scale equipment renewal: matching supply, demand, recycling and reuse.',
		links: 'Quick links',
		policyBasis:
			'Policy basis: TEDA Action Plan for Promoting Large-Scale Equipment Renewal and Trade-ins of Consumer Goods',
		copyright: '© {{year}} RenewMatch 焕新撮合',
	},
	loading: 'Loading…',
	none: '—',
	selected: 'selected',
	kind: {
		equipment: 'Equipment',
		service: 'Service',
	},
	role: {
		supplier: 'Maker / service provider',
		buyer: 'Buyer',
		lessor: 'Leasing firm',
	},
	badge: {
		verified: 'Verified',
		inZone: 'In-zone',
		inZoneMade: 'Made in TEDA',
		outOfZone: 'Out of zone',
		energyGrade: 'Energy grade {{grade}}',
		energyGradeHint: 'Energy efficiency grade: 1 is best',
	},
	price: {
		range: 'CNY {{min}}–{{max}}',
		from: 'From CNY {{min}}',
		upTo: 'Up to CNY {{max}}',
		single: 'CNY {{min}}',
		onRequest: 'Price on request',
	},
	leadTime_one: 'Lead time {{count}} day',
	leadTime_other: 'Lead time {{count}} days',
	days_one: '{{count}} day',
	days_other: '{{count}} days',
	search: {
		label: 'Search products and services',
		placeholder: 'e.g. air compressor, industrial robot, transformer',
		submit: 'Search',
	},
	pagination: {
		label: 'Pagination',
		previous: 'Previous',
		next: 'Next',
		page: 'Page {{page}}',
		status: 'Page {{page}} of {{total}}',
	},
	areas: {
		东区: 'East Area',
		西区: 'West Area',
		南港工业区: 'Nangang Industrial Zone',
		中区: 'Central Area',
		逸仙科学工业园: 'Yat-sen Science & Industry Park',
		现代产业区: 'Modern Industrial Park',
		北塘企业总部园区: 'Beitang Corporate Headquarters Park',
	},
	breadcrumbs: {
		label: 'Breadcrumb',
	},
	errors: {
		notFoundTitle: 'Page not found',
		notFoundText: 'The page you asked for does not exist, has been taken down, or the address is wrong.',
		serverErrorTitle: 'Service temporarily unavailable',
		serverErrorText:
			'Sorry, something went wrong on our side. Please try again later; if it persists, contact the platform operator.',
		badRequestTitle: 'Bad request',
		badRequestText: 'The request had invalid parameters. Please go back and try again.',
		status: 'Error {{status}}',
		backHome: 'Back to home',
		browseProducts: 'Browse products & services',
	},
} satisfies typeof zh
