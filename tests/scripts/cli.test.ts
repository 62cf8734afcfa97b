import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createSearch, type Search } from '#app/search/client.server.ts'

/**
 * The real CLIs as child processes (`npx tsx scripts/….ts`), against a temp DATA_DIR and the run's
 * Meilisearch under an index prefix of their own: exit codes, what they print, what they leave behind.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import')

type Run = { code: number | null; stdout: string; stderr: string }

const prefix = `t${randomBytes(5).toString('hex')}`
const dirs: string[] = []
let search: Search

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'rm-cli-'))
	dirs.push(dir)
	return dir
}

function run(script: string, args: string[], dataDir: string): Promise<Run> {
	const meili = inject('meili')
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATA_DIR: dataDir,
		MEILI_URL: meili.url,
		MEILI_MASTER_KEY: meili.masterKey,
		MEILI_INDEX_PREFIX: prefix,
		NODE_ENV: 'test',
		SEED_DEMO: 'never',
	}
	delete env.DEBUG
	delete env.VITEST
	return new Promise((resolve, reject) => {
		const child = spawn('npx', ['tsx', join('scripts', script), ...args], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let stdout = ''
		let stderr = ''
		child.stdout.on('data', (d) => (stdout += String(d)))
		child.stderr.on('data', (d) => (stderr += String(d)))
		const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
		child.on('error', reject)
		child.on('close', (code) => {
			clearTimeout(timer)
			resolve({ code, stdout, stderr })
		})
	})
}

function counts(dataDir: string): Record<string, number> {
	const db = new Database(join(dataDir, 'renewmatch.sqlite'), { readonly: true })
	try {
		const n = (t: string) => (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n
		return {
			organization: n('organization'),
			product: n('product'),
			leasing_program: n('leasing_program'),
			demand: n('demand'),
			search_outbox: n('search_outbox'),
			pending: (db.prepare("select count(*) as n from search_outbox where status = 'pending'").get() as { n: number })
				.n,
		}
	} finally {
		db.close()
	}
}

beforeAll(async () => {
	const meili = inject('meili')
	search = await createSearch({ url: meili.url, masterKey: meili.masterKey, prefix })
})

afterAll(async () => {
	const { results } = await search.client.getIndexes({ limit: 1000 })
	await Promise.all(
		results.filter((i) => i.uid.startsWith(`${prefix}_`)).map((i) => search.client.deleteIndex(i.uid).waitTask()),
	)
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('--help', () => {
	it.each(['import.ts', 'export.ts', 'reindex.ts'])('%s prints its usage and starts nothing', async (script) => {
		const dataDir = join(tempDir(), 'never-created')
		const result = await run(script, ['--help'], dataDir)
		expect(result.code).toBe(0)
		expect(result.stdout).toMatch(/^Usage: npm run -s (import|export|reindex)/)
		expect(existsSync(dataDir)).toBe(false)
	})

	it('refuses unknown options with the usage and exit 2', async () => {
		const result = await run('import.ts', ['--frobnicate', 'x.json'], join(tempDir(), 'never-created'))
		expect(result.code).toBe(2)
		expect(result.stderr).toContain('Usage:')
	})
})

describe('import, export, reindex on one DATA_DIR', () => {
	const dataDir = tempDir()

	it('imports a good exchange file: counts printed, search index filled, exit 0', async () => {
		const result = await run('import.ts', [join(FIXTURES, 'good.json')], dataDir)
		expect(result.stderr).not.toMatch(/error/i)
		expect(result.code).toBe(0)
		expect(result.stdout).toContain('organizations: 4 created, 0 updated, 0 unchanged')
		expect(result.stdout).toContain('products: 3 created, 0 updated, 0 unchanged')
		expect(result.stdout).toContain('leasingPrograms: 1 created, 0 updated, 0 unchanged')
		expect(result.stdout).toContain('demands: 1 created, 0 updated, 0 unchanged')
		expect(result.stdout).toMatch(
			/^import: 9 records created or updated, 0 unchanged; search index: \d+ changes pushed(; matches computed for \d+ demands)? \(.+\)$/m,
		)
		expect(counts(dataDir)).toMatchObject({ organization: 4, product: 3, leasing_program: 1, demand: 1, pending: 0 })
		const stats = await search.client.index(search.indexName('products')).getStats()
		expect(stats.numberOfDocuments).toBe(3)
	})

	it('imports the same file again as unchanged', async () => {
		const before = counts(dataDir)
		const result = await run('import.ts', [join(FIXTURES, 'good.json')], dataDir)
		expect(result.code).toBe(0)
		expect(result.stdout).toContain('products: 0 created, 0 updated, 3 unchanged')
		expect(counts(dataDir)).toEqual(before)
	})

	it('imports a CSV sheet with --org, and names sheet rows in errors', async () => {
		const ok = await run('import.ts', [join(FIXTURES, 'products-noorg.csv'), '--org', 'org-motors'], dataDir)
		expect(ok.code).toBe(0)
		expect(ok.stdout).toContain('products: 2 created, 0 updated, 0 unchanged')

		const missingOrg = await run('import.ts', [join(FIXTURES, 'products-noorg.csv')], dataDir)
		expect(missingOrg.code).toBe(1)
		expect(missingOrg.stderr).toContain('--org')

		// Rows pass the sheet's own checks, but the organization does not supply: found at import, told by row.
		const wrongRole = await run('import.ts', [join(FIXTURES, 'products-noorg.csv'), '--org', 'org-pharma'], dataDir)
		expect(wrongRole.code).toBe(1)
		expect(wrongRole.stderr).toContain('第 2 行 (row 2) [org]')
		expect(wrongRole.stderr).toContain('第 3 行 (row 3) [org]')

		const bad = await run('import.ts', [join(FIXTURES, 'products-bad.csv')], dataDir)
		expect(bad.code).toBe(1)
		expect(bad.stderr).toContain('第 3 行 (row 3) [类别(category)]')
		expect(bad.stderr).toMatch(/import refused: 9 errors/)
		expect(counts(dataDir).product).toBe(5)
	})

	it('exports the catalogue to a file and to stdout, and the export imports back unchanged', async () => {
		const file = join(dataDir, 'backup.json')
		const toFile = await run('export.ts', [file], dataDir)
		expect(toFile.code).toBe(0)
		expect(toFile.stdout).toMatch(/^export: 4 organizations, 5 products, 1 leasingPrograms, 1 demands → /m)
		const doc = JSON.parse(readFileSync(file, 'utf8'))
		expect(doc.version).toBe(1)
		expect(doc.products.map((p: { ref: string }) => p.ref)).toEqual([
			'p-robot-20',
			'p-motor-ie4',
			's-energy-audit',
			'noorg-1',
			'noorg-2',
		])
		expect(doc.organizations[0].contact.person).toBe('王工')

		const toStdout = await run('export.ts', ['-'], dataDir)
		expect(toStdout.code).toBe(0)
		expect(JSON.parse(toStdout.stdout)).toEqual(doc)
		expect(toStdout.stderr).toContain('export: ')

		const again = await run('import.ts', [file], dataDir)
		expect(again.code).toBe(0)
		expect(again.stdout).toContain('organizations: 0 created, 0 updated, 4 unchanged')
		expect(again.stdout).toContain('products: 0 created, 0 updated, 5 unchanged')

		const sheet = join(dataDir, 'products.xlsx')
		const asSheet = await run('export.ts', [sheet, '--org', 'org-motors'], dataDir)
		expect(asSheet.code).toBe(0)
		const sheetBack = await run('import.ts', [sheet], dataDir)
		expect(sheetBack.code).toBe(0)
		expect(sheetBack.stdout).toContain('products: 0 created, 0 updated, 4 unchanged')
	})

	it('rebuilds the search index', async () => {
		const result = await run('reindex.ts', [], dataDir)
		expect(result.code).toBe(0)
		expect(result.stdout).toMatch(/^reindex: rebuilt /m)
		const stats = await search.client.index(search.indexName('products')).getStats()
		expect(stats.numberOfDocuments).toBe(5)
	})
})

describe('a bad file', () => {
	it('exits 1 with every error listed and leaves the database empty', async () => {
		const dataDir = tempDir()
		const result = await run('import.ts', [join(FIXTURES, 'bad.json')], dataDir)
		expect(result.code).toBe(1)
		for (const path of [
			'version',
			'organizations[0].uscc',
			'organizations[2].ref',
			'products[0].category',
			'products[1].org',
			'products[2].priceMin',
			'products[3].name',
			'products[4].ref',
			'products[4].org',
			'products[4].priceMax',
		]) {
			expect(result.stderr.split('\n').some((line) => line.startsWith(`${path}: `))).toBe(true)
		}
		expect(result.stderr).toContain('import refused: 10 errors')
		expect(result.stdout).toBe('')
		expect(counts(dataDir)).toEqual({
			organization: 0,
			product: 0,
			leasing_program: 0,
			demand: 0,
			search_outbox: 0,
			pending: 0,
		})
	})

	it('exits 1 on a missing file and on invalid JSON', async () => {
		const dataDir = tempDir()
		const missing = await run('import.ts', [join(dataDir, 'nope.json')], dataDir)
		expect(missing.code).toBe(1)
		expect(missing.stderr).toMatch(/^error: cannot read .*nope\.json/m)
		expect(missing.stderr).not.toMatch(/\bat .*\.ts:\d+/)

		const broken = await run('import.ts', [join(FIXTURES, 'broken.json')], dataDir)
		expect(broken.code).toBe(1)
		expect(broken.stderr).toMatch(/^\$: 不是有效的 JSON \(invalid JSON\)/m)
		expect(counts(dataDir).organization).toBe(0)
	})
})

describe('backup and restore (R46)', () => {
	it('backs up a DATA_DIR, restores it into another, and refuses a file that is not a database', async () => {
		const source = tempDir()
		expect((await run('import.ts', [join(FIXTURES, 'good.json')], source)).code).toBe(0)
		const file = join(source, 'copy.sqlite')
		const backup = await run('backup.ts', [file], source)
		expect(backup.code).toBe(0)
		expect(backup.stdout).toMatch(/integrity ok; \d+ organization/)

		const target = tempDir()
		const restore = await run('restore.ts', [file], target)
		expect(restore.code).toBe(0)
		const db = new Database(join(target, 'renewmatch.sqlite'), { readonly: true })
		const source_ = new Database(join(source, 'renewmatch.sqlite'), { readonly: true })
		try {
			const n = (d: Database.Database) => (d.prepare('select count(*) as n from product').get() as { n: number }).n
			expect(n(db)).toBe(n(source_))
			expect(n(db)).toBeGreaterThan(0)
		} finally {
			db.close()
			source_.close()
		}

		const junk = await run('restore.ts', [join(FIXTURES, 'good.json')], tempDir())
		expect(junk.code).toBe(1)
		expect(junk.stderr).toMatch(/not a usable database/)
		const usage = await run('backup.ts', [], source)
		expect(usage.code).toBe(2)
	})
})
