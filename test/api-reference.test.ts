import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiReference, describeSchema } from '../src/web/public/api-reference.js';
import { buildApp, type TestPlatform } from './helpers/app.js';

describe('API reference page rendered from the OpenAPI document', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test('every operation of the OpenAPI document is on the page, with its parameters', async () => {
    const doc = (await p.server.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const page = await p.server.inject({ url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        operations += 1;
        const escaped = path.replace(/&/g, '&amp;');
        assert.ok(html.includes(`<code>${method.toUpperCase()}</code> <code class="wrap-anywhere">${escaped}</code>`), `${method} ${path} is listed`);
      }
    }
    assert.ok(operations > 50);
    assert.match(html, /<code>cursor<\/code>/, 'query parameters are listed');
    assert.match(html, /one of valid, amended, repealed, expired/, 'enums are spelled out');
    assert.match(html, /工作人员/, 'staff-only operations are marked');
    const en = await p.server.inject({ url: '/en/api/docs' });
    assert.match(en.body, /API reference/);
  });

  test('schema descriptions', () => {
    assert.equal(describeSchema({ type: 'string', maxLength: 64 }), 'string (≤ 64)');
    assert.equal(describeSchema({ type: 'array', items: { type: 'integer' } }), 'array of integer');
    assert.equal(describeSchema({ $ref: '#/components/schemas/Error' }), 'Error');
    assert.deepEqual(apiReference({ paths: { '/x': { get: { summary: 's', tags: ['t'], responses: { 200: {} } } } } }), [
      { tag: 't', operations: [{ id: 'get-x', method: 'GET', path: '/x', summary: 's', staff: false, fields: [], responses: ['200'] }] },
    ]);
  });
});
