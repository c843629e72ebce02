import { TlogError } from './errors.js';
import { HASH_SIZE } from './hash.js';
import type { HashReader } from './merkle.js';
import { storedHashIndex } from './stored-hash.js';

/** C2SP tlog-tiles: tiles have height 8 (each tile level spans 8 Merkle levels). */
export const TILE_HEIGHT = 8;
/** C2SP tlog-tiles: a full tile holds 2^8 = 256 hashes (8,192 bytes); a full bundle 256 entries. */
export const TILE_WIDTH = 256;
/** C2SP tlog-tiles: `<L>` is between 0 and 63. */
export const MAX_TILE_LEVEL = 63;

/**
 * A Merkle hash tile: hashes `index·256 … index·256 + width − 1` at Merkle level `8·level`, i.e.
 * MTH(D[(index·256 + i)·256^level : (index·256 + i + 1)·256^level]) for i < width (C2SP
 * tlog-tiles §Merkle Tree). `width` is 1…256; 256 is a full tile, anything less a partial one.
 */
export interface HashTile {
  readonly kind: 'hash';
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** An entry bundle: the entries of leaves `index·256 … index·256 + width − 1` (C2SP tlog-tiles §Log entries). */
export interface EntryBundleTile {
  readonly kind: 'entries';
  readonly index: number;
  readonly width: number;
}

/** Anything served under `<prefix>/tile/`: a hash tile or an entry bundle. */
export type TileRef = HashTile | EntryBundleTile;

/** One level of a tree's tiling: how many full tiles, and the width of the right-edge partial (0: none). */
export interface TileLevel {
  readonly level: number;
  readonly fullTiles: number;
  readonly partialWidth: number;
}

/**
 * C2SP tlog-tiles: encodes N as zero-padded 3-digit groups, `x` before every group but the last:
 * 1234067 → `x001/x234/067`, 5 → `005`.
 */
export function formatTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  const groups: string[] = [];
  let v = n;
  do {
    groups.unshift(String(v % 1000).padStart(3, '0'));
    v = Math.floor(v / 1000);
  } while (v > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile or bundle relative to the log prefix: `tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`. */
export function formatTilePath(tile: TileRef): string {
  checkTile(tile);
  const head = tile.kind === 'entries' ? 'tile/entries' : `tile/${tile.level}`;
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : '';
  return `${head}/${formatTileIndex(tile.index)}${partial}`;
}

function checkTile(tile: TileRef): void {
  if (!Number.isSafeInteger(tile.index) || tile.index < 0) throw new RangeError(`bad tile index ${tile.index}`);
  if (!Number.isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH) {
    throw new RangeError(`tile width must be 1…256, got ${tile.width}`);
  }
  if (tile.kind === 'hash' && (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL)) {
    throw new RangeError(`tile level must be 0…63, got ${tile.level}`);
  }
}

const malformed = (path: string): TlogError => new TlogError('malformed', `not a canonical tile path: ${JSON.stringify(path)}`);

/**
 * Parses a tile path (no leading slash, relative to the log prefix) and accepts only the
 * canonical form `formatTilePath` produces: L in 0…63 and W in 1…255 without leading zeros,
 * 3-digit N groups with `x` on all but the last and no leading `x000` group, N a safe integer.
 * Throws TlogError('malformed') otherwise.
 */
export function parseTilePath(path: string): TileRef {
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!m) throw malformed(path);
  const [, levelText, indexText, widthText] = m;
  if (levelText === undefined || indexText === undefined) throw malformed(path);
  const groups = indexText.split('/');
  // Canonical: a multi-group index must not start with x000 (1234067 is x001/x234/067, never x000/x001/…).
  if (groups.length > 1 && groups[0] === 'x000') throw malformed(path);
  if (groups.length > 6) throw malformed(path); // ≥ 10^18 exceeds 2^53 anyway
  let index = 0;
  for (const g of groups) index = index * 1000 + Number(g.replace('x', ''));
  if (!Number.isSafeInteger(index)) throw malformed(path);
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  // W is 1…255 on partial tiles only: a full tile never carries `.p/256`.
  if (widthText !== undefined && width >= TILE_WIDTH) throw malformed(path);
  if (levelText === 'entries') return { kind: 'entries', index, width };
  const level = Number(levelText);
  if (level > MAX_TILE_LEVEL) throw malformed(path);
  return { kind: 'hash', level, index, width };
}

/**
 * C2SP tlog-tiles §Partial Tiles: the tiling of a tree of `size` leaves. At level l there are
 * floor(s / 256^(l+1)) full tiles and a partial tile of width floor(s / 256^l) mod 256 (0 means
 * none: empty tiles must not be served). Levels stop at the first one with no hashes, so size
 * 256 gives one full level-0 tile and a level-1 partial of width 1; size 0 gives [].
 */
export function tileLevels(size: number): TileLevel[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
  const out: TileLevel[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    if (hashes === 0) break;
    out.push({ level, fullTiles: Math.floor(hashes / TILE_WIDTH), partialWidth: hashes % TILE_WIDTH });
  }
  return out;
}

/**
 * The hash tiles that exist at `newSize` but not (with the same width) at `oldSize`: new full
 * tiles and each level's new right-edge partial. Entry bundles mirror the level-0 tiles.
 * Useful to pre-render or cache-bust after an append; requires oldSize ≤ newSize.
 */
export function newTiles(oldSize: number, newSize: number): HashTile[] {
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || !Number.isSafeInteger(newSize) || oldSize > newSize) {
    throw new RangeError(`bad tree sizes ${oldSize} → ${newSize}`);
  }
  const out: HashTile[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const oldHashes = Math.floor(oldSize / TILE_WIDTH ** level);
    const newHashes = Math.floor(newSize / TILE_WIDTH ** level);
    if (newHashes === 0) break;
    if (newHashes === oldHashes) continue;
    const first = Math.floor(oldHashes / TILE_WIDTH);
    const last = Math.floor((newHashes - 1) / TILE_WIDTH);
    for (let index = first; index <= last; index++) {
      out.push({ kind: 'hash', level, index, width: Math.min(TILE_WIDTH, newHashes - index * TILE_WIDTH) });
    }
  }
  return out;
}

/** The smallest tree size that contains the whole tile (so it may be served for that tree). */
export function tileMinTreeSize(tile: TileRef): number {
  checkTile(tile);
  const level = tile.kind === 'hash' ? tile.level : 0;
  return (tile.index * TILE_WIDTH + tile.width) * TILE_WIDTH ** level;
}

/** Stored-hash indexes of a hash tile's hashes, in tile order (Merkle level 8·L, see stored-hash.ts). */
export function tileHashIndexes(tile: HashTile): number[] {
  checkTile(tile);
  const out: number[] = [];
  for (let i = 0; i < tile.width; i++) out.push(storedHashIndex(TILE_HEIGHT * tile.level, tile.index * TILE_WIDTH + i));
  return out;
}

/**
 * A hash tile's bytes: its `width` hashes concatenated (full tiles are 8,192 bytes), read in one
 * batch. Rejects if the tree does not yet contain the whole tile.
 */
export async function readTileData(reader: HashReader, tile: HashTile): Promise<Buffer> {
  const hashes = await reader.readHashes(tileHashIndexes(tile));
  if (hashes.length !== tile.width || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new Error('tiles: HashReader returned a wrong number or size of hashes');
  }
  return Buffer.concat(hashes);
}
