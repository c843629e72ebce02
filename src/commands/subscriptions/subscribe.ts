import type { Deps } from '../deps.js';
import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import type { ResolvedTarget } from './resolve-target.js';
import { isFrequency, normaliseEmail } from '../../domain/subscriptions/subscriptions.js';
import { newToken, tokenDigest } from '../../security/tokens.js';
import { subscriptionRepo } from '../../store/repos/subscription-repo.js';
import { enqueue } from '../../store/repos/outbox-repo.js';
import type { Locale } from '../../i18n/i18n.js';
import { resolveTarget } from './resolve-target.js';
import { subscriberPaths, subscriptionLinkKey } from './links.js';

/** A subscription request as typed in a form. */
export interface SubscribeInput {
  email: string;
  kind: string;
  target: string;
  subtree?: boolean;
  frequency: string;
  locale: Locale;
}

/** Mail kinds of this area. */
export const SUBSCRIPTION_MAIL = { confirm: 'subscription.confirm', already: 'subscription.already', notice: 'subscription.notice', digest: 'subscription.digest' } as const;

/**
 * Starts a subscription (double opt-in): the subscription is stored `pending` with the SHA-256 of
 * a fresh one-time token, and a confirmation mail carrying the token's link is queued in the same
 * transaction. Nothing is sent before confirmation. An address on the suppression list gets no
 * mail; an existing confirmed subscription gets a reminder with the management link instead.
 * The answer is the same in every case, so the form never tells whether an address is known.
 */
export async function subscribe(deps: Deps, input: SubscribeInput): Promise<void> {
  const email = normaliseEmail(input.email);
  const issues: FieldIssue[] = [];
  if (!email) issues.push({ field: 'email', code: input.email.trim() ? 'bad_email' : 'required' });
  if (!isFrequency(input.frequency)) issues.push({ field: 'frequency', code: 'required' });
  let resolved: ResolvedTarget | undefined;
  try {
    resolved = await resolveTarget(deps, input.locale, input.kind, input.target, input.subtree === true);
  } catch (e) {
    if (e instanceof AppError && e.kind === 'invalid') issues.push(...e.fields);
    else throw e;
  }
  if (issues.length || !email || !resolved || !isFrequency(input.frequency)) throw invalid(issues.length ? issues : [{ field: 'target', code: 'invalid' }]);
  const frequency = input.frequency;
  const key = await subscriptionLinkKey(deps);
  const now = deps.clock.now().toISOString();
  const token = newToken();
  await deps.db.transaction().execute(async (trx) => {
    const person = await subscriptionRepo.subscriber(trx, { id: deps.newId(), email, locale: input.locale, link_version: 1, created_at: now });
    const r = await subscriptionRepo.upsertPending(trx, {
      id: deps.newId(),
      subscriber_id: person.id,
      kind: resolved.kind,
      target: resolved.target,
      label: resolved.label,
      frequency,
      status: 'pending',
      confirm_token_hash: tokenDigest(token),
      created_at: now,
      confirmed_at: null,
      removed_at: null,
    });
    if ((await subscriptionRepo.suppressedAmong(trx, [email])).size) return;
    const base = { kind_of: resolved.kind, label: resolved.label, frequency, ...subscriberPaths(key, person) };
    await enqueue(trx, {
      kind: r.alreadyConfirmed ? SUBSCRIPTION_MAIL.already : SUBSCRIPTION_MAIL.confirm,
      channel: 'email',
      recipient: { email },
      locale: input.locale,
      // The token travels only in the mail; the store keeps its digest (and the outbox this payload until sent).
      payload: r.alreadyConfirmed ? base : { ...base, confirm_path: `/subscriptions/confirm/${token}` },
      dedupeKey: r.alreadyConfirmed ? `subscription.already:${r.id}:${now}` : `subscription.confirm:${r.id}:${tokenDigest(token).slice(0, 16)}`,
      createdAt: now,
    });
  });
}
