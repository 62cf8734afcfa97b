import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { completeUscc } from '../../../app/models/uscc.ts'
import { desktop } from './browser.ts'

/**
 * The steps every journey shares, done the way a person does them: sign up, register an
 * organization, log in, and the zone administrator's part (created with the CLI, first login,
 * verifying organizations and publishing products). Each actor gets a browser context of its own,
 * so several people act on one server side by side without logging in and out.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..')
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** A short suffix that keeps names, emails and codes apart between journeys and runs. */
export function uniqueSuffix(): string {
	return `${Date.now().toString(36).slice(-5)}${randomInt(36 ** 3)
		.toString(36)
		.padStart(3, '0')}`
}

/** A fresh, valid unified social credit code (91 = enterprise, 120116 = 滨海新区). */
export function newUscc(): string {
	let body = '91120116'
	for (let i = 0; i < 9; i++) body += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)]
	return completeUscc(body)
}

/** For expect.poll: the machine is shared and slow at times; a person would wait this long too. */
export const POLL = { timeout: 15_000, interval: 100 }

/** A password no list of common passwords holds. */
export const PASSWORD = '焕新撮合-E2E-测试口令-2024'

export type Actor = { context: BrowserContext; page: Page; errors: string[] }

/** A browser context for one person, collecting uncaught page errors for the final assertion. */
export async function newActor(
	browser: Browser,
	options: BrowserContextOptions & { javaScriptEnabled?: boolean } = {},
): Promise<Actor> {
	const context = await browser.newContext({ ...desktop, ...options })
	context.setDefaultTimeout(20_000)
	context.setDefaultNavigationTimeout(30_000)
	const page = await context.newPage()
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(e.message))
	return { context, page, errors }
}

/** Waits until a person can see the element (Playwright's auto-wait); fails after the context timeout. */
export async function seen(locator: Locator): Promise<void> {
	await locator.waitFor({ state: 'visible' })
}

/** Pathname (and query) of the page, for assertions on where a person landed. */
export function pathOf(page: Page): string {
	const url = new URL(page.url())
	return `${url.pathname}${url.search}`
}

/** /signup → the account exists and the person is signed in, on /org/new. */
export async function signUp(
	page: Page,
	baseURL: string,
	{ email, name, password = PASSWORD }: { email: string; name: string; password?: string },
): Promise<void> {
	await page.goto(`${baseURL}/signup`)
	await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('注册账号')
	await page.getByLabel('手机号或邮箱').fill(email)
	await page.getByLabel('姓名').fill(name)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByLabel('确认密码').fill(password)
	await page.getByRole('button', { name: '注册', exact: true }).click()
	await page.waitForURL(/\/org\/new$/)
}

/** /login with an email and password; lands wherever the server sends the person. */
export async function logIn(page: Page, baseURL: string, email: string, password = PASSWORD): Promise<void> {
	await page.goto(`${baseURL}/login`)
	await page.getByLabel('手机号或邮箱').fill(email)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByRole('button', { name: '登录', exact: true }).click()
	await page.waitForURL((url) => url.pathname !== '/login')
}

export type OrgRoleLabel = '供给方' | '需求方' | '融资租赁'

/** /org/new filled in as a company would; ends on /account with the organization pending. */
export async function registerOrganization(
	page: Page,
	baseURL: string,
	{
		name,
		roles,
		uscc = newUscc(),
		area = '西区',
		industry = '汽车及高端装备',
		contactPerson = '王工',
		contactPhone = '022-66290000',
	}: {
		name: string
		roles: OrgRoleLabel[]
		uscc?: string
		area?: string
		industry?: string
		contactPerson?: string
		contactPhone?: string
	},
): Promise<{ uscc: string }> {
	if (!page.url().endsWith('/org/new')) await page.goto(`${baseURL}/org/new`)
	await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('企业入驻登记')
	await page.getByLabel('企业名称').fill(name)
	await page.getByLabel('统一社会信用代码').fill(uscc)
	for (const role of roles) await page.getByRole('checkbox', { name: new RegExp(`^${role}`) }).check()
	expect(await page.getByRole('checkbox', { name: '企业位于开发区内' }).isChecked()).toBe(true)
	await page.getByLabel('所在区域').selectOption(area)
	await page.getByLabel('主导产业').fill(industry)
	await page.getByLabel('联系人', { exact: true }).fill(contactPerson)
	await page.getByLabel('联系电话').fill(contactPhone)
	await page.getByRole('button', { name: '提交登记' }).click()
	await page.waitForURL(/\/account\?registered=1/)
	return { uscc }
}

/** Runs a project script with tsx against the running server's DATA_DIR, returning stdout. */
function runScript(script: string, args: string[], dataDir: string): Promise<string> {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' }
	delete env.MEILI_URL
	delete env.MEILI_MASTER_KEY
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', script), ...args],
			{ cwd: ROOT, env, timeout: 90_000 },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`${script} failed: ${error.message}\n${stdout}\n${stderr}`))
				else resolve(stdout)
			},
		)
	})
}

/** `admin-create.ts --email …` on the server's data: the one-time password it prints. */
export async function createAdminWithCli(dataDir: string, email: string, name = '园区管理员'): Promise<string> {
	const out = await runScript('admin-create.ts', ['--email', email, '--name', name], dataDir)
	const match = /One-time password:\s*(\S+)/.exec(out)
	if (!match) throw new Error(`no one-time password in admin-create output:\n${out}`)
	return match[1]!
}

/**
 * A zone administrator, from the CLI to a usable session: logs in with the one-time password, is
 * held on /account until choosing a password, chooses one, and can then open /admin.
 */
export async function adminActor(
	browser: Browser,
	baseURL: string,
	dataDir: string,
	email = `admin-${uniqueSuffix()}@e2e.example.com`,
): Promise<Actor & { email: string }> {
	const oneTime = await createAdminWithCli(dataDir, email)
	const actor = await newActor(browser)
	const { page } = actor
	await logIn(page, baseURL, email, oneTime)
	await page.waitForURL(/\/account\?mustChange=1/)
	await seen(page.getByRole('status').filter({ hasText: '一次性密码' }))
	// Until the password is changed, the admin pages send the person back here.
	await page.goto(`${baseURL}/admin`)
	await page.waitForURL(/\/account\?mustChange=1/)
	await page.getByLabel('当前密码').fill(oneTime)
	await page.getByLabel('新密码').fill(PASSWORD)
	await page.getByLabel('确认密码').fill(PASSWORD)
	await page.getByRole('button', { name: '修改密码' }).click()
	await page.waitForURL(/\/account\?changed=1/)
	await page.goto(`${baseURL}/admin`)
	await expect.poll(() => pathOf(page), POLL).toBe('/admin')
	return { ...actor, email }
}

/** /admin/organizations → 通过认证 on the named organization in the queue. */
export async function verifyOrganization(admin: Page, baseURL: string, orgName: string): Promise<void> {
	await admin.goto(`${baseURL}/admin/organizations`)
	const queue = admin.getByRole('region', { name: /待审核企业/ })
	await seen(queue.getByRole('link', { name: orgName }))
	await queue.getByRole('button', { name: `通过「${orgName}」的认证` }).click()
	await admin.waitForURL(/done=approve/)
	await seen(admin.getByRole('status').filter({ hasText: '已通过认证' }))
	expect(await queue.getByRole('link', { name: orgName }).count()).toBe(0)
}

/** /admin/products → 通过并发布 on the named product. */
export async function publishProduct(admin: Page, baseURL: string, productName: string): Promise<void> {
	await admin.goto(`${baseURL}/admin/products`)
	const card = admin.getByRole('article', { name: productName })
	await seen(card.getByText('待审核').first())
	await card.getByRole('button', { name: `通过并发布「${productName}」` }).click()
	await admin.waitForURL(/done=approve/)
	await seen(admin.getByRole('status').filter({ hasText: '已发布' }))
}

export type ProductInput = {
	name: string
	category: string
	energyGrade?: 1 | 2 | 3
	model?: string
	brand?: string
	description?: string
	specs?: Array<[string, string]>
	priceMin?: number
	priceMax?: number
	leadTimeDays?: number
	tags?: string
}

/** /workspace/products/new → saved as a draft → 提交审核; returns the product's workspace URL. */
export async function addAndSubmitProduct(page: Page, baseURL: string, p: ProductInput): Promise<string> {
	await page.goto(`${baseURL}/workspace/products/new`)
	await page.getByLabel('名称', { exact: true }).fill(p.name)
	await page.getByLabel('类别').selectOption({ label: p.category })
	if (p.energyGrade) await page.getByLabel('能效等级').selectOption({ label: `${p.energyGrade} 级` })
	if (p.model) await page.getByLabel('型号').fill(p.model)
	if (p.brand) await page.getByLabel('品牌').fill(p.brand)
	if (p.description) await page.getByLabel('描述').fill(p.description)
	for (const [i, [key, value]] of (p.specs ?? []).entries()) {
		await page.getByLabel(`第 ${i + 1} 行参数名`).fill(key)
		await page.getByLabel(`第 ${i + 1} 行参数值`).fill(value)
	}
	if (p.priceMin !== undefined) await page.getByLabel('最低价（元）').fill(String(p.priceMin))
	if (p.priceMax !== undefined) await page.getByLabel('最高价（元）').fill(String(p.priceMax))
	if (p.leadTimeDays !== undefined) await page.getByLabel('交货期（天）').fill(String(p.leadTimeDays))
	if (p.tags) await page.getByLabel('标签').fill(p.tags)
	await page.getByRole('button', { name: '保存为草稿' }).click()
	await page.waitForURL(/\/workspace\/products\/\d+\?done=created/)
	const editUrl = page.url().replace(/\?.*$/, '')
	await seen(page.getByRole('status').filter({ hasText: '已保存为草稿' }))
	await page.getByRole('button', { name: '提交审核' }).click()
	await page.waitForURL(/done=submitted/)
	await seen(page.getByRole('status').filter({ hasText: '已提交审核' }))
	return editUrl
}

/**
 * Waits until the directory search finds `name` (the outbox relay syncs within a second or two):
 * reloads /products?q=… until a result heading says it, within `timeoutMs`.
 */
export async function waitForSearchHit(page: Page, baseURL: string, q: string, name: string, timeoutMs = 15_000) {
	await expect
		.poll(
			async () => {
				await page.goto(`${baseURL}/products?q=${encodeURIComponent(q)}`)
				const headings = await page
					.getByRole('region', { name: /搜索结果|results/i })
					.getByRole('article')
					.getByRole('heading')
					.allInnerTexts()
				return headings.map((h) => h.trim())
			},
			{ timeout: timeoutMs, interval: 1_000 },
		)
		.toContain(name)
}

/** The whole-page text, for "does a person see X" assertions that span elements. */
export async function mainText(page: Page): Promise<string> {
	return page.locator('main').innerText()
}

/** A date `days` from today in the zone's time (Asia/Shanghai), as a date input takes it (YYYY-MM-DD). */
export function chinaDate(days = 0): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
		new Date(Date.now() + days * 86_400_000),
	)
}

/**
 * A person with an organization the zone has verified: signs up, registers the organization with
 * the given roles, and the administrator (already signed in on `admin`) verifies it.
 */
export async function verifiedOrgActor(
	browser: Browser,
	baseURL: string,
	admin: Page,
	{
		email,
		person,
		orgName,
		roles,
		javaScriptEnabled = true,
	}: { email: string; person: string; orgName: string; roles: OrgRoleLabel[]; javaScriptEnabled?: boolean },
): Promise<Actor & { email: string; orgName: string }> {
	const actor = await newActor(browser, { javaScriptEnabled })
	await signUp(actor.page, baseURL, { email, name: person })
	await registerOrganization(actor.page, baseURL, { name: orgName, roles })
	await verifyOrganization(admin, baseURL, orgName)
	return { ...actor, email, orgName }
}

/** The scores shown on the match cards ("匹配度 87%"), in page order. */
export async function matchScores(page: Page): Promise<number[]> {
	const texts = await page
		.getByRole('region', { name: '匹配的供应商产品' })
		.getByText(/^匹配度 \d+%$/)
		.allInnerTexts()
	return texts.map((s) => Number(/(\d+)%/.exec(s)![1]))
}

export type DemandInput = {
	title: string
	category?: string
	quantity: number
	keySpecs?: string
	energyFloor?: '1级（最优）' | '2级及以上' | '3级及以上'
	neededBy?: string
	financing?: '不需要' | '融资租赁' | '贷款'
	budgetWan?: [number, number]
	preferInZone?: boolean
	old?: { name: string; installedYear: number; quantity: number; energyGrade: number; annualKwh: number }
	domain?: string
	description: string
}

/** Fills /demands/new section by section, as the form groups it; the caller chooses the button. */
export async function fillDemandForm(page: Page, baseURL: string, d: DemandInput): Promise<void> {
	await page.goto(`${baseURL}/demands/new`)
	await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('发布设备更新需求')
	const what = page.getByRole('group', { name: '需要什么设备' })
	if (d.category) await what.getByLabel('设备类别').selectOption({ label: d.category })
	await what.getByLabel('数量').fill(String(d.quantity))
	if (d.keySpecs) await what.getByLabel('关键规格').fill(d.keySpecs)
	if (d.energyFloor) await what.getByLabel('能效等级要求').selectOption({ label: d.energyFloor })
	const when = page.getByRole('group', { name: '时间、预算与融资' })
	if (d.neededBy) await when.getByLabel('需要日期').fill(d.neededBy)
	if (d.financing) await when.getByLabel('融资意向').selectOption({ label: d.financing })
	if (d.budgetWan) {
		await when.getByLabel('预算下限（万元）').fill(String(d.budgetWan[0]))
		await when.getByLabel('预算上限（万元）').fill(String(d.budgetWan[1]))
	}
	if (d.preferInZone) await when.getByLabel('优先考虑区内企业').check()
	if (d.old) {
		const old = page.getByRole('group', { name: '被替换的旧设备' })
		await old.getByLabel('旧设备名称').fill(d.old.name)
		await old.getByLabel('安装年份').fill(String(d.old.installedYear))
		await old.getByLabel('数量').fill(String(d.old.quantity))
		await old.getByLabel('能效等级（1–5）').fill(String(d.old.energyGrade))
		await old.getByLabel('年耗电量（千瓦时）').fill(String(d.old.annualKwh))
	}
	const words = page.getByRole('group', { name: '标题与说明' })
	await words.getByLabel('需求标题').fill(d.title)
	await words.getByLabel('所属领域').selectOption({ label: d.domain ?? '工业' })
	await words.getByLabel('需求说明').fill(d.description)
}
