import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { completeUscc } from '#app/models/uscc.ts'
import { createSearch } from '#app/search/client.server.ts'

/** `npm run -s match -- --demand REF --json` as a child process, on a temp DATA_DIR. */
const ROOT = join(import.meta.dirname, '..', '..')
const prefix = `t${randomBytes(5).toString('hex')}`
let dataDir: string

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'rm-match-cli-'))
	const file = join(dataDir, 'catalogue.json')
	const org = (ref: string, n: number, roles: string[]) => ({
		ref,
		name: `测试企业${n}`,
		uscc: completeUscc(`91120116MA${String(9_000_000 + n)}`),
		roles,
	})
	writeFileSync(
		file,
		JSON.stringify({
			version: 1,
			organizations: [org('o-maker', 1, ['supplier']), org('o-buyer', 2, ['buyer']), org('o-lessor', 3, ['lessor'])],
			products: [
				{
					ref: 'p-75',
					org: 'o-maker',
					kind: 'equipment',
					category: 'compressor',
					name: '永磁变频螺杆空压机 75kW',
					specs: { 额定功率: '75 kW' },
					energyGrade: 1,
					priceMin: 160000,
					priceMax: 190000,
					leadTimeDays: 30,
				},
				{
					ref: 'p-90',
					org: 'o-maker',
					kind: 'equipment',
					category: 'compressor',
					name: '螺杆空压机 90kW',
					specs: { 额定功率: '90 kW' },
					energyGrade: 2,
					priceMin: 170000,
					priceMax: 200000,
					leadTimeDays: 45,
				},
				{
					ref: 'p-old',
					org: 'o-maker',
					kind: 'equipment',
					category: 'compressor',
					name: '工频空压机 75kW',
					specs: { 额定功率: '75 kW' },
					energyGrade: 3,
					priceMin: 90000,
					priceMax: 100000,
				},
			],
			leasingPrograms: [
				{
					ref: 'l-1',
					org: 'o-lessor',
					name: '设备更新直租',
					categories: ['compressor'],
					amountMin: 500000,
					amountMax: 20000000,
					termMonthsMin: 12,
					termMonthsMax: 60,
					rateMin: 0.045,
					rateMax: 0.06,
				},
			],
			demands: [
				{
					ref: 'd-1',
					org: 'o-buyer',
					title: '空压机更新',
					description: '需更换6台老旧75kW空压机，预算约120万元，要求二级及以上能效',
					quantity: 1,
				},
			],
		}),
	)
	const imported = await run('import.ts', [file])
	expect(imported.code, imported.stderr).toBe(0)
}, 120_000)

afterAll(async () => {
	const meili = inject('meili')
	const search = await createSearch({ url: meili.url, masterKey: meili.masterKey, prefix })
	const { results } = await search.client.getIndexes({ limit: 1000 })
	await Promise.all(
		results.filter((i) => i.uid.startsWith(`${prefix}_`)).map((i) => search.client.deleteIndex(i.uid).waitTask()),
	)
	rmSync(dataDir, { recursive: true, force: true })
})

test('--json prints the contract, best first, without the product below the floor', async () => {
	const r = await run('match.ts', ['--demand', 'd-1', '--limit', '5', '--json'])
	expect(r.code, r.stderr).toBe(0)
	const out = JSON.parse(r.stdout) as {
		demand: string
		matches: Array<{ product: string; score: number; reasons: Array<{ factor: string; status: string; text: string }> }>
		leasing: Array<{ program: string; score: number; monthlyPayment: number }>
	}
	expect(out.demand).toBe('d-1')
	expect(out.matches.map((m) => m.product)).toEqual(['p-75', 'p-90'])
	expect(out.matches[0]!.score).toBeGreaterThan(out.matches[1]!.score)
	expect(out.matches[0]!.reasons.map((r) => r.text)).toContain('能效一级，优于您要求的二级（能效要求由需求描述推断）')
	expect(out.leasing[0]).toMatchObject({ program: 'l-1' })
	expect(out.leasing[0]!.monthlyPayment).toBeGreaterThan(0)
}, 60_000)

test('a table without --json; exit 1 with a clear message for an unknown ref', async () => {
	const table = await run('match.ts', ['--demand', 'd-1'])
	expect(table.code).toBe(0)
	expect(table.stdout).toContain('p-75')
	expect(table.stdout).toContain('✓')
	const missing = await run('match.ts', ['--demand', 'nope'])
	expect(missing.code).toBe(1)
	expect(missing.stderr).toContain('no demand with ref "nope"')
}, 60_000)
