import type { Deps } from '../deps.js';
import { newToken } from '../../security/tokens.js';
import { readManageToken, signManageToken } from '../../domain/subscriptions/subscriptions.js';
import { subscriptionRepo } from '../../store/repos/subscription-repo.js';
import type { SubscriberTable } from '../../store/schema.js';
import { AppError } from '../../domain/errors.js';

const keys = new WeakMap<object, string>();

/** The instance's key for signing management links (created once, kept in the store, cached per database). */
export async function subscriptionLinkKey(deps: Pick<Deps, 'db' | 'clock'>): Promise<string> {
  const cached = keys.get(deps.db);
  if (cached) return cached;
  const key = await subscriptionRepo.linkKey(deps.db, newToken(), deps.clock.now().toISOString());
  keys.set(deps.db, key);
  return key;
}

/** Paths of a subscriber's management page and one-click unsubscribe URL. */
export function subscriberPaths(key: string, s: Pick<SubscriberTable, 'id' | 'link_version'>): { manage_path: string; unsubscribe_path: string } {
  const token = signManageToken(key, s.id, s.link_version);
  return { manage_path: `/subscriptions/manage/${token}`, unsubscribe_path: `/unsubscribe/${token}` };
}

/** The subscriber a management token names; `subscription_link_invalid` when forged, malformed or outdated. */
export async function subscriberFromToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<SubscriberTable> {
  const key = await subscriptionLinkKey(deps);
  const t = readManageToken(key, token);
  const s = t ? await subscriptionRepo.subscriberById(deps.db, t.subscriberId) : undefined;
  if (!t || !s || s.link_version !== t.version) throw new AppError('subscription_link_invalid');
  return s;
}
