import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ManualClock } from '../src/domain/clock.js';
import { LogKeyError } from '../src/jobs/log-key.js';
import type { StepResult } from '../src/jobs/sequencer.js';
import { openTlog, type AppTlog } from '../src/jobs/tlog-service.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { StoreHandle } from '../src/store/dialect/dialect.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { TlogError } from '../src/tlog/errors.js';
import { generateNoteKey, parseNoteVerifierKey, parseSignerKey } from '../src/tlog/note-keys.js';
import { signNote } from '../src/tlog/note.js';
import { storedHashCount } from '../src/tlog/stored-hash.js';
import { checkLog } from './helpers/check-log.js';
import { forEachDialect } from './helpers/dialects.js';

const ORIGIN = 'seq.test/log';

forEachDialect('sequencer', (d) => {
  let handle: StoreHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let tlog: AppTlog;
  const all: Buffer[] = [];
  let serial = 0;

  const enqueue = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const entry = JSON.stringify({ n: serial++ });
      await enqueueLogEntry(handle.db, { eventId: `seq-${serial}`, documentId: null, entry, at: '2026-03-02T02:00:00.000Z' });
      all.push(Buffer.from(entry));
    }
  };
  const check = async (): Promise<void> => checkLog(tlog.storage, parseNoteVerifierKey(tlog.verifierKey), all.slice(0, await tlog.storage.readTreeSize()));

  before(async () => {
    const s = await d.open();
    handle = s.handle;
    cleanup = s.cleanup;
    await migrateToLatest(handle.db, handle.ops);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-seq-'));
    tlog = await openTlog({ logOrigin: ORIGIN, logKeyFile: join(dir, 'k') }, handle, new ManualClock(), { batchSize: 100 });
  });
  after(async () => {
    await tlog.sequencer.stop();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('start() signs a checkpoint at once, even for an empty log; stop() ends the loop', async () => {
    await tlog.sequencer.start();
    assert.equal(tlog.sequencer.running, true);
    assert.equal((await tlog.log.latestCheckpoint())?.size, 0);
    await tlog.sequencer.stop();
    assert.equal(tlog.sequencer.running, false);
    await check();
  });

  test('steps integrate the queue in order, in batches, signing each time the tree grows', async () => {
    await enqueue(250);
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 100, checkpoint: 100, skipped: false });
    await check();
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 100, checkpoint: 200, skipped: false });
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 50, checkpoint: 250, skipped: false });
    await check();
    const note = (await tlog.log.latestCheckpoint())?.note;
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 0, checkpoint: 250, skipped: false });
    assert.equal((await tlog.log.latestCheckpoint())?.note, note, 'nothing new: the checkpoint is left as it is');
    // Every queued row now carries its leaf index, in id order.
    const rows = await handle.db.selectFrom('tlog_entries').select(['id', 'leaf_index']).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => Number(r.leaf_index)), rows.map((_, i) => i));
  });

  test('concurrent step() calls are serialised and never integrate an entry twice', async () => {
    await enqueue(150);
    const r = await Promise.all([tlog.sequencer.step(), tlog.sequencer.step(), tlog.sequencer.step()]);
    assert.equal(r.reduce((s, x) => s + x.integrated, 0), 150);
    await check();
    assert.equal(await tlog.storage.readTreeSize(), 400);
  });

  test('reopening the log with another key file refuses to start (the database holds checkpoints)', async () => {
    await assert.rejects(openTlog({ logOrigin: ORIGIN, logKeyFile: join(dir, 'lost') }, handle, new ManualClock()), LogKeyError);
    const again = await openTlog({ logOrigin: ORIGIN, logKeyFile: join(dir, 'k') }, handle, new ManualClock());
    assert.equal(again.verifierKey, tlog.verifierKey);
  });

  test('a checkpoint signed with another key stops the sequencer (fatal), never re-signed over', async () => {
    const stored = await tlog.log.latestCheckpoint();
    assert.ok(stored);
    const other = parseSignerKey(generateNoteKey(ORIGIN).signerKey);
    const text = stored.note.slice(0, stored.note.lastIndexOf('\n\n') + 1);
    await tlog.storage.writeCheckpoint(stored.note, { ...stored, note: signNote(text, [other]) });
    await assert.rejects(tlog.sequencer.step({ sign: true }), (e: unknown) => e instanceof TlogError && e.fatal);
  });

  if (d.name === 'postgres') {
    test('PostgreSQL: an instance without the advisory lock skips its step', async () => {
      let inner: StepResult | undefined;
      const held = await handle.ops.withAdvisoryLock(handle.db, 'gongkai:tlog-sequencer', async () => {
        inner = await tlog.sequencer.step();
        return true;
      });
      assert.deepEqual(held, { acquired: true, value: true });
      assert.equal(inner?.skipped, true);
    });
  }

  test('a failure inside the append transaction leaves no leaf index without its hash', async () => {
    await enqueue(3);
    // Sabotage (kept last: the row cannot be removed): occupy the first stored-hash index the
    // batch will write, so its INSERT fails after the leaf indexes were assigned.
    const size = await tlog.storage.readTreeSize();
    await handle.db.withTables<{ tlog_hashes: { idx: number; hash: Buffer } }>().insertInto('tlog_hashes').values({ idx: storedHashCount(size), hash: Buffer.alloc(32) }).execute();
    await assert.rejects(tlog.sequencer.step());
    const pending = await handle.db.selectFrom('tlog_entries').select('leaf_index').where('leaf_index', 'is', null).execute();
    assert.equal(pending.length, 3, 'the rows are still queued');
    assert.equal(await tlog.storage.readTreeSize(), size);
  });
});
