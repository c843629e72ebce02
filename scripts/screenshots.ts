/**
 * Full-page screenshots of the main public and console pages, at a phone and a desktop viewport,
 * for a human look at the design. Not a test: it asserts nothing beyond the pages loading.
 *
 * Usage: npx tsx scripts/screenshots.ts [outdir]   (default `screenshots/`, which git ignores)
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENGAGEMENT_TITLES } from '../src/commands/demo-content/engagement.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { publicConsultations } from '../src/queries/consultations.js';
import { publishedMessages } from '../src/queries/messages.js';
import { ManualClock } from '../src/domain/clock.js';
import { publicAgencyTree, type AgencyNode } from '../src/queries/agencies.js';
import { buildApp } from '../test/helpers/app.js';
import { actorFor, makeStaff, PASSWORD } from '../test/helpers/factories.js';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { buildPortalFixture } from '../test/helpers/portal-fixtures.js';
import { CHROMIUM, chromiumMissing, launchBrowser } from '../test/browser/browser.js';
import { submitOnline } from '../src/commands/requests/submit-online.js';
import { confirmReceipt } from '../src/commands/requests/confirm-receipt.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
] as const;

/** The agency shown on the agency pages: a city, so it has an address, a parent and children. */
const SAMPLE_AGENCY = '云溪市人民政府';
const STAFF = 'demo-admin';

function find(nodes: AgencyNode[], nameZh: string): AgencyNode | undefined {
  for (const n of nodes) {
    if (n.agency.name_zh === nameZh) return n;
    const hit = find(n.children, nameZh);
    if (hit) return hit;
  }
  return undefined;
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const outDir = resolve(process.argv[2] ?? 'screenshots');
  mkdirSync(outDir, { recursive: true });

  // The browser judges cookie expiry by its own clock, so the app's clock starts at real time.
  const p = await buildApp({ clock: new ManualClock(new Date()) });
  let browser: Browser | undefined;
  const files: string[] = [];
  try {
    const seed = await seedDemo(p.app.deps);
    p.env.demo.value = true; // as `gongkai serve` does after seeding: the demo banner shows
    const login = seed.logins.find((l) => l.username === STAFF);
    if (!login) throw new Error(`the demo seed has no ${STAFF}`);
    const sample = find(await publicAgencyTree(p.app.deps), SAMPLE_AGENCY);
    if (!sample) throw new Error(`the demo seed has no ${SAMPLE_AGENCY}`);
    const { code, id } = sample.agency;
    // Portal pages need published documents: a small catalogue published through the commands.
    const county = sample.children.find((c) => c.agency.kind === 'government') ?? sample.children[0];
    if (!county) throw new Error(`${SAMPLE_AGENCY} has no subordinate agency`);
    const d = p.app.deps;
    const editor = await actorFor(d, await makeStaff(d, 'shot-editor', sample.agency, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'shot-reviewer', sample.agency, 'reviewer'));
    const fx = await buildPortalFixture({ deps: d, editor, reviewer }, { city: sample.agency, county1: county.agency }, p.clock);
    // A draft with a personal-data finding, for the editor's console pages.
    const draft = await createDraft(d, editor, sample.agency.id, {
      title: '关于开展2026年城区道路维修的通知', doc_number: '云政办发〔2026〕30号', genre: 'notices', theme_code: 'industry', date_formed: '2026-02-26',
      summary: '公布维修路段。', body_html: '<p>各有关单位：</p><p>咨询电话：13912345678。</p>',
    });
    p.clock.set(new Date().toISOString()); // back to real time for the browser's cookies
    // A request taken to a partial disclosure, for the request pages (issue 5).
    const rq = await submitOnline(d, sample.agency.id, {
      applicant_type: 'natural_person', name: '示例申请人', id_type: 'resident_id', id_number: '110101199003070011', email: 'applicant@example.test',
      title: '2025年度城区公园维护合同', other_features: '含合同金额', form_wanted: 'electronic', delivery_wanted: 'online',
    });
    const rqOfficer = await actorFor(d, await makeStaff(d, 'shot-officer', sample.agency, 'request_officer'));
    await confirmReceipt(d, rqOfficer, rq.requestId);
    await replyToRequest(d, rqOfficer, rq.requestId, { outcome: 'partially_disclosed', text: '合同中涉及商业秘密的部分不予公开。' });
    const rqPrivate = `/requests/p/${rq.trackingNumber}?t=${encodeURIComponent(rq.token)}`;
    const doc = (idx: string, v = '') => `/documents/${idx}${v}`;
    // Issue 8: the demo's consultations and messages (seeded by seedDemo, src/commands/demo-content/engagement.ts).
    const consultations = await publicConsultations(d);
    const openC = consultations.find((c) => c.title === ENGAGEMENT_TITLES.open)?.id ?? '';
    const closedC = consultations.find((c) => c.title === ENGAGEMENT_TITLES.closed)?.id ?? '';
    const shownMessage = (await publishedMessages(d, {})).items[0]?.tracking_number ?? '';
    const privateMessage = (await d.db.selectFrom('messages').select('id').where('title', '=', ENGAGEMENT_TITLES.private).executeTakeFirst())?.id ?? '';
    if (!openC || !closedC || !shownMessage || !privateMessage) throw new Error('the demo seed has no consultations or messages');
    const supervisor = seed.logins.find((l) => l.username === 'yunxi-supervisor');
    if (!supervisor) throw new Error('the demo seed has no yunxi-supervisor');

    const base = await p.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();

    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor, isMobile: vp.isMobile, hasTouch: vp.hasTouch, locale: 'zh-CN' });
      const page = await context.newPage();
      const shoot = async (name: string, path: string, expected = 200): Promise<void> => {
        const res = await page.goto(base + path);
        if (!res || (res.status() >= 400 && res.status() !== expected)) throw new Error(`${path} answered ${res?.status() ?? 'nothing'}`);
        const file = join(outDir, `${vp.name}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        files.push(file);
      };

      await shoot('home-zh', '/');
      await shoot('home-en', '/en/');
      await shoot('agencies-zh', '/agencies');
      await shoot('deadline-zh', '/deadline?regime=cn-ogi&from=2025-09-26');
      await shoot('deadline-en', '/en/deadline?regime=cn-ogi&from=2026-12-15');
      await shoot('agency-zh', `/agencies/${code}`);
      await shoot('agency-en', `/en/agencies/${code}`);
      await shoot('catalogue-zh', `/agencies/${code}/catalogue`);
      await shoot('catalogue-en', `/en/agencies/${code}/catalogue?page=2`);
      await shoot('catalogue-bad', `/documents?genre=poetry&year=abc`, 400);
      await shoot('document-zh', doc(fx.policy.indexNumber));
      await shoot('document-en', `/en${doc(fx.policy.indexNumber)}`);
      await shoot('document-v1', doc(fx.policy.indexNumber, '/v/1'));
      await shoot('document-repealed', doc(fx.oldRule.indexNumber));
      await shoot('document-withdrawn', doc(fx.withdrawn.indexNumber));
      await shoot('document-interpretation', doc(fx.interp.indexNumber));
      await shoot('document-print', doc(fx.policy.indexNumber, '?print=1'));
      await shoot('csv-preview', doc(fx.policy.indexNumber, `/preview/${fx.policy.files[0]?.sha256 ?? ''}`));
      await shoot('statistics-zh', `/statistics/${code}?scope=subtree`);
      await shoot('statistics-compare-en', `/en/statistics/${code}/compare`);
      await shoot('requests-zh', '/requests');
      await shoot('request-form-zh', `/agencies/${code}/request`);
      await shoot('request-form-en', '/en/requests/new');
      await shoot('request-track', `/requests/track?number=${rq.trackingNumber}&token=${encodeURIComponent(rq.token)}`);
      await shoot('request-private', rqPrivate);
      await shoot('request-letter', `/requests/p/${rq.trackingNumber}/letter?t=${encodeURIComponent(rq.token)}`);
      await shoot('consultations-zh', '/consultations');
      await shoot('consultation-open-zh', `/consultations/${openC}`);
      await shoot('consultation-closed-zh', `/consultations/${closedC}`);
      await shoot('consultation-open-en', `/en/consultations/${openC}`);
      await shoot('messages-zh', '/messages');
      await shoot('messages-en', '/en/messages');
      await shoot('message-zh', `/messages/${shownMessage}`);
      await shoot('message-form-zh', '/messages/new');
      await shoot('message-form-en', '/en/messages/new');
      await shoot('message-track', '/messages/track');
      await shoot('subscribe-zh', '/subscribe');
      await shoot('subscribe-en', '/en/subscribe');
      await shoot('statistics-overview-zh', '/statistics');
      await shoot('developers-zh', '/api/docs');
      await page.goto(`${base}/preferences/display?mode=large&back=%2F`);
      await shoot('consultation-large', `/consultations/${openC}`);
      await shoot('message-form-large', '/messages/new');
      await shoot('home-large', '/');
      await shoot('document-large', doc(fx.policy.indexNumber));
      await page.goto(`${base}/preferences/display?mode=normal&back=%2F`);

      await shoot('login', '/admin/login');
      await signIn(page, login.username, login.password);
      if (vp === VIEWPORTS[0]) {
        // One edit through the console, so the history and audit tables show a change.
        await page.goto(`${base}/admin/agencies/${id}`);
        await page.getByLabel('联系电话').fill('0991-6600002');
        await page.getByRole('button', { name: '保存' }).click();
        await page.waitForURL(/\?saved=1$/);
      }

      await shoot('admin-dashboard', '/admin');
      await shoot('admin-agencies', '/admin/agencies');
      await shoot('admin-agency', `/admin/agencies/${id}`);
      await shoot('admin-staff', '/admin/staff');
      await shoot('admin-audit', '/admin/audit');
      await shoot('admin-documents', '/admin/documents?view=published');
      await shoot('admin-documents-late', '/admin/documents?view=late');
      await shoot('admin-requests', '/admin/requests?view=finished');
      await shoot('admin-request', `/admin/requests/${rq.requestId}`);
      await shoot('admin-report', `/admin/reports/${id}/${new Date().getUTCFullYear() - 1}`);
      await shoot('admin-consultations', '/admin/consultations');
      await shoot('admin-consultation-open', `/admin/consultations/${openC}`);
      await shoot('admin-consultation-closed', `/admin/consultations/${closedC}`);
      await shoot('admin-consultations-queue', '/admin/consultations/queue');
      await shoot('admin-messages', '/admin/messages?view=all');
      await shoot('admin-message', `/admin/messages/${privateMessage}`);
      await shoot('admin-messages-settings', '/admin/messages/settings');
      await shoot('admin-webhooks', '/admin/webhooks');
      await shoot('admin-webhook-new', '/admin/webhooks/new');
      await context.close();

      // The supervision console as a supervisor sees it (issue 7 §3).
      const sc = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor, isMobile: vp.isMobile, hasTouch: vp.hasTouch, locale: 'zh-CN' });
      const sp = await sc.newPage();
      await sp.goto(`${base}/admin/login`);
      await signIn(sp, supervisor.username, supervisor.password);
      for (const [name, path] of [['admin-supervision', '/admin/supervision'], ['admin-supervision-agency', `/admin/supervision/${id}`], ['admin-messages-overdue', '/admin/messages?view=overdue']] as const) {
        const res = await sp.goto(base + path);
        if (!res || res.status() >= 400) throw new Error(`${path} answered ${res?.status() ?? 'nothing'} to the supervisor`);
        const file = join(outDir, `${vp.name}-${name}.png`);
        await sp.screenshot({ path: file, fullPage: true });
        files.push(file);
      }
      await sc.close();

      // The publishing console as an editor sees it.
      const ec = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor, isMobile: vp.isMobile, hasTouch: vp.hasTouch, locale: 'zh-CN' });
      const ep = await ec.newPage();
      await ep.goto(`${base}/admin/login`);
      await signIn(ep, 'shot-editor', PASSWORD);
      for (const [name, path] of [['admin-drafts', '/admin/documents'], ['admin-new-document', '/admin/documents/new'], ['admin-revision', `/admin/revisions/${draft.revisionId}`]] as const) {
        await ep.goto(base + path);
        const file = join(outDir, `${vp.name}-${name}.png`);
        await ep.screenshot({ path: file, fullPage: true });
        files.push(file);
      }
      await ec.close();
    }
  } finally {
    await browser?.close();
    await p.dispose();
  }
  process.stdout.write(`${files.length} screenshots (${CHROMIUM}):\n${files.map((f) => `  ${f}`).join('\n')}\n`);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin$/);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
