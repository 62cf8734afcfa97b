import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
export const SERVER_BUILD = join(ROOT, 'build', 'server', 'index.js')
export const CLIENT_DIR = join(ROOT, 'build', 'client')

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0
	const st = statSync(path)
	if (!st.isDirectory()) return st.mtimeMs
	let newest = st.mtimeMs
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
	return newest
}

/** True when the production build is missing or older than a source it is built from. */
export function buildIsStale(): boolean {
	if (!existsSync(SERVER_BUILD)) return true
	const built = statSync(SERVER_BUILD).mtimeMs
	const sources = ['app', 'db', 'public', 'vite.config.ts', 'package-lock.json'].map((p) => newestMtime(join(ROOT, p)))
	return Math.max(...sources) > built
}

/** Builds the Remix app once when needed, so `npm start` works straight after `npm install`. */
export function ensureBuild(log: (line: string) => void): void {
	if (!buildIsStale()) return
	log('building the web app (vite build)…')
	const started = Date.now()
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js'), 'vite:build'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		// Under vitest (e2e set-up, benchmarks) VITEST is set, and vite.config.ts leaves the Remix plugin out then.
		env: { ...process.env, NODE_ENV: 'production', VITEST: undefined },
	})
	if (result.status !== 0) throw new Error('the web app failed to build (see the errors above)')
	log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
