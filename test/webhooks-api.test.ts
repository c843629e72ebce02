import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deliverWebhooks } from '../src/channels/webhooks/deliver.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, csrfFromHtml, form, type StaffClient } from './helpers/http.js';
import { publishDocument } from './helpers/publish.js';
import { startReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

describe(`webhooks API and console [${kind}]`, () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let editor: StaffClient;
  let reviewer: StaffClient;
  let otherEditor: StaffClient;
  let rx: WebhookReceiver;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    await makeStaff(d, 'wha-editor', t.city, 'editor');
    await makeStaff(d, 'wha-reviewer', t.city, 'reviewer');
    await makeStaff(d, 'wha-other', t.provB, 'editor');
    editor = await apiLogin(p.server, 'wha-editor', PASSWORD);
    reviewer = await apiLogin(p.server, 'wha-reviewer', PASSWORD);
    otherEditor = await apiLogin(p.server, 'wha-other', PASSWORD);
    rx = await startReceiver(p.clock);
  });
  after(async () => {
    await rx.close();
    await p.dispose();
  });

  const api = (who: StaffClient | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    p.server.inject({ method, url: `/api/v1${url}`, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  test('unauthenticated, unauthorised and invalid requests get 4xx with a clear code, never a 500', async () => {
    assert.equal((await api(null, 'GET', '/webhooks')).statusCode, 401);
    assert.equal((await api(null, 'POST', '/webhooks', { agency_code: t.city.code, url: rx.url, event_types: ['document.published'] })).statusCode, 401);
    const ok = { agency_code: t.city.code, url: 'https://hooks.example.com/in', event_types: ['document.published'] };
    // Without the CSRF header a change is refused.
    const noCsrf = await p.server.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { cookie: editor.cookie }, payload: ok });
    assert.equal(noCsrf.statusCode, 403);
    // A reviewer may not manage webhooks; nor an editor of another province.
    assert.equal((await api(reviewer, 'POST', '/webhooks', ok)).statusCode, 403);
    assert.equal((await api(otherEditor, 'POST', '/webhooks', ok)).statusCode, 403);
    const bad: [unknown, number, string, string?][] = [
      [{ ...ok, url: 'http://hooks.example.com/in' }, 400, 'validation_failed', 'https_required'],
      [{ ...ok, url: 'https://10.0.0.8/in' }, 400, 'validation_failed', 'private_address'],
      [{ ...ok, url: 'https://169.254.169.254/latest/meta-data/' }, 400, 'validation_failed', 'private_address'],
      [{ ...ok, url: 'https://[fd00::1]/' }, 400, 'validation_failed', 'private_address'],
      [{ ...ok, url: 'https://admin:pw@hooks.example.com/' }, 400, 'validation_failed', 'url_credentials'],
      [{ ...ok, url: 'gopher://hooks.example.com/' }, 400, 'validation_failed', 'bad_url'],
      [{ ...ok, url: 'no url at all' }, 400, 'validation_failed', 'bad_url'],
      [{ ...ok, url: `https://hooks.example.com/${'x'.repeat(2100)}` }, 400, 'validation_failed'],
      [{ ...ok, event_types: [] }, 400, 'validation_failed'],
      [{ ...ok, event_types: ['document.deleted'] }, 400, 'validation_failed'],
      [{ ...ok, event_types: 'document.published' }, 400, 'validation_failed'],
      [{ ...ok, description: 'a\u0007b' }, 400, 'validation_failed', 'control_chars'],
      [{ ...ok, extra: 1 }, 400, 'validation_failed'],
      [{ url: ok.url, event_types: ok.event_types }, 400, 'validation_failed'],
      [{ ...ok, agency_code: 'NO-SUCH-AGENCY' }, 404, 'agency_not_found'],
    ];
    for (const [body, status, code, field] of bad) {
      const r = await api(editor, 'POST', '/webhooks', body);
      assert.equal(r.statusCode, status, `${JSON.stringify(body).slice(0, 120)} → ${r.body.slice(0, 200)}`);
      const e = (r.json() as { error: { code: string; fields?: { field: string; code: string }[] } }).error;
      assert.equal(e.code, code);
      if (field) assert.ok(e.fields?.some((f) => f.code === field), `${field} in ${JSON.stringify(e.fields)}`);
    }
    const raw = await p.server.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' }, payload: '{"url": ' });
    assert.equal(raw.statusCode, 400);
    for (const url of ['/webhooks/nope', '/webhooks/nope/deliveries', '/webhooks/nope/deliveries/x']) assert.equal((await api(editor, 'GET', url)).statusCode, 404, url);
    assert.equal((await api(editor, 'POST', '/webhooks/nope/deliveries/x/redeliver')).statusCode, 404);
    assert.equal((await api(editor, 'POST', '/webhooks/nope/rotate-secret', { version: 1 })).statusCode, 404);
    assert.equal((await api(editor, 'POST', '/webhooks/nope/enable', { version: 'x' })).statusCode, 400);
  });

  test('the whole cycle through the API: register (secret once), deliveries, log, redelivery, rotation, disable', async () => {
    const created = await api(editor, 'POST', '/webhooks', { agency_code: t.city.code, url: rx.url, description: '门户', event_types: ['document.published', 'document.withdrawn'], include_subtree: true });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers['cache-control'], 'no-store');
    const c = created.json() as { endpoint: { id: string; version: number; agency_code: string; enabled: boolean; include_subtree: boolean }; secret: string };
    assert.equal(c.endpoint.agency_code, t.city.code);
    assert.equal(c.endpoint.include_subtree, true);
    assert.match(c.secret, /^whsec_/);
    rx.secrets.splice(0, rx.secrets.length, c.secret);
    const id = c.endpoint.id;

    // The secret is never shown again: not in the list, the endpoint, or the console.
    const list = await api(editor, 'GET', '/webhooks');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(c.secret));
    assert.equal((list.json() as { items: { id: string }[] }).items.length, 1);
    assert.equal((await api(otherEditor, 'GET', '/webhooks')).json().items.length, 0, 'another province sees none');
    assert.equal((await api(otherEditor, 'GET', `/webhooks/${id}`)).statusCode, 403);
    const one = await api(editor, 'GET', `/webhooks/${id}`);
    assert.ok(!one.body.includes(c.secret));

    // A publication in the county reaches it (subtree) and is logged.
    const d = p.app.deps;
    const ed = await actorFor(d, { id: (await d.db.selectFrom('users').select('id').where('username', '=', 'wha-editor').executeTakeFirstOrThrow()).id, username: 'wha-editor' });
    const rv = await actorFor(d, { id: (await d.db.selectFrom('users').select('id').where('username', '=', 'wha-reviewer').executeTakeFirstOrThrow()).id, username: 'wha-reviewer' });
    await publishDocument(d, { agencyId: t.county1.id, agencyCode: t.county1.code, editor: ed, reviewer: rv }, { title: '县级推送文件' });
    await drainEvents(d, 'webhooks');
    rx.respond = () => 500;
    await deliverWebhooks(d);
    const dl = await api(editor, 'GET', `/webhooks/${id}/deliveries`);
    assert.equal(dl.statusCode, 200);
    const items = (dl.json() as { items: { id: string; status: string; attempts: number; next_attempt_at: string; last_status_code: number; event_id: string }[] }).items;
    assert.equal(items.length, 1);
    assert.equal(items[0]?.status, 'pending');
    assert.equal(items[0]?.last_status_code, 500);
    assert.equal(items[0]?.next_attempt_at, new Date(p.clock.now().getTime() + 60_000).toISOString());
    const did = items[0]!.id;
    const detail = await api(editor, 'GET', `/webhooks/${id}/deliveries/${did}`);
    const det = detail.json() as { body: string; attempt_log: { attempt: number; status_code: number; ok: boolean; duration_ms: number }[] };
    assert.equal(det.attempt_log.length, 1);
    assert.deepEqual({ ...det.attempt_log[0], duration_ms: 0 }, { attempt: 1, at: p.clock.now().toISOString(), status_code: 500, duration_ms: 0, error: 'http_500', ok: false });
    assert.equal(det.body, rx.received.at(-1)?.body, 'the log shows the exact body sent');

    // Manual redelivery sends it at once, before its backoff.
    rx.respond = () => 200;
    const re = await api(editor, 'POST', `/webhooks/${id}/deliveries/${did}/redeliver`);
    assert.equal(re.statusCode, 202, re.body);
    await deliverWebhooks(d);
    const after = (await api(editor, 'GET', `/webhooks/${id}/deliveries/${did}`)).json() as { status: string; attempts: number };
    assert.equal(after.status, 'succeeded');
    assert.equal(after.attempts, 2);
    assert.equal(rx.received.length, 2);
    assert.equal(rx.received[0]?.eventId, rx.received[1]?.eventId);

    // Rotation returns a new secret once; a stale version is a 409.
    const rot = await api(editor, 'POST', `/webhooks/${id}/rotate-secret`, { version: c.endpoint.version });
    assert.equal(rot.statusCode, 200, rot.body);
    const r = rot.json() as { secret: string; previous_secret_valid_until: string; endpoint: { version: number; previous_secret_valid_until: string } };
    assert.notEqual(r.secret, c.secret);
    assert.equal(r.endpoint.previous_secret_valid_until, r.previous_secret_valid_until);
    assert.equal((await api(editor, 'POST', `/webhooks/${id}/rotate-secret`, { version: c.endpoint.version })).statusCode, 409);

    // PATCH validates like POST; disable and enable.
    assert.equal((await api(editor, 'PATCH', `/webhooks/${id}`, { version: r.endpoint.version, url: 'https://192.168.0.10/x', event_types: ['document.published'] })).statusCode, 400);
    const patched = await api(editor, 'PATCH', `/webhooks/${id}`, { version: r.endpoint.version, url: rx.url, description: '改', event_types: ['document.corrected'] });
    assert.equal(patched.statusCode, 200, patched.body);
    const pv = patched.json() as { version: number; event_types: string[]; include_subtree: boolean };
    assert.deepEqual(pv.event_types, ['document.corrected']);
    assert.equal(pv.include_subtree, false);
    const off = await api(editor, 'POST', `/webhooks/${id}/disable`, { version: pv.version });
    assert.equal(off.statusCode, 200);
    assert.equal((off.json() as { enabled: boolean; disabled_reason: string }).disabled_reason, 'staff');
    assert.equal((await api(editor, 'POST', `/webhooks/${id}/deliveries/${did}/redeliver`)).statusCode, 409);
    const trail = await d.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'webhook').execute();
    assert.deepEqual(trail.map((a) => a.action).sort(), ['webhook.create', 'webhook.disable', 'webhook.redeliver', 'webhook.rotate_secret', 'webhook.update']);
    assert.ok(trail.every((a) => !a.detail.includes('whsec_')), 'no secret in the audit trail');
  });

  test('console: list, registration showing the secret once, bad input re-shown with 400, detail page with the log', async () => {
    const get = (url: string) => p.server.inject({ method: 'GET', url, headers: { cookie: editor.cookie } });
    const post = (url: string, body: string) => p.server.inject({ method: 'POST', url, headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    assert.equal((await p.server.inject({ method: 'GET', url: '/admin/webhooks' })).statusCode, 303, 'to the sign-in page');
    const listPage = await get('/admin/webhooks');
    assert.equal(listPage.statusCode, 200);
    assert.match(listPage.body, /推送接口/);
    const newPage = await get('/admin/webhooks/new');
    assert.equal(newPage.statusCode, 200);
    const csrf = csrfFromHtml(newPage.body);
    const bad = await post('/admin/webhooks/new', `${form({ _csrf: csrf, agency_id: t.city.id, url: 'https://127.0.0.1.nip.io.internal/x', description: '' })}&event_types=document.published`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /error-summary/);
    assert.match(bad.body, /不得指向内网、本机或保留地址/);
    const noTypes = await post('/admin/webhooks/new', form({ _csrf: csrf, agency_id: t.city.id, url: rx.url }));
    assert.equal(noTypes.statusCode, 400);
    const ok = await post('/admin/webhooks/new', `${form({ _csrf: csrf, agency_id: t.city.id, url: rx.url, description: '控制台登记', include_subtree: '1' })}&event_types=document.published&event_types=consultation.opened`);
    assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
    const secret = /value="(whsec_[A-Za-z0-9_-]+)"/.exec(ok.body)?.[1];
    assert.ok(secret, 'the secret is on the page');
    const link = /href="(\/admin\/webhooks\/[^"]+)"/.exec(ok.body.slice(ok.body.indexOf('webhook-secret')))?.[1];
    assert.ok(link);
    const detail = await get(link);
    assert.equal(detail.statusCode, 200);
    assert.ok(!detail.body.includes(secret), 'never shown again');
    assert.match(detail.body, /控制台登记/);
    assert.match(detail.body, /意见征集开始/);
    const rotate = await post(`${link}/rotate`, form({ _csrf: csrfFromHtml(detail.body), version: '1' }));
    assert.equal(rotate.statusCode, 200);
    assert.match(rotate.body, /whsec_/);
    const stale = await post(`${link}/disable`, form({ _csrf: csrfFromHtml(detail.body), version: '1' }));
    assert.equal(stale.statusCode, 409);
    const off = await post(`${link}/disable`, form({ _csrf: csrfFromHtml(detail.body), version: '2' }));
    assert.equal(off.statusCode, 303);
    const en = await get(`/en${link}`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Disabled/);
    assert.equal((await get('/admin/webhooks/nope')).statusCode, 404);
    // The developers page documents the scheme.
    const docs = await p.server.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /id="webhooks"/);
    assert.match(docs.body, /Gongkai-Signature/);
    assert.match(docs.body, /300/);
    assert.equal((await get(`${link}/deliveries/nope`)).statusCode, 404);
  });
});
