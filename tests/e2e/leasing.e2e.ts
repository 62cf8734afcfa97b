import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './setup/browser.ts'
import {
	adminActor,
	chinaDate,
	fillDemandForm,
	mainText,
	POLL,
	seen,
	uniqueSuffix,
	verifiedOrgActor,
} from './setup/helpers.ts'

/**
 * The leasing journey: "a leasing firm can publish a programme, see a fitting demand, send an
 * offer with a schedule, and the enterprise can compare two offers and accept one". Two lessors
 * of our own publish programmes covering 空压机; a buyer posts a demand that wants leasing, asks
 * both for offers; each previews the payment schedule before sending; the buyer compares the
 * effective annual cost and accepts one, and the other is declined.
 */
const baseURL = inject('baseURL')
const dataDir = inject('e2eDataDir')
let browser: Browser

beforeAll(async () => {
	browser = await launchBrowser()
})
afterAll(async () => {
	await browser?.close()
})

type Programme = { name: string; rateMinPct: string; rateMaxPct: string }

/** /workspace/leasing/programs/new → published; the public /leasing list shows it. */
async function publishProgramme(page: Page, p: Programme): Promise<void> {
	await page.goto(`${baseURL}/workspace/leasing`)
	await page.getByRole('link', { name: '发布新方案' }).first().click()
	await page.waitForURL(/\/workspace\/leasing\/programs\/new$/)
	await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('发布租赁方案')
	await page.getByLabel('方案名称').fill(p.name)
	const categories = page.getByRole('group', { name: '覆盖的设备类别' })
	await categories.getByRole('checkbox', { name: '空压机', exact: true }).check()
	await categories.getByRole('checkbox', { name: '电机', exact: true }).check()
	await page.getByLabel('最低融资额（元）').fill('100000')
	await page.getByLabel('最高融资额（元）').fill('5000000')
	await page.getByLabel('最短租期（月）').fill('12')
	await page.getByLabel('最长租期（月）').fill('60')
	await page.getByLabel('参考年利率下限（%）').fill(p.rateMinPct)
	await page.getByLabel('参考年利率上限（%）').fill(p.rateMaxPct)
	await page.getByLabel('最低首付比例（%）').fill('10')
	const structures = page.getByRole('group', { name: '租赁方式' })
	expect(await structures.getByRole('checkbox', { name: '直租' }).isChecked()).toBe(true)
	await structures.getByRole('checkbox', { name: '售后回租' }).check()
	await page.getByLabel('重点行业').fill('汽车及高端装备')
	await page.getByLabel('方案说明').fill('面向开发区制造企业的节能设备直租与售后回租方案，审批快，可按季或按月支付。')
	await page.getByRole('button', { name: '发布方案' }).click()
	await page.waitForURL(/\/workspace\/leasing\/programs\/\d+\?created=1/)
	await seen(page.getByRole('status').filter({ hasText: '方案已发布' }))
	await page.goto(`${baseURL}/leasing`)
	await seen(page.getByRole('main').getByRole('link', { name: p.name }))
}

/**
 * From the leasing workspace to a sent offer: the demand is listed as one the enterprise asked
 * about; the form is filled, the full schedule is previewed, then the offer is sent.
 */
async function sendOffer(
	page: Page,
	demandTitle: string,
	o: { ratePct: string; termMonths: number; note: string },
): Promise<void> {
	await page.goto(`${baseURL}/workspace/leasing`)
	const fitting = page.getByRole('region', { name: '适合您方案的融资租赁需求' })
	const item = fitting.getByRole('listitem').filter({ has: page.getByRole('link', { name: demandTitle }) })
	await seen(item.getByText('企业请您报价'))
	await item.getByRole('link', { name: demandTitle }).click()
	await page.waitForURL(/\/workspace\/leasing\/demands\/\d+$/)
	await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe(demandTitle)
	// Once asked, the lessor sees the enterprise's budget and contact.
	expect(await page.getByRole('region', { name: '预算与联系方式' }).innerText()).toContain('022-66290000')

	const form = page.getByRole('region', { name: '出具报价' })
	await form.getByLabel('设备价款 / 回租转让价款（元）').fill('600000')
	await form.getByLabel('首付款（元）').fill('60000')
	await form.getByLabel('租期（月）').fill(String(o.termMonths))
	await form.getByLabel('年利率（%）').fill(o.ratePct)
	await form.getByLabel('保证金（元）').fill('0')
	await form.getByLabel('手续费（元）').fill('5400')
	await form.getByLabel('留购价（元）').fill('100')
	await form.getByLabel('租赁方式').selectOption({ label: '直租' })
	await form.getByLabel('支付频率').selectOption({ label: '按月支付' })
	await form.getByLabel('还款方式').selectOption({ label: '等额本息' })
	await form.getByLabel('支付时点').selectOption({ label: '后付（期末）' })
	await form.getByLabel('报价有效期至').fill(chinaDate(30))
	await form.getByLabel('说明').fill(o.note)

	// The schedule first: every period, with the effective annual cost.
	await form.getByRole('button', { name: '预览还款计划' }).click()
	const preview = page.locator('section#preview')
	await seen(preview.getByRole('heading', { name: '还款计划预览' }))
	const schedule = preview.getByRole('table')
	await expect.poll(() => schedule.getByRole('row').count(), POLL).toBeGreaterThanOrEqual(o.termMonths + 1)
	const summary = await preview.innerText()
	expect(summary).toContain('实际年化成本')
	expect(summary).toContain(`${o.termMonths} 期（按月）`)
	expect(summary).toContain('540,000')

	await form.getByRole('button', { name: '发送报价' }).click()
	await page.waitForURL(/done=sent/)
	await seen(page.getByRole('status').filter({ hasText: '报价已发送' }))
	await seen(page.getByRole('region', { name: '我的报价' }).getByText('待答复'))
}

describe('leasing journey (JavaScript on)', () => {
	it('programme → fitting demand → two offers with schedules → compare → accept one, the other declined', async () => {
		const id = uniqueSuffix()
		const demandTitle = `融资租赁更换 2 台 75kW 空压机（E2E ${id}）`
		const admin = await adminActor(browser, baseURL, dataDir)

		// Two leasing firms, verified, each with a programme covering 空压机.
		const lessorA = await verifiedOrgActor(browser, baseURL, admin.page, {
			email: `lessor-a-${id}@e2e.example.com`,
			person: '钱经理',
			orgName: `泰达甲融资租赁测试有限公司${id}`,
			roles: ['融资租赁'],
		})
		const lessorB = await verifiedOrgActor(browser, baseURL, admin.page, {
			email: `lessor-b-${id}@e2e.example.com`,
			person: '吴经理',
			orgName: `泰达乙融资租赁测试有限公司${id}`,
			roles: ['融资租赁'],
		})
		const programmeA = `节能设备直租通E2E甲${id}`
		const programmeB = `绿色装备租赁贷E2E乙${id}`
		await publishProgramme(lessorA.page, { name: programmeA, rateMinPct: '4.2', rateMaxPct: '5.5' })
		await publishProgramme(lessorB.page, { name: programmeB, rateMinPct: '5.0', rateMaxPct: '6.8' })

		// The buyer posts a demand that wants leasing.
		const buyer = await verifiedOrgActor(browser, baseURL, admin.page, {
			email: `lease-buyer-${id}@e2e.example.com`,
			person: '郑经理',
			orgName: `天津泰达精密机械测试有限公司${id}`,
			roles: ['需求方'],
		})
		const { page } = buyer
		await fillDemandForm(page, baseURL, {
			title: demandTitle,
			category: '空压机',
			quantity: 2,
			keySpecs: '额定功率: 75 kW',
			energyFloor: '2级及以上',
			neededBy: chinaDate(150),
			financing: '融资租赁',
			budgetWan: [50, 60],
			domain: '工业',
			description: '机加车间两台老旧空压机需更换为永磁变频机型，希望以融资租赁方式分期支付，减轻一次性投入。',
		})
		await page.getByRole('button', { name: '发布需求' }).click()
		await page.waitForURL(/\/demands\/\d+\?done=published/)
		const demandUrl = page.url().replace(/\?.*$/, '')

		// Each lessor sees it among the demands that fit its programme, before anyone asks.
		await lessorA.page.goto(`${baseURL}/workspace/leasing`)
		const fittingA = lessorA.page.getByRole('region', { name: '适合您方案的融资租赁需求' })
		await seen(fittingA.getByRole('link', { name: demandTitle }))
		expect(await fittingA.innerText()).toContain(`最匹配的方案：${programmeA}`)

		// The buyer's leasing page: both programmes suggested with an indicative monthly payment; ask both.
		// (No link leads here from the demand page yet: see the report.)
		await page.goto(`${demandUrl}/leasing`)
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe(demandTitle)
		const suggestions = page.getByRole('region', { name: '推荐的租赁方案' })
		for (const name of [programmeA, programmeB]) {
			const card = suggestions.getByRole('article').filter({ has: page.getByRole('link', { name }) })
			expect(await card.innerText()).toMatch(/约 .+ \/ 月/)
			await card.getByRole('button', { name: '请该机构报价' }).click()
			await page.waitForURL(/done=request/)
			await seen(page.getByRole('status').filter({ hasText: '已请该机构报价' }))
			await seen(card.getByText('已请求报价'))
		}

		// Both lessors preview a schedule and send an offer; A's is cheaper.
		await sendOffer(lessorA.page, demandTitle, { ratePct: '4.5', termMonths: 36, note: '甲公司报价：36 期等额本息。' })
		await sendOffer(lessorB.page, demandTitle, { ratePct: '6.2', termMonths: 36, note: '乙公司报价：36 期等额本息。' })

		// The buyer compares: effective annual cost side by side, the cheaper marked best.
		await page.goto(`${demandUrl}/leasing`)
		await seen(page.getByRole('heading', { name: '收到的报价（2）' }))
		const compare = page.getByRole('region', { name: '报价比较' })
		const comparison = await compare.innerText()
		expect(comparison).toContain(lessorA.orgName)
		expect(comparison).toContain(lessorB.orgName)
		// Columns follow the header; find each lessor's, then read its effective annual cost.
		const lessors = (await compare.getByRole('columnheader').allInnerTexts()).slice(1)
		const colA = lessors.findIndex((h) => h.includes(lessorA.orgName))
		const colB = lessors.findIndex((h) => h.includes(lessorB.orgName))
		expect(colA).toBeGreaterThanOrEqual(0)
		expect(colB).toBeGreaterThanOrEqual(0)
		const effective = compare.getByRole('row').filter({ hasText: '实际年化成本' })
		const cells = await effective.getByRole('cell').allInnerTexts()
		expect(cells).toHaveLength(2)
		const rate = (cell: string) => Number(/([\d.]+)\s*%/.exec(cell)![1])
		expect(rate(cells[colA]!)).toBeLessThan(rate(cells[colB]!))
		expect(rate(cells[colA]!)).toBeGreaterThan(4.5)
		expect(cells[colA]).toContain('最优')
		expect(cells[colB]).not.toContain('最优')

		// Accept A: A shows accepted, B declined — for the buyer and for lessor B.
		const offers = page.getByRole('region', { name: /收到的报价/ })
		const offerA = offers.getByRole('article', { name: new RegExp(lessorA.orgName) })
		const offerB = offers.getByRole('article', { name: new RegExp(lessorB.orgName) })
		await offerA.getByText(/查看完整还款计划/).click()
		await seen(offerA.getByRole('table'))
		await offerA.getByRole('button', { name: '接受此报价' }).click()
		await page.waitForURL(/done=accept/)
		await seen(page.getByRole('status').filter({ hasText: '已接受报价' }))
		await seen(offerA.getByText('已接受', { exact: true }))
		await seen(offerB.getByText('已婉拒', { exact: true }))
		expect(await page.getByRole('button', { name: '接受此报价' }).count()).toBe(0)

		await lessorB.page.goto(`${baseURL}/workspace/leasing`)
		const myOffersB = lessorB.page.getByRole('region', { name: '我的报价' })
		const rowB = myOffersB.getByRole('row').filter({ has: lessorB.page.getByRole('link', { name: demandTitle }) })
		await seen(rowB.getByText('已婉拒'))
		await lessorA.page.goto(`${baseURL}/workspace/leasing`)
		const rowA = lessorA.page
			.getByRole('region', { name: '我的报价' })
			.getByRole('row')
			.filter({ has: lessorA.page.getByRole('link', { name: demandTitle }) })
		await seen(rowA.getByText('已接受'))

		// The comparison in English, from the header's link.
		await page.getByRole('link', { name: 'English' }).first().click()
		await page.waitForURL(/lang=en/)
		await expect.poll(() => page.locator('html').getAttribute('lang'), POLL).toBe('en')
		await seen(page.getByRole('region', { name: 'Compare offers' }))
		const english = await mainText(page)
		expect(english).toContain('Effective annual cost')
		expect(english).toContain('Accepted')
		expect(english).toContain('Declined')

		expect([...admin.errors, ...lessorA.errors, ...lessorB.errors, ...buyer.errors]).toEqual([])
		await Promise.all([admin.context.close(), lessorA.context.close(), lessorB.context.close(), buyer.context.close()])
	}, 150_000)
})
