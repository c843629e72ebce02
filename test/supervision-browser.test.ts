import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { ManualClock } from '../src/domain/clock.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { publishDocument } from './helpers/publish.js';
import { application } from './helpers/requests.js';
import { axeCheck, chromiumMissing, formatViolations, launchBrowser, skipIfNoBrowser } from './browser/browser.js';

/**
 * The supervision console in a real browser: axe-core's WCAG 2.1 A/AA rules find nothing on the
 * overview and the agency view, in Chinese and English, on a desktop and a phone; the counts are
 * links a keyboard user reaches and follows to the filtered list.
 */
describe('browser: /admin/supervision', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let base = '';

  before(async () => {
    if (missing) return;
    const now = new Date();
    const year = now.getUTCFullYear();
    p = await buildApp({ clock: new ManualClock(new Date(Date.UTC(year - 1, 2, 2, 2))) });
    const d = p.app.deps;
    tree = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'b-sv-editor', tree.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'b-sv-reviewer', tree.city, 'reviewer'));
    const officer = await actorFor(d, await makeStaff(d, 'b-sv-officer', tree.city, 'request_officer'));
    await makeStaff(d, 'b-sv-super', tree.city, 'supervisor');
    await registerOffline(d, officer, tree.county1.id, { ...application({ title: '浏览器逾期申请' }), channel: 'in_person' });
    await publishDocument(d, { agencyId: tree.county1.id, agencyCode: tree.county1.code, editor, reviewer }, { title: '浏览器迟发文件', date_formed: `${year - 2}-06-01` });
    // Real time from here: the request is long overdue, and the browser judges cookies by its own clock.
    p.clock.set(now.toISOString());
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.dispose();
  });

  test('overview and agency view are axe-clean (zh and en, desktop and phone); a count leads to its records', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const problems: string[] = [];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport });
      const page = await context.newPage();
      await page.goto(`${base}/admin/login`);
      await page.getByLabel('用户名').fill('b-sv-super');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/admin$/);
      for (const path of ['/admin/supervision', `/admin/supervision/${tree.county1.id}`, '/en/admin/supervision', `/en/admin/supervision/${tree.county1.id}`]) {
        await page.goto(base + path);
        const v = await axeCheck(page);
        if (v.length) problems.push(formatViolations(`${path} at ${viewport.width}px`, v));
      }
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill('b-sv-super');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin$/);
    await page.getByRole('link', { name: '监督' }).click();
    await page.waitForURL(/\/admin\/supervision$/);
    const overdue = page.getByRole('link', { name: '丁县 逾期申请: 1' });
    await overdue.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=overdue&agency=/);
    assert.ok(await page.getByText('浏览器逾期申请').isVisible());
    await context.close();
  });
});
