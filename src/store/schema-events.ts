/** Platform events and their per-consumer queues (migration 011). */
export interface EventTable {
  id: string;
  /** e.g. `document.published`, `document.corrected`, `document.withdrawn`, `consultation.opened`. */
  kind: string;
  agency_id: string | null;
  /** `document`, `consultation`, `message`… */
  subject_type: string;
  subject_id: string;
  /** JSON object: public data only (this feeds webhooks, feeds and e-mail). */
  payload: string;
  occurred_at: string;
}

export interface EventQueueTable {
  consumer: string;
  event_id: string;
  status: 'pending' | 'working' | 'done' | 'failed';
  not_before: string;
  attempts: number;
  last_error: string | null;
  claim_token: string | null;
  lease_until: string | null;
  done_at: string | null;
}

export interface EventTables {
  events: EventTable;
  event_queue: EventQueueTable;
}
