import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	callCell,
	cookieFor,
	describeResult,
	expectsSuccess,
	importRoute,
	listRouteFiles,
	meets,
	ROOT_MODULE,
	watchWrites,
	wentThrough,
	type RouteFile,
	type RouteModule,
} from './harness.ts'
import { ROUTE_TABLE, type ActionCase, type LoaderCase } from './route-table.ts'
import { ACTORS, createWorld, leakedSecrets, type World } from './world.ts'

/**
 * F2 (RELIABILITY R15–R17): every route module × every case of the one table (own and other
 * organizations' objects) × eleven actors × loader and action. Each cell asserts its status; a
 * cell that does not expect success must write nothing (temp triggers name any table it touched);
 * no loader writes at all (R7); and nothing an actor receives — loader data, action data, error
 * bodies, Location — may contain a sentinel the actor is not entitled to (see world.ts).
 *
 * Loaders run first against the untouched world, then the actions (whose successful probes are
 * harmless: a message, re-saving unchanged values, marking one's own notification read).
 */

const ROUTES: RouteFile[] = [...listRouteFiles(), { id: 'root', file: ROOT_MODULE }]
const ENTRIES = ROUTES.filter((r) => ROUTE_TABLE[r.id] !== undefined)

let world: World
/** Secrets some entitled actor did receive: proof the sentinels are planted and the scan can see them. */
const seen = new Set<string>()
/** Every cell's answer and writes, for the liveness checks (and SECURITY_MATRIX_DUMP=file). */
const log = new Map<string, { exp: string; got: string; writes: string[] }>()
const modules = new Map<string, RouteModule>()
const figures = {
	cells: 0,
	loaderCells: 0,
	actionCells: 0,
	unexpected2xx: 0,
	sentinelLeaks: 0,
	deniedWrites: 0,
	loaderWrites: 0,
	mismatches: 0,
	errors5xx: 0,
}

beforeAll(async () => {
	world = await createWorld()
	watchWrites(world)
	for (const r of ENTRIES) modules.set(r.id, await importRoute(r.file))
}, 120_000)

afterAll(async () => {
	const routes = ENTRIES.length
	console.log(
		`F2 authz: cells=${figures.cells} unexpected_2xx=${figures.unexpected2xx} sentinel_leaks=${figures.sentinelLeaks}` +
			` (routes=${routes} actors=${ACTORS.length} loader_cells=${figures.loaderCells} action_cells=${figures.actionCells}` +
			` status_mismatches=${figures.mismatches} denied_writes=${figures.deniedWrites} loader_writes=${figures.loaderWrites}` +
			` 5xx=${figures.errors5xx} secrets=${world?.secrets.length ?? 0})`,
	)
	if (process.env.SECURITY_MATRIX_DUMP)
		writeFileSync(process.env.SECURITY_MATRIX_DUMP, JSON.stringify(Object.fromEntries(log), null, 1))
	await world?.ctx.cleanup()
})

describe('the table covers every route', () => {
	it('has an entry for every route file under app/routes, and none for a file that is gone', () => {
		const missing = ROUTES.filter((r) => ROUTE_TABLE[r.id] === undefined).map((r) => r.id)
		const stale = Object.keys(ROUTE_TABLE).filter((id) => !ROUTES.some((r) => r.id === id))
		expect({ missing, stale }).toEqual({ missing: [], stale: [] })
	})

	it('finds routes the way flat routes do: files, and folders with a route module', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rm-routes-'))
		try {
			writeFileSync(join(dir, 'a.$id.tsx'), '')
			writeFileSync(join(dir, 'b.ts'), '')
			mkdirSync(join(dir, 'c._index'))
			writeFileSync(join(dir, 'c._index', 'route.tsx'), '')
			writeFileSync(join(dir, 'c._index', 'view.server.ts'), '')
			mkdirSync(join(dir, 'd.helpers'))
			writeFileSync(join(dir, 'd.helpers', 'util.ts'), '')
			expect(listRouteFiles(dir).map((r) => r.id)).toEqual(['a.$id', 'b', 'c._index'])
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('has loader cases exactly where a module exports a loader, action cases where it exports an action', () => {
		const problems: string[] = []
		for (const r of ENTRIES) {
			const mod = modules.get(r.id)!
			const entry = ROUTE_TABLE[r.id]!
			for (const method of ['loader', 'action'] as const) {
				const exported = typeof mod[method] === 'function'
				const cases = entry[method]
				if (exported && (cases === null || cases.length === 0))
					problems.push(`${r.id}: exports a ${method} with no cases`)
				if (!exported && cases !== null) problems.push(`${r.id}: has ${method} cases but exports no ${method}`)
			}
		}
		expect(problems).toEqual([])
	})
})

type Failure = string

async function runCase(routeId: string, method: 'loader' | 'action', c: LoaderCase | ActionCase): Promise<Failure[]> {
	const mod = modules.get(routeId)!
	const failures: Failure[] = []
	for (const actor of orderActors(c)) {
		const exp = c.expect[actor]
		const fields = method === 'action' ? (c as ActionCase).fields(world, actor) : undefined
		const cookie = await cookieFor(world, actor, method === 'action' && !!(c as ActionCase).freshSession)
		const r = await callCell(world, mod, method, {
			path: c.path(world),
			params: c.params?.(world) ?? {},
			cookie,
			fields,
		})
		figures.cells += 1
		if (method === 'loader') figures.loaderCells += 1
		else figures.actionCells += 1
		const where = `${method} ${routeId} [${c.name}] as ${actor}`
		log.set(where, { exp: String(exp), got: describeResult(r), writes: r.writes })
		if (r.status >= 500) {
			figures.errors5xx += 1
			failures.push(`${where}: ${r.status} ${r.error ?? ''}`)
		}
		if (!meets(exp, r)) {
			figures.mismatches += 1
			failures.push(`${where}: expected ${exp}, got ${describeResult(r)}`)
			if (!expectsSuccess(exp) && wentThrough(r)) figures.unexpected2xx += 1
		}
		if (method === 'loader' && r.writes.length > 0) {
			figures.loaderWrites += 1
			failures.push(`${where}: a loader wrote ${r.writes.join(', ')}`)
		} else if (!expectsSuccess(exp) && r.writes.length > 0) {
			figures.deniedWrites += 1
			failures.push(`${where}: refused (${describeResult(r)}) but wrote ${r.writes.join(', ')}`)
		}
		for (const s of world.secrets)
			if (s.entitled.has(actor) && s.renderings.some((x) => r.text.includes(x))) seen.add(s.label)
		const leaks = leakedSecrets(world, actor, r.text)
		if (leaks.length > 0) {
			figures.sentinelLeaks += leaks.length
			failures.push(`${where}: leaked ${leaks.join('; ')}`)
		}
	}
	return failures
}

/** Denied actors first, then the ones whose probe succeeds (and may change the world). */
function orderActors(c: LoaderCase | ActionCase) {
	return [...ACTORS].sort((a, b) => Number(expectsSuccess(c.expect[a])) - Number(expectsSuccess(c.expect[b])))
}

describe('loaders: every route × case × actor', () => {
	for (const r of ENTRIES) {
		const cases = ROUTE_TABLE[r.id]!.loader
		if (!cases) continue
		it(`GET ${r.id}`, async () => {
			const failures: Failure[] = []
			for (const c of cases) failures.push(...(await runCase(r.id, 'loader', c)))
			expect(failures).toEqual([])
		})
	}
})

describe('the sentinels are live', () => {
	it('every planted secret reached at least one entitled actor somewhere', () => {
		expect(world.secrets.map((s) => s.label).filter((l) => !seen.has(l))).toEqual([])
	})
})

describe('actions: every route × probe × actor', () => {
	for (const r of ENTRIES) {
		const cases = ROUTE_TABLE[r.id]!.action
		if (!cases) continue
		it(`POST ${r.id}`, async () => {
			const failures: Failure[] = []
			for (const c of cases) failures.push(...(await runCase(r.id, 'action', c)))
			expect(failures).toEqual([])
		})
	}
})

describe('the write detector is live', () => {
	it('saw the writes of the probes that succeed', () => {
		const writes = (key: string) => log.get(key)?.writes ?? ['(cell not run)']
		expect(writes('action demands.new [create a draft] as buyC')).toContain('demand insert×1')
		expect(writes("action org.members [remove A's member A3] as supA")).toEqual(
			expect.arrayContaining([expect.stringMatching(/^user update/)]),
		)
		expect(writes("action notifications [mark C's notification read] as buyC")).toContain('notification update×1')
	})
})
