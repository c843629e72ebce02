/**
 * Subscription rules (issue 8 §3), pure: kinds and frequencies, which platform events each kind
 * hears, digest periods, e-mail address shape, and the signed management links.
 */
import { createHmac } from 'node:crypto';
import { safeEqualText } from './safe-equal.js';
import { zonedToUtc, localDate } from '../local-date.js';

export const SUBSCRIPTION_KINDS = ['agency', 'agency_tree', 'theme', 'genre', 'search', 'document', 'consultation'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export function isSubscriptionKind(x: string): x is SubscriptionKind {
  return (SUBSCRIPTION_KINDS as readonly string[]).includes(x);
}
export function isFrequency(x: string): x is Frequency {
  return (FREQUENCIES as readonly string[]).includes(x);
}

/**
 * The events each kind hears. Topic subscriptions (agency, theme, genre, saved search) hear new
 * information: first publications and new versions. A document subscription hears its new
 * versions, validity changes and withdrawal. A consultation subscription hears every
 * `consultation.*` event of that consultation.
 */
export function kindsHearing(eventKind: string): SubscriptionKind[] {
  switch (eventKind) {
    case 'document.published':
      return ['agency', 'agency_tree', 'theme', 'genre', 'search'];
    case 'document.corrected':
      return ['agency', 'agency_tree', 'theme', 'genre', 'search', 'document'];
    case 'document.withdrawn':
    case 'document.validity_changed':
      return ['document'];
    default:
      return eventKind.startsWith('consultation.') ? ['consultation'] : [];
  }
}

/** The agency ids on a materialised path `/a/b/c/` (the agency and its ancestors). */
export function agencyIdsOnPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** A theme code and its ancestors (`a.b.c` → `a`, `a.b`, `a.b.c`): a theme subscription covers its children. */
export function themeAncestry(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Normalises an e-mail address (trim, lower case) or returns null when it does not look like one. */
export function normaliseEmail(raw: string): string | null {
  const e = raw.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(e)) return null;
  return e;
}

/** The address as shown to its owner on the management page: `l***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** A digest period: its stable key (the local date it is sent) and the instant from which it is due. */
export interface DigestPeriod {
  key: string;
  dueAt: Date;
}

/** Digests go out at 08:00 local time; weekly ones on Monday. */
export const DIGEST_LOCAL_TIME = '08:00';

/**
 * The latest digest period of `frequency` that is due at `now` in `timeZone`: daily, today's
 * 08:00 (or yesterday's before 08:00); weekly, the latest Monday 08:00.
 */
export function currentDigestPeriod(now: Date, timeZone: string, frequency: 'daily' | 'weekly'): DigestPeriod {
  let date = localDate(now.toISOString(), timeZone);
  const at = (d: string) => zonedToUtc(`${d}T${DIGEST_LOCAL_TIME}`, timeZone) ?? new Date(`${d}T00:00:00Z`);
  const prev = (d: string) => new Date(Date.parse(`${d}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (at(date).getTime() > now.getTime()) date = prev(date);
  if (frequency === 'weekly') {
    // getUTCDay of the date at noon UTC is the local weekday of that calendar date; Monday is 1.
    while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 1) date = prev(date);
  }
  return { key: date, dueAt: at(date) };
}

/**
 * A management link token: `<subscriber id>.<link version>.<tag>`, the tag an HMAC-SHA256 of the
 * first two parts under the instance's subscription key. Nothing about the token is stored:
 * every mail can carry the link, and "unsubscribe from everything" bumps the version, which
 * invalidates all earlier links.
 */
export function signManageToken(key: string, subscriberId: string, version: number): string {
  const tag = createHmac('sha256', key).update(`manage:${subscriberId}:${version}`).digest('base64url').slice(0, 32);
  return `${subscriberId}.${version}.${tag}`;
}

/** Reads a management token; null when malformed or the tag is wrong (the version is checked by the caller). */
export function readManageToken(key: string, token: string): { subscriberId: string; version: number } | null {
  const m = /^([A-Za-z0-9-]{1,64})\.(\d{1,9})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const subscriberId = m[1] ?? '';
  const version = Number(m[2]);
  return safeEqualText(signManageToken(key, subscriberId, version), token) ? { subscriberId, version } : null;
}
