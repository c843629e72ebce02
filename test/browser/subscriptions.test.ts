import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { drainEvents } from '../../src/jobs/event-consumers.js';
import { smtpMailer } from '../../src/jobs/mail/mailer.js';
import { startWorker, type Worker } from '../../src/jobs/worker.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { makePublisher, publishDocument, type Publisher } from '../helpers/publish.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { assertAccessible, chromiumMissing, closePages, launchBrowser, type OpenedPages, openPages, shot, skipIfNoBrowser } from './browser.js';

/**
 * Issue 8 §3 in a real browser: from the agency page's "订阅" link to the subscribe form, the
 * confirmation mail (a real SMTP server), the confirmation page, the first notice, and the
 * management page reached from the mail (change frequency, remove, unsubscribe). axe-core checks
 * every new public page, in Chinese and English; with GONGKAI_SHOTS_DIR set, screenshots at phone
 * and desktop sizes go there for a human look.
 */
describe('browser: subscribe, confirm, manage', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let pub: Publisher;
  let sink: SmtpSink;
  let w: Worker;
  let browser: Browser;
  let opened: OpenedPages | undefined;
  let page: Page;
  let base = '';
  let managePath = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    sink = await startSmtpSink();
    p = await buildApp({ clock: new ManualClock(new Date()) });
    pub = await makePublisher(p.app.deps, 'bsub');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    // Mail links use the public URL of the test platform; the browser follows their paths on `base`.
    w = startWorker(p.app.deps, { mailer: smtpMailer(sink.url), from: 'noreply@gongkai.test', publicUrl: 'http://gongkai.test', intervalMs: 0 });
    browser = await launchBrowser();
    opened = await openPages(browser, 1, 'zh-CN', problems);
    [page] = opened.pages as [Page];
  });

  after(async () => {
    await w?.stop();
    await closePages(opened, browser);
    await p?.dispose();
    await sink?.close();
  });

  async function shoot(name: string): Promise<void> {
    for (const [wd, ht] of [[390, 844], [1280, 900]] as const) {
      await page.setViewportSize({ width: wd, height: ht });
      await shot(page, `subscriptions-${name}-${wd}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const pathOf = (text: string, prefix: string) => {
    const m = new RegExp(`http://gongkai\\.test(${prefix}[A-Za-z0-9._-]+)`).exec(text);
    assert.ok(m && m[1], `a ${prefix} link`);
    return m[1];
  };

  test('subscribe from the agency page, with errors shown first; confirm from the mail', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/agencies/${pub.agencyCode}`);
    await page.getByRole('link', { name: '订阅本机关信息' }).click();
    await page.waitForURL(/\/subscribe\?/);
    await assertAccessible(page, 'subscribe form');
    await shoot('subscribe');
    // Nothing typed: the error summary.
    await page.getByRole('button', { name: '订阅', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, 'subscribe form with errors');
    await page.getByLabel('电子邮箱').fill('browser.reader@example.test');
    await page.getByRole('button', { name: '订阅', exact: true }).click();
    await page.getByRole('heading', { name: '请查收确认邮件' }).waitFor();
    await assertAccessible(page, 'check your mail');
    await w.step();
    const mail = sink.messages.find((m) => m.to.includes('browser.reader@example.test'));
    assert.ok(mail, 'the confirmation mail arrived');
    await page.goto(base + pathOf(mail.text, '/subscriptions/confirm/'));
    await assertAccessible(page, 'confirm');
    await page.getByRole('button', { name: '确认订阅' }).click();
    await page.getByRole('heading', { name: '订阅已生效' }).waitFor();
    await assertAccessible(page, 'confirmed');
  });

  test('a publication is mailed; the mail leads to the management page, where frequency changes and unsubscribing work', async (t) => {
    if (skipIfNoBrowser(t)) return;
    sink.messages.length = 0;
    await publishDocument(p.app.deps, pub, { title: '浏览器订阅测试文件' });
    await drainEvents(p.app.deps, 'subscriptions');
    await w.step();
    const mail = sink.messages.find((m) => m.to.includes('browser.reader@example.test'));
    assert.ok(mail);
    assert.match(mail.subject, /浏览器订阅测试文件/);
    managePath = pathOf(mail.text, '/subscriptions/manage/');
    await page.goto(base + managePath);
    await assertAccessible(page, 'manage');
    await shoot('manage');
    await page.getByLabel('发送频率').selectOption('weekly');
    await page.getByRole('button', { name: '保存频率' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    assert.equal(await page.getByLabel('发送频率').inputValue(), 'weekly');
    await page.goto(`${base}/en${managePath}`);
    await assertAccessible(page, 'manage (en)');
    await page.goto(`${base}/en/subscribe`);
    await assertAccessible(page, 'subscribe (en)');
    await page.goto(base + managePath);
    await page.getByRole('button', { name: '退订全部' }).click();
    await page.getByRole('heading', { name: '已退订' }).waitFor();
    await assertAccessible(page, 'unsubscribed');
    await page.goto(base + managePath);
    await page.getByText('目前没有订阅。').waitFor();
    assert.deepEqual(problems, []);
  });
});
