import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { leafHash } from './hash.js';
import { MemoryStorage } from './memory-storage.js';
import { MerkleBuilder } from './merkle-builder.js';
import { treeEdgeIndexes, treeHash } from './merkle.js';
import { splitStoredHashIndex, storedHashCount, storedHashIndex } from './stored-hash.js';

// Independent references: Go's sumdb/tlog StoredHashIndex loop, and RFC 9162 §2.1.1 MTH.
function goStoredHashIndex(level: number, n: number): number {
  let x = n;
  for (let l = level; l > 0; l--) x = 2 * x + 1;
  let i = 0;
  for (; x > 0; x = Math.floor(x / 2)) i += x;
  return i + level;
}
const sha = (...parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest();
function refMTH(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0] ?? Buffer.alloc(0));
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(Buffer.from([1]), refMTH(d.slice(0, k)), refMTH(d.slice(k)));
}
const entries = Array.from({ length: 600 }, (_, i) => crypto.createHash('md5').update(String(i)).digest());

describe('stored-hash addressing', () => {
  it('matches Go StoredHashIndex and round-trips through splitStoredHashIndex', () => {
    for (let level = 0; level <= 12; level++) {
      for (let n = 0; n < 2000; n++) {
        const idx = storedHashIndex(level, n);
        assert.equal(idx, goStoredHashIndex(level, n));
        assert.deepEqual(splitStoredHashIndex(idx), { level, n });
      }
    }
    assert.equal(storedHashIndex(0, 2 ** 40), goStoredHashIndex(0, 2 ** 40));
    assert.equal(storedHashIndex(20, 2 ** 25 + 3), goStoredHashIndex(20, 2 ** 25 + 3));
    assert.deepEqual(splitStoredHashIndex(storedHashIndex(20, 2 ** 25 + 3)), { level: 20, n: 2 ** 25 + 3 });
  });

  it('numbers every index exactly once, in append order', () => {
    for (let i = 0; i < 50_000; i++) {
      const { level, n } = splitStoredHashIndex(i);
      assert.equal(storedHashIndex(level, n), i);
    }
    for (let s = 0; s < 5000; s++) {
      // Go: StoredHashCount(n) = StoredHashIndex(0, n−1) + 1 + trailing ones of n−1.
      let want = s === 0 ? 0 : goStoredHashIndex(0, s - 1) + 1;
      for (let i = s - 1; s > 0 && i % 2 === 1; i = (i - 1) / 2) want++;
      assert.equal(storedHashCount(s), want);
    }
  });
});

describe('MerkleBuilder', () => {
  it('computes the reference root at every size and stores every complete subtree where stored-hash.ts says', () => {
    const b = MerkleBuilder.empty();
    const stored: Buffer[] = [];
    for (let s = 0; s < entries.length; s++) {
      assert.ok(b.root().equals(refMTH(entries.slice(0, s))), `root at size ${s}`);
      const out = b.append([leafHash(entries[s] ?? Buffer.alloc(0))]);
      assert.equal(out.firstIndex, stored.length);
      stored.push(...out.hashes);
      assert.equal(stored.length, storedHashCount(s + 1));
    }
    for (let level = 0; 2 ** level <= entries.length; level++) {
      for (let n = 0; (n + 1) * 2 ** level <= entries.length; n++) {
        const want = refMTH(entries.slice(n * 2 ** level, (n + 1) * 2 ** level));
        assert.ok(stored[storedHashIndex(level, n)]?.equals(want), `hash (${level}, ${n})`);
      }
    }
  });

  it('gives identical output whatever the batch sizes', () => {
    const leaves = entries.map(leafHash);
    const one = MerkleBuilder.empty();
    const all = one.append(leaves).hashes;
    for (const batch of [1, 2, 3, 7, 255, 256, 257, 599]) {
      const b = MerkleBuilder.empty();
      const got: Buffer[] = [];
      for (let i = 0; i < leaves.length; i += batch) got.push(...b.append(leaves.slice(i, i + batch)).hashes);
      assert.equal(got.length, all.length);
      assert.ok(got.every((h, i) => h.equals(all[i] ?? Buffer.alloc(0))), `batch ${batch}`);
      assert.ok(b.root().equals(one.root()));
    }
  });

  it('resumes from storage and from its edge; clones are independent', async () => {
    const storage = new MemoryStorage();
    const first = MerkleBuilder.empty();
    await storage.append({ oldSize: 0, entries: entries.slice(0, 333), hashes: first.append(entries.slice(0, 333).map(leafHash)) });
    const loaded = await MerkleBuilder.load(storage, 333);
    assert.ok(loaded.root().equals(first.root()));
    assert.ok((await treeHash(storage, 333)).equals(first.root()));
    const copy = loaded.clone();
    const rest = entries.slice(333).map(leafHash);
    const a = loaded.append(rest);
    assert.equal(copy.size, 333);
    const fromEdge = MerkleBuilder.fromEdge(333, copy.edge());
    const b = fromEdge.append(rest);
    assert.deepEqual(a.hashes, b.hashes);
    assert.ok(loaded.root().equals(refMTH(entries)));
    assert.equal(treeEdgeIndexes(333).length, 5); // 333 = 256 + 64 + 8 + 4 + 1
    assert.throws(() => MerkleBuilder.fromEdge(333, copy.edge().slice(1)), RangeError);
    assert.throws(() => MerkleBuilder.empty().append([Buffer.alloc(31)]), RangeError);
  });
});
