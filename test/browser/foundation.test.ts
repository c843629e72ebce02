import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { makeStaff, nextCode, PASSWORD, seedTree } from '../helpers/factories.js';
import { assertAccessible, axeCheck, chromiumMissing, launchBrowser, skipIfNoBrowser } from './browser.js';

/**
 * The foundation in a real browser: a staff member signs in, creates a department with its
 * disclosure-office details, and the public finds its guide in both languages. Every page visited
 * must pass axe-core's WCAG 2.1 A/AA rules.
 */
describe('browser: sign in, create an agency, read its public guide', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base = '';
  const problems: string[] = [];

  // What the new department is called and where its disclosure office is.
  const code = nextCode();
  const agency = {
    name_zh: '丙市审计局',
    name_en: 'City C Audit Bureau',
    office_name_zh: '丙市审计局政务公开办公室',
    office_name_en: 'Open Government Office, City C Audit Bureau',
    address_zh: '丙市人民路 12 号',
    address_en: '12 Renmin Road, City C',
    postcode: '990100',
    office_hours_zh: '工作日 9:00–17:00',
    office_hours_en: 'Working days 9:00–17:00',
    phone: '0990-2345678',
    email: 'gk-audit@city-c.example.cn',
  };

  before(async () => {
    if (missing) return;
    // The browser keeps the session cookie by its own clock, so the app's clock starts at real time.
    p = await buildApp({ clock: new ManualClock(new Date()) });
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'a-admin', tree.provA, 'admin');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    // No bypassCSP: pages are checked under the CSP visitors get (axeCheck does not need it).
    context = await browser.newContext({ locale: 'zh-CN' });
    page = await context.newPage();
    // Script errors, CSP refusals and failed sub-resources (a blocked stylesheet would leave the
    // page unstyled). Documents may answer 4xx on purpose (the form with errors is a 400), and the
    // app serves no favicon, so those are not counted.
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('response', (r) => {
      const sub = r.request().resourceType() !== 'document' && !r.url().endsWith('/favicon.ico');
      if (sub && r.status() >= 400) problems.push(`${r.url()}: HTTP ${r.status()}`);
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await p?.dispose();
  });

  const path = () => new URL(page.url()).pathname;

  test('the console sends a visitor to the sign-in page, and signing in lands on the dashboard', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/admin`);
    assert.equal(path(), '/admin/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/admin');
    await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor();
    await assertAccessible(page, 'sign-in page');

    await page.getByLabel('用户名').fill('a-admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    assert.ok(await page.getByText('当前用户：a-admin').isVisible());
    await assertAccessible(page, 'dashboard');
  });

  test('the new-agency form shows what is missing when submitted empty', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.getByRole('navigation', { name: '控制台导航' }).getByRole('link', { name: '机构管理' }).click();
    await page.waitForURL(`${base}/admin/agencies`);
    await page.getByRole('link', { name: '新建机构' }).click();
    await page.waitForURL(`${base}/admin/agencies/new`);
    await page.getByRole('heading', { level: 1, name: '新建机构' }).waitFor();
    await assertAccessible(page, 'new-agency form');

    // Browsers stop an empty required field before sending; turn that off to reach the server's
    // own messages, which are what a browser without constraint validation shows.
    await page.locator('form.form').evaluate((f: { setAttribute(name: string, value: string): void }) => f.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: '创建' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /请更正以下问题/);
    for (const field of ['机构代码', '中文名称', '英文名称']) {
      assert.ok(await summary.getByRole('link', { name: new RegExp(`^${field}`) }).isVisible(), `the summary links to ${field}`);
    }
    assert.equal(await page.getByLabel('中文名称').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'new-agency form with errors');
  });

  test('a filled-in form creates the agency and shows the "created" notice', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.getByLabel('上级机构').selectOption(tree.city.id);
    await page.getByLabel('层级').selectOption('department');
    await page.getByLabel('机构代码').fill(code);
    await page.getByLabel('中文名称').fill(agency.name_zh);
    await page.getByLabel('英文名称').fill(agency.name_en);
    await page.getByLabel('公开工作机构名称（中文）').fill(agency.office_name_zh);
    await page.getByLabel('公开工作机构名称（英文）').fill(agency.office_name_en);
    await page.getByLabel('办公地址（中文）').fill(agency.address_zh);
    await page.getByLabel('办公地址（英文）').fill(agency.address_en);
    await page.getByLabel('邮政编码').fill(agency.postcode);
    await page.getByLabel('办公时间（中文）').fill(agency.office_hours_zh);
    await page.getByLabel('办公时间（英文）').fill(agency.office_hours_en);
    await page.getByLabel('联系电话').fill(agency.phone);
    await page.getByLabel('电子邮箱').fill(agency.email);
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/admin\/agencies\/[^/?]+\?created=1$/);
    await page.getByRole('heading', { level: 1, name: agency.name_zh }).waitFor();
    assert.equal((await page.getByRole('status').innerText()).trim(), '已创建。');
    await assertAccessible(page, 'agency detail in the console');
  });

  test('the public guide shows the agency and its disclosure office in Chinese, then in English', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.getByRole('link', { name: '查看公开页面' }).click();
    await page.waitForURL(`${base}/agencies/${code}`);
    await page.getByRole('heading', { level: 1, name: agency.name_zh }).waitFor();
    const zh = await page.locator('main').innerText();
    for (const s of [agency.office_name_zh, agency.address_zh, agency.office_hours_zh, agency.phone, agency.email, tree.city.name_zh]) {
      assert.ok(zh.includes(s), `the Chinese guide shows ${s}`);
    }
    await assertAccessible(page, 'public agency page (zh)');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${base}/en/agencies/${code}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('heading', { level: 1, name: agency.name_en }).waitFor();
    const en = await page.locator('main').innerText();
    for (const s of [agency.office_name_en, agency.address_en, agency.office_hours_en, agency.phone, tree.city.name_en]) {
      assert.ok(en.includes(s), `the English guide shows ${s}`);
    }
    await assertAccessible(page, 'public agency page (en)');
  });

  test('the public agencies tree lists the new agency under its city, in both languages', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/agencies`);
    const zhLink = page.locator('.tree').getByRole('link', { name: agency.name_zh });
    assert.equal(await zhLink.getAttribute('href'), `/agencies/${code}`);
    // It sits in the city's own branch of the tree (the <li> whose link is the city).
    const cityItem = page.locator(`xpath=//ul[contains(@class, "tree")]//li[a[normalize-space() = "${tree.city.name_zh}"]]`);
    assert.equal(await cityItem.count(), 1);
    assert.ok(await cityItem.locator(':scope > ul').getByRole('link', { name: agency.name_zh }).isVisible());
    await assertAccessible(page, 'public agencies list (zh)');

    await page.goto(`${base}/en/agencies`);
    const enLink = page.locator('.tree').getByRole('link', { name: agency.name_en });
    assert.equal(await enLink.getAttribute('href'), `/en/agencies/${code}`);
  });

  test('the home page passes, in the standard and the large-text high-contrast display', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: '政府信息公开' }).waitFor();
    await assertAccessible(page, 'public home page');

    await page.getByRole('link', { name: '大字号高对比度' }).click();
    await page.waitForURL(`${base}/`);
    assert.match((await page.locator('body').getAttribute('class')) ?? '', /display-large/);
    assert.ok(await page.getByRole('link', { name: '标准显示' }).isVisible(), 'the switch now offers the way back');
    await assertAccessible(page, 'public home page, large text');
  });

  test('the accessibility check is not vacuous: it reports an unlabelled field', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await page.goto(`${base}/agencies`);
    await page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<input type="text">')`);
    const ids = (await axeCheck(page)).map((v) => v.id);
    assert.ok(ids.includes('label'), `expected a "label" violation, got [${ids.join(', ')}]`);
  });

  test('no page had a script error, a CSP refusal or a missing stylesheet', (t) => {
    if (skipIfNoBrowser(t)) return;
    assert.deepEqual(problems, []);
  });
});
