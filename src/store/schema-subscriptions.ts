/** Table types of the subscriptions area (migration 014); `DB` in schema.ts extends this interface. */

/** What a subscription follows. */
export type SubscriptionKind = 'agency' | 'agency_tree' | 'theme' | 'genre' | 'search' | 'document' | 'consultation';
export type SubscriptionFrequency = 'immediate' | 'daily' | 'weekly';

/** A person known only by an e-mail address (no account). The address is personal data: never shown publicly. */
export interface SubscriberTable {
  id: string;
  /** Lower-cased, trimmed. Unique. */
  email: string;
  locale: string;
  /** Bumped by "unsubscribe from everything": older management links stop working. */
  link_version: number;
  created_at: string;
}

/** One thing a subscriber follows; `pending` until the confirmation link is used (double opt-in). */
export interface SubscriptionTable {
  id: string;
  subscriber_id: string;
  kind: SubscriptionKind;
  /**
   * agency / agency_tree: agency id; theme: theme code; genre: genre code; search: the canonical
   * search query string (as on /search, without page); document: document id; consultation: its id.
   */
  target: string;
  /** Display label at subscription time (agency or theme name, document title, the query). */
  label: string;
  frequency: SubscriptionFrequency;
  status: 'pending' | 'confirmed' | 'removed';
  /** SHA-256 of the one-time confirmation token; null once used. */
  confirm_token_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  removed_at: string | null;
}

/** An event waiting for a subscriber's next digest (daily or weekly). */
export interface SubscriptionDigestItemTable {
  subscription_id: string;
  event_id: string;
  subscriber_id: string;
  frequency: 'daily' | 'weekly';
  created_at: string;
  /** Dedupe key of the digest mail that carried it; null while pending. */
  digest_key: string | null;
}

/** Addresses that get no more subscription mail (hard bounces, complaints). */
export interface MailSuppressionTable {
  email: string;
  reason: 'bounce' | 'complaint';
  /** 1 for a permanent bounce or complaint; soft bounces are counted and suppress from 3. */
  permanent: number;
  soft_count: number;
  suppressed: number;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionTables {
  subscribers: SubscriberTable;
  subscriptions: SubscriptionTable;
  subscription_digest_items: SubscriptionDigestItemTable;
  mail_suppressions: MailSuppressionTable;
}
