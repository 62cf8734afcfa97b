import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './setup/browser.ts'
import {
	addAndSubmitProduct,
	adminActor,
	chinaDate,
	fillDemandForm,
	mainText,
	POLL,
	matchScores,
	publishProduct,
	seen,
	uniqueSuffix,
	verifiedOrgActor,
	waitForSearchHit,
} from './setup/helpers.ts'

/**
 * The demand journey: "a buyer can go from a blank form to a won quote, and a maker from a
 * notification to a sent quote". The maker is one we control — signed up, verified, with a
 * published 75 kW grade-1 compressor — so the buyer's demand for two such machines matches it.
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

describe('demand journey (JavaScript on)', () => {
	it('blank form → published demand → ranked matches → shortlist → inquiry → maker quotes → buyer picks it → closed', async () => {
		const id = uniqueSuffix()
		const productName = `泰达永磁变频螺杆空压机75kW-E2E${id}`
		const demandTitle = `更换 2 台 75kW 空压机（E2E ${id}）`
		const admin = await adminActor(browser, baseURL, dataDir)

		// The maker: verified, with a published grade-1 75 kW compressor the search already finds.
		const maker = await verifiedOrgActor(browser, baseURL, admin.page, {
			email: `maker-${id}@e2e.example.com`,
			person: '周工',
			orgName: `天津泰达节能压缩机测试有限公司${id}`,
			roles: ['供给方'],
		})
		await addAndSubmitProduct(maker.page, baseURL, {
			name: productName,
			category: '空压机',
			energyGrade: 1,
			model: 'TDV-75E2E',
			brand: '泰达节能',
			description: '永磁同步变频螺杆空气压缩机，额定功率 75 kW，排气压力 0.8 MPa，一级能效，适合工厂集中供气改造。',
			specs: [
				['额定功率', '75 kW'],
				['排气压力', '0.8 MPa'],
			],
			priceMin: 250000,
			priceMax: 300000,
			leadTimeDays: 30,
		})
		await publishProduct(admin.page, baseURL, productName)
		await waitForSearchHit(maker.page, baseURL, productName, productName)

		// The buyer: verified, fills the blank demand form and keeps it as a draft first.
		const buyer = await verifiedOrgActor(browser, baseURL, admin.page, {
			email: `buyer-${id}@e2e.example.com`,
			person: '孙经理',
			orgName: `天津泰达汽车零部件测试有限公司${id}`,
			roles: ['需求方'],
		})
		const { page } = buyer
		await fillDemandForm(page, baseURL, {
			title: demandTitle,
			category: '空压机',
			quantity: 2,
			keySpecs: '额定功率: 75 kW\n排气压力: 0.8 MPa',
			energyFloor: '1级（最优）',
			neededBy: chinaDate(120),
			financing: '不需要',
			budgetWan: [50, 65],
			preferInZone: true,
			old: { name: '工频螺杆空压机', installedYear: 2009, quantity: 2, energyGrade: 3, annualKwh: 620000 },
			domain: '工业',
			description:
				'焊装车间两台 2009 年安装的工频螺杆空压机能耗高、故障多，计划更换为一级能效永磁变频空压机，含安装调试与旧机拆除。',
		})
		await page.getByRole('button', { name: '保存草稿' }).click()
		await page.waitForURL(/\/demands\/\d+\?done=created/)
		const demandUrl = page.url().replace(/\?.*$/, '')
		await seen(page.getByRole('status').filter({ hasText: '需求已保存为草稿' }))
		await seen(page.getByRole('status').filter({ hasText: '这是草稿' }))

		// Published from its page; the matches arrive ranked, each with its reasons.
		await page.getByRole('button', { name: '发布需求' }).click()
		await page.waitForURL(/done=publish/)
		await seen(page.getByRole('status').filter({ hasText: '需求已发布' }))
		const matches = page.getByRole('region', { name: '匹配的供应商产品' })
		const ours = matches.getByRole('article').filter({ has: page.getByRole('heading', { name: productName }) })
		await expect
			.poll(
				async () => {
					if ((await ours.count()) > 0) return true
					await page.goto(demandUrl)
					return (await ours.count()) > 0
				},
				{ timeout: 15_000, interval: 1_000 },
			)
			.toBe(true)
		// The maker sees the new demand among its opportunities.
		// 商机 come from the demands index, which the outbox relay updates a moment after publishing.
		const opportunity = maker.page.getByRole('main').getByText(demandTitle).first()
		await expect
			.poll(
				async () => {
					await maker.page.goto(`${baseURL}/workspace/opportunities`)
					return opportunity.isVisible()
				},
				{ timeout: 20_000, interval: 1_000 },
			)
			.toBe(true)

		const scores = await matchScores(page)
		expect(scores.length).toBeGreaterThan(0)
		expect(scores).toEqual([...scores].sort((a, b) => b - a))
		const reasons = await ours.getByRole('list', { name: '匹配理由' }).innerText()
		expect(reasons).toMatch(/空压机/)
		expect(reasons).toMatch(/能效/)
		expect(await ours.innerText()).toContain(maker.orgName)
		expect(await ours.innerText()).toContain('推荐')

		// Shortlist it, then ask it for a quote.
		await ours.getByRole('button', { name: '加入候选' }).click()
		await page.waitForURL(/done=shortlist/)
		await seen(ours.getByText('已入候选'))
		const inquiry = page.getByRole('region', { name: '向供应商询价' })
		const pick = inquiry.getByRole('checkbox', { name: new RegExp(maker.orgName) })
		expect(await pick.isChecked()).toBe(true)
		await inquiry.getByLabel('询价说明').fill('请报含安装调试和旧机拆除的价格，并说明质保期。')
		expect(await inquiry.getByLabel('数量').inputValue()).toBe('2')
		await inquiry.getByLabel('希望交货日期').fill(chinaDate(90))
		await inquiry.getByRole('button', { name: '发送询价' }).click()
		await page.waitForURL(/done=inquire/)
		await seen(page.getByRole('status').filter({ hasText: '询价已发送' }))
		await seen(ours.getByText('已询价', { exact: true }))

		// The maker: the notification leads to the inquiry; the quote goes out.
		await maker.page.goto(`${baseURL}/notifications`)
		const note = maker.page.getByRole('listitem').filter({ hasText: `收到询价：${demandTitle}` })
		await seen(note)
		expect(await note.innerText()).toContain(productName)
		await note.getByRole('link', { name: '查看' }).click()
		await maker.page.waitForURL(/\/workspace\/inquiries\/\d+/)
		const inquiryUrl = maker.page.url()
		await expect.poll(() => maker.page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe(demandTitle)
		expect(await maker.page.getByRole('region', { name: '询价', exact: true }).innerText()).toContain('旧机拆除')
		const quote = maker.page.getByRole('region', { name: '报价', exact: true })
		await quote.getByLabel('单价（元）').fill('280000')
		await quote.getByLabel('总价（元）').fill('560000')
		await quote.getByLabel('交货日期').fill(chinaDate(60))
		await quote.getByLabel('报价有效期至').fill(chinaDate(30))
		await quote.getByLabel('备注').fill('含税含运输、安装调试和旧机拆除，整机质保 2 年。')
		await quote.getByRole('button', { name: '发送报价' }).click()
		await maker.page.waitForURL(/done=quote/)
		await seen(maker.page.getByRole('status').filter({ hasText: '报价已发送' }))
		await seen(maker.page.getByRole('region', { name: '您的报价' }).getByText('560,000', { exact: false }))

		// The buyer compares the quotes and picks this one: the demand closes.
		await page.goto(demandUrl)
		const compare = page.getByRole('region', { name: '报价对比' })
		await seen(compare.getByRole('table'))
		const table = await compare.getByRole('table').innerText()
		expect(table).toContain(maker.orgName)
		expect(table).toContain('560,000')
		expect(table).toContain('质保 2 年')
		await compare.getByRole('button', { name: '选定此报价' }).click()
		await page.waitForURL(/done=won/)
		await seen(page.getByRole('status').filter({ hasText: '已选定报价，需求已关闭' }))
		await seen(page.getByRole('status').filter({ hasText: '该需求已关闭（已选定供应商）' }))
		expect(await compare.getByRole('button', { name: '选定此报价' }).count()).toBe(0)
		await seen(compare.getByText('中选', { exact: true }).first())
		// Once the inquiry was answered, the buyer sees the maker's contact.
		expect(await ours.innerText()).toContain('022-66290000')

		// The maker hears it won.
		await maker.page.goto(`${baseURL}/notifications`)
		await seen(maker.page.getByRole('listitem').filter({ hasText: `您的报价已中选：${demandTitle}` }))
		await maker.page.goto(`${baseURL}/workspace/inquiries`)
		const received = maker.page
			.getByRole('listitem')
			.filter({ has: maker.page.getByRole('link', { name: demandTitle }) })
		await seen(received.getByText('中选', { exact: true }))
		await received.getByRole('link', { name: demandTitle }).click()
		await maker.page.waitForURL(inquiryUrl)
		await seen(maker.page.getByRole('region', { name: '您的报价' }))

		// My demands lists it closed; the same page in English via the header's link.
		await page.goto(`${baseURL}/my/demands`)
		const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: demandTitle }) })
		await seen(row.getByText('已关闭'))
		await page.goto(demandUrl)
		await page.getByRole('link', { name: 'English' }).first().click()
		await page.waitForURL(/lang=en/)
		await expect.poll(() => page.locator('html').getAttribute('lang'), POLL).toBe('en')
		await seen(page.getByRole('region', { name: 'Compare quotes' }))
		await seen(page.getByRole('region', { name: 'Matching products' }))
		expect(await mainText(page)).toContain('Supplier chosen')

		expect([...admin.errors, ...maker.errors, ...buyer.errors]).toEqual([])
		await Promise.all([admin.context.close(), maker.context.close(), buyer.context.close()])
	}, 150_000)
})
