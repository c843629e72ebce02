import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../store/dialect/dialect.js';
import type { DB } from '../store/schema.js';
import type { WitnessedState } from '../tlog/witness.js';

/** `witness_state` (migration 004): the latest checkpoint this witness cosigned, per origin. */
interface WitnessStateTable {
  origin: string;
  size: number;
  root_hash: Buffer;
  note: string;
  /** UTC epoch milliseconds. */
  updated_at: number;
}

/** `tlog_cosignatures` (migration 004): the latest cosignature of this log by each witness. */
interface CosignatureTable {
  witness_key: string;
  size: number;
  checkpoint_text: string;
  /** Signature lines as the witness returned them (verified), each ending in `\n`. */
  signatures: string;
  updated_at: number;
}

type WitnessDB = { witness_state: WitnessStateTable; tlog_cosignatures: CosignatureTable };

function tables(db: Kysely<DB>): Kysely<DB & WitnessDB> {
  return db.withTables<WitnessDB>();
}

/** The recorded state of `origin` at this witness, or null when it never cosigned for it. */
export async function readWitnessState(db: Kysely<DB>, origin: string): Promise<WitnessedState | null> {
  const row = await tables(db).selectFrom('witness_state').select(['size', 'root_hash']).where('origin', '=', origin).executeTakeFirst();
  return row === undefined ? null : { size: Number(row.size), rootHash: Buffer.from(row.root_hash) };
}

/** True when this witness has recorded at least one checkpoint (its key then must not change). */
export async function hasWitnessState(db: Kysely<DB>): Promise<boolean> {
  const row = await tables(db).selectFrom('witness_state').select('origin').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Compare-and-swap of the witness's record for `origin` from `expected` (null: no record) to
 * `next`. Returns false, writing nothing, when another request changed the record first: the
 * caller re-reads and re-evaluates. This makes "old size matches" and "persist the new
 * checkpoint" atomic (C2SP tlog-witness §add-checkpoint), on one instance or several.
 */
export async function casWitnessState(
  db: Kysely<DB>,
  origin: string,
  expected: WitnessedState | null,
  next: { size: number; rootHash: Buffer; note: string; at: number },
): Promise<boolean> {
  const values = { size: next.size, root_hash: next.rootHash, note: next.note, updated_at: next.at };
  if (expected === null) {
    try {
      await tables(db).insertInto('witness_state').values({ origin, ...values }).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
  const r = await tables(db)
    .updateTable('witness_state')
    .set(values)
    .where('origin', '=', origin)
    .where('size', '=', expected.size)
    .where('root_hash', '=', expected.rootHash)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** What this log last obtained from one witness. */
export interface StoredCosignature {
  readonly witnessKey: string;
  /** The tree size the witness last cosigned for this log: the `old` size of the next request. */
  readonly size: number;
  readonly checkpointText: string;
  readonly signatures: string;
}

/** Every stored cosignature of this log, by witness verifier key. */
export async function readCosignatures(db: Kysely<DB>): Promise<Map<string, StoredCosignature>> {
  const rows = await tables(db).selectFrom('tlog_cosignatures').select(['witness_key', 'size', 'checkpoint_text', 'signatures']).execute();
  return new Map(
    rows.map((r) => [r.witness_key, { witnessKey: r.witness_key, size: Number(r.size), checkpointText: r.checkpoint_text, signatures: r.signatures }]),
  );
}

/**
 * Records the latest cosignature by a witness (insert or replace). Only the instance holding the
 * witnessing lock writes; a stale write is harmless, since the witness answers the next request
 * with 409 and its real size.
 */
export async function saveCosignature(db: Kysely<DB>, c: StoredCosignature, at: number): Promise<void> {
  const values = { size: c.size, checkpoint_text: c.checkpointText, signatures: c.signatures, updated_at: at };
  await tables(db)
    .insertInto('tlog_cosignatures')
    .values({ witness_key: c.witnessKey, ...values })
    .onConflict((oc) => oc.column('witness_key').doUpdateSet(values))
    .execute();
}

/** The text of a signed note: everything up to and including the newline before the signatures. */
export function noteTextOf(note: string): string {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? note : note.slice(0, split + 1);
}

/**
 * The checkpoint note with the cosignatures of the configured witnesses appended (after the
 * log's own signature lines), for those witnesses whose latest cosignature is over this very
 * checkpoint text; others are left out until they cosign it. Unchanged when no witness is
 * configured. Clients that do not know a witness key ignore its line (C2SP signed-note).
 */
export async function appendCosignatures(db: Kysely<DB>, witnesses: readonly { key: string }[], note: string): Promise<string> {
  if (witnesses.length === 0) return note;
  const text = noteTextOf(note);
  const rows = await readCosignatures(db);
  const lines = witnesses.map((w) => rows.get(w.key)).filter((r) => r !== undefined && r.checkpointText === text);
  return note + lines.map((r) => r?.signatures ?? '').join('');
}
