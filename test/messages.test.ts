import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { answerMessage } from '../src/commands/messages/answer-message.js';
import { assignMessage } from '../src/commands/messages/assign-message.js';
import { rateMessage } from '../src/commands/messages/rate-message.js';
import { redirectMessage } from '../src/commands/messages/redirect-message.js';
import { setAnswerDays } from '../src/commands/messages/set-answer-days.js';
import { submitMessage } from '../src/commands/messages/submit-message.js';
import { transferMessage } from '../src/commands/messages/transfer-message.js';
import { createUser, grantRole } from '../src/commands/manage-staff.js';
import { AppError } from '../src/domain/errors.js';
import type { MessageInput } from '../src/domain/messages/message-rules.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { runMessageEscalation } from '../src/jobs/messages-jobs.js';
import { notificationsFor } from '../src/jobs/outbox-notifications.js';
import { startWorker } from '../src/jobs/worker.js';
import { DEFAULT_TEMPLATES, parsePayload, renderMessage } from '../src/jobs/mail/templates.js';
import { listMessages } from '../src/queries/staff-messages.js';
import { senderView } from '../src/queries/messages.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { beijing } from './helpers/requests.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const store = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export function messageInput(over: Partial<MessageInput> = {}): MessageInput {
  return { kind: 'question', category: 'transport', title: '公交线路调整咨询', body: '请问12路公交车何时恢复原线路？', name: '李留言', email: 'li.sender@example.test', phone: '', is_public: true, ...over };
}

function code(e: unknown): string {
  return e instanceof AppError ? `${e.code}:${e.fields.map((f) => `${f.field}=${f.code}`).join(',')}` : String(e);
}

describe(`messages to agencies: workflow, deadlines, escalation [${store}]`, () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  let t: Awaited<ReturnType<typeof seedTree>>;
  before(async () => {
    p = await buildApp();
    sink = await startSmtpSink();
    t = await seedTree(p.app.deps);
  });
  after(async () => {
    await sink.close();
    await p.dispose();
  });

  const outbox = (kind: string) => p.app.deps.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();

  test('submission is validated: kind, category, title, text, name and a way to reach the sender', async () => {
    const d = p.app.deps;
    await assert.rejects(submitMessage(d, t.county1.id, messageInput({ kind: 'rant', category: '', title: '', body: '  ', name: '', email: 'not-an-address', phone: '' })), (e) => {
      const c = code(e);
      for (const part of ['kind=invalid', 'category=required', 'title=required', 'body=required', 'name=required', 'email=invalid']) assert.ok(c.includes(part), `${c} has ${part}`);
      return true;
    });
    await assert.rejects(submitMessage(d, t.county1.id, messageInput({ email: '', phone: '' })), (e) => code(e).includes('email=message_contact_required'));
    await assert.rejects(submitMessage(d, t.county1.id, messageInput({ title: '长'.repeat(101) })), (e) => code(e).includes('title=too_long'));
    await assert.rejects(submitMessage(d, 'no-such-agency', messageInput()), (e) => code(e).startsWith('agency_not_found'));
    const n = await d.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0, 'nothing stored');
    // A phone alone is enough.
    const ok = await submitMessage(d, t.county1.id, messageInput({ email: '', phone: '0990-7654321' }));
    assert.match(ok.trackingNumber, /^LY-2026-\d{6}$/);
  });

  test('assign, answer and transfer are recorded; the sender is told of each by e-mail (real SMTP)', async () => {
    const d = p.app.deps;
    p.clock.set(beijing('2026-03-02'));
    const officerUser = await makeStaff(d, 'm-officer', t.county1, 'request_officer');
    const officer2User = await makeStaff(d, 'm-officer2', t.county2, 'request_officer');
    const reader = await makeStaff(d, 'm-editor', t.county1, 'editor');
    const outsider = await makeStaff(d, 'm-outsider', t.provB, 'request_officer');
    const officer = await actorFor(d, officerUser);
    const officer2 = await actorFor(d, officer2User);
    const r = await submitMessage(d, t.county1.id, messageInput({ email: 'transfer.sender@example.test' }));
    assert.equal(r.dueDate, '2026-03-09', 'five working days after Monday 2 March');
    assert.ok((await notificationsFor(d, officerUser.id, { locale: 'zh-CN' })).some((n) => n.title.includes(r.trackingNumber)), 'the officer is told in the console');

    await assert.rejects(assignMessage(d, await actorFor(d, outsider), r.messageId, officerUser.id), (e) => code(e).startsWith('message_not_found'), 'outside the scope it does not exist');
    await assert.rejects(assignMessage(d, await actorFor(d, reader), r.messageId, officerUser.id), (e) => code(e).startsWith('forbidden'), 'an editor reads but does not handle');
    await assert.rejects(assignMessage(d, officer, r.messageId, reader.id), (e) => code(e).includes('officer=invalid'), 'only an officer in scope can be assigned');
    await assignMessage(d, officer, r.messageId, officerUser.id);
    assert.equal((await listMessages(d, officer, { view: 'mine' })).map((m) => m.id).join(), r.messageId);

    await assert.rejects(transferMessage(d, officer, r.messageId, { toAgencyId: t.county2.id, reason: '' }), (e) => code(e).includes('reason=required'));
    p.clock.set(beijing('2026-03-03'));
    const tr = await transferMessage(d, officer, r.messageId, { toAgencyId: t.county2.id, reason: '属戊县管辖事项' });
    assert.equal(tr.dueDate, '2026-03-10', 'the period restarts at the receiving agency');
    await assert.rejects(answerMessage(d, officer, r.messageId, 'x'), (e) => code(e).startsWith('message_not_found'), 'the first county no longer sees it');
    const a = await answerMessage(d, officer2, r.messageId, '12路公交将于4月1日恢复原线路。');
    assert.deepEqual(a, { answeredOn: '2026-03-03', late: false, published: true });
    await assert.rejects(answerMessage(d, officer2, r.messageId, 'again'), (e) => code(e).startsWith('message_finished'));

    const events = await d.db.selectFrom('message_events').select(['kind', 'details']).where('message_id', '=', r.messageId).orderBy('seq').execute();
    assert.deepEqual(events.map((e) => e.kind), ['submitted', 'assigned', 'transferred', 'answered']);
    const transfer = JSON.parse(events[2]?.details ?? '{}') as Record<string, string>;
    assert.equal(transfer.from_agency, t.county1.code);
    assert.equal(transfer.to_agency, t.county2.code);
    assert.equal(transfer.reason, '属戊县管辖事项');
    await assert.rejects(d.db.updateTable('message_events').set({ kind: 'x' }).where('message_id', '=', r.messageId).execute(), 'the history is append-only');

    const worker = startWorker(d, { mailer: smtpMailer(sink.url), from: 'Gongkai <noreply@gongkai.test>', publicUrl: 'http://gongkai.test', intervalMs: 0 });
    await worker.step();
    await worker.stop();
    const mails = sink.messages.filter((m) => m.to.includes('transfer.sender@example.test'));
    assert.deepEqual(mails.map((m) => m.subject).sort(), [`留言 ${r.trackingNumber} 已提交`, `留言 ${r.trackingNumber} 已答复`, `留言 ${r.trackingNumber} 已转办`].sort());
    const moved = mails.find((m) => m.subject.includes('转办'));
    assert.match(moved?.text ?? '', /丁县.*转至戊县办理，理由：属戊县管辖事项。新的答复期限为 2026-03-10/);
    assert.doesNotMatch(moved?.text ?? '', /李留言/, 'no personal data in the body');
    assert.ok((await notificationsFor(d, officer2User.id, { locale: 'zh-CN' })).some((n) => n.title.includes(r.trackingNumber)), 'the receiving officers are told');
  });

  test('the deadline counts working days on the agency calendar across National Day; overdue goes to supervisors exactly once', async () => {
    const d = p.app.deps;
    const supUser = await createUser(d, SYSTEM_ACTOR, { username: 'm-sup', display_name: 'm-sup', email: 'sup@gov.test', password: PASSWORD, home_agency_id: t.city.id });
    await grantRole(d, SYSTEM_ACTOR, supUser.id, t.city.id, 'supervisor');
    const otherSup = await makeStaff(d, 'm-sup-b', t.provB, 'supervisor');
    const sup = await actorFor(d, supUser);
    // Wednesday 30 September 2026: 1–7 October are holidays, Saturday 10 October is a working day.
    p.clock.set(beijing('2026-09-30'));
    const r = await submitMessage(d, t.dept1.id, messageInput({ title: '国庆前留言' }));
    assert.equal(r.dueDate, '2026-10-13');
    // An agency may set its own period: 3 working days at county 2.
    await assert.rejects(setAnswerDays(d, sup, t.county2.id, 3), (e) => code(e).startsWith('forbidden'), 'supervisors do not change settings');
    await assert.rejects(setAnswerDays(d, SYSTEM_ACTOR, t.county2.id, 0), (e) => code(e).includes('answer_days=bad_answer_days'));
    await setAnswerDays(d, SYSTEM_ACTOR, t.county2.id, 3);
    const r3 = await submitMessage(d, t.county2.id, messageInput({ title: '三日期限' }));
    assert.equal(r3.dueDate, '2026-10-10', 'the third working day is the adjusted working Saturday');

    p.clock.set(beijing('2026-10-09'));
    await runMessageEscalation(d);
    const escalations = async () => (await outbox('message.overdue')).filter((o) => o.payload.includes(r.trackingNumber));
    assert.equal((await escalations()).length, 0, 'not overdue on its due date');
    p.clock.set(beijing('2026-10-13'));
    await runMessageEscalation(d);
    assert.equal((await escalations()).length, 0);
    p.clock.set(beijing('2026-10-14'));
    const first = await runMessageEscalation(d);
    assert.ok(first.enqueued >= 2);
    const rows = await escalations();
    assert.deepEqual(rows.map((o) => `${o.channel}:${o.recipient}`).sort(), [`console:${supUser.id}`, `email:${supUser.id}`].sort(), 'the city supervisor, console and e-mail; not the other province');
    p.clock.set(beijing('2026-10-15'));
    const again = await runMessageEscalation(d);
    assert.equal(again.enqueued, 0, 'nothing new');
    assert.equal((await escalations()).length, 2, 'exactly once per message and due date');
    const notes = await notificationsFor(d, supUser.id, { locale: 'zh-CN' });
    assert.ok(notes.some((n) => n.title === `留言 ${r.trackingNumber} 已超期未答复` && n.path === `/admin/messages/${r.messageId}`));
    assert.deepEqual((await notificationsFor(d, otherSup.id, { locale: 'zh-CN' })).filter((n) => n.kind === 'message.overdue'), []);
    const overdue = await listMessages(d, sup, { view: 'overdue' });
    assert.ok(overdue.some((m) => m.id === r.messageId && m.overdue && m.days_remaining === -2), 'the supervisor sees it overdue in the subtree');
    assert.deepEqual(await listMessages(d, await actorFor(d, otherSup), { view: 'overdue' }), []);

    const worker = startWorker(d, { mailer: smtpMailer(sink.url), from: 'Gongkai <noreply@gongkai.test>', publicUrl: 'http://gongkai.test', intervalMs: 0 });
    await worker.step();
    await worker.stop();
    assert.equal(sink.messages.filter((m) => m.to.includes('sup@gov.test') && m.subject.includes(r.trackingNumber)).length, 1, 'one e-mail to the supervisor');
  });

  test('the sender rates an answer once; not before it is answered; with the right token only', async () => {
    const d = p.app.deps;
    p.clock.set(beijing('2026-03-05'));
    const officer = await actorFor(d, await makeStaff(d, 'm-rater-officer', t.county1, 'request_officer'));
    const r = await submitMessage(d, t.county1.id, messageInput({ is_public: false }));
    await assert.rejects(rateMessage(d, r.trackingNumber, r.token, { rating: 'satisfied', comment: '' }), (e) => code(e).startsWith('message_not_answered'));
    await answerMessage(d, officer, r.messageId, '已答复。');
    await assert.rejects(rateMessage(d, r.trackingNumber, 'wrong-token', { rating: 'satisfied', comment: '' }), (e) => code(e).startsWith('message_not_found'));
    await assert.rejects(rateMessage(d, r.trackingNumber, r.token, { rating: 'great', comment: '' }), (e) => code(e).includes('rating=invalid'));
    await rateMessage(d, r.trackingNumber, r.token, { rating: 'dissatisfied', comment: '答复太简单' });
    await assert.rejects(rateMessage(d, r.trackingNumber, r.token, { rating: 'satisfied', comment: '' }), (e) => code(e).startsWith('message_already_rated'));
    const v = await senderView(d, r.trackingNumber, r.token);
    assert.deepEqual(v.rating, { value: 'dissatisfied', comment: '答复太简单', on: '2026-03-05' });
  });

  test('Art. 39: a message that is really an information request is closed as redirected, and the sender is pointed to the request form', async () => {
    const d = p.app.deps;
    const officer = await actorFor(d, await makeStaff(d, 'm-redirect-officer', t.county1, 'request_officer'));
    const r = await submitMessage(d, t.county1.id, messageInput({ email: 'redirect.sender@example.test', title: '申请公开2025年预算', body: '请提供2025年部门预算文件。' }));
    await assert.rejects(redirectMessage(d, officer, r.messageId, { channel: 'nowhere', note: '' }), (e) => code(e).includes('channel=invalid'));
    await assert.rejects(redirectMessage(d, officer, r.messageId, { channel: 'other', note: '' }), (e) => code(e).includes('note=required'));
    await redirectMessage(d, officer, r.messageId, { channel: 'information_request', note: '请通过依申请公开渠道提出。' });
    const v = await senderView(d, r.trackingNumber, r.token);
    assert.equal(v.state, 'redirected');
    assert.deepEqual(v.redirect, { channel: 'information_request', note: '请通过依申请公开渠道提出。' });
    const mail = (await outbox('message.redirected')).find((o) => o.recipient === 'redirect.sender@example.test');
    assert.ok(mail, 'the sender is told');
    assert.equal((JSON.parse(mail.payload) as { link: string }).link, `/requests/new?agency=${t.county1.code}`);
    await assert.rejects(answerMessage(d, officer, r.messageId, '晚了'), (e) => code(e).startsWith('message_finished'));
    const published = await d.db.selectFrom('messages').select('published').where('id', '=', r.messageId).executeTakeFirstOrThrow();
    assert.equal(published.published, 0, 'a redirected message is not published');
  });

  test('a sender who wrote from the English pages is mailed in English, agencies named in English', async () => {
    const d = p.app.deps;
    const r = await submitMessage(d, t.county1.id, messageInput({ email: 'english.sender@example.test' }), { locale: 'en' });
    const row = (await outbox('message.submitted')).find((o) => o.recipient === 'english.sender@example.test');
    assert.equal(row?.locale, 'en');
    const m = renderMessage(DEFAULT_TEMPLATES, 'message.submitted', parsePayload(row?.payload ?? '{}'), 'en', 'http://gongkai.test');
    assert.equal(m.subject, `Message ${r.trackingNumber} sent`);
    assert.match(m.text, /has reached County D; the answer is due by \d{4}-\d{2}-\d{2}\./);
  });
});
