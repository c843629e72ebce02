import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { ENGAGEMENT_DOCUMENT_COUNT, ENGAGEMENT_TITLES } from '../src/commands/demo-content/engagement.js';
import { DEMO_DOCUMENTS } from '../src/commands/demo-content/index.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { GENRES } from '../src/domain/documents/genres.js';
import { publicConsultation, publicConsultations } from '../src/queries/consultations.js';
import { cataloguePage, documentView } from '../src/queries/documents.js';
import { publishedMessages, ratingSummaries } from '../src/queries/messages.js';
import { lateDocuments, policiesWithoutInterpretation } from '../src/queries/staff-documents.js';
import { buildApp, type TestPlatform } from './helpers/app.js';

describe('demo content is published through the real workflow', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
    const r = await seedDemo(p.app.deps);
    assert.equal(r.seeded, true);
  });
  after(async () => p.dispose());

  test('every demo document is in the public catalogue, every genre present', async () => {
    const d = p.app.deps;
    const all = await cataloguePage(d, {}, 1, 1);
    assert.equal(all.total, DEMO_DOCUMENTS.length + ENGAGEMENT_DOCUMENT_COUNT);
    for (const g of GENRES) {
      const page = await cataloguePage(d, { genre: g }, 1, 1);
      assert.ok(page.total > 0, `genre ${g} has documents`);
    }
  });

  test('corrections, validity changes, interpretations and late publications are all represented', async () => {
    const d = p.app.deps;
    const versions = await d.db.selectFrom('documents').select('index_number').where('current_version', '>', 1).execute();
    assert.ok(versions.length >= 5);
    const repealed = await cataloguePage(d, { validity: 'repealed' }, 1, 10);
    assert.ok(repealed.items.length >= 1);
    const first = repealed.items[0];
    assert.ok(first);
    const view = await documentView(d, first.index_number);
    assert.ok(view.replacedBy, 'the repealed document names its replacement');
    assert.ok((await cataloguePage(d, { validity: 'amended' }, 1, 1)).total >= 1);
    assert.ok((await lateDocuments(d, SYSTEM_ACTOR)).length > 0);
    assert.ok((await policiesWithoutInterpretation(d, SYSTEM_ACTOR)).length > 0);
    const interp = await d.db.selectFrom('documents').select('id').where('genre', '=', 'interpretation').where('interprets_id', 'is not', null).execute();
    assert.ok(interp.length >= 10);
    const csv = await d.db.selectFrom('blobs').select('sha256').where('ext', '=', 'csv').execute();
    assert.ok(csv.length >= 10, 'budgets and statistics carry CSV tables');
    const entries = await d.db.selectFrom('tlog_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const events = await d.db.selectFrom('document_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(entries.n), Number(events.n), 'one log entry per public event');
  });

  test('an open consultation with approved comments and a closed one with its summary', async () => {
    const d = p.app.deps;
    const now = d.clock.now().getTime();
    const lines = await publicConsultations(d);
    const open = lines.find((c) => c.title === ENGAGEMENT_TITLES.open);
    const closed = lines.find((c) => c.title === ENGAGEMENT_TITLES.closed);
    assert.ok(open && closed);
    assert.equal(open.phase, 'open');
    const daysLeft = (Date.parse(open.ends_at) - now) / 86_400_000;
    assert.ok(daysLeft > 19 && daysLeft < 23, `closes in about three weeks (${daysLeft})`);
    assert.ok(Date.parse(open.starts_at) < now);
    assert.equal(closed.phase, 'closed');
    assert.equal(closed.summary_published, true);
    const oc = await publicConsultation(d, open.id);
    const shown = oc.comments.filter((c) => !c.hidden);
    assert.ok(shown.length >= 3 && shown.length <= 5, `approved comments: ${shown.length}`);
    assert.ok(shown.every((c) => c.paragraph_no !== null), 'every comment cites an article');
    const anonymous = await d.db.selectFrom('consultation_comments').select('id').where('consultation_id', '=', open.id).where('anonymous', '=', 1).execute();
    assert.equal(anonymous.length, 1);
    const cc = await publicConsultation(d, closed.id);
    assert.ok(cc.summary && cc.summary.points.length >= 2);
    assert.equal(cc.summary.final?.title, ENGAGEMENT_TITLES.final, 'the summary links to the final policy');
    assert.ok(cc.summary.total_comments >= 3);

    const list = await p.server.inject({ url: '/consultations' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(ENGAGEMENT_TITLES.open) && list.body.includes(ENGAGEMENT_TITLES.closed));
    const page = await p.server.inject({ url: `/consultations/${open.id}` });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(shown[0]?.body?.slice(0, 10) ?? '\u0000'));
    assert.ok(!page.body.includes('@demo.gongkai.invalid'), 'no commenter address on the page');
  });

  test('answered public messages with ratings, and a private one that stays private', async () => {
    const d = p.app.deps;
    const pub = await publishedMessages(d, {});
    assert.ok(pub.total >= 4 && pub.total <= 6, `public messages: ${pub.total}`);
    assert.deepEqual(new Set(pub.items.map((m) => m.kind)), new Set(['question', 'suggestion', 'complaint']));
    assert.ok(!pub.items.some((m) => m.title === ENGAGEMENT_TITLES.private));
    const rated = await d.db.selectFrom('messages').select(['rating', 'is_public']).where('rated_at', 'is not', null).execute();
    assert.equal(rated.length, pub.total, 'every public message is rated');
    assert.ok((await ratingSummaries(d)).length > 0);
    const priv = await d.db.selectFrom('messages').select(['state', 'published', 'tracking_number']).where('title', '=', ENGAGEMENT_TITLES.private).executeTakeFirstOrThrow();
    assert.equal(priv.state, 'answered');
    assert.equal(priv.published, 0);

    const list = await p.server.inject({ url: '/messages' });
    assert.equal(list.statusCode, 200);
    for (const m of pub.items) assert.ok(list.body.includes(m.title), m.title);
    assert.ok(!list.body.includes(ENGAGEMENT_TITLES.private));
    for (const name of ['林晓雨', '赵一鸣', 'lin.xiaoyu@', 'zheng.heping@']) assert.ok(!list.body.includes(name), name);
    const first = pub.items[0];
    assert.ok(first);
    const page = await p.server.inject({ url: `/messages/${first.tracking_number}` });
    assert.equal(page.statusCode, 200);
    assert.equal((await p.server.inject({ url: `/messages/${priv.tracking_number}` })).statusCode, 404);
  });

  test('seeding twice does nothing', async () => {
    assert.equal((await seedDemo(p.app.deps)).seeded, false);
    assert.equal((await cataloguePage(p.app.deps, {}, 1, 1)).total, DEMO_DOCUMENTS.length + ENGAGEMENT_DOCUMENT_COUNT);
  });
});
