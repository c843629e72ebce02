import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, nextCode, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, cookieHeader, cookiesOf, csrfFromHtml, form } from './helpers/http.js';

describe('HTTP foundation', () => {
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  before(async () => {
    p = await buildApp();
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'a-admin', tree.provA, 'admin');
  });
  after(async () => p.dispose());

  describe('unauthenticated', () => {
    test('the staff API answers 401 with a stable code', async () => {
      for (const [method, url] of [['GET', '/api/v1/session'], ['GET', '/api/v1/staff'], ['POST', '/api/v1/agencies'], ['PATCH', `/api/v1/agencies/${tree.city.code}`]] as const) {
        const res = await p.server.inject({ method, url, payload: method === 'GET' ? undefined : {} });
        // POST/PATCH bodies are validated first (400) only if the schema fails; an empty body does fail,
        // so send a valid one for those to reach the auth check.
        if (method !== 'GET') continue;
        assert.equal(res.statusCode, 401, url);
        assert.equal(res.json().error.code, 'login_required');
      }
      const res = await p.server.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        payload: { code: nextCode(), parent_code: tree.city.code, level: 'department', name_zh: '某局', name_en: 'Some bureau' },
      });
      assert.equal(res.statusCode, 401);
    });

    test('console pages redirect to the sign-in page, keeping where you were going', async () => {
      for (const url of ['/admin', '/admin/agencies', '/admin/staff', '/admin/audit', '/en/admin/agencies/new']) {
        const res = await p.server.inject({ url });
        assert.equal(res.statusCode, 303, url);
        assert.match(String(res.headers.location), /\/admin\/login\?next=/);
      }
      const post = await p.server.inject({ method: 'POST', url: '/admin/agencies/new', payload: form({ code: 'X' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(post.statusCode, 303);
    });
  });

  describe('invalid input', () => {
    test('API validation names the fields and never returns 500', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const res = await p.server.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
        payload: { code: 'x', parent_code: tree.city.code, level: 'mayor', name_zh: 1, extra: true },
      });
      assert.equal(res.statusCode, 400);
      const fields = (res.json().error.fields as { field: string }[]).map((f) => f.field);
      assert.ok(fields.includes('body.code'), fields.join());
      assert.ok(fields.includes('body.level'), fields.join());
      assert.ok(fields.includes('body.name_zh'), fields.join());
      assert.ok(fields.includes('body.name_en'), fields.join());
    });

    test('domain validation names the fields too (bad USCC check character, bad e-mail)', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const good = nextCode();
      const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
      const res = await p.server.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
        payload: { code: bad, parent_code: tree.city.code, level: 'department', name_zh: '某局', name_en: 'Bureau', email: 'not-an-email' },
      });
      assert.equal(res.statusCode, 400);
      const fields = res.json().error.fields as { field: string; code: string }[];
      assert.deepEqual(fields.map((f) => f.field).sort(), ['code', 'email']);
      assert.equal(fields.find((f) => f.field === 'code')?.code, 'bad_code_checksum');
    });

    test('malformed JSON, wrong content type and hostile paths are client errors', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const bad = await p.server.inject({ method: 'POST', url: '/api/v1/agencies', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' }, payload: '{"code":' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'validation_failed');
      const ct = await p.server.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      assert.ok([400, 415].includes(ct.statusCode), String(ct.statusCode));
      for (const url of ['/agencies/%E0%A4%A', '/agencies/' + 'x'.repeat(5000), '/admin/agencies/%00', '/api/v1/agencies/%ZZ', '/en/agencies/../../etc/passwd']) {
        const r = await p.server.inject({ url, headers: { cookie: c.cookie } });
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url} → ${r.statusCode}`);
      }
    });

    test('the console form re-renders with an error summary that links to each field', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const page = await p.server.inject({ url: '/admin/agencies/new', headers: { cookie: c.cookie } });
      assert.equal(page.statusCode, 200);
      const res = await p.server.inject({
        method: 'POST',
        url: '/admin/agencies/new',
        headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: csrfFromHtml(page.body), parent_id: tree.city.id, level: 'department', code: '', name_zh: '', name_en: 'X', postcode: '12' }),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, /href="#f-name_zh"/);
      assert.match(res.body, /href="#f-postcode"/);
      assert.match(res.body, /aria-invalid="true"/);
    });
  });

  describe('CSRF', () => {
    test('a console form without the token is refused with 403 and changes nothing', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const code = nextCode();
      const res = await p.server.inject({
        method: 'POST',
        url: '/admin/agencies/new',
        headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ parent_id: tree.city.id, level: 'department', code, name_zh: '无令牌局', name_en: 'No token bureau' }),
      });
      assert.equal(res.statusCode, 403);
      const pub = await p.server.inject({ url: `/api/v1/agencies/${code}` });
      assert.equal(pub.statusCode, 404);
    });

    test('an API change without x-csrf-token is refused with 403', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      const res = await p.server.inject({
        method: 'PATCH',
        url: `/api/v1/agencies/${tree.city.code}`,
        headers: { cookie: c.cookie },
        payload: { version: 1, phone: '0990-7654321' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'csrf_failed');
    });

    test('the sign-in form itself needs the anonymous token', async () => {
      const res = await p.server.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ username: 'a-admin', password: PASSWORD }) });
      assert.equal(res.statusCode, 403);
    });
  });

  describe('log-in throttling', () => {
    test('the sixth wrong password in 15 minutes gets 429 with Retry-After, even with the right password', async () => {
      await makeStaff(p.app.deps, 'throttled', tree.provB, 'editor');
      for (let i = 0; i < 5; i++) {
        const r = await p.server.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'throttled', password: `wrong-${i}` } });
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().error.code, 'bad_credentials');
      }
      const blocked = await p.server.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'throttled', password: PASSWORD } });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      // The window slides: 15 minutes later the account may try again.
      p.clock.advance(15 * 60_000 + 1000);
      const ok = await p.server.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'throttled', password: PASSWORD } });
      assert.equal(ok.statusCode, 200);
    });

    test('the HTML sign-in form shows the throttle message with 429', async () => {
      await makeStaff(p.app.deps, 'throttled2', tree.provB, 'editor');
      const page = await p.server.inject({ url: '/admin/login' });
      const jar = cookiesOf(page);
      const csrf = csrfFromHtml(page.body);
      let last = page;
      for (let i = 0; i < 6; i++) {
        last = await p.server.inject({
          method: 'POST',
          url: '/admin/login',
          headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9' },
          payload: form({ _csrf: csrf, username: 'throttled2', password: 'nope' }),
        });
      }
      assert.equal(last.statusCode, 429);
      assert.match(last.body, /尝试次数过多/);
    });
  });

  describe('sessions', () => {
    test('log-in via the form sets an httpOnly SameSite cookie; log-out revokes the session', async () => {
      const page = await p.server.inject({ url: '/admin/login' });
      const jar = cookiesOf(page);
      const res = await p.server.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: csrfFromHtml(page.body), username: 'a-admin', password: PASSWORD }),
      });
      assert.equal(res.statusCode, 303);
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /gk_session=/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      const cookie = cookieHeader({ ...jar, ...cookiesOf(res) });
      const dash = await p.server.inject({ url: '/admin', headers: { cookie } });
      assert.equal(dash.statusCode, 200);
      assert.equal(dash.headers['cache-control'], 'no-store');
      const out = await p.server.inject({ method: 'POST', url: '/admin/logout', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrfFromHtml(dash.body) }) });
      assert.equal(out.statusCode, 303);
      const again = await p.server.inject({ url: '/admin', headers: { cookie } });
      assert.equal(again.statusCode, 303, 'the old cookie no longer works');
    });

    test('a session can be revoked from another session\'s "my sessions" page', async () => {
      const laptop = await apiLogin(p.server, 'a-admin', PASSWORD);
      const phone = await apiLogin(p.server, 'a-admin', PASSWORD);
      const page = await p.server.inject({ url: '/admin/sessions', headers: { cookie: laptop.cookie } });
      assert.equal(page.statusCode, 200);
      const ids = [...page.body.matchAll(/action="\/admin\/sessions\/([0-9a-f]{64})\/revoke"/g)].map((m) => m[1]);
      assert.ok(ids.length >= 1, 'other live sessions are listed with a revoke button');
      for (const id of ids) {
        const r = await p.server.inject({
          method: 'POST',
          url: `/admin/sessions/${id}/revoke`,
          headers: { cookie: laptop.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({ _csrf: laptop.csrf }),
        });
        assert.equal(r.statusCode, 303);
      }
      assert.equal((await p.server.inject({ url: '/api/v1/session', headers: { cookie: phone.cookie } })).statusCode, 401, 'the revoked session is dead');
      assert.equal((await p.server.inject({ url: '/api/v1/session', headers: { cookie: laptop.cookie } })).statusCode, 200, 'the current one lives');
    });

    test('sessions expire after the idle timeout', async () => {
      const c = await apiLogin(p.server, 'a-admin', PASSWORD);
      assert.equal((await p.server.inject({ url: '/api/v1/session', headers: { cookie: c.cookie } })).statusCode, 200);
      p.clock.advance((p.app.config.sessionIdleMinutes + 1) * 60_000);
      assert.equal((await p.server.inject({ url: '/api/v1/session', headers: { cookie: c.cookie } })).statusCode, 401);
    });
  });

  describe('public site and platform endpoints', () => {
    test('agencies API is a tree with contacts and no staff data', async () => {
      const res = await p.server.inject({ url: '/api/v1/agencies' });
      assert.equal(res.statusCode, 200);
      const items = res.json().items as { code: string; children: { code: string }[] }[];
      const a = items.find((i) => i.code === tree.provA.code);
      assert.ok(a);
      assert.deepEqual(a.children.map((c) => c.code), [tree.city.code]);
      assert.doesNotMatch(res.body, /password|a-admin/);
    });

    test('OpenAPI 3.1 document lists the routes', async () => {
      const res = await p.server.inject({ url: '/api/v1/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/v1/agencies']);
      assert.ok(doc.paths['/api/v1/agencies/{code}']);
    });

    test('healthz checks the store; metrics are Prometheus text', async () => {
      const h = await p.server.inject({ url: '/healthz' });
      assert.equal(h.statusCode, 200);
      assert.equal(h.json().status, 'ok');
      await p.server.inject({ url: '/' });
      const m = await p.server.inject({ url: '/metrics' });
      assert.match(String(m.headers['content-type']), /text\/plain/);
      assert.match(m.body, /gongkai_http_request_duration_seconds_bucket\{[^}]*route="\/"/);
    });

    test('security headers: CSP without inline script, no HSTS on plain HTTP, HSTS over TLS', async () => {
      const res = await p.server.inject({ url: '/' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.doesNotMatch(res.body, /<script(?![^>]*src=)/);
    });

    test('pages come in both languages with a switch, hreflang and canonical links', async () => {
      const zh = await p.server.inject({ url: `/agencies/${tree.city.code}` });
      assert.equal(zh.statusCode, 200);
      assert.match(zh.body, /<html lang="zh-CN">/);
      assert.match(zh.body, /丙市/);
      assert.match(zh.body, new RegExp(`href="/en/agencies/${tree.city.code}"`));
      assert.match(zh.body, /hreflang="en"/);
      const en = await p.server.inject({ url: `/en/agencies/${tree.city.code}` });
      assert.match(en.body, /<html lang="en">/);
      assert.match(en.body, /City C/);
      assert.match(en.body, /<link rel="canonical" href="http:\/\/gongkai.test\/en\/agencies\//);
    });

    test('the display-mode switch is remembered by cookie and only redirects locally', async () => {
      const res = await p.server.inject({ url: '/preferences/display?mode=large&back=%2Fen%2Fagencies' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/en/agencies');
      const cookie = cookieHeader(cookiesOf(res));
      const page = await p.server.inject({ url: '/en/agencies', headers: { cookie } });
      assert.match(page.body, /class="area-public display-large"/);
      const evil = await p.server.inject({ url: '/preferences/display?mode=large&back=%2F%2Fevil.example' });
      assert.equal(evil.headers.location, '/');
    });

    test('unknown pages get a friendly 404 in the right language', async () => {
      const zh = await p.server.inject({ url: '/no-such-page' });
      assert.equal(zh.statusCode, 404);
      assert.match(zh.body, /未找到/);
      const en = await p.server.inject({ url: '/en/agencies/NOPE-CODE' });
      assert.equal(en.statusCode, 404);
      assert.match(en.body, /Agency not found/);
    });
  });
});
