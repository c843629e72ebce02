import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { updateDraft } from '../src/commands/documents/update-draft.js';
import { submitRevision } from '../src/commands/documents/submit-revision.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { publishDue } from '../src/commands/documents/publish-due.js';
import { startCorrection } from '../src/commands/documents/start-correction.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { AppError } from '../src/domain/errors.js';
import { documentView } from '../src/queries/documents.js';
import { revisionDetail, lateDocuments, policiesWithoutInterpretation } from '../src/queries/staff-documents.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, seedTree } from './helpers/factories.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('document workflow: draft → submitted → cleared → published, corrections, withdrawal', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let editor: Actor;
  let editor2: Actor;
  let reviewer: Actor;
  let outsider: Actor;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    editor = await actorFor(d, await makeStaff(d, 'wf-editor', t.city, 'editor'));
    editor2 = await actorFor(d, await makeStaff(d, 'wf-editor2', t.city, 'editor'));
    reviewer = await actorFor(d, await makeStaff(d, 'wf-reviewer', t.city, 'reviewer'));
    outsider = await actorFor(d, await makeStaff(d, 'wf-outsider', t.provB, 'editor'));
  });
  after(async () => p.dispose());

  test('permissions: an editor of another province cannot draft here; a reviewer cannot draft', async () => {
    const d = p.app.deps;
    await assert.rejects(createDraft(d, outsider, t.city.id, draftInput()), (e) => code(e) === 'forbidden');
    await assert.rejects(createDraft(d, reviewer, t.city.id, draftInput()), (e) => code(e) === 'forbidden');
  });

  test('invalid drafts name every bad field; bodies are sanitised', async () => {
    const d = p.app.deps;
    await assert.rejects(createDraft(d, editor, t.city.id, draftInput({ title: ' ', genre: 'poetry', theme_code: 'nope', date_formed: '2026-02-30' })), (e) => {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.fields.map((f) => f.field).sort(), ['date_formed', 'genre', 'theme_code', 'title']);
      return true;
    });
    const { revisionId } = await createDraft(d, editor, t.city.id, draftInput({ body_html: '<p onclick="x()">正文<script>alert(1)</script></p>' }));
    const det = await revisionDetail(d, editor, revisionId);
    assert.equal(det.rev.body_html, '<p>正文</p>');
  });

  test('the whole path, two people, index number and versions', async () => {
    const d = p.app.deps;
    p.clock.set('2026-03-02T02:00:00Z');
    const { documentId, revisionId } = await createDraft(d, editor, t.city.id, draftInput());
    // Two editors: the second save with the old version is refused, not lost.
    await updateDraft(d, editor, revisionId, 1, draftInput({ summary: '第一次修改' }));
    await assert.rejects(updateDraft(d, editor2, revisionId, 1, draftInput({ summary: '冲突修改' })), (e) => code(e) === 'stale_version');
    await submitRevision(d, editor, revisionId, 2);
    await assert.rejects(reviewRevision(d, editor2, revisionId, { stage: 'confidentiality', decision: 'pass' }), (e) => code(e) === 'forbidden');
    // Rejection needs reasons and returns the draft.
    await assert.rejects(reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'reject' }), (e) => code(e) === 'validation_failed');
    assert.deepEqual(await reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'reject', comment: '第二段涉及内部事务' }), { state: 'draft' });
    const back = await revisionDetail(d, editor, revisionId);
    assert.equal(back.rev.state, 'draft');
    assert.equal(back.reviews[0]?.comment, '第二段涉及内部事务');
    await submitRevision(d, editor, revisionId, back.rev.version);
    assert.deepEqual(await reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'pass', comment: '无涉密内容' }), { state: 'cleared' });
    const pub = await reviewRevision(d, reviewer, revisionId, { stage: 'approval', decision: 'pass' });
    assert.equal(pub.state, 'published');
    assert.ok('indexNumber' in pub);
    assert.equal(pub.indexNumber, `${t.city.code}/2026-00001`);

    const v1 = await documentView(d, pub.indexNumber);
    assert.equal(v1.version.version_no, 1);
    assert.equal(v1.doc.published_date, '2026-03-02');
    // Formed 2026-02-20 (Fri), published 2026-03-02 (Mon): 6 working days.
    assert.equal(v1.doc.timeliness_days, 6);
    assert.equal(v1.version.content_sha256?.length, 64);
    const entries = await d.db.selectFrom('tlog_entries').selectAll().where('document_id', '=', documentId).execute();
    assert.equal(entries.length, 1);
    const entry = JSON.parse(entries[0]?.entry ?? '{}') as { action: string; content_sha256: string; index_number: string };
    assert.equal(entry.action, 'publish');
    assert.equal(entry.index_number, pub.indexNumber);
    assert.equal(entry.content_sha256, v1.version.content_sha256);

    // Correction: same review path, version 2 with a change note; version 1 unchanged.
    const corr = await startCorrection(d, editor, documentId);
    const cd = await revisionDetail(d, editor, corr.revisionId);
    await updateDraft(d, editor, corr.revisionId, cd.rev.version, draftInput({ summary: '更正后的概述', change_note: '更正内容概述' }));
    await submitRevision(d, editor, corr.revisionId, cd.rev.version + 1);
    await reviewRevision(d, reviewer, corr.revisionId, { stage: 'confidentiality', decision: 'pass' });
    p.clock.set('2026-03-03T02:00:00Z');
    const pub2 = await reviewRevision(d, reviewer, corr.revisionId, { stage: 'approval', decision: 'pass' });
    assert.ok('versionNo' in pub2);
    assert.equal(pub2.versionNo, 2);
    const cur = await documentView(d, pub.indexNumber);
    assert.equal(cur.version.summary, '更正后的概述');
    assert.deepEqual(cur.versions.map((v) => [v.version_no, v.change_note]), [[1, ''], [2, '更正内容概述']]);
    const old = await documentView(d, pub.indexNumber, 1);
    assert.equal(old.version.summary, '第一次修改');
    assert.equal(old.isCurrent, false);
    assert.equal(old.doc.timeliness_days, 6, 'timeliness counts the first publication');

    // Withdrawal needs a reason; the page stays with the notice.
    await assert.rejects(withdrawDocument(d, reviewer, documentId, ''), (e) => code(e) === 'validation_failed');
    await assert.rejects(withdrawDocument(d, editor, documentId, '发布有误'), (e) => code(e) === 'forbidden');
    await withdrawDocument(d, reviewer, documentId, '误发布，已撤回');
    const w = await documentView(d, pub.indexNumber);
    assert.equal(w.doc.status, 'withdrawn');
    assert.equal(w.doc.withdrawn_reason, '误发布，已撤回');
    assert.deepEqual(w.events.map((e) => e.kind), ['published', 'new_version', 'withdrawn']);
    const all = await d.db.selectFrom('tlog_entries').select('entry').where('document_id', '=', documentId).orderBy('id').execute();
    assert.deepEqual(all.map((r) => (JSON.parse(r.entry) as { action: string }).action), ['publish', 'new_version', 'withdraw']);
  });

  test('the drafter cannot approve their own draft, even holding the reviewer role', async () => {
    const d = p.app.deps;
    const both = await makeStaff(d, 'wf-both', t.city, 'editor');
    await d.db.insertInto('grants').values({ id: d.newId(), user_id: both.id, agency_id: t.city.id, role: 'reviewer', created_at: '2026-01-01T00:00:00Z', created_by: null }).execute();
    const me = await actorFor(d, both);
    const { revisionId } = await createDraft(d, me, t.city.id, draftInput({ title: '自审测试' }));
    await submitRevision(d, me, revisionId, 1);
    await assert.rejects(reviewRevision(d, me, revisionId, { stage: 'confidentiality', decision: 'pass' }), (e) => code(e) === 'same_person');
  });

  test('scheduled publication happens on the first run after its time, once', async () => {
    const d = p.app.deps;
    p.clock.set('2026-03-04T02:00:00Z');
    const { documentId, revisionId } = await createDraft(d, editor, t.county1.id, draftInput({ title: '定时发布的通知', date_formed: '2026-01-05' }));
    await submitRevision(d, editor, revisionId, 1);
    await reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
    assert.deepEqual(await reviewRevision(d, reviewer, revisionId, { stage: 'approval', decision: 'pass', publishAt: '2026-03-05T00:30:00Z' }), { state: 'scheduled' });
    assert.equal(await publishDue(d), 0);
    // The server was "down" at 00:30; it runs again at 09:00.
    p.clock.set('2026-03-05T09:00:00Z');
    assert.equal(await publishDue(d), 1);
    assert.equal(await publishDue(d), 0);
    const doc = await d.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    assert.equal(doc.status, 'published');
    assert.equal(doc.first_published_at, '2026-03-05T09:00:00.000Z');
    // Formed 2026-01-05, published 2026-03-05: well past 20 working days (Spring Festival between).
    assert.ok((doc.timeliness_days ?? 0) > 20);
    const late = await lateDocuments(d, editor);
    assert.ok(late.some((l) => l.document_id === documentId));
    assert.ok(!(await lateDocuments(d, outsider)).some((l) => l.document_id === documentId));
  });

  test('validity: repeal names its replacement; policies without interpretation are listed', async () => {
    const d = p.app.deps;
    const publish = async (input: Parameters<typeof draftInput>[0]) => {
      const { revisionId } = await createDraft(d, editor, t.city.id, draftInput(input));
      await submitRevision(d, editor, revisionId, 1);
      await reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
      const r = await reviewRevision(d, reviewer, revisionId, { stage: 'approval', decision: 'pass' });
      assert.ok('indexNumber' in r);
      return r.indexNumber;
    };
    const oldRule = await publish({ title: '丙市旧管理办法', genre: 'normative', doc_number: '丙政规〔2020〕1号' });
    const newRule = await publish({ title: '丙市新管理办法', genre: 'normative', doc_number: '丙政规〔2026〕1号' });
    const oldDoc = await documentView(d, oldRule);
    assert.equal(oldDoc.doc.is_normative, 1);
    const missing = await policiesWithoutInterpretation(d, editor);
    assert.ok(missing.some((m) => m.index_number === newRule));
    await publish({ title: '《丙市新管理办法》政策解读', genre: 'interpretation', doc_number: '', interprets: newRule });
    assert.ok(!(await policiesWithoutInterpretation(d, editor)).some((m) => m.index_number === newRule));
    const withInterp = await documentView(d, newRule);
    assert.deepEqual(withInterp.interpretations.map((i) => i.title), ['《丙市新管理办法》政策解读']);

    await assert.rejects(setValidity(d, reviewer, oldDoc.doc.id, { validity: 'repealed', date: '2026-03-05', note: '' }), (e) => code(e) === 'validation_failed');
    await setValidity(d, reviewer, oldDoc.doc.id, { validity: 'repealed', date: '2026-03-05', replacedBy: newRule, note: '被新办法废止' });
    const rep = await documentView(d, oldRule);
    assert.equal(rep.doc.validity, 'repealed');
    assert.equal(rep.replacedBy?.index_number, newRule);
  });
});
