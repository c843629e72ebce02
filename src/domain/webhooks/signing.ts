/**
 * Webhook signatures (issue 8 §4). Every delivery is a POST whose body is the RFC 8785
 * canonical JSON of `{ id, type, created_at, data }`, with these headers:
 *
 *   Gongkai-Event-Id:   the event id (the same on every retry and redelivery: de-duplicate by it)
 *   Gongkai-Event-Type: the event type, e.g. `document.published`
 *   Gongkai-Timestamp:  the Unix time of this attempt, in whole seconds
 *   Gongkai-Signature:  `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`; while a rotated
 *                       secret is in its grace period, one `v1=` item per valid secret, comma
 *                       separated (`v1=<new>,v1=<old>`)
 *
 * A receiver recomputes the HMAC over the raw body bytes with its secret, accepts the request if
 * one `v1` item matches (constant-time compare), and rejects timestamps more than
 * `SIGNATURE_TOLERANCE_SECONDS` away from its own clock (replay protection). Pure: node:crypto only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../documents/content.js';

/** Header names (lower case, as node:http presents them). */
export const WEBHOOK_HEADERS = {
  eventId: 'gongkai-event-id',
  eventType: 'gongkai-event-type',
  timestamp: 'gongkai-timestamp',
  signature: 'gongkai-signature',
} as const;

/** How far a receiver accepts the timestamp from its own clock: 5 minutes either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Prefix of generated secrets, so a leaked one is recognisable in logs and code. */
export const SECRET_PREFIX = 'whsec_';

/** A JSON value. */
export type WebhookJson = string | number | boolean | null | WebhookJson[] | { [key: string]: WebhookJson };

/** The event as delivered. */
export interface WebhookEvent {
  id: string;
  type: string;
  /** ISO-8601 UTC instant of the event. */
  created_at: string;
  data: { [key: string]: WebhookJson };
}

/** A new random secret: `whsec_` and 32 random bytes in base64url (256 bits). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** The exact body bytes of a delivery: RFC 8785 canonical JSON, so every retry is byte-identical. */
export function webhookBody(e: WebhookEvent): string {
  return canonicalJson({ id: e.id, type: e.type, created_at: e.created_at, data: e.data });
}

/** Hex HMAC-SHA256 of `timestamp + "." + body` under `secret`. */
export function signatureFor(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return mac.digest('hex');
}

/** The `Gongkai-Signature` header value for the given secrets (current first). */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string | Buffer): string {
  return secrets.map((s) => `v1=${signatureFor(s, timestamp, body)}`).join(',');
}

/** The headers of one delivery attempt at `now`. */
export function signedHeaders(e: WebhookEvent, body: string, secrets: readonly string[], now: Date): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json; charset=utf-8',
    [WEBHOOK_HEADERS.eventId]: e.id,
    [WEBHOOK_HEADERS.eventType]: e.type,
    [WEBHOOK_HEADERS.timestamp]: String(ts),
    [WEBHOOK_HEADERS.signature]: signatureHeader(secrets, ts, body),
  };
}

/** Why a signature was refused. */
export type SignatureFailure = 'missing_headers' | 'bad_timestamp' | 'timestamp_out_of_tolerance' | 'bad_signature';

/** Headers as node:http gives them (lower-case names), or a plain record. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

function header(h: HeaderBag, name: string): string | undefined {
  const v = h[name] ?? Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : undefined;
}

/**
 * Verifies a received webhook: the raw `body` exactly as received, its headers, the receiver's
 * secret (or secrets, e.g. while the receiver itself is changing over) and clock. Accepts when the
 * timestamp is within `toleranceSeconds` of `now` and one `v1=` item of `Gongkai-Signature`
 * matches. For integrators; the tests use it in a real HTTP receiver.
 */
export function verifyWebhookSignature(
  secret: string | readonly string[],
  headers: HeaderBag,
  body: string | Buffer,
  now: Date = new Date(),
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): { ok: true; eventId: string } | { ok: false; reason: SignatureFailure } {
  const ts = header(headers, WEBHOOK_HEADERS.timestamp);
  const sig = header(headers, WEBHOOK_HEADERS.signature);
  const id = header(headers, WEBHOOK_HEADERS.eventId);
  if (!ts || !sig || !id) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'bad_timestamp' };
  const t = Number(ts);
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  const given = sig
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => s.slice(3))
    .filter((s) => /^[0-9a-f]{64}$/.test(s))
    .map((s) => Buffer.from(s, 'hex'));
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const s of secrets) {
    const want = Buffer.from(signatureFor(s, t, body), 'hex');
    if (given.some((g) => g.length === want.length && timingSafeEqual(g, want))) return { ok: true, eventId: id };
  }
  return { ok: false, reason: 'bad_signature' };
}
