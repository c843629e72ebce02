import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { makePdf } from './helpers/files.js';
import { apiLogin, multipart, type StaffClient } from './helpers/http.js';
import { beijing } from './helpers/requests.js';
import { publishDocument, type Publisher } from './helpers/publish.js';
import { actorFor } from './helpers/factories.js';

/** Distinctive personal data that must never appear in a public response. */
const SECRET = {
  name: '甄士隐独特姓名',
  id_number: '11010519491231002X',
  phone: '13912345678',
  email: 'zhen.shiyin.unique@example.test',
  address: '姑苏城阊门外十里街仁清巷葫芦庙旁',
};

describe('requests API: public application and tracking, staff steps, privacy', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let officer: StaffClient;
  let number = '';
  let token = '';
  let requestId = '';
  let publisher: Publisher;
  const publicBodies: string[] = [];
  const get = async (url: string) => {
    const res = await p.server.inject({ method: 'GET', url });
    publicBodies.push(`${url}\n${res.body}`);
    return res;
  };
  const staff = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    p.server.inject({ method, url, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf }, ...(payload ? { payload } : {}) });
  const form = () => ({
    agency_code: t.city.code, applicant_type: 'natural_person', ...SECRET, id_type: 'resident_id',
    title: '2025年市区公园维护合同', other_features: '含合同金额', form_wanted: 'electronic', delivery_wanted: 'email',
  });

  before(async () => {
    p = await buildApp();
    p.clock.set(beijing('2026-03-02'));
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'api-officer', t.city, 'request_officer');
    officer = await apiLogin(p.server, 'api-officer', PASSWORD);
    const d = p.app.deps;
    publisher = { agencyId: t.city.id, agencyCode: t.city.code, editor: await actorFor(d, await makeStaff(d, 'api-editor', t.city, 'editor')), reviewer: await actorFor(d, await makeStaff(d, 'api-reviewer', t.city, 'reviewer')) };
  });
  after(async () => p.dispose());

  test('unauthenticated and invalid calls first', async () => {
    assert.equal((await p.server.inject({ method: 'GET', url: '/api/v1/requests' })).statusCode, 401);
    assert.equal((await p.server.inject({ method: 'GET', url: '/api/v1/requests/overview' })).statusCode, 401);
    assert.equal((await p.server.inject({ method: 'POST', url: '/api/v1/requests/offline', payload: { ...form(), channel: 'in_person' } })).statusCode, 401);
    const bad = await p.server.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...form(), applicant_type: 'alien', title: undefined } });
    assert.equal(bad.statusCode, 400);
    const missing = await p.server.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...form(), id_number: '', phone: '', email: '', address: '', delivery_wanted: 'post' } });
    assert.equal(missing.statusCode, 400);
    const fields = (missing.json() as { error: { fields: { field: string; code: string }[] } }).error.fields;
    assert.deepEqual(fields.map((f) => `${f.field}:${f.code}`).sort(), ['id_number:required', 'phone:contact_required']);
    assert.equal((await p.server.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...form(), agency_code: 'NOPE' } })).statusCode, 404);
    assert.equal((await get('/api/v1/requests/track?number=YSQ-2026-000001&token=wrong')).statusCode, 404);
  });

  test('apply without an account: tracking number and private token; tracking shows status and dates only', async () => {
    const res = await p.server.inject({ method: 'POST', url: '/api/v1/requests', payload: form() });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { tracking_number: string; token: string; state: string; track_url: string };
    assert.match(body.tracking_number, /^YSQ-2026-\d{6}$/);
    assert.equal(body.state, 'submitted');
    ({ tracking_number: number, token } = body);
    const stored = await p.app.deps.db.selectFrom('requests').select(['id', 'token_hash']).where('tracking_number', '=', number).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only the token hash is stored');
    requestId = stored.id;
    assert.equal((await get(`/api/v1/requests/track?number=${number}&token=${token.slice(0, -1)}x`)).statusCode, 404);
    const tr = await get(`/api/v1/requests/track?number=${number}&token=${encodeURIComponent(token)}`);
    assert.equal(tr.statusCode, 200);
    assert.equal(tr.headers['cache-control'], 'no-store');
    const tj = tr.json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(tj).sort(), ['agency', 'closed_on', 'due_date', 'extended', 'overdue', 'received_on', 'replied_on', 'state', 'submitted_on', 'timeline', 'tracking_number']);
    assert.equal(tj.state, 'submitted');
  });

  test('staff steps over the API, then the applicant reads the reply and downloads the released file', async () => {
    const q = `number=${number}&token=${encodeURIComponent(token)}`;
    // An identity proof from the applicant, through the private link.
    const proof = multipart({}, { filename: 'id-proof.pdf', content: await makePdf(['identity proof']), type: 'application/pdf' });
    const up = await p.server.inject({ method: 'POST', url: `/api/v1/requests/private/files?${q}&purpose=identity_proof`, payload: proof.payload, headers: proof.headers });
    assert.equal(up.statusCode, 201, up.body);
    assert.equal((await staff('POST', `/api/v1/requests/${requestId}/extend`, { days: 5, approver: '李主任', reason: 'x' })).statusCode, 409, 'no extension before receipt');
    const conf = await staff('POST', `/api/v1/requests/${requestId}/confirm-receipt`, {});
    assert.equal(conf.statusCode, 200, conf.body);
    const cj = conf.json() as { state: string; due_date: string; applicant: { name: string } };
    assert.equal(cj.state, 'received');
    // Mon 2 Mar 2026 + 20 working days: Mon 30 Mar.
    assert.equal(cj.due_date, '2026-03-30');
    assert.equal(cj.applicant.name, SECRET.name, 'staff in scope see the applicant');
    assert.equal((await staff('POST', `/api/v1/requests/${requestId}/correction`, { what: '请明确合同名称', supplement_by: '2026-03-09' })).statusCode, 200);
    p.clock.set(beijing('2026-03-04'));
    officer = await apiLogin(p.server, 'api-officer', PASSWORD); // the session expired over the two days
    assert.equal((await staff('POST', `/api/v1/requests/${requestId}/supplement`, { note: '已明确' })).statusCode, 200);
    const ext = await staff('POST', `/api/v1/requests/${requestId}/extend`, { days: 21, approver: '李主任', reason: '合同较多' });
    assert.equal(ext.statusCode, 400);
    assert.equal((ext.json() as { error: { code: string } }).error.code, 'extension_exceeds_maximum');
    const ok = await staff('POST', `/api/v1/requests/${requestId}/extend`, { days: 20, approver: '李主任', reason: '合同较多' });
    assert.equal(ok.statusCode, 200, ok.body);
    const released = multipart({}, { filename: '公园维护合同（部分公开）.pdf', content: await makePdf(['contract, redacted']), type: 'application/pdf' });
    const rel = await p.server.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/files?purpose=released`, payload: released.payload, headers: { ...released.headers, cookie: officer.cookie, 'x-csrf-token': officer.csrf } });
    assert.equal(rel.statusCode, 201, rel.body);
    // Before the reply the applicant does not see the released file.
    const before = (await get(`/api/v1/requests/private?${q}`)).json() as { files: { purpose: string }[] };
    assert.deepEqual(before.files.map((f) => f.purpose), ['identity_proof']);
    const index = (await publishDocument(p.app.deps, publisher)).indexNumber;
    const rep = await staff('POST', `/api/v1/requests/${requestId}/reply`, { outcome: 'partially_disclosed', text: '合同中涉及商业秘密的部分不予公开。', linked: [index] });
    assert.equal(rep.statusCode, 200, rep.body);
    const view = await get(`/api/v1/requests/private?${q}`);
    assert.equal(view.statusCode, 200);
    const v = view.json() as { state: string; reply: { outcome: string; label: { zh: string }; basis: string; linked_documents: { index_number: string }[] }; files: { purpose: string; url: string }[] };
    assert.equal(v.state, 'replied');
    assert.equal(v.reply.label.zh, '部分公开');
    assert.match(v.reply.basis, /第三十七条/);
    assert.deepEqual(v.reply.linked_documents.map((l) => l.index_number), [index]);
    const file = v.files.find((f) => f.purpose === 'released');
    assert.ok(file);
    const dl = await get(file.url.replace('http://gongkai.test', ''));
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal((await get(file.url.replace('http://gongkai.test', '').replace(/token=[^&]+/, 'token=nope'))).statusCode, 404);
    const tracked = (await get(`/api/v1/requests/track?${q}`)).json() as { timeline: { kind: string }[]; extended: boolean };
    assert.equal(tracked.extended, true);
    assert.deepEqual(tracked.timeline.map((e) => e.kind), ['submitted', 'received', 'correction_requested', 'supplemented', 'extended', 'replied']);
  });

  test('privacy: no personal data in any public API response', async () => {
    for (const url of ['/api/v1/documents', '/api/v1/agencies', `/api/v1/agencies/${t.city.code}`, '/api/v1/openapi.json', `/api/v1/requests/track?number=${number}&token=${encodeURIComponent(token)}`, `/api/v1/requests/private?number=${number}&token=${encodeURIComponent(token)}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
    }
    const docs = (await get('/api/v1/documents')).json() as { items: { index_number: string }[] };
    for (const d of docs.items) await get(`/api/v1/documents/${d.index_number}`);
    assert.ok(publicBodies.length >= 10);
    for (const body of publicBodies) {
      for (const [k, v] of Object.entries(SECRET)) {
        assert.equal(body.includes(v), false, `${k} leaked in ${body.split('\n')[0]}`);
        assert.equal(body.toLowerCase().includes(v.toLowerCase()), false);
      }
    }
    // The audit trail holds no personal data either.
    const audit = await p.app.deps.db.selectFrom('audit_log').select('detail').where('target_type', '=', 'request').execute();
    for (const a of audit) for (const v of Object.values(SECRET)) assert.equal(a.detail.includes(v), false);
  });
});
