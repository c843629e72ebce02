import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyTreeHash, leafHash } from './hash.js';
import { MerkleBuilder } from './merkle-builder.js';
import { proveInclusion, treeHash, verifyInclusion, type HashReader } from './merkle.js';

// ---------------------------------------------------------------------------------------------
// Independent reference: RFC 9162 §2.1 transcribed literally (MTH, PATH), with its
// own SHA-256 calls. Memoised by range only so that checking every (index, size) pair stays fast.
// ---------------------------------------------------------------------------------------------
const MAX = 1100;
const D: Buffer[] = Array.from({ length: MAX }, (_, i) => Buffer.from(`entry ${i}`));
const HASH = (...parts: Buffer[]): Buffer => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const memo = new Map<number, Buffer>();
/** Largest power of two smaller than n (n > 1). */
function kOf(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
/** MTH(D[lo:hi]) per §2.1.1. */
function MTH(lo: number, hi: number): Buffer {
  const key = lo * 4096 + hi;
  const hit = memo.get(key);
  if (hit) return hit;
  const n = hi - lo;
  let out: Buffer;
  if (n === 0) out = HASH();
  else if (n === 1) out = HASH(Buffer.from([0x00]), D[lo] ?? Buffer.alloc(0));
  else {
    const k = kOf(n);
    out = HASH(Buffer.from([0x01]), MTH(lo, lo + k), MTH(lo + k, hi));
  }
  memo.set(key, out);
  return out;
}
/** PATH(m, D[lo:hi]) per §2.1.3.1, m relative to lo. */
function PATH(m: number, lo: number, hi: number): Buffer[] {
  const n = hi - lo;
  if (n === 1) return [];
  const k = kOf(n);
  if (m < k) return [...PATH(m, lo, lo + k), MTH(lo + k, hi)];
  return [...PATH(m - k, lo + k, hi), MTH(lo, lo + k)];
}
// The module under test, fed through a minimal zero-copy HashReader over the builder's output.
const stored: Buffer[] = [];
const builder = MerkleBuilder.empty();
stored.push(...builder.append(D.map(leafHash)).hashes);
const reader: HashReader = {
  readHashes: async (indexes) =>
    indexes.map((i) => {
      const h = stored[i];
      if (h === undefined) throw new Error(`missing hash ${i}`);
      return h;
    }),
};
const sameList = (a: readonly Buffer[], b: readonly Buffer[]): boolean => a.length === b.length && a.every((x, i) => x.equals(b[i] ?? Buffer.alloc(0)));
const flip = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[0] = (c[0] ?? 0) ^ 1;
  return c;
};

describe('merkle tree hashing (RFC 9162 §2.1.1)', () => {
  it('hashes the empty tree to SHA-256("") = e3b0c442…', async () => {
    const want = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    assert.equal(emptyTreeHash().toString('hex'), want);
    assert.equal((await treeHash(reader, 0)).toString('hex'), want);
    assert.equal(MerkleBuilder.empty().root().toString('hex'), want);
  });

  it('matches the reference MTH for every size 1…1100', async () => {
    for (let n = 1; n <= MAX; n++) assert.ok((await treeHash(reader, n)).equals(MTH(0, n)), `size ${n}`);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('equal the reference PATH and verify, for every size 1…1100 and every index', async () => {
    for (let n = 1; n <= MAX; n++) {
      const root = MTH(0, n);
      for (let m = 0; m < n; m++) {
        const proof = await proveInclusion(reader, m, n);
        if (!sameList(proof, PATH(m, 0, n))) assert.fail(`PATH(${m}, ${n}) differs`);
        if (!verifyInclusion(MTH(m, m + 1), m, n, proof, root)) assert.fail(`proof ${m}/${n} does not verify`);
      }
    }
  });

  it('rejects wrong leaves, indexes, sizes, roots and tampered or truncated proofs', async () => {
    for (let n = 1; n <= 300; n += 7) {
      const root = MTH(0, n);
      for (let m = 0; m < n; m += 3) {
        const leaf = MTH(m, m + 1);
        const proof = await proveInclusion(reader, m, n);
        assert.equal(verifyInclusion(flip(leaf), m, n, proof, root), false);
        assert.equal(verifyInclusion(leaf, m, n, proof, flip(root)), false);
        assert.equal(verifyInclusion(leaf, n, n, proof, root), false);
        if (m + 1 < n) assert.equal(verifyInclusion(leaf, m + 1, n, proof, root), false);
        assert.equal(verifyInclusion(leaf, m, n + 1, proof, MTH(0, n + 1)), false);
        assert.equal(verifyInclusion(leaf, m, n, [...proof, root], root), false);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((p, j) => (j === i ? flip(p) : p));
          assert.equal(verifyInclusion(leaf, m, n, bad, root), false);
          assert.equal(verifyInclusion(leaf, m, n, proof.slice(0, i), root), false);
        }
      }
    }
  });

  it('rejects bad arguments', async () => {
    await assert.rejects(proveInclusion(reader, 5, 5), RangeError);
    await assert.rejects(proveInclusion(reader, -1, 5), RangeError);
    await assert.rejects(proveInclusion(reader, 0, MAX + 1));
    assert.equal(verifyInclusion(MTH(0, 1), -1, 1, [], MTH(0, 1)), false);
  });
});

