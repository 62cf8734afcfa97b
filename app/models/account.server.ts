import { createHash, randomBytes } from 'node:crypto'
import {
	generateOneTimePassword,
	hashPassword,
	needsRehash,
	newPasswordProblem,
	verifyAgainstDummy,
	verifyPassword,
	type PasswordProblem,
} from '#app/auth/password.server.ts'
import { destroyUserSessions } from '#app/auth/session.server.ts'
import { enqueueSearchSync } from '#app/search/outbox.server.ts'
import type { Db, OrganizationStatus, UserRow } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import { maskIdentifier, parseIdentifier, type Identifier } from './auth.schema.ts'
import { queueEmail, type MailOptions } from './mail.server.ts'
import type { OrgRegistrationInput } from './org-account.schema.ts'
import { ORG_ROLES, type OrgRole } from './taxonomy.ts'
import { getUserByIdentifier } from './user.server.ts'

/**
 * Accounts: sign-up, login checks, password change and reset, organization registration,
 * invitations and membership. Passwords are hashed before a transaction opens (a hash takes
 * ~0.3 s and must not hold SQLite's one connection); every change writes its audit row in the
 * same transaction (R29).
 */

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export type RequestMeta = { ip: string | null }
export type LinkMeta = RequestMeta & { origin: string; mail?: MailOptions }

export type FieldError = { field: string; message: string }

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
	tooShort: 'errors.passwordTooShort',
	tooLong: 'errors.passwordTooLong',
	common: 'errors.passwordCommon',
	sameAsIdentifier: 'errors.passwordSameAsIdentifier',
}

/** The password rules that need the server (common list, account name), as a field error key. */
export function passwordError(password: string, identifiers: Array<string | null | undefined>): string | null {
	const problem = newPasswordProblem(password, identifiers)
	return problem ? PASSWORD_MESSAGES[problem] : null
}

function nowIso(): string {
	return new Date().toISOString()
}

function isUniqueViolation(error: unknown): boolean {
	return error instanceof Error && /UNIQUE constraint failed/.test(error.message)
}

function newToken(): { token: string; hash: string } {
	const token = randomBytes(32).toString('base64url')
	return { token, hash: hashToken(token) }
}

/** One-time tokens are stored hashed: the database never holds a usable link. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url')
}

function identifierColumns(id: Identifier): { email: string | null; phone: string | null } {
	return id.kind === 'email' ? { email: id.value, phone: null } : { email: null, phone: id.value }
}

// ——— sign-up and login ———

export type SignUpResult = { ok: true; userId: number } | { ok: false; error: FieldError }

/** Creates a user without an organization (they register or join one next). */
export async function signUp(
	db: Db,
	input: { identifier: Identifier; name: string; password: string },
	meta: RequestMeta,
): Promise<SignUpResult> {
	const weak = passwordError(input.password, [input.identifier.value])
	if (weak) return { ok: false, error: { field: 'password', message: weak } }
	if (await getUserByIdentifier(db, input.identifier)) {
		return { ok: false, error: { field: 'identifier', message: 'errors.identifierTaken' } }
	}
	const passwordHash = await hashPassword(input.password)
	try {
		const userId = await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('user')
				.values({ ...identifierColumns(input.identifier), name: input.name, password_hash: passwordHash })
				.returning('id')
				.executeTakeFirstOrThrow()
			await recordAudit(trx, {
				actorUserId: row.id,
				actorOrgId: null,
				action: 'user.signup',
				objectType: 'user',
				objectId: row.id,
				toStatus: 'active',
				detail: { via: input.identifier.kind },
				ip: meta.ip,
			})
			return row.id
		})
		return { ok: true, userId }
	} catch (error) {
		// Two sign-ups for the same identifier at once: the unique index decides.
		if (isUniqueViolation(error))
			return { ok: false, error: { field: 'identifier', message: 'errors.identifierTaken' } }
		throw error
	}
}

export type LoginResult = { ok: true; user: UserRow } | { ok: false; reason: 'unknown' | 'password' | 'disabled' }

/**
 * Checks a login and writes its audit row (success or failure, exactly one). Unknown accounts
 * cost the same time as known ones. The attempted identifier is not stored: people type
 * passwords into the account field.
 */
export async function authenticate(
	db: Db,
	input: { identifier: Identifier; password: string },
	meta: RequestMeta,
): Promise<LoginResult> {
	const user = await getUserByIdentifier(db, input.identifier)
	const valid = user
		? await verifyPassword(input.password, user.password_hash)
		: await verifyAgainstDummy(input.password)
	const result: LoginResult = !user
		? { ok: false, reason: 'unknown' }
		: !valid
			? { ok: false, reason: 'password' }
			: user.status !== 'active'
				? { ok: false, reason: 'disabled' }
				: { ok: true, user }
	// Upgrade hashes made with older parameters while we hold the plain password.
	const rehash = result.ok && needsRehash(result.user.password_hash) ? await hashPassword(input.password) : null
	await db.transaction().execute(async (trx) => {
		if (rehash && user) {
			await trx
				.updateTable('user')
				.set({ password_hash: rehash, updated_at: nowIso() })
				.where('id', '=', user.id)
				.execute()
		}
		await recordAudit(trx, {
			actorUserId: user?.id ?? null,
			actorOrgId: user?.organization_id ?? null,
			action: result.ok ? 'auth.login' : 'auth.login_failed',
			objectType: 'user',
			objectId: user?.id ?? 'unknown',
			detail: result.ok ? { via: input.identifier.kind } : { via: input.identifier.kind, reason: result.reason },
			ip: meta.ip,
		})
	})
	return result
}

/** Records a logout (the route deletes the session row). */
export async function recordLogout(
	db: Db,
	user: { id: number; organizationId: number | null },
	meta: RequestMeta,
): Promise<void> {
	await recordAudit(db, {
		actorUserId: user.id,
		actorOrgId: user.organizationId,
		action: 'auth.logout',
		objectType: 'user',
		objectId: user.id,
		ip: meta.ip,
	})
}

// ——— passwords ———

export type ChangePasswordResult = { ok: true } | { ok: false; error: FieldError }

/**
 * Changes a password after checking the current one, and ends every session of the user — all
 * devices, including this one; the route starts a fresh session for the person at the keyboard.
 */
export async function changePassword(
	db: Db,
	userId: number,
	input: { currentPassword: string; password: string },
	meta: RequestMeta,
): Promise<ChangePasswordResult> {
	const user = await db.selectFrom('user').selectAll().where('id', '=', userId).executeTakeFirst()
	if (!user || user.status !== 'active')
		return { ok: false, error: { field: 'currentPassword', message: 'errors.currentPasswordWrong' } }
	if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
		return { ok: false, error: { field: 'currentPassword', message: 'errors.currentPasswordWrong' } }
	}
	const weak = passwordError(input.password, [user.email, user.phone])
	if (weak) return { ok: false, error: { field: 'password', message: weak } }
	if (input.password === input.currentPassword)
		return { ok: false, error: { field: 'password', message: 'errors.passwordUnchanged' } }
	const passwordHash = await hashPassword(input.password)
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() })
			.where('id', '=', userId)
			.execute()
		const ended = await destroyUserSessions(trx, userId)
		await recordAudit(trx, {
			actorUserId: userId,
			actorOrgId: user.organization_id,
			action: 'user.password_change',
			objectType: 'user',
			objectId: userId,
			detail: { sessionsEnded: ended },
			ip: meta.ip,
		})
	})
	return { ok: true }
}

/**
 * Sends a one-time reset link when the account exists and is active; says nothing either way
 * (the page shows the same message), so the form can't be used to find accounts.
 */
export async function requestPasswordReset(db: Db, identifier: Identifier, meta: LinkMeta): Promise<void> {
	const user = await getUserByIdentifier(db, identifier)
	if (!user || user.status !== 'active') return
	const { token, hash } = newToken()
	const link = `${meta.origin}/reset-password/${token}`
	const to = identifier.value
	await db.transaction().execute(async (trx) => {
		// Only the newest link works: older unused ones are spent.
		await trx
			.updateTable('one_time_token')
			.set({ used_at: nowIso() })
			.where('purpose', '=', 'password_reset')
			.where('user_id', '=', user.id)
			.where('used_at', 'is', null)
			.execute()
		await trx
			.insertInto('one_time_token')
			.values({
				purpose: 'password_reset',
				token_hash: hash,
				user_id: user.id,
				email: to,
				expires_at: new Date(Date.now() + RESET_TOKEN_TTL_MS).toISOString(),
			})
			.execute()
		await queueEmail(
			trx,
			{
				to,
				subject: '重置密码 Reset your RenewMatch password',
				body: [
					'您好，',
					'',
					'我们收到了重置焕新撮合平台账号密码的请求。请在 60 分钟内打开下面的链接设置新密码（链接只能使用一次）：',
					link,
					'',
					'如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
					'',
					'Someone asked to reset the password of your RenewMatch account. Open the link above within',
					'60 minutes to choose a new password (it works once). If it was not you, ignore this message.',
				].join('\n'),
			},
			meta.mail,
		)
		await recordAudit(trx, {
			actorUserId: null,
			actorOrgId: null,
			action: 'user.password_reset_request',
			objectType: 'user',
			objectId: user.id,
			detail: { via: identifier.kind },
			ip: meta.ip,
		})
	})
}

type TokenRow = {
	id: number
	user_id: number | null
	organization_id: number | null
	email: string | null
	expires_at: string
	used_at: string | null
}

async function findToken(
	db: Db,
	purpose: 'password_reset' | 'invitation',
	token: string,
): Promise<TokenRow | undefined> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined
	return db
		.selectFrom('one_time_token')
		.select(['id', 'user_id', 'organization_id', 'email', 'expires_at', 'used_at'])
		.where('purpose', '=', purpose)
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst()
}

function tokenUsable(row: TokenRow | undefined): row is TokenRow {
	return !!row && row.used_at === null && Date.parse(row.expires_at) > Date.now()
}

/** Whether a reset link is still good, and for whom (masked). */
export async function getPasswordReset(db: Db, token: string): Promise<{ who: string } | null> {
	const row = await findToken(db, 'password_reset', token)
	if (!tokenUsable(row) || row.user_id === null) return null
	return { who: maskIdentifier(row.email ?? '') }
}

export type ResetResult = { ok: true; userId: number } | { ok: false; error: FieldError | 'invalidToken' }

/** Sets a new password from a reset link; the link works once, and every session ends. */
export async function resetPassword(db: Db, token: string, password: string, meta: RequestMeta): Promise<ResetResult> {
	const row = await findToken(db, 'password_reset', token)
	if (!tokenUsable(row) || row.user_id === null) return { ok: false, error: 'invalidToken' }
	const user = await db
		.selectFrom('user')
		.select(['id', 'email', 'phone', 'status', 'organization_id'])
		.where('id', '=', row.user_id)
		.executeTakeFirst()
	if (!user || user.status !== 'active') return { ok: false, error: 'invalidToken' }
	const weak = passwordError(password, [user.email, user.phone])
	if (weak) return { ok: false, error: { field: 'password', message: weak } }
	const passwordHash = await hashPassword(password)
	const spent = await db.transaction().execute(async (trx) => {
		// The conditional update is the one-time check: of two concurrent uses, one updates 0 rows.
		const claimed = await trx
			.updateTable('one_time_token')
			.set({ used_at: nowIso() })
			.where('id', '=', row.id)
			.where('used_at', 'is', null)
			.where('expires_at', '>', nowIso())
			.executeTakeFirst()
		if (Number(claimed.numUpdatedRows) !== 1) return false
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() })
			.where('id', '=', user.id)
			.execute()
		const ended = await destroyUserSessions(trx, user.id)
		await recordAudit(trx, {
			actorUserId: user.id,
			actorOrgId: user.organization_id,
			action: 'user.password_reset',
			objectType: 'user',
			objectId: user.id,
			detail: { sessionsEnded: ended },
			ip: meta.ip,
		})
		return true
	})
	return spent ? { ok: true, userId: user.id } : { ok: false, error: 'invalidToken' }
}

// ——— organizations ———

export type RegisterOrgResult = { ok: true; organizationId: number } | { ok: false; error: FieldError }

/** Registers an organization with the user as its owner; it stays pending until an administrator verifies it. */
export async function registerOrganization(
	db: Db,
	userId: number,
	input: OrgRegistrationInput,
	meta: RequestMeta,
): Promise<RegisterOrgResult> {
	const roles = ORG_ROLES.filter((r) => input.roles.includes(r))
	try {
		return await db.transaction().execute(async (trx): Promise<RegisterOrgResult> => {
			const user = await trx
				.selectFrom('user')
				.select(['id', 'organization_id', 'status'])
				.where('id', '=', userId)
				.executeTakeFirst()
			if (!user || user.status !== 'active') return { ok: false, error: { field: '', message: 'errors.invalid' } }
			if (user.organization_id !== null) return { ok: false, error: { field: '', message: 'errors.alreadyInOrg' } }
			const taken = await trx.selectFrom('organization').select('id').where('uscc', '=', input.uscc).executeTakeFirst()
			if (taken) return { ok: false, error: { field: 'uscc', message: 'errors.usccTaken' } }
			const org = await trx
				.insertInto('organization')
				.values({
					ref: `web-${randomBytes(6).toString('hex')}`,
					name: input.name,
					name_en: input.nameEn,
					uscc: input.uscc,
					roles: JSON.stringify(roles),
					in_zone: input.inZone ? 1 : 0,
					area: input.inZone ? (input.area ?? null) : null,
					industry: input.industry,
					contact_person: input.contactPerson,
					contact_phone: input.contactPhone,
					status: 'pending',
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await trx
				.updateTable('user')
				.set({ organization_id: org.id, org_role: 'owner', updated_at: nowIso() })
				.where('id', '=', userId)
				.execute()
			await recordAudit(trx, {
				actorUserId: userId,
				actorOrgId: org.id,
				action: 'organization.register',
				objectType: 'organization',
				objectId: org.id,
				fromStatus: null,
				toStatus: 'pending',
				detail: { roles },
				ip: meta.ip,
			})
			// The relay decides from the row whether a pending organization is public; we only say it changed.
			await enqueueSearchSync(trx, 'organization', org.id)
			return { ok: true, organizationId: org.id }
		})
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, error: { field: 'uscc', message: 'errors.usccTaken' } }
		throw error
	}
}

/**
 * Moves an organization to verified / rejected / disabled / pending (zone administrators). Its
 * public listing and its products' listings change, so all of them go to the search outbox.
 */
export async function setOrganizationStatus(
	db: Db,
	actor: { id: number; organizationId: number | null },
	organizationId: number,
	status: OrganizationStatus,
	reason: string | null,
	meta: RequestMeta,
): Promise<{ ok: true; from: OrganizationStatus } | { ok: false }> {
	return db.transaction().execute(async (trx) => {
		const org = await trx
			.selectFrom('organization')
			.select(['id', 'status'])
			.where('id', '=', organizationId)
			.executeTakeFirst()
		if (!org) return { ok: false as const }
		await trx
			.updateTable('organization')
			.set({ status, status_reason: reason, updated_at: nowIso() })
			.where('id', '=', organizationId)
			.execute()
		await recordAudit(trx, {
			actorUserId: actor.id,
			actorOrgId: actor.organizationId,
			action: 'organization.status',
			objectType: 'organization',
			objectId: organizationId,
			fromStatus: org.status,
			toStatus: status,
			detail: reason ? { reason } : {},
			ip: meta.ip,
		})
		await enqueueSearchSync(trx, 'organization', organizationId)
		const products = await trx
			.selectFrom('product')
			.select('id')
			.where('organization_id', '=', organizationId)
			.execute()
		await enqueueSearchSync(
			trx,
			'product',
			products.map((p) => p.id),
		)
		return { ok: true as const, from: org.status }
	})
}

export type OrganizationSummary = {
	id: number
	name: string
	nameEn: string | null
	uscc: string
	roles: OrgRole[]
	inZone: boolean
	area: string | null
	industry: string | null
	contactPerson: string | null
	contactPhone: string | null
	status: OrganizationStatus
	statusReason: string | null
}

// ——— members and invitations ———

export type Member = {
	id: number
	name: string | null
	email: string | null
	phone: string | null
	orgRole: 'owner' | 'member'
	joinedAt: string
}
export type PendingInvitation = { id: number; who: string; expiresAt: string; createdAt: string }

/** The organization's members, owner first. */
export async function listMembers(db: Db, organizationId: number): Promise<Member[]> {
	const rows = await db
		.selectFrom('user')
		.select(['id', 'name', 'email', 'phone', 'org_role', 'updated_at'])
		.where('organization_id', '=', organizationId)
		.where('status', '=', 'active')
		.orderBy('org_role', 'desc')
		.orderBy('id')
		.execute()
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		phone: r.phone,
		orgRole: r.org_role ?? 'member',
		joinedAt: r.updated_at,
	}))
}

/** Invitations not yet used, revoked or expired. */
export async function listPendingInvitations(db: Db, organizationId: number): Promise<PendingInvitation[]> {
	const rows = await db
		.selectFrom('one_time_token')
		.select(['id', 'email', 'expires_at', 'created_at'])
		.where('purpose', '=', 'invitation')
		.where('organization_id', '=', organizationId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', nowIso())
		.orderBy('id', 'desc')
		.execute()
	return rows.map((r) => ({
		id: r.id,
		who: maskIdentifier(r.email ?? ''),
		expiresAt: r.expires_at,
		createdAt: r.created_at,
	}))
}

export type InviteResult = { ok: true; link: string; invitationId: number } | { ok: false; error: FieldError }

/**
 * Invites a person (by email or mobile) into the owner's organization with a one-time link,
 * sent through the outbox and shown to the owner once to pass on.
 */
export async function inviteMember(
	db: Db,
	owner: { id: number; organizationId: number },
	identifier: Identifier,
	meta: LinkMeta,
): Promise<InviteResult> {
	const existing = await getUserByIdentifier(db, identifier)
	if (existing && existing.organization_id === owner.organizationId) {
		return { ok: false, error: { field: 'identifier', message: 'errors.alreadyMember' } }
	}
	if (existing && existing.organization_id !== null) {
		return { ok: false, error: { field: 'identifier', message: 'errors.inOtherOrg' } }
	}
	const org = await db
		.selectFrom('organization')
		.select(['id', 'name'])
		.where('id', '=', owner.organizationId)
		.executeTakeFirstOrThrow()
	const { token, hash } = newToken()
	const link = `${meta.origin}/invite/${token}`
	const invitationId = await db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('one_time_token')
			.values({
				purpose: 'invitation',
				token_hash: hash,
				organization_id: owner.organizationId,
				email: identifier.value,
				created_by: owner.id,
				expires_at: new Date(Date.now() + INVITATION_TTL_MS).toISOString(),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		await queueEmail(
			trx,
			{
				to: identifier.value,
				subject: `邀请加入「${org.name}」 Invitation to join ${org.name} on RenewMatch`,
				body: [
					`您好，您被邀请加入焕新撮合平台上的企业「${org.name}」。请在 7 天内打开以下链接接受邀请（链接只能使用一次）：`,
					link,
					'',
					`You have been invited to join ${org.name} on RenewMatch. Open the link above within 7 days (it works once).`,
				].join('\n'),
			},
			meta.mail,
		)
		await recordAudit(trx, {
			actorUserId: owner.id,
			actorOrgId: owner.organizationId,
			action: 'organization.invite',
			objectType: 'invitation',
			objectId: row.id,
			detail: { via: identifier.kind },
			ip: meta.ip,
		})
		return row.id
	})
	return { ok: true, link, invitationId }
}

export type InvitationInfo = {
	id: number
	organizationId: number
	organizationName: string
	who: string
	identifier: Identifier
}

/** A usable invitation by its link token. */
export async function getInvitation(db: Db, token: string): Promise<InvitationInfo | null> {
	const row = await findToken(db, 'invitation', token)
	if (!tokenUsable(row) || row.organization_id === null || !row.email) return null
	const identifier = parseIdentifier(row.email)
	if (!identifier) return null
	const org = await db
		.selectFrom('organization')
		.select(['id', 'name', 'status'])
		.where('id', '=', row.organization_id)
		.executeTakeFirst()
	if (!org || org.status === 'disabled' || org.status === 'rejected') return null
	return { id: row.id, organizationId: org.id, organizationName: org.name, who: maskIdentifier(row.email), identifier }
}

export type AcceptResult =
	{ ok: true; organizationId: number } | { ok: false; error: 'invalidToken' | 'wrongAccount' | 'alreadyInOrg' }

async function claimInvitation(trx: Db, invitationId: number): Promise<boolean> {
	const claimed = await trx
		.updateTable('one_time_token')
		.set({ used_at: nowIso() })
		.where('id', '=', invitationId)
		.where('purpose', '=', 'invitation')
		.where('used_at', 'is', null)
		.where('expires_at', '>', nowIso())
		.executeTakeFirst()
	return Number(claimed.numUpdatedRows) === 1
}

/** A signed-in user accepts an invitation addressed to their email or phone; the link then is spent. */
export async function acceptInvitation(
	db: Db,
	token: string,
	user: { id: number; email: string | null; phone: string | null; organizationId: number | null },
	meta: RequestMeta,
): Promise<AcceptResult> {
	const invitation = await getInvitation(db, token)
	if (!invitation) return { ok: false, error: 'invalidToken' }
	const mine = invitation.identifier.value === (invitation.identifier.kind === 'email' ? user.email : user.phone)
	if (!mine) return { ok: false, error: 'wrongAccount' }
	if (user.organizationId !== null) return { ok: false, error: 'alreadyInOrg' }
	return db.transaction().execute(async (trx): Promise<AcceptResult> => {
		if (!(await claimInvitation(trx, invitation.id))) return { ok: false, error: 'invalidToken' }
		const joined = await trx
			.updateTable('user')
			.set({ organization_id: invitation.organizationId, org_role: 'member', updated_at: nowIso() })
			.where('id', '=', user.id)
			.where('organization_id', 'is', null)
			.executeTakeFirst()
		if (Number(joined.numUpdatedRows) !== 1) throw new Error('user joined another organization meanwhile')
		await recordAudit(trx, {
			actorUserId: user.id,
			actorOrgId: invitation.organizationId,
			action: 'organization.member_join',
			objectType: 'user',
			objectId: user.id,
			detail: { invitationId: invitation.id },
			ip: meta.ip,
		})
		return { ok: true, organizationId: invitation.organizationId }
	})
}

export type InviteSignUpResult = { ok: true; userId: number } | { ok: false; error: FieldError | 'invalidToken' }

/** Creates an account for the invited email/phone and joins the organization in one step. */
export async function signUpWithInvitation(
	db: Db,
	token: string,
	input: { name: string; password: string },
	meta: RequestMeta,
): Promise<InviteSignUpResult> {
	const invitation = await getInvitation(db, token)
	if (!invitation) return { ok: false, error: 'invalidToken' }
	if (await getUserByIdentifier(db, invitation.identifier)) {
		return { ok: false, error: { field: '', message: 'errors.inviteHasAccount' } }
	}
	const weak = passwordError(input.password, [invitation.identifier.value])
	if (weak) return { ok: false, error: { field: 'password', message: weak } }
	const passwordHash = await hashPassword(input.password)
	try {
		return await db.transaction().execute(async (trx): Promise<InviteSignUpResult> => {
			if (!(await claimInvitation(trx, invitation.id))) return { ok: false, error: 'invalidToken' }
			const row = await trx
				.insertInto('user')
				.values({
					...identifierColumns(invitation.identifier),
					name: input.name,
					password_hash: passwordHash,
					organization_id: invitation.organizationId,
					org_role: 'member',
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await recordAudit(trx, {
				actorUserId: row.id,
				actorOrgId: invitation.organizationId,
				action: 'organization.member_join',
				objectType: 'user',
				objectId: row.id,
				detail: { invitationId: invitation.id, newAccount: true },
				ip: meta.ip,
			})
			return { ok: true, userId: row.id }
		})
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, error: { field: '', message: 'errors.inviteHasAccount' } }
		throw error
	}
}

/** The owner removes a member: they leave the organization and every session of theirs ends. */
export async function removeMember(
	db: Db,
	owner: { id: number; organizationId: number },
	memberId: number,
	meta: RequestMeta,
): Promise<boolean> {
	if (memberId === owner.id) return false
	return db.transaction().execute(async (trx) => {
		const removed = await trx
			.updateTable('user')
			.set({ organization_id: null, org_role: null, updated_at: nowIso() })
			.where('id', '=', memberId)
			.where('organization_id', '=', owner.organizationId)
			.where('org_role', '=', 'member')
			.executeTakeFirst()
		if (Number(removed.numUpdatedRows) !== 1) return false
		const ended = await destroyUserSessions(trx, memberId)
		await recordAudit(trx, {
			actorUserId: owner.id,
			actorOrgId: owner.organizationId,
			action: 'organization.member_remove',
			objectType: 'user',
			objectId: memberId,
			fromStatus: 'member',
			toStatus: null,
			detail: { sessionsEnded: ended },
			ip: meta.ip,
		})
		return true
	})
}

/** The owner withdraws an unused invitation. */
export async function revokeInvitation(
	db: Db,
	owner: { id: number; organizationId: number },
	invitationId: number,
	meta: RequestMeta,
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const revoked = await trx
			.updateTable('one_time_token')
			.set({ used_at: nowIso() })
			.where('id', '=', invitationId)
			.where('purpose', '=', 'invitation')
			.where('organization_id', '=', owner.organizationId)
			.where('used_at', 'is', null)
			.executeTakeFirst()
		if (Number(revoked.numUpdatedRows) !== 1) return false
		await recordAudit(trx, {
			actorUserId: owner.id,
			actorOrgId: owner.organizationId,
			action: 'organization.invite_revoke',
			objectType: 'invitation',
			objectId: invitationId,
			ip: meta.ip,
		})
		return true
	})
}

// ——— administrators ———

export type CreateAdminResult =
	{ ok: true; userId: number; email: string; oneTimePassword: string } | { ok: false; error: 'invalidEmail' | 'exists' }

/**
 * Creates a zone administrator with a random one-time password that must be changed at first
 * login (R14: no default account exists, and the CLI is the only way to make an admin).
 */
export async function createAdmin(db: Db, input: { email: string; name?: string | null }): Promise<CreateAdminResult> {
	const id = parseIdentifier(input.email)
	if (!id || id.kind !== 'email') return { ok: false, error: 'invalidEmail' }
	if (await getUserByIdentifier(db, id)) return { ok: false, error: 'exists' }
	const oneTimePassword = generateOneTimePassword()
	const passwordHash = await hashPassword(oneTimePassword)
	try {
		const userId = await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('user')
				.values({
					email: id.value,
					name: input.name ?? null,
					password_hash: passwordHash,
					is_admin: 1,
					must_change_password: 1,
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await recordAudit(trx, {
				actorUserId: null,
				actorOrgId: null,
				action: 'user.admin_create',
				objectType: 'user',
				objectId: row.id,
				toStatus: 'active',
				detail: { via: 'cli' },
			})
			return row.id
		})
		return { ok: true, userId, email: id.value, oneTimePassword }
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, error: 'exists' }
		throw error
	}
}
