import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { desktop, launchBrowser, phone } from './setup/browser.ts'

/**
 * The directory journey of the foundation issue, as a person does it: search in Chinese with a
 * synonym, narrow with a facet, open a product, switch to English — with JavaScript on and off.
 */
const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
	browser = await launchBrowser()
})
afterAll(async () => {
	await browser?.close()
})

function results(page: Page) {
	return page.getByRole('region', { name: /搜索结果|results/i })
}

async function resultNames(page: Page): Promise<string[]> {
	return results(page).getByRole('article').getByRole('heading').allInnerTexts()
}

for (const javaScriptEnabled of [true, false]) {
	describe(`directory journey (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
		it('search 空气压缩机 → 1级能效 facet → product page → English', async () => {
			const context = await browser.newContext({ ...desktop, javaScriptEnabled })
			const page = await context.newPage()
			const errors: string[] = []
			page.on('pageerror', (e) => errors.push(e.message))
			await page.goto(`${baseURL}/`)
			await expect(page.getByRole('heading', { level: 1 })).toBeTruthy()

			// The synonym finds 空压机 products although no product says 空气压缩机.
			const search = page.getByRole('search').first()
			await search.getByRole('searchbox').fill('空气压缩机')
			await search.getByRole('button').click()
			await page.waitForURL(/\/products\?.*q=/)
			// The URL changes before a client-side navigation renders: wait for the cards themselves.
			await expect.poll(async () => (await resultNames(page)).some((n) => n.includes('空压机')), { timeout: 15_000 }).toBe(true)

			// Narrow with the energy-grade facet: the URL carries it and every card shows grade 1.
			await page.getByRole('link', { name: /^1级能效/ }).first().click()
			await page.waitForURL(/grade=1/)
			const region = results(page)
			const cards = region.getByRole('article')
			// Read all cards at once, until the filtered page has replaced the previous one.
			await expect
				.poll(
					async () => {
						const texts = await cards.allInnerTexts()
						return texts.length > 0 && texts.every((t) => t.includes('1级能效'))
					},
					{ timeout: 15_000 },
				)
				.toBe(true)

			// Open the first product: specs table and the maker's public card, no private contact.
			const first = cards.first().getByRole('heading')
			const name = (await first.innerText()).trim()
			await first.getByRole('link').click()
			await page.waitForURL(/\/products\/\d+/)
			await expect
				.poll(async () => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 })
				.toContain(name.slice(0, 4))
			expect(await page.getByRole('table').first().innerText()).toMatch(/参数|功率|排气量/)
			expect(await page.locator('body').innerText()).toContain('提供方')
			expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')

			// Switch to English: the page's own labels change and the choice sticks on the next page.
			await page.getByRole('link', { name: 'English' }).first().click()
			await page.waitForURL(/lang=en/)
			await expect.poll(async () => page.locator('body').innerText(), { timeout: 15_000 }).toContain('Specifications')
			expect(await page.locator('html').getAttribute('lang')).toBe('en')
			await page.goto(`${baseURL}/products`)
			expect(await page.locator('html').getAttribute('lang')).toBe('en')
			expect(errors).toEqual([])
			await context.close()
		})
	})
}

describe('directory on a phone', () => {
	it('the home page fits 390 px without horizontal scrolling and the menu opens', async () => {
		const context = await browser.newContext(phone)
		const page = await context.newPage()
		await page.goto(`${baseURL}/`)
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		expect(overflow).toBeLessThanOrEqual(1)
		await context.close()
	})

	it('an empty search suggests categories instead of a blank page', async () => {
		const context = await browser.newContext(desktop)
		const page = await context.newPage()
		const res = await page.goto(`${baseURL}/products?q=${encodeURIComponent('zzqqxxyy')}&grade=9&page=abc`)
		expect(res?.status()).toBe(200)
		expect(await page.locator('main').innerText()).toMatch(/没有找到|没有符合/)
		await context.close()
	})
})
