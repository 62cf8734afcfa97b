import { redirect } from '@remix-run/node'
import type { AppContext } from '#app/context.server.ts'
import { recordAudit } from '#app/models/audit.server.ts'
import { getSessionUserRow, toCurrentUser, type CurrentUser } from '#app/models/user.server.ts'
import type { OrgRole } from '#app/models/taxonomy.ts'
import { assertSameOrigin, requireSameOrigin } from './csrf.server.ts'
import { destroySessionByKey, hashSessionId, readSessionId, sessionState, touchSession } from './session.server.ts'

/**
 * The guards every loader and action calls (RELIABILITY R15, R19). The user and the organization
 * are read from the database on every request — the session holds only an id — so disabling a
 * user, removing a member or changing an organization's roles or status applies at the next
 * request. A missing right is a 403 (with an audit row, R29), never a silent 200.
 */
export type { CurrentUser }
export { assertSameOrigin, requireSameOrigin }

export type AuthContext = Pick<AppContext, 'db' | 'env'> & Partial<Pick<AppContext, 'clientIp'>>
export type OrgUser = CurrentUser & {
	organizationId: number
	orgRole: 'owner' | 'member'
	organization: NonNullable<CurrentUser['organization']>
}

// Loaders of nested routes run in parallel on one request: read the session once per Request.
const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>()

/** The signed-in user, or null for anonymous, expired, tampered or disabled sessions. */
export function getOptionalUser(request: Request, context: AuthContext): Promise<CurrentUser | null> {
	let pending = perRequest.get(request)
	if (!pending) {
		pending = loadUser(request, context)
		perRequest.set(request, pending)
	}
	return pending
}

async function loadUser(request: Request, context: AuthContext): Promise<CurrentUser | null> {
	const sessionId = await readSessionId(request, context.env)
	if (!sessionId) return null
	const key = hashSessionId(sessionId)
	const row = await getSessionUserRow(context.db, key)
	if (!row) return null
	const now = Date.now()
	if (sessionState(row, now) === 'expired' || row.user_status !== 'active') {
		await destroySessionByKey(context.db, key)
		return null
	}
	await touchSession(context.db, key, row.last_seen_at, now)
	return toCurrentUser(row)
}

function loginRedirect(request: Request): Response {
	const url = new URL(request.url)
	const back = `${url.pathname}${url.search}`
	const params = back === '/' ? '' : `?${new URLSearchParams({ redirectTo: back })}`
	return redirect(`/login${params}`, 302)
}

/** Pages a user with a one-time password may still open (everything else sends them to change it). */
const PASSWORD_CHANGE_PATHS = new Set(['/account', '/logout'])

/** The signed-in user, or a 302 to /login?redirectTo=… */
export async function requireUser(request: Request, context: AuthContext): Promise<CurrentUser> {
	const user = await getOptionalUser(request, context)
	if (!user) throw loginRedirect(request)
	if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(new URL(request.url).pathname)) {
		throw redirect('/account?mustChange=1', 302)
	}
	return user
}

/** Ends the request with a 403 and records the denial (R29). */
export async function forbidden(
	request: Request,
	context: AuthContext,
	user: CurrentUser,
	reason: string,
	message = 'Forbidden 无权访问',
): Promise<never> {
	await recordAudit(context.db, {
		actorUserId: user.id,
		actorOrgId: user.organizationId,
		action: 'access.denied',
		objectType: 'route',
		objectId: new URL(request.url).pathname.slice(0, 200),
		detail: { method: request.method, reason },
		ip: context.clientIp ?? null,
	})
	throw new Response(message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * A user of an organization. No organization yet → 302 to /org/new; a disabled organization, a
 * missing role, or (with `verified: true`) an organization not yet verified → 403.
 */
export async function requireOrgUser(
	request: Request,
	context: AuthContext,
	options: { role?: OrgRole; verified?: boolean } = {},
): Promise<OrgUser> {
	const user = await requireUser(request, context)
	const org = user.organization
	if (!org || user.organizationId === null || user.orgRole === null) throw redirect('/org/new', 302)
	if (org.status === 'disabled' || org.status === 'rejected') {
		await forbidden(request, context, user, `organization ${org.status}`, 'Organization not active 企业账号不可用')
	}
	if (options.verified && org.status !== 'verified') {
		await forbidden(
			request,
			context,
			user,
			'organization not verified',
			'Organization pending verification 企业尚未通过审核',
		)
	}
	if (options.role && !org.roles.includes(options.role)) {
		await forbidden(request, context, user, `role ${options.role} required`, 'Role required 企业角色不符')
	}
	return { ...user, organizationId: user.organizationId, orgRole: user.orgRole, organization: org }
}

/** The organization's owner (member management). */
export async function requireOrgOwner(request: Request, context: AuthContext): Promise<OrgUser> {
	const user = await requireOrgUser(request, context)
	if (user.orgRole !== 'owner')
		await forbidden(request, context, user, 'owner required', 'Owner only 仅企业管理员可操作')
	return user
}

/** A zone administrator, or 403 (302 to /login when signed out). */
export async function requireAdmin(request: Request, context: AuthContext): Promise<CurrentUser & { isAdmin: true }> {
	const user = await requireUser(request, context)
	if (!user.isAdmin) await forbidden(request, context, user, 'admin required')
	return user as CurrentUser & { isAdmin: true }
}

/** Redirects a signed-in user away from /login and /signup. */
export async function requireAnonymous(request: Request, context: AuthContext, to = '/'): Promise<void> {
	const user = await getOptionalUser(request, context)
	if (user) throw redirect(to, 302)
}
