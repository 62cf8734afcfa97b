import type zh from '../zh-CN/policy.ts'

export default {
	meta: {
		title: 'Policy basis - RenewMatch',
		description:
			'The policy basis of RenewMatch: highlights of TEDA’s Action Plan for Promoting Large-Scale Equipment Renewal and Trade-ins of Consumer Goods.',
	},
	heading: 'Policy basis',
	docTitle: 'TEDA Action Plan for Promoting Large-Scale Equipment Renewal and Trade-ins of Consumer Goods',
	intro:
		'Adopted by TEDA’s Party Working Committee in 2024 to implement State Council document Guofa [2024] No. 7 and Tianjin’s Jinzhengfa [2024] No. 7. RenewMatch carries out the plan’s supply–demand matching tasks.',
	targets: {
		heading: 'Main targets for 2027',
		investment: 'Over CNY 30 billion invested in equipment renewal and technical upgrades',
		projects: '50 technical upgrade projects every year',
		digital:
			'Digital upgrades for all industrial enterprises above designated size; 40+ new smart factories and digital workshops',
		green: '40+ new green-manufacturing enterprises recognised at city level or above',
		infrastructure:
			'Replace 260 t/h of coal-fired boilers; build or renew 64 km of water supply and 25 km of drainage pipelines',
	},
	tasks: {
		heading: 'Tasks the platform serves',
		item4Title: 'Item 4: energy efficiency of key energy-using equipment',
		item4:
			'Renew boilers, motors, transformers, chillers and heat pumps, air compressors, heat exchangers and pumps, favouring energy grade 2 or better. Every listing here shows its energy grade, and search filters by it.',
		item14Title: 'Item 14: makers of advanced, fit-for-purpose equipment',
		item14:
			'Compile directories of in-zone makers, products and services, and step up supply–demand matching. This platform is that searchable directory.',
		item15Title: 'Item 15: financial leasing',
		item15:
			'Use leasing’s “finance plus assets” model for precise matching. The platform connects leasing programmes with demands that want financing.',
		item17Title: 'Item 17: responsibilities by field',
		item17:
			'Establish the renewal demand baseline in industry, buildings, infrastructure, research, medical, culture and tourism, education and sports; match supply, demand, recycling and reuse.',
	},
	fields: {
		heading: 'Fields and categories',
		lead: 'The platform’s categories follow the plan’s key tasks, in these fields:',
	},
	note: 'These are highlights; the officially issued document prevails.',
	browse: 'Browse products & services',
} satisfies typeof zh
