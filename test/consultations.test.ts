import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeConsultation, runConsultationSchedule } from '../src/commands/consultations/close-consultation.js';
import { submitComment, verifyComment, type CommentInput } from '../src/commands/consultations/comment.js';
import { moderateComment, reportComment } from '../src/commands/consultations/moderate.js';
import { openConsultation, type OpenConsultationInput } from '../src/commands/consultations/open-consultation.js';
import { saveSummary } from '../src/commands/consultations/summary.js';
import { numberParagraphs } from '../src/domain/consultations/paragraphs.js';
import { admit, phaseAt } from '../src/domain/consultations/rules.js';
import { AppError } from '../src/domain/errors.js';
import { tokenDigest } from '../src/security/tokens.js';
import { consultationLinks, moderationQueue, publicConsultation, staffConsultation } from '../src/queries/consultations.js';
import { consultationScheduleJob, consultationsJobs } from '../src/jobs/consultations-jobs.js';
import { PLATFORM_JOBS } from '../src/jobs/platform-jobs.js';
import { startWorker } from '../src/jobs/worker.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

import { DRAFT_BODY } from './helpers/consultations.js';

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

describe('consultations: the rules (commands and read models)', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let draftIndex = '';
  let finalIndex = '';
  let finalDocId = '';
  let draftDocId = '';
  const deps = () => p.app.deps;
  const open = (over: Partial<OpenConsultationInput> = {}) =>
    openConsultation(deps(), pub.editor, { agency_id: pub.agencyId, draft_index_number: draftIndex, title: '', description: '征求社会公众意见。', starts_local: '2026-03-02T09:00', ends_local: '2026-03-16T18:00', allow_anonymous: false, moderation: 'post', ...over });
  const comment = (consultation_id: string, over: Partial<CommentInput> = {}) =>
    submitComment(deps(), { consultation_id, paragraph: '', body: '建议延长开放时间。', display_name: '', mode: 'email', email: 'reader@example.test', reader_id: 'reader-1', locale: 'zh-CN', ...over });
  const lastToken = async (commentId: string) => {
    const row = await deps().db.selectFrom('outbox').selectAll().where('dedupe_key', '=', `consultation.verify:${commentId}`).executeTakeFirstOrThrow();
    const path = (JSON.parse(row.payload) as { path: string }).path;
    return path ? decodeURIComponent(path.replace(/^.*\?t=/, '')) : '';
  };

  before(async () => {
    p = await buildApp();
    // 10:00 in Beijing.
    p.clock.set(new Date('2026-03-02T02:00:00Z'));
    pub = await makePublisher(deps(), 'cs');
    const draft = await publishDocument(deps(), pub, { title: '城市公园管理办法（征求意见稿）', doc_number: '', genre: 'notices', body_html: DRAFT_BODY });
    draftIndex = draft.indexNumber;
    draftDocId = draft.documentId;
    const fin = await publishDocument(deps(), pub, { title: '城市公园管理办法', doc_number: '丙政发〔2026〕9号', body_html: '<p>第一条 正式文本。</p>' });
    finalIndex = fin.indexNumber;
    finalDocId = fin.documentId;
  });
  after(async () => p.dispose());

  test('paragraphs are numbered server-side, articles and their clauses labelled', () => {
    const ps = numberParagraphs(DRAFT_BODY);
    assert.deepEqual(
      ps.map((x) => [x.no, x.article, x.clause]),
      [[1, '', 0], [2, '第一条', 1], [3, '第二条', 1], [4, '第二条', 2], [5, '第三条', 1], [6, '第四条', 1]],
    );
    assert.equal(ps[4]?.text, '第三条 公园内禁止<燃放>烟花爆竹。', 'entities decoded to text (escaped again when shown)');
    assert.deepEqual(numberParagraphs('<ul><li><p>甲</p></li></ul>').map((x) => x.text), ['甲']);
  });

  test('the window: wall-clock times in the agency time zone, stored as UTC; [start, end) with the job opening and closing', async () => {
    await assert.rejects(open({ draft_index_number: 'nope/2026-00001' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'draft_index_number'));
    await assert.rejects(open({ ends_local: '2026-03-01T09:00' }), (e) => e instanceof AppError && e.fields.some((f) => f.code === 'end_before_start'));
    await assert.rejects(open({ starts_local: '2026-02-01T09:00', ends_local: '2026-03-01T09:00' }), (e) => e instanceof AppError && e.fields.some((f) => f.code === 'end_in_past'));
    await assert.rejects(open({ starts_local: '2026-13-01T09:00' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'starts_local'));
    await assert.rejects(openConsultation(deps(), pub.reviewer, { agency_id: pub.agencyId, draft_index_number: draftIndex, starts_local: '2026-03-02T09:00', ends_local: '2026-03-16T18:00', allow_anonymous: false, moderation: 'post' }), code('forbidden'));

    const r = await open({ starts_local: '2026-03-02T12:00', ends_local: '2026-03-09T18:00' });
    assert.equal(r.state, 'scheduled');
    const c = await deps().db.selectFrom('consultations').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(c.starts_at, '2026-03-02T04:00:00.000Z', '12:00 in Asia/Shanghai');
    assert.equal(c.ends_at, '2026-03-09T10:00:00.000Z');
    assert.equal(c.title, '城市公园管理办法（征求意见稿）', 'the draft title by default');
    assert.equal(JSON.parse(c.paragraphs).length, 6);
    await assert.rejects(comment(r.id), code('consultation_window_closed'), 'before the start');

    // The same wall-clock time in another agency time zone is another instant.
    await deps().db.updateTable('agencies').set({ time_zone: 'America/New_York' }).where('id', '=', pub.agencyId).execute();
    const ny = await open({ starts_local: '2026-03-20T09:00', ends_local: '2026-03-27T17:00' });
    const nyRow = await deps().db.selectFrom('consultations').selectAll().where('id', '=', ny.id).executeTakeFirstOrThrow();
    assert.equal(nyRow.starts_at, '2026-03-20T13:00:00.000Z', '09:00 EDT');
    assert.equal(nyRow.time_zone, 'America/New_York');
    await deps().db.updateTable('agencies').set({ time_zone: 'Asia/Shanghai' }).where('id', '=', pub.agencyId).execute();

    p.clock.set(new Date('2026-03-02T04:00:00Z'));
    assert.deepEqual(await runConsultationSchedule(deps(), p.clock.now()), { opened: 1, closed: 0, purged: 0 });
    assert.deepEqual(await runConsultationSchedule(deps(), p.clock.now()), { opened: 0, closed: 0, purged: 0 }, 'idempotent');
    const ok = await comment(r.id, { mode: 'email' });
    assert.equal(ok.state, 'unverified');
    p.clock.set(new Date('2026-03-09T09:59:59Z'));
    assert.equal(phaseAt(c, p.clock.now()), 'open');
    p.clock.set(new Date('2026-03-09T10:00:00Z'));
    assert.equal(phaseAt(c, p.clock.now()), 'closed', 'the end instant is outside the window');
    await assert.rejects(comment(r.id), code('consultation_window_closed'));
    const ran = await runConsultationSchedule(deps(), p.clock.now());
    assert.equal(ran.closed, 1);
    const closed = await deps().db.selectFrom('consultations').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(closed.state, 'closed');
    assert.equal(closed.close_kind, 'scheduled');
    const events = await deps().db.selectFrom('events').selectAll().where('subject_id', '=', r.id).orderBy('occurred_at').execute();
    assert.deepEqual(events.map((e) => [e.kind, e.occurred_at]), [
      ['consultation.opened', '2026-03-02T04:00:00.000Z'],
      ['consultation.closed', '2026-03-09T10:00:00.000Z'],
    ]);
    assert.equal(events[0]?.subject_type, 'consultation');
    p.clock.set(new Date('2026-03-02T02:00:00Z'));
  });

  test('the worker runs the schedule job (part of the platform jobs) and closes at the end time', async () => {
    assert.ok(PLATFORM_JOBS.jobs?.includes(consultationScheduleJob));
    const { id } = await open({ starts_local: '2026-03-02T09:00', ends_local: '2026-03-02T11:00' });
    const w = startWorker(deps(), { mailer: null, from: 'x <x@x.test>', publicUrl: 'http://gongkai.test', intervalMs: 0, jobs: consultationsJobs });
    try {
      p.clock.set(new Date('2026-03-02T03:00:00Z'));
      const r = await w.step();
      assert.ok(r.jobsRun.includes('consultation-schedule'));
      const c = await deps().db.selectFrom('consultations').select(['state', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(c, { state: 'closed', closed_at: '2026-03-02T03:00:00.000Z' });
    } finally {
      await w.stop();
      p.clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  test('e-mail verification: held until the one-time link is used; only the hash is stored; expired and reused links fail', async () => {
    const { id } = await open();
    const r = await comment(id, { body: '第二条开放时间建议提前到5时。', paragraph: '3', display_name: '晨练的市民', email: 'Morning@Example.test' });
    assert.equal(r.state, 'unverified');
    const row = await deps().db.selectFrom('consultation_comments').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const token = await lastToken(r.id);
    assert.ok(token.length >= 40);
    assert.equal(row.verify_token_hash, tokenDigest(token));
    assert.ok(!JSON.stringify(row).includes(token), 'the token itself is not in the comment row');
    assert.equal((await publicConsultation(deps(), id)).comments.length, 0, 'not shown before verification');
    assert.equal((await publicConsultation(deps(), id)).counts.total, 0, 'not counted before verification');
    await assert.rejects(verifyComment(deps(), 'x'.repeat(43)), code('verification_invalid'));
    // The mail went out: verification scrubs the token from the sent outbox row too.
    await deps().db.updateTable('outbox').set({ status: 'sent' }).where('dedupe_key', '=', `consultation.verify:${r.id}`).execute();
    const v = await verifyComment(deps(), token);
    assert.equal(v.state, 'published');
    assert.equal(await lastToken(r.id), '', 'the token is gone from the outbox');
    await assert.rejects(verifyComment(deps(), token), code('verification_invalid'), 'one time only');
    const shown = (await publicConsultation(deps(), id)).comments;
    assert.deepEqual(shown.map((c) => [c.paragraph_no, c.name, c.body]), [[3, '晨练的市民', '第二条开放时间建议提前到5时。']]);

    const late = await comment(id, { email: 'late@example.test' });
    const lateToken = await lastToken(late.id);
    p.clock.set(new Date('2026-03-04T02:00:01Z'));
    await assert.rejects(verifyComment(deps(), lateToken), code('verification_invalid'), 'after 48 hours');
    // The periodic job then erases the address of the expired, never verified comment.
    await deps().db.updateTable('outbox').set({ status: 'sent' }).where('dedupe_key', '=', `consultation.verify:${late.id}`).execute();
    assert.ok((await runConsultationSchedule(deps(), p.clock.now())).purged >= 1);
    const purged = await deps().db.selectFrom('consultation_comments').selectAll().where('id', '=', late.id).executeTakeFirstOrThrow();
    assert.deepEqual([purged.state, purged.email, purged.verify_token_hash], ['unverified', '', null]);
    assert.equal(await lastToken(late.id), '', 'nor the token in the sent mail row');
    p.clock.set(new Date('2026-03-02T02:00:00Z'));
    await assert.rejects(comment(id, { email: 'not-an-address' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'email'));
    await assert.rejects(comment(id, { body: ' ' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'body' && f.code === 'required'));
    await assert.rejects(comment(id, { paragraph: '99' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'paragraph'));
  });

  test('anonymous comments: refused unless allowed; counted once per reader', async () => {
    const strict = await open();
    await assert.rejects(comment(strict.id, { mode: 'anonymous', email: '' }), code('anonymous_not_allowed'));
    const relaxed = await open({ allow_anonymous: true });
    const a = await comment(relaxed.id, { mode: 'anonymous', email: '', reader_id: 'anon-a' });
    assert.equal(a.state, 'published');
    await comment(relaxed.id, { mode: 'anonymous', email: '', reader_id: 'anon-a', paragraph: '2' });
    await comment(relaxed.id, { mode: 'anonymous', email: '', reader_id: 'anon-b', paragraph: '2' });
    const v = await publicConsultation(deps(), relaxed.id);
    assert.equal(v.counts.total, 3);
    assert.equal(v.counts.participants, 2);
    assert.deepEqual(v.counts.perParagraph, [{ paragraph_no: null, n: 1 }, { paragraph_no: 2, n: 2 }]);
    assert.ok(v.comments.every((c) => c.name === null), 'no name chosen: shown as 公众');
  });

  test('pre-moderation queues every comment; post-moderation publishes at once', async () => {
    assert.deepEqual(admit('post', []), { state: 'published', queueReason: null });
    assert.deepEqual(admit('pre', []), { state: 'pending', queueReason: 'pre_moderation' });
    const pre = await open({ moderation: 'pre', allow_anonymous: true });
    const c = await comment(pre.id, { mode: 'anonymous', email: '' });
    assert.deepEqual([c.state, c.queueReason], ['pending', 'pre_moderation']);
    assert.equal((await publicConsultation(deps(), pre.id)).comments.length, 0);
    const queue = await moderationQueue(deps(), pub.editor, pre.id);
    assert.deepEqual(queue.map((q) => q.comment.id), [c.id]);
    assert.deepEqual(await moderationQueue(deps(), pub.reviewer, pre.id), [], 'reviewers do not moderate');
    await assert.rejects(moderateComment(deps(), pub.reviewer, c.id, { decision: 'publish', reason: '', version: 1 }), code('forbidden'));
    await moderateComment(deps(), pub.editor, c.id, { decision: 'publish', reason: '', version: 1 });
    assert.equal((await publicConsultation(deps(), pre.id)).comments.length, 1);
    await assert.rejects(moderateComment(deps(), pub.editor, c.id, { decision: 'publish', reason: '', version: 2 }), code('bad_transition'));
  });

  test('a verified commenter is told when a held comment is published or a comment is hidden, in their language, without the text', async () => {
    const { id } = await open({ moderation: 'pre' });
    const c = await comment(id, { email: 'told@example.test', body: '请增加夜间照明。', locale: 'en' });
    await verifyComment(deps(), await lastToken(c.id));
    await moderateComment(deps(), pub.editor, c.id, { decision: 'publish', reason: '', version: 2 });
    await moderateComment(deps(), pub.editor, c.id, { decision: 'hide', reason: 'abusive', version: 3 });
    const mails = await deps().db.selectFrom('outbox').selectAll().where('recipient', '=', 'told@example.test').orderBy('created_at').orderBy('kind').execute();
    assert.deepEqual(mails.map((m) => [m.kind, m.locale]).sort(), [
      ['consultation.comment_hidden', 'en'],
      ['consultation.comment_published', 'en'],
      ['consultation.verify_comment', 'en'],
    ]);
    const hidden = mails.find((m) => m.kind === 'consultation.comment_hidden');
    assert.equal((JSON.parse(hidden?.payload ?? '{}') as { reason: string }).reason, 'abusive');
    assert.ok(mails.every((m) => !m.payload.includes('夜间照明')), 'no comment text in any mail payload');
  });

  test('reports: one per reader and comment; the queue shows reported comments; keep dismisses', async () => {
    const { id } = await open({ allow_anonymous: true });
    const c = await comment(id, { mode: 'anonymous', email: '', body: '广告：低价出售门票' });
    await reportComment(deps(), { comment_id: c.id, reader_id: 'r1', reason: 'spam' });
    await assert.rejects(reportComment(deps(), { comment_id: c.id, reader_id: 'r1', reason: 'abusive' }), code('already_reported'));
    await reportComment(deps(), { comment_id: c.id, reader_id: 'r2', reason: 'off_topic' });
    await assert.rejects(reportComment(deps(), { comment_id: c.id, reader_id: 'r3', reason: 'bad' }), code('validation_failed'));
    const reports = await deps().db.selectFrom('consultation_reports').selectAll().where('comment_id', '=', c.id).execute();
    assert.equal(reports.length, 2);
    assert.ok(reports.every((r) => r.reader_hash.length === 64 && !r.reader_hash.includes('r1')), 'only hashes of reader ids');
    const q = await moderationQueue(deps(), pub.editor, id);
    assert.equal(q.length, 1);
    assert.equal(q[0]?.comment.open_reports, 2);
    assert.deepEqual(q[0]?.comment.report_reasons.sort(), ['off_topic', 'spam']);
    await moderateComment(deps(), pub.editor, c.id, { decision: 'keep', reason: '', version: q[0]?.comment.version ?? 0 });
    assert.equal((await moderationQueue(deps(), pub.editor, id)).length, 0);
    assert.equal((await publicConsultation(deps(), id)).comments.length, 1, 'still shown');
  });

  test('hide, never delete: the text is kept, the public sees a placeholder, the summary counts it', async () => {
    const { id } = await open({ allow_anonymous: true });
    const keep = await comment(id, { mode: 'anonymous', email: '', body: '支持第三条。', paragraph: '4' });
    const bad = await comment(id, { mode: 'anonymous', email: '', body: '与本办法无关的内容', reader_id: 'other' });
    await assert.rejects(moderateComment(deps(), pub.editor, bad.id, { decision: 'hide', reason: '', version: 1 }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'reason'));
    await assert.rejects(moderateComment(deps(), pub.editor, bad.id, { decision: 'hide', reason: 'off_topic', version: 7 }), code('stale_version'));
    await moderateComment(deps(), pub.editor, bad.id, { decision: 'hide', reason: 'off_topic', version: 1 });
    const row = await deps().db.selectFrom('consultation_comments').selectAll().where('id', '=', bad.id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'hidden');
    assert.equal(row.body, '与本办法无关的内容', 'kept for the record');
    const v = await publicConsultation(deps(), id);
    assert.deepEqual(v.comments.map((c) => [c.id, c.hidden, c.body, c.hidden_reason]).sort((a, b) => Number(a[1]) - Number(b[1])), [
      [keep.id, false, '支持第三条。', null],
      [bad.id, true, null, 'off_topic'],
    ]);
    assert.deepEqual([v.counts.total, v.counts.hidden, v.counts.published], [2, 1, 1]);
    await closeConsultation(deps(), pub.editor, id);
    await saveSummary(deps(), pub.editor, id, { intro: '', final_index_number: finalIndex, points: [{ point: '支持禁止燃放', decision: 'adopted', reason: '' }] }, true);
    const s = (await publicConsultation(deps(), id)).summary;
    assert.deepEqual([s?.total_comments, s?.hidden_comments, s?.participants], [2, 1, 2]);
    const audit = await deps().db.selectFrom('audit_log').select(['action']).where('target_id', '=', bad.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['consultation.comment.hide']);
  });

  test('personal data: held with reason personal_data even under post-moderation, never shown until a moderator decides', async () => {
    const { id } = await open({ allow_anonymous: true });
    const c = await comment(id, { mode: 'anonymous', email: '', body: '我的电话13812345678，身份证11010519491231002X，请联系我。' });
    assert.deepEqual([c.state, c.queueReason], ['pending', 'personal_data']);
    const row = await deps().db.selectFrom('consultation_comments').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.pii_kinds).sort(), ['cn_id', 'mobile']);
    assert.equal((await publicConsultation(deps(), id)).comments.length, 0);
    const q = await moderationQueue(deps(), pub.editor, id);
    assert.equal(q[0]?.comment.queue_reason, 'personal_data');
    // The agency's own phone number is not personal data.
    const agencyPhone = await comment(id, { mode: 'anonymous', email: '', body: '可拨打0990-1234567咨询。' });
    assert.equal(agencyPhone.state, 'published');
    // Also for e-mail-verified comments: the scan runs at submission, the hold applies at verification.
    const e = await comment(id, { body: '联系我：13812345678' });
    assert.equal((await verifyComment(deps(), await lastToken(e.id))).queueReason, 'personal_data');
    await moderateComment(deps(), pub.editor, c.id, { decision: 'hide', reason: 'personal_data', version: 1 });
    const v = await publicConsultation(deps(), id);
    assert.ok(!JSON.stringify(v.comments).includes('13812345678'));
  });

  test('summary: only after closing, needs the final policy and reasons; links both ways; events carry no commenter data', async () => {
    const { id } = await open();
    const c = await comment(id, { display_name: '张三丰', email: 'zhang@example.test', body: '建议增加无障碍设施。' });
    await verifyComment(deps(), await lastToken(c.id));
    await assert.rejects(saveSummary(deps(), pub.editor, id, { intro: '', final_index_number: finalIndex, points: [] }, true), code('consultation_not_closed'));
    await closeConsultation(deps(), pub.editor, id);
    await assert.rejects(closeConsultation(deps(), pub.editor, id), code('consultation_already_closed'));
    await assert.rejects(saveSummary(deps(), pub.editor, id, { intro: '', final_index_number: '', points: [{ point: '增加无障碍设施', decision: 'partly_adopted', reason: '' }] }, true), (e) => {
      const fields = e instanceof AppError ? e.fields.map((f) => `${f.field}:${f.code}`) : [];
      return fields.includes('final_index_number:required') && fields.includes('reason_1:reason_required');
    });
    await saveSummary(deps(), pub.editor, id, { intro: '草稿', final_index_number: '', points: [{ point: '增加无障碍设施', decision: 'adopted', reason: '' }] }, false);
    assert.equal((await publicConsultation(deps(), id)).summary, null, 'a draft summary is not public');
    assert.equal((await staffConsultation(deps(), pub.editor, id)).summary?.state, 'draft');
    await saveSummary(
      deps(),
      pub.editor,
      id,
      {
        intro: '共收到意见1条。',
        final_index_number: finalIndex,
        points: [
          { point: '增加无障碍设施', decision: 'adopted', reason: '' },
          { point: '延长开放时间', decision: 'partly_adopted', reason: '夏季延长至23时。' },
          { point: '允许烧烤', decision: 'not_adopted', reason: '存在火灾隐患。' },
        ],
      },
      true,
    );
    await assert.rejects(saveSummary(deps(), pub.editor, id, { intro: '', final_index_number: finalIndex, points: [] }, false), code('consultation_summary_published'));
    const v = await publicConsultation(deps(), id);
    assert.equal(v.summary?.final?.index_number, finalIndex);
    assert.deepEqual(v.summary?.points.map((x) => x.decision), ['adopted', 'partly_adopted', 'not_adopted']);
    const links = await consultationLinks(deps(), finalDocId);
    assert.ok(links.asFinal.some((x) => x.id === id), 'the final policy links back');
    assert.ok((await consultationLinks(deps(), draftDocId)).asDraft.some((x) => x.id === id), 'the draft links to its consultation');

    const events = await deps().db.selectFrom('events').selectAll().where('subject_id', '=', id).orderBy('occurred_at').execute();
    assert.deepEqual(events.map((e) => e.kind), ['consultation.opened', 'consultation.closed', 'consultation.summary_published']);
    for (const e of events) {
      assert.equal(e.subject_type, 'consultation');
      assert.ok(!/zhang@example|张三丰|无障碍设施。/.test(e.payload), `no commenter data in ${e.kind}`);
    }
    const published = JSON.parse(events[2]?.payload ?? '{}') as Record<string, unknown>;
    assert.equal(published.final_index_number, finalIndex);
    assert.equal(published.comments, 1);
    const queued = await deps().db.selectFrom('event_queue').select(['consumer']).where('event_id', '=', events[2]?.id ?? '').execute();
    assert.deepEqual(queued.map((q) => q.consumer).sort(), ['activitypub', 'subscriptions', 'webhooks']);
  });
});
