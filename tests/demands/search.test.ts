import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemandSearchView, parseDemandSearchParams, searchDemands } from '#app/search/demand-search.server.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertDemand, insertOrganization } from '#tests/helpers/factories.ts'
import { deadSearchContext, loadContext, prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'

/** The public demand list: search, disjunctive facets, the SQLite re-read, and the fallback when Meilisearch is down. */

let test: TestContext
const ids = { compressor: 0, elevator: 0, uncategorized: 0, draft: 0, expired: 0, hidden: 0 }

const params = (qs: string) => parseDemandSearchParams(new URLSearchParams(qs))

beforeAll(async () => {
	test = await createTestContext()
	await prepareIndexes(test)
	const buyer = await insertOrganization(test.db, { roles: '["buyer"]' })
	const pending = await insertOrganization(test.db, { roles: '["buyer"]', status: 'pending' })
	ids.compressor = (
		await insertDemand(test.db, buyer.id, { title: '更换老旧空压机', category_key: 'compressor', domain: 'industry' })
	).id
	ids.elevator = (
		await insertDemand(test.db, buyer.id, {
			title: '住宅小区老旧电梯更新',
			category_key: 'elevator',
			domain: 'building',
			description: '小区 12 部老旧电梯需更换。',
		})
	).id
	ids.uncategorized = (
		await insertDemand(test.db, buyer.id, {
			title: '医院锅炉改造',
			category_key: null,
			domain: 'medical',
			description: '燃气锅炉低氮改造。',
		})
	).id
	ids.draft = (await insertDemand(test.db, buyer.id, { title: '草稿空压机', status: 'draft' })).id
	ids.expired = (await insertDemand(test.db, buyer.id, { title: '过期的空压机需求', expires_at: '2020-01-01' })).id
	ids.hidden = (await insertDemand(test.db, pending.id, { title: '未认证企业的空压机需求' })).id
	await syncSearch(test)
})

afterAll(async () => {
	await test.cleanup()
})

describe('searchDemands', () => {
	it('finds open demands by words and shows only public, live ones', async () => {
		const r = await searchDemands(loadContext(test), params('q=空压机'))
		const found = r.items.map((i) => i.demand.id)
		expect(found).toContain(ids.compressor)
		for (const id of [ids.draft, ids.expired, ids.hidden, ids.elevator]) expect(found).not.toContain(id)
		expect(r.degraded).toBe(false)
	})

	it('counts facets disjunctively and filters by domain and category', async () => {
		const r = await searchDemands(loadContext(test), params('domain=building'))
		expect(r.items.map((i) => i.demand.id)).toEqual([ids.elevator])
		// The domain facet is counted without its own filter, so the other domains stay offered.
		expect(r.facets.domain.industry).toBeGreaterThanOrEqual(1)
		expect(r.facets.domain.building).toBe(1)
		const view = buildDemandSearchView(params('domain=building'), r)
		expect(view.domains.find((d) => d.key === 'building')).toMatchObject({ selected: true, href: '/demands' })
		expect(view.domains.find((d) => d.key === 'industry')?.href).toBe('/demands?domain=building&domain=industry')
		expect(view.clearHref).toBe('/demands')
		const cat = await searchDemands(loadContext(test), params('category=compressor'))
		expect(cat.items.map((i) => i.demand.id)).toEqual([ids.compressor])
	})

	it('re-reads every hit from SQLite: a demand closed since indexing is not shown', async () => {
		await test.db
			.updateTable('demand')
			.set({ status: 'closed', close_reason: 'cancelled' })
			.where('id', '=', ids.compressor)
			.execute()
		const r = await searchDemands(loadContext(test), params('q=空压机'))
		expect(r.items.map((i) => i.demand.id)).not.toContain(ids.compressor)
		await test.db
			.updateTable('demand')
			.set({ status: 'open', close_reason: null })
			.where('id', '=', ids.compressor)
			.execute()
	})

	it('falls back to SQLite, newest first, when Meilisearch is down', async () => {
		const r = await searchDemands(deadSearchContext(test), params('domain=medical'))
		expect(r.degraded).toBe(true)
		expect(r.items.map((i) => i.demand.id)).toEqual([ids.uncategorized])
		const words = await searchDemands(deadSearchContext(test), params('q=电梯'))
		expect(words.items.map((i) => i.demand.id)).toEqual([ids.elevator])
	})

	it('tolerates junk in the URL and never builds an unbalanced filter', async () => {
		const p = params('category=x"y&domain=") OR 1=1&page=-5&sort=nope&group=%22')
		expect(p).toMatchObject({ categories: [], domains: [], page: 1, sort: 'relevance', group: null })
		const r = await searchDemands(loadContext(test), params(`q=${encodeURIComponent('"\\ OR status = draft')}`))
		expect(r.degraded).toBe(false)
	})
})
