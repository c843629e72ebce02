import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { answerMessage } from '../../src/commands/messages/answer-message.js';
import { submitMessage } from '../../src/commands/messages/submit-message.js';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from '../helpers/factories.js';
import { assertAccessible, axeCheck, chromiumMissing, closePages, formatViolations, launchBrowser, type OpenedPages, openPages, shot, skipIfNoBrowser } from './browser.js';


/**
 * Messages to agencies in a real browser: a citizen writes to an agency from its page (no
 * account), sees the error summary, sends, keeps the private link; after the answer the public
 * list and the message page show it without the sender's personal data; the citizen rates it on
 * the private page. axe-core checks every new public page, in Chinese and English; screenshots
 * of the form and a message page at phone and desktop sizes go to /tmp/shots for a human look.
 * The console pages (list, message with its step forms, settings) are checked too.
 */
describe('browser: messages to agencies (form, list, message page, private page)', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let opened: OpenedPages | undefined;
  let page: Page;
  let base = '';
  let privateLink = '';
  let number = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    p = await buildApp({ clock: new ManualClock(new Date()) });
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'bm-officer', tree.city, 'request_officer');
    await makeStaff(p.app.deps, 'bm-admin', tree.city, 'admin');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    opened = await openPages(browser, 1, 'zh-CN', problems);
    [page] = opened.pages as [Page];
  });

  after(async () => {
    await closePages(opened, browser);
    await p?.dispose();
  });

  async function shots(name: string): Promise<void> {
    for (const [w, h] of [[390, 844], [1280, 900]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shot(page, `messages-${name}-${w}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('the citizen writes to an agency from its page, fixes the form and keeps the private link', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/agencies/${tree.county1.code}`);
    await page.getByRole('link', { name: '向本机关留言' }).click();
    await assertAccessible(page, 'message form');
    await shots('form');
    assert.equal(await page.getByLabel('向哪个机关留言').inputValue(), tree.county1.code, 'the agency is chosen');
    await page.getByRole('link', { name: '填写政府信息公开申请表' }).waitFor();
    await page.getByLabel('姓名').fill('浏览器留言人');
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.locator('.error-summary').waitFor();
    await assertAccessible(page, 'message form with errors');
    assert.equal(await page.getByLabel('姓名').inputValue(), '浏览器留言人');
    await page.getByLabel('建议').check();
    await page.getByLabel('留言分类').selectOption('transport');
    await page.getByLabel('标题').fill('建议增加夜间公交班次');
    await page.getByLabel('留言内容').fill('下班较晚，建议21路公交延长运营时间。我的电话是13812345678。');
    await page.getByLabel('电子邮箱').fill('browser.sender@example.test');
    await page.getByLabel('同意公开留言及答复（隐去个人信息）').check();
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.getByRole('heading', { name: '留言已提交' }).waitFor();
    await assertAccessible(page, 'message sent');
    number = (await page.locator('dd code').first().textContent())?.trim() ?? '';
    // The link is absolute on the configured public URL; the test server listens elsewhere.
    const href = new URL((await page.locator('.rq-secret a').getAttribute('href')) ?? '', base);
    privateLink = `${base}${href.pathname}${href.search}`;
    assert.match(number, /^LY-\d{4}-\d{6}$/);
    assert.ok(privateLink.includes(`/messages/p/${number}?t=`));
    await page.goto(privateLink);
    await assertAccessible(page, 'private page before the answer');
    await page.getByText('待办理').first().waitFor();
  });

  test('after the answer: the public list and page without personal data, then the rating', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const d = p.app.deps;
    const row = await d.db.selectFrom('messages').select('id').where('tracking_number', '=', number).executeTakeFirstOrThrow();
    const officer = await d.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'bm-officer').executeTakeFirstOrThrow();
    await answerMessage(d, await actorFor(d, officer), row.id, '感谢建议。经研究，21路公交自下月起末班车延至22:30。');

    await page.goto(`${base}/messages`);
    await assertAccessible(page, 'message list');
    await page.getByRole('link', { name: '建议增加夜间公交班次' }).click();
    await page.getByRole('heading', { name: '建议增加夜间公交班次' }).waitFor();
    await assertAccessible(page, 'message page');
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes('13812345678') && !text.includes('浏览器留言人') && !text.includes('browser.sender'), 'no personal data');
    assert.match(text, /末班车延至22:30/);
    await shots('page');
    await page.goto(`${base}/en/messages`);
    await assertAccessible(page, 'message list (en)');
    await page.goto(`${base}/en/messages/new`);
    await assertAccessible(page, 'message form (en)');
    await page.goto(`${base}/messages/track`);
    await assertAccessible(page, 'look-up form');

    await page.goto(privateLink);
    await assertAccessible(page, 'private page with the rating form');
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价。').waitFor();
    await assertAccessible(page, 'private page after rating');
    await shots('private');
    await page.goto(`${base}/messages`);
    await shots('list');
    const ratings = await page.getByRole('table').innerText();
    assert.match(ratings, /丁县/);
    assert.deepEqual(problems, []);
  });

  test('the console pages are accessible too: list, message with its step forms, deadline settings', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const d = p.app.deps;
    const r = await d.db.selectFrom('messages').select('id').where('tracking_number', '=', number).executeTakeFirstOrThrow();
    const staff = await browser.newContext({ locale: 'zh-CN' });
    const admin = await staff.newPage();
    try {
      await admin.goto(`${base}/admin/login`);
      await admin.getByLabel('用户名').fill('bm-officer');
      await admin.getByLabel('密码').fill(PASSWORD);
      await admin.getByRole('button', { name: '登录' }).click();
      await admin.waitForURL(/\/admin$/);
      const check = async (where: string) => {
        const v = await axeCheck(admin);
        assert.equal(v.length, 0, formatViolations(`${where} (${admin.url()})`, v));
      };
      await admin.goto(`${base}/admin/messages?view=all`);
      await check('console list');
      await admin.goto(`${base}/admin/messages/${r.id}`);
      await check('console message (answered)');
      // An open message shows every step form.
      const fresh = await submitMessage(d, tree.county1.id, { kind: 'question', category: 'other', title: '控制台可访问性', body: '内容', name: '测', phone: '0990-1234567', is_public: true });
      await admin.goto(`${base}/admin/messages/${fresh.messageId}`);
      await admin.getByRole('heading', { name: '转办' }).waitFor();
      await check('console message with step forms');
      await admin.setViewportSize({ width: 1280, height: 900 });
      await shot(admin, `messages-console-1280`);
      await staff.clearCookies();
      await admin.goto(`${base}/admin/login`);
      await admin.getByLabel('用户名').fill('bm-admin');
      await admin.getByLabel('密码').fill(PASSWORD);
      await admin.getByRole('button', { name: '登录' }).click();
      await admin.waitForURL(/\/admin$/);
      await admin.goto(`${base}/admin/messages/settings`);
      await admin.getByLabel('答复期限（工作日）').fill('7');
      await admin.getByRole('button', { name: '保存' }).click();
      await admin.getByText('已保存。').waitFor();
      await check('console settings');
    } finally {
      await staff.close();
    }
  });
});
