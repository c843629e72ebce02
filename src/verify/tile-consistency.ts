/**
 * Consistency between two checkpoints of one log, computed by the verifier itself from the log's
 * public hash tiles (C2SP tlog-tiles), so the server is trusted for nothing: the proof is checked
 * against both signed roots (RFC 9162 §2.1.4.2).
 */
import type { Checkpoint } from '../tlog/checkpoint.js';
import { HASH_SIZE, nodeHash } from '../tlog/hash.js';
import { proveConsistency, verifyConsistency, type HashReader } from '../tlog/merkle.js';
import { splitStoredHashIndex } from '../tlog/stored-hash.js';
import { formatTilePath, TILE_HEIGHT, TILE_WIDTH } from '../tlog/tiles.js';

/** Fetches the bytes at a tile path relative to the log prefix (`tile/0/001.p/5`). */
export type TileFetcher = (path: string) => Promise<Buffer>;

/**
 * A `HashReader` for the tree of `size` leaves over its hash tiles. A stored hash at Merkle level
 * 8·T + r covers 2^r consecutive hashes of tile level T (C2SP tlog-tiles §Merkle Tree), all in
 * one tile since 2^r divides 256; it is folded from them. Tiles are fetched once each, at the
 * width the tree of `size` has (full, or the right-edge partial).
 */
export function tileHashReader(size: number, fetchTile: TileFetcher): HashReader {
  const cache = new Map<string, Promise<Buffer>>();
  const tile = (level: number, index: number): Promise<Buffer> => {
    const hashesAtLevel = Math.floor(size / TILE_WIDTH ** level);
    const width = Math.min(TILE_WIDTH, hashesAtLevel - index * TILE_WIDTH);
    const path = formatTilePath({ kind: 'hash', level, index, width });
    let p = cache.get(path);
    if (p === undefined) {
      p = fetchTile(path).then((data) => {
        if (data.length !== width * HASH_SIZE) throw new Error(`tile ${path} has ${data.length} bytes, expected ${width * HASH_SIZE}`);
        return data;
      });
      cache.set(path, p);
    }
    return p;
  };
  const one = async (storedIndex: number): Promise<Buffer> => {
    const { level, n } = splitStoredHashIndex(storedIndex);
    const t = Math.floor(level / TILE_HEIGHT);
    const r = level % TILE_HEIGHT;
    const first = n * 2 ** r;
    const count = 2 ** r;
    if ((first + count) * TILE_WIDTH ** t > size) throw new Error(`hash (${level}, ${n}) is not in a tree of size ${size}`);
    const index = Math.floor(first / TILE_WIDTH);
    const data = await tile(t, index);
    let row: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const at = (first - index * TILE_WIDTH + i) * HASH_SIZE;
      row.push(data.subarray(at, at + HASH_SIZE));
    }
    while (row.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < row.length; i += 2) {
        const [l, rr] = [row[i], row[i + 1]];
        if (l === undefined || rr === undefined) throw new Error('tile fold: odd row');
        next.push(nodeHash(l, rr));
      }
      row = next;
    }
    const h = row[0];
    if (h === undefined) throw new Error('tile fold: empty row');
    return Buffer.from(h);
  };
  return { readHashes: (indexes) => Promise.all(indexes.map(one)) };
}

/**
 * True iff the tree of `older` is a prefix of the tree of `newer` (same origin assumed, sizes
 * `older.size ≤ newer.size`), with the consistency proof computed from `newer`'s tiles.
 */
export async function consistentViaTiles(older: Checkpoint, newer: Checkpoint, fetchTile: TileFetcher): Promise<boolean> {
  if (older.size > newer.size) return false;
  if (older.size === newer.size) return older.rootHash.equals(newer.rootHash);
  const proof = await proveConsistency(tileHashReader(newer.size, fetchTile), older.size, newer.size);
  return verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash);
}
