/**
 * `npm start`: the whole platform from one command. Creates and migrates the SQLite file under
 * DATA_DIR, starts (or reuses) Meilisearch, seeds the demo data on the first start only, builds
 * the search indexes, runs the outbox relay and serves the web app on PORT.
 * `npm run dev` does the same with Vite's dev server (hot reload) instead of the production build.
 */
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { bootPlatform, databaseFile } from '#app/boot.server.ts'
import { runDemandMaintenance } from '#app/models/demand.server.ts'
import { seedDemoDataOnce } from '#app/models/demo-seed.server.ts'
import { recomputeMissingMatches } from '#app/models/match.server.ts'
import { startSearchRelay, outboxStatus } from '#app/search/relay.server.ts'
import { prepareSearchIndexes } from '#app/search/reindex.server.ts'
import { createExpressApp } from '#app/server/express-app.server.ts'
import { checkpointIfLarge, walBytes } from '#db/backup.ts'
import { refreshPlannerStatistics } from '#db/client.ts'
import { CLIENT_DIR, SERVER_BUILD, ensureBuild } from './lib/build.ts'

const dev = process.argv.includes('--dev')
const log = (line: string) => console.log(`[renewmatch] ${line}`)

async function main() {
	// The production build must run with React's production runtime (and production cookies and
	// error pages); it is chosen when react-dom is first loaded, which happens below.
	if (!dev) process.env.NODE_ENV ||= 'production'
	if (!dev) ensureBuild(log)
	const platform = await bootPlatform({ advertise: true })
	const { env } = platform
	log(`data in ${env.dataDir}; Meilisearch ${platform.meili.owned ? 'started' : 'reused'} at ${platform.meili.url}`)

	const seeded = await seedDemoDataOnce(platform, log)
	// Rebuild what is missing or outdated now; the full reconcile (every document compared, seconds
	// at 100k products) runs in the relay's background ~10 s after start, not on the boot path.
	const prep = await prepareSearchIndexes(platform, {
		reconcile: false,
		onProgress: (kind, done, total) => {
			if (done === total) log(`indexed ${kind}: ${total}`)
		},
	})
	const relay = startSearchRelay(platform, { intervalMs: 250 })
	if (seeded || prep.rebuilt) await relay.drain()
	// Demands that arrived by seed or import have no suggestions yet (the web forms compute them).
	const computed = await recomputeMissingMatches(platform)
	if (computed > 0) log(`computed matches for ${computed} demands`)
	// Hourly: close expired demands (reminding their owners), send the daily digests, keep the
	// query planner's statistics in step with the tables' growth and the WAL bounded (R47).
	const maintenance = setInterval(() => {
		runDemandMaintenance(platform).catch((e: unknown) => log(`maintenance failed: ${String(e)}`))
		refreshPlannerStatistics(platform.db).catch((e: unknown) => log(`planner statistics failed: ${String(e)}`))
		try {
			const wal = checkpointIfLarge(platform.sqlite, databaseFile(env))
			if (wal.before !== wal.after) log(`WAL checkpointed: ${wal.before} → ${wal.after} bytes`)
		} catch (e: unknown) {
			log(`WAL checkpoint failed: ${String(e)}`)
		}
	}, 60 * 60 * 1000)
	maintenance.unref()
	await runDemandMaintenance(platform).catch((e: unknown) => log(`maintenance failed: ${String(e)}`))

	let build: ServerBuild | (() => Promise<ServerBuild>)
	const before = []
	if (dev) {
		const vite = await import('vite')
		const server = await vite.createServer({ server: { middlewareMode: true } })
		before.push(server.middlewares)
		build = () => server.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	} else {
		build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild
	}
	const app = createExpressApp({
		services: platform,
		mode: dev ? 'development' : 'production',
		build,
		clientDir: dev ? undefined : CLIENT_DIR,
		before,
		health: async () => ({
			outbox: await outboxStatus(platform.db),
			searchReconciledAt: relay.lastMaintenanceAt(),
			walBytes: walBytes(databaseFile(env)),
		}),
	})
	const server = app.listen(env.PORT, env.HOST, () => {
		log(`RenewMatch 焕新撮合 is running at http://localhost:${env.PORT}`)
	})

	let stopping = false
	async function shutdown(signal: string) {
		if (stopping) return
		stopping = true
		log(`${signal}: stopping…`)
		server.close()
		server.closeAllConnections()
		clearInterval(maintenance)
		await relay.stop()
		await platform.stop()
		log('stopped')
		process.exit(0)
	}
	process.on('SIGINT', () => void shutdown('SIGINT'))
	process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
	console.error(`[renewmatch] failed to start: ${error instanceof Error ? error.message : String(error)}`)
	process.exit(1)
})
