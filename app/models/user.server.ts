import { destroyUserSessions } from '#app/auth/session.server.ts'
import type { Db, OrganizationStatus, UserRow } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import type { Identifier } from './auth.schema.ts'
import { ORG_ROLES, type OrgRole } from './taxonomy.ts'

/** The signed-in person as every guard returns it: re-read from the database on each request (R19). */
export type CurrentUser = {
	id: number
	email: string | null
	phone: string | null
	name: string | null
	isAdmin: boolean
	/** Set for a one-time password (admin:create): everything but the account page redirects there. */
	mustChangePassword: boolean
	orgRole: 'owner' | 'member' | null
	organizationId: number | null
	organization: { id: number; name: string; roles: OrgRole[]; status: OrganizationStatus } | null
}

export type SessionUserRow = {
	session_key: string
	expires_at: string
	last_seen_at: string
	user_id: number
	email: string | null
	phone: string | null
	name: string | null
	is_admin: number
	must_change_password: number
	user_status: 'active' | 'disabled'
	org_role: 'owner' | 'member' | null
	organization_id: number | null
	org_id: number | null
	org_name: string | null
	org_roles: string | null
	org_status: OrganizationStatus | null
}

/** The session row with its user and organization, by the stored (hashed) session key. */
export async function getSessionUserRow(db: Db, sessionKey: string): Promise<SessionUserRow | undefined> {
	return db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.leftJoin('organization', 'organization.id', 'user.organization_id')
		.select([
			'session.id as session_key',
			'session.expires_at',
			'session.last_seen_at',
			'user.id as user_id',
			'user.email',
			'user.phone',
			'user.name',
			'user.is_admin',
			'user.must_change_password',
			'user.status as user_status',
			'user.org_role',
			'user.organization_id',
			'organization.id as org_id',
			'organization.name as org_name',
			'organization.roles as org_roles',
			'organization.status as org_status',
		])
		.where('session.id', '=', sessionKey)
		.executeTakeFirst()
}

/** Parses the roles JSON column, keeping only known roles. */
export function parseRoles(json: string | null): OrgRole[] {
	if (!json) return []
	try {
		const value: unknown = JSON.parse(json)
		return Array.isArray(value) ? ORG_ROLES.filter((r) => value.includes(r)) : []
	} catch {
		return []
	}
}

export function toCurrentUser(row: SessionUserRow): CurrentUser {
	return {
		id: row.user_id,
		email: row.email,
		phone: row.phone,
		name: row.name,
		isAdmin: row.is_admin === 1,
		mustChangePassword: row.must_change_password === 1,
		orgRole: row.org_id === null ? null : row.org_role,
		organizationId: row.org_id,
		organization:
			row.org_id === null
				? null
				: {
						id: row.org_id,
						name: row.org_name ?? '',
						roles: parseRoles(row.org_roles),
						status: row.org_status ?? 'pending',
					},
	}
}

/** A user by email or phone (canonical spelling, see parseIdentifier). */
export async function getUserByIdentifier(db: Db, id: Identifier): Promise<UserRow | undefined> {
	return db
		.selectFrom('user')
		.selectAll()
		.where(id.kind === 'email' ? 'email' : 'phone', '=', id.value)
		.executeTakeFirst()
}

/** Updates the display name. */
export async function updateUserName(db: Db, userId: number, name: string): Promise<void> {
	await db.updateTable('user').set({ name, updated_at: new Date().toISOString() }).where('id', '=', userId).execute()
}

/**
 * Disables or re-enables a user (zone administrators). Disabling ends every session of that user
 * at once, so the next request from any of their cookies is anonymous (R3, R19).
 */
export async function setUserStatus(
	db: Db,
	actor: { id: number; organizationId: number | null },
	userId: number,
	status: 'active' | 'disabled',
	ip: string | null = null,
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const user = await trx.selectFrom('user').select(['id', 'status']).where('id', '=', userId).executeTakeFirst()
		if (!user) return false
		if (user.status !== status) {
			await trx
				.updateTable('user')
				.set({ status, updated_at: new Date().toISOString() })
				.where('id', '=', userId)
				.execute()
			await recordAudit(trx, {
				actorUserId: actor.id,
				actorOrgId: actor.organizationId,
				action: status === 'disabled' ? 'user.disable' : 'user.enable',
				objectType: 'user',
				objectId: userId,
				fromStatus: user.status,
				toStatus: status,
				ip,
			})
		}
		if (status === 'disabled') await destroyUserSessions(trx, userId)
		return true
	})
}

/** Whether any user exists with a password someone could know (R14: there is no default account). */
export async function countUsers(db: Db): Promise<number> {
	const row = await db
		.selectFrom('user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
	return Number(row.n)
}
