import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from '../helpers/factories.js';
import { axeCheck, chromiumMissing, formatViolations, launchBrowser, skipIfNoBrowser } from './browser.js';

/**
 * The deadline calculator in a real browser with JavaScript switched off: fill the form, read the
 * due date and the explanation, correct a bad date; axe-core's WCAG 2.1 A/AA rules on the empty
 * form, a result, an error and a warning in Chinese and English, on a phone and a desktop; and the
 * admin calendar page.
 */
describe('browser: the deadline calculator and the calendar console', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let base = '';

  before(async () => {
    if (missing) return;
    // Real time: the browser judges cookies by its own clock.
    p = await buildApp({ clock: new ManualClock(new Date()) });
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'b-cal-admin', tree.city, 'admin');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.dispose();
  });

  async function newPage(opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number }; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN', ...opts });
    return { context, page: await context.newPage() };
  }

  test('without JavaScript: calculate, read the explanation, correct a mistake', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '答复期限计算器' }).click();
    // The date picker refuses an impossible date, so the mistake here is in the period.
    await page.getByLabel('收到申请日期').fill('2025-09-26');
    await page.getByLabel('期限天数（可选）').fill('二十');
    await page.getByRole('button', { name: '计算' }).click();
    assert.match(page.url(), /from=2025-09-26/);
    assert.match((await page.getByRole('alert').textContent()) ?? '', /期限天数/);
    assert.equal(await page.getByLabel('收到申请日期').inputValue(), '2025-09-26', 'what was typed is kept');
    await page.getByLabel('期限天数（可选）').fill('');
    await page.getByRole('button', { name: '计算' }).click();
    assert.equal(await page.locator('.deadline-due').textContent(), '2025-10-30');
    assert.equal(await page.locator('.deadline-extended').textContent(), '2025-11-27');
    const row = page.getByRole('row', { name: /2025-09-28/ });
    assert.match((await row.textContent()) ?? '', /调休上班日.*第 1 日/);
    assert.match((await page.getByRole('row', { name: /2025-10-01/ }).textContent()) ?? '', /法定节假日.*不计/);
    await context.close();
  });

  test('axe: no WCAG 2.1 A/AA violation, no sideways scrolling on a phone', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const problems: string[] = [];
    const paths = ['/deadline', '/deadline?regime=cn-ogi&from=2025-09-26', '/deadline?regime=cn-ogi&from=2026-12-15', '/deadline?regime=cn-ogi&from=2025-09-15&pause_from=2025-09-19&pause_to=2025-09-26', '/deadline?regime=xx&from=2025-02-30&days=0'];
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      const { context, page } = await newPage({ viewport });
      for (const path of [...paths, ...paths.map((x) => `/en${x}`)]) {
        await page.goto(base + path);
        const v = await axeCheck(page);
        if (v.length) problems.push(formatViolations(`${path} at ${viewport.width}px`, v));
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        if (typeof overflow === 'number' && overflow > 0) problems.push(`${path} at ${viewport.width}px scrolls sideways by ${overflow}px`);
      }
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
  });

  test('the calendar console page is axe-clean and its add form works without JavaScript', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill('b-cal-admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.goto(`${base}/admin/calendars`);
    await page.getByRole('link', { name: '丁县', exact: true }).click();
    await page.locator('#f-date').fill('2025-05-06');
    await page.locator('#f-note').fill('丙市补充假日');
    await page.getByRole('button', { name: '保存' }).click();
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /已保存/);
    assert.match((await page.locator('main').textContent()) ?? '', /丙市补充假日/);
    await context.close();
    // axe runs in the page, so it needs JavaScript: a second, signed-in context.
    const js = await newPage();
    const page2 = js.page;
    await page2.goto(`${base}/admin/login`);
    await page2.getByLabel('用户名').fill('b-cal-admin');
    await page2.getByLabel('密码').fill(PASSWORD);
    await page2.getByRole('button', { name: '登录' }).click();
    await page2.waitForURL(/\/admin$/);
    const problems: string[] = [];
    for (const path of [`/admin/calendars`, `/admin/calendars/${tree.county1.id}`, `/en/admin/calendars/${tree.county1.id}`]) {
      await page2.goto(base + path);
      const v = await axeCheck(page2);
      if (v.length) problems.push(formatViolations(path, v));
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
    await js.context.close();
  });
});
