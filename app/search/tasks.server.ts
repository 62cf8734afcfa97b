import type { EnqueuedTask, Task } from 'meilisearch'
import type { Search } from './client.server.ts'

/** A Meilisearch task that ended in anything but `succeeded` (RELIABILITY R39: 202 only means enqueued). */
export class SearchTaskError extends Error {
	readonly task: Task
	constructor(task: Task) {
		super(
			`Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? '-'}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim(),
		)
		this.name = 'SearchTaskError'
		this.task = task
	}
}

/** Waits for a task and returns it only when it succeeded; anything else throws. */
export async function waitForSuccess(
	search: Search,
	enqueued: EnqueuedTask | Promise<EnqueuedTask>,
	timeoutMs = 60_000,
): Promise<Task> {
	const { taskUid } = await enqueued
	// Our own polling with a growing interval: quick for the small updates of the relay (time to
	// searchable), gentle for a 100k-document rebuild. The client's waitForTask polls at a fixed
	// interval and piles an abort listener per poll onto one timeout signal (thousands on a rebuild).
	const deadline = Date.now() + timeoutMs
	let interval = 10
	for (;;) {
		const task = await search.client.tasks.getTask(taskUid)
		if (task.status === 'succeeded') return task
		if (task.status === 'failed' || task.status === 'canceled') throw new SearchTaskError(task)
		if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${timeoutMs} ms`)
		await new Promise((r) => setTimeout(r, interval))
		interval = Math.min(250, Math.ceil(interval * 1.5))
	}
}

/** The Meilisearch error code of a failed call (`index_not_found`, …); class names are minified, codes are not. */
export function meiliErrorCode(error: unknown): string | undefined {
	if (error && typeof error === 'object' && 'cause' in error) {
		const cause = (error as { cause?: unknown }).cause
		if (
			cause &&
			typeof cause === 'object' &&
			'code' in cause &&
			typeof (cause as { code: unknown }).code === 'string'
		) {
			return (cause as { code: string }).code
		}
	}
	return undefined
}

/** True when the index exists; false on index_not_found; other errors (Meilisearch down) are thrown. */
export async function indexExists(search: Search, uid: string): Promise<boolean> {
	try {
		await search.client.getRawIndex(uid)
		return true
	} catch (error) {
		if (meiliErrorCode(error) === 'index_not_found') return false
		throw error
	}
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}
