/**
 * Read models of the subscriptions area: the options of the subscribe form and a person's own
 * subscriptions for the management page (reached with the signed link; the address is shown
 * masked even there). Nothing here is public: no list of subscribers exists anywhere.
 */
import type { Deps } from '../commands/deps.js';
import { subscriberFromToken } from '../commands/subscriptions/links.js';
import { GENRES } from '../domain/documents/genres.js';
import { maskEmail } from '../domain/subscriptions/subscriptions.js';
import { subscriptionRepo } from '../store/repos/subscription-repo.js';
import type { Agency } from '../store/schema.js';
import { publicAgencyTree, type AgencyNode } from './agencies.js';
import { listThemes } from './documents.js';

function flatten(nodes: AgencyNode[], out: Agency[] = []): Agency[] {
  for (const n of nodes) {
    out.push(n.agency);
    flatten(n.children, out);
  }
  return out;
}

/** What the subscribe form offers. */
export interface SubscribeOptions {
  agencies: Agency[];
  themes: { code: string; parent_code: string | null; name_zh: string; name_en: string }[];
  genres: readonly string[];
}

export async function subscribeOptions(deps: Deps): Promise<SubscribeOptions> {
  return { agencies: flatten(await publicAgencyTree(deps)).filter((a) => a.status === 'open'), themes: await listThemes(deps), genres: GENRES };
}

/** One subscription as its owner sees it. */
export interface OwnSubscription {
  id: string;
  kind: string;
  label: string;
  frequency: string;
  status: 'pending' | 'confirmed';
}

/** The management view of the link holder: masked address and every subscription not removed. */
export async function manageView(deps: Deps, token: string): Promise<{ email: string; subscriptions: OwnSubscription[] }> {
  const person = await subscriberFromToken(deps, token);
  const subs = await subscriptionRepo.activeOf(deps.db, person.id);
  return {
    email: maskEmail(person.email),
    subscriptions: subs.flatMap((s) => (s.status === 'removed' ? [] : [{ id: s.id, kind: s.kind, label: s.label, frequency: s.frequency, status: s.status }])),
  };
}
