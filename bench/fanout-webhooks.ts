// Fan-out of one publication to N webhook endpoints (default 1,000), all pointing at local
// in-process HTTP receivers (node:http on 127.0.0.1) that verify every signature with the
// exported verifier and answer 204.
// Phases, each timed: publish (the document's transaction, which writes the event); event →
// delivery rows (the webhooks consumer: one candidate query, batched inserts); deliveries → 2xx
// (the delivery job: claim batches with leases, sign, POST with bounded concurrency over keep-alive
// connections, log each attempt, record the outcome).
// Reference in the same run: the same number of signed POSTs of the same body straight through
// node:http with the same concurrency and agent settings, no store (the floor the job adds to).
// Usage: npx tsx bench/fanout-webhooks.ts [endpoints] [runs]   (SQLite, or PostgreSQL with DATABASE_URL;
//   env CONCURRENCY (requests in flight, default 32), BATCH (claimed per batch, default 200), RECEIVERS (default 4))
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { createWebhookEndpoint } from '../src/commands/webhooks/manage-endpoint.js';
import { deliverWebhooks } from '../src/channels/webhooks/deliver.js';
import { signedHeaders, verifyWebhookSignature, webhookBody, newWebhookSecret } from '../src/domain/webhooks/signing.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { dropPostgresSchema } from '../src/store/dialect/dialect.js';
import { makePublisher, publishDocument } from '../test/helpers/publish.js';
import { median } from './lib.js';

const N = Number(process.argv[2] ?? 1_000);
const RUNS = Number(process.argv[3] ?? 5);
const CONC = Number(process.env.CONCURRENCY ?? 32);
const BATCH = Number(process.env.BATCH ?? 200);
const RECEIVERS = Number(process.env.RECEIVERS ?? 4);

// The receivers: verify each request against the secret registered for its path.
const secretByPath = new Map<string, string>();
let verified = 0;
let refused = 0;
const servers: http.Server[] = [];
const bases: string[] = [];
for (let i = 0; i < RECEIVERS; i++) {
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const secret = secretByPath.get(req.url ?? '') ?? '';
      const ok = verifyWebhookSignature(secret, req.headers, Buffer.concat(chunks)).ok;
      if (ok) verified++;
      else refused++;
      res.statusCode = ok ? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`); // a TCP listener: AddressInfo
}

const dir = mkdtempSync(join(tmpdir(), 'gk-whfanout-'));
const url = process.env.DATABASE_URL;
const pgSchema = url ? `bench_${randomBytes(5).toString('hex')}` : undefined;
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', GONGKAI_PUBLIC_URL: 'https://gongkai.example.gov.cn', DATABASE_URL: url }), pgSchema ? { pgSchema } : {});
const deps = core.deps;
const pub = await makePublisher(deps, 'whfan');

let t0 = performance.now();
for (let i = 0; i < N; i++) {
  const path = `/hook/${i}`;
  const target = `${bases[i % bases.length]}${path}`;
  // Loopback receivers are a development-instance allowance; the benchmark grants it explicitly.
  const r = await createWebhookEndpoint(deps, SYSTEM_ACTOR, pub.agencyId, { url: target, description: `bench ${i}`, event_types: ['document.published'], include_subtree: false }, { allowLoopback: true });
  secretByPath.set(path, r.secret);
}
console.log(`registered ${N.toLocaleString('en')} endpoints on ${RECEIVERS} receivers in ${((performance.now() - t0) / 1000).toFixed(1)} s (${core.store.ops.kind}; ${CONC} in flight, batches of ${BATCH})`);

const results = { publish: [] as number[], expand: [] as number[], deliver: [] as number[], reference: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  t0 = performance.now();
  await publishDocument(deps, pub, { title: `关于第${run + 1}批惠企政策的通知` });
  results.publish.push(performance.now() - t0);

  t0 = performance.now();
  const r = await drainEvents(deps, 'webhooks');
  results.expand.push(performance.now() - t0);
  const pending = await deps.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  if (r.done !== 1 || Number(pending.n) !== N) throw new Error(`expansion wrote ${pending.n} deliveries for ${N} endpoints`);

  const before = verified;
  t0 = performance.now();
  let ok = 0;
  for (;;) {
    const rep = await deliverWebhooks(deps, { batchSize: BATCH, concurrency: CONC, maxBatches: 1 });
    if (rep.retried || rep.failed) throw new Error(`delivery failures: ${JSON.stringify(rep)}`);
    if (rep.succeeded === 0) break;
    ok += rep.succeeded;
  }
  results.deliver.push(performance.now() - t0);
  if (ok !== N || verified - before !== N || refused) throw new Error(`succeeded ${ok}, receivers verified ${verified - before}, refused ${refused}, expected ${N}`);

  // Reference: the same signed POSTs straight through node:http, same concurrency, keep-alive agent.
  const event = await deps.db.selectFrom('events').selectAll().where('kind', '=', 'document.published').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
  const ev = { id: event.id, type: event.kind, created_at: event.occurred_at, data: JSON.parse(event.payload) as Record<string, string> };
  const body = webhookBody(ev);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const refBefore = verified;
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < N) {
        const i = next++;
        const path = `/hook/${i}`;
        const headers = signedHeaders(ev, body, [secretByPath.get(path) ?? newWebhookSecret()], new Date());
        await new Promise<void>((resolve, reject) => {
          const req = http.request(`${bases[i % bases.length]}${path}`, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
          });
          req.on('error', reject);
          req.end(body);
        });
      }
    }),
  );
  results.reference.push(performance.now() - t0);
  agent.destroy();
  if (verified - refBefore !== N) throw new Error('reference requests did not all verify');
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (ms: number) => `${Math.round(N / (ms / 1000)).toLocaleString('en')} deliveries/s`;
const me = median(results.expand);
const md = median(results.deliver);
const mr = median(results.reference);
console.log(`one publication to ${N.toLocaleString('en')} webhook endpoints, median of ${RUNS} run(s):`);
console.log(`  publish (document transaction + event): ${median(results.publish).toFixed(0)} ms`);
console.log(`  event → delivery rows (webhooks consumer): ${me.toFixed(0)} ms`);
console.log(`  deliveries → all 2xx (delivery job: claim, sign, POST, log, record): ${s(md)} (${rate(md)})`);
console.log(`  total, event to the last 2xx: ${s(me + md)} (${rate(me + md)})`);
console.log(`  reference, bare node:http signed POSTs to the same receivers: ${s(mr)} (${rate(mr)}); delivery/reference ratio ${(md / mr).toFixed(2)}`);
await core.close();
for (const sv of servers) {
  sv.closeAllConnections();
  await new Promise<void>((r) => sv.close(() => r()));
}
if (url && pgSchema) await dropPostgresSchema(url, pgSchema);
