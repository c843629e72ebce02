import type { Exec } from '../schema.js';

/**
 * The queue of transparency-log entries. Commands call `enqueueLogEntry` inside the transaction
 * of the public event, so an event commits if and only if its entry does; the sequencer later
 * gives each entry its `leaf_index` (in `id` order of discovery) and integrates it into the tree.
 */
export async function enqueueLogEntry(
  trx: Exec,
  row: { eventId: string; documentId: string | null; entry: string; at: string },
): Promise<void> {
  await trx
    .insertInto('tlog_entries')
    .values({ event_id: row.eventId, document_id: row.documentId, entry: row.entry, leaf_index: null, created_at: row.at })
    .execute();
}
