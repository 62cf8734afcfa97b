import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalUser } from '#app/auth/permissions.server.ts'
import { buildDemandMatchReport, getMatchDemandByRef } from '#app/matching/suggest.server.ts'

/**
 * GET /api/v1/demands/:ref/matches[?limit=N&lang=en] — the same ranked list as
 * `npm run -s match -- --demand REF --json` (one function builds both). The demand's own
 * organization and zone administrators only: anonymous 401, anyone else 404 (a demand that is
 * not yours does not exist for you).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request, context)
	if (!user) return jsonResponse({ error: 'unauthorized', message: '请先登录 (sign in first)' }, 401)
	const ref = params.ref ?? ''
	const demand = await getMatchDemandByRef(context.db, ref)
	if (!demand || !(user.isAdmin || (user.organizationId !== null && user.organizationId === demand.organizationId))) {
		return jsonResponse({ error: 'not_found', message: '未找到需求 (demand not found)' }, 404)
	}
	const url = new URL(request.url)
	const limitParam = Number(url.searchParams.get('limit') ?? 10)
	const limit = Number.isInteger(limitParam) ? Math.max(1, Math.min(100, limitParam)) : 10
	const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN'
	const report = await buildDemandMatchReport(context, ref, { limit, lang })
	if (!report) return jsonResponse({ error: 'not_found', message: '未找到需求 (demand not found)' }, 404)
	return jsonResponse(report, 200)
}

function jsonResponse(body: unknown, status: number): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' },
	})
}
