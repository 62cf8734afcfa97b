import { maskIdentifier } from './auth.schema.ts'
import type { Db } from '#db/schema.ts'

/**
 * Outgoing mail (and SMS, for accounts that have only a phone number) goes to the email_outbox
 * table; a sender can drain it later. Until one exists, development prints the message so a
 * person can follow the link, and /dev/mail shows the outbox. Production logs only a masked
 * recipient and the subject: bodies carry one-time links, which are secrets (RELIABILITY R30).
 */
export type OutgoingMessage = { to: string; subject: string; body: string }

export type MailOptions = {
	/** 'development' prints the body (with its link) to the server log; nothing else does. */
	mode?: 'development' | 'production' | 'test'
	log?: (line: string) => void
}

/** Queues a message in the outbox, in the caller's transaction; returns its id. */
export async function queueEmail(trx: Db, message: OutgoingMessage, options: MailOptions = {}): Promise<number> {
	const row = await trx
		.insertInto('email_outbox')
		.values({ to_address: message.to, subject: message.subject, body: message.body })
		.returning('id')
		.executeTakeFirstOrThrow()
	const log = options.log ?? ((line: string) => console.log(line))
	if (options.mode !== 'test') {
		// JSON keeps a hostile subject or address from forging extra log lines (CR/LF injection).
		log(
			JSON.stringify({
				level: 'info',
				event: 'mail.queued',
				id: row.id,
				to: maskIdentifier(message.to),
				subject: message.subject,
			}),
		)
	}
	if (options.mode === 'development') {
		log(`[renewmatch] dev mail #${row.id} to ${message.to} — ${message.subject}\n${message.body}`)
	}
	return row.id
}

export type OutboxMessage = {
	id: number
	to: string
	subject: string
	body: string
	sentAt: string | null
	createdAt: string
}

/** The newest outbox messages (the development viewer). */
export async function listOutbox(db: Db, limit = 50): Promise<OutboxMessage[]> {
	const rows = await db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute()
	return rows.map((r) => ({
		id: r.id,
		to: r.to_address,
		subject: r.subject,
		body: r.body,
		sentAt: r.sent_at,
		createdAt: r.created_at,
	}))
}
