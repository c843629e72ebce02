import type { Deps } from '../deps.js';
import { apFollowers, apRemoteKeys, enqueueDelivery, type ApRemoteKeyRow } from '../../store/repos/activitypub-repo.js';

/** A verified Follow of an agency's actor. */
export interface AcceptedFollow {
  agencyId: string;
  follower: { actorUrl: string; inbox: string; sharedInbox: string | null };
  followId: string;
  /** The signed-later Accept: its id and JSON text, delivered to the follower's inbox. */
  accept: { id: string; body: string };
}

/**
 * Records a follower and queues the Accept to its inbox, in one transaction: a follower is
 * stored if and only if its Accept will be delivered. Following again refreshes the inboxes and
 * queues an Accept for the new Follow (dedupe by Accept id and inbox).
 */
export async function acceptFollow(deps: Deps, f: AcceptedFollow): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await apFollowers.upsert(trx, { agency_id: f.agencyId, actor_url: f.follower.actorUrl, inbox: f.follower.inbox, shared_inbox: f.follower.sharedInbox, follow_id: f.followId, created_at: at });
    await enqueueDelivery(trx, { id: deps.newId(), agency_id: f.agencyId, inbox: f.follower.inbox, activity_id: f.accept.id, body: f.accept.body, dedupe_key: `${f.accept.id} ${f.follower.inbox}`, not_before: at, created_at: at });
  });
}

/** Removes a follower (Undo of a Follow, or the account's deletion); true when one was removed. */
export function removeFollower(deps: Deps, agencyId: string, actorUrl: string): Promise<boolean> {
  return apFollowers.remove(deps.db, agencyId, actorUrl);
}

/** Removes a follow by its Follow id (an Undo that names the Follow by id only). */
export function removeFollow(deps: Deps, actorUrl: string, followId: string): Promise<boolean> {
  return apFollowers.removeFollow(deps.db, actorUrl, followId);
}

/** Removes every follow of a deleted remote account. */
export function removeRemoteActor(deps: Deps, actorUrl: string): Promise<number> {
  return apFollowers.removeActor(deps.db, actorUrl);
}

/** Caches a remote public key fetched from its owner's actor document. */
export function cacheRemoteKey(deps: Deps, row: ApRemoteKeyRow): Promise<void> {
  return apRemoteKeys.put(deps.db, row);
}
