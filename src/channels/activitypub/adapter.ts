/**
 * The ActivityPub channel (issue 8 §4): each agency is an actor that Mastodon and other
 * fediverse servers can follow. `handle` turns a document's publication, correction or
 * withdrawal into a Create or Update and queues one signed delivery per follower inbox —
 * once per shared inbox, so a server with many followers receives it once. Idempotent: the
 * deliveries' dedupe keys are (activity id, inbox), and the activity id is the event's.
 */
import type { ChannelAdapter } from '../channel.js';
import type { Deps } from '../../commands/deps.js';
import { apActorOf, apEntriesOf, isApDocumentKind } from '../../queries/activitypub.js';
import { apFollowers, enqueueDelivery } from '../../store/repos/activitypub-repo.js';
import type { EventRow } from '../../store/repos/event-repo.js';
import { documentActivity } from './activities.js';
import { publicUrlOfActor } from './delivery.js';
import { registerActivityPubRoutes } from './routes.js';

/** The inboxes to deliver to: each follower's shared inbox if it has one, else its own, once each. */
export function deliveryTargets(followers: readonly { inbox: string; shared_inbox: string | null }[]): string[] {
  return [...new Set(followers.map((f) => f.shared_inbox ?? f.inbox))].sort();
}

/** Queues the deliveries of one platform event. */
export async function handleActivityPubEvent(deps: Deps, event: EventRow, now: Date): Promise<void> {
  if (event.subject_type !== 'document' || !isApDocumentKind(event.kind) || !event.agency_id) return;
  // No actor yet means nobody can follow the agency yet: nothing to deliver. The outbox still
  // lists the event, since it is read from the events themselves.
  const actor = await apActorOf(deps, event.agency_id);
  if (!actor) return;
  const followers = await apFollowers.of(deps.db, event.agency_id);
  if (followers.length === 0) return;
  const [entry] = await apEntriesOf(deps, [event]);
  if (!entry) return;
  const activity = documentActivity(publicUrlOfActor(actor.actor_url), actor.actor_url, entry);
  const body = JSON.stringify(activity);
  const id = String(activity.id);
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const inbox of deliveryTargets(followers)) {
      await enqueueDelivery(trx, { id: deps.newId(), agency_id: event.agency_id ?? '', inbox, activity_id: id, body, dedupe_key: `${id} ${inbox}`, not_before: at, created_at: at });
    }
  });
}

export const activityPubAdapter: ChannelAdapter = {
  name: 'activitypub',
  handle: handleActivityPubEvent,
  routes: registerActivityPubRoutes,
};
