import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { addCalendarDays } from '../../src/domain/calendar/iso-date.js';
import { localDate } from '../../src/domain/local-date.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from '../helpers/factories.js';
import { makePdf } from '../helpers/files.js';
import { assertAccessible, chromiumMissing, closePages, launchBrowser, type OpenedPages, openPages, skipIfNoBrowser } from './browser.js';

/**
 * Issue 5's whole flow in a real browser: a citizen applies without an account and keeps the
 * private link; the officer confirms receipt and asks for a correction; the citizen uploads the
 * supplement on the private page; the officer records it, extends the period, uploads the
 * released file and replies with partial disclosure; the citizen reads the reply and the letter
 * and downloads the file through the private link. axe-core checks every page visited, in
 * Chinese and English.
 */
describe('browser: apply, confirm, correction, supplement, extension, partial disclosure, private link', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let opened: OpenedPages | undefined;
  let citizen: Page;
  let officer: Page;
  let base = '';
  let privateLink = '';
  let number = '';
  let token = '';
  let requestUrl = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    p = await buildApp({ clock: new ManualClock(new Date()) });
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'b-officer', tree.city, 'request_officer');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    opened = await openPages(browser, 2, 'zh-CN', problems);
    [citizen, officer] = opened.pages as [Page, Page];
  });

  after(async () => {
    await closePages(opened, browser);
    await p?.dispose();
  });

  async function officerStep(button: string): Promise<void> {
    await officer.getByRole('button', { name: button, exact: true }).click();
    await officer.waitForURL(/\?done=/);
  }

  test('the citizen applies without an account and gets the tracking number and private link', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await citizen.goto(`${base}/`);
    await citizen.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '依申请公开' }).click();
    await assertAccessible(citizen, 'requests landing');
    await citizen.getByRole('link', { name: '提交政府信息公开申请' }).click();
    await assertAccessible(citizen, 'application form');
    // An empty submission: the error summary, then nothing typed is lost.
    await citizen.getByLabel('姓名').fill('浏览器测试申请人');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await assert.doesNotReject(citizen.getByRole('alert').filter({ hasText: '请更正以下问题' }).waitFor());
    assert.equal(await citizen.getByLabel('姓名').inputValue(), '浏览器测试申请人');
    await assertAccessible(citizen, 'application form with errors');
    await citizen.getByLabel('向哪个机关申请').selectOption(tree.city.code);
    await citizen.getByLabel('自然人', { exact: true }).check();
    await citizen.getByLabel('身份证件类型').selectOption('resident_id');
    await citizen.getByLabel('证件号码').fill('110101199003070011');
    await citizen.getByLabel('电子邮箱').fill('browser@example.test');
    await citizen.getByLabel('政府信息的名称').fill('2025年城区公园维护合同');
    await citizen.getByLabel('电子文本').check();
    await citizen.getByLabel('在线查看（通过查询链接）').check();
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.getByRole('heading', { name: '申请已提交' }).waitFor();
    await assertAccessible(citizen, 'confirmation page');
    const shown = (await citizen.locator('.rq-secret a').first().getAttribute('href')) ?? '';
    assert.match(shown, /^http:\/\/gongkai\.test\/requests\/p\/YSQ-\d{4}-\d{6}\?t=/, 'an absolute link on the public address');
    // The test server listens on another address than the configured public one.
    privateLink = base + shown.slice('http://gongkai.test'.length);
    number = (await citizen.locator('.rq-secret code').first().textContent()) ?? '';
    token = (await citizen.locator('.rq-secret code').nth(1).textContent()) ?? '';
    assert.match(number, /^YSQ-/);
  });

  test('tracking shows status and dates only; the tracking and form pages pass axe in English too', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await citizen.goto(`${base}/requests/track`);
    await citizen.getByLabel('申请编号').fill(number);
    await citizen.getByLabel('查询码').fill(token);
    await citizen.getByRole('button', { name: '查询状态' }).click();
    await citizen.getByText('已提交，待确认').first().waitFor();
    assert.equal(await citizen.getByText('2025年城区公园维护合同').count(), 0, 'no description on the tracking page');
    await assertAccessible(citizen, 'tracking result');
    for (const path of ['/en/requests/new', '/en/requests/track', '/en/requests']) {
      await citizen.goto(base + path);
      await assertAccessible(citizen, path);
    }
  });

  test('the officer confirms receipt and asks for a correction', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await officer.goto(`${base}/admin/login`);
    await officer.getByLabel('用户名').fill('b-officer');
    await officer.getByLabel('密码').fill(PASSWORD);
    await officer.getByRole('button', { name: '登录' }).click();
    await officer.waitForURL(`${base}/admin`);
    await officer.getByRole('navigation', { name: '控制台导航' }).getByRole('link', { name: '依申请公开' }).click();
    await assertAccessible(officer, 'console list');
    await officer.getByRole('link', { name: number }).click();
    requestUrl = officer.url();
    await assertAccessible(officer, 'console request (submitted)');
    assert.equal(await officer.getByRole('button', { name: '延长答复期限' }).count(), 0, 'no extension before receipt');
    await officerStep('确认收到申请');
    await assertAccessible(officer, 'console request (received)');
    const today = localDate(new Date().toISOString(), 'Asia/Shanghai');
    await officer.getByLabel('需要补正的事项').fill('请说明所需合同的签订年份');
    await officer.getByLabel('补正期限').fill(addCalendarDays(today, 10));
    await officerStep('告知补正');
  });

  test('the citizen sees the correction notice on the private page and uploads the supplement', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await citizen.goto(privateLink);
    await citizen.getByRole('heading', { name: '补正通知' }).waitFor();
    await assertAccessible(citizen, 'private page with correction notice');
    await citizen.locator('#f-file-supplement').setInputFiles({ name: '补正说明.pdf', mimeType: 'application/pdf', buffer: await makePdf(['contract signed in 2025']) });
    await citizen.locator('#rq-corr').locator('..').getByRole('button', { name: '上传' }).click();
    await citizen.getByText('文件已上传。').waitFor();
    assert.ok((await citizen.getByText('补正说明.pdf').count()) > 0);
    await citizen.goto(base + '/en' + new URL(privateLink).pathname + new URL(privateLink).search);
    await assertAccessible(citizen, 'private page in English');
  });

  test('the officer records the supplement, extends the period, releases a file and replies with partial disclosure', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await officer.goto(requestUrl);
    assert.ok((await officer.getByRole('link', { name: '补正说明.pdf' }).count()) > 0, 'the supplement is on the request page');
    await officerStep('记录收到补正');
    await officer.getByLabel(/延长的工作日数/).fill('21');
    await officer.getByLabel('批准人').fill('李主任');
    await officer.getByLabel('延长理由').fill('合同数量较多');
    await officer.getByRole('button', { name: '延长答复期限', exact: true }).click();
    await officer.getByRole('alert').filter({ hasText: '延长的期限最长不得超过20个工作日' }).waitFor();
    await assertAccessible(officer, 'refused extension');
    await officer.getByLabel(/延长的工作日数/).fill('20');
    await officerStep('延长答复期限');
    await officer.locator('#f-file').setInputFiles({ name: '公园维护合同（部分公开）.pdf', mimeType: 'application/pdf', buffer: await makePdf(['contract, redacted']) });
    await officer.locator('#rq-files').locator('..').getByRole('button', { name: '上传' }).click();
    await officer.waitForURL(/\?done=file/);
    await officer.getByLabel('部分公开', { exact: true }).check();
    await officer.getByLabel('答复正文').fill('合同中涉及商业秘密的内容不予公开，其余部分予以提供。');
    await officerStep('作出答复');
    await assertAccessible(officer, 'console request (replied)');
    await officer.getByRole('link', { name: '查看并打印答复告知书' }).click();
    await officer.getByText('浏览器测试申请人：').waitFor();
    await assertAccessible(officer, 'console letter');
  });

  test('the citizen reads the reply and the letter and downloads the released file through the private link', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await citizen.goto(privateLink);
    await citizen.getByRole('heading', { name: '答复', exact: true }).waitFor();
    assert.ok((await citizen.getByText('部分公开').count()) > 0);
    assert.ok((await citizen.getByText('第三十七条', { exact: false }).count()) > 0);
    await assertAccessible(citizen, 'private page with the reply');
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /公园维护合同（部分公开）\.pdf/ }).click()]);
    assert.equal(download.suggestedFilename(), '公园维护合同（部分公开）.pdf');
    await citizen.getByRole('link', { name: '查看并打印答复告知书' }).click();
    await citizen.getByText('政府信息公开申请答复告知书').waitFor();
    assert.equal(await citizen.getByText('浏览器测试申请人').count(), 0, "the applicant's copy names no one");
    await assertAccessible(citizen, 'applicant letter');
    assert.deepEqual(problems, []);
  });
});
