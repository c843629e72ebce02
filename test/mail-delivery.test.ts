import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AppContext } from '../src/app.js';
import { smtpMailer, type Mailer } from '../src/jobs/mail/mailer.js';
import { REMINDER_KINDS } from '../src/jobs/mail/reminder-templates.js';
import { undeliveredMail, retryUndelivered } from '../src/jobs/outbox-failures.js';
import { startWorker, type WorkerOptions } from '../src/jobs/worker.js';
import { enqueue, type OutboxMessage } from '../src/store/repos/outbox-repo.js';
import { durableStores, seedStaff, type DurableStore } from './helpers/outbox-env.js';
import { deadSmtpUrl, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const MIN = 60_000;

function worker(app: AppContext, mailer: Mailer | null, extra: Partial<WorkerOptions> = {}) {
  return startWorker(app.deps, { mailer, from: 'Gongkai <noreply@gongkai.test>', publicUrl: 'http://gongkai.test', intervalMs: 0, ...extra });
}

function reminder(app: AppContext, key: string, to: OutboxMessage['recipient'], locale: 'zh-CN' | 'en', tracking = 'GK-2026-0001'): OutboxMessage {
  return {
    id: app.deps.newId(),
    kind: REMINDER_KINDS.dueSoon,
    channel: 'email',
    recipient: to,
    locale,
    payload: { requestId: 'r1', trackingNumber: tracking, dueDate: '2026-03-06', workingDaysLeft: 3, role: 'officer', path: '/admin/requests/r1' },
    dedupeKey: key,
    createdAt: app.deps.clock.now().toISOString(),
  };
}

async function enqueueOne(app: AppContext, m: OutboxMessage): Promise<string> {
  return (await app.deps.db.transaction().execute((trx) => enqueue(trx, m))).id;
}

async function rowOf(app: AppContext, id: string) {
  return app.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

for (const kind of durableStores()) {
  describe(`outbox e-mail delivery over real SMTP [${kind.name}]`, () => {
    let sink: SmtpSink;
    let store: DurableStore;
    let staff: Awaited<ReturnType<typeof seedStaff>>;
    before(async () => {
      sink = await startSmtpSink();
      store = kind.make();
      const app = await store.open();
      staff = await seedStaff(app.deps);
      await app.close();
    });
    after(async () => {
      await sink.close();
      await store.cleanup();
    });
    beforeEach(() => {
      sink.messages.length = 0;
    });

    test('a committed message arrives once, in its locale, escaped, with a Message-ID from its outbox id; a rolled-back one never exists', async () => {
      const app = await store.open();
      try {
        const zhId = await enqueueOne(app, reminder(app, 't1:zh', { email: 'reader@example.test' }, 'zh-CN'));
        const enId = await enqueueOne(app, reminder(app, 't1:en', { userId: staff.supervisor.id }, 'en', '<b>GK&1</b>'));
        // Enqueueing the same logical message again is a no-op that names the first row.
        const again = await app.deps.db.transaction().execute((trx) => enqueue(trx, reminder(app, 't1:zh', { email: 'reader@example.test' }, 'zh-CN')));
        assert.deepEqual(again, { id: zhId, created: false });
        // The event's transaction fails: its message must not exist.
        await assert.rejects(
          app.deps.db.transaction().execute(async (trx) => {
            await enqueue(trx, reminder(app, 't1:rolled-back', { email: 'reader@example.test' }, 'zh-CN'));
            throw new Error('the event failed');
          }),
          /the event failed/,
        );
        assert.equal((await app.deps.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 't1:rolled-back').execute()).length, 0);

        const w = worker(app, smtpMailer(sink.url));
        const r = await w.step();
        await w.stop();
        assert.equal(r.delivery.sent, 2);
        assert.equal(sink.messages.length, 2);
        const zh = sink.messages.find((m) => m.to.includes('reader@example.test'));
        const en = sink.messages.find((m) => m.to.includes('supervisor1@gov.test'));
        assert.ok(zh && en, 'one mail to the address, one to the staff member resolved from users.email');
        assert.equal(zh.subject, '【办理提醒】政府信息公开申请 GK-2026-0001 将于 2026-03-06 到期');
        assert.match(zh.text, /答复期限为 2026-03-06，还剩 3 个工作日/);
        assert.match(zh.text, /http:\/\/gongkai\.test\/admin\/requests\/r1/);
        assert.match(zh.html, /<html lang="zh-CN">/);
        assert.equal(zh.messageId, `<${zhId}@gongkai.test>`);
        assert.equal(zh.headers.get('x-gongkai-outbox-id'), zhId);
        assert.equal(en.subject, '[Reminder] Information request <b>GK&1</b> is due on 2026-03-06');
        assert.match(en.text, /3 working day\(s\) left/);
        assert.match(en.html, /<html lang="en">/);
        assert.match(en.html, /&lt;b&gt;GK&amp;1&lt;\/b&gt;/);
        assert.doesNotMatch(en.html, /<b>GK/);
        assert.equal(en.messageId, `<${enId}@gongkai.test>`);
        assert.equal((await rowOf(app, zhId)).status, 'sent');
        assert.equal((await rowOf(app, zhId)).sent_at, store.clock.now().toISOString());
      } finally {
        await app.close();
      }
    });

    test('a restart between enqueue and send loses no message and sends none twice', async () => {
      const first = await store.open();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await enqueueOne(first, reminder(first, `t2:${i}`, { email: `r${i}@example.test` }, 'zh-CN')));
      // The first instance sends one message, then stops before the others.
      const w1 = worker(first, smtpMailer(sink.url), { batchSize: 1 });
      assert.equal((await w1.step()).delivery.sent, 1);
      await w1.stop();
      await first.close();

      const second = await store.open();
      const w2 = worker(second, smtpMailer(sink.url));
      assert.equal((await w2.step()).delivery.sent, 2);
      assert.equal((await w2.step()).delivery.sent, 0);
      await w2.stop();
      await second.close();

      const third = await store.open();
      const w3 = worker(third, smtpMailer(sink.url));
      assert.equal((await w3.step()).delivery.sent, 0);
      await w3.stop();
      for (const id of ids) assert.equal((await rowOf(third, id)).status, 'sent');
      await third.close();
      assert.deepEqual(sink.messages.map((m) => m.messageId).sort(), ids.map((id) => `<${id}@gongkai.test>`).sort());
    });

    test('a crash after the SMTP server accepted, before marking sent: resent after the lease, as the same message with the same Message-ID', async () => {
      const first = await store.open();
      const id = await enqueueOne(first, reminder(first, 't3', { email: 'crash@example.test' }, 'en'));
      const real = smtpMailer(sink.url);
      // The process "dies" right after the server's 250: its database connections are gone before it can record the send.
      const dying: Mailer = {
        async send(m) {
          await real.send(m);
          await first.close();
        },
        close: () => real.close(),
      };
      const w1 = worker(first, dying);
      await assert.rejects(w1.step());
      await w1.stop();
      assert.equal(sink.messages.length, 1);

      const second = await store.open();
      const row = await rowOf(second, id);
      assert.equal(row.status, 'sending', 'the claim survives the crash');
      const w2 = worker(second, smtpMailer(sink.url));
      store.clock.advance(4 * MIN);
      assert.equal((await w2.step()).delivery.sent, 0, 'not while the dead worker’s lease runs');
      store.clock.advance(1 * MIN);
      assert.equal((await w2.step()).delivery.sent, 1, 'claimed again once the lease ended');
      await w2.stop();
      const done = await rowOf(second, id);
      assert.equal(done.status, 'sent');
      assert.equal(done.attempts, 2);
      await second.close();

      // At-least-once: the duplicate is the identical message, so clients collapse it by Message-ID.
      assert.equal(sink.messages.length, 2);
      const [a, b] = sink.messages;
      assert.ok(a && b);
      assert.equal(a.messageId, `<${id}@gongkai.test>`);
      assert.equal(b.messageId, a.messageId);
      assert.equal(b.headers.get('date'), a.headers.get('date'));
      assert.equal(b.subject, a.subject);
      assert.equal(b.text, a.text);
    });

    test('SMTP down: retried with exponential backoff, then failed and shown to staff; a staff retry sends it', async () => {
      const app = await store.open();
      try {
        const id = await enqueueOne(app, reminder(app, 't4', { email: 'later@example.test' }, 'zh-CN'));
        const retry = { baseMs: MIN, maxMs: 60 * MIN, maxAttempts: 3 };
        const down = worker(app, smtpMailer(await deadSmtpUrl()), { retry });
        const t0 = store.clock.now().getTime();
        assert.equal((await down.step()).delivery.retried, 1);
        let row = await rowOf(app, id);
        assert.equal(row.status, 'pending');
        assert.equal(row.attempts, 1);
        assert.equal(row.not_before, new Date(t0 + MIN).toISOString());
        assert.ok(row.last_error);
        store.clock.advance(MIN - 1000);
        assert.equal((await down.step()).delivery.retried, 0, 'not before the backoff');
        store.clock.advance(1000);
        assert.equal((await down.step()).delivery.retried, 1);
        row = await rowOf(app, id);
        assert.equal(row.not_before, new Date(t0 + MIN + 2 * MIN).toISOString(), 'the second wait is twice the first');
        store.clock.advance(2 * MIN);
        assert.equal((await down.step()).delivery.failed, 1, 'gives up after maxAttempts');
        await down.stop();
        row = await rowOf(app, id);
        assert.equal(row.status, 'failed');
        assert.equal(row.attempts, 3);

        const shown = await undeliveredMail(app.deps, { scopes: null, locale: 'zh-CN' });
        const mine = shown.find((m) => m.id === id);
        assert.ok(mine, 'the failure is visible to staff');
        assert.equal(mine.statusLabel, '发送失败');
        assert.equal(mine.recipient, 'later@example.test');
        assert.equal(sink.messages.length, 0);

        assert.equal(await retryUndelivered(app.deps, id), true);
        const up = worker(app, smtpMailer(sink.url));
        assert.equal((await up.step()).delivery.sent, 1);
        await up.stop();
        assert.equal(sink.messages.length, 1);
        assert.equal((await rowOf(app, id)).status, 'sent');
      } finally {
        await app.close();
      }
    });

    test('a recipient the server refuses (550) fails at once, and so does a staff member with no address', async () => {
      const app = await store.open();
      try {
        sink.refuse.add('nobody@example.test');
        const refused = await enqueueOne(app, reminder(app, 't5:refused', { email: 'nobody@example.test' }, 'zh-CN'));
        const noAddress = await enqueueOne(app, reminder(app, 't5:no-address', { userId: staff.noMail.id }, 'en'));
        const w = worker(app, smtpMailer(sink.url));
        assert.equal((await w.step()).delivery.failed, 2);
        await w.stop();
        assert.equal((await rowOf(app, refused)).status, 'failed');
        assert.match((await rowOf(app, refused)).last_error ?? '', /550/);
        const shown = await undeliveredMail(app.deps, { scopes: null, locale: 'en' });
        assert.equal(shown.find((m) => m.id === noAddress)?.error, 'The recipient has no e-mail address.');
        assert.equal(sink.messages.length, 0);
      } finally {
        await app.close();
      }
    });

    test('with no SMTP configured, e-mail is held and shown to staff, then sent once a server is configured', async () => {
      const app = await store.open();
      try {
        const id = await enqueueOne(app, reminder(app, 't6', { email: 'held@example.test' }, 'zh-CN'));
        const none = worker(app, null);
        assert.equal((await none.step()).delivery.held, 1);
        await none.stop();
        const row = await rowOf(app, id);
        assert.equal(row.status, 'held');
        assert.equal(row.attempts, 0);
        const shown = (await undeliveredMail(app.deps, { scopes: [staff.agency.path], locale: 'en' })).length;
        assert.equal(shown, 0, 'a message of no agency is outside an agency scope');
        const all = await undeliveredMail(app.deps, { scopes: null, locale: 'en' });
        assert.match(all.find((m) => m.id === id)?.error ?? '', /No SMTP server is configured/);
        const w = worker(app, smtpMailer(sink.url));
        assert.equal((await w.step()).delivery.sent, 1);
        await w.stop();
        assert.equal(sink.messages.length, 1);
      } finally {
        await app.close();
      }
    });
  });
}
