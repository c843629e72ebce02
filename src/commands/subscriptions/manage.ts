import type { Deps } from '../deps.js';
import { AppError } from '../../domain/errors.js';
import { isFrequency } from '../../domain/subscriptions/subscriptions.js';
import { tokenDigest } from '../../security/tokens.js';
import { subscriptionRepo } from '../../store/repos/subscription-repo.js';
import { subscriberFromToken, subscriberPaths, subscriptionLinkKey } from './links.js';

/**
 * Confirms a subscription from its one-time link (the second step of double opt-in). Returns the
 * management page path. A used, unknown or malformed token is `subscription_link_invalid`.
 */
export async function confirmSubscription(deps: Deps, token: string): Promise<{ managePath: string; label: string }> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new AppError('subscription_link_invalid');
  const key = await subscriptionLinkKey(deps);
  return deps.db.transaction().execute(async (trx) => {
    const s = await subscriptionRepo.confirm(trx, tokenDigest(token), deps.clock.now().toISOString());
    if (!s) throw new AppError('subscription_link_invalid');
    const person = await subscriptionRepo.subscriberById(trx, s.subscriber_id);
    if (!person) throw new AppError('subscription_link_invalid');
    return { managePath: subscriberPaths(key, person).manage_path, label: s.label };
  });
}

/** Changes the frequency of one of the link holder's subscriptions. */
export async function changeFrequency(deps: Deps, token: string, subscriptionId: string, frequency: string): Promise<void> {
  const person = await subscriberFromToken(deps, token);
  if (!isFrequency(frequency)) throw new AppError('validation_failed', { fields: [{ field: 'frequency', code: 'invalid' }] });
  if (!(await subscriptionRepo.setFrequency(deps.db, person.id, subscriptionId, frequency))) throw new AppError('subscription_not_found');
}

/** Removes one of the link holder's subscriptions (its pending digest items go with it). */
export async function removeSubscription(deps: Deps, token: string, subscriptionId: string): Promise<void> {
  const person = await subscriberFromToken(deps, token);
  const n = await deps.db.transaction().execute((trx) => subscriptionRepo.remove(trx, person.id, subscriptionId, deps.clock.now().toISOString()));
  if (n === 0) throw new AppError('subscription_not_found');
}

/**
 * Removes every subscription of the link holder (the List-Unsubscribe one-click action, RFC 8058).
 * Idempotent: a second call finds nothing to remove and succeeds. Returns how many were removed.
 */
export async function unsubscribeAll(deps: Deps, token: string): Promise<number> {
  const person = await subscriberFromToken(deps, token);
  return deps.db.transaction().execute((trx) => subscriptionRepo.remove(trx, person.id, null, deps.clock.now().toISOString()));
}
