import type zh from '../zh-CN/home.ts'

export default {
	meta: {
		title: 'RenewMatch - TEDA equipment-renewal supply & demand platform',
		description:
			'Find in-zone makers of advanced equipment, energy-efficient products and services; match renewal demands with suppliers and leasing.',
	},
	hero: {
		eyebrow: 'Large-scale equipment renewal',
		title: 'Renew your equipment, matched in one place',
		subtitle:
			'Makers of advanced equipment, service providers and leasing firms in TEDA, helping enterprises find more efficient, smarter equipment.',
		popular: 'Popular:',
	},
	figures: {
		heading: 'At a glance',
		inZoneMakers: 'In-zone makers',
		products: 'Equipment products',
		services: 'Services',
		openDemands: 'Open renewal demands',
	},
	categories: {
		heading: 'Browse by field',
		lead: '8 fields and 28 categories, following the key tasks of the Action Plan.',
		count: '{{count, number}}',
		viewGroup: 'All of “{{group}}”',
	},
	how: {
		heading: 'How it works',
		suppliers: {
			title: 'Makers & service providers',
			step1: 'Register your company and get it verified by its unified social credit code',
			step2: 'List equipment and services: specs, energy grade, price band, lead time',
			step3: 'See renewal demands that fit your products and send quotes',
		},
		enterprises: {
			title: 'Enterprises renewing equipment',
			step1: 'Post a renewal demand: what to replace, the old equipment, budget and deadline',
			step2: 'Get ranked matches with reasons; shortlist, ask for quotes, compare',
			step3: 'Ask for leasing when you need it and compare payment plans',
		},
		lessors: {
			title: 'Leasing firms',
			step1: 'Publish leasing programmes: categories, amount and term, indicative rates',
			step2: 'See renewal demands that want financing',
			step3: 'Offer direct leases or sale-leasebacks with a full payment schedule',
		},
	},
	policy: {
		heading: 'Policy basis',
		text: 'RenewMatch implements TEDA’s Action Plan for Promoting Large-Scale Equipment Renewal, which asks for directories of in-zone makers, products and services and for stronger supply–demand matching.',
		link: 'Read the policy highlights',
	},
} satisfies typeof zh
