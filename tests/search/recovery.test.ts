/**
 * Fault runs against a Meilisearch of this file's own (not the run's shared one), so it can be
 * stopped, restarted and have its data directory deleted: F4 of RELIABILITY (R32, R40, R41).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEX_KINDS, createSearch, type Search } from '#app/search/client.server.ts'
import { ensureMasterKey, findFreePort, startMeilisearch, type MeiliHandle } from '#app/search/meili-process.server.ts'
import { searchProducts } from '#app/search/product-search.server.ts'
import { drainOutbox, outboxStatus } from '#app/search/relay.server.ts'
import { diffSearchIndex, prepareSearchIndexes } from '#app/search/reindex.server.ts'
import { createDb } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import type { Database } from '#db/schema.ts'
import {
	deleteProductRow,
	insertOrganization,
	insertProduct,
	updateOrganizationRow,
	updateProductRow,
} from '#tests/helpers/factories.ts'
import { productParams } from './helpers.ts'

let dir: string
let masterKey: string
let port: number
let meili: MeiliHandle
let db: Kysely<Database>
let search: Search
const quiet = { log: () => {} }

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'rm-f4-'))
	masterKey = ensureMasterKey(dir)
	port = await findFreePort()
	meili = await startMeilisearch({ dataDir: dir, masterKey, port })
	search = await createSearch({ url: meili.url, masterKey, prefix: 'f4' })
	db = createDb(join(dir, 'test.sqlite')).db
	await migrateToLatest(db)
})
afterAll(async () => {
	await meili.stop()
	await db.destroy()
	rmSync(dir, { recursive: true, force: true })
})

async function totalDrift(): Promise<{ missing: number; stale: number; extra: number }> {
	const sum = { missing: 0, stale: 0, extra: 0 }
	for (const kind of INDEX_KINDS) {
		const d = await diffSearchIndex({ db, search }, kind)
		sum.missing += d.missing.length
		sum.stale += d.stale.length
		sum.extra += d.extra.length
	}
	return sum
}

describe('Meilisearch down and back (F4)', () => {
	it('accepts every write while it is down, and converges to SQLite when it returns', async () => {
		const ctx = { db, search }
		await prepareSearchIndexes(ctx)
		const org = await insertOrganization(db)
		const other = await insertOrganization(db, { name: '滨海电机有限公司' })
		const existing: number[] = []
		for (let i = 0; i < 30; i++)
			existing.push((await insertProduct(db, i % 2 ? org.id : other.id, { name: `空压机 ${i}` })).id)
		await drainOutbox(ctx, quiet)
		expect(await totalDrift()).toEqual({ missing: 0, stale: 0, extra: 0 })

		await meili.stop()
		const degraded = await searchProducts(ctx, productParams({ q: '空压机' }))
		expect(degraded.degraded).toBe(true)

		let writes = 0
		for (let i = 0; i < 50; i++) {
			const target = existing[i % existing.length]!
			switch (i % 6) {
				case 0:
					await insertProduct(db, org.id, { name: `故障期间新增 ${i}` })
					break
				case 1:
					await updateProductRow(db, target, { name: `故障期间改名 ${i}` })
					break
				case 2:
					await updateProductRow(db, target, { status: 'archived' })
					break
				case 3:
					await deleteProductRow(db, existing.splice(i % existing.length, 1)[0]!)
					break
				case 4:
					await updateProductRow(db, target, { price_min: 1000 * i, price_max: 2000 * i, status: 'published' })
					break
				default:
					await updateOrganizationRow(db, other.id, {
						status: i % 12 === 5 ? 'disabled' : 'verified',
						name: `滨海电机 ${i}`,
					})
			}
			writes += 1
		}
		expect(writes).toBe(50)
		const failed = await drainOutbox(ctx, quiet)
		expect(failed.done).toBe(0)
		expect(failed.failed).toBeGreaterThan(0)
		const pendingWhileDown = await outboxStatus(db)
		expect(pendingWhileDown.pending).toBeGreaterThanOrEqual(50)

		const restartedAt = Date.now()
		meili = await startMeilisearch({ dataDir: dir, masterKey, port })
		const healthyAt = Date.now()
		// The rows wait for their backoff (at most 30 s); a forced drain is what the relay's next
		// due attempt does, without making the test wait for the jitter.
		while ((await outboxStatus(db)).pending > 0) {
			await drainOutbox(ctx, { ...quiet, force: true })
			if (Date.now() - healthyAt > 30_000) throw new Error('did not converge within 30 s')
		}
		const convergedAt = Date.now()
		const drift = await totalDrift()
		console.log(
			`F4 meili-restart: writes=${writes} missing=${drift.missing} stale=${drift.stale} extra=${drift.extra} convergence_ms=${convergedAt - healthyAt} restart_ms=${healthyAt - restartedAt} pending_while_down=${pendingWhileDown.pending}`,
		)
		expect(drift).toEqual({ missing: 0, stale: 0, extra: 0 })
		expect((await searchProducts(ctx, productParams({ q: '故障期间新增' }))).total).toBeGreaterThan(0)
	})

	it('rebuilds every index with no manual step after its data directory is deleted (R41)', async () => {
		const ctx = { db, search }
		await meili.stop()
		rmSync(join(dir, 'meili'), { recursive: true, force: true })
		meili = await startMeilisearch({ dataDir: dir, masterKey, port })
		// The scoped API key lived in the deleted directory too: boot makes it again.
		search = await createSearch({ url: meili.url, masterKey, prefix: 'f4' })
		const startedAt = Date.now()
		const r = await prepareSearchIndexes({ db, search })
		expect(r.rebuilt).toBe(true)
		expect(r.reasons).toEqual({
			products: 'missing',
			organizations: 'missing',
			demands: 'missing',
			programs: 'missing',
		})
		await drainOutbox({ db, search }, { ...quiet, force: true })
		const drift = await totalDrift()
		console.log(
			`F4 meili-data-dir-deleted: rebuilt=${r.rebuilt} products=${r.counts?.products} missing=${drift.missing} stale=${drift.stale} extra=${drift.extra} rebuild_ms=${Date.now() - startedAt}`,
		)
		expect(drift).toEqual({ missing: 0, stale: 0, extra: 0 })
		void ctx
	})
})
