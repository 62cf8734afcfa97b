import type { Db } from '#db/schema.ts'

/**
 * The audit trail (RELIABILITY R29): who did what to which object, from which status to which,
 * when (UTC, the column default) and from where. Write it in the same transaction as the change
 * it describes, so a rolled-back change leaves no audit row and a committed one always has one.
 * `detail` never holds passwords, tokens, session ids or contact values.
 */
export type AuditInput = {
	actorUserId: number | null
	actorOrgId: number | null
	action: string
	objectType: string
	objectId: string | number
	fromStatus?: string | null
	toStatus?: string | null
	detail?: Record<string, unknown>
	ip?: string | null
}

/** Appends one audit row. */
export async function recordAudit(trx: Db, input: AuditInput): Promise<void> {
	await trx
		.insertInto('audit_event')
		.values({
			actor_user_id: input.actorUserId,
			actor_org_id: input.actorOrgId,
			action: input.action,
			object_type: input.objectType,
			object_id: String(input.objectId),
			from_status: input.fromStatus ?? null,
			to_status: input.toStatus ?? null,
			detail: JSON.stringify(input.detail ?? {}),
			ip: input.ip ?? null,
		})
		.execute()
}

export type AuditEvent = {
	id: number
	actorUserId: number | null
	actorOrgId: number | null
	action: string
	objectType: string
	objectId: string
	fromStatus: string | null
	toStatus: string | null
	detail: Record<string, unknown>
	ip: string | null
	createdAt: string
}

/** The newest audit events, optionally of one action or about one object. */
export async function listAuditEvents(
	db: Db,
	filter: { action?: string; objectType?: string; objectId?: string | number; limit?: number } = {},
): Promise<AuditEvent[]> {
	let q = db
		.selectFrom('audit_event')
		.selectAll()
		.orderBy('id', 'desc')
		.limit(Math.min(filter.limit ?? 100, 1000))
	if (filter.action) q = q.where('action', '=', filter.action)
	if (filter.objectType) q = q.where('object_type', '=', filter.objectType)
	if (filter.objectId !== undefined) q = q.where('object_id', '=', String(filter.objectId))
	const rows = await q.execute()
	return rows.map((r) => ({
		id: r.id,
		actorUserId: r.actor_user_id,
		actorOrgId: r.actor_org_id,
		action: r.action,
		objectType: r.object_type,
		objectId: r.object_id,
		fromStatus: r.from_status,
		toStatus: r.to_status,
		detail: safeJson(r.detail),
		ip: r.ip,
		createdAt: r.created_at,
	}))
}

function safeJson(text: string): Record<string, unknown> {
	try {
		const v: unknown = JSON.parse(text)
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
	} catch {
		return {}
	}
}
