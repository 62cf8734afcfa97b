import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ensureMasterKey, startMeilisearch } from '../../app/search/meili-process.server.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		meili: { url: string; masterKey: string; dataDir: string }
	}
}

/** One real Meilisearch for the whole run, on a free port in a temp dir; each test file uses its own index prefix. */
export default async function setup(project: TestProject) {
	const dataDir = mkdtempSync(join(tmpdir(), 'rm-meili-'))
	const masterKey = ensureMasterKey(dataDir)
	const meili = await startMeilisearch({ dataDir, masterKey })
	project.provide('meili', { url: meili.url, masterKey, dataDir })
	return async () => {
		await meili.stop()
		rmSync(dataDir, { recursive: true, force: true })
	}
}
