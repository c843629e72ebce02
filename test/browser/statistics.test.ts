import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Actor } from '../../src/commands/actor.js';
import { registerOffline } from '../../src/commands/requests/register-offline.js';
import { replyToRequest } from '../../src/commands/requests/reply-request.js';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { actorFor, draftInput, makeStaff, PASSWORD, seedTree } from '../helpers/factories.js';
import { publishDocument } from '../helpers/publish.js';
import { application } from '../helpers/requests.js';
import { axeCheck, chromiumMissing, formatViolations, launchBrowser, shot, skipIfNoBrowser } from './browser.js';

/**
 * The statistics pages and the annual-report console in a real browser: the server-side SVG charts
 * are visible (screenshots kept for a human look), axe-core's WCAG 2.1 A/AA rules find nothing in
 * Chinese and English on a phone and a desktop, and nothing scrolls sideways but the tables.
 */
describe('browser: statistics and the annual report console', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let base = '';
  const year = new Date().getUTCFullYear();

  before(async () => {
    if (missing) return;
    const now = new Date();
    p = await buildApp({ clock: new ManualClock(new Date(Date.UTC(year, 0, 6, 2))) });
    const d = p.app.deps;
    tree = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'b-st-editor', tree.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'b-st-reviewer', tree.city, 'reviewer'));
    const officer: Actor = await actorFor(d, await makeStaff(d, 'b-st-officer', tree.city, 'request_officer'));
    const types = ['natural_person', 'commercial_enterprise', 'research_institution', 'natural_person'] as const;
    for (const [i, agency] of [tree.city, tree.county1, tree.county1, tree.county2].entries()) {
      p.clock.set(new Date(Date.UTC(year, i, 12, 2)).toISOString());
      await publishDocument(d, { agencyId: agency.id, agencyCode: agency.code, editor, reviewer }, { ...draftInput(), title: `统计用文件${i}`, date_formed: `${year}-0${i + 1}-05`, genre: i % 2 ? 'normative' : 'notices' });
      const r = await registerOffline(d, officer, agency.id, { ...application({ title: `统计用申请${i}`, applicant_type: types[i] ?? 'natural_person', org_name: '某单位' }), channel: 'in_person' });
      p.clock.set(new Date(Date.UTC(year, i, 16, 2)).toISOString());
      await replyToRequest(d, officer, r.requestId, { outcome: i % 2 ? 'disclosed' : 'unable.not_held', text: '答复。' });
    }
    // Real time from here: the browser judges cookies by its own clock.
    p.clock.set(now.toISOString());
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.dispose();
  });

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    return { context, page: await context.newPage() };
  }

  test('the charts are drawn and axe finds no violation on the statistics pages', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const paths = [`/statistics?year=${year}`, `/statistics/${tree.county1.code}?year=${year}`, `/statistics/${tree.city.code}?year=${year}&scope=subtree`, `/statistics/${tree.city.code}/compare?year=${year}`];
    const problems: string[] = [];
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      const { context, page } = await newPage(viewport);
      for (const path of [...paths, ...paths.map((x) => `/en${x}`)]) {
        await page.goto(base + path);
        if (path.includes('/statistics?')) {
          const v0 = await axeCheck(page);
          if (v0.length) problems.push(formatViolations(`${path} at ${viewport.width}px`, v0));
          continue;
        }
        const charts = page.locator('figure svg[role="img"]');
        assert.ok((await charts.count()) >= 1, `${path}: a chart`);
        const box = await charts.first().boundingBox();
        assert.ok(box && box.width > 200 && box.height > 90, `${path}: the chart is visible`);
        // Bars are drawn: ECharts paths with the first palette colour.
        assert.ok((await page.locator('figure svg path[fill="#0072B2"]').count()) > 0, `${path}: bars drawn`);
        const v = await axeCheck(page);
        if (v.length) problems.push(formatViolations(`${path} at ${viewport.width}px`, v));
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        if (typeof overflow === 'number' && overflow > 0) problems.push(`${path} at ${viewport.width}px scrolls sideways by ${overflow}px`);
      }
      if (process.env.GONGKAI_SHOTS_DIR) {
        await page.goto(base + (paths[1] ?? ''));
        await shot(page, `statistics-${viewport.width}`);
      }
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
  });

  test('the annual report console page is axe-clean', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage();
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill('b-st-editor');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin$/);
    const problems: string[] = [];
    for (const path of [`/admin/reports?year=${year}`, `/admin/reports/${tree.county1.id}/${year}`, `/en/admin/reports/${tree.county1.id}/${year}`]) {
      await page.goto(base + path);
      const v = await axeCheck(page);
      if (v.length) problems.push(formatViolations(path, v));
    }
    assert.deepEqual(problems, [], problems.join('\n\n'));
    await context.close();
  });
});
