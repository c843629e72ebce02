import type { WebhookEvent, WebhookJson } from './signing.js';

/** The event types an endpoint asked for (stored as a JSON array); [] for malformed text. */
export function endpointEventTypes(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The delivered form of a platform event (its stored row: id, kind, occurred_at, JSON payload). */
export function webhookEventOf(e: { id: string; kind: string; occurred_at: string; payload: string }): WebhookEvent {
  let data: { [key: string]: WebhookJson } = {};
  try {
    const v: unknown = JSON.parse(e.payload);
    // The payload was written by recordEvent from JSON values.
    if (v && typeof v === 'object' && !Array.isArray(v)) data = v as { [key: string]: WebhookJson };
  } catch {
    data = {};
  }
  return { id: e.id, type: e.kind, created_at: e.occurred_at, data };
}
