import type { CurrentUser } from '#app/auth/permissions.server.ts'
import type { Viewer } from '#app/components/user-menu.tsx'
import type { Db } from '#db/schema.ts'
import { countUnread } from './notification.server.ts'

/** The menu's view of the signed-in person: a display name, roles and the unread count — no contact data. */
export async function getViewer(db: Db, user: CurrentUser | null): Promise<Viewer | null> {
	if (!user) return null
	const org = user.organization
	return {
		name: user.name?.trim() || org?.name || maskIdentifier(user.email ?? user.phone ?? ''),
		isAdmin: user.isAdmin,
		roles: org && org.status !== 'disabled' && org.status !== 'rejected' ? org.roles : [],
		hasOrganization: org !== null,
		orgPending: org?.status === 'pending',
		unread: await countUnread(db, user),
	}
}

/** `zhang***@example.cn` / `138****5678`: enough to recognise oneself on a shared screen. */
function maskIdentifier(id: string): string {
	const at = id.indexOf('@')
	if (at > 0) return `${id.slice(0, Math.min(3, at))}***${id.slice(at)}`
	return id.length >= 7 ? `${id.slice(0, 3)}****${id.slice(-4)}` : id
}
