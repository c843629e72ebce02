import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { DB } from '../store/schema.js';
import { TlogError } from '../tlog/errors.js';
import type { TransparencyLog } from '../tlog/log.js';
import { parseTilePath, TILE_WIDTH } from '../tlog/tiles.js';

/** A logged entry with its RFC 9162 §2.1.3 inclusion proof against the latest signed checkpoint. */
export interface EntryProof {
  readonly pending: false;
  readonly eventId: string;
  readonly leafIndex: number;
  /** The entry bytes as text: canonical JSON (RFC 8785); its leaf hash is SHA-256(0x00 ‖ UTF-8). */
  readonly entry: string;
  /** Audit path, base64, leaf to root. */
  readonly inclusionProof: string[];
  /** Tree size of `checkpoint`. */
  readonly treeSize: number;
  /** The complete signed note the proof verifies against. */
  readonly checkpoint: string;
}

/** An entry queued or integrated but not yet covered by a signed checkpoint (normally < 1 s). */
export interface PendingEntryProof {
  readonly pending: true;
  readonly eventId: string;
  readonly entry: string;
}

export type EntryProofResult = EntryProof | PendingEntryProof;

interface Row {
  event_id: string;
  entry: string;
  leaf_index: number | null;
  id: number;
}

async function prove(log: TransparencyLog, rows: readonly Row[]): Promise<EntryProofResult[]> {
  // One checkpoint for the whole answer, so every proof verifies against the note returned.
  const cp = await log.latestCheckpoint();
  return Promise.all(
    rows.map(async (r): Promise<EntryProofResult> => {
      const leafIndex = r.leaf_index === null ? null : Number(r.leaf_index);
      if (cp === null || leafIndex === null || leafIndex >= cp.size) return { pending: true, eventId: r.event_id, entry: r.entry };
      const proof = await log.proveInclusion(leafIndex, cp.size);
      return {
        pending: false,
        eventId: r.event_id,
        leafIndex,
        entry: r.entry,
        inclusionProof: proof.map((h) => h.toString('base64')),
        treeSize: cp.size,
        checkpoint: cp.note,
      };
    }),
  );
}

/** The entry logged for the public event `eventId` with its proof; null if no such entry exists. */
export async function entryProof(deps: { db: Kysely<DB> }, tlog: { log: TransparencyLog }, eventId: string): Promise<EntryProofResult | null> {
  const row = await deps.db.selectFrom('tlog_entries').select(['event_id', 'entry', 'leaf_index', 'id']).where('event_id', '=', eventId).executeTakeFirst();
  if (row === undefined) return null;
  const [out] = await prove(tlog.log, [row]);
  return out ?? null;
}

/**
 * Every entry logged for document `documentId`, in log order (by leaf index; entries not yet in
 * the tree last, in queue order), each with its proof against the same checkpoint. Callers pick a
 * version's entries by the `version` and `action` fields of the entry JSON.
 */
export async function documentEntryProofs(deps: { db: Kysely<DB> }, tlog: { log: TransparencyLog }, documentId: string): Promise<EntryProofResult[]> {
  const rows = await deps.db.selectFrom('tlog_entries').select(['event_id', 'entry', 'leaf_index', 'id']).where('document_id', '=', documentId).execute();
  const key = (r: Row): number => (r.leaf_index === null ? Number.MAX_SAFE_INTEGER : Number(r.leaf_index));
  rows.sort((a, b) => key(a) - key(b) || Number(a.id) - Number(b.id));
  return prove(tlog.log, rows);
}

/** The latest signed checkpoint note (C2SP tlog-checkpoint). AppError('not_found') before the first. */
export async function latestCheckpointNote(tlog: { log: TransparencyLog }): Promise<string> {
  const cp = await tlog.log.latestCheckpoint();
  if (cp === null) throw new AppError('not_found', { message: 'no checkpoint has been signed yet' });
  return cp.note;
}

/**
 * The bytes of a hash tile or entry bundle at `path` (`tile/…`, C2SP tlog-tiles), and whether it
 * is full (immutable: cacheable forever). AppError('validation_failed') for a non-canonical path,
 * AppError('not_found') for a tile beyond the latest checkpoint.
 */
export async function logTile(tlog: { log: TransparencyLog }, path: string): Promise<{ data: Buffer; full: boolean }> {
  let full: boolean;
  try {
    full = parseTilePath(path).width === TILE_WIDTH;
  } catch (err) {
    if (err instanceof TlogError) throw new AppError('validation_failed', { message: err.message, fields: [{ field: 'path', code: 'bad_tile_path' }] });
    throw err;
  }
  try {
    return { data: await tlog.log.readTile(path), full };
  } catch (err) {
    if (err instanceof TlogError && err.code === 'out_of_range') throw new AppError('not_found', { message: err.message });
    throw err;
  }
}
