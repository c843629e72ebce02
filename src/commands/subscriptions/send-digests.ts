/**
 * Daily and weekly digests (issue 8 §3): one e-mail per person and period across all of that
 * person's subscriptions, grouped by subscription. Sent at 08:00 local time (weekly on Monday)
 * by a periodic job; idempotent per person and period: the outbox dedupe key is
 * `subscription.digest:<subscriber>:<frequency>:<period date>`, and the items it carries are
 * marked with the period in the same transaction, so a rerun finds nothing to send.
 */
import type { Insertable } from 'kysely';
import type { Deps } from '../deps.js';
import { currentDigestPeriod, signManageToken } from '../../domain/subscriptions/subscriptions.js';
import { subscriptionRepo } from '../../store/repos/subscription-repo.js';
import type { OutboxTable } from '../../store/schema.js';
import { subscriptionLinkKey } from './links.js';
import { SUBSCRIPTION_MAIL } from './subscribe.js';
import { summarise, type EventSummary } from './fan-out.js';

/** Subscribers handled per transaction. */
const BATCH = 500;
/** Events listed per subscription in one digest; the rest are counted. */
const MAX_PER_GROUP = 50;

/** Queues the digests of `frequency` that are due at `now`; returns how many mails were queued. */
export async function sendDigests(deps: Deps, now: Date, frequency: 'daily' | 'weekly'): Promise<number> {
  const period = currentDigestPeriod(now, deps.defaultTimeZone, frequency);
  const cutoff = period.dueAt.toISOString();
  const key = await subscriptionLinkKey(deps);
  const mark = `${frequency}:${period.key}`;
  const agencies = new Map((await deps.db.selectFrom('agencies').select(['id', 'name_zh', 'name_en']).execute()).map((a) => [a.id, a]));
  let queued = 0;
  for (;;) {
    const ids = await subscriptionRepo.dueDigestSubscribers(deps.db, frequency, cutoff, BATCH);
    if (!ids.length) break;
    const rows = await subscriptionRepo.digestItems(deps.db, ids, frequency, cutoff);
    const suppressed = await subscriptionRepo.suppressedAmong(deps.db, rows.map((r) => r.email));
    const at = deps.clock.now().toISOString();
    const mails: Insertable<OutboxTable>[] = [];
    for (const id of ids) {
      const mine = rows.filter((r) => r.subscriber_id === id && r.status === 'confirmed');
      const first = mine[0];
      if (!first || suppressed.has(first.email)) continue;
      const groups: { label: string; events: EventSummary[]; more: number }[] = [];
      for (const r of mine) {
        let g = groups.find((x) => x.label === r.label);
        if (!g) groups.push((g = { label: r.label, events: [], more: 0 }));
        if (g.events.length >= MAX_PER_GROUP) g.more++;
        else g.events.push(await summarise(deps, { kind: r.event_kind, payload: r.payload, subject_type: r.subject_type, subject_id: r.subject_id, agency_id: null, occurred_at: r.occurred_at }, agencies));
      }
      const token = signManageToken(key, id, first.link_version);
      mails.push({
        id: deps.newId(),
        kind: SUBSCRIPTION_MAIL.digest,
        channel: 'email',
        recipient_type: 'email',
        recipient: first.email,
        locale: first.locale,
        payload: JSON.stringify({ frequency, period: period.key, groups, manage_path: `/subscriptions/manage/${token}`, unsubscribe_path: `/unsubscribe/${token}` }),
        dedupe_key: `subscription.digest:${id}:${frequency}:${period.key}`,
        agency_id: null,
        status: 'pending',
        not_before: at,
        attempts: 0,
        last_error: null,
        claim_token: null,
        lease_until: null,
        created_at: at,
        sent_at: null,
        failed_at: null,
        read_at: null,
      });
    }
    await deps.db.transaction().execute(async (trx) => {
      await subscriptionRepo.enqueueMany(trx, mails);
      await subscriptionRepo.markDigested(trx, ids, frequency, cutoff, mark);
    });
    queued += mails.length;
  }
  return queued;
}
