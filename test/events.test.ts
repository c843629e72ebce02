import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { drainEvents } from '../src/jobs/event-consumers.js';
import { claimEvents, type EventRow } from '../src/store/repos/event-repo.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

describe('platform events (issue 8 §5): written with the change, one queue per consumer, at-least-once', () => {
  let p: TestPlatform;
  let pub: Publisher;
  before(async () => {
    p = await buildApp();
    pub = await makePublisher(p.app.deps, 'ev');
  });
  after(async () => p.dispose());

  test('publishing and withdrawing record events, each queued for every consumer', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-01T02:00:00Z');
    const { documentId, indexNumber } = await publishDocument(d, pub, { title: '事件测试文件' });
    await withdrawDocument(d, pub.reviewer, documentId, '内容已过时');
    const events = await d.db.selectFrom('events').selectAll().where('subject_id', '=', documentId).orderBy('occurred_at').execute();
    assert.deepEqual(events.map((e) => e.kind), ['document.published', 'document.withdrawn']);
    const payload = JSON.parse(events[0]!.payload) as Record<string, unknown>;
    assert.equal(payload.index_number, indexNumber);
    assert.equal(payload.title, '事件测试文件');
    const queued = await d.db.selectFrom('event_queue').select(['consumer', 'status']).where('event_id', '=', events[0]!.id).orderBy('consumer').execute();
    assert.deepEqual(queued.map((q) => q.consumer), ['activitypub', 'subscriptions', 'webhooks']);
    assert.ok(queued.every((q) => q.status === 'pending'));
  });

  test('a failing handler is retried with backoff; a claim whose worker died is handled again after its lease', async () => {
    const d = p.app.deps;
    p.clock.set('2026-04-02T02:00:00Z');
    const { documentId } = await publishDocument(d, pub, { title: '重试测试文件' });
    const seen: string[] = [];
    let fail = true;
    const handler = async (_d: unknown, e: EventRow) => {
      if (e.subject_id !== documentId) return;
      seen.push(e.kind);
      if (fail) throw new Error('receiver down');
    };
    const r1 = await drainEvents(d, 'webhooks', { handler });
    assert.ok(r1.retried >= 1);
    // Not due again before the first backoff (1 minute).
    const r2 = await drainEvents(d, 'webhooks', { handler, now: new Date('2026-04-02T02:00:30Z') });
    assert.equal(r2.retried + r2.done, 0);
    fail = false;
    const r3 = await drainEvents(d, 'webhooks', { handler, now: new Date('2026-04-02T02:01:01Z') });
    assert.ok(r3.done >= 1);
    assert.deepEqual(seen, ['document.published', 'document.published']);
    // Another consumer claims and "dies" before finishing: its lease runs out and the event comes back.
    const claimed = await claimEvents(d.db, d.ops, { consumer: 'activitypub', now: '2026-04-02T02:02:00.000Z', leaseUntil: '2026-04-02T02:07:00.000Z', limit: 100, token: 'dead-worker' });
    assert.ok(claimed.some((c) => c.event.subject_id === documentId));
    const during = await drainEvents(d, 'activitypub', { handler, now: new Date('2026-04-02T02:03:00Z') });
    assert.equal(during.done, 0);
    const afterLease = await drainEvents(d, 'activitypub', { handler, now: new Date('2026-04-02T02:08:00Z') });
    assert.ok(afterLease.done >= 1);
    const row = await d.db.selectFrom('event_queue').innerJoin('events', 'events.id', 'event_queue.event_id').select(['event_queue.status', 'event_queue.attempts']).where('event_queue.consumer', '=', 'activitypub').where('events.subject_id', '=', documentId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);
  });
});
