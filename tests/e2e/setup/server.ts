import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { findFreePort } from '../../../app/search/meili-process.server.ts'
import { ensureBuild } from '../../../scripts/lib/build.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string
		e2eDataDir: string
	}
}

/** The server's environment: ours, without an external Meilisearch (it must start the bundled one). */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
	delete env.MEILI_URL
	delete env.MEILI_MASTER_KEY
	delete env.VITEST
	return env
}

/**
 * Runs `npm start`'s entry point exactly as a person would (fresh DATA_DIR, demo data seeded,
 * bundled Meilisearch) on a free port, and stops it after the run.
 */
export default async function setup(project: TestProject) {
	ensureBuild((line) => console.log(`[e2e] ${line}`))
	const dataDir = mkdtempSync(join(tmpdir(), 'rm-e2e-'))
	const port = await findFreePort()
	const root = join(import.meta.dirname, '..', '..', '..')
	const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'start.ts')], {
		cwd: root,
		env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' }),
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr.on('data', (d: Buffer) => (output += d.toString()))
	const baseURL = `http://127.0.0.1:${port}`
	const deadline = Date.now() + 180_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`)
		try {
			const res = await fetch(`${baseURL}/healthz`)
			if (res.ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`server did not start within 180 s:\n${output}`)
		}
		await new Promise((r) => setTimeout(r, 250))
	}
	project.provide('baseURL', baseURL)
	project.provide('e2eDataDir', dataDir)
	return async () => {
		const exited = new Promise((r) => child.once('exit', r))
		child.kill('SIGTERM')
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
		if (child.exitCode === null) child.kill('SIGKILL')
		rmSync(dataDir, { recursive: true, force: true })
	}
}
