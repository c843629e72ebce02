import { emptyTreeHash, HASH_SIZE, nodeHash } from './hash.js';
import { storedHashIndex } from './stored-hash.js';

/**
 * Read access to stored Merkle hashes, addressed by stored-hash index (see `stored-hash.ts`).
 *
 * Contract: `readHashes(indexes)` resolves to one 32-byte hash per requested index, in the same
 * order (duplicates allowed). If any requested hash does not exist it must reject rather than
 * return a partial result. Implementations should answer the whole batch in one round trip:
 * every function below asks for everything it needs in a single call.
 */
export interface HashReader {
  readHashes(indexes: readonly number[]): Promise<Buffer[]>;
}

/** A half-open leaf range [lo, hi) whose MTH is one proof element or a tree root. */
type Range = readonly [lo: number, hi: number];

function assertSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

/** Largest power of two strictly less than n (n ≥ 2): RFC 9162 §2.1.1's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Decomposes [lo, hi) into complete subtrees, largest first, as stored-hash indexes.
 * Precondition (always true for RFC 9162 proof ranges and for [0, size)): lo is a multiple of the
 * largest power of two ≤ hi − lo, so every piece is aligned and therefore stored.
 */
function pieces(lo: number, hi: number, out: number[]): void {
  let start = lo;
  while (start < hi) {
    let k = 1;
    let level = 0;
    while (k * 2 <= hi - start) {
      k *= 2;
      level++;
    }
    out.push(storedHashIndex(level, start / k));
    start += k;
  }
}

/**
 * MTH of a range from its complete-subtree pieces: RFC 9162 §2.1.1 splits a non-power-of-two
 * range at its largest power of two, so MTH = node(piece0, MTH(rest)); fold from the right.
 */
function foldPieces(hashes: readonly Buffer[], from: number, to: number): Buffer {
  let h = hashes[to - 1];
  if (h === undefined || to <= from) throw new Error('merkle: missing hashes');
  for (let i = to - 2; i >= from; i--) {
    const left = hashes[i];
    if (left === undefined) throw new Error('merkle: missing hashes');
    h = nodeHash(left, h);
  }
  return h;
}

/** Reads every range's pieces in one batch and returns each range's MTH. */
async function hashRanges(reader: HashReader, ranges: readonly Range[]): Promise<Buffer[]> {
  const indexes: number[] = [];
  const bounds: number[] = [0];
  for (const [lo, hi] of ranges) {
    pieces(lo, hi, indexes);
    bounds.push(indexes.length);
  }
  if (indexes.length === 0) return [];
  const hashes = await reader.readHashes(indexes);
  if (hashes.length !== indexes.length || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new Error('merkle: HashReader returned a wrong number or size of hashes');
  }
  return ranges.map((_, i) => foldPieces(hashes, bounds[i] ?? 0, bounds[i + 1] ?? 0));
}

/**
 * Stored-hash indexes of the complete subtrees making up a tree of `size` leaves, largest first
 * (the tree's "right edge"). Reading them is enough to compute the root or resume appending.
 */
export function treeEdgeIndexes(size: number): number[] {
  assertSize('size', size);
  const out: number[] = [];
  pieces(0, size, out);
  return out;
}

/**
 * RFC 9162 §2.1.1: MTH(D[0:size]) from stored hashes. Size 0 gives SHA-256("") (not zero bytes,
 * unlike Go's sumdb/tlog). Rejects if a needed hash is not stored.
 */
export async function treeHash(reader: HashReader, size: number): Promise<Buffer> {
  assertSize('size', size);
  if (size === 0) return emptyTreeHash();
  const [root] = await hashRanges(reader, [[0, size]]);
  if (root === undefined) throw new Error('merkle: no root');
  return root;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]) as ranges, leaf-side first. */
function inclusionRanges(index: number, size: number): Range[] {
  const topDown: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    // m < k: PATH(m, D[0:k]) : MTH(D[k:n]); else PATH(m − k, D[k:n]) : MTH(D[0:k]).
    if (index < lo + k) {
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      topDown.push([lo, lo + k]);
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 9162 §2.1.3.1: the inclusion proof (audit path) for leaf `index` in the tree of `size`
 * leaves. Requires 0 ≤ index < size and every needed hash stored.
 */
export async function proveInclusion(reader: HashReader, index: number, size: number): Promise<Buffer[]> {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  return hashRanges(reader, inclusionRanges(index, size));
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), as ranges, deepest first. */
function consistencyRanges(oldSize: number, newSize: number): Range[] {
  const topDown: Range[] = [];
  let lo = 0;
  let hi = newSize;
  let b = true;
  for (;;) {
    const m = oldSize - lo;
    // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}.
    if (m === hi - lo) {
      if (!b) topDown.push([lo, hi]);
      break;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      // SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k])
      topDown.push([lo, lo + k]);
      lo += k;
      b = false;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 9162 §2.1.4.1: the consistency proof from the tree of `oldSize` leaves to the tree of
 * `newSize`. Empty when oldSize is 0 (C2SP tlog-witness: "MUST be empty if the old size is zero")
 * or equal to newSize. Requires oldSize ≤ newSize.
 */
export async function proveConsistency(reader: HashReader, oldSize: number, newSize: number): Promise<Buffer[]> {
  assertSize('oldSize', oldSize);
  assertSize('newSize', newSize);
  if (oldSize > newSize) throw new RangeError(`old size ${oldSize} exceeds new size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  return hashRanges(reader, consistencyRanges(oldSize, newSize));
}

/** Halving on numbers up to 2^53 (JS bitwise operators would truncate to 32 bits). */
const half = (x: number): number => Math.floor(x / 2);
const odd = (x: number): boolean => x % 2 === 1;

/**
 * RFC 9162 §2.1.3.2: true iff `proof` shows the leaf with hash `leaf` at `index` is in the tree of
 * `size` leaves whose root is `root`. Never throws on bad input; returns false.
 */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return false;
  // 1. leaf_index ≥ tree_size fails.
  if (index >= size) return false;
  if (leaf.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  // 2.–3. fn = leaf_index, sn = tree_size − 1, r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) return false;
    // 4a. sn = 0 with proof left over fails.
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      // 4b. r = HASH(0x01 ‖ p ‖ r); if LSB(fn) unset, shift until it is set or fn = 0.
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    // 4c. shift once.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn must be 0 and r must equal the root.
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows the tree of `oldSize` leaves with root `oldRoot` is a
 * prefix of the tree of `newSize` leaves with root `newRoot`. Edge cases beyond the RFC text:
 * oldSize = newSize needs an empty proof and equal roots; oldSize = 0 needs an empty proof and
 * `oldRoot` equal to SHA-256("") (every tree extends the empty tree). Never throws.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Buffer[],
  oldRoot: Buffer,
  newRoot: Buffer,
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0) return false;
  if (oldSize > newSize) return false;
  if (oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (oldSize === 0) return proof.length === 0 && oldRoot.equals(emptyTreeHash());
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  // 1. An empty path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPow2(oldSize) ? [oldRoot, ...proof] : [...proof];
  // 3. fn = first − 1, sn = second − 1.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4. While LSB(fn) is set, shift both.
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = first path element.
  const first = path[0];
  if (first === undefined) return false;
  let fr = first;
  let sr = first;
  // 6. For each subsequent element c.
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === undefined) return false;
    // 6a. sn = 0 with path left over fails.
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      // 6b. fr = HASH(0x01 ‖ c ‖ fr), sr = HASH(0x01 ‖ c ‖ sr); if LSB(fn) unset, shift until
      // it is set or fn = 0.
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // Otherwise sr = HASH(0x01 ‖ sr ‖ c).
      sr = nodeHash(sr, c);
    }
    // 6c. shift once.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr = first_hash, sr = second_hash, sn = 0.
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

function isPow2(n: number): boolean {
  let v = n;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
}
