import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppTlog } from '../src/jobs/tlog-service.js';
import { documentEntryProofs, entryProof, type EntryProofResult } from '../src/queries/tlog.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { parseCheckpoint } from '../src/tlog/checkpoint.js';
import { verifyInclusion } from '../src/tlog/merkle.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import { openNote } from '../src/tlog/note.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { refLeaf } from './helpers/check-log.js';

/** What a reader's verifier does: check the signature with the published key, then the proof. */
function verifies(r: EntryProofResult, verifierKey: string): boolean {
  if (r.pending) return false;
  const cp = parseCheckpoint(openNote(r.checkpoint, [parseNoteVerifierKey(verifierKey)]).text);
  const proof = r.inclusionProof.map((b) => Buffer.from(b, 'base64'));
  return cp.size === r.treeSize && verifyInclusion(refLeaf(Buffer.from(r.entry, 'utf8')), r.leafIndex, cp.size, proof, cp.rootHash);
}

describe('entry proofs (read model for /api/v1/documents/<index>/v/<n>/proof)', () => {
  let p: TestPlatform;
  let tlog: AppTlog;
  const add = async (eventId: string, documentId: string | null, version: number): Promise<void> => {
    const entry = JSON.stringify({ schema: 'gongkai/v1', index_number: documentId, version, event: eventId });
    await enqueueLogEntry(p.app.deps.db, { eventId, documentId, entry, at: p.clock.now().toISOString() });
  };
  before(async () => {
    p = await buildApp();
    assert.ok(p.app.tlog);
    tlog = p.app.tlog;
  });
  after(async () => p.dispose());

  test('an unknown event has no entry; a queued one is pending until a checkpoint covers it', async () => {
    assert.equal(await entryProof(p.app.deps, tlog, 'no-such-event'), null);
    await add('ev-a1', 'doc-a', 1);
    const r = await entryProof(p.app.deps, tlog, 'ev-a1');
    assert.equal(r?.pending, true);
    assert.equal(r?.eventId, 'ev-a1');
    // Integrated but not signed yet is still pending: there is no checkpoint to prove against.
    await tlog.log.append([Buffer.from(r?.entry ?? '', 'utf8')]);
    assert.equal((await entryProof(p.app.deps, tlog, 'ev-a1'))?.pending, true);
  });

  test('after a step the entry comes with its leaf index and a proof that verifies against the signed checkpoint', async () => {
    for (let i = 0; i < 20; i++) await add(`ev-x${i}`, `doc-x${i % 3}`, 1);
    await tlog.sequencer.step();
    const r = await entryProof(p.app.deps, tlog, 'ev-a1');
    assert.ok(r && !r.pending);
    assert.equal(r.leafIndex, 0);
    assert.equal(r.treeSize, 21);
    assert.ok(verifies(r, tlog.verifierKey));
    const x = await entryProof(p.app.deps, tlog, 'ev-x7');
    assert.ok(x && !x.pending);
    assert.equal(x.leafIndex, 8);
    assert.ok(verifies(x, tlog.verifierKey));
    // Tampering with the entry text breaks the proof.
    assert.ok(!verifies({ ...x, entry: x.entry.replace('ev-x7', 'ev-x8') }, tlog.verifierKey));
  });

  test('all entries of a document, in log order, with pending ones last', async () => {
    await add('ev-a2', 'doc-a', 2);
    await tlog.sequencer.step();
    await add('ev-a3', 'doc-a', 3);
    const list = await documentEntryProofs(p.app.deps, tlog, 'doc-a');
    assert.deepEqual(list.map((r) => r.eventId), ['ev-a1', 'ev-a2', 'ev-a3']);
    assert.deepEqual(list.map((r) => r.pending), [false, false, true]);
    assert.ok(list.slice(0, 2).every((r) => verifies(r, tlog.verifierKey)));
    assert.deepEqual(await documentEntryProofs(p.app.deps, tlog, 'doc-none'), []);
    const x1 = await documentEntryProofs(p.app.deps, tlog, 'doc-x1');
    assert.equal(x1.length, 7);
    assert.ok(x1.every((r) => !r.pending && verifies(r, tlog.verifierKey)));
    const leaves = x1.map((r) => (r.pending ? -1 : r.leafIndex));
    assert.deepEqual(leaves, [...leaves].sort((a, b) => a - b));
  });
});
