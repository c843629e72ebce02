import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { actorFor, makeStaff, seedTree } from '../helpers/factories.js';
import { buildPortalFixture } from '../helpers/portal-fixtures.js';
import { axeCheck, chromiumMissing, formatViolations, launchBrowser, skipIfNoBrowser } from './browser.js';

/**
 * The public portal in a real browser: axe-core's WCAG 2.1 A/AA rules on the home, agency,
 * catalogue and document pages in both languages and in the large-text mode; and the catalogue
 * and document pages used with JavaScript switched off.
 */
describe('browser: the public portal', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let fx: Awaited<ReturnType<typeof buildPortalFixture>>;
  let browser: Browser;
  let base = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    // Real time: the browser judges cookies (the large-text preference) by its own clock.
    const clock = new ManualClock(new Date());
    p = await buildApp({ clock });
    const d = p.app.deps;
    tree = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'b-editor', tree.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'b-reviewer', tree.city, 'reviewer'));
    fx = await buildPortalFixture({ deps: d, editor, reviewer }, tree, clock);
    clock.set(new Date());
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await p?.dispose();
  });

  async function newPage(opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN', ...opts });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && !r.url().endsWith('/favicon.ico') && r.status() >= 400) problems.push(`${r.url()}: HTTP ${r.status()}`);
    });
    return { context, page };
  }

  const portalPages = () => [
    '/',
    `/agencies/${tree.city.code}`,
    `/agencies/${tree.city.code}/catalogue`,
    `/agencies/${tree.city.code}/catalogue?genre=poetry`,
    `/documents/${fx.policy.indexNumber}`,
    `/documents/${fx.policy.indexNumber}/v/1`,
    `/documents/${fx.oldRule.indexNumber}`,
    `/documents/${fx.withdrawn.indexNumber}`,
    `/documents/${fx.policy.indexNumber}/preview/${fx.policy.files[0]?.sha256 ?? ''}`,
    `/documents/${fx.policy.indexNumber}?print=1`,
    '/api/docs',
  ];

  test('axe: no WCAG 2.1 A/AA violation in Chinese, English and large text', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage();
    const check = async (path: string, mode: string) => {
      await page.goto(base + path);
      const violations = await axeCheck(page);
      assert.equal(violations.length, 0, formatViolations(`${path} [${mode}]`, violations));
    };
    for (const path of portalPages()) await check(path, 'zh');
    for (const path of portalPages()) await check(`/en${path === '/' ? '/' : path}`, 'en');
    await page.goto(`${base}/preferences/display?mode=large&back=%2F`);
    for (const path of portalPages().slice(0, 6)) await check(path, 'large');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('a phone: the document page does not overflow sideways', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ viewport: { width: 375, height: 800 } });
    for (const path of [`/documents/${fx.policy.indexNumber}`, `/agencies/${tree.city.code}/catalogue`, '/']) {
      await page.goto(base + path);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, `${path} is wider than the phone`);
    }
    await context.close();
  });

  test('without JavaScript: filter the catalogue, page through it, open a document and its old version', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/agencies/${tree.city.code}/catalogue`);
    await page.getByLabel('类别', { exact: true }).selectOption('normative');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/genre=normative/);
    assert.match(await page.locator('.catalogue-results .section-head').innerText(), /共 2 条/);
    await page.getByRole('link', { name: '清除筛选条件' }).first().click();
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
    await page.waitForURL(/page=2$/);
    assert.equal(await page.locator('.doc-entry').count(), 5);
    await page.goto(`${base}/documents/${fx.policy.indexNumber}`);
    await page.getByRole('link', { name: '第 1 版' }).click();
    await page.waitForURL(/\/v\/1$/);
    assert.match(await page.locator('#notice-version').innerText(), /这不是现行版本/);
    await page.getByRole('link', { name: '查看现行版本（第 2 版）' }).click();
    assert.match(await page.locator('h1').innerText(), /丙市财政预算管理办法/);
    await context.close();
  });
});
