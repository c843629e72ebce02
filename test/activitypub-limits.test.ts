import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { acceptFollow } from '../src/commands/activitypub/follows.js';
import { deliverActivities, pruneDeliveries } from '../src/channels/activitypub/delivery.js';
import { deliveryTargets } from '../src/channels/activitypub/adapter.js';
import { parseSignatureHeader } from '../src/channels/activitypub/http-signature.js';
import { fetchPolicyFor, isPrivateAddress, refusedUrl } from '../src/channels/activitypub/safe-fetch.js';
import { PLATFORM_JOBS } from '../src/jobs/platform-jobs.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePublisher, type Publisher } from './helpers/publish.js';

/**
 * The ActivityPub adapter's limits: what a production instance may fetch, how it answers
 * oversized or malformed requests, and that refused deliveries fail instead of retrying forever.
 * The platform here is published at http://gongkai.test, i.e. not on a loopback host, so the
 * production fetch policy applies (https only, public addresses only).
 */

describe('ActivityPub: fetch policy and refusals', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let probe: Server;
  let probeBase = '';
  let probeHits = 0;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

  before(async () => {
    probe = createServer((req, res) => {
      probeHits++;
      res.writeHead(req.url === '/users/gone/inbox' ? 410 : 202).end();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const addr = probe.address();
    probeBase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    p = await buildApp({ clock: undefined });
    p.clock.set(new Date());
    pub = await makePublisher(p.app.deps, 'apl');
  });
  after(async () => {
    await p?.dispose();
    await new Promise<void>((resolve) => probe?.close(() => resolve()));
  });

  test('production policy: https to public addresses only; loopback instances may use http and private addresses', () => {
    const prod = fetchPolicyFor('https://gongkai.example.gov.cn');
    assert.equal(refusedUrl('https://mastodon.social/users/alice', prod), null);
    for (const bad of ['http://mastodon.social/users/alice', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://[::ffff:a00:1]/x', 'https://localhost/x', 'https://169.254.169.254/latest', 'ftp://example.com/x', 'https://u:p@example.com/x', 'not a url']) {
      assert.notEqual(refusedUrl(bad, prod), null, bad);
    }
    assert.deepEqual(fetchPolicyFor('http://gongkai.test'), prod, 'a plain-http instance off loopback is still production');
    const dev = fetchPolicyFor('http://127.0.0.1:3000');
    assert.equal(refusedUrl('http://127.0.0.1:4000/inbox', dev), null);
    assert.ok(isPrivateAddress('192.168.1.1') && isPrivateAddress('fd00::1') && isPrivateAddress('::ffff:127.0.0.1'));
    assert.ok(!isPrivateAddress('8.8.8.8') && !isPrivateAddress('::ffff:8.8.8.8') && !isPrivateAddress('2001:4860:4860::8888'));
  });

  test('Signature headers that are malformed are rejected by the parser', () => {
    assert.equal(parseSignatureHeader(undefined), null);
    assert.equal(parseSignatureHeader('garbage'), null);
    assert.equal(parseSignatureHeader('keyId="k",signature="%%%"'), null);
    assert.equal(parseSignatureHeader('keyId="k",headers="date",signature="abc=",junk'), null);
    const ok = parseSignatureHeader('keyId="https://a.example/u#k",algorithm="rsa-sha256",headers="(request-target) Host date",signature="YWJj"');
    assert.deepEqual(ok && { ...ok, signature: ok.signature.toString() }, { keyId: 'https://a.example/u#k', algorithm: 'rsa-sha256', headers: ['(request-target)', 'host', 'date'], signature: 'abc' });
  });

  test('a Follow whose key lives on a private address is refused with 401 without fetching it', async () => {
    const actor = `${probeBase}/users/eve`;
    const body = JSON.stringify({ id: `${actor}#f`, type: 'Follow', actor, object: `http://gongkai.test/ap/agencies/${pub.agencyCode}` });
    const date = p.clock.now().toUTCString();
    const digest = 'SHA-256=' + createHash('sha256').update(body).digest('base64');
    const path = `/ap/agencies/${pub.agencyCode}/inbox`;
    const str = `(request-target): post ${path}\nhost: gongkai.test\ndate: ${date}\ndigest: ${digest}`;
    const signature = `keyId="${actor}#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${sign('sha256', Buffer.from(str), key.privateKey).toString('base64')}"`;
    const res = await p.server.inject({ method: 'POST', url: path, headers: { host: 'gongkai.test', date, digest, signature, 'content-type': 'application/activity+json' }, payload: body });
    assert.equal(res.statusCode, 401);
    assert.match(res.json<{ error: string }>().error, /refused/);
    assert.equal(probeHits, 0);
    assert.equal((await p.app.deps.db.selectFrom('ap_followers').selectAll().execute()).length, 0);
  });

  test('oversized, empty and odd inbox requests get 4xx JSON, never 500', async () => {
    const path = `/ap/agencies/${pub.agencyCode}/inbox`;
    const big = await p.server.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/activity+json' }, payload: 'x'.repeat(300 * 1024) });
    assert.equal(big.statusCode, 413);
    assert.match(String(big.headers['content-type']), /json/);
    assert.equal((await p.server.inject({ method: 'POST', url: path })).statusCode, 401);
    assert.equal((await p.server.inject({ method: 'POST', url: '/ap/inbox', headers: { 'content-type': 'text/plain', signature: 'keyId="x"' }, payload: 'hi' })).statusCode, 401);
    assert.equal((await p.server.inject({ method: 'GET', url: `/ap/agencies/${pub.agencyCode}/outbox?page=abc` })).statusCode, 400);
    assert.equal((await p.server.inject({ method: 'GET', url: `/ap/agencies/${pub.agencyCode}/activities/nope` })).statusCode, 404);
    assert.equal((await p.server.inject({ method: 'GET', url: `/ap/agencies/${pub.agencyCode}/documents/2026-99999`, headers: { accept: 'application/activity+json' } })).statusCode, 404);
  });

  test('WebFinger also resolves the actor URL; NodeInfo names the protocol', async () => {
    const res = await p.server.inject({ method: 'GET', url: `/.well-known/webfinger?resource=${encodeURIComponent(`http://gongkai.test/ap/agencies/${pub.agencyCode}`)}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ subject: string }>().subject, `acct:${pub.agencyCode.toLowerCase()}@gongkai.test`);
    const links = (await p.server.inject({ method: 'GET', url: '/.well-known/nodeinfo' })).json<{ links: { href: string }[] }>();
    assert.equal(links.links[0]?.href, 'http://gongkai.test/nodeinfo/2.0');
    const info = (await p.server.inject({ method: 'GET', url: '/nodeinfo/2.0' })).json<{ protocols: string[]; openRegistrations: boolean }>();
    assert.deepEqual(info.protocols, ['activitypub']);
    assert.equal(info.openRegistrations, false);
  });

  test('a delivery the policy refuses fails at once instead of retrying; followers on one server share one delivery', async () => {
    // The actor exists once WebFinger resolved it above.
    const inbox = `${probeBase}/users/eve/inbox`;
    await acceptFollow(p.app.deps, { agencyId: pub.agencyId, follower: { actorUrl: `${probeBase}/users/eve`, inbox, sharedInbox: null }, followId: `${probeBase}/f/1`, accept: { id: 'http://gongkai.test/ap/accepts/t1', body: '{}' } });
    const r = await deliverActivities(p.app.deps);
    assert.deepEqual(r, { sent: 0, retried: 0, failed: 1 });
    const row = await p.app.deps.db.selectFrom('ap_deliveries').selectAll().where('inbox', '=', inbox).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /scheme http: refused/);
    assert.equal(probeHits, 0);
    assert.deepEqual(
      deliveryTargets([
        { inbox: 'https://a.example/users/1/inbox', shared_inbox: 'https://a.example/inbox' },
        { inbox: 'https://a.example/users/2/inbox', shared_inbox: 'https://a.example/inbox' },
        { inbox: 'https://b.example/users/3/inbox', shared_inbox: null },
      ]),
      ['https://a.example/inbox', 'https://b.example/users/3/inbox'],
    );
  });

  test('an inbox answering 410 Gone loses its follower; delivered rows are pruned after 30 days', async () => {
    const inbox = `${probeBase}/users/gone/inbox`;
    await acceptFollow(p.app.deps, { agencyId: pub.agencyId, follower: { actorUrl: `${probeBase}/users/gone`, inbox, sharedInbox: null }, followId: `${probeBase}/f/2`, accept: { id: 'http://gongkai.test/ap/accepts/t2', body: '{}' } });
    const ok = `${probeBase}/users/fine/inbox`;
    await acceptFollow(p.app.deps, { agencyId: pub.agencyId, follower: { actorUrl: `${probeBase}/users/fine`, inbox: ok, sharedInbox: null }, followId: `${probeBase}/f/3`, accept: { id: 'http://gongkai.test/ap/accepts/t3', body: '{}' } });
    // The loopback policy, as a development instance would use.
    const r = await deliverActivities(p.app.deps, { policy: fetchPolicyFor('http://127.0.0.1:1') });
    assert.deepEqual(r, { sent: 1, retried: 0, failed: 1 });
    const left = await p.app.deps.db.selectFrom('ap_followers').select('actor_url').orderBy('actor_url').execute();
    assert.deepEqual(left.map((f) => f.actor_url), [`${probeBase}/users/eve`, `${probeBase}/users/fine`]);
    assert.equal(await pruneDeliveries(p.app.deps, new Date(p.clock.now().getTime() + 29 * 86_400_000)), 0);
    assert.equal(await pruneDeliveries(p.app.deps, new Date(p.clock.now().getTime() + 31 * 86_400_000)), 1);
    assert.equal((await p.app.deps.db.selectFrom('ap_deliveries').selectAll().where('inbox', '=', ok).execute()).length, 0);
    // `gongkai serve` and `gongkai worker` run both jobs.
    const names = (PLATFORM_JOBS.jobs ?? []).map((j) => j.name);
    assert.ok(names.includes('activitypub.deliver') && names.includes('activitypub.prune') && names.includes('events.activitypub'));
  });
});
