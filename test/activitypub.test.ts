import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../src/domain/clock.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { deliverActivities } from '../src/channels/activitypub/delivery.js';
import { handleActivityPubEvent } from '../src/channels/activitypub/adapter.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

/**
 * Issue 8 §4: an agency's ActivityPub actor, followed by a real remote server. The follower is a
 * node:http server in this test with its own actor document and RSA key; the platform listens
 * on a real port, because each side fetches the other's actor to check signatures. The
 * follower's signing and verification are written here from the draft-cavage text with
 * node:crypto, independently of the platform's code.
 */

type Json = Record<string, unknown>;
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Json;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The follower's side of HTTP Signatures (draft-cavage-12, rsa-sha256). */
function digest(body: string): string {
  return 'SHA-256=' + createHash('sha256').update(body).digest('base64');
}
function signedPost(url: string, body: string, keyId: string, privateKeyPem: string, date = new Date()): Record<string, string> {
  const u = new URL(url);
  const h: Record<string, string> = { host: u.host, date: date.toUTCString(), digest: digest(body), 'content-type': 'application/activity+json' };
  const str = `(request-target): post ${u.pathname}\nhost: ${h.host}\ndate: ${h.date}\ndigest: ${h.digest}`;
  const sig = sign('sha256', Buffer.from(str), privateKeyPem).toString('base64');
  h.signature = `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${sig}"`;
  return h;
}
function parseSig(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

describe('ActivityPub: an agency actor followed by a local remote server', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let base = '';
  let host = '';
  let follower: Server;
  let fbase = '';
  let failNext = 0;
  const inbox: Received[] = [];
  const alice = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  // The key alice's server publishes now (she rotates it in one test).
  let aliceNow = alice;
  const mallory = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const aliceId = () => `${fbase}/users/alice`;
  const aliceKey = () => `${aliceId()}#main-key`;
  let actorUrl = '';
  let username = '';

  before(async () => {
    follower = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.method === 'GET' && req.url === '/users/alice') {
          res.writeHead(200, { 'content-type': 'application/activity+json' });
          res.end(
            JSON.stringify({
              '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
              id: aliceId(),
              type: 'Person',
              preferredUsername: 'alice',
              inbox: `${aliceId()}/inbox`,
              outbox: `${aliceId()}/outbox`,
              endpoints: { sharedInbox: `${fbase}/inbox` },
              publicKey: { id: aliceKey(), owner: aliceId(), publicKeyPem: aliceNow.publicKey },
            }),
          );
          return;
        }
        if (req.method === 'POST' && (req.url === '/users/alice/inbox' || req.url === '/inbox')) {
          if (failNext > 0) {
            failNext--;
            res.writeHead(503).end();
            return;
          }
          inbox.push({ path: req.url, headers: req.headers, body, json: JSON.parse(body) as Json });
          res.writeHead(202).end();
          return;
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => follower.listen(0, '127.0.0.1', () => resolve()));
    const addr = follower.address();
    fbase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    host = `127.0.0.1:${port}`;
    p = await buildApp({ clock: new ManualClock(new Date()), env: { GONGKAI_PUBLIC_URL: base } });
    pub = await makePublisher(p.app.deps, 'ap');
    username = pub.agencyCode.toLowerCase();
    await p.server.listen({ port, host: '127.0.0.1' });
  });

  after(async () => {
    await p?.dispose();
    await new Promise<void>((resolve) => follower?.close(() => resolve()));
  });

  /** Checks a delivery the way a receiving server does: Digest, Date, and the signature by the agency's published key, fetched over HTTP. */
  async function verifyDelivery(r: Received): Promise<void> {
    assert.equal(r.headers.digest, digest(r.body), 'Digest matches the body');
    assert.ok(Math.abs(Date.parse(String(r.headers.date)) - p.clock.now().getTime()) < 3_600_000, 'Date is current');
    const sig = parseSig(String(r.headers.signature));
    assert.equal(sig.algorithm, 'rsa-sha256');
    assert.equal(sig.headers, '(request-target) host date digest');
    assert.equal(sig.keyId, `${actorUrl}#main-key`);
    const res = await fetch(sig.keyId!.split('#')[0]!, { headers: { accept: 'application/activity+json' } });
    const actor = (await res.json()) as { publicKey: { id: string; owner: string; publicKeyPem: string } };
    assert.equal(actor.publicKey.id, sig.keyId);
    const str = `(request-target): post ${r.path}\nhost: ${r.headers.host}\ndate: ${r.headers.date}\ndigest: ${r.headers.digest}`;
    assert.ok(verify('sha256', Buffer.from(str), createPublicKey(actor.publicKey.publicKeyPem), Buffer.from(sig.signature!, 'base64')), 'the HTTP Signature verifies');
  }

  async function postInbox(path: string, activity: Json | string, o: { key?: string; keyId?: string; unsigned?: boolean; digestOf?: string } = {}): Promise<Response> {
    const body = typeof activity === 'string' ? activity : JSON.stringify(activity);
    const url = `${base}${path}`;
    const headers = o.unsigned ? { 'content-type': 'application/activity+json' } : signedPost(url, o.digestOf ?? body, o.keyId ?? aliceKey(), o.key ?? aliceNow.privateKey);
    return fetch(url, { method: 'POST', headers, body });
  }

  const followers = () => p.app.deps.db.selectFrom('ap_followers').selectAll().execute();

  test('WebFinger resolves the agency to its actor; unknown and malformed resources are refused', async () => {
    assert.equal((await fetch(`${base}/.well-known/webfinger`)).status, 400);
    assert.equal((await fetch(`${base}/.well-known/webfinger?resource=acct:nobody@${host}`)).status, 404);
    assert.equal((await fetch(`${base}/.well-known/webfinger?resource=acct:${username}@elsewhere.example`)).status, 404);
    const res = await fetch(`${base}/.well-known/webfinger?resource=acct:${username}@${host}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/jrd\+json/);
    const jrd = (await res.json()) as { subject: string; links: { rel: string; type?: string; href: string }[] };
    assert.equal(jrd.subject, `acct:${username}@${host}`);
    const self = jrd.links.find((l) => l.rel === 'self');
    assert.equal(self?.type, 'application/activity+json');
    actorUrl = self?.href ?? '';
    assert.equal(actorUrl, `${base}/ap/agencies/${pub.agencyCode}`);
    const hostMeta = await fetch(`${base}/.well-known/host-meta`);
    assert.match(await hostMeta.text(), /webfinger\?resource=\{uri\}/);
    // The agency's page tells readers the handle that WebFinger resolves.
    const page = await (await fetch(`${base}/agencies/${pub.agencyCode}`)).text();
    assert.ok(page.includes(`@${username}@${host}`), 'the agency page shows its fediverse handle');
  });

  test('the actor document has inbox, outbox, followers and a public key, never the private one; browsers go to the agency page', async () => {
    const res = await fetch(actorUrl, { headers: { accept: 'application/activity+json' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/activity\+json/);
    const text = await res.text();
    assert.doesNotMatch(text, /PRIVATE KEY/);
    const a = JSON.parse(text) as Json & { publicKey: Json; endpoints: Json; nameMap: Json };
    assert.equal(a.id, actorUrl);
    assert.equal(a.type, 'Organization');
    assert.equal(a.preferredUsername, username);
    assert.equal(a.inbox, `${actorUrl}/inbox`);
    assert.equal(a.outbox, `${actorUrl}/outbox`);
    assert.equal(a.followers, `${actorUrl}/followers`);
    assert.equal(a.url, `${base}/agencies/${pub.agencyCode}`);
    assert.deepEqual(a.nameMap, { zh: '丙市', en: 'City C' });
    assert.equal(a.publicKey.id, `${actorUrl}#main-key`);
    assert.equal(a.publicKey.owner, actorUrl);
    assert.equal(createPublicKey(String(a.publicKey.publicKeyPem)).asymmetricKeyDetails?.modulusLength, 2048);
    const browser = await fetch(actorUrl, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(browser.status, 303);
    assert.equal(browser.headers.get('location'), `/agencies/${pub.agencyCode}`);
    assert.equal((await fetch(`${base}/ap/agencies/NOPE`, { headers: { accept: 'application/activity+json' } })).status, 404);
  });

  test('unsigned, badly signed, wrongly digested and stale Follows get 401; bad JSON gets 400; nothing is stored', async () => {
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${aliceId()}#follows/0`, type: 'Follow', actor: aliceId(), object: actorUrl };
    const path = `/ap/agencies/${pub.agencyCode}/inbox`;
    assert.equal((await postInbox(path, follow, { unsigned: true })).status, 401);
    assert.equal((await postInbox(path, follow, { key: mallory.privateKey })).status, 401, 'signed with a key that is not alice’s');
    assert.equal((await postInbox(path, follow, { digestOf: '{"other":"body"}' })).status, 401, 'Digest of another body');
    const stale = signedPost(`${base}${path}`, JSON.stringify(follow), aliceKey(), alice.privateKey, new Date(p.clock.now().getTime() - 13 * 3_600_000));
    assert.equal((await fetch(`${base}${path}`, { method: 'POST', headers: stale, body: JSON.stringify(follow) })).status, 401, 'Date 13 hours old');
    const otherActor = { ...follow, actor: `${fbase}/users/bob` };
    assert.equal((await postInbox(path, otherActor)).status, 401, 'alice’s key cannot speak for bob');
    assert.equal((await postInbox(path, '{not json')).status, 400);
    assert.equal((await postInbox('/ap/agencies/NOPE/inbox', follow)).status, 404);
    assert.deepEqual(await followers(), []);
    assert.equal(inbox.length, 0);
  });

  test('a signed Follow is verified, the follower stored, and a signed Accept delivered to its inbox', async () => {
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${aliceId()}#follows/1`, type: 'Follow', actor: aliceId(), object: actorUrl };
    const res = await postInbox(`/ap/agencies/${pub.agencyCode}/inbox`, follow);
    assert.equal(res.status, 202);
    const f = await followers();
    assert.equal(f.length, 1);
    assert.equal(f[0]!.actor_url, aliceId());
    assert.equal(f[0]!.inbox, `${aliceId()}/inbox`);
    assert.equal(f[0]!.shared_inbox, `${fbase}/inbox`);
    const report = await deliverActivities(p.app.deps);
    assert.deepEqual(report, { sent: 1, retried: 0, failed: 0 });
    assert.equal(inbox.length, 1);
    const accept = inbox[0]!;
    assert.equal(accept.path, '/users/alice/inbox');
    assert.match(String(accept.headers['content-type']), /^application\/activity\+json/);
    assert.equal(accept.json.type, 'Accept');
    assert.equal(accept.json.actor, actorUrl);
    assert.equal((accept.json.object as Json).id, follow.id);
    await verifyDelivery(accept);
    const count = (await (await fetch(`${actorUrl}/followers`, { headers: { accept: 'application/activity+json' } })).json()) as Json;
    assert.equal(count.totalItems, 1);
    assert.equal(count.orderedItems, undefined, 'followers are counted, never listed');
    inbox.length = 0;
  });

  test('publishing a document delivers a signed Create to the follower’s shared inbox, once, and the outbox lists it', async () => {
    const { indexNumber } = await publishDocument(p.app.deps, pub, { title: '关于开展2026年联邦宇宙测试的通知', summary: '测试文件摘要。' });
    const drained = await drainEvents(p.app.deps, 'activitypub', { now: p.clock.now() });
    assert.equal(drained.done, 1);
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 1, retried: 0, failed: 0 });
    assert.equal(inbox.length, 1);
    const create = inbox[0]!;
    assert.equal(create.path, '/inbox', 'delivered to the shared inbox');
    await verifyDelivery(create);
    assert.equal(create.json.type, 'Create');
    assert.equal(create.json.actor, actorUrl);
    const note = create.json.object as Json;
    assert.equal(note.type, 'Note');
    assert.equal(note.attributedTo, actorUrl);
    assert.deepEqual(create.json.to, ['https://www.w3.org/ns/activitystreams#Public']);
    assert.match(String(note.content), /关于开展2026年联邦宇宙测试的通知/);
    assert.match(String(note.content), /测试文件摘要。/);
    const [code, ys] = indexNumber.split('/');
    assert.equal(note.url, `${base}/documents/${code}/${ys}`);
    assert.equal((await fetch(String(note.url))).status, 200, 'the link leads to the public document page');
    // The Note and the activity can be dereferenced by their ids.
    const noteRes = await fetch(String(note.id), { headers: { accept: 'application/activity+json' } });
    assert.equal(((await noteRes.json()) as Json).content, note.content);
    assert.equal(((await (await fetch(String(create.json.id), { headers: { accept: 'application/activity+json' } })).json()) as Json).type, 'Create');

    // At-least-once: handling the same event again queues nothing new.
    const ev = await p.app.deps.db.selectFrom('events').selectAll().where('kind', '=', 'document.published').executeTakeFirstOrThrow();
    const before = (await p.app.deps.db.selectFrom('ap_deliveries').select('id').execute()).length;
    await handleActivityPubEvent(p.app.deps, ev, p.clock.now());
    assert.equal((await p.app.deps.db.selectFrom('ap_deliveries').select('id').execute()).length, before);
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 0, retried: 0, failed: 0 });

    const outbox = (await (await fetch(`${actorUrl}/outbox`, { headers: { accept: 'application/activity+json' } })).json()) as Json;
    assert.equal(outbox.type, 'OrderedCollection');
    assert.equal(outbox.totalItems, 1);
    const page = (await (await fetch(String(outbox.first), { headers: { accept: 'application/activity+json' } })).json()) as { orderedItems: Json[] };
    assert.equal(page.orderedItems.length, 1);
    assert.equal(page.orderedItems[0]!.id, create.json.id);
    assert.equal(((page.orderedItems[0]!.object as Json).url), note.url);
    assert.equal((await fetch(`${actorUrl}/outbox?page=0`)).status, 400);
    inbox.length = 0;
  });

  test('a failing inbox is retried with backoff; a validity change and a withdrawal are Updates of the same Note with their reasons', async () => {
    const { documentId } = await publishDocument(p.app.deps, pub, { title: '将被撤回的文件' });
    await drainEvents(p.app.deps, 'activitypub', { now: p.clock.now() });
    failNext = 1;
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 0, retried: 1, failed: 0 });
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 0, retried: 0, failed: 0 }, 'not due before its backoff');
    p.clock.advance(61_000);
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 1, retried: 0, failed: 0 });
    const created = inbox.pop()!;
    await verifyDelivery(created);

    await setValidity(p.app.deps, pub.reviewer, documentId, { validity: 'expired', date: p.clock.now().toISOString().slice(0, 10), note: '有效期届满自动失效' });
    await drainEvents(p.app.deps, 'activitypub', { now: p.clock.now() });
    assert.equal((await deliverActivities(p.app.deps)).sent, 1);
    const validity = inbox.pop()!;
    await verifyDelivery(validity);
    assert.equal(validity.json.type, 'Update');
    assert.equal((validity.json.object as Json).id, (created.json.object as Json).id);
    assert.match(String((validity.json.object as Json).content), /有效期届满自动失效/);

    await withdrawDocument(p.app.deps, pub.reviewer, documentId, '内容已过时');
    await drainEvents(p.app.deps, 'activitypub', { now: p.clock.now() });
    assert.equal((await deliverActivities(p.app.deps)).sent, 1);
    const update = inbox.pop()!;
    await verifyDelivery(update);
    assert.equal(update.json.type, 'Update');
    const note = update.json.object as Json;
    assert.equal(note.id, (created.json.object as Json).id, 'the same Note, edited');
    assert.match(String(note.content), /已撤回/);
    assert.match(String(note.content), /内容已过时/);
  });

  test('a rotated key is fetched again when the cached one no longer verifies', async () => {
    aliceNow = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${aliceId()}#follows/2`, type: 'Follow', actor: aliceId(), object: actorUrl };
    assert.equal((await postInbox(`/ap/agencies/${pub.agencyCode}/inbox`, follow)).status, 202);
    const cached = await p.app.deps.db.selectFrom('ap_remote_keys').selectAll().where('key_id', '=', aliceKey()).executeTakeFirstOrThrow();
    assert.equal(cached.public_key_pem, aliceNow.publicKey);
    assert.equal((await followers()).length, 1, 'following again keeps one follower');
    assert.equal((await deliverActivities(p.app.deps)).sent, 1);
    const accept = inbox.pop()!;
    await verifyDelivery(accept);
    assert.equal((accept.json.object as Json).id, follow.id);
    assert.equal((await postInbox(`/ap/agencies/${pub.agencyCode}/inbox`, { ...follow, id: `${aliceId()}#follows/3` }, { key: alice.privateKey })).status, 401, 'the old key no longer works');
  });

  test('Undo of the Follow removes the follower; later publications reach nobody', async () => {
    const undo = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${aliceId()}#undo/1`, type: 'Undo', actor: aliceId(), object: { id: `${aliceId()}#follows/1`, type: 'Follow', actor: aliceId(), object: actorUrl } };
    assert.equal((await postInbox('/ap/inbox', undo, { unsigned: true })).status, 401);
    assert.equal((await followers()).length, 1);
    assert.equal((await postInbox('/ap/inbox', undo)).status, 202, 'through the shared inbox');
    assert.deepEqual(await followers(), []);
    await publishDocument(p.app.deps, pub, { title: '无人关注时发布的文件' });
    await drainEvents(p.app.deps, 'activitypub', { now: p.clock.now() });
    assert.deepEqual(await deliverActivities(p.app.deps), { sent: 0, retried: 0, failed: 0 });
    assert.equal(inbox.length, 0);
    const outbox = (await (await fetch(`${actorUrl}/outbox`, { headers: { accept: 'application/activity+json' } })).json()) as Json;
    assert.equal(outbox.totalItems, 5, 'three publications, one validity change and one withdrawal');
  });
});
