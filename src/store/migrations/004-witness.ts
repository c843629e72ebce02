import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Witnessing (issue 4 §7, C2SP tlog-witness), both sides:
 *
 * - `witness_state`: this instance as a witness. One row per witnessed origin holding the latest
 *   checkpoint it cosigned (size, root hash and the note as received, kept as evidence). It is
 *   replaced by compare-and-swap on (size, root hash), the first row inserted (a duplicate key
 *   meaning another instance won), so that checking the old size and recording the new
 *   checkpoint are atomic across instances (tlog-witness §add-checkpoint, the rollback race).
 * - `tlog_cosignatures`: this instance's log as a client of witnesses. One row per witness
 *   (keyed by its verifier key string): the checkpoint text it last cosigned, its size, and the
 *   witness's signature lines, appended to `/log/checkpoint` while that text is current.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('witness_state')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', ops.bytesType, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tlog_cosignatures')
    .addColumn('witness_key', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('checkpoint_text', 'text', (c) => c.notNull())
    .addColumn('signatures', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
