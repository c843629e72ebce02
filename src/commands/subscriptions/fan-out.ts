/**
 * The subscriptions consumer's work for one platform event (issue 8 §3): find the confirmed
 * subscriptions it concerns in one set-based query, then write, in one transaction, one outbox
 * mail per immediate subscriber (dedupe key per subscriber and event) and one pending digest item
 * per daily or weekly subscription (key: subscription and event). Idempotent: handling the same
 * event again inserts nothing new. No per-subscriber round trips: rows go in multi-row batches.
 */
import type { Insertable } from 'kysely';
import type { Deps } from '../deps.js';
import type { EventRow } from '../../store/repos/event-repo.js';
import { subscriptionRepo, type MatchClause, type MatchedSubscription } from '../../store/repos/subscription-repo.js';
import type { OutboxTable, SubscriptionDigestItemTable } from '../../store/schema.js';
import { agencyIdsOnPath, kindsHearing, themeAncestry } from '../../domain/subscriptions/subscriptions.js';
import { signManageToken } from '../../domain/subscriptions/subscriptions.js';
import { matchingSearches } from './search-match.js';
import { subscriptionLinkKey } from './links.js';
import { SUBSCRIPTION_MAIL } from './subscribe.js';

/** The public facts of an event that a subscription mail shows (no personal data: events carry public data only). */
export interface EventSummary {
  event_kind: string;
  title: string;
  index_number: string;
  path: string;
  agency_zh: string;
  agency_en: string;
  note: string;
  at: string;
}

function str(p: Record<string, unknown>, k: string): string {
  const v = p[k];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The public summary of an event for mail. */
export async function summarise(deps: Pick<Deps, 'db'>, e: Pick<EventRow, 'kind' | 'payload' | 'subject_type' | 'subject_id' | 'agency_id' | 'occurred_at'>, agencies?: Map<string, { name_zh: string; name_en: string }>): Promise<EventSummary> {
  const p = JSON.parse(e.payload) as Record<string, unknown>; // event payloads are JSON objects (recordEvent)
  let ag = e.agency_id ? agencies?.get(e.agency_id) : undefined;
  if (!ag && e.agency_id) ag = await deps.db.selectFrom('agencies').select(['name_zh', 'name_en']).where('id', '=', e.agency_id).executeTakeFirst();
  const index = str(p, 'index_number');
  const [code = '', ys = ''] = index.split('/');
  const path = e.subject_type === 'document' && index ? `/documents/${encodeURIComponent(code)}/${encodeURIComponent(ys)}` : str(p, 'path') || `/${e.subject_type}s/${encodeURIComponent(e.subject_id)}`;
  return { event_kind: e.kind, title: str(p, 'title'), index_number: index, path, agency_zh: ag?.name_zh ?? '', agency_en: ag?.name_en ?? '', note: str(p, 'note') || str(p, 'change_note'), at: e.occurred_at };
}

async function clausesFor(deps: Deps, e: EventRow, at: string): Promise<MatchClause[]> {
  const kinds = kindsHearing(e.kind);
  if (!kinds.length) return [];
  const out: MatchClause[] = [];
  if (e.subject_type === 'consultation') {
    if (kinds.includes('consultation')) out.push({ kind: 'consultation', targets: [e.subject_id] });
    return out;
  }
  if (e.subject_type !== 'document') return out;
  const p = JSON.parse(e.payload) as Record<string, unknown>; // event payloads are JSON objects
  if (kinds.includes('document')) out.push({ kind: 'document', targets: [e.subject_id] });
  if (e.agency_id && kinds.includes('agency')) out.push({ kind: 'agency', targets: [e.agency_id] });
  if (e.agency_id && kinds.includes('agency_tree')) {
    const a = await deps.db.selectFrom('agencies').select('path').where('id', '=', e.agency_id).executeTakeFirst();
    out.push({ kind: 'agency_tree', targets: a ? agencyIdsOnPath(a.path) : [e.agency_id] });
  }
  if (kinds.includes('theme') && str(p, 'theme')) out.push({ kind: 'theme', targets: themeAncestry(str(p, 'theme')) });
  if (kinds.includes('genre') && str(p, 'genre')) out.push({ kind: 'genre', targets: [str(p, 'genre')] });
  if (kinds.includes('search')) {
    const targets = await subscriptionRepo.searchTargets(deps.db);
    out.push({ kind: 'search', targets: await matchingSearches(deps.db, e.subject_id, targets, at) });
  }
  return out;
}

/** What handling one event wrote (rows attempted; duplicates are ignored by the store). */
export interface FanOutReport {
  matched: number;
  mails: number;
  digestItems: number;
}

/** Expands one event into subscription mail and digest items. */
export async function fanOutEvent(deps: Deps, e: EventRow): Promise<FanOutReport> {
  const now = deps.clock.now().toISOString();
  const matched: MatchedSubscription[] = await subscriptionRepo.match(deps.db, await clausesFor(deps, e, now));
  if (!matched.length) return { matched: 0, mails: 0, digestItems: 0 };
  const key = await subscriptionLinkKey(deps);
  const summary = await summarise(deps, e);
  const mails: Insertable<OutboxTable>[] = [];
  const items: SubscriptionDigestItemTable[] = [];
  // Rows come ordered by subscriber: one immediate mail per person, naming every matching subscription.
  let i = 0;
  while (i < matched.length) {
    const first = matched[i];
    if (!first) break;
    let j = i;
    const labels: string[] = [];
    while (j < matched.length && matched[j]?.subscriber_id === first.subscriber_id) {
      const m = matched[j];
      if (m && m.frequency === 'immediate') labels.push(m.label);
      else if (m) items.push({ subscription_id: m.subscription_id, event_id: e.id, subscriber_id: m.subscriber_id, frequency: m.frequency === 'weekly' ? 'weekly' : 'daily', created_at: now, digest_key: null });
      j++;
    }
    if (labels.length) {
      const token = signManageToken(key, first.subscriber_id, first.link_version);
      mails.push({
        id: deps.newId(),
        kind: SUBSCRIPTION_MAIL.notice,
        channel: 'email',
        recipient_type: 'email',
        recipient: first.email,
        locale: first.locale,
        payload: JSON.stringify({ ...summary, labels, manage_path: `/subscriptions/manage/${token}`, unsubscribe_path: `/unsubscribe/${token}` }),
        dedupe_key: `subscription.event:${first.subscriber_id}:${e.id}`,
        agency_id: null,
        status: 'pending',
        not_before: now,
        attempts: 0,
        last_error: null,
        claim_token: null,
        lease_until: null,
        created_at: now,
        sent_at: null,
        failed_at: null,
        read_at: null,
      });
    }
    i = j;
  }
  await deps.db.transaction().execute(async (trx) => {
    await subscriptionRepo.enqueueMany(trx, mails);
    await subscriptionRepo.addDigestItems(trx, items);
  });
  return { matched: matched.length, mails: mails.length, digestItems: items.length };
}
