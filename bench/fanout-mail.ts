// Fan-out of one publication to N confirmed immediate e-mail subscribers (default 100,000) into a
// local SMTP sink (smtp-server in this process, accepting and discarding every message).
// Phases, each timed: publish (the document's transaction, which writes the event); event →
// outbox rows (the subscriptions consumer: one matching query, batched inserts); outbox → SMTP
// (the worker's delivery passes: claim, render, send over pooled connections, mark sent).
// Reference in the same run: the same number of messages sent straight through nodemailer with
// the same pool, no store (the floor the outbox adds to).
// Usage: npx tsx bench/fanout-mail.ts [subscribers] [runs]   (SQLite, or PostgreSQL with DATABASE_URL;
//   env CONCURRENCY (default 8 connections and messages in flight), BATCH (claimed per pass, default 500))
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { DEFAULT_TEMPLATES } from '../src/jobs/mail/templates.js';
import { DEFAULT_RETRY, deliverDue } from '../src/jobs/outbox-delivery.js';
import { dropPostgresSchema } from '../src/store/dialect/dialect.js';
import type { SubscriberTable, SubscriptionTable } from '../src/store/schema.js';
import { makePublisher, publishDocument } from '../test/helpers/publish.js';
import { median } from './lib.js';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 1);
const CONC = Number(process.env.CONCURRENCY ?? 8);
const BATCH = Number(process.env.BATCH ?? 500);
/** Messages of the reference run (default min(N, 10,000): its rate is what is compared). */
const REF = Number(process.env.REF ?? Math.min(N, 10_000));
/** CPU milliseconds (user + system) of this process since `c`. */
const cpuMs = (c: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

// The sink: accepts every message and throws it away.
let accepted = 0;
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  disableReverseLookup: true,
  onData(stream, _s, cb) {
    stream.on('end', () => {
      accepted++;
      cb();
    });
    stream.resume();
  },
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
const addr = sink.server.address();
if (addr === null || typeof addr === 'string') throw new Error('sink did not bind');
const smtpUrl = `smtp://127.0.0.1:${addr.port}`;

const dir = mkdtempSync(join(tmpdir(), 'gk-fanout-'));
const url = process.env.DATABASE_URL;
const pgSchema = url ? `bench_${randomBytes(5).toString('hex')}` : undefined;
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', GONGKAI_PUBLIC_URL: 'https://gongkai.example.gov.cn', DATABASE_URL: url }), pgSchema ? { pgSchema } : {});
const deps = core.deps;
const pub = await makePublisher(deps, 'fan');

let t0 = performance.now();
const now = deps.clock.now().toISOString();
for (let done = 0; done < N; ) {
  const people: SubscriberTable[] = [];
  const subs: Insertable<SubscriptionTable>[] = [];
  for (let i = 0; i < 5000 && done < N; i++, done++) {
    const id = `fan-p-${String(done).padStart(7, '0')}`;
    people.push({ id, email: `reader${done}@example.test`, locale: done % 5 === 0 ? 'en' : 'zh-CN', link_version: 1, created_at: now });
    subs.push({ id: `fan-s-${done}`, subscriber_id: id, kind: 'agency', target: pub.agencyId, label: '测试市', frequency: 'immediate', status: 'confirmed', confirm_token_hash: null, created_at: now, confirmed_at: now, removed_at: null });
  }
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < people.length; i += 500) await trx.insertInto('subscribers').values(people.slice(i, i + 500)).execute();
    for (let i = 0; i < subs.length; i += 500) await trx.insertInto('subscriptions').values(subs.slice(i, i + 500)).execute();
  });
}
console.log(`generated ${N.toLocaleString('en')} confirmed immediate subscribers in ${((performance.now() - t0) / 1000).toFixed(1)} s (${core.store.ops.kind}; ${CONC} connections, batches of ${BATCH})`);

const results = { publish: [] as number[], fanout: [] as number[], deliver: [] as number[], reference: [] as number[], fanoutCpu: [] as number[], deliverCpu: [] as number[], referenceCpu: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  t0 = performance.now();
  await publishDocument(deps, pub, { title: `关于第${run + 1}批惠企政策的通知` });
  results.publish.push(performance.now() - t0);

  t0 = performance.now();
  let c0 = process.cpuUsage();
  const r = await drainEvents(deps, 'subscriptions');
  results.fanout.push(performance.now() - t0);
  results.fanoutCpu.push(cpuMs(c0));
  const rows = await deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('kind', '=', 'subscription.notice').executeTakeFirstOrThrow();
  if (r.done !== 1 || Number(rows.n) !== N) throw new Error(`fan-out wrote ${rows.n} rows for ${N} subscribers`);

  const mailer = smtpMailer(smtpUrl, { pool: CONC });
  const opts = { mailer, from: 'noreply@gongkai.example.gov.cn', publicUrl: 'https://gongkai.example.gov.cn', messageIdDomain: 'gongkai.example.gov.cn', templates: DEFAULT_TEMPLATES, retry: DEFAULT_RETRY, batchSize: BATCH, leaseMs: 5 * 60_000, concurrency: CONC };
  const before = accepted;
  t0 = performance.now();
  c0 = process.cpuUsage();
  let sent = 0;
  for (;;) {
    const rep = await deliverDue(deps, opts);
    if (rep.failed || rep.retried) throw new Error(`delivery failures: ${JSON.stringify(rep)}`);
    if (rep.sent === 0) break;
    sent += rep.sent;
  }
  results.deliver.push(performance.now() - t0);
  results.deliverCpu.push(cpuMs(c0));
  mailer.close();
  if (sent !== N || accepted - before !== N) throw new Error(`sent ${sent}, sink accepted ${accepted - before}, expected ${N}`);

  // Reference: the same number of comparable messages straight through nodemailer, same pool and concurrency.
  const raw = nodemailer.createTransport({ host: '127.0.0.1', port: addr.port, secure: false, pool: true, maxConnections: CONC, maxMessages: 1000 });
  t0 = performance.now();
  c0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < REF) {
        const i = next++;
        await raw.sendMail({ from: 'noreply@gongkai.example.gov.cn', to: `reader${i}@example.test`, subject: `【订阅】新发布：关于第${run + 1}批惠企政策的通知`, text: '测试正文'.repeat(60), html: `<p>${'测试正文'.repeat(60)}</p>` });
      }
    }),
  );
  results.reference.push(performance.now() - t0);
  results.referenceCpu.push(cpuMs(c0));
  raw.close();
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (ms: number, n = N) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} messages/s`;
const mf = median(results.fanout);
const md = median(results.deliver);
const mr = median(results.reference);
const cf = median(results.fanoutCpu);
const cd = median(results.deliverCpu);
const cr = median(results.referenceCpu);
const load = (await import('node:os')).loadavg()[0] ?? 0;
console.log(`one publication to ${N.toLocaleString('en')} subscribers, median of ${RUNS} run(s):`);
console.log(`  publish (document transaction + event): ${median(results.publish).toFixed(0)} ms`);
console.log(`  event → outbox rows (subscriptions consumer): ${s(mf)} wall (${rate(mf)}), ${s(cf)} CPU (${rate(cf)})`);
console.log(`  outbox → SMTP accepted (worker delivery): ${s(md)} wall (${rate(md)}), ${s(cd)} CPU (${rate(cd)})`);
console.log(`  total, event to last message accepted: ${s(mf + md)} wall (${rate(mf + md)})`);
console.log(`  reference, ${REF.toLocaleString('en')} messages by bare nodemailer to the same sink: ${s(mr)} wall (${rate(mr, REF)}), ${s(cr)} CPU (${rate(cr, REF)})`);
console.log(`  delivery / reference per message: ${(md / N / (mr / REF)).toFixed(2)} wall, ${(cd / N / (cr / REF)).toFixed(2)} CPU (CPU includes the in-process sink; 1-minute load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
await core.close();
await new Promise<void>((r) => sink.close(() => r()));
if (url && pgSchema) await dropPostgresSchema(url, pgSchema);
