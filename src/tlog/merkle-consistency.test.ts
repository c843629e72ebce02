import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyTreeHash, leafHash } from './hash.js';
import { MerkleBuilder } from './merkle-builder.js';
import { proveConsistency, verifyConsistency, type HashReader } from './merkle.js';

// ---------------------------------------------------------------------------------------------
// Independent reference: RFC 9162 §2.1 transcribed literally (MTH, PROOF/SUBPROOF), with its
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
/** SUBPROOF(m, D[lo:hi], b) per §2.1.4.1, m relative to lo. */
function SUBPROOF(m: number, lo: number, hi: number, b: boolean): Buffer[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [MTH(lo, hi)];
  const k = kOf(n);
  if (m <= k) return [...SUBPROOF(m, lo, lo + k, b), MTH(lo + k, hi)];
  return [...SUBPROOF(m - k, lo + k, hi, false), MTH(lo, lo + k)];
}
const PROOF = (m: number, n: number): Buffer[] => SUBPROOF(m, 0, n, true);

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

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('equal the reference PROOF and verify, for every pair 1 ≤ old ≤ new ≤ 1100', async () => {
    for (let n = 1; n <= MAX; n++) {
      const newRoot = MTH(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = await proveConsistency(reader, m, n);
        if (!sameList(proof, PROOF(m, n))) assert.fail(`PROOF(${m}, ${n}) differs`);
        if (!verifyConsistency(m, n, proof, MTH(0, m), newRoot)) assert.fail(`proof ${m}→${n} does not verify`);
      }
    }
  });

  it('rejects wrong roots, sizes and tampered or truncated proofs', async () => {
    for (let n = 2; n <= 300; n += 5) {
      const newRoot = MTH(0, n);
      for (let m = 1; m < n; m += 2) {
        const oldRoot = MTH(0, m);
        const proof = await proveConsistency(reader, m, n);
        assert.equal(verifyConsistency(m, n, proof, flip(oldRoot), newRoot), false);
        assert.equal(verifyConsistency(m, n, proof, oldRoot, flip(newRoot)), false);
        assert.equal(verifyConsistency(m, n, [], oldRoot, newRoot), false);
        assert.equal(verifyConsistency(n, m, proof, newRoot, oldRoot), false);
        assert.equal(verifyConsistency(m, n + 1, proof, oldRoot, MTH(0, n + 1)), false);
        assert.equal(verifyConsistency(m, n, [...proof, newRoot], oldRoot, newRoot), false);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((p, j) => (j === i ? flip(p) : p));
          assert.equal(verifyConsistency(m, n, bad, oldRoot, newRoot), false);
          assert.equal(verifyConsistency(m, n, proof.slice(0, i), oldRoot, newRoot), false);
        }
      }
    }
  });

  it('treats old size 0 and old = new per C2SP tlog-witness', async () => {
    assert.deepEqual(await proveConsistency(reader, 0, 17), []);
    assert.equal(verifyConsistency(0, 17, [], emptyTreeHash(), MTH(0, 17)), true);
    assert.equal(verifyConsistency(0, 17, [MTH(0, 1)], emptyTreeHash(), MTH(0, 17)), false);
    assert.equal(verifyConsistency(0, 17, [], MTH(0, 1), MTH(0, 17)), false);
    assert.deepEqual(await proveConsistency(reader, 17, 17), []);
    assert.equal(verifyConsistency(17, 17, [], MTH(0, 17), MTH(0, 17)), true);
    assert.equal(verifyConsistency(17, 17, [], MTH(0, 17), MTH(0, 16)), false);
    await assert.rejects(proveConsistency(reader, 18, 17), RangeError);
  });
});
