import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { submitComment } from '../src/commands/consultations/comment.js';
import { openConsultation } from '../src/commands/consultations/open-consultation.js';
import { answerMessage } from '../src/commands/messages/answer-message.js';
import { submitMessage } from '../src/commands/messages/submit-message.js';
import { unpublishMessage } from '../src/commands/messages/unpublish-message.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { DRAFT_BODY } from './helpers/consultations.js';
import { actorFor, makeStaff } from './helpers/factories.js';
import { makePublisher, publishDocument } from './helpers/publish.js';

/**
 * The sitemap lists the engagement pages of issue 8: the consultation and message lists, every
 * consultation (whatever its phase) with the date its page last changed, and every published
 * message; never a private, unanswered or withdrawn message.
 */
describe('sitemap: consultations and published messages', () => {
  let p: TestPlatform;
  let consultationId = '';
  const numbers = { published: '', unanswered: '', private: '', withdrawn: '' };
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    p.clock.set(new Date('2026-03-02T02:00:00Z'));
    const pub = await makePublisher(d, 'smap');
    const draft = await publishDocument(d, pub, { title: '城市公园管理办法（征求意见稿）', doc_number: '', body_html: DRAFT_BODY });
    consultationId = (await openConsultation(d, pub.editor, { agency_id: pub.agencyId, draft_index_number: draft.indexNumber, starts_local: '2026-03-02T09:00', ends_local: '2026-03-20T18:00', allow_anonymous: true, moderation: 'post' })).id;
    p.clock.set(new Date('2026-03-05T03:00:00Z'));
    await submitComment(d, { consultation_id: consultationId, paragraph: '', body: '建议延长开放时间。', display_name: '', mode: 'anonymous', email: '', reader_id: 'reader-1', locale: 'zh-CN' });

    const city = await d.db.selectFrom('agencies').selectAll().where('id', '=', pub.agencyId).executeTakeFirstOrThrow();
    const officer = await actorFor(d, await makeStaff(d, 'smap-officer', city, 'request_officer'));
    const send = (title: string, isPublic: boolean) => submitMessage(d, city.id, { kind: 'question', category: 'policy', title, body: '内容', name: '测试人', email: 'sitemap.sender@example.test', is_public: isPublic });
    const published = await send('公开留言', true);
    const unanswered = await send('未答复留言', true);
    const priv = await send('私密留言', false);
    const withdrawn = await send('撤下留言', true);
    p.clock.set(new Date('2026-03-09T02:00:00Z'));
    for (const m of [published, priv, withdrawn]) await answerMessage(d, officer, m.messageId, '答复内容。');
    await unpublishMessage(d, officer, withdrawn.messageId, '含有不宜公开的内容。');
    Object.assign(numbers, { published: published.trackingNumber, unanswered: unanswered.trackingNumber, private: priv.trackingNumber, withdrawn: withdrawn.trackingNumber });
  });
  after(async () => p.dispose());

  test('lists both lists, each consultation and each published message in both languages', async () => {
    const res = await p.server.inject({ url: '/sitemap.xml' });
    assert.equal(res.statusCode, 200);
    const all = locs(res.body);
    for (const path of ['/consultations', '/messages', `/consultations/${consultationId}`, `/messages/${numbers.published}`]) {
      assert.ok(all.includes(`http://gongkai.test${path}`), path);
      assert.ok(all.includes(`http://gongkai.test/en${path}`), `/en${path}`);
    }
    // The consultation's page last changed with its comment (5 March), the message's at its answer (9 March).
    const entry = (path: string) => res.body.split('<url>').find((u) => u.includes(`<loc>http://gongkai.test${path}</loc>`)) ?? '';
    assert.match(entry(`/consultations/${consultationId}`), /<lastmod>2026-03-05<\/lastmod>/);
    assert.match(entry(`/messages/${numbers.published}`), /<lastmod>2026-03-09<\/lastmod>/);
    assert.match(entry(`/consultations/${consultationId}`), new RegExp(`hreflang="en" href="http://gongkai.test/en/consultations/${consultationId}"`));
    // Every listed engagement page answers 200.
    for (const u of all.filter((x) => /\/(consultations|messages)(\/|$)/.test(x))) {
      const r = await p.server.inject({ url: u.slice('http://gongkai.test'.length) });
      assert.equal(r.statusCode, 200, u);
    }
  });

  test('never a private, unanswered or withdrawn message', async () => {
    const body = (await p.server.inject({ url: '/sitemap.xml' })).body;
    for (const n of [numbers.unanswered, numbers.private, numbers.withdrawn]) {
      assert.ok(n);
      assert.ok(!body.includes(n), n);
    }
    assert.ok(!body.includes('sitemap.sender'));
  });
});
