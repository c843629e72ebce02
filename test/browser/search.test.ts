import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDraft } from '../../src/commands/documents/create-draft.js';
import { withdrawDocument } from '../../src/commands/documents/withdraw-document.js';
import { seedDemo } from '../../src/commands/seed-demo.js';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { draftInput, PASSWORD } from '../helpers/factories.js';
import { makePublisher, publishDocument } from '../helpers/publish.js';
import { axeCheck, chromiumMissing, formatViolations, launchBrowser, skipIfNoBrowser } from './browser.js';

/**
 * The search page and the search console in a real browser: axe-core's WCAG 2.1 A/AA rules with
 * results, with none, with an absurd query and a bad filter, in English and in the large-text
 * mode; the header search box on every page, used without JavaScript; no sideways scrolling on a
 * phone. With SEARCH_SHOTS=<dir>, full-page screenshots at 390×844 and 1280×900 go there.
 */
describe('browser: search', () => {
  const missing = chromiumMissing();
  const shots = process.env.SEARCH_SHOTS ?? '';
  let p: TestPlatform;
  let browser: Browser;
  let base = '';
  let docPath = '';
  const problems: string[] = [];
  const q = (s: string) => encodeURIComponent(s);

  before(async () => {
    if (missing) return;
    // Real time: the browser judges cookies (the large-text preference) by its own clock.
    const clock = new ManualClock(new Date());
    p = await buildApp({ clock });
    const d = p.app.deps;
    await seedDemo(d);
    clock.set(new Date());
    const pub = await makePublisher(d, 'bs');
    const doc = await publishDocument(d, pub, { title: '政务公开栏目整合方案（已撤回）', summary: '政务公开栏目整合，现已撤回。', keywords: '政务公开' });
    await withdrawDocument(d, pub.reviewer, doc.documentId, '内容有误，予以撤回');
    docPath = `/documents/${doc.indexNumber}`;
    await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '政务公开工作要点（草稿）' }));
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    if (shots) mkdirSync(shots, { recursive: true });
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

  async function check(page: Page, path: string, mode: string): Promise<void> {
    await page.goto(base + path);
    const violations = await axeCheck(page);
    assert.equal(violations.length, 0, formatViolations(`${path.slice(0, 120)} [${mode}]`, violations));
  }

  const searchPages = () => [
    '/search',
    `/search?q=${q('政务公开')}`,
    `/search?q=${q('政務公開')}&sort=date&page=2`,
    `/search?q=${q('不存在的词语甲乙丙')}`,
    `/search?q=${q('x'.repeat(10_000))}`,
    `/search?q=${q('"政务 ！？。')}`,
    `/search?q=${q('预算')}&genre=nope&year=20x`,
  ];

  test('axe: no WCAG 2.1 A/AA violation with results, none, absurd queries, in English and large text', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage();
    // Pages with the header's search box, too.
    const withHeaderBox = ['/agencies', docPath];
    for (const path of [...searchPages(), ...withHeaderBox]) await check(page, path, 'zh');
    for (const path of [...searchPages().slice(0, 4), ...withHeaderBox]) await check(page, `/en${path}`, 'en');
    await page.goto(`${base}/preferences/display?mode=large&back=%2F`);
    for (const path of [...searchPages().slice(0, 5), ...withHeaderBox]) await check(page, path, 'large');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('results: marked hits, the withdrawn mark, facets, stable page links; drafts absent', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/search?q=${q('政务公开')}`);
    assert.ok((await page.locator('.search-results mark').count()) > 0);
    const withdrawn = page.locator('.doc-entry.is-withdrawn');
    assert.equal(await withdrawn.count(), 1);
    assert.match(await withdrawn.innerText(), /已撤回/);
    assert.doesNotMatch(await page.locator('main').innerText(), /草稿/);
    assert.ok((await page.locator('.catalogue-facets .facet').count()) >= 2);
    await page.goto(`${base}/search?q=${q('预算')}`);
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
    await page.waitForURL(/page=2$/);
    await context.close();
  });

  test('filters, without JavaScript: an agency facet, then a year facet, then the category in the filter form', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    const found = async () => Number(/共找到 (\d+) 条结果/.exec(await page.locator('.section-head').first().innerText())?.[1] ?? NaN);
    const facetLink = (title: string) => page.getByRole('navigation', { name: title }).getByRole('link').first();
    const countOf = (label: string) => Number(/（(\d+)）$/.exec(label.trim())?.[1] ?? NaN);
    await page.goto(`${base}/search?q=${q('预算')}`);
    const all = await found();
    // The agency facet: its count is the number of results it leads to, all from that agency.
    const agencyLink = facetLink('按发布机构');
    const agencyLabel = await agencyLink.innerText();
    const agencyName = agencyLabel.replace(/（\d+）$/, '').trim();
    await agencyLink.click();
    await page.waitForURL(/agency=/);
    const byAgency = await found();
    assert.equal(byAgency, countOf(agencyLabel), agencyLabel);
    assert.ok(byAgency > 0 && byAgency < all, `${byAgency} of ${all}`);
    for (const entry of await page.locator('.search-results .doc-entry').all()) assert.match(await entry.innerText(), new RegExp(agencyName));
    // Then a year within it: both filters hold.
    const yearLink = facetLink('按年份');
    const yearLabel = await yearLink.innerText();
    await yearLink.click();
    await page.waitForURL(/agency=.*year=|year=.*agency=/);
    assert.equal(await found(), countOf(yearLabel), yearLabel);
    for (const entry of await page.locator('.search-results .doc-entry').all()) assert.match(await entry.innerText(), new RegExp(`发布日期：?\\s*${yearLabel.slice(0, 4)}-`));
    // The filter form: a category, submitted as a plain GET form.
    await page.goto(`${base}/search?q=${q('预算')}`);
    await page.locator('summary', { hasText: '筛选条件' }).click();
    await page.getByLabel('类别', { exact: true }).selectOption('budgets');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/genre=budgets/);
    const budgets = await found();
    assert.ok(budgets > 0 && budgets < all, `${budgets} of ${all}`);
    for (const entry of await page.locator('.search-results .doc-entry').all()) assert.match(await entry.innerText(), /预算决算/);
    await context.close();
  });

  test('the header search box is on every page and works without JavaScript', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ javaScriptEnabled: false });
    for (const path of ['/agencies', docPath, '/requests', '/statistics', '/admin/login', '/en/agencies']) {
      await page.goto(base + path);
      assert.equal(await page.getByRole('search', { name: /站内搜索|Search this site/ }).count(), 1, path);
    }
    // The home and search pages carry their own, larger search form instead.
    for (const path of ['/', '/search']) {
      await page.goto(base + path);
      assert.equal(await page.getByRole('search').count(), 1, path);
    }
    await page.goto(`${base}/agencies`);
    await page.getByRole('search', { name: '站内搜索' }).getByLabel('搜索关键词').fill('營商環境');
    await page.getByRole('search', { name: '站内搜索' }).getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    assert.match(await page.locator('h1').innerText(), /營商環境/);
    assert.ok((await page.locator('.search-results .doc-entry').count()) > 0);
    await context.close();
  });

  test('a phone: no sideways scrolling', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
    for (const path of ['/', '/agencies', docPath, `/search?q=${q('政务公开')}`, `/search?q=${q('x'.repeat(2000))}`, `/search?q=${q('预算')}&genre=budgets&year=2025`]) {
      await page.goto(base + path);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, `${path.slice(0, 60)} is wider than the phone`);
    }
    await context.close();
  });

  test('the search console: axe on drafts, demand and extraction pages', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const { context, page } = await newPage({ viewport: { width: 1280, height: 900 } });
    for (const s of ['政务公开', '政务公开', '预算', '不存在的词语甲乙丙']) await page.goto(`${base}/search?q=${q(s)}`);
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill('bs-editor');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    for (const path of [`/admin/search?q=${q('政务公开')}`, '/admin/search/demand', '/admin/search/extraction', `/en/admin/search?q=${q('政务公开')}`]) {
      await check(page, path, 'console');
      if (shots) await page.screenshot({ path: `${shots}/search-console-${path.split('?')[0]?.split('/').pop() ?? ''}-1280.png`, fullPage: true });
    }
    await page.goto(`${base}/admin/search?q=${q('政務公開')}`);
    assert.match(await page.locator('.search-results').innerText(), /政务公开工作要点（草稿）/);
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('screenshots for a human look (only with SEARCH_SHOTS)', async (t) => {
    if (skipIfNoBrowser(t)) return;
    if (!shots) {
      t.diagnostic('set SEARCH_SHOTS=<dir> to write screenshots');
      return;
    }
    const pages: [string, string][] = [
      ['search-empty', '/search'],
      ['search-results', `/search?q=${q('政务公开')}`],
      ['search-filters', `/search?q=${q('预算')}&genre=budgets&subtree=1`],
      ['search-zero', `/search?q=${q('不存在的词语甲乙丙')}`],
      ['search-absurd', `/search?q=${q('"政务 ！？。')}&genre=nope`],
      ['search-en', `/en/search?q=${q('预算')}`],
      ['search-home', '/'],
      ['search-header-box', '/agencies'],
    ];
    for (const [w, h] of [
      [390, 844],
      [1280, 900],
    ] as const) {
      const { context, page } = await newPage({ viewport: { width: w, height: h } });
      for (const [name, path] of pages) {
        await page.goto(base + path);
        await page.screenshot({ path: `${shots}/${name}-${w}.png`, fullPage: true });
        await page.screenshot({ path: `${shots}/${name}-${w}-top.png` });
      }
      await page.goto(`${base}/preferences/display?mode=large&back=%2F`);
      await page.goto(`${base}/search?q=${q('政务公开')}`);
      await page.screenshot({ path: `${shots}/search-large-${w}.png`, fullPage: true });
      await page.goto(`${base}/agencies`);
      await page.screenshot({ path: `${shots}/search-header-box-large-${w}-top.png` });
      await context.close();
    }
  });
});
