import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateToLatest } from '../src/store/migrate.js';
import type { StoreHandle } from '../src/store/dialect/dialect.js';
import { SqlTlogStorage } from '../src/store/repos/sql-tlog-storage.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { TlogError, type TlogErrorCode } from '../src/tlog/errors.js';
import { leafHash } from '../src/tlog/hash.js';
import { TransparencyLog } from '../src/tlog/log.js';
import { MemoryStorage } from '../src/tlog/memory-storage.js';
import { MerkleBuilder } from '../src/tlog/merkle-builder.js';
import { parseNoteVerifierKey, parseSignerKey, generateNoteKey } from '../src/tlog/note-keys.js';
import type { TlogStorage } from '../src/tlog/storage.js';
import { checkLog } from './helpers/check-log.js';
import { dialects } from './helpers/dialects.js';

const ORIGIN = 'gongkai.test/log';
const KEY = generateNoteKey(ORIGIN);
const signer = parseSignerKey(KEY.signerKey);
const verifier = parseNoteVerifierKey(KEY.verifierKey);
const fails = (code: TlogErrorCode) => (e: unknown): boolean => e instanceof TlogError && e.code === code;

/** One storage under test. `stage` puts entries where the storage accepts them from. */
interface StorageCase {
  name: string;
  open(): Promise<{ storage: TlogStorage; stage(entries: readonly Buffer[]): Promise<void>; cleanup(): Promise<void> }>;
}

let serial = 0;
function entriesOf(n: number): Buffer[] {
  // Canonical-JSON-like UTF-8 text, as commands queue (with non-ASCII, to catch encoding slips).
  return Array.from({ length: n }, () => Buffer.from(JSON.stringify({ n: serial++, t: '公开' }), 'utf8'));
}

function stageInto(handle: StoreHandle): (entries: readonly Buffer[]) => Promise<void> {
  return async (entries) => {
    for (const e of entries) {
      serial++;
      await enqueueLogEntry(handle.db, { eventId: `ev-${serial}-${e.length}`, documentId: null, entry: e.toString('utf8'), at: '2026-03-02T02:00:00.000Z' });
    }
  };
}

const CASES: StorageCase[] = [
  { name: 'memory', open: async () => ({ storage: new MemoryStorage(), stage: async () => undefined, cleanup: async () => undefined }) },
  ...dialects().map((d) => ({
    name: `sql [${d.name}]`,
    async open() {
      const s = await d.open();
      await migrateToLatest(s.handle.db, s.handle.ops);
      return { storage: new SqlTlogStorage(s.handle.db), stage: stageInto(s.handle), cleanup: s.cleanup };
    },
  })),
];

for (const c of CASES) {
  describe(`TlogStorage conformance: ${c.name}`, () => {
    let storage: TlogStorage;
    let stage: (entries: readonly Buffer[]) => Promise<void>;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ storage, stage, cleanup } = await c.open());
    });
    after(() => cleanup());

    test('an empty log has size 0, no checkpoint, no entries and no hashes', async () => {
      assert.equal(await storage.readTreeSize(), 0);
      assert.equal(await storage.readCheckpoint(), null);
      assert.deepEqual(await storage.readEntries(0, 0), []);
      await assert.rejects(storage.readEntries(0, 1), fails('out_of_range'));
      await assert.rejects(storage.readHashes([0]), fails('out_of_range'));
    });

    test('appends in batches of many sizes and signs: the whole tree re-verifies after each step', async () => {
      const log = new TransparencyLog({ origin: ORIGIN, storage, signer, clock: { now: () => 1_000 } });
      const all: Buffer[] = [];
      for (const n of [1, 1, 2, 3, 9, 240, 1, 256, 13]) {
        const batch = entriesOf(n);
        await stage(batch);
        const idx = await log.append(batch);
        assert.deepEqual(idx, Array.from({ length: n }, (_, i) => all.length + i));
        all.push(...batch);
        await checkLog(storage, verifier, all);
        const cp = await log.sign();
        assert.equal(cp.size, all.length);
        await checkLog(storage, verifier, all);
      }
    });

    test('readEntries returns exact ranges and refuses anything beyond the tree', async () => {
      const size = await storage.readTreeSize();
      const all = await storage.readEntries(0, size);
      assert.deepEqual(await storage.readEntries(1, 3), all.slice(1, 3));
      assert.deepEqual(await storage.readEntries(size - 1, size), all.slice(size - 1));
      assert.deepEqual(await storage.readEntries(size, size), []);
      await assert.rejects(storage.readEntries(0, size + 1), fails('out_of_range'));
      await assert.rejects(storage.readEntries(-1, 1), fails('out_of_range'));
      await assert.rejects(storage.readEntries(3, 2), fails('out_of_range'));
    });

    test('an append against a stale size is a conflict and leaves nothing behind', async () => {
      const size = await storage.readTreeSize();
      const before = await storage.readEntries(0, size);
      const builder = await MerkleBuilder.load(storage, size);
      const batchA = entriesOf(3);
      const batchB = entriesOf(2);
      await stage(batchA);
      // Two writers computed a batch against the same size: the first wins, the second conflicts.
      const a = builder.clone();
      await storage.append({ oldSize: size, entries: batchA, hashes: a.append(batchA.map(leafHash)) });
      await stage(batchB);
      const b = builder.clone();
      await assert.rejects(storage.append({ oldSize: size, entries: batchB, hashes: b.append(batchB.map(leafHash)) }), fails('conflict'));
      // A stale size far behind is refused the same way.
      const stale = await MerkleBuilder.load(storage, size - 1);
      await assert.rejects(storage.append({ oldSize: size - 1, entries: batchB, hashes: stale.append(batchB.map(leafHash)) }), fails('conflict'));
      assert.equal(await storage.readTreeSize(), size + 3);
      await assert.rejects(storage.readEntries(0, size + 4), fails('out_of_range'));
      // The losing batches wrote no hash and no entry; the tree is exactly the winner's.
      await checkLog(storage, verifier, [...before, ...batchA]);
      // The loser retries from fresh state and succeeds.
      const fresh = await MerkleBuilder.load(storage, size + 3);
      await storage.append({ oldSize: size + 3, entries: batchB, hashes: fresh.append(batchB.map(leafHash)) });
      await checkLog(storage, verifier, [...before, ...batchA, ...batchB]);
    });

    test('checkpoint compare-and-swap: only the holder of the current note may replace it', async () => {
      const current = await storage.readCheckpoint();
      assert.ok(current, 'signed by an earlier step');
      const size = await storage.readTreeSize();
      const next = { note: `${current.note}x`, size, signedAt: 2_000 };
      await assert.rejects(storage.writeCheckpoint(null, next), fails('conflict'));
      await assert.rejects(storage.writeCheckpoint('some other note\n', next), fails('conflict'));
      assert.deepEqual(await storage.readCheckpoint(), current, 'a refused write changes nothing');
      await assert.rejects(storage.writeCheckpoint(current.note, { ...next, size: size + 1 }), 'a checkpoint beyond the tree is refused');
      await storage.writeCheckpoint(current.note, next);
      assert.deepEqual(await storage.readCheckpoint(), next);
      await assert.rejects(storage.writeCheckpoint(current.note, { ...next, note: 'late\n' }), fails('conflict'));
    });

    test('the first checkpoint is written only once when two signers race', async () => {
      const fresh = await c.open();
      try {
        const cp = { note: 'n\n', size: 0, signedAt: 1 };
        const r = await Promise.allSettled([fresh.storage.writeCheckpoint(null, cp), fresh.storage.writeCheckpoint(null, { ...cp, note: 'm\n' })]);
        assert.equal(r.filter((x) => x.status === 'fulfilled').length, 1);
        assert.ok(r.some((x) => x.status === 'rejected' && fails('conflict')(x.reason)));
      } finally {
        await fresh.cleanup();
      }
    });
  });
}

for (const d of dialects()) {
  describe(`SqlTlogStorage specifics [${d.name}]`, () => {
    let handle: StoreHandle;
    let cleanup: () => Promise<void>;
    before(async () => {
      const s = await d.open();
      handle = s.handle;
      cleanup = s.cleanup;
      await migrateToLatest(handle.db, handle.ops);
    });
    after(() => cleanup());

    test('only the head of the pending queue can be appended; anything else conflicts and writes nothing', async () => {
      const storage = new SqlTlogStorage(handle.db);
      const queued = entriesOf(3);
      await stageInto(handle)(queued);
      const outsider = entriesOf(3);
      const b = MerkleBuilder.empty();
      await assert.rejects(storage.append({ oldSize: 0, entries: outsider, hashes: b.append(outsider.map(leafHash)) }), fails('conflict'));
      const skip = [queued[1], queued[2]].filter((x): x is Buffer => x !== undefined);
      await assert.rejects(storage.append({ oldSize: 0, entries: skip, hashes: MerkleBuilder.empty().append(skip.map(leafHash)) }), fails('conflict'));
      assert.equal(await storage.readTreeSize(), 0);
      assert.equal((await storage.readPending(10)).length, 3, 'the queue is untouched');
      await assert.rejects(storage.readHashes([0]), fails('out_of_range'));
      await storage.append({ oldSize: 0, entries: queued, hashes: MerkleBuilder.empty().append(queued.map(leafHash)) });
      assert.deepEqual(await storage.readPending(10), []);
      await checkLog(storage, verifier, queued);
    });

    test('concurrent appenders on two connections: exactly one wins', async () => {
      const one = new SqlTlogStorage(handle.db);
      const two = new SqlTlogStorage(handle.db);
      const size = await one.readTreeSize();
      const before = await one.readEntries(0, size);
      const batch = entriesOf(4);
      await stageInto(handle)(batch);
      const builder = await MerkleBuilder.load(one, size);
      const mk = () => ({ oldSize: size, entries: batch, hashes: builder.clone().append(batch.map(leafHash)) });
      const r = await Promise.allSettled([one.append(mk()), two.append(mk())]);
      assert.equal(r.filter((x) => x.status === 'fulfilled').length, 1);
      await checkLog(one, verifier, [...before, ...batch]);
    });
  });
}
