import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { TransparencyLog } from '../tlog/log.js';
import { MemoryStorage } from '../tlog/memory-storage.js';
import { generateNoteKey, parseSignerKey } from '../tlog/note-keys.js';
import { proveConsistency, treeHash } from '../tlog/merkle.js';
import { consistentViaTiles, tileHashReader } from './tile-consistency.js';

test('hashes and consistency proofs computed from served tiles equal those from storage, across tile levels', async () => {
  const storage = new MemoryStorage();
  const signer = parseSignerKey(generateNoteKey('example.test/log').signerKey);
  const log = new TransparencyLog({ origin: 'example.test/log', storage, signer, clock: { now: () => 0 } });
  const sizes = [1, 2, 3, 255, 256, 257, 300, 511, 512, 513, 700];
  let size = 0;
  const roots = new Map<number, Buffer>();
  for (const target of sizes) {
    await log.append(Array.from({ length: target - size }, (_, i) => Buffer.from(`entry ${size + i}`)));
    size = target;
    roots.set(size, await treeHash(storage, size));
  }
  await log.sign();
  let fetched = 0;
  const fetchTile = (path: string) => {
    fetched++;
    return log.readTile(path);
  };
  for (const oldSize of sizes) {
    const want = await proveConsistency(storage, oldSize, 700);
    const got = await proveConsistency(tileHashReader(700, fetchTile), oldSize, 700);
    assert.deepEqual(got.map((h) => h.toString('hex')), want.map((h) => h.toString('hex')), `proof ${oldSize} → 700`);
    const root = roots.get(oldSize);
    assert.ok(root);
    assert.ok(await consistentViaTiles({ origin: 'o', size: oldSize, rootHash: root }, { origin: 'o', size: 700, rootHash: roots.get(700) ?? Buffer.alloc(32) }, fetchTile));
    assert.equal(await consistentViaTiles({ origin: 'o', size: oldSize, rootHash: Buffer.alloc(32, 1) }, { origin: 'o', size: 700, rootHash: roots.get(700) ?? Buffer.alloc(32) }, fetchTile), false, `forged old root at ${oldSize}`);
  }
  assert.ok(fetched > 0);
  const cp = await log.latestCheckpoint();
  assert.equal(parseCheckpoint((cp?.note ?? '').split('\n\n')[0] + '\n').size, 700);
});
