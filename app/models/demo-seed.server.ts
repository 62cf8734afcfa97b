import type { Services } from '../context.server.ts'
import { buildDemoData } from '#db/seed/demo-data.ts'
import { importExchange } from './exchange.server.ts'

const SEEDED_KEY = 'demo_seeded_at'

/**
 * Seeds the demo catalogue on the very first start of a DATA_DIR only: a second start, or a
 * database someone has already filled, is left alone (SEED_DEMO=never turns it off).
 */
export async function seedDemoDataOnce(services: Pick<Services, 'db' | 'env'>, log: (line: string) => void): Promise<boolean> {
	const { db, env } = services
	if (env.SEED_DEMO === 'never') return false
	const marker = await db.selectFrom('app_meta').select('value').where('key', '=', SEEDED_KEY).executeTakeFirst()
	if (marker) return false
	const anyOrg = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst()
	if (!anyOrg) {
		const result = await importExchange(db, buildDemoData())
		if (!result.ok) {
			throw new Error(`demo data is invalid: ${result.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ')}`)
		}
		log(`seeded demo data: ${result.counts.organizations.created} organizations, ${result.counts.products.created} products`)
	}
	await db.insertInto('app_meta').values({ key: SEEDED_KEY, value: new Date().toISOString() }).execute()
	return !anyOrg
}
