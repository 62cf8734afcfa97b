/** 首页. Keys mirror en/home.ts. */
export default {
	meta: {
		title: '焕新撮合 - 天津经济技术开发区设备更新供需对接平台',
		description: '查找区内先进设备制造商、节能设备与专业服务，对接设备更新需求与融资租赁。',
	},
	hero: {
		eyebrow: '推动大规模设备更新',
		title: '设备更新，供需一站对接',
		subtitle: '汇聚开发区先进设备制造商、专业服务商与融资租赁机构，帮助企业找到更节能、更智能的新设备。',
		popular: '热门品类：',
	},
	figures: {
		heading: '平台概况',
		inZoneMakers: '区内制造企业',
		products: '设备产品',
		services: '专业服务',
		openDemands: '开放中的更新需求',
	},
	categories: {
		heading: '按领域浏览',
		lead: '对照《行动方案》重点任务划分为 8 个领域、28 个品类。',
		count: '{{count, number}} 项',
		viewGroup: '查看“{{group}}”全部',
	},
	how: {
		heading: '如何使用',
		suppliers: {
			title: '制造商与服务商',
			step1: '注册企业，完成统一社会信用代码认证',
			step2: '发布设备与服务：规格、能效等级、价格区间、交货期',
			step3: '查看与产品匹配的更新需求（商机），在线报价',
		},
		enterprises: {
			title: '更新需求企业',
			step1: '发布设备更新需求：替换什么、旧设备情况、预算与期限',
			step2: '获得带理由说明的匹配推荐，加入候选、询价比价',
			step3: '按需申请融资租赁，比较还款方案',
		},
		lessors: {
			title: '融资租赁机构',
			step1: '发布租赁方案：覆盖品类、金额与期限、参考费率',
			step2: '查看需要融资的更新需求',
			step3: '给出直租或回租报价，附完整还款计划',
		},
	},
	policy: {
		heading: '政策依据',
		text: '本平台依据《天津经济技术开发区推动大规模设备更新和消费品以旧换新行动方案》建设，落实“梳理区内先进设备生产企业和产品名录以及服务名录，加大供需撮合服务”的要求。',
		link: '阅读政策要点',
	},
}
