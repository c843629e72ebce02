import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { submitRevision } from '../src/commands/documents/submit-revision.js';
import { startConfiguredWorker } from '../src/jobs/worker.js';
import { PLATFORM_JOBS } from '../src/jobs/platform-jobs.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, seedTree } from './helpers/factories.js';

describe('scheduled publishing job (run by the worker)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test('a publication that fell due while the server was down happens when the job starts', async () => {
    const d = p.app.deps;
    const t = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 's-editor', t.city, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 's-reviewer', t.city, 'reviewer'));
    p.clock.set('2026-03-02T02:00:00Z');
    const { documentId, revisionId } = await createDraft(d, editor, t.city.id, draftInput({ title: '停机期间到期的定时发布' }));
    await submitRevision(d, editor, revisionId, 1);
    await reviewRevision(d, reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
    await reviewRevision(d, reviewer, revisionId, { stage: 'approval', decision: 'pass', publishAt: '2026-03-02T03:00:00Z' });
    // The server was down at 03:00 and starts again at 08:00.
    p.clock.set('2026-03-02T08:00:00Z');
    // `gongkai serve` and `gongkai worker` run the same jobs; the first step runs every job.
    const errors: unknown[] = [];
    const worker = startConfiguredWorker(d, p.app.config, { ...PLATFORM_JOBS, intervalMs: 0, onError: (e) => errors.push(e) });
    const report = await worker.step();
    await worker.stop();
    assert.deepEqual(errors, []);
    assert.ok(report.jobsRun.includes('scheduled-publishing'));
    const doc = await d.db.selectFrom('documents').select(['status', 'first_published_at']).where('id', '=', documentId).executeTakeFirstOrThrow();
    assert.equal(doc.status, 'published');
    assert.equal(doc.first_published_at, '2026-03-02T08:00:00.000Z');
  });
});
