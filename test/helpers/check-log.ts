import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { proveInclusion, treeHash, verifyInclusion } from '../../src/tlog/merkle.js';
import { openNote, type NoteVerifier } from '../../src/tlog/note.js';
import type { TlogStorage } from '../../src/tlog/storage.js';
import { storedHashCount, storedHashIndex } from '../../src/tlog/stored-hash.js';

// An independent RFC 9162 §2.1.1 reference over raw entries, sharing no code with src/tlog.
const sha = (...parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest();

/** RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 ‖ entry). */
export const refLeaf = (e: Buffer): Buffer => sha(Buffer.from([0]), e);

/** RFC 9162 §2.1.1 MTH over leaf hashes, recursively, splitting at the largest power of two below n. */
export function refRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] ?? sha();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), refRoot(leaves.slice(0, k)), refRoot(leaves.slice(k)));
}

/**
 * Sunlight's `checkLog()`: re-verifies the whole stored log against the entries the test expects.
 * Entries and tree size match; every stored hash equals the reference MTH of its complete subtree
 * (so tiles served from them are right); the stored root equals the reference root; and the
 * stored checkpoint, if any, verifies with `verifier`, has the stored size and the reference root
 * of that prefix, and proves the first and last leaf of it.
 */
export async function checkLog(storage: TlogStorage, verifier: NoteVerifier, expected: readonly Buffer[]): Promise<void> {
  const size = await storage.readTreeSize();
  assert.equal(size, expected.length, 'tree size');
  const entries = await storage.readEntries(0, size);
  assert.deepEqual(entries.map((e) => e.toString('hex')), expected.map((e) => e.toString('hex')), 'entries');
  const leaves = expected.map(refLeaf);

  const count = storedHashCount(size);
  const stored = await storage.readHashes(Array.from({ length: count }, (_, i) => i));
  for (let level = 0; 2 ** level <= size; level++) {
    const width = 2 ** level;
    for (let n = 0; (n + 1) * width <= size; n++) {
      const want = refRoot(leaves.slice(n * width, (n + 1) * width)).toString('hex');
      assert.equal(stored[storedHashIndex(level, n)]?.toString('hex'), want, `stored hash (${level}, ${n})`);
    }
  }
  await assert.rejects(storage.readHashes([count]), 'no hash beyond the tree');
  assert.equal((await treeHash(storage, size)).toString('hex'), refRoot(leaves).toString('hex'), 'root');

  const cp = await storage.readCheckpoint();
  if (cp === null) return;
  const opened = openNote(cp.note, [verifier]);
  const parsed = parseCheckpoint(opened.text);
  assert.equal(parsed.size, cp.size, 'checkpoint size column');
  assert.ok(cp.size <= size, 'checkpoint within the tree');
  const root = refRoot(leaves.slice(0, cp.size));
  assert.equal(parsed.rootHash.toString('hex'), root.toString('hex'), 'checkpoint root');
  for (const i of cp.size === 0 ? [] : [0, cp.size - 1]) {
    const leaf = leaves[i];
    assert.ok(leaf);
    assert.ok(verifyInclusion(leaf, i, cp.size, await proveInclusion(storage, i, cp.size), root), `inclusion of ${i}`);
  }
}
