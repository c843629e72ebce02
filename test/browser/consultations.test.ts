import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import { smtpMailer } from '../../src/jobs/mail/mailer.js';
import { startWorker, type Worker } from '../../src/jobs/worker.js';
import { buildApp, type TestPlatform } from '../helpers/app.js';
import { PASSWORD } from '../helpers/factories.js';
import { DRAFT_BODY } from '../helpers/consultations.js';
import { makePublisher, publishDocument, type Publisher } from '../helpers/publish.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { assertAccessible, chromiumMissing, closePages, launchBrowser, type OpenedPages, openPages, shot, skipIfNoBrowser } from './browser.js';

/** Wall-clock `YYYY-MM-DDTHH:mm` of an instant in Beijing, as a datetime-local input takes it. */
function beijingLocal(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(d).map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * Issue 8 §1's whole cycle in a real browser: staff open a consultation on a published draft;
 * a reader comments on an article and verifies the e-mail address through the link that arrives
 * at a real SMTP server; a moderator approves the comment (pre-moderation) and hides a reported
 * one; staff close the consultation and publish the feedback summary; the final policy's page
 * links back to it. axe-core checks every public page visited, in Chinese and English.
 */
describe('browser: open, comment with e-mail verification, moderate, close, publish the summary, final policy links back', () => {
  const missing = chromiumMissing();
  let p: TestPlatform;
  let pub: Publisher;
  let sink: SmtpSink;
  let worker: Worker;
  let browser: Browser;
  let opened: OpenedPages | undefined;
  let staff: Page;
  let reader: Page;
  let base = '';
  let draftIndex = '';
  let finalIndex = '';
  let consultationUrl = '';
  const problems: string[] = [];

  before(async () => {
    if (missing) return;
    p = await buildApp({ clock: new ManualClock(new Date()) });
    pub = await makePublisher(p.app.deps, 'bc');
    draftIndex = (await publishDocument(p.app.deps, pub, { title: '城市公园管理办法（征求意见稿）', doc_number: '', body_html: DRAFT_BODY })).indexNumber;
    finalIndex = (await publishDocument(p.app.deps, pub, { title: '城市公园管理办法', doc_number: '丙政发〔2026〕9号', body_html: '<p>第一条 为规范城市公园管理，制定本办法。</p>' })).indexNumber;
    base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    sink = await startSmtpSink();
    worker = startWorker(p.app.deps, { mailer: smtpMailer(sink.url), from: 'Gongkai <noreply@gongkai.test>', publicUrl: base, intervalMs: 0 });
    browser = await launchBrowser();
    opened = await openPages(browser, 2, 'zh-CN', problems);
    [staff, reader] = opened.pages as [Page, Page];
  });

  after(async () => {
    await closePages(opened, browser);
    await worker?.stop();
    await sink?.close();
    await p?.dispose();
  });

  test('staff open the published draft for comment, with pre-moderation', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await staff.goto(`${base}/admin/login`);
    await staff.getByLabel('用户名').fill('bc-editor');
    await staff.getByLabel('密码').fill(PASSWORD);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.waitForURL(`${base}/admin`);
    await staff.goto(`${base}/admin/consultations`);
    await assertAccessible(staff, 'console list');
    await staff.getByRole('link', { name: '发起意见征集' }).click();
    await assertAccessible(staff, 'console new consultation');
    const now = new Date();
    await staff.getByLabel('征求意见稿（索引号）').fill(draftIndex);
    await staff.getByLabel('征集说明').fill('为广泛听取社会公众意见，现将征求意见稿全文公布。');
    await staff.getByLabel('开始时间').fill(beijingLocal(new Date(now.getTime() - 3600_000)));
    await staff.getByLabel('截止时间').fill(beijingLocal(new Date(now.getTime() + 14 * 86400_000)));
    await staff.getByLabel('意见审核方式').selectOption('pre');
    await staff.getByRole('button', { name: '发起征集' }).click();
    await staff.getByText('意见征集已发起。').waitFor();
    await assertAccessible(staff, 'console consultation');
    consultationUrl = (await staff.getByRole('link', { name: /^\/consultations\// }).getAttribute('href')) ?? '';
    assert.match(consultationUrl, /^\/consultations\/[0-9a-f-]{36}$/);
  });

  test('a reader finds it, comments on an article and gets the verification mail at a real SMTP server', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await reader.goto(`${base}/consultations`);
    await assertAccessible(reader, 'public list');
    await reader.getByRole('link', { name: '城市公园管理办法（征求意见稿）' }).click();
    await reader.getByRole('heading', { name: /城市公园管理办法（征求意见稿）/, level: 1 }).waitFor();
    await assertAccessible(reader, 'consultation page');
    await reader.getByRole('link', { name: '对第二条（第3段）提出意见' }).click();
    assert.equal(await reader.getByLabel('针对的条款').inputValue(), '3', 'the paragraph link preselects the article');
    await reader.getByLabel('意见内容').fill('建议将开放时间提前到早上5时，方便晨练。');
    await reader.getByLabel('显示名称（选填）').fill('晨练的市民');
    await reader.getByLabel('电子邮箱').fill('reader@example.test');
    await reader.getByRole('button', { name: '提交意见' }).click();
    await reader.getByText('确认邮件已发送').waitFor();
    await assertAccessible(reader, 'consultation page after sending');
    assert.equal(await reader.getByText('建议将开放时间提前到早上5时').count(), 0, 'not shown before verification');
    await worker.step();
    const mail = sink.messages.find((m) => m.to.includes('reader@example.test'));
    assert.ok(mail, 'the verification mail arrived');
    assert.match(mail.subject, /请确认您对“城市公园管理办法（征求意见稿）”提交的意见/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/consultations\/verify\?t=[A-Za-z0-9_%-]+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    assert.ok(!mail.text.includes('建议将开放时间'), 'the mail does not repeat the comment');
    await reader.goto(link);
    await reader.getByRole('heading', { name: '确认您的意见' }).waitFor();
    await assertAccessible(reader, 'verification landing');
    await reader.getByRole('button', { name: '确认提交意见' }).click();
    await reader.getByText('您的意见已收到，经审核后公开。').waitFor();
    assert.equal(await reader.getByText('建议将开放时间提前到早上5时').count(), 0, 'pre-moderation: not shown yet');
    // A used link is refused.
    await reader.goto(link);
    await reader.getByRole('heading', { name: '确认链接无效' }).waitFor();
    await assertAccessible(reader, 'used verification link');
  });

  test('the moderator approves it from the queue; a reported comment is hidden, not deleted', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await staff.goto(`${base}/admin/consultations/queue`);
    await assertAccessible(staff, 'moderation queue');
    await staff.getByText('建议将开放时间提前到早上5时，方便晨练。').waitFor();
    await staff.getByRole('button', { name: '审核通过并公开' }).click();
    await staff.getByText('没有待处理的意见。').waitFor();
    await reader.goto(base + consultationUrl);
    await reader.getByText('建议将开放时间提前到早上5时，方便晨练。').waitFor();
    assert.ok((await reader.getByText('晨练的市民').count()) > 0, 'the chosen display name');
    assert.equal(await reader.getByText('reader@example.test').count(), 0, 'never the address');
    // The open consultation with its form and a published comment, at phone and desktop sizes.
    for (const [w, h] of [[390, 844], [1280, 900]] as const) {
      const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: w, height: h } });
      const page = await ctx.newPage();
      await page.goto(base + consultationUrl);
      await assertAccessible(page, `open consultation at ${w}px`);
      assert.equal(await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth'), false, `no sideways scrolling at ${w}px`);
      await shot(page, `consultation-open-${w}`);
      await ctx.close();
    }
    // The reader reports it (once), and the moderator hides it with a reason.
    await reader.getByText('举报此意见').click();
    await reader.getByLabel('举报理由').selectOption('off_topic');
    await reader.getByRole('button', { name: '提交举报' }).click();
    await reader.getByText('举报已收到').waitFor();
    await assertAccessible(reader, 'consultation page after a report');
    await staff.goto(`${base}/admin/consultations/queue`);
    await staff.getByText(/收到举报 1 次/).waitFor();
    await shot(staff, 'consultation-admin-queue-1280');
    await staff.getByLabel('隐藏原因').selectOption('off_topic');
    await staff.getByRole('button', { name: '隐藏' }).click();
    await reader.goto(base + consultationUrl);
    await reader.getByText(/一条针对第二条（第3段）的意见已被隐藏（原因：与主题无关）/).waitFor();
    assert.equal(await reader.getByText('建议将开放时间提前到早上5时').count(), 0);
  });

  test('staff close the consultation and publish the summary; the final policy links back to it', async (t) => {
    if (skipIfNoBrowser(t)) return;
    await staff.goto(base + '/admin' + consultationUrl);
    await staff.getByRole('button', { name: '结束征集' }).click();
    await staff.getByText('意见征集已结束。').waitFor();
    await assertAccessible(staff, 'console consultation closed');
    await shot(staff, 'consultation-admin-closed-1280');
    await staff.getByLabel('正式文件（索引号）').fill(finalIndex);
    await staff.getByLabel('总体说明').fill('征求意见期间共收到意见1条，经研究，部分采纳。');
    await staff.getByLabel('意见要点 1').fill('建议提前开放时间，方便晨练。');
    await staff.getByLabel('采纳情况 1').selectOption('partly_adopted');
    await staff.getByLabel('理由说明 1').fill('夏季（6月至8月）开放时间提前至5时30分。');
    await staff.getByRole('button', { name: '发布反馈' }).click();
    await staff.getByText('意见采纳情况反馈已发布。').waitFor();

    await reader.goto(base + consultationUrl);
    await reader.getByRole('heading', { name: '意见采纳情况反馈' }).waitFor();
    await assertAccessible(reader, 'consultation page with summary');
    const summary = reader.locator('#summary');
    assert.match((await summary.textContent()) ?? '', /部分采纳/);
    assert.match((await summary.textContent()) ?? '', /收到意见\s*1/);
    await summary.getByRole('link', { name: '城市公园管理办法' }).click();
    await reader.waitForURL(new RegExp(`/documents/${finalIndex.replace(/[/]/g, '\\/')}$`));
    await assertAccessible(reader, 'final policy page');
    await reader.getByRole('link', { name: /查看意见采纳情况反馈/ }).click();
    await reader.waitForURL(new RegExp(`${consultationUrl}#summary$`));
    for (const path of ['/en/consultations', `/en${consultationUrl}`]) {
      await reader.goto(base + path);
      await assertAccessible(reader, path);
    }
    // The large-text, high-contrast display.
    await reader.goto(base + consultationUrl);
    await reader.getByRole('link', { name: '大字号高对比度' }).click();
    await reader.waitForURL(base + consultationUrl);
    assert.match((await reader.locator('body').getAttribute('class')) ?? '', /display-large/);
    await assertAccessible(reader, 'consultation page, large text');
    await shot(reader, 'consultation-large-1280');
    await reader.getByRole('link', { name: '标准显示' }).click();
    // The draft's own page links to the consultation.
    await reader.goto(`${base}/documents/${draftIndex}`);
    await reader.getByRole('link', { name: /本文件为征求意见稿/ }).waitFor();
    await assertAccessible(reader, 'draft document page');
  });

  test('the consultation page at phone and desktop sizes: accessible, no sideways scrolling (screenshots with GONGKAI_SHOTS_DIR)', async (t) => {
    if (skipIfNoBrowser(t)) return;
    for (const [w, h] of [[390, 844], [1280, 900]] as const) {
      const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: w, height: h } });
      const page = await ctx.newPage();
      await page.goto(base + consultationUrl);
      await assertAccessible(page, `consultation page at ${w}px`);
      const overflow = await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
      assert.equal(overflow, false, `no sideways scrolling at ${w}px`);
      await shot(page, `consultation-${w}`);
      await ctx.close();
    }
    const en = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    const enPage = await en.newPage();
    await enPage.goto(`${base}/en${consultationUrl}`);
    await shot(enPage, 'consultation-en-1280');
    await en.close();
    assert.deepEqual(problems, []);
  });
});
