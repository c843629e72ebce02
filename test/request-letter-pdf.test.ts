import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { confirmReceipt } from '../src/commands/requests/confirm-receipt.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { submitOnline } from '../src/commands/requests/submit-online.js';
import { takeRequest } from '../src/commands/requests/take-request.js';
import { findPdfFont } from '../src/web/letters/letter-pdf.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin } from './helpers/http.js';
import { application, beijing } from './helpers/requests.js';

async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text.replace(/\s+/g, '');
}

describe('reply letters as PDF', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test('the staff copy names the applicant; the applicant copy does not; both carry the letter text', async (t) => {
    if (!findPdfFont()) {
      t.skip('no CJK font installed (CI installs fonts-noto-cjk)');
      return;
    }
    const d = p.app.deps;
    const tree = await seedTree(d);
    const officerUser = await makeStaff(d, 'pdf-officer', tree.city, 'request_officer');
    const officer = await actorFor(d, officerUser);
    p.clock.set(beijing('2026-03-02'));
    const r = await submitOnline(d, tree.city.id, application({ name: '欧阳测试', title: '2025年城市绿化项目清单' }));
    await confirmReceipt(d, officer, r.requestId);
    await takeRequest(d, officer, r.requestId);
    p.clock.set(beijing('2026-03-10'));
    await replyToRequest(d, officer, r.requestId, { outcome: 'disclosed', text: '现将项目清单提供给您。' });

    const staff = await apiLogin(p.server, 'pdf-officer', PASSWORD);
    const res = await p.server.inject({ url: `/admin/requests/${r.requestId}/letter?format=pdf`, headers: { cookie: staff.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const text = await pdfText(res.rawPayload);
    assert.match(text, /政府信息公开申请答复告知书/);
    assert.ok(text.includes(r.trackingNumber));
    assert.match(text, /欧阳测试/);
    assert.match(text, /2026年3月10日/);

    const mine = await p.server.inject({ url: `/requests/p/${r.trackingNumber}/letter?t=${encodeURIComponent(r.token)}&format=pdf` });
    assert.equal(mine.statusCode, 200);
    const own = await pdfText(mine.rawPayload);
    assert.match(own, /政府信息公开申请答复告知书/);
    assert.doesNotMatch(own, /欧阳测试/, 'the private link alone reveals no name');
    const wrong = await p.server.inject({ url: `/requests/p/${r.trackingNumber}/letter?t=wrong&format=pdf` });
    assert.notEqual(wrong.statusCode, 200);
    const page = await p.server.inject({ url: `/requests/p/${r.trackingNumber}/letter?t=${encodeURIComponent(r.token)}` });
    assert.match(page.body, /format=pdf/, 'the letter page links its PDF');
  });
});
