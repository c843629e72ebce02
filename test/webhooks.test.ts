import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import type { Deps } from '../src/commands/deps.js';
import { createWebhookEndpoint, rotateWebhookSecret, setWebhookEnabled } from '../src/commands/webhooks/manage-endpoint.js';
import { redeliverWebhook } from '../src/commands/webhooks/redeliver.js';
import { claimWebhookDeliveries, deliverWebhooks, sendPrepared } from '../src/channels/webhooks/deliver.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { WEBHOOK_RETRY, webhookSchedule } from '../src/domain/webhooks/retry.js';
import { signatureFor, verifyWebhookSignature } from '../src/domain/webhooks/signing.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { notificationsFor } from '../src/jobs/outbox-notifications.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { publishDocument, type Publisher } from './helpers/publish.js';
import { startReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const DEV = { allowLoopback: true };
const ALL_DOC = ['document.published', 'document.corrected', 'document.withdrawn', 'document.validity_changed'];

interface World {
  p: TestPlatform;
  d: Deps;
  t: Awaited<ReturnType<typeof seedTree>>;
  editor: Actor;
  editorId: string;
  city: Publisher;
  county: Publisher;
  provB: Publisher;
}

async function world(tag: string): Promise<World> {
  const p = await buildApp();
  const d = p.app.deps;
  const t = await seedTree(d);
  const eu = await makeStaff(d, `${tag}-editor`, t.city, 'editor');
  await d.db.updateTable('users').set({ email: `${tag}-editor@gov.test` }).where('id', '=', eu.id).execute();
  const editor = await actorFor(d, eu);
  const reviewer = await actorFor(d, await makeStaff(d, `${tag}-reviewer`, t.city, 'reviewer'));
  const bEditor = await actorFor(d, await makeStaff(d, `${tag}-b-editor`, t.provB, 'editor'));
  const bReviewer = await actorFor(d, await makeStaff(d, `${tag}-b-reviewer`, t.provB, 'reviewer'));
  return {
    p, d, t, editor, editorId: eu.id,
    city: { agencyId: t.city.id, agencyCode: t.city.code, editor, reviewer },
    county: { agencyId: t.county1.id, agencyCode: t.county1.code, editor, reviewer },
    provB: { agencyId: t.provB.id, agencyCode: t.provB.code, editor: bEditor, reviewer: bReviewer },
  };
}

/** Expands queued events into deliveries, then makes one delivery pass at the clock's time. */
async function pass(w: World) {
  await drainEvents(w.d, 'webhooks');
  return deliverWebhooks(w.d);
}

const deliveryOf = (w: World, endpointId: string) => w.d.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('created_at').execute();

describe(`webhooks: signing, filtering, rotation [${kind}]`, () => {
  let w: World;
  let rx: WebhookReceiver;
  before(async () => {
    w = await world('whs');
    rx = await startReceiver(w.p.clock);
  });
  after(async () => {
    await rx.close();
    await w.p.dispose();
  });

  test('the receiver verifies the signature of a published document; a tampered body, a wrong secret or an old timestamp is refused', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(w.d, w.editor, w.t.city.id, { url: rx.url, description: '门户网站', event_types: ['document.published'], include_subtree: false }, DEV);
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    rx.secrets.splice(0, rx.secrets.length, secret);
    w.p.clock.set('2026-04-01T02:00:00Z');
    const { indexNumber } = await publishDocument(w.d, w.city, { title: '关于推送测试的通知' });
    const r = await pass(w);
    assert.equal(r.succeeded, 1);
    assert.equal(rx.received.length, 1);
    const got = rx.received[0]!;
    assert.equal(got.verified, true, `verified (${got.reason})`);
    const body = JSON.parse(got.body) as { id: string; type: string; created_at: string; data: Record<string, unknown> };
    assert.deepEqual(Object.keys(body), ['created_at', 'data', 'id', 'type'], 'canonical JSON: sorted keys');
    assert.equal(body.type, 'document.published');
    assert.equal(body.id, got.eventId);
    assert.equal(body.data.index_number, indexNumber);
    assert.equal(body.data.title, '关于推送测试的通知');
    assert.equal(got.headers['gongkai-event-type'], 'document.published');
    assert.equal(got.headers['gongkai-timestamp'], String(Date.parse('2026-04-01T02:00:00Z') / 1000));
    assert.match(String(got.headers['gongkai-signature']), /^v1=[0-9a-f]{64}$/);

    const now = w.p.clock.now();
    const h = got.headers;
    assert.deepEqual(verifyWebhookSignature(secret, h, got.body, now), { ok: true, eventId: body.id });
    assert.deepEqual(verifyWebhookSignature(secret, h, got.body.replace('关于推送测试', '关于篡改测试'), now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifyWebhookSignature('whsec_not-the-secret', h, got.body, now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifyWebhookSignature(secret, h, got.body, new Date(now.getTime() + 301_000)), { ok: false, reason: 'timestamp_out_of_tolerance' });
    assert.deepEqual(verifyWebhookSignature(secret, h, got.body, new Date(now.getTime() + 299_000)).ok, true);
    assert.deepEqual(verifyWebhookSignature(secret, { ...h, 'gongkai-signature': undefined }, got.body, now), { ok: false, reason: 'missing_headers' });
    // A replayed signature on a moved timestamp does not verify.
    assert.deepEqual(verifyWebhookSignature(secret, { ...h, 'gongkai-timestamp': String(Number(h['gongkai-timestamp']) + 1) }, got.body, now), { ok: false, reason: 'bad_signature' });

    // A receiver holding the wrong secret answers 401: the delivery is not a success.
    rx.secrets.splice(0, rx.secrets.length, 'whsec_wrong');
    await publishDocument(w.d, w.city, { title: '第二份文件' });
    const r2 = await pass(w);
    assert.equal(r2.retried, 1);
    assert.equal(rx.received.at(-1)?.verified, false);
    const rows = await deliveryOf(w, endpoint.id);
    assert.equal(rows.at(-1)?.last_status, 401);
    await setWebhookEnabled(w.d, w.editor, endpoint.id, (await w.d.db.selectFrom('webhook_endpoints').select('version').where('id', '=', endpoint.id).executeTakeFirstOrThrow()).version, false);
  });

  test('only matching endpoints get an event: own agency, subtree filter, event types; never another agency', async () => {
    const mk = (agencyId: string, types: string[], sub: boolean) => createWebhookEndpoint(w.d, agencyId === w.t.provB.id ? w.provB.editor : w.editor, agencyId, { url: rx.url, description: '', event_types: types, include_subtree: sub }, DEV);
    // The city editor's grant does not reach province A or B.
    await assert.rejects(() => createWebhookEndpoint(w.d, w.editor, w.t.provA.id, { url: rx.url, description: '', event_types: ['document.published'], include_subtree: true }, DEV), /forbidden/);
    const cityOnly = await mk(w.t.city.id, ALL_DOC, false);
    const cityTree = await mk(w.t.city.id, ['document.published'], true);
    const withdrawOnly = await mk(w.t.city.id, ['document.withdrawn'], true);
    const other = await mk(w.t.provB.id, ALL_DOC, true);
    const secrets = [cityOnly, cityTree, withdrawOnly, other].map((x) => x.secret);
    rx.secrets.splice(0, rx.secrets.length, ...secrets);
    rx.received.length = 0;
    w.p.clock.set('2026-04-02T02:00:00Z');
    const inCounty = await publishDocument(w.d, w.county, { title: '县级文件' });
    await pass(w);
    const ids = async (epId: string) => (await deliveryOf(w, epId)).map((d) => d.event_type);
    assert.deepEqual(await ids(cityOnly.endpoint.id), [], "the city's own events only");
    assert.deepEqual(await ids(cityTree.endpoint.id), ['document.published'], 'the subtree filter takes the county');
    assert.deepEqual(await ids(withdrawOnly.endpoint.id), [], 'not a type it asked for');
    assert.deepEqual(await ids(other.endpoint.id), [], 'another agency gets nothing');
    await withdrawDocument(w.d, w.county.reviewer, inCounty.documentId, '该文件已被新文件替代');
    await publishDocument(w.d, w.city, { title: '市级文件' });
    await pass(w);
    assert.deepEqual((await ids(cityOnly.endpoint.id)).sort(), ['document.published']);
    assert.deepEqual((await ids(cityTree.endpoint.id)).sort(), ['document.published', 'document.published']);
    assert.deepEqual(await ids(withdrawOnly.endpoint.id), ['document.withdrawn']);
    assert.deepEqual(await ids(other.endpoint.id), []);
    assert.ok(rx.received.every((r) => r.verified));
    assert.equal(rx.received.length, 4);
    // Expanding the same events again adds nothing: one delivery per (endpoint, event).
    const before = await w.d.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const events = await w.d.db.selectFrom('events').selectAll().where('occurred_at', '>=', '2026-04-02T02:00:00.000Z').execute();
    assert.equal(events.length, 3);
    const { expandWebhookEvent } = await import('../src/channels/webhooks/expand.js');
    for (const e of events) assert.equal(await expandWebhookEvent(w.d, e, w.p.clock.now()), 0);
    const afterCount = await w.d.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    for (const x of [cityOnly, cityTree, withdrawOnly]) await setWebhookEnabled(w.d, w.editor, x.endpoint.id, 1, false);
    await setWebhookEnabled(w.d, w.provB.editor, other.endpoint.id, 1, false);
  });

  test('secret rotation: both signatures during the 24-hour grace period, then only the new one', async () => {
    const { endpoint, secret: oldSecret } = await createWebhookEndpoint(w.d, w.editor, w.t.city.id, { url: rx.url, description: '', event_types: ['document.published'], include_subtree: false }, DEV);
    w.p.clock.set('2026-04-03T02:00:00Z');
    const rot = await rotateWebhookSecret(w.d, w.editor, endpoint.id, 1);
    assert.notEqual(rot.secret, oldSecret);
    assert.equal(rot.previousValidUntil, '2026-04-04T02:00:00.000Z');
    await assert.rejects(() => rotateWebhookSecret(w.d, w.editor, endpoint.id, 1), /stale_version/);

    // A receiver still on the old secret keeps verifying during the grace period …
    rx.secrets.splice(0, rx.secrets.length, oldSecret);
    rx.received.length = 0;
    await publishDocument(w.d, w.city, { title: '轮换期间的文件' });
    await pass(w);
    const during = rx.received.at(-1)!;
    assert.equal(during.verified, true);
    const ts = Number(during.headers['gongkai-timestamp']);
    assert.equal(during.headers['gongkai-signature'], `v1=${signatureFor(rot.secret, ts, during.body)},v1=${signatureFor(oldSecret, ts, during.body)}`);
    assert.equal(verifyWebhookSignature(rot.secret, during.headers, during.body, w.p.clock.now()).ok, true, 'and one on the new secret too');

    // … and not after it: the rotated-away secret no longer signs.
    w.p.clock.set('2026-04-04T02:00:01Z');
    await publishDocument(w.d, w.city, { title: '轮换之后的文件' });
    await pass(w);
    const afterGrace = rx.received.at(-1)!;
    assert.equal(afterGrace.verified, false);
    assert.equal(afterGrace.reason, 'bad_signature');
    assert.match(String(afterGrace.headers['gongkai-signature']), /^v1=[0-9a-f]{64}$/);
    assert.equal(verifyWebhookSignature(rot.secret, afterGrace.headers, afterGrace.body, w.p.clock.now()).ok, true);
    await setWebhookEnabled(w.d, w.editor, endpoint.id, 2, false);
  });
});

describe(`webhooks: retries, automatic disabling, crash between send and acknowledgement, redelivery [${kind}]`, () => {
  let w: World;
  let rx: WebhookReceiver;
  before(async () => {
    w = await world('whr');
    rx = await startReceiver(w.p.clock);
  });
  after(async () => {
    await rx.close();
    await w.p.dispose();
  });

  test('the schedule: 13 attempts, 1 minute doubling to 6 hours, the last 26 h 31 min after the first', () => {
    const minutes = webhookSchedule().map((ms) => ms / 60_000);
    assert.deepEqual(minutes, [0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 871, 1231, 1591]);
    assert.equal(WEBHOOK_RETRY.maxAttempts, 13);
    assert.ok(minutes.at(-1)! * 60_000 > 24 * 3_600_000);
  });

  test('a failing receiver is retried exactly on the schedule, nothing early, then the endpoint is disabled and its agency told', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(w.d, w.editor, w.t.city.id, { url: rx.url, description: '', event_types: ['document.published'], include_subtree: false }, DEV);
    rx.secrets.splice(0, rx.secrets.length, secret);
    rx.respond = () => 503;
    const t0 = Date.parse('2026-05-01T01:00:00Z');
    w.p.clock.set(new Date(t0));
    await publishDocument(w.d, w.city, { title: '接收方故障期间的文件' });
    const schedule = webhookSchedule();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    await pass(w);
    assert.equal(rx.received.length, 1);
    for (let n = 1; n < schedule.length; n++) {
      const [row] = await deliveryOf(w, endpoint.id);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.not_before, at(schedule[n]!), `attempt ${n + 1} is due at +${schedule[n]! / 60_000} min`);
      assert.equal(row?.last_status, 503);
      // One second early: nothing is sent.
      w.p.clock.set(new Date(t0 + schedule[n]! - 1000));
      const early = await pass(w);
      assert.equal(early.retried + early.failed + early.succeeded, 0);
      assert.equal(rx.received.length, n);
      w.p.clock.set(new Date(t0 + schedule[n]!));
      await pass(w);
      assert.equal(rx.received.length, n + 1);
      const ep = await w.d.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
      // Disabled only once the endpoint has failed for 24 hours: at the 13th attempt (+26 h 31 min).
      assert.equal(ep.enabled, n + 1 < schedule.length ? 1 : 0, `enabled after attempt ${n + 1}`);
    }
    assert.ok(rx.received.every((r) => r.verified && r.eventId === rx.received[0]!.eventId), 'every attempt is the same event, signed');
    const [last] = await deliveryOf(w, endpoint.id);
    assert.equal(last?.status, 'failed');
    assert.equal(last?.total_attempts, 13);
    const log = await w.d.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', last!.id).orderBy('attempt_no').execute();
    assert.deepEqual(log.map((a) => a.attempt_no), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.deepEqual(log.map((a) => a.at), schedule.map(at));
    assert.ok(log.every((a) => a.status_code === 503 && a.ok === 0 && a.error === 'http_503'));
    const ep = await w.d.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.equal(ep.disabled_reason, 'failures');
    assert.equal(ep.failing_since, at(0));

    // The agency's webhook staff are told: a console notice and an e-mail, once.
    const told = await w.d.db.selectFrom('outbox').selectAll().where('kind', '=', 'webhook.disabled').execute();
    assert.deepEqual(told.map((m) => m.channel).sort(), ['console', 'email']);
    assert.ok(told.every((m) => m.recipient === w.editorId && m.agency_id === w.t.city.id));
    const notices = await notificationsFor(w.d, w.editorId, { locale: 'zh-CN' });
    const n = notices.find((x) => x.kind === 'webhook.disabled');
    assert.ok(n, 'a console notice');
    assert.ok(n.title.includes(rx.url));
    assert.equal(n.path, `/admin/webhooks/${endpoint.id}`);

    // A disabled endpoint gets nothing new, and nothing is sent to it.
    await publishDocument(w.d, w.city, { title: '停用之后的文件' });
    await pass(w);
    assert.equal((await deliveryOf(w, endpoint.id)).length, 1);
    assert.equal(rx.received.length, 13);
    await assert.rejects(() => redeliverWebhook(w.d, w.editor, endpoint.id, last!.id), /webhook_disabled/);

    // Re-enabled, the failed delivery can be redelivered by hand and arrives.
    rx.respond = () => 204;
    await setWebhookEnabled(w.d, w.editor, endpoint.id, ep.version, true);
    const re = await redeliverWebhook(w.d, w.editor, endpoint.id, last!.id);
    assert.equal(re.status, 'pending');
    await pass(w);
    const [done] = await deliveryOf(w, endpoint.id);
    assert.equal(done?.status, 'succeeded');
    assert.equal(done?.total_attempts, 14);
    assert.equal(rx.received.at(-1)?.eventId, rx.received[0]?.eventId);
    const healthy = await w.d.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.equal(healthy.failing_since, null);
    await setWebhookEnabled(w.d, w.editor, endpoint.id, healthy.version, false);
  });

  test('a worker that dies between sending and recording: the delivery is sent again after the lease with the same event id, never lost', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(w.d, w.editor, w.t.city.id, { url: rx.url, description: '', event_types: ['document.published'], include_subtree: false }, DEV);
    rx.secrets.splice(0, rx.secrets.length, secret);
    rx.respond = () => 200;
    rx.received.length = 0;
    const t0 = Date.parse('2026-06-01T01:00:00Z');
    w.p.clock.set(new Date(t0));
    await publishDocument(w.d, w.city, { title: '崩溃测试文件' });
    await drainEvents(w.d, 'webhooks');
    // The worker claims and sends; the receiver answers 200; the worker dies before recording it.
    const claimed = await claimWebhookDeliveries(w.d, { now: new Date(t0), limit: 10, leaseMs: 5 * 60_000, token: 'crashed-worker' });
    assert.equal(claimed.length, 1);
    const sent = await sendPrepared(claimed[0]!, new Date(t0), { userAgent: 'test' });
    assert.equal(sent.statusCode, 200);
    assert.equal(rx.received.length, 1);
    const [mid] = await deliveryOf(w, endpoint.id);
    assert.equal(mid?.status, 'sending');

    // While the lease holds, another pass leaves it alone.
    w.p.clock.set(new Date(t0 + 4 * 60_000));
    assert.equal((await pass(w)).succeeded, 0);
    assert.equal(rx.received.length, 1);
    // After the lease, it is sent again and recorded.
    w.p.clock.set(new Date(t0 + 5 * 60_000));
    const r = await pass(w);
    assert.equal(r.succeeded, 1);
    assert.equal(rx.received.length, 2);
    assert.equal(rx.received[0]!.eventId, rx.received[1]!.eventId, 'the same Gongkai-Event-Id: the receiver de-duplicates');
    assert.equal(rx.received[0]!.body, rx.received[1]!.body, 'byte for byte the same body');
    assert.ok(rx.received.every((x) => x.verified));
    const [fin] = await deliveryOf(w, endpoint.id);
    assert.equal(fin?.status, 'succeeded');
    assert.equal(fin?.total_attempts, 2);
    // The dead worker's late acknowledgement cannot overwrite the new outcome.
    const { webhookRepo } = await import('../src/store/repos/webhook-repo.js');
    assert.equal(await webhookRepo.finishDelivery(w.d.db, fin!.id, 'crashed-worker', { status: 'pending', last_status: null, last_error: null, finished_at: null }), false);

    // Manual redelivery of a delivered event: the same id again.
    const re = await redeliverWebhook(w.d, w.editor, endpoint.id, fin!.id);
    assert.equal(re.status, 'pending');
    await pass(w);
    assert.equal(rx.received.length, 3);
    assert.equal(rx.received[2]!.eventId, rx.received[0]!.eventId);
    const log = await w.d.db.selectFrom('webhook_attempts').select(['attempt_no', 'status_code']).where('delivery_id', '=', fin!.id).orderBy('attempt_no').execute();
    assert.deepEqual(log, [{ attempt_no: 2, status_code: 200 }, { attempt_no: 3, status_code: 200 }], 'the crashed attempt left no log row; the others did');
  });
});
