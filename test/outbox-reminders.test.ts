import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { markRead, notificationsFor, unreadNotificationCount } from '../src/jobs/outbox-notifications.js';
import { reminderJob, runReminders, stubDeadlineSource, type OpenDeadline, type ReminderOptions } from '../src/jobs/reminders.js';
import { startWorker } from '../src/jobs/worker.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { claimDue, enqueue, markRetry, markSent } from '../src/store/repos/outbox-repo.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { seedStaff } from './helpers/outbox-env.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

describe(`reminders and console notices [${kind}]`, () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  let staff: Awaited<ReturnType<typeof seedStaff>>;
  let open: OpenDeadline[] = [];
  let opts: ReminderOptions;
  before(async () => {
    p = await buildApp({});
    sink = await startSmtpSink();
    staff = await seedStaff(p.app.deps);
    opts = { source: stubDeadlineSource(() => open), dueSoonWorkingDays: 3 };
  });
  after(async () => {
    await sink.close();
    await p.dispose();
  });

  const deadline = (over: Partial<OpenDeadline>): OpenDeadline => ({
    requestId: 'req-1',
    agencyId: staff.agency.id,
    trackingNumber: 'GK-2026-000042',
    dueDate: '2026-03-10',
    workingDaysLeft: 5,
    officerUserIds: [staff.officer.id],
    supervisorUserIds: [staff.supervisor.id, staff.noMail.id],
    ...over,
  });

  test('due-soon and overdue notices are enqueued once per request, kind and due date, by e-mail and in the console', async () => {
    const d = p.app.deps;
    open = [deadline({ workingDaysLeft: 4 })];
    assert.deepEqual(await runReminders(d, opts), { enqueued: 0, duplicates: 0 }, 'not yet due soon');

    open = [deadline({ workingDaysLeft: 3 })];
    // Console for all three; e-mail for the two with an address.
    assert.deepEqual(await runReminders(d, opts), { enqueued: 5, duplicates: 0 });
    open = [deadline({ workingDaysLeft: 2 })];
    assert.deepEqual(await runReminders(d, opts), { enqueued: 0, duplicates: 5 }, 'the same due date: nothing new');

    open = [deadline({ workingDaysLeft: -1, overdueSince: '2026-03-11' })];
    assert.deepEqual(await runReminders(d, opts), { enqueued: 5, duplicates: 0 }, 'overdue is another kind');
    assert.deepEqual(await runReminders(d, opts), { enqueued: 0, duplicates: 5 });

    // An extension moves the due date: a new due-soon notice is due.
    open = [deadline({ dueDate: '2026-04-08', workingDaysLeft: 3 })];
    assert.deepEqual(await runReminders(d, opts), { enqueued: 5, duplicates: 0 });

    const rows = await d.db.selectFrom('outbox').select(['dedupe_key', 'channel', 'recipient', 'agency_id']).where('kind', 'like', 'reminder.%').execute();
    assert.equal(rows.length, 15);
    assert.ok(rows.every((r) => r.agency_id === staff.agency.id));
    assert.ok(rows.some((r) => r.dedupe_key === `reminder:req-1:due-soon:2026-03-10:email:${staff.officer.id}`));
    assert.equal(rows.filter((r) => r.recipient === staff.noMail.id && r.channel === 'email').length, 0, 'no e-mail row for a user without an address');
  });

  test('the worker runs the reminder job on its schedule and the mails arrive once', async () => {
    const d = p.app.deps;
    open = [deadline({ requestId: 'req-2', trackingNumber: 'GK-2026-000043', workingDaysLeft: 1 })];
    const w = startWorker(d, { mailer: smtpMailer(sink.url), from: 'noreply@gongkai.test', publicUrl: 'http://gongkai.test', intervalMs: 0, jobs: [reminderJob(opts)] });
    const first = await w.step();
    assert.deepEqual(first.jobsRun, ['reminders']);
    // The earlier test's six e-mails and this request's two.
    assert.equal(first.delivery.sent, 8);
    const forReq2 = () => sink.messages.filter((m) => m.subject.includes('GK-2026-000043'));
    assert.deepEqual(forReq2().map((m) => m.to[0]).sort(), ['officer1@gov.test', 'supervisor1@gov.test']);
    assert.match(forReq2().find((m) => m.to[0] === 'officer1@gov.test')?.text ?? '', /您是该申请的承办人/);
    assert.match(forReq2().find((m) => m.to[0] === 'supervisor1@gov.test')?.text ?? '', /督办人/);

    const second = await w.step();
    assert.deepEqual(second.jobsRun, [], 'the job waits for its interval');
    p.clock.advance(15 * 60_000);
    const third = await w.step();
    assert.deepEqual(third.jobsRun, ['reminders']);
    assert.equal(third.delivery.sent, 0, 'a rerun sends nothing twice');
    await w.stop();
    assert.equal(forReq2().length, 2);
  });

  test('console notices: the recipient sees them in their locale and marks them read; nobody else can', async () => {
    const d = p.app.deps;
    const zh = await notificationsFor(d, staff.noMail.id, { locale: 'zh-CN' });
    assert.ok(zh.length >= 3);
    const overdue = zh.find((n) => n.kind === 'reminder.overdue');
    assert.ok(overdue);
    assert.equal(overdue.title, '【逾期提醒】政府信息公开申请 GK-2026-000042 已超过答复期限');
    assert.match(overdue.text, /自 2026-03-11 起已逾期/);
    assert.equal(overdue.path, '/admin/requests/req-1');
    const en = await notificationsFor(d, staff.noMail.id, { locale: 'en' });
    assert.match(en.find((n) => n.id === overdue.id)?.title ?? '', /has passed its deadline/);

    const unread = await unreadNotificationCount(d, staff.noMail.id);
    assert.equal(await markRead(d, staff.officer.id, overdue.id), false, 'not theirs');
    assert.equal(await markRead(d, staff.noMail.id, overdue.id), true);
    assert.equal(await markRead(d, staff.noMail.id, overdue.id), false, 'already read');
    assert.equal(await unreadNotificationCount(d, staff.noMail.id), unread - 1);
    assert.ok((await notificationsFor(d, staff.noMail.id, { locale: 'en', unreadOnly: true })).every((n) => n.id !== overdue.id));
    assert.equal((await notificationsFor(d, staff.officer.id, { locale: 'en' })).filter((n) => n.id === overdue.id).length, 0);
  });

  test('a notice with a later not-before stays hidden until then', async () => {
    const d = p.app.deps;
    const at = p.clock.now();
    await d.db.transaction().execute((trx) =>
      enqueue(trx, {
        kind: 'reminder.due_soon',
        channel: 'console',
        recipient: { userId: staff.officer.id },
        locale: 'zh-CN',
        payload: { trackingNumber: 'GK-LATER', dueDate: '2026-05-01', workingDaysLeft: 3, role: 'officer', path: '/x' },
        createdAt: at.toISOString(),
        notBefore: new Date(at.getTime() + 3_600_000).toISOString(),
      }),
    );
    const visible = async () => (await notificationsFor(d, staff.officer.id, { locale: 'en' })).some((n) => n.title.includes('GK-LATER'));
    assert.equal(await visible(), false);
    p.clock.advance(3_600_000);
    assert.equal(await visible(), true);
  });

  test('an outcome is recorded only by the current claim holder', async () => {
    const d = p.app.deps;
    const now = p.clock.now();
    const { id } = await d.db.transaction().execute((trx) =>
      enqueue(trx, { kind: 'reminder.due_soon', channel: 'email', recipient: { email: 'x@example.test' }, locale: 'en', payload: {}, createdAt: now.toISOString() }),
    );
    const lease = (ms: number) => new Date(p.clock.now().getTime() + ms).toISOString();
    const a = await claimDue(d.db, d.ops, { now: p.clock.now().toISOString(), leaseUntil: lease(1000), limit: 100, token: 'A' });
    assert.ok(a.some((r) => r.id === id));
    p.clock.advance(2000);
    // A's lease lapsed; B re-claims and sends.
    const b = await claimDue(d.db, d.ops, { now: p.clock.now().toISOString(), leaseUntil: lease(60_000), limit: 100, token: 'B' });
    assert.ok(b.some((r) => r.id === id && r.attempts === 2));
    assert.equal(await markSent(d.db, id, 'B', p.clock.now().toISOString()), true);
    // A finally reports a failure: it must not turn the sent message back into a pending one.
    assert.equal(await markRetry(d.db, id, 'A', 'timeout', p.clock.now().toISOString()), false);
    const row = await d.db.selectFrom('outbox').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
  });
});
