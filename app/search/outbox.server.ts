import type { Db, SearchEntity } from '#db/schema.ts'

/**
 * Records that an entity's public projection may have changed. Call it inside the same
 * transaction as the write (RELIABILITY R38): the relay re-reads the entity later and sends a
 * full replace or a delete, so the order and the number of rows do not matter.
 */
export async function enqueueSearchSync(trx: Db, entity: SearchEntity, entityIds: number | number[]): Promise<void> {
	const ids = Array.isArray(entityIds) ? entityIds : [entityIds]
	if (ids.length === 0) return
	for (let i = 0; i < ids.length; i += 500) {
		await trx
			.insertInto('search_outbox')
			.values(ids.slice(i, i + 500).map((entity_id) => ({ entity, entity_id })))
			.execute()
	}
}
