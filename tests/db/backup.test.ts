import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importExchange } from '#app/models/exchange.server.ts'
import { backupDatabase, checkDatabaseFile, checkpointIfLarge, restoreDatabase, walBytes } from '#db/backup.ts'
import { createDb } from '#db/client.ts'
import { generateCatalogue } from '#db/seed/catalogue.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization } from '#tests/helpers/factories.ts'

let ctx: TestContext
const live = () => join(ctx.dataDir, 'test.sqlite')
beforeAll(async () => {
	ctx = await createTestContext()
	expect((await importExchange(ctx.db, generateCatalogue(2000))).ok).toBe(true)
})
afterAll(async () => ctx.cleanup())

async function count(table: 'organization' | 'product'): Promise<number> {
	const row = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	return Number(row.n)
}

describe('online backup and restore (R46)', () => {
	it('copies a consistent database while writes go on, and the restore passes integrity_check with the same counts', async () => {
		const orgsBefore = await count('organization')
		const file = join(ctx.dataDir, 'backup.sqlite')
		let writing = true
		let written = 0
		const writer = (async () => {
			while (writing) {
				await insertOrganization(ctx.db, { name: `备份期间写入的企业 ${written}` })
				written++
				await new Promise((r) => setImmediate(r))
			}
		})()
		const steps: number[] = []
		await backupDatabase(ctx.sqlite, file, (done) => steps.push(done))
		writing = false
		await writer
		expect(written).toBeGreaterThan(0)
		expect(steps.length).toBeGreaterThan(1) // copied in steps, the writer running between them

		const backup = checkDatabaseFile(file)
		expect(backup.integrity).toBe('ok')
		expect(backup.counts.product).toBe(await count('product'))
		expect(backup.counts.organization).toBeGreaterThanOrEqual(orgsBefore)
		expect(backup.counts.organization).toBeLessThanOrEqual(orgsBefore + written)

		const target = join(ctx.dataDir, 'restored', 'renewmatch.sqlite')
		mkdirSync(join(ctx.dataDir, 'restored'))
		writeFileSync(`${target}-wal`, 'a stale journal that must not be replayed')
		const restored = restoreDatabase(file, target)
		expect(restored.counts).toEqual(backup.counts)
		expect(existsSync(`${target}-wal`)).toBe(false)
		const reopened = createDb(target)
		try {
			expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
			const n = reopened.sqlite.prepare('select count(*) as n from organization').get() as { n: number }
			expect(n.n).toBe(backup.counts.organization)
		} finally {
			await reopened.db.destroy()
		}
	})

	it('refuses to restore a file that is not a RenewMatch database, and changes nothing', () => {
		const junk = join(ctx.dataDir, 'junk.sqlite')
		writeFileSync(junk, 'this is not a database')
		const target = join(ctx.dataDir, 'untouched.sqlite')
		writeFileSync(target, 'the current database')
		expect(() => restoreDatabase(junk, target)).toThrow(/not a (usable|RenewMatch) database|cannot be opened/)
		expect(existsSync(target)).toBe(true)
		expect(existsSync(`${target}.${process.pid}.restore`)).toBe(false)
	})
})

describe('WAL upkeep (R47)', () => {
	it('truncates the WAL once it passes the threshold, and leaves a small one alone', async () => {
		// Writes grow the log; SQLite's automatic checkpoints copy pages back but never shrink the file.
		for (let i = 0; i < 200; i++) await insertOrganization(ctx.db, { name: `WAL 增长 ${i}` })
		const size = walBytes(live())
		expect(size).toBeGreaterThan(0)
		expect(checkpointIfLarge(ctx.sqlite, live(), size + 1)).toEqual({ before: size, after: size })
		const done = checkpointIfLarge(ctx.sqlite, live(), 1024)
		expect(done.before).toBe(size)
		expect(done.after).toBe(0)
	})
})
