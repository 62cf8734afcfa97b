import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import * as layoutRoute from '#app/routes/admin.tsx'
import * as auditRoute from '#app/routes/admin.audit.tsx'
import * as overviewRoute from '#app/routes/admin._index.tsx'
import * as orgRoute from '#app/routes/admin.organizations.$id.tsx'
import * as orgsRoute from '#app/routes/admin.organizations._index.tsx'
import * as productsRoute from '#app/routes/admin.products._index.tsx'
import * as usersRoute from '#app/routes/admin.users._index.tsx'
import type { TestContext } from '#tests/helpers/context.ts'

/**
 * Every admin loader and action, with a path to request it by, so the access tests can walk all
 * of them (anonymous, non-admin, cross-site) and a new route only needs adding here.
 */
export type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
export type Action = (args: ActionFunctionArgs) => Promise<unknown>

export function adminLoaders(
	orgId: number,
): Array<{ name: string; path: string; loader: Loader; params?: Record<string, string> }> {
	return [
		{ name: 'admin (layout)', path: '/admin', loader: layoutRoute.loader },
		{ name: 'admin._index', path: '/admin', loader: overviewRoute.loader },
		{ name: 'admin.organizations._index', path: '/admin/organizations', loader: orgsRoute.loader },
		{
			name: 'admin.organizations.$id',
			path: `/admin/organizations/${orgId}`,
			loader: orgRoute.loader,
			params: { id: String(orgId) },
		},
		{ name: 'admin.products._index', path: '/admin/products', loader: productsRoute.loader },
		{ name: 'admin.users._index', path: '/admin/users', loader: usersRoute.loader },
		{ name: 'admin.audit', path: '/admin/audit', loader: auditRoute.loader },
	]
}

export function adminActions(ids: { orgId: number; productId: number; userId: number }): Array<{
	name: string
	path: string
	action: Action
	fields: Record<string, string>
	params?: Record<string, string>
}> {
	return [
		{
			name: 'admin.organizations._index',
			path: '/admin/organizations?index',
			action: orgsRoute.action,
			fields: { intent: 'disable', organizationId: String(ids.orgId) },
		},
		{
			name: 'admin.organizations.$id',
			path: `/admin/organizations/${ids.orgId}`,
			action: orgRoute.action,
			fields: { intent: 'disable', organizationId: String(ids.orgId) },
			params: { id: String(ids.orgId) },
		},
		{
			name: 'admin.products._index',
			path: '/admin/products?index',
			action: productsRoute.action,
			fields: { intent: 'reject', productId: String(ids.productId), reason: '不合规' },
		},
		{
			name: 'admin.users._index',
			path: '/admin/users?index',
			action: usersRoute.action,
			fields: { intent: 'disable', userId: String(ids.userId) },
		},
	]
}

/** Ids of the documents in one index (a test prefix holds few). */
export async function indexedIds(test: TestContext, kind: 'products' | 'organizations'): Promise<number[]> {
	const res = await test.search.client
		.index(test.search.indexName(kind))
		.getDocuments<{ id: number }>({ limit: 1000, fields: ['id'] })
	return res.results.map((d) => Number(d.id)).sort((a, b) => a - b)
}

/** SQLite's count of rows changed on this connection so far (a write detector for R7 and F1). */
export function totalChanges(test: TestContext): number {
	return Number((test.sqlite.prepare('select total_changes() as n').get() as { n: number }).n)
}
