import type { Selectable } from 'kysely';

/**
 * Table types of the messages area (政民互动 / 留言, issue 8 §2); `DB` in schema.ts extends this
 * interface. The sender's personal data lives in `message_senders` only, never in `messages`.
 */
export interface MessageTables {
  messages: MessageTable;
  message_senders: MessageSenderTable;
  message_events: MessageEventTable;
  message_settings: MessageSettingTable;
  message_serials: MessageSerialTable;
}

/** A message to an agency. No personal data: name, e-mail and phone are in `message_senders`. */
export interface MessageTable {
  id: string;
  /** The agency that answers now (changes on transfer). */
  agency_id: string;
  /** `LY-2026-000123`: unique per instance; public once the message is published. */
  tracking_number: string;
  /** SHA-256 (hex) of the sender's private token; the token itself is never stored. */
  token_hash: string;
  /** `question` (咨询) | `suggestion` (建议) | `complaint` (投诉). */
  kind: string;
  /** A code of `domain/messages/message-rules.ts` CATEGORIES. */
  category: string;
  title: string;
  body: string;
  /** 1 when the sender agreed to publication (with personal data removed), 0 to keep it private. */
  is_public: number;
  /** The sender's language (`zh-CN` | `en`): the page they wrote from, used for their e-mails. */
  locale: string;
  /** `submitted` | `assigned` | `answered` | `redirected`. */
  state: string;
  officer_id: string | null;
  submitted_at: string;
  /** Legal calendar date of submission in the agency's time zone. */
  submitted_on: string;
  /** The day the current answering period started: submission, or the latest transfer. */
  clock_start_on: string;
  /** Answer deadline `YYYY-MM-DD` (working days from `clock_start_on`). */
  due_date: string;
  answer_text: string | null;
  answered_on: string | null;
  answered_at: string | null;
  answered_by: string | null;
  /** Art. 39 channel of a redirected message (`information_request`, `reconsideration`, …). */
  redirect_channel: string | null;
  redirect_note: string | null;
  /** Published versions with personal data masked (set when a public message is answered). */
  public_title: string | null;
  public_body: string | null;
  public_answer: string | null;
  /** 1 while the message and its answer are on the public site. */
  published: number;
  published_at: string | null;
  /** `satisfied` | `neutral` | `dissatisfied`, once, by the sender. */
  rating: string | null;
  /** The sender's comment on the answer (private; never published). */
  rating_comment: string | null;
  rated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The sender's personal data: staff in scope only; never on a public page, feed or API. */
export interface MessageSenderTable {
  message_id: string;
  name: string;
  email: string;
  phone: string;
}

/** Append-only history of a message (submitted, assigned, transferred, answered, redirected, rated). */
export interface MessageEventTable {
  id: string;
  message_id: string;
  seq: number;
  kind: string;
  at: string;
  local_date: string;
  actor_id: string | null;
  actor_name: string;
  /** JSON: e.g. `{ from_agency, to_agency, reason }` of a transfer. Never personal data of the sender. */
  details: string;
}

/** Per-agency settings of messages. */
export interface MessageSettingTable {
  agency_id: string;
  /** Working days to answer (default 5 when no row). */
  answer_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** Yearly serials of tracking numbers. */
export interface MessageSerialTable {
  year: number;
  last_serial: number;
}

export type MessageRow = Selectable<MessageTable>;
export type MessageSender = Selectable<MessageSenderTable>;
export type MessageEventRow = Selectable<MessageEventTable>;
