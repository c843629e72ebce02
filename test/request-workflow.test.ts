import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { confirmReceipt } from '../src/commands/requests/confirm-receipt.js';
import { closeRequest } from '../src/commands/requests/close-request.js';
import { endConsultation } from '../src/commands/requests/end-consultation.js';
import { extendRequest } from '../src/commands/requests/extend-request.js';
import { markAbandoned } from '../src/commands/requests/mark-abandoned.js';
import { recordSupplement } from '../src/commands/requests/record-supplement.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { requestCorrection } from '../src/commands/requests/request-correction.js';
import { startConsultation } from '../src/commands/requests/start-consultation.js';
import { submitOnline } from '../src/commands/requests/submit-online.js';
import { takeRequest } from '../src/commands/requests/take-request.js';
import { recordAppeal } from '../src/commands/requests/record-appeal.js';
import { updateAppealResult } from '../src/commands/requests/update-appeal.js';
import { AppError } from '../src/domain/errors.js';
import { listRequests, requestDetail, supervisorOverview } from '../src/queries/staff-requests.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { application, beijing } from './helpers/requests.js';

const code = (e: unknown) => (e instanceof AppError ? (e.fields[0]?.code && e.code === 'validation_failed' ? e.fields[0].code : e.code) : String(e));

/**
 * The clock through the commands, on the China calendar (DOMAIN.md §2), with hand-computed due
 * dates. Day 0 is the day of receipt; the due date is the day the 20th working day is reached.
 */
describe('request workflow: states, refusals and deadlines on the China calendar', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let officer: Actor;
  let supervisor: Actor;
  const at = (date: string) => p.clock.set(beijing(date));
  const detail = (id: string) => requestDetail(p.app.deps, officer, id);
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    officer = await actorFor(d, await makeStaff(d, 'rq-officer', t.city, 'request_officer'));
    supervisor = await actorFor(d, await makeStaff(d, 'rq-super', t.city, 'supervisor'));
  });
  after(async () => p.dispose());

  test('National Day 2025: received Thu 25 Sep in person, due Wed 29 Oct; a 20-day extension moves it to Wed 26 Nov', async () => {
    const d = p.app.deps;
    at('2025-09-25');
    const r = await registerOffline(d, officer, t.city.id, { ...application(), channel: 'in_person' });
    assert.equal(r.state, 'received');
    assert.match(r.trackingNumber, /^YSQ-2025-\d{6}$/);
    // 26 Sep (1), Sun 28 Sep adjusted (2), 29–30 Sep (3–4), holiday 1–8 Oct, 9–10 Oct (5–6), Sat 11 Oct adjusted (7), … 29 Oct (20).
    assert.equal((await detail(r.requestId)).req.due_date, '2025-10-29');
    await takeRequest(d, officer, r.requestId);
    at('2025-10-20');
    await assert.rejects(extendRequest(d, officer, r.requestId, { days: 21, approver: '李主任', reason: '需调取档案' }), (e) => code(e) === 'extension_exceeds_maximum');
    await assert.rejects(extendRequest(d, officer, r.requestId, { days: 20, approver: ' ', reason: '需调取档案' }), (e) => code(e) === 'approver_required');
    assert.deepEqual(await extendRequest(d, officer, r.requestId, { days: 20, approver: '李主任', reason: '需调取档案' }), { dueDate: '2025-11-26' });
    await assert.rejects(extendRequest(d, officer, r.requestId, { days: 1, approver: '李主任', reason: '再次延期' }), (e) => code(e) === 'extension_already_granted');
    const det = await detail(r.requestId);
    assert.equal(det.req.state, 'extended');
    assert.deepEqual(det.deadlines?.extension?.approvedBy, ['李主任']);
    const notes = await d.db.selectFrom('request_notifications').select(['kind', 'recipient_role', 'payload']).where('request_id', '=', r.requestId).execute();
    const ext = notes.find((n) => n.kind === 'request.extended');
    assert.equal(ext?.recipient_role, 'applicant', 'Art. 33: the applicant is told of the extension');
    assert.equal((JSON.parse(ext?.payload ?? '{}') as { due_date: string }).due_date, '2025-11-26');
    at('2025-11-27');
    const late = await replyToRequest(d, officer, r.requestId, { outcome: 'disclosed', text: '现予以公开。' });
    assert.equal(late.late, true, 'replied the day after the due date');
  });

  test('a receipt on an adjusted working Saturday (11 Oct 2025) counts from that day', async () => {
    at('2025-10-11');
    const r = await registerOffline(p.app.deps, officer, t.city.id, { ...application({ title: '调休日收到的申请' }), channel: 'in_person' });
    // 13–17 Oct (5), 20–24 (10), 27–31 (15), 3–7 Nov (20).
    assert.equal((await detail(r.requestId)).req.due_date, '2025-11-07');
  });

  test('registered mail: the day signed for; ordinary mail waits for the confirmation', async () => {
    const d = p.app.deps;
    at('2025-10-15');
    const reg = await registerOffline(d, officer, t.city.id, { ...application({ title: '挂号信申请' }), channel: 'registered_mail', submitted_on: '2025-10-09', signed_for_on: '2025-10-10' });
    assert.equal((await detail(reg.requestId)).req.received_on, '2025-10-10');
    await assert.rejects(registerOffline(d, officer, t.city.id, { ...application(), channel: 'registered_mail' }), (e) => code(e) === 'required');
    const ord = await registerOffline(d, officer, t.city.id, { ...application({ title: '平信申请' }), channel: 'ordinary_mail', submitted_on: '2025-10-14' });
    assert.equal(ord.state, 'submitted');
    await assert.rejects(replyToRequest(d, officer, ord.requestId, { outcome: 'disclosed', text: '' }), (e) => code(e) === 'receipt_not_confirmed');
    await confirmReceipt(d, officer, ord.requestId, { on: '2025-10-15' });
    await assert.rejects(confirmReceipt(d, officer, ord.requestId), (e) => code(e) === 'receipt_already_confirmed');
  });

  test('Spring Festival 2026: online, confirmed after the holiday; then a consultation pause and an extension', async () => {
    const d = p.app.deps;
    at('2026-02-13');
    const a = await submitOnline(d, t.city.id, application({ title: '春节前在线提交的申请' }));
    assert.equal(a.state, 'submitted');
    await assert.rejects(takeRequest(d, officer, a.requestId), (e) => code(e) === 'receipt_not_confirmed');
    at('2026-02-24');
    // Art. 31: received the day both sides confirm. 25–27 Feb (3), Sat 28 Feb adjusted (4), 2–6 Mar (9), 9–13 (14), 16–20 (19), 23 Mar (20).
    assert.deepEqual(await confirmReceipt(d, officer, a.requestId), { receivedOn: '2026-02-24', dueDate: '2026-03-23' });

    at('2026-02-09');
    const b = await registerOffline(d, officer, t.city.id, { ...application({ title: '涉及第三方的申请', id_number: '110101199003070038' }), channel: 'in_person' });
    // 10–13 Feb (4), Sat 14 Feb adjusted (5), holiday 15–23 Feb, 24–27 (9), Sat 28 (10), 2–6 Mar (15), 9–13 (20).
    assert.equal((await detail(b.requestId)).req.due_date, '2026-03-13');
    at('2026-02-11');
    await startConsultation(d, officer, b.requestId, { party: 'third_party', note: '征求第三方意见' });
    const paused = await detail(b.requestId);
    assert.equal(paused.req.state, 'consultation');
    assert.equal(paused.deadlines?.status, 'paused');
    await assert.rejects(replyToRequest(d, officer, b.requestId, { outcome: 'disclosed', text: '' }), (e) => code(e) === 'consultation_open');
    await assert.rejects(extendRequest(d, officer, b.requestId, { days: 5, approver: '李主任', reason: 'x' }), (e) => code(e) === 'consultation_open');
    at('2026-02-25');
    // Not counted: 12, 13, Sat 14 Feb and 24, 25 Feb (5 working days), so 13 Mar + 5 working days.
    assert.deepEqual(await endConsultation(d, officer, b.requestId, { note: '第三方不同意公开' }), { dueDate: '2026-03-20' });
    assert.equal((await detail(b.requestId)).req.state, 'in_progress');
    at('2026-03-02');
    // 23–27 Mar (5), 30 Mar–3 Apr (10), holiday 4–6 Apr, 7–10 (14), 13–17 (19), 20 Apr (20).
    assert.deepEqual(await extendRequest(d, officer, b.requestId, { days: 20, approver: '王主任', reason: '第三方意见复杂' }), { dueDate: '2026-04-20' });
    at('2026-04-20');
    const rep = await replyToRequest(d, officer, b.requestId, { outcome: 'partially_disclosed', text: '涉及第三方商业秘密的部分不予公开。' });
    assert.equal(rep.late, false);
    assert.match(rep.basis, /第三十七条/);
    await assert.rejects(extendRequest(d, officer, b.requestId, { days: 1, approver: '王主任', reason: 'x' }), (e) => code(e) === 'request_finished');
    await closeRequest(d, officer, b.requestId);
    await assert.rejects(closeRequest(d, officer, b.requestId), (e) => code(e) === 'request_finished');
    const closed = await detail(b.requestId);
    assert.equal(closed.req.state, 'closed');
    assert.deepEqual(closed.events.map((e) => e.kind), ['submitted', 'received', 'consultation_started', 'consultation_ended', 'extended', 'replied', 'closed']);
    assert.ok(closed.events.every((e) => e.actor_name !== ''), 'every step records its actor');
  });

  test('Art. 30 correction: within 7 working days of receipt, once; the clock restarts from the supplement', async () => {
    const d = p.app.deps;
    at('2026-02-06');
    const r = await registerOffline(d, officer, t.city.id, { ...application({ title: '内容不明确的申请' }), channel: 'in_person' });
    const late = await registerOffline(d, officer, t.city.id, { ...application({ title: '补正过晚的申请' }), channel: 'in_person' });
    const det = await detail(r.requestId);
    // 9–13 Feb (5), Sat 14 Feb adjusted (6), holiday 15–23 Feb, Tue 24 Feb (7).
    assert.equal(det.req.correction_notice_due_by, '2026-02-24');
    at('2026-02-25');
    await assert.rejects(requestCorrection(d, officer, late.requestId, { what: '请明确年份', supplementBy: '2026-03-06' }), (e) => code(e) === 'correction_notice_too_late');
    at('2026-02-24');
    await assert.rejects(requestCorrection(d, officer, r.requestId, { what: '请明确年份', supplementBy: '2026-02-24' }), (e) => code(e) === 'validation_failed');
    await requestCorrection(d, officer, r.requestId, { what: '请明确所需信息的年份和项目名称', supplementBy: '2026-03-06' });
    assert.equal((await detail(r.requestId)).req.state, 'correction_requested');
    await assert.rejects(replyToRequest(d, officer, r.requestId, { outcome: 'disclosed', text: '' }), (e) => code(e) === 'awaiting_supplement');
    await assert.rejects(extendRequest(d, officer, r.requestId, { days: 5, approver: '李主任', reason: 'x' }), (e) => code(e) === 'awaiting_supplement');
    await assert.rejects(markAbandoned(d, officer, r.requestId), (e) => code(e) === 'supplement_deadline_not_passed');
    at('2026-02-26');
    // Restart: 27 Feb (1), Sat 28 Feb (2), 2–6 Mar (7), 9–13 (12), 16–20 (17), 23–25 Mar (20).
    assert.deepEqual(await recordSupplement(d, officer, r.requestId, { note: '已补充年份' }), { dueDate: '2026-03-25' });
    await assert.rejects(requestCorrection(d, officer, r.requestId, { what: '再次补正', supplementBy: '2026-03-06' }), (e) => code(e) === 'correction_already_requested');
    await assert.rejects(recordSupplement(d, officer, r.requestId), (e) => code(e) === 'correction_not_pending');
    const rep = await replyToRequest(d, officer, r.requestId, { outcome: 'unable.unclear_after_correction', text: '补正后仍不明确。' });
    assert.equal(rep.outcome, 'unable.unclear_after_correction');
  });

  test('no supplement by the deadline: deemed abandoned (其他处理 1), then closed', async () => {
    const d = p.app.deps;
    at('2026-03-02');
    const r = await registerOffline(d, officer, t.city.id, { ...application({ title: '逾期不补正的申请' }), channel: 'in_person' });
    await requestCorrection(d, officer, r.requestId, { what: '请补充身份证明', supplementBy: '2026-03-16' });
    at('2026-03-17');
    await markAbandoned(d, officer, r.requestId);
    const det = await detail(r.requestId);
    assert.equal(det.req.state, 'abandoned');
    assert.equal(det.outcome?.code, 'other.no_correction');
    assert.equal(det.deadlines?.status, 'abandoned');
    await assert.rejects(replyToRequest(d, officer, r.requestId, { outcome: 'disclosed', text: '' }), (e) => code(e) === 'request_finished');
    await closeRequest(d, officer, r.requestId);
    // Outcomes that follow from their own step cannot be picked in a reply.
    const other = await registerOffline(d, officer, t.city.id, { ...application({ title: '另一申请' }), channel: 'in_person' });
    await assert.rejects(replyToRequest(d, officer, other.requestId, { outcome: 'other.fee_unpaid', text: '' }), (e) => code(e) === 'outcome_not_for_reply');
    await assert.rejects(replyToRequest(d, officer, other.requestId, { outcome: 'unable.unclear_after_correction', text: '' }), (e) => code(e) === 'outcome_not_for_reply');
    await assert.rejects(replyToRequest(d, officer, other.requestId, { outcome: 'granted', text: '' }), (e) => code(e) === 'invalid');
  });

  test('staff lists: open and overdue with days remaining, per officer; the supervisor overview', async () => {
    const d = p.app.deps;
    at('2026-03-24');
    const open = await listRequests(d, officer, 'open');
    assert.ok(open.length > 0);
    const overdue = await listRequests(d, officer, 'overdue');
    assert.ok(overdue.every((l) => l.overdue && (l.days_remaining ?? 1) <= 0));
    const corr = open.find((l) => l.title === '内容不明确的申请');
    assert.equal(corr, undefined, 'replied requests are not open');
    const online = open.find((l) => l.title === '春节前在线提交的申请');
    assert.equal(online?.due_date, '2026-03-23');
    assert.equal(online?.overdue, true);
    assert.equal(online?.days_remaining, -1);
    const mine = await listRequests(d, officer, 'mine');
    assert.ok(mine.length > 0 && mine.every((l) => l.officer_name === 'rq-officer'));
    const ov = await supervisorOverview(d, supervisor);
    assert.equal(ov.totals.open, open.length);
    assert.equal(ov.totals.overdue, overdue.length);
    await assert.rejects(supervisorOverview(d, officer), (e) => code(e) === 'forbidden');
  });

  test('reconsideration and litigation records', async () => {
    const d = p.app.deps;
    at('2026-04-21');
    const r = await registerOffline(d, officer, t.city.id, { ...application({ title: '引发复议的申请' }), channel: 'in_person' });
    await replyToRequest(d, officer, r.requestId, { outcome: 'withheld.process_information', text: '属于过程性信息。' });
    const { appealId } = await recordAppeal(d, officer, r.requestId, { kind: 'reconsideration', filedOn: '2026-04-21', bodyName: '丙市人民政府' });
    await assert.rejects(recordAppeal(d, officer, r.requestId, { kind: 'appeal', filedOn: '2026-04-21' }), (e) => code(e) === 'invalid');
    await assert.rejects(updateAppealResult(d, officer, appealId, { result: 'upheld' }), (e) => code(e) === 'required');
    await updateAppealResult(d, officer, appealId, { result: 'upheld', decidedOn: '2026-04-21' });
    await recordAppeal(d, officer, r.requestId, { kind: 'litigation_after_reconsideration', filedOn: '2026-04-21' });
    const det = await detail(r.requestId);
    assert.deepEqual(det.appeals.map((a) => [a.kind, a.result]).sort(), [['litigation_after_reconsideration', 'pending'], ['reconsideration', 'upheld']]);
  });
});
