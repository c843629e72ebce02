/**
 * Stored-hash addressing: where each Merkle tree hash lives in storage.
 *
 * Design (the same numbering as Go's golang.org/x/mod/sumdb/tlog `StoredHashIndex`, so a store
 * written by this module can be read by tools built on that package):
 *
 * - The hash at (level L, index n) is MTH(D[n·2^L : (n+1)·2^L]), the root of a *complete* subtree
 *   of 2^L leaves. Only complete subtrees are stored; hashes on the ragged right edge of a tree
 *   are recomputed from them on demand (RFC 9162 §2.1.1 splits at powers of two, so every MTH of a
 *   range is a fold of complete subtrees).
 * - Each hash gets one integer index, assigned in the order the hashes come into existence when
 *   leaves are appended one by one: appending leaf i writes the leaf hash, then the hash of every
 *   subtree that leaf completes, bottom-up. So a tree of size s holds exactly
 *   `storedHashCount(s) = 2s − popcount(s)` hashes, at indexes 0 … storedHashCount(s) − 1, and an
 *   append batch always writes one contiguous run of indexes. A store can therefore keep hashes in
 *   a flat table keyed by an integer, append-only.
 * - Tile hashes (C2SP tlog-tiles) at tile level T are the stored hashes at Merkle level 8·T, so
 *   tiles are served straight from storage with no hashing.
 *
 * All numbers are JS numbers; indexes stay exact below 2^53, i.e. for trees up to ~2^51 leaves.
 */

const TWO_32 = 0x1_0000_0000;

function popcount32(x: number): number {
  let v = x >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of 1 bits of a non-negative safe integer (bitwise ops are 32-bit in JS, so split). */
export function popcount(n: number): number {
  return popcount32(n % TWO_32) + popcount32(Math.floor(n / TWO_32));
}

function assertNonNegativeInt(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

/**
 * Index of the stored hash for the complete subtree at (level, n), i.e. covering leaves
 * [n·2^level, (n+1)·2^level). That hash is written right after leaf m = (n+1)·2^level − 1, whose
 * leaf hash sits at 2m − popcount(m), followed by one parent per level: hence + level.
 */
export function storedHashIndex(level: number, n: number): number {
  assertNonNegativeInt('level', level);
  assertNonNegativeInt('n', n);
  const m = (n + 1) * 2 ** level - 1;
  if (!Number.isSafeInteger(2 * m)) throw new RangeError('storedHashIndex: tree too large');
  return 2 * m - popcount(m) + level;
}

/** Number of hashes stored for a tree of `size` leaves: 2·size − popcount(size). */
export function storedHashCount(size: number): number {
  assertNonNegativeInt('size', size);
  return 2 * size - popcount(size);
}

function trailingZeros(n: number): number {
  let z = 0;
  let v = n;
  while (v > 0 && v % 2 === 0) {
    v /= 2;
    z++;
  }
  return z;
}

/** Inverse of {@link storedHashIndex}: the (level, n) address of a stored-hash index. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  assertNonNegativeInt('index', index);
  // storedHashIndex(0, n) = 2n − popcount(n) ≤ 2n, so the leaf written just before `index` is at
  // most a few steps after index/2; walk forward (each leaf n adds 1 + trailingZeros(n+1) hashes).
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  while (indexN > index) {
    n--;
    indexN = storedHashIndex(0, n);
  }
  for (;;) {
    const next = indexN + 1 + trailingZeros(n + 1);
    if (next > index) break;
    n++;
    indexN = next;
  }
  const level = index - indexN;
  return { level, n: Math.floor(n / 2 ** level) };
}
