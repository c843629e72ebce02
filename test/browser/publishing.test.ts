import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from '../helpers/factories.js';
import { makePdf } from '../helpers/files.js';
import { assertAccessible, chromiumMissing, closePages, launchBrowser, type OpenedPages, openPages, skipIfNoBrowser } from './browser.js';

/**
 * Issue 3's whole flow in a real browser: an editor drafts a document with a PDF attachment that
 * contains an identity number and is blocked; redacts it and submits; a reviewer (another person)
 * clears and approves it; the public page shows it; a correction publishes version 2 while
 * version 1 stays readable; a withdrawal shows its notice. Every page visited passes axe-core.
 */
describe('browser: draft, personal-data block, review, publish, correct, withdraw', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let browser: Browser;
  let opened: OpenedPages | undefined;
  let editor: Page;
  let reviewer: Page;
  let base = '';
  let revisionUrl = '';
  let indexNumber = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    p = await buildApp({ clock: new ManualClock(new Date()) });
    tree = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'b-editor', tree.city, 'editor');
    await makeStaff(p.app.deps, 'b-reviewer', tree.city, 'reviewer');
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    opened = await openPages(browser, 2, 'zh-CN', problems);
    [editor, reviewer] = opened.pages as [Page, Page];
  });

  after(async () => {
    await closePages(opened, browser);
    await p?.dispose();
  });

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
  }
  async function upload(page: Page, name: string, lines: string[]): Promise<void> {
    await page.getByLabel('选择文件').setInputFiles({ name, mimeType: 'application/pdf', buffer: await makePdf(lines) });
    await page.getByRole('button', { name: '上传附件' }).click();
    await page.waitForURL(revisionUrl);
  }

  test('the editor drafts a document and attaches a PDF holding an identity number: submission is blocked', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await signIn(editor, 'b-editor');
    await editor.getByRole('navigation', { name: '控制台导航' }).getByRole('link', { name: '文件发布' }).click();
    await editor.getByRole('link', { name: '起草新文件' }).click();
    await assertAccessible(editor, 'new document form');
    await editor.getByLabel('标题').fill('关于公布2026年城区道路维修计划的通知');
    await editor.getByLabel('文号', { exact: true }).fill('丙政办发〔2026〕21号');
    await editor.getByLabel('体裁（信息类别）').selectOption('notices');
    await editor.getByLabel('主题分类').selectOption('industry');
    await editor.getByLabel('成文日期').fill('2026-02-26');
    await editor.getByLabel('内容概述').fill('公布城区道路维修路段和时间安排。');
    await editor.getByLabel('正文', { exact: true }).fill('<p>各有关单位：</p><p>现将2026年城区道路维修计划公布如下。</p>');
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.getByText('草稿已创建。').waitFor();
    revisionUrl = editor.url().replace(/\?.*$/, '');

    await upload(editor, '维修路段明细.pdf', ['Contact person ID: 11010519491231002X', 'Office phone 0990-1234567']);
    await editor.getByText('维修路段明细.pdf').first().waitFor();
    await editor.getByText(/居民身份证号码 · 维修路段明细\.pdf/).waitFor();
    await assertAccessible(editor, 'draft with a finding');
    await editor.getByRole('button', { name: '提交保密审查' }).click();
    await editor.getByText('正文或附件中发现个人信息').first().waitFor();
    assert.equal(await editor.locator('.state').innerText(), '草稿');
  });

  test('the editor redacts (replaces the file) and submits', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await editor.goto(revisionUrl);
    await editor.getByRole('button', { name: '移除' }).click();
    await editor.waitForURL(revisionUrl);
    await upload(editor, '维修路段明细.pdf', ['Contact: office 0990-1234567']);
    await editor.getByText('未发现身份证号、手机号、银行卡号或电子邮箱。').waitFor();
    await editor.getByRole('button', { name: '提交保密审查' }).click();
    await editor.waitForURL(revisionUrl);
    assert.equal(await editor.locator('.state').innerText(), '待保密审查');
    assert.equal(await editor.getByRole('button', { name: '通过' }).count(), 0, 'the editor is offered no review');
  });

  test('a different staff member clears and approves it; the public page shows it', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await signIn(reviewer, 'b-reviewer');
    await reviewer.goto(`${base}/admin/documents?view=review`);
    await assertAccessible(reviewer, 'review queue');
    await reviewer.getByRole('link', { name: '关于公布2026年城区道路维修计划的通知' }).click();
    await reviewer.getByLabel('审核意见').fill('不涉及国家秘密，可以公开');
    await reviewer.getByRole('button', { name: '通过', exact: true }).click();
    await reviewer.waitForURL(revisionUrl);
    await assertAccessible(reviewer, 'approval form');
    await reviewer.getByRole('button', { name: '批准发布' }).click();
    await reviewer.waitForURL(revisionUrl);
    const text = await reviewer.locator('main').innerText();
    const m = /已发布为 (\S+) 第 1 版/.exec(text);
    assert.ok(m?.[1], text);
    indexNumber = m[1];
    await p.app.tlog?.sequencer.step();

    await reviewer.getByRole('link', { name: '查看公开页面' }).click();
    await reviewer.getByRole('heading', { level: 1, name: /关于公布2026年城区道路维修计划的通知/ }).waitFor();
    const pub = await reviewer.locator('main').innerText();
    assert.match(pub, new RegExp(indexNumber.replace('/', '\\/')));
    assert.match(pub, /维修路段明细\.pdf/);
    assert.match(pub, /条目编号 #\d+/);
    await assertAccessible(reviewer, 'public document page');
  });

  test('a correction publishes version 2 with its change note; version 1 stays readable', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const doc = await p.app.deps.db.selectFrom('documents').select('id').where('index_number', '=', indexNumber).executeTakeFirstOrThrow();
    await editor.goto(`${base}/admin/documents/${doc.id}`);
    await assertAccessible(editor, 'document console page');
    await editor.getByRole('button', { name: '更正（产生新版本）' }).click();
    await editor.getByLabel('内容概述').fill('公布城区道路维修路段和时间安排（更正维修时间）。');
    await editor.getByLabel('更正说明（公开）').fill('更正第二段中的维修时间');
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.getByText('已保存。').waitFor();
    const corrUrl = editor.url().replace(/\?.*$/, '');
    await editor.getByRole('button', { name: '提交保密审查' }).click();
    await editor.waitForURL(corrUrl);
    await reviewer.goto(corrUrl);
    await reviewer.getByRole('button', { name: '通过', exact: true }).click();
    await reviewer.waitForURL(corrUrl);
    await reviewer.getByRole('button', { name: '批准发布' }).click();
    await reviewer.waitForURL(corrUrl);

    await reviewer.goto(`${base}/documents/${indexNumber}`);
    const cur = await reviewer.locator('main').innerText();
    assert.match(cur, /第 2 版/);
    assert.match(cur, /更正第二段中的维修时间/);
    await reviewer.getByRole('link', { name: '第 1 版' }).click();
    await reviewer.waitForURL(`${base}/documents/${indexNumber}/v/1`);
    const old = await reviewer.locator('main').innerText();
    assert.match(old, /公布城区道路维修路段和时间安排。/);
    assert.doesNotMatch(old, /更正维修时间）/);
    await assertAccessible(reviewer, 'version 1 page');
  });

  test('a withdrawal keeps the page with its notice, reason and date', async (t) => {
    if (skipIfNoBrowser(t)) return;
    const doc = await p.app.deps.db.selectFrom('documents').select('id').where('index_number', '=', indexNumber).executeTakeFirstOrThrow();
    await reviewer.goto(`${base}/admin/documents/${doc.id}`);
    await reviewer.getByLabel('理由').last().fill('维修计划调整，原通知撤回');
    await reviewer.getByRole('button', { name: '撤回文件' }).click();
    await reviewer.waitForURL(`${base}/admin/documents/${doc.id}`);
    await reviewer.goto(`${base}/documents/${indexNumber}`);
    const page = await reviewer.locator('main').innerText();
    assert.match(page, /已撤回/);
    assert.match(page, /维修计划调整，原通知撤回/);
    await assertAccessible(reviewer, 'withdrawn document page');
    assert.deepEqual(problems, []);
  });
});
