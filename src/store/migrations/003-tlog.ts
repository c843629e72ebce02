import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Storage of the transparency log (`TlogStorage`, see src/tlog/storage.ts), next to the entry
 * queue `tlog_entries` of migration 002, whose `entry` text is the leaf data once `leaf_index` is
 * set (entries are not copied).
 *
 * Decision: one row per stored hash (`tlog_hashes`, keyed by the stored-hash index of
 * src/tlog/stored-hash.ts), not one row per tile.
 * - Rows are written once and never changed, so the table is append-only inside the database
 *   (triggers), matching rule 3 of the storage contract. Tile rows would have to be rewritten as
 *   partial tiles fill up, or kept in one row per width.
 * - An append is one contiguous run of indexes, written in a few multi-row INSERTs (about 2 rows
 *   per entry: ~20,000 rows/s at the 10,000 entries/s goal, well within either database's bulk
 *   insert rate). `readHashes` is one `IN (…)` query; a tile is 256 of them, read the same way.
 * - The cost is ~2 rows of ~45 bytes per entry: ~90 MB at 1,000,000 entries, acceptable.
 *
 * `tlog_tree` holds the tree size in a single row: appends compare-and-set it (UPDATE … WHERE
 * size = old) in the transaction that assigns leaf indexes and writes hashes, which also row-locks
 * it on PostgreSQL. `tlog_checkpoint` holds the latest signed checkpoint in a single row (id 1),
 * replaced by compare-and-swap on its note.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('tlog_hashes')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', ops.bytesType, (c) => c.notNull())
    .execute();
  await ops.makeAppendOnly(db, 'tlog_hashes');

  await db.schema
    .createTable('tlog_tree')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await db.withTables<{ tlog_tree: { id: number; size: number } }>().insertInto('tlog_tree').values({ id: 1, size: 0 }).execute();

  await db.schema
    .createTable('tlog_checkpoint')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .execute();
}
