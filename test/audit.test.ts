import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditLog, type AuditReport, type DivergenceKind } from '../src/commands/audit-log.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import type { NoteVerifier } from '../src/tlog/note.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePdf } from './helpers/files.js';
import { makePublisher, publishDocument } from './helpers/publish.js';

/** The divergences of one kind, as "record: detail" lines. */
const of = (r: AuditReport, kind: DivergenceKind) => r.divergences.filter((d) => d.kind === kind).map((d) => `${d.record}: ${d.detail}`);

// Runs on the store buildApp() picks: SQLite, or PostgreSQL when DATABASE_URL is set (CI runs both).
describe(`gongkai audit: tamper detection [${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}]`, () => {
  let p: TestPlatform;
  let verifier: NoteVerifier;
  let docs: { documentId: string; revisionId: string; indexNumber: string }[];
  let pdf: Buffer;
  const audit = () => auditLog(p.app.deps, verifier);

  before(async () => {
    p = await buildApp();
    assert.ok(p.app.tlog);
    verifier = parseNoteVerifierKey(p.app.tlog.verifierKey);
    const pub = await makePublisher(p.app.deps, 'aud');
    pdf = await makePdf(['Budget 2026', 'Table 1']);
    docs = [];
    docs.push(await publishDocument(p.app.deps, pub, { title: '2026年部门预算' }, [{ name: '预算表.pdf', bytes: pdf }]));
    for (let i = 0; i < 4; i++) docs.push(await publishDocument(p.app.deps, pub, { title: `关于第${i}批项目的公示` }));
    const first = docs[1];
    assert.ok(first);
    await setValidity(p.app.deps, pub.reviewer, first.documentId, { validity: 'repealed', date: '2026-03-02', note: '经研究决定予以废止' });
    await p.app.tlog.sequencer.step();
  });
  after(async () => p.dispose());

  test('a log written by the application audits clean, with its counts', async () => {
    const r = await audit();
    assert.deepEqual(r.divergences, []);
    assert.equal(r.ok, true);
    assert.equal(r.events, 6);
    assert.equal(r.entries, 6);
    assert.equal(r.treeSize, 6);
    assert.equal(r.checkpointSize, 6);
    assert.equal(r.pending, 0);
    assert.equal(r.blobs, 1);
  });

  test('a revision row edited directly in SQL is named by index number and version', async () => {
    const d = docs[2];
    assert.ok(d);
    const db = p.app.deps.db;
    const orig = await db.selectFrom('document_revisions').select('summary').where('id', '=', d.revisionId).executeTakeFirstOrThrow();
    await db.updateTable('document_revisions').set({ summary: '改过的概述' }).where('id', '=', d.revisionId).execute();
    const r = await audit();
    assert.equal(r.ok, false);
    const edited = of(r, 'revision_edited');
    assert.equal(edited.length, 1, JSON.stringify(r.divergences));
    assert.match(edited[0] ?? '', new RegExp(`^${d.indexNumber} v1: the revision row \\(${d.revisionId}\\) was edited`));
    await db.updateTable('document_revisions').set(orig).where('id', '=', d.revisionId).execute();
    assert.equal((await audit()).ok, true, 'restored');
  });

  test('an attachment file replaced on disk is named by file and document', async () => {
    const d = docs[0];
    assert.ok(d);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const path = join(p.app.config.blobDir, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
    const orig = readFileSync(path);
    chmodSync(path, 0o644);
    writeFileSync(path, Buffer.concat([orig, Buffer.from('%% appended')]));
    const r = await audit();
    const replaced = of(r, 'attachment_replaced');
    assert.equal(replaced.length, 1, JSON.stringify(r.divergences));
    assert.match(replaced[0] ?? '', new RegExp(`^预算表\\.pdf of ${d.indexNumber} v1: the file stored as ${sha} now hashes to [0-9a-f]{64}`));
    writeFileSync(path, orig);
    assert.equal((await audit()).ok, true, 'restored');
  });

  test('a deleted entry: its version has no entry, and the tree has a gap at its leaf', async () => {
    const d = docs[3];
    assert.ok(d);
    const db = p.app.deps.db;
    const row = await db.selectFrom('tlog_entries').selectAll().where('document_id', '=', d.documentId).executeTakeFirstOrThrow();
    await db.deleteFrom('tlog_entries').where('id', '=', row.id).execute();
    const r = await audit();
    assert.match(of(r, 'missing_entry')[0] ?? '', new RegExp(`^${d.indexNumber} v1: the public event`));
    assert.deepEqual(of(r, 'leaf_gap').map((s) => s.split(':')[0]), [`leaf ${Number(row.leaf_index)}`]);
    assert.deepEqual(of(r, 'hash_mismatch'), [], 'the rest of the tree still compares');
    await db.insertInto('tlog_entries').values(row).execute();
    assert.equal((await audit()).ok, true, 'restored');
  });

  test('a stray entry, queued or placed beyond the tree, is named by its row', async () => {
    const db = p.app.deps.db;
    const stray = JSON.stringify({ schema: 'gongkai/v1', kind: 'document', index_number: 'X/2026-00001', version: 1 });
    await db.insertInto('tlog_entries').values({ event_id: 'no-such-event', document_id: null, entry: stray, leaf_index: null, created_at: '2026-03-02T02:00:00Z' }).execute();
    await db.insertInto('tlog_entries').values({ event_id: 'no-such-event-2', document_id: null, entry: stray, leaf_index: 6, created_at: '2026-03-02T02:00:00Z' }).execute();
    const r = await audit();
    const orphans = of(r, 'orphan_entry');
    assert.equal(orphans.length, 2, JSON.stringify(r.divergences));
    assert.ok(orphans.some((o) => /\(queued\)/.test(o)) && orphans.some((o) => /\(leaf 6\)/.test(o)));
    assert.match(of(r, 'entry_beyond_tree')[0] ?? '', /X\/2026-00001 v1/);
    await db.deleteFrom('tlog_entries').where('event_id', 'in', ['no-such-event', 'no-such-event-2']).execute();
    assert.equal((await audit()).ok, true, 'restored');
  });

  test('an entry text edited in place: the stored leaf hash (tile) no longer matches, and the entry differs from its rows', async () => {
    const d = docs[4];
    assert.ok(d);
    const db = p.app.deps.db;
    const row = await db.selectFrom('tlog_entries').selectAll().where('document_id', '=', d.documentId).executeTakeFirstOrThrow();
    await db.updateTable('tlog_entries').set({ entry: row.entry.replace('"action":"publish"', '"action":"withdraw"') }).where('id', '=', row.id).execute();
    const r = await audit();
    assert.match(of(r, 'hash_mismatch')[0] ?? '', new RegExp(`tile/0/000\\): leaf ${Number(row.leaf_index)} \\(${d.indexNumber} v1\\)`));
    assert.match(of(r, 'entry_mismatch')[0] ?? '', /action: logged "withdraw", rows say "publish"/);
    await db.updateTable('tlog_entries').set({ entry: row.entry }).where('id', '=', row.id).execute();
    assert.equal((await audit()).ok, true, 'restored');
  });

  test('a checkpoint that does not verify, or was signed by another key, is reported', async () => {
    const db = p.app.deps.db.withTables<{ tlog_checkpoint: { id: number; note: string; size: number; signed_at: number } }>();
    const cp = await db.selectFrom('tlog_checkpoint').selectAll().executeTakeFirstOrThrow();
    const lines = cp.note.split('\n');
    lines[2] = Buffer.alloc(32, 9).toString('base64');
    await db.updateTable('tlog_checkpoint').set({ note: lines.join('\n') }).where('id', '=', 1).execute();
    assert.match(of(await audit(), 'checkpoint_invalid')[0] ?? '', /^checkpoint of size 6: its signature does not verify/);
    await db.updateTable('tlog_checkpoint').set({ note: cp.note }).where('id', '=', 1).execute();
    assert.equal((await audit()).ok, true, 'restored');
  });
});
