import type { Exec } from '../store/schema.js';
import { insertEvent } from '../store/repos/event-repo.js';
import { invalidateRenders, tagsOfSubject } from '../store/repos/page-render-repo.js';
import type { Deps } from './deps.js';

/**
 * The consumers of platform events (issue 8). Each gets its own queue row per event, written in
 * the event's transaction; `jobs/event-consumers.ts` maps each name to its handler.
 */
export const EVENT_CONSUMERS = ['subscriptions', 'webhooks', 'activitypub'] as const;
export type EventConsumer = (typeof EVENT_CONSUMERS)[number];

/** The kinds of platform events. */
export type EventKind =
  | 'document.published'
  | 'document.corrected'
  | 'document.withdrawn'
  | 'document.validity_changed'
  | 'consultation.opened'
  | 'consultation.closed'
  | 'consultation.summary_published'
  | 'message.answer_published';

/** A JSON value. */
export type EventJson = string | number | boolean | null | EventJson[] | { [key: string]: EventJson };

/** What to record. The payload is public data only: it reaches webhooks, feeds and e-mail. */
export interface NewEvent {
  kind: EventKind;
  agencyId: string | null;
  subjectType: 'document' | 'consultation' | 'message';
  subjectId: string;
  payload: { [key: string]: EventJson };
  /** ISO-8601 UTC; default now. */
  at?: string;
}

/** Records a platform event on the caller's transaction and queues it for every consumer. Returns its id. */
export async function recordEvent(trx: Exec, deps: Pick<Deps, 'newId' | 'clock'>, e: NewEvent): Promise<string> {
  const id = deps.newId();
  await insertEvent(
    trx,
    { id, kind: e.kind, agency_id: e.agencyId, subject_type: e.subjectType, subject_id: e.subjectId, payload: JSON.stringify(e.payload), occurred_at: e.at ?? deps.clock.now().toISOString() },
    EVENT_CONSUMERS,
  );
  // Stored pages that show the subject are forgotten with the change (static publishing).
  await invalidateRenders(trx, await tagsOfSubject(trx, e.subjectType, e.subjectId));
  return id;
}
