/** Table types of the push area (migration 015): webhook endpoints, deliveries and their attempts. */

/** A receiver URL registered by an agency's staff. */
export interface WebhookEndpointTable {
  id: string;
  agency_id: string;
  /** 1: events of the agency and every agency below it; 0: the agency's own events only. */
  include_subtree: number;
  url: string;
  description: string;
  /** JSON array of event types (`domain/webhooks/event-types.ts`). */
  event_types: string;
  /** The current HMAC secret (it must be kept in clear: the server signs with it). */
  secret: string;
  /** The secret before the last rotation, still signing until `previous_secret_until`. */
  previous_secret: string | null;
  previous_secret_until: string | null;
  /** 1 enabled, 0 disabled (by staff, or automatically after a day of failures). */
  enabled: number;
  /** `staff` or `failures`; null while enabled. */
  disabled_reason: string | null;
  disabled_at: string | null;
  /** The first failed attempt since the last 2xx; null after a success. */
  failing_since: string | null;
  last_success_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'failed';

/** One event for one endpoint; unique per (endpoint, event), so expanding an event twice adds nothing. */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  /** Copied from the event for listing. */
  event_type: string;
  status: WebhookDeliveryStatus;
  not_before: string;
  /** Attempts of the current round (a manual redelivery starts a new round). */
  attempts: number;
  /** Attempts in all, numbering the log. */
  total_attempts: number;
  claim_token: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The delivery log: one row per attempt. */
export interface WebhookAttemptTable {
  delivery_id: string;
  attempt_no: number;
  endpoint_id: string;
  at: string;
  /** HTTP status, or null when no response came (timeout, refused, DNS). */
  status_code: number | null;
  duration_ms: number;
  /** Short error text; null on success. */
  error: string | null;
  ok: number;
}

export interface PushTables {
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
}
