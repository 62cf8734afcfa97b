import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './setup/browser.ts'
import {
	addAndSubmitProduct,
	adminActor,
	mainText,
	POLL,
	newActor,
	PASSWORD,
	pathOf,
	publishProduct,
	registerOrganization,
	seen,
	signUp,
	uniqueSuffix,
	verifyOrganization,
	waitForSearchHit,
} from './setup/helpers.ts'

/**
 * The accounts journey: a maker signs up, registers its company (pending until the zone verifies
 * it), the zone administrator — created with the CLI, forced to choose a password — verifies it,
 * the maker lists a product and submits it, the administrator publishes it, and anyone finds it
 * by search. Logging out ends the session. The sign-up/log-in steps also run without JavaScript.
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

/** The names on the result cards of a directory page (products or suppliers). */
async function cardNames(page: Page): Promise<string[]> {
	const names = await page.getByRole('main').getByRole('article').getByRole('heading').allInnerTexts()
	return names.map((n) => n.trim())
}

describe('accounts journey (JavaScript on)', () => {
	it('sign-up → organization pending → admin verifies → product submitted → approved → found by search → log out', async () => {
		const id = uniqueSuffix()
		const email = `maker-${id}@e2e.example.com`
		const orgName = `天津泰达测试压缩机制造有限公司${id}`
		const productName = `测试用永磁变频空压机E2E${id}`

		// The maker signs up and registers the company: pending, with the note saying why.
		const maker = await newActor(browser)
		await signUp(maker.page, baseURL, { email, name: '李工' })
		await registerOrganization(maker.page, baseURL, { name: orgName, roles: ['供给方'] })
		const org = maker.page.getByRole('region', { name: '所属企业' })
		await seen(org.getByText(orgName))
		await seen(org.getByText('待审核', { exact: true }))
		expect(await org.innerText()).toContain('等待园区管理员审核')
		// A pending company is not in the public directory yet.
		await maker.page.goto(`${baseURL}/suppliers?q=${encodeURIComponent(orgName)}`)
		expect(await cardNames(maker.page)).not.toContain(orgName)

		// The zone administrator, created with the CLI, verifies it.
		const admin = await adminActor(browser, baseURL, dataDir)
		await verifyOrganization(admin.page, baseURL, orgName)
		await maker.page.goto(`${baseURL}/account`)
		await seen(maker.page.getByRole('region', { name: '所属企业' }).getByText('已认证', { exact: true }))

		// The maker lists a product and submits it; it is not searchable while pending.
		await addAndSubmitProduct(maker.page, baseURL, {
			name: productName,
			category: '空压机',
			energyGrade: 1,
			model: 'TD-PM75E2E',
			brand: '泰达压缩',
			description: '永磁同步变频螺杆空气压缩机，75 kW，适用于汽车零部件车间集中供气，较工频机型节能约 30%。',
			specs: [
				['额定功率', '75 kW'],
				['排气压力', '0.8 MPa'],
			],
			priceMin: 260000,
			priceMax: 320000,
			leadTimeDays: 30,
			tags: '永磁变频, 节能',
		})
		await seen(maker.page.getByText('待审核', { exact: true }).first())
		const visitor = await newActor(browser)
		await visitor.page.goto(`${baseURL}/products?q=${encodeURIComponent(productName)}`)
		expect(await cardNames(visitor.page)).not.toContain(productName)

		// The administrator publishes it; within seconds anyone finds it by its name.
		await publishProduct(admin.page, baseURL, productName)
		await waitForSearchHit(visitor.page, baseURL, productName, productName)
		const card = visitor.page
			.getByRole('region', { name: /搜索结果/ })
			.getByRole('article')
			.filter({ has: visitor.page.getByRole('heading', { name: productName }) })
		expect(await card.innerText()).toContain('1级能效')
		await card.getByRole('heading').getByRole('link').click()
		await visitor.page.waitForURL(/\/products\/\d+/)
		await expect.poll(() => visitor.page.getByRole('heading', { level: 1 }).innerText(), POLL).toContain(productName)
		const productPage = await mainText(visitor.page)
		expect(productPage).toContain(orgName)
		expect(productPage).toContain('0.8 MPa')
		// The private contact given at registration is not on the public page.
		expect(productPage).not.toContain('022-66290000')

		// The same page in English, from the header's link.
		await visitor.page.getByRole('link', { name: 'English' }).first().click()
		await visitor.page.waitForURL(/lang=en/)
		await expect.poll(() => visitor.page.locator('html').getAttribute('lang'), POLL).toBe('en')
		await expect.poll(() => mainText(visitor.page), POLL).toContain('Specifications')
		expect(await visitor.page.getByRole('heading', { level: 1 }).innerText()).toContain(productName)

		// Logging out ends the session: the workspace asks for a login again.
		await maker.page.goto(`${baseURL}/account`)
		await maker.page.getByRole('button', { name: '退出登录' }).click()
		await maker.page.waitForURL(`${baseURL}/`)
		await seen(maker.page.getByRole('link', { name: '登录' }).first())
		await maker.page.goto(`${baseURL}/workspace`)
		await maker.page.waitForURL(/\/login\?redirectTo=%2Fworkspace/)
		await expect.poll(() => maker.page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('登录焕新撮合')

		expect([...maker.errors, ...admin.errors, ...visitor.errors]).toEqual([])
		await Promise.all([maker.context.close(), admin.context.close(), visitor.context.close()])
	})
})

describe('accounts journey (JavaScript off)', () => {
	it('sign-up → organization pending → log out → a wrong password is refused → log in (in English)', async () => {
		const id = uniqueSuffix()
		const email = `buyer-nojs-${id}@e2e.example.com`
		const orgName = `天津泰达无脚本测试制造有限公司${id}`
		const person = await newActor(browser, { javaScriptEnabled: false })
		const { page } = person

		await signUp(page, baseURL, { email, name: '赵工' })
		await registerOrganization(page, baseURL, { name: orgName, roles: ['需求方'], area: '南港工业区' })
		const org = page.getByRole('region', { name: '所属企业' })
		await seen(org.getByText(orgName))
		await seen(org.getByText('待审核', { exact: true }))

		// A second registration is not offered: /org/new sends the owner back to the account.
		await page.goto(`${baseURL}/org/new`)
		await page.waitForURL(/\/account$/)

		await page.getByRole('button', { name: '退出登录' }).click()
		await page.waitForURL(`${baseURL}/`)
		await page.goto(`${baseURL}/account`)
		await page.waitForURL(/\/login\?redirectTo=%2Faccount/)

		// A wrong password is refused with a message, not a blank page.
		await page.getByLabel('手机号或邮箱').fill(email)
		await page.getByLabel('密码', { exact: true }).fill('不是这个密码-E2E-0000')
		await page.getByRole('button', { name: '登录', exact: true }).click()
		await seen(page.getByRole('alert').filter({ hasText: '账号或密码不正确' }))

		// The login again, in English this time.
		await page.goto(`${baseURL}/login?lang=en`)
		expect(await page.locator('html').getAttribute('lang')).toBe('en')
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Log in to RenewMatch')
		await page.getByLabel('Mobile number or email').fill(email)
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
		await page.getByRole('button', { name: 'Log in', exact: true }).click()
		await page.waitForURL(/\/account$/)
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('My account')
		expect(await page.getByRole('region', { name: 'Organization' }).innerText()).toContain(orgName)
		expect(pathOf(page)).toBe('/account')
		await person.context.close()
	})
})
