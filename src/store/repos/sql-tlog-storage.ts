import type { Kysely, Transaction } from 'kysely';
import { TlogError } from '../../tlog/errors.js';
import type { AppendBatch, StoredCheckpoint, TlogStorage } from '../../tlog/storage.js';
import { storedHashCount } from '../../tlog/stored-hash.js';
import { isUniqueViolation } from '../dialect/dialect.js';
import type { DB } from '../schema.js';

/** `tlog_hashes`: one stored Merkle hash per row, by stored-hash index (migration 003). */
export interface TlogHashTable {
  idx: number;
  hash: Buffer;
}

/** `tlog_tree`: the single row (id 1) holding the tree size. */
export interface TlogTreeTable {
  id: number;
  size: number;
}

/** `tlog_checkpoint`: the single row (id 1) holding the latest signed checkpoint. */
export interface TlogCheckpointTable {
  id: number;
  note: string;
  size: number;
  /** UTC epoch milliseconds. */
  signed_at: number;
}

/** The store schema including the log's own tables (migration 003). */
export type TlogDB = DB & { tlog_hashes: TlogHashTable; tlog_tree: TlogTreeTable; tlog_checkpoint: TlogCheckpointTable };

/** One queued entry not yet in the tree. */
export interface PendingEntry {
  readonly id: number;
  readonly entry: string;
}

/** Rows per INSERT: 2 parameters a row stays far below PostgreSQL's 65,535 and SQLite's 32,766. */
const INSERT_CHUNK = 5_000;

/**
 * `TlogStorage` over the app's Kysely store, on SQLite and PostgreSQL (migration 003).
 *
 * It honours every rule of the contract in src/tlog/storage.ts:
 * 1. Linearizable: it reads the primary database only, with no cache.
 * 2. Atomic append: one transaction first compare-and-sets the size row (`UPDATE … WHERE size =
 *    oldSize`, 0 rows → `TlogError('conflict')`; on PostgreSQL the UPDATE row-locks it, so a
 *    concurrent appender waits and then fails the same check), then assigns the leaf indexes and
 *    inserts the hashes. Any failure rolls all of it back.
 * 3. Append-only: hash rows are protected by database triggers; `leaf_index` is only ever set
 *    from NULL.
 * 4. Durable: each transaction has committed when its promise resolves.
 * 5. Checkpoint CAS: a conditional UPDATE on the note (or an INSERT for the first one, a duplicate
 *    key meaning someone else won), with the size checked against the tree in that transaction.
 *
 * Extra precondition of `append`: the entries are not arbitrary bytes but the queue of
 * `tlog_entries` (written by commands with their events). A batch must equal, byte for byte and
 * in order, the oldest pending rows (leaf_index NULL, by id); otherwise the append is rejected
 * with 'conflict' and nothing is written (e.g. a row with a lower id committed late: the
 * sequencer simply reads the queue again). So the log can only ever hold entries that were
 * committed together with their public event. Entries must be UTF-8 text.
 */
export class SqlTlogStorage implements TlogStorage {
  readonly #db: Kysely<TlogDB>;
  /** The queue head as last read, so `append` can check it by id instead of reading every entry again. */
  #lastPending: PendingEntry[] = [];

  constructor(db: Kysely<DB>) {
    this.#db = db.withTables<{ tlog_hashes: TlogHashTable; tlog_tree: TlogTreeTable; tlog_checkpoint: TlogCheckpointTable }>();
  }

  async readTreeSize(): Promise<number> {
    return treeSize(this.#db);
  }

  /** Up to `limit` queued entries not yet in the tree, oldest (lowest id) first. */
  async readPending(limit: number): Promise<PendingEntry[]> {
    const rows = await this.#db.selectFrom('tlog_entries').select(['id', 'entry']).where('leaf_index', 'is', null).orderBy('id').limit(limit).execute();
    this.#lastPending = rows.map((r) => ({ id: Number(r.id), entry: r.entry }));
    return this.#lastPending;
  }

  async append(batch: AppendBatch): Promise<void> {
    const n = batch.entries.length;
    const newSize = batch.oldSize + n;
    if (batch.hashes.firstIndex !== storedHashCount(batch.oldSize) || batch.hashes.firstIndex + batch.hashes.hashes.length !== storedHashCount(newSize)) {
      throw new Error('sql tlog storage: hash batch does not match the entries');
    }
    if (n === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      // The compare-and-set comes first: it takes the row lock that serialises appenders.
      const cas = await trx.updateTable('tlog_tree').set({ size: newSize }).where('id', '=', 1).where('size', '=', batch.oldSize).executeTakeFirst();
      if (Number(cas.numUpdatedRows) !== 1) throw new TlogError('conflict', `append against size ${batch.oldSize}, but the tree has moved`);
      await assignLeafIndexes(trx, batch, this.#lastPending);
      const hashes = batch.hashes.hashes;
      for (let i = 0; i < hashes.length; i += INSERT_CHUNK) {
        const values = hashes.slice(i, i + INSERT_CHUNK).map((hash, j) => ({ idx: batch.hashes.firstIndex + i + j, hash }));
        await trx.insertInto('tlog_hashes').values(values).execute();
      }
    });
  }

  async readHashes(indexes: readonly number[]): Promise<Buffer[]> {
    if (indexes.length === 0) return [];
    const wanted = [...new Set(indexes)];
    const found = new Map<number, Buffer>();
    for (let i = 0; i < wanted.length; i += INSERT_CHUNK) {
      const rows = await this.#db.selectFrom('tlog_hashes').select(['idx', 'hash']).where('idx', 'in', wanted.slice(i, i + INSERT_CHUNK)).execute();
      for (const r of rows) found.set(Number(r.idx), Buffer.from(r.hash));
    }
    return indexes.map((i) => {
      const h = found.get(i);
      if (h === undefined) throw new TlogError('out_of_range', `no stored hash at index ${i}`);
      return h;
    });
  }

  async readEntries(start: number, end: number): Promise<Buffer[]> {
    // Size first: entries below it were committed with it and never change (rule 3).
    const size = await treeSize(this.#db);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > size) {
      throw new TlogError('out_of_range', `entries [${start}, ${end}) outside tree of size ${size}`);
    }
    if (start === end) return [];
    const rows = await this.#db
      .selectFrom('tlog_entries')
      .select(['leaf_index', 'entry'])
      .where('leaf_index', '>=', start)
      .where('leaf_index', '<', end)
      .orderBy('leaf_index')
      .execute();
    if (rows.length !== end - start || rows.some((r, i) => Number(r.leaf_index) !== start + i)) {
      throw new TlogError('inconsistent', `entries [${start}, ${end}) are missing from a tree of size ${size}`);
    }
    return rows.map((r) => Buffer.from(r.entry, 'utf8'));
  }

  async readCheckpoint(): Promise<StoredCheckpoint | null> {
    const row = await this.#db.selectFrom('tlog_checkpoint').select(['note', 'size', 'signed_at']).where('id', '=', 1).executeTakeFirst();
    return row === undefined ? null : { note: row.note, size: Number(row.size), signedAt: Number(row.signed_at) };
  }

  async writeCheckpoint(expected: string | null, next: StoredCheckpoint): Promise<void> {
    const values = { note: next.note, size: next.size, signed_at: next.signedAt };
    try {
      await this.#db.transaction().execute(async (trx) => {
        // The tree only grows, so a size read here bounds the durable size at commit.
        if (next.size > (await treeSize(trx))) throw new TlogError('inconsistent', 'checkpoint beyond the stored tree');
        if (expected === null) {
          await trx.insertInto('tlog_checkpoint').values({ id: 1, ...values }).execute();
          return;
        }
        const r = await trx.updateTable('tlog_checkpoint').set(values).where('id', '=', 1).where('note', '=', expected).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new TlogError('conflict', 'checkpoint changed concurrently');
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new TlogError('conflict', 'checkpoint changed concurrently');
      throw err;
    }
  }
}

async function treeSize(db: Kysely<TlogDB> | Transaction<TlogDB>): Promise<number> {
  const row = await db.selectFrom('tlog_tree').select('size').where('id', '=', 1).executeTakeFirst();
  if (row === undefined) throw new TlogError('inconsistent', 'tlog_tree has no size row (migration 003 not applied?)');
  return Number(row.size);
}

/**
 * Gives the batch's entries leaf indexes oldSize, oldSize + 1, … after checking that they are,
 * in order, the oldest pending rows. Ids are usually consecutive, so this is one UPDATE per run
 * of consecutive ids (`leaf_index = id + delta`) rather than one per row.
 */
async function assignLeafIndexes(trx: Transaction<TlogDB>, batch: AppendBatch, lastRead: readonly PendingEntry[]): Promise<void> {
  const n = batch.entries.length;
  let rows: { id: number | string }[];
  const known = lastRead.length >= n && batch.entries.every((e, i) => lastRead[i] !== undefined && e.equals(Buffer.from(lastRead[i].entry, 'utf8')));
  if (known) {
    // The batch is what this storage just read: rows are immutable apart from leaf_index, so the
    // same ids still at the head of the queue hold the same entries. Check the ids only.
    rows = await trx.selectFrom('tlog_entries').select('id').where('leaf_index', 'is', null).orderBy('id').limit(n).execute();
    if (rows.length !== n || rows.some((r, i) => Number(r.id) !== lastRead[i]?.id)) throw new TlogError('conflict', 'the batch is not the head of the pending entry queue');
  } else {
    const full = await trx.selectFrom('tlog_entries').select(['id', 'entry']).where('leaf_index', 'is', null).orderBy('id').limit(n).execute();
    if (full.length !== n || full.some((r, i) => batch.entries[i]?.equals(Buffer.from(r.entry, 'utf8')) !== true)) {
      throw new TlogError('conflict', 'the batch is not the head of the pending entry queue');
    }
    rows = full;
  }
  let updated = 0;
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    const prev = rows[i - 1];
    const cur = rows[i];
    if (cur !== undefined && prev !== undefined && Number(cur.id) === Number(prev.id) + 1) continue;
    const first = rows[runStart];
    if (first === undefined || prev === undefined) throw new Error('sql tlog storage: empty run');
    const delta = batch.oldSize + runStart - Number(first.id);
    const r = await trx
      .updateTable('tlog_entries')
      .set((eb) => ({ leaf_index: eb('id', '+', delta) }))
      .where('id', '>=', Number(first.id))
      .where('id', '<=', Number(prev.id))
      .where('leaf_index', 'is', null)
      .executeTakeFirst();
    updated += Number(r.numUpdatedRows);
    runStart = i;
  }
  if (updated !== n) throw new TlogError('conflict', `assigned ${updated} of ${n} leaf indexes`);
}
