/**
 * The tree half of `gongkai audit` (issue 4 §6): recomputes the Merkle tree from the entry rows
 * and compares it with every stored hash, which are the bytes the tiles are served from
 * (`readTileData` reads them unchanged), then checks the latest checkpoint's signature and root.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import type { TlogCheckpointTable, TlogHashTable, TlogTreeTable } from '../store/repos/sql-tlog-storage.js';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { leafHash } from '../tlog/hash.js';
import { MerkleBuilder } from '../tlog/merkle-builder.js';
import { openNote, type NoteVerifier } from '../tlog/note.js';
import { splitStoredHashIndex, storedHashCount } from '../tlog/stored-hash.js';
import { formatTileIndex, TILE_HEIGHT, TILE_WIDTH } from '../tlog/tiles.js';
import type { AuditSink } from './audit-log.js';

const PAGE = 5_000;

type TreeDB = Kysely<DB & { tlog_hashes: TlogHashTable; tlog_tree: TlogTreeTable; tlog_checkpoint: TlogCheckpointTable }>;

/** Where a stored hash is served: `tile/<L>/<N>` (C2SP tlog-tiles), or nowhere (levels between tile levels). */
function tileOf(level: number, n: number): string {
  if (level % TILE_HEIGHT !== 0) return `Merkle level ${level}, not served in a tile`;
  return `tile/${level / TILE_HEIGHT}/${formatTileIndex(Math.floor(n / TILE_WIDTH))}`;
}

function entryLabel(text: string): string {
  try {
    const e: unknown = JSON.parse(text);
    if (typeof e === 'object' && e !== null && 'index_number' in e && 'version' in e) return `${String(e.index_number)} v${String(e.version)}`;
  } catch {
    /* not JSON: fall through */
  }
  return 'unparseable entry';
}

/** Tree facts for the summary. */
export interface TreeCounts {
  treeSize: number;
  checkpointSize: number | null;
  storedHashes: number;
  pending: number;
}

/**
 * Recomputes the tree leaf by leaf. Missing leaves (deleted entry rows) are reported and filled
 * in with their stored leaf hash so the rest of the tree is still compared; every stored hash that
 * differs from the recomputed one is reported with the tile serving it.
 */
export async function auditTree(db: Kysely<DB>, verifier: NoteVerifier, sink: AuditSink): Promise<TreeCounts> {
  const tdb: TreeDB = db.withTables<{ tlog_hashes: TlogHashTable; tlog_tree: TlogTreeTable; tlog_checkpoint: TlogCheckpointTable }>();
  const size = Number((await tdb.selectFrom('tlog_tree').select('size').where('id', '=', 1).executeTakeFirst())?.size ?? 0);
  const cpRow = await tdb.selectFrom('tlog_checkpoint').select(['note', 'size']).where('id', '=', 1).executeTakeFirst();
  const cpSize = cpRow === undefined ? null : Number(cpRow.size);
  const pending = Number((await tdb.selectFrom('tlog_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('leaf_index', 'is', null).executeTakeFirstOrThrow()).n);

  const beyond = await tdb.selectFrom('tlog_entries').select(['id', 'event_id', 'leaf_index', 'entry']).where('leaf_index', '>=', size).execute();
  for (const r of beyond) sink.report('entry_beyond_tree', `tlog_entries id ${Number(r.id)} (${entryLabel(r.entry)})`, `leaf index ${Number(r.leaf_index)} is beyond the tree size ${size}: not written by the sequencer`);

  const builder = MerkleBuilder.empty();
  let cpRoot: Buffer | null = cpSize === 0 ? builder.root() : null;
  let next = 0;
  while (next < size) {
    const end = Math.min(size, next + PAGE, cpSize !== null && next < cpSize ? cpSize : size);
    const rows = await tdb.selectFrom('tlog_entries').select(['id', 'leaf_index', 'entry']).where('leaf_index', '>=', next).where('leaf_index', '<', end).orderBy('leaf_index').execute();
    const byLeaf = new Map(rows.map((r) => [Number(r.leaf_index), r]));
    const firstIndex = storedHashCount(next);
    const stored = await tdb.selectFrom('tlog_hashes').select(['idx', 'hash']).where('idx', '>=', firstIndex).where('idx', '<', storedHashCount(end)).orderBy('idx').execute();
    const storedAt = new Map(stored.map((r) => [Number(r.idx), Buffer.from(r.hash)]));
    const leaves: Buffer[] = [];
    for (let i = next; i < end; i++) {
      const row = byLeaf.get(i);
      if (row !== undefined) {
        leaves.push(leafHash(Buffer.from(row.entry, 'utf8')));
        continue;
      }
      sink.report('leaf_gap', `leaf ${i}`, `the tree has ${size} leaves but no entry row holds leaf index ${i}: an entry was deleted`);
      // Keep comparing the rest of the tree with the stored leaf hash in its place.
      leaves.push(storedAt.get(storedHashCount(i)) ?? Buffer.alloc(32));
    }
    const made = builder.append(leaves);
    made.hashes.forEach((h, j) => {
      const idx = made.firstIndex + j;
      const have = storedAt.get(idx);
      const { level, n } = splitStoredHashIndex(idx);
      if (have === undefined) {
        sink.report('hash_missing', `stored hash ${idx}`, `no stored hash at (level ${level}, ${n}) in a tree of size ${size} (${tileOf(level, n)})`);
      } else if (!have.equals(h)) {
        const what = level === 0 ? `leaf ${n} (${entryLabel(byLeaf.get(n)?.entry ?? '')}): the entry row no longer hashes to the stored leaf hash` : `the hash of leaves [${n * 2 ** level}, ${(n + 1) * 2 ** level}) does not match the entries`;
        sink.report('hash_mismatch', `stored hash ${idx} (${tileOf(level, n)})`, what);
      }
    });
    next = end;
    if (cpSize !== null && next === cpSize) cpRoot = builder.root();
    sink.progress(leaves.length);
  }

  const count = Number((await tdb.selectFrom('tlog_hashes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (count !== storedHashCount(size)) sink.report('hash_beyond_tree', 'tlog_hashes', `${count} stored hashes, but a tree of size ${size} has ${storedHashCount(size)}`);

  if (cpRow === undefined || cpSize === null) {
    if (size > 0) sink.report('checkpoint_invalid', 'tlog_checkpoint', `the tree has ${size} leaves but no checkpoint was ever signed`);
  } else {
    checkCheckpoint(cpRow.note, cpSize, size, cpRoot, verifier, sink);
  }
  return { treeSize: size, checkpointSize: cpSize, storedHashes: count, pending };
}

function checkCheckpoint(note: string, cpSize: number, size: number, root: Buffer | null, verifier: NoteVerifier, sink: AuditSink): void {
  const record = `checkpoint of size ${cpSize}`;
  let text: string;
  try {
    text = openNote(note, [verifier]).text;
  } catch (err) {
    sink.report('checkpoint_invalid', record, `its signature does not verify with ${verifier.name}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const cp = parseCheckpoint(text);
  if (cp.origin !== verifier.name) sink.report('checkpoint_invalid', record, `origin ${cp.origin} is not the log's ${verifier.name}`);
  if (cp.size !== cpSize) sink.report('checkpoint_invalid', record, `the note says size ${cp.size}, the row ${cpSize}`);
  if (cpSize > size) sink.report('checkpoint_invalid', record, `signed over ${cpSize} leaves but the tree has ${size}`);
  else if (root !== null && !cp.rootHash.equals(root)) {
    sink.report('checkpoint_invalid', record, `its root ${cp.rootHash.toString('base64')} is not the root ${root.toString('base64')} recomputed from the entries`);
  }
}
