import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core'

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls). */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-quic',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	})
}

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }
export const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true }
