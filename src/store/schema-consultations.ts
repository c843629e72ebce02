/** Table types of the consultations area (migration 012); `DB` in schema.ts extends this interface. */

/** A draft open for comment (意见征集). Instants are ISO-8601 UTC. */
export interface ConsultationTable {
  id: string;
  agency_id: string;
  /** The draft: a document published through the normal workflow. */
  draft_document_id: string;
  draft_version_no: number;
  title: string;
  description: string;
  /** JSON array of `{no, label, text}`: the draft's numbered paragraphs, snapshotted at opening. */
  paragraphs: string;
  starts_at: string;
  ends_at: string;
  /** The agency's time zone when the consultation was created; the form's wall-clock times were read in it. */
  time_zone: string;
  allow_anonymous: number;
  /** `pre`: every comment waits for a moderator; `post`: shown at once, moderated afterwards. */
  moderation: 'pre' | 'post';
  state: 'scheduled' | 'open' | 'closed';
  opened_at: string | null;
  closed_at: string | null;
  /** `scheduled` (the end time passed) or `manual`. */
  close_kind: 'scheduled' | 'manual' | null;
  created_by: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One comment. `email` and `display_name` are personal data: never public, never in the API or events. */
export interface ConsultationCommentTable {
  id: string;
  consultation_id: string;
  /** The numbered paragraph commented on, or null for the whole draft. */
  paragraph_no: number | null;
  body: string;
  /** The name the commenter chose to show; '' shows as 公众. */
  display_name: string;
  email: string;
  anonymous: number;
  /** The language of the page the comment was sent from: the commenter's mails are in it. */
  locale: 'zh-CN' | 'en';
  /** SHA-256 of the lower-cased e-mail, or of the reader's cookie id (anonymous): counts participants. */
  participant_hash: string;
  /** SHA-256 (hex) of the one-time verification token; null once used. */
  verify_token_hash: string | null;
  verify_expires_at: string | null;
  submitted_at: string;
  verified_at: string | null;
  /** `unverified` (waits for the e-mail link), `pending` (in the moderation queue), `published`, `hidden`. */
  state: 'unverified' | 'pending' | 'published' | 'hidden';
  /** Why a `pending` comment is queued: `pre_moderation` or `personal_data`. */
  queue_reason: 'pre_moderation' | 'personal_data' | null;
  /** JSON array of the personal-data kinds the scanner found. */
  pii_kinds: string;
  /** Reports not yet looked at by a moderator. */
  open_reports: number;
  report_count: number;
  hidden_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  published_at: string | null;
  version: number;
}

/** One reader's report of one comment (primary key: both). */
export interface ConsultationReportTable {
  comment_id: string;
  /** SHA-256 of the reader's random cookie id. */
  reader_hash: string;
  reason: string;
  created_at: string;
}

/** The feedback summary (意见采纳情况反馈). The counts are frozen at publication. */
export interface ConsultationSummaryTable {
  consultation_id: string;
  intro: string;
  final_document_id: string | null;
  state: 'draft' | 'published';
  total_comments: number;
  hidden_comments: number;
  participants: number;
  published_at: string | null;
  published_by: string | null;
  updated_at: string;
  updated_by: string;
}

/** One main point of the comments and the agency's decision on it. */
export interface ConsultationPointTable {
  id: string;
  consultation_id: string;
  sort_order: number;
  point: string;
  decision: 'adopted' | 'partly_adopted' | 'not_adopted';
  reason: string;
}

export interface ConsultationTables {
  consultations: ConsultationTable;
  consultation_comments: ConsultationCommentTable;
  consultation_reports: ConsultationReportTable;
  consultation_summaries: ConsultationSummaryTable;
  consultation_points: ConsultationPointTable;
}
