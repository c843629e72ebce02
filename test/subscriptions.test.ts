import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { recordEvent } from '../src/commands/events.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { fileMailer } from '../src/jobs/mail/file-mailer.js';
import { startConfiguredWorker, startWorker, type Worker } from '../src/jobs/worker.js';
import { sendDigests } from '../src/commands/subscriptions/send-digests.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { startCorrection } from '../src/commands/documents/start-correction.js';
import { updateDraft } from '../src/commands/documents/update-draft.js';
import { submitRevision } from '../src/commands/documents/submit-revision.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { revisionDetail } from '../src/queries/staff-documents.js';
import type { Deps } from '../src/commands/deps.js';
import { draftInput } from './helpers/factories.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { cookieHeader, cookiesOf, csrfFromHtml, form } from './helpers/http.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';
import { startSmtpSink, type SmtpSink, type SunkMail } from './helpers/smtp-sink.js';

/** Publishes a new version of a document through the real workflow. */
async function correctDocumentFor(d: Deps, pub: Publisher, documentId: string, title: string): Promise<void> {
  const corr = await startCorrection(d, pub.editor, documentId);
  const cd = await revisionDetail(d, pub.editor, corr.revisionId);
  await updateDraft(d, pub.editor, corr.revisionId, cd.rev.version, draftInput({ title, change_note: '修订第三条' }));
  await submitRevision(d, pub.editor, corr.revisionId, cd.rev.version + 1);
  await reviewRevision(d, pub.reviewer, corr.revisionId, { stage: 'confidentiality', decision: 'pass' });
  await reviewRevision(d, pub.reviewer, corr.revisionId, { stage: 'approval', decision: 'pass' });
}

const SECRET = 'test-mail-events-secret-0123456789';

describe(`subscriptions by e-mail (issue 8 §3) [${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}]`, () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  let pub: Publisher;
  let w: Worker;
  let anon = { cookie: '', csrf: '' };

  before(async () => {
    sink = await startSmtpSink();
    p = await buildApp({ env: { GONGKAI_MAIL_EVENTS_SECRET: SECRET } });
    p.clock.set('2026-04-06T02:00:00Z');
    pub = await makePublisher(p.app.deps, 'sub');
    w = startWorker(p.app.deps, { mailer: smtpMailer(sink.url), from: 'Gongkai <noreply@gongkai.test>', publicUrl: 'http://gongkai.test', intervalMs: 0 });
    const page = await p.server.inject({ url: '/subscribe' });
    anon = { cookie: cookieHeader(cookiesOf(page)), csrf: csrfFromHtml(page.body) };
  });
  after(async () => {
    await w.stop();
    await sink.close();
    await p.dispose();
  });
  beforeEach(() => {
    sink.messages.length = 0;
  });

  const post = (url: string, data: Record<string, string>) =>
    p.server.inject({ method: 'POST', url, headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: anon.csrf, ...data }) });
  const mailTo = (addr: string): SunkMail[] => sink.messages.filter((m) => m.to.includes(addr));
  const pathIn = (text: string, prefix: string): string => {
    const m = new RegExp(`http://gongkai\\.test(${prefix}[A-Za-z0-9._-]+)`).exec(text);
    assert.ok(m && m[1], `mail has a ${prefix} link`);
    return m[1];
  };
  /** Drains the subscriptions consumer, then delivers the outbox. */
  const fanOutAndDeliver = async () => {
    await drainEvents(p.app.deps, 'subscriptions');
    await w.step();
  };

  /** Subscribes through the form and confirms through the mailed link; returns the management path. */
  async function subscribeAndConfirm(email: string, data: Record<string, string>): Promise<string> {
    const r = await post('/subscribe', { email, frequency: 'immediate', ...data });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.body, /请查收确认邮件/);
    await w.step();
    const mail = mailTo(email).at(-1);
    assert.ok(mail, 'the confirmation mail arrived at the SMTP server');
    assert.match(mail.subject, /请确认订阅/);
    const confirm = pathIn(mail.text, '/subscriptions/confirm/');
    const page = await p.server.inject({ url: confirm });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /确认订阅/);
    const done = await post(confirm, {});
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /订阅已生效/);
    // The token works once.
    assert.equal((await post(confirm, {})).statusCode, 404);
    const manage = /href="(\/subscriptions\/manage\/[^"]+)"/.exec(done.body)?.[1];
    assert.ok(manage);
    return manage;
  }

  test('invalid subscriptions are refused with the form again (400), and nothing is stored or sent', async () => {
    const bad = await post('/subscribe', { email: 'not-an-address', kind: 'agency', agency: 'NOPE', frequency: 'immediate' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /电子邮箱格式不正确/);
    assert.equal((await post('/subscribe', { email: 'x@example.test', kind: 'search', search: '   ', frequency: 'immediate' })).statusCode, 400);
    assert.equal((await p.server.inject({ method: 'POST', url: '/subscribe', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ email: 'x@example.test' }) })).statusCode, 403);
    assert.equal((await p.app.deps.db.selectFrom('subscriptions').selectAll().execute()).length, 0);
    assert.equal((await p.server.inject({ url: '/subscriptions/manage/forged.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode, 404);
    assert.equal((await p.server.inject({ method: 'POST', url: '/unsubscribe/forged.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 404);
  });

  test('subscribe, confirm; a matching publication is mailed with RFC 8058 headers, a non-matching one is not; saved searches match like /search', async () => {
    const d = p.app.deps;
    await subscribeAndConfirm('agency.reader@example.test', { kind: 'agency', agency: pub.agencyCode });
    await subscribeAndConfirm('budget.reader@example.test', { kind: 'genre', genre: 'budgets' });
    await subscribeAndConfirm('search.reader@example.test', { kind: 'search', search: '/search?q=%E8%A1%A5%E8%B4%B4+-%E5%BA%9F%E6%AD%A2' }); // 补贴 -废止
    // Unconfirmed subscriptions get nothing.
    await post('/subscribe', { email: 'unconfirmed@example.test', kind: 'agency', agency: pub.agencyCode, frequency: 'immediate' });
    await w.step();
    assert.equal(mailTo('unconfirmed@example.test').length, 1, 'only the confirmation mail');
    sink.messages.length = 0;

    p.clock.set('2026-04-06T03:00:00Z');
    await publishDocument(d, pub, { title: '关于发放春耕补贴的通知', genre: 'notices' });
    await fanOutAndDeliver();
    const mail = mailTo('agency.reader@example.test');
    assert.equal(mail.length, 1, 'the agency subscriber got one mail');
    assert.match(mail[0]!.subject, /【订阅】新发布：关于发放春耕补贴的通知/);
    assert.match(mail[0]!.text, /\/documents\//);
    const lu = mail[0]!.headers.get('list-unsubscribe') ?? '';
    assert.match(lu, /^<http:\/\/gongkai\.test\/unsubscribe\/[^>]+>$/);
    assert.equal(mail[0]!.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(mailTo('search.reader@example.test').length, 1, 'the saved search 补贴 matched');
    assert.equal(mailTo('budget.reader@example.test').length, 0, 'a notices document is not a budget');
    assert.equal(mailTo('unconfirmed@example.test').length, 0);

    // Handling the same event again sends nothing more (idempotent consumer).
    const ev = await d.db.selectFrom('events').select('id').where('kind', '=', 'document.published').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    const { handleForSubscriptions } = await import('../src/jobs/consumers/subscriptions.js');
    await handleForSubscriptions(d, await d.db.selectFrom('events').selectAll().where('id', '=', ev.id).executeTakeFirstOrThrow(), d.clock.now());
    await w.step();
    assert.equal(mailTo('agency.reader@example.test').length, 1);

    // A document excluded by the saved search (-废止) and of another genre: only the agency reader hears of it.
    sink.messages.length = 0;
    await publishDocument(d, pub, { title: '关于废止部分补贴政策的决定', genre: 'budgets' });
    await fanOutAndDeliver();
    assert.equal(mailTo('search.reader@example.test').length, 0, '-废止 excludes it');
    assert.equal(mailTo('budget.reader@example.test').length, 1);
    assert.equal(mailTo('agency.reader@example.test').length, 1);
    // No subscriber's address is in any public page, feed or API answer.
    for (const url of ['/', '/documents', `/agencies/${pub.agencyCode}`, '/api/v1/documents', '/feed.xml', `/search?q=${encodeURIComponent('补贴')}`, '/subscribe']) {
      const r = await p.server.inject({ url });
      assert.doesNotMatch(r.body, /reader@example\.test/, url);
    }
  });

  test('a document subscription hears its new versions and withdrawal', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-07T02:00:00Z');
    const doc = await publishDocument(d, pub, { title: '城市绿化管理办法' });
    await drainEvents(d, 'subscriptions');
    await subscribeAndConfirm('doc.reader@example.test', { kind: 'document', document: doc.indexNumber });
    sink.messages.length = 0;
    await correctDocumentFor(d, pub, doc.documentId, '城市绿化管理办法');
    await fanOutAndDeliver();
    const m = mailTo('doc.reader@example.test');
    assert.equal(m.length, 1);
    assert.match(m[0]!.subject, /新版本：城市绿化管理办法/);
    await withdrawDocument(d, pub.reviewer, doc.documentId, '已被新办法取代');
    await fanOutAndDeliver();
    const w2 = mailTo('doc.reader@example.test');
    assert.equal(w2.length, 2);
    assert.match(w2[1]!.subject, /已撤回：城市绿化管理办法/);
    assert.match(w2[1]!.text, /已被新办法取代/);
  });

  test('a consultation subscription hears the events of that consultation (matched by subject), and no other', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-07T06:00:00Z');
    const opened = (id: string, kind: 'consultation.opened' | 'consultation.closed') =>
      d.db.transaction().execute((trx) => recordEvent(trx, d, { kind, agencyId: pub.agencyId, subjectType: 'consultation', subjectId: id, payload: { consultation_id: id, title: `征求意见稿${id}`, path: `/consultations/${id}` } }));
    await opened('c-one', 'consultation.opened');
    await opened('c-two', 'consultation.opened');
    await drainEvents(d, 'subscriptions');
    await subscribeAndConfirm('consult.reader@example.test', { kind: 'consultation', consultation: 'c-one' });
    assert.equal((await post('/subscribe', { email: 'x@example.test', kind: 'consultation', consultation: 'no-such', frequency: 'immediate' })).statusCode, 400);
    sink.messages.length = 0;
    await opened('c-two', 'consultation.closed');
    await opened('c-one', 'consultation.closed');
    await fanOutAndDeliver();
    const m = mailTo('consult.reader@example.test');
    assert.equal(m.length, 1);
    assert.match(m[0]!.subject, /意见征集更新：征求意见稿c-one/);
    assert.match(m[0]!.text, /http:\/\/gongkai\.test\/consultations\/c-one/);
  });

  test('the daily digest is one mail grouping two subscriptions of one person, sent at 08:00 once', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-08T02:00:00Z');
    const who = 'digest.reader@example.test';
    const manage = await subscribeAndConfirm(who, { kind: 'agency', agency: pub.agencyCode, frequency: 'daily' });
    await subscribeAndConfirm(who, { kind: 'theme', theme: 'general', frequency: 'daily' });
    const page = await p.server.inject({ url: manage });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /d\*\*\*@example\.test/, 'the address is masked even on its own page');
    assert.doesNotMatch(page.body, /digest\.reader@/);
    sink.messages.length = 0;
    await publishDocument(d, pub, { title: '摘要测试文件一', theme_code: 'general.emergency' });
    await publishDocument(d, pub, { title: '摘要测试文件二', theme_code: 'general.openness' });
    await fanOutAndDeliver();
    assert.equal(mailTo(who).length, 0, 'digest subscribers get no immediate mail');
    // 2026-04-08 10:00 Beijing: the day's 08:00 digest already passed before these items; the next one is due 2026-04-09 08:00.
    assert.equal(await sendDigests(d, new Date('2026-04-08T23:59:00Z'), 'daily'), 0);
    assert.equal(await sendDigests(d, new Date('2026-04-09T00:00:00Z'), 'daily'), 1);
    assert.equal(await sendDigests(d, new Date('2026-04-09T00:15:00Z'), 'daily'), 0, 'idempotent per person and period');
    await w.step();
    const mails = mailTo(who);
    assert.equal(mails.length, 1);
    const text = mails[0]!.text;
    assert.match(mails[0]!.subject, /每日摘要（2026-04-09）/);
    assert.match(text, /共 4 条/);
    assert.ok(text.indexOf('【') !== text.lastIndexOf('【'), 'two groups, one per subscription');
    assert.match(text, /摘要测试文件一/);
    assert.match(text, /摘要测试文件二/);
    assert.ok(mails[0]!.headers.get('list-unsubscribe'));
  });

  test('one-click unsubscribe (POST to the List-Unsubscribe URL of the received mail) stops all mail', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-10T02:00:00Z');
    const who = 'leaver@example.test';
    await subscribeAndConfirm(who, { kind: 'agency', agency: pub.agencyCode });
    sink.messages.length = 0;
    await publishDocument(d, pub, { title: '退订前的文件' });
    await fanOutAndDeliver();
    const got = mailTo(who);
    assert.equal(got.length, 1);
    const url = /^<([^>]+)>$/.exec(got[0]!.headers.get('list-unsubscribe') ?? '')?.[1] ?? '';
    const path = new URL(url).pathname;
    const confirmPage = await p.server.inject({ url: path });
    assert.equal(confirmPage.statusCode, 200, 'GET shows a confirmation page and changes nothing');
    assert.match(confirmPage.body, /确认退订全部/);
    // RFC 8058: no cookie, no CSRF token, just the one-click body.
    const r = await p.server.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /已退订/);
    const again = await p.server.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(again.statusCode, 200, 'repeating it is harmless');
    sink.messages.length = 0;
    await publishDocument(d, pub, { title: '退订后的文件' });
    await fanOutAndDeliver();
    assert.equal(mailTo(who).length, 0);
  });

  test('a bounce reported to /api/v1/mail-events suppresses the address, at enqueue and at send', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-11T02:00:00Z');
    const who = 'bouncer@example.test';
    await subscribeAndConfirm(who, { kind: 'agency', agency: pub.agencyCode });
    const api = (body: unknown, auth?: string) => p.server.inject({ method: 'POST', url: '/api/v1/mail-events', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, payload: JSON.stringify(body) });
    assert.equal((await api({ type: 'bounce', email: who })).statusCode, 401);
    assert.equal((await api({ type: 'bounce', email: who }, 'Bearer wrong-secret-wrong-secret')).statusCode, 401);
    assert.equal((await api({ type: 'nonsense', email: who }, `Bearer ${SECRET}`)).statusCode, 400);
    // A mail is already queued when the bounce arrives: it is not sent.
    sink.messages.length = 0;
    await publishDocument(d, pub, { title: '退信前排队的文件' });
    await drainEvents(d, 'subscriptions');
    const r = await api({ type: 'bounce', email: who.toUpperCase(), permanent: true }, `Bearer ${SECRET}`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(JSON.parse(r.body), { suppressed: true });
    await w.step();
    assert.equal(mailTo(who).length, 0);
    const row = await d.db.selectFrom('outbox').select(['status', 'last_error']).where('recipient', '=', who).where('kind', '=', 'subscription.notice').executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'failed', last_error: 'suppressed' });
    // Later events queue nothing for it.
    await publishDocument(d, pub, { title: '退信后的文件' });
    await drainEvents(d, 'subscriptions');
    const queued = await d.db.selectFrom('outbox').select('id').where('recipient', '=', who).where('status', '=', 'pending').execute();
    assert.equal(queued.length, 0);
  });

  test('development mode writes each mail as a parseable .eml file into the data directory', async () => {
    const dev = await buildApp({ env: { GONGKAI_MAIL_DIR: 'mail' } });
    try {
      assert.equal(dev.app.config.mail.mailDir, join(dev.dataDir, 'mail'));
      const devPub = await makePublisher(dev.app.deps, 'eml');
      const worker = startConfiguredWorker(dev.app.deps, dev.app.config, { intervalMs: 0 });
      const page = await dev.server.inject({ url: '/subscribe' });
      const c = { cookie: cookieHeader(cookiesOf(page)), csrf: csrfFromHtml(page.body) };
      const r = await dev.server.inject({ method: 'POST', url: '/subscribe', headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: c.csrf, email: 'eml@example.test', kind: 'agency', agency: devPub.agencyCode, frequency: 'immediate' }) });
      assert.equal(r.statusCode, 200);
      const rep = await worker.step();
      await worker.stop();
      assert.equal(rep.delivery.sent, 1);
      const dir = join(dev.dataDir, 'mail');
      assert.ok(existsSync(dir));
      const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
      assert.equal(files.length, 1);
      const raw = readFileSync(join(dir, files[0]!), 'latin1');
      const split = raw.indexOf('\r\n\r\n');
      assert.ok(split > 0, 'headers, a blank line, a body');
      const headers = raw.slice(0, split);
      assert.match(headers, /^To: eml@example\.test$/m);
      assert.match(headers, /^Message-ID: <[^>]+@gongkai\.test>$/m);
      assert.match(headers, /^Subject: =\?UTF-8\?/m);
      assert.match(headers, /^Content-Type: multipart\/alternative/m);
    } finally {
      await dev.dispose();
    }
    // The same through the mailer alone, with a redelivery overwriting its own file.
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir2 = mkdtempSync(join(tmpdir(), 'gongkai-eml-'));
    const m = fileMailer(dir2);
    const env = { messageId: '<x1@gongkai.test>', from: 'a@gongkai.test', to: 'b@example.test', subject: '主题', text: '正文', html: '<p>正文</p>', date: new Date('2026-04-01T00:00:00Z'), headers: { 'List-Unsubscribe': '<http://gongkai.test/unsubscribe/x>' } };
    await m.send(env);
    await m.send(env);
    m.close();
    const files2 = readdirSync(dir2);
    assert.equal(files2.length, 1);
    assert.match(readFileSync(join(dir2, files2[0]!), 'latin1'), /^List-Unsubscribe: <http:\/\/gongkai\.test\/unsubscribe\/x>$/m);
  });
});
