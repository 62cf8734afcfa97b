import type { LoaderFunctionArgs } from '@remix-run/node'
import type { MultiSearchQuery } from 'meilisearch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEX_KINDS, type IndexKind } from '#app/search/client.server.ts'
import { drainOutbox } from '#app/search/relay.server.ts'
import { callCell, cellContext, cookieFor, importRoute, listRouteFiles, type RouteModule } from './harness.ts'
import { ACTORS, allSentinelValues, createWorld, leakedSecrets, type ActorKey, type World } from './world.ts'

/**
 * F3 (RELIABILITY R17, R20, R35; design decision 2 — budgets and contacts are never indexed, not
 * even as hidden attributes): with every sentinel of world.ts planted and the outbox drained,
 *  - every document of every index, every index's settings and its task log hold no sentinel, and
 *    no unapproved, draft, paused or unverified object is indexed at all;
 *  - Meilisearch queried directly (admin key, all fields, match positions) for every rendering of
 *    every sentinel finds nothing that carries one;
 *  - the search pages (products, suppliers, demands, leasing — searchProducts, searchSuppliers,
 *    searchDemands, listPublicPrograms underneath) asked for each sentinel by every actor list no
 *    hit and return no private value;
 *  - the spreadsheet exports a user can download (the product templates, CSV and XLSX unzipped)
 *    carry none. exportExchange is an admin CLI allowed to export contacts: not scanned here.
 * Pages and JSON are scanned cell by cell in authz-matrix.test.ts (every loader and action output
 * of every route for every actor, against the same sentinels and entitlements: F2 sentinel_leaks).
 * query_hits counts raw hits of the sentinel queries; a formatted amount like "8.77 亿" splits into
 * tokens that match unrelated public documents, which is why the assertion is on hits carrying a
 * sentinel (sentinel_hits) and on the search pages listing nothing.
 */

let world: World
let sentinels: string[]
const figures = { queries: 0, sentinelHits: 0, documentsScanned: 0, queryHits: 0, exportsScanned: 0 }
const found: string[] = []

const SEARCH_ROUTES = ['products._index', 'suppliers._index', 'demands._index', 'leasing._index'] as const
const SEARCH_PATHS: Record<(typeof SEARCH_ROUTES)[number], string> = {
	'products._index': '/products',
	'suppliers._index': '/suppliers',
	'demands._index': '/demands',
	'leasing._index': '/leasing',
}
const routes = new Map<string, RouteModule>()

beforeAll(async () => {
	world = await createWorld()
	const drained = await drainOutbox(world.ctx, { force: true, log: () => {} })
	if (drained.lastError) throw new Error(`search sync failed: ${drained.lastError}`)
	sentinels = allSentinelValues(world)
	const files = new Map(listRouteFiles().map((r) => [r.id, r.file]))
	for (const id of [...SEARCH_ROUTES, 'workspace.products.template.$format']) {
		const file = files.get(id)
		if (!file) throw new Error(`route ${id} is gone: update sentinels.test.ts`)
		routes.set(id, await importRoute(file))
	}
}, 120_000)

afterAll(async () => {
	console.log(
		`F3 search leakage: queries=${figures.queries} sentinel_hits=${figures.sentinelHits} documents_scanned=${figures.documentsScanned}` +
			` (query_hits=${figures.queryHits} exports_scanned=${figures.exportsScanned} sentinel_values=${sentinels?.length ?? 0})`,
	)
	await world?.ctx.cleanup()
})

function sentinelsIn(text: string): string[] {
	return sentinels.filter((s) => text.includes(s))
}

function record(where: string, text: string): void {
	const hits = sentinelsIn(text)
	if (hits.length === 0) return
	figures.sentinelHits += hits.length
	found.push(`${where}: ${hits.join(', ')}`)
}

function index(kind: IndexKind) {
	return world.ctx.search.client.index(world.ctx.search.indexName(kind))
}

describe('Meilisearch holds no private value', () => {
	it('no document, setting or task of any index carries a sentinel', async () => {
		const before = found.length
		for (const kind of INDEX_KINDS) {
			const docs = await index(kind).getDocuments({ limit: 10_000 })
			figures.documentsScanned += docs.results.length
			for (const doc of docs.results) record(`${kind} document ${String(doc.id)}`, JSON.stringify(doc))
			record(`${kind} settings`, JSON.stringify(await index(kind).getSettings()))
		}
		const uids = INDEX_KINDS.map((k) => world.ctx.search.indexName(k))
		const tasks = await world.ctx.search.client.tasks.getTasks({ indexUids: uids, limit: 1000 })
		record('task log', JSON.stringify(tasks.results))
		expect(found.slice(before)).toEqual([])
		// Liveness: the world's public objects are there, so "no sentinel" means something.
		expect(figures.documentsScanned).toBeGreaterThanOrEqual(8)
	})

	it('indexes exactly the public objects: nothing draft, in review, paused or of an unverified organization (R20)', async () => {
		const ids = async (kind: IndexKind) =>
			new Set(
				(await index(kind).getDocuments<{ id: number }>({ limit: 10_000, fields: ['id'] })).results.map((d) =>
					Number(d.id),
				),
			)
		const { ids: o, orgs } = world
		const products = await ids('products')
		const organizations = await ids('organizations')
		const demands = await ids('demands')
		const programs = await ids('programs')
		expect({
			products: [o.productAPublished, o.productBPublished].filter((id) => !products.has(id)),
			organizations: [orgs.A.id, orgs.B.id].filter((id) => !organizations.has(id)),
			demands: [o.demandCOpen, o.demandDOpen].filter((id) => !demands.has(id)),
			programs: [o.programE, o.programF].filter((id) => !programs.has(id)),
		}).toEqual({ products: [], organizations: [], demands: [], programs: [] })
		expect({
			products: [o.productADraft, o.productAPending, o.productPPublished].filter((id) => products.has(id)),
			organizations: [orgs.P.id].filter((id) => organizations.has(id)),
			demands: [o.demandCDraft].filter((id) => demands.has(id)),
			programs: [o.programEPaused].filter((id) => programs.has(id)),
		}).toEqual({ products: [], organizations: [], demands: [], programs: [] })
	})

	it('direct queries for every rendering of every sentinel, on every index, return nothing that carries one', async () => {
		const before = found.length
		const queries: MultiSearchQuery[] = []
		for (const kind of INDEX_KINDS) {
			for (const q of sentinels) {
				queries.push({
					indexUid: world.ctx.search.indexName(kind),
					q,
					limit: 20,
					attributesToRetrieve: ['*'],
					attributesToHighlight: ['*'],
					showMatchesPosition: true,
				})
			}
		}
		for (let i = 0; i < queries.length; i += 100) {
			const batch = queries.slice(i, i + 100)
			const { results } = await world.ctx.search.client.multiSearch({ queries: batch })
			results.forEach((res, j) => {
				figures.queries += 1
				figures.queryHits += res.hits.length
				record(`raw ${batch[j]!.indexUid} q=${JSON.stringify(batch[j]!.q)}`, JSON.stringify(res.hits))
			})
		}
		expect(found.slice(before)).toEqual([])
	})
})

/** The hits (and facets) of a search page's loader data: the part that is not the echoed query. */
function hitsOf(data: unknown): { items: unknown[]; scanned: string } {
	const d = (data ?? {}) as { result?: { items?: unknown[]; facets?: unknown }; items?: unknown[] }
	const items = d.result?.items ?? d.items ?? []
	return { items, scanned: JSON.stringify({ items, facets: d.result?.facets ?? null }) }
}

describe('the search pages, for every actor', () => {
	// One distinctive query per secret (its stored value); the raw-index test above tries every rendering.
	const queriesFor = (w: World) => [...new Set(w.secrets.map((s) => s.renderings[0]!))]

	async function searchPage(route: (typeof SEARCH_ROUTES)[number], actor: ActorKey, q: string) {
		const path = `${SEARCH_PATHS[route]}?${new URLSearchParams({ q })}`
		const cookie = await cookieFor(world, actor, false)
		const data = await routes.get(route)!.loader!({
			request: new Request(`http://localhost${path}`, { headers: new Headers(cookie ? { Cookie: cookie } : {}) }),
			params: {},
			context: cellContext(world),
		} as LoaderFunctionArgs)
		figures.queries += 1
		return { path, ...hitsOf(data) }
	}

	for (const route of SEARCH_ROUTES) {
		it(`${SEARCH_PATHS[route]}?q=<sentinel> lists nothing private, whoever asks`, async () => {
			const before = found.length
			const listed: string[] = []
			const queries = queriesFor(world)
			const signedIn = ACTORS.filter((a) => a !== 'anon')
			// The public lists do not depend on who asks (checked below), so anonymous runs every query
			// and the ten signed-in actors share them out: every query runs for two roles.
			const plan: Array<[ActorKey, string]> = [
				...queries.map((q): [ActorKey, string] => ['anon', q]),
				...queries.map((q, i): [ActorKey, string] => [signedIn[i % signedIn.length]!, q]),
			]
			for (const [actor, q] of plan) {
				const { path, items, scanned } = await searchPage(route, actor, q)
				figures.queryHits += items.length
				if (items.length > 0) listed.push(`${actor} ${path}: ${items.length} hit(s)`)
				record(`${actor} ${path}`, scanned)
				const leaks = leakedSecrets(world, actor, scanned)
				if (leaks.length > 0) found.push(`${actor} ${path}: not entitled to ${leaks.join(', ')}`)
			}
			// Same answer for every actor: a public query the whole table sees, so roles can share the sweep.
			const probe = '空压机'
			const answers = new Set<string>()
			for (const actor of ACTORS) {
				const { items, scanned } = await searchPage(route, actor, probe)
				expect(items.length, `${route} lists something for ${probe}`).toBeGreaterThan(0)
				answers.add(scanned)
				record(`${actor} ${SEARCH_PATHS[route]}?q=${probe}`, scanned)
			}
			expect(answers.size, 'the public list differs by who asks').toBe(1)
			expect({ leaks: found.slice(before), listed }).toEqual({ leaks: [], listed: [] })
		})
	}
})

describe('downloads', () => {
	it('the product templates (CSV, and XLSX unzipped) carry no sentinel for anyone who may download them', async () => {
		const before = found.length
		const mod = routes.get('workspace.products.template.$format')!
		const downloaders: ActorKey[] = ['supA', 'supA2', 'supB', 'pending']
		for (const actor of downloaders) {
			for (const format of ['csv', 'xlsx']) {
				const r = await callCell(world, mod, 'loader', {
					path: `/workspace/products/template/${format}`,
					params: { format },
					cookie: await cookieFor(world, actor, false),
				})
				expect(r.status, `${actor} ${format}`).toBe(200)
				expect(r.text.length).toBeGreaterThan(10)
				figures.exportsScanned += 1
				record(`${actor} template.${format}`, r.text)
				expect(leakedSecrets(world, actor, r.text)).toEqual([])
			}
		}
		expect(found.slice(before)).toEqual([])
	})

	it('no other route under app/routes serves a CSV or spreadsheet download (add it here when one appears)', () => {
		const exportLike = listRouteFiles()
			.map((r) => r.id)
			.filter((id) => /export|download|\.csv|\.xlsx|\$format/.test(id))
		expect(exportLike).toEqual(['workspace.products.template.$format'])
	})
})
