import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { DEMO_DOCUMENTS } from '../src/commands/demo-content/index.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { GENRES } from '../src/domain/documents/genres.js';
import { cataloguePage, documentView } from '../src/queries/documents.js';
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
    assert.equal(all.total, DEMO_DOCUMENTS.length);
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

  test('seeding twice does nothing', async () => {
    assert.equal((await seedDemo(p.app.deps)).seeded, false);
    assert.equal((await cataloguePage(p.app.deps, {}, 1, 1)).total, DEMO_DOCUMENTS.length);
  });
});
