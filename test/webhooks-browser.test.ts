import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { deliverWebhooks } from '../src/channels/webhooks/deliver.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { publishDocument } from './helpers/publish.js';
import { startReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';
import { assertAccessible, chromiumMissing, launchBrowser, skipIfNoBrowser } from './browser/browser.js';

/**
 * The webhook console in a real browser, through the plain HTML forms: register an endpoint through the
 * form, copy the secret from the one page that shows it, see a delivery fail and be redelivered
 * with its log, and read the signing scheme on the developers page. axe-core's WCAG 2.1 A/AA rules
 * find nothing on any of these pages, in Chinese and English, on a phone and a desktop.
 */
describe('browser: webhooks console and documentation', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let browser: Browser;
  let rx: WebhookReceiver;
  let base = '';
  let publish: () => Promise<void>;

  before(async () => {
    if (missing) return;
    p = await buildApp();
    const d = p.app.deps;
    const tree = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'b-wh-editor', tree.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'b-wh-reviewer', tree.city, 'reviewer'));
    publish = async () => {
      await publishDocument(d, { agencyId: tree.city.id, agencyCode: tree.city.code, editor, reviewer }, { title: '浏览器推送测试文件' });
      await drainEvents(d, 'webhooks');
      await deliverWebhooks(d);
    };
    // Real time: the browser judges cookies and the receiver judges timestamps by the real clock.
    p.clock.set(new Date().toISOString());
    rx = await startReceiver({ now: () => new Date() });
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await rx?.close();
    await p?.dispose();
  });

  test('register, copy the secret once, a failed delivery and its redelivery, the log; axe-clean in both languages', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill('b-wh-editor');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    await page.goto(`${base}/admin/webhooks`);
    await assertAccessible(page, '/admin/webhooks (empty)');
    await page.getByRole('link', { name: '登记推送地址' }).click();
    await assertAccessible(page, '/admin/webhooks/new');
    // A private address is refused with the form kept.
    await page.getByLabel('接收地址').fill('https://192.168.10.5/hook');
    await page.getByRole('button', { name: '登记' }).click();
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: '不得指向内网' }).first().waitFor());
    await assertAccessible(page, '/admin/webhooks/new with errors');
    await page.getByLabel('接收地址').fill(rx.url);
    await page.getByLabel('说明').fill('门户网站同步');
    await page.getByLabel('同时推送下级机关的事件').check();
    await page.getByRole('button', { name: '登记' }).click();
    const secret = await page.getByLabel('签名密钥').inputValue();
    assert.match(secret, /^whsec_/);
    rx.secrets.push(secret);
    await assertAccessible(page, 'the secret page');
    await page.getByRole('link', { name: '查看推送地址' }).click();
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');

    // The receiver is down: the delivery fails, and shows so with its log.
    rx.respond = () => 502;
    await publish();
    await page.reload();
    await assert.doesNotReject(page.getByRole('cell', { name: '502' }).first().waitFor());
    await assertAccessible(page, 'the endpoint page with a failed delivery');
    // Back up: redeliver by hand.
    rx.respond = () => 200;
    await page.getByRole('button', { name: /重新推送事件/ }).first().click();
    await assert.doesNotReject(page.getByRole('status').filter({ hasText: '已重新加入推送队列' }).waitFor());
    await deliverWebhooks(p.app.deps);
    assert.equal(rx.received.length, 2);
    assert.equal(rx.received[0]?.eventId, rx.received[1]?.eventId);
    assert.ok(rx.received.every((r) => r.verified));
    await page.reload();
    await page.getByRole('link', { name: /UTC/ }).first().click();
    await assert.doesNotReject(page.getByRole('heading', { name: '推送详情' }).waitFor());
    assert.match((await page.locator('pre.webhook-body').textContent()) ?? '', /浏览器推送测试文件/);
    await assertAccessible(page, 'the delivery page');

    // English, and a phone: no violation, and nothing wider than the screen but the tables.
    const en = await browser.newContext({ locale: 'en', viewport: { width: 375, height: 800 }, storageState: await context.storageState() });
    const phone = await en.newPage();
    for (const path of ['/en/admin/webhooks', page.url().replace(base, '').replace(/^\/admin/, '/en/admin'), '/en/admin/webhooks/new']) {
      await phone.goto(`${base}${path}`);
      await assertAccessible(phone, `${path} (en, phone)`);
      const overflow = await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(Number(overflow) <= 0, `${path} scrolls sideways by ${String(overflow)} px`);
    }
    await en.close();
    await context.close();
  });

  test('the developers page explains the signature; axe-clean', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    for (const path of ['/api/docs', '/en/api/docs']) {
      await page.goto(`${base}${path}#webhooks`);
      await assert.doesNotReject(page.locator('#webhooks').waitFor());
      assert.match((await page.locator('.webhook-docs').textContent()) ?? '', /Gongkai-Signature/);
      await assertAccessible(page, path);
    }
    await context.close();
  });
});
