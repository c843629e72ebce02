import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppContext } from '../src/app.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { startWorker, type Worker } from '../src/jobs/worker.js';
import { claimDue, enqueue } from '../src/store/repos/outbox-repo.js';
import { durableStores, type DurableStore } from './helpers/outbox-env.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const pg = durableStores().find((s) => s.name === 'postgres');

async function fill(app: AppContext, prefix: string, n: number): Promise<string[]> {
  const at = app.deps.clock.now().toISOString();
  return app.deps.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const payload = { trackingNumber: `${prefix}-${i}`, dueDate: '2026-03-06', workingDaysLeft: 2, role: 'officer', path: '/admin' };
      ids.push((await enqueue(trx, { kind: 'reminder.due_soon', channel: 'email', recipient: { email: `u${i}@example.test` }, locale: 'zh-CN', payload, dedupeKey: `${prefix}:${i}`, createdAt: at })).id);
    }
    return ids;
  });
}

// SQLite has a single writer and runs one worker; several workers side by side is a PostgreSQL promise (issue 8 §5).
describe('several workers on one PostgreSQL database', { skip: pg ? false : 'needs DATABASE_URL' }, () => {
  let store: DurableStore;
  let a: AppContext;
  let b: AppContext;
  let sink: SmtpSink;
  before(async () => {
    if (!pg) return;
    store = pg.make();
    a = await store.open();
    b = await store.open();
    sink = await startSmtpSink();
  });
  after(async () => {
    if (!pg) return;
    await a.close();
    await b.close();
    await sink.close();
    await store.cleanup();
  });

  test('concurrent claims are disjoint (FOR UPDATE SKIP LOCKED)', async () => {
    const ids = await fill(a, 'claim', 30);
    const now = store.clock.now();
    const lease = new Date(now.getTime() + 60_000).toISOString();
    const claims = await Promise.all(
      [a, b, a, b].map((app, i) => claimDue(app.deps.db, app.deps.ops, { now: now.toISOString(), leaseUntil: lease, limit: 10, token: `t${i}` })),
    );
    const all = claims.flat().map((r) => r.id);
    assert.equal(new Set(all).size, all.length, 'no row claimed twice');
    assert.deepEqual([...all].sort(), [...ids].sort(), 'every row claimed by someone');
    // Release them for the next test's workers.
    await a.deps.db.updateTable('outbox').set({ status: 'sent' }).where('id', 'in', ids).execute();
  });

  test('two workers stepping at the same time send each message exactly once', async () => {
    const ids = await fill(a, 'send', 40);
    const workers: Worker[] = [a, b].map((app) => startWorker(app.deps, { mailer: smtpMailer(sink.url), from: 'noreply@gongkai.test', publicUrl: 'http://gongkai.test', intervalMs: 0, batchSize: 4 }));
    const drain = async (w: Worker) => {
      let total = 0;
      for (;;) {
        const r = await w.step();
        total += r.delivery.sent;
        if (r.delivery.sent === 0) return total;
      }
    };
    const [na, nb] = await Promise.all(workers.map(drain));
    await Promise.all(workers.map((w) => w.stop()));
    assert.equal((na ?? 0) + (nb ?? 0), 40);
    assert.ok((na ?? 0) > 0 && (nb ?? 0) > 0, `both workers took part (${na} + ${nb})`);
    const mine = sink.messages.filter((m) => ids.some((id) => m.messageId === `<${id}@gongkai.test>`));
    assert.equal(mine.length, 40);
    assert.equal(new Set(mine.map((m) => m.messageId)).size, 40, 'no message sent twice');
    const rows = await a.deps.db.selectFrom('outbox').select(['status', 'attempts']).where('id', 'in', ids).execute();
    assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
  });
});
