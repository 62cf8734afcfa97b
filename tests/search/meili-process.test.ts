import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureMasterKey, startMeilisearch, type MeiliHandle } from '#app/search/meili-process.server.ts'

const dirs: string[] = []
const started: MeiliHandle[] = []
afterAll(async () => {
	for (const m of started) await m.stop()
	for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the bundled Meilisearch', () => {
	it('starts with a master key that begins with a dash, and enforces it', async () => {
		// One generated key in 64 starts with '-'; passed on the command line it read as a flag.
		const dir = mkdtempSync(join(tmpdir(), 'rm-meili-dash-'))
		dirs.push(dir)
		writeFileSync(join(dir, 'meili-master-key'), '-Kdash-key-for-the-test-0123456789\n', { mode: 0o600 })
		const masterKey = ensureMasterKey(dir)
		expect(masterKey.startsWith('-')).toBe(true)
		const meili = await startMeilisearch({ dataDir: dir, masterKey })
		started.push(meili)
		expect((await fetch(`${meili.url}/health`)).ok).toBe(true)
		expect((await fetch(`${meili.url}/indexes`)).status).toBe(401)
		const authorised = await fetch(`${meili.url}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } })
		expect(authorised.status).toBe(200)
	})
})
