/**
 * Table types for Kysely. Portable column conventions (HOUSE-STYLE): ids are text, instants are
 * ISO-8601 UTC text, booleans are 0/1 integers, JSON is text.
 */
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { RequestTable, RequestApplicantTable, RequestEventTable, RequestFileTable, RequestFeeTable, RequestOutcomeTable, RequestAppealTable, RequestNotificationTable, RequestDocumentLinkTable, RequestSerialTable, AnnualReportTable, AnnualReportFigureTable, SearchDocTable, SearchQueryTable } from './schema-features.js';
import type { EventTables } from './schema-events.js';
import type { ConsultationTables } from './schema-consultations.js';
import type { MessageTables } from './schema-messages.js';
import type { SubscriptionTables } from './schema-subscriptions.js';
import type { PushTables } from './schema-push.js';
import type { OpenDataTables } from './schema-opendata.js';
import type { ExtractionTables } from './schema-extraction.js';
import type { PageTables } from './schema-pages.js';
import type { ActivityPubTables } from './schema-activitypub.js';

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  code: string;
  kind: 'government' | 'department';
  level: 'province' | 'city' | 'county' | 'township' | 'department';
  name_zh: string;
  name_en: string;
  office_name_zh: string;
  office_name_en: string;
  address_zh: string;
  address_en: string;
  postcode: string;
  office_hours_zh: string;
  office_hours_en: string;
  phone: string;
  fax: string;
  email: string;
  website: string;
  time_zone: string;
  /** Materialised path `/rootId/…/id/`, used for subtree scope checks. */
  path: string;
  depth: number;
  sort_order: number;
  status: 'open' | 'closed';
  closed_at: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgencyHistoryTable {
  id: string;
  agency_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string;
  password_hash: string;
  home_agency_id: string;
  status: 'active' | 'disabled';
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface GrantTable {
  id: string;
  user_id: string;
  agency_id: string;
  role: string;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
  revoked_at: string | null;
  ip: string;
  user_agent: string;
}

export interface LoginAttemptTable {
  id: string;
  at: string;
  username_key: string;
  ip: string;
  success: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_username: string;
  action: string;
  target_type: string;
  target_id: string;
  agency_id: string | null;
  ip: string | null;
  detail: string;
}

export interface InstanceMetaTable {
  key: string;
  value: string;
  updated_at: ColumnType<string, string, string>;
}

export interface ThemeTable {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  sort_order: number;
  active: number;
}

export type DocumentStatus = 'draft' | 'published' | 'withdrawn';

/**
 * A document: the catalogue identity (index number, assigned at first publication) and the
 * metadata of its current published version, copied from the revision for fast catalogue queries.
 */
export interface DocumentTable {
  id: string;
  agency_id: string;
  index_number: string | null;
  index_year: number | null;
  index_serial: number | null;
  status: DocumentStatus;
  current_version: number;
  current_revision_id: string | null;
  title: string;
  doc_number: string;
  genre: string;
  theme_code: string;
  date_formed: string;
  is_normative: number;
  interprets_id: string | null;
  first_published_at: string | null;
  /** The publication date (发布日期) of the current version, YYYY-MM-DD in the agency's time zone. */
  published_date: string | null;
  last_published_at: string | null;
  /** Working days from date formed to first publication (Art. 26). */
  timeliness_days: number | null;
  validity: 'valid' | 'amended' | 'repealed' | 'expired';
  validity_date: string | null;
  validity_note: string;
  replaced_by_id: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Workflow states of a revision (a draft or a published version). */
export type RevisionState = 'draft' | 'submitted' | 'cleared' | 'scheduled' | 'published' | 'discarded';

export interface DocumentRevisionTable {
  id: string;
  document_id: string;
  agency_id: string;
  revision_no: number;
  /** Assigned at publication: 1, 2, … per document. */
  version_no: number | null;
  state: RevisionState;
  title: string;
  doc_number: string;
  /** JSON array of co-issuing agency ids. */
  co_issuer_ids: string;
  theme_code: string;
  genre: string;
  date_formed: string;
  is_normative: number;
  keywords: string;
  summary: string;
  body_html: string;
  change_note: string;
  interprets_id: string | null;
  /** JSON array of personal-data overrides `{kind, masked, source, reason, by, at}`. */
  pii_overrides: string;
  publish_at: string | null;
  published_at: string | null;
  content_sha256: string | null;
  created_by: string;
  updated_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BlobTable {
  sha256: string;
  size: number;
  mime: string;
  ext: string;
  /** 'pending' | 'done' | 'failed' | 'none' (a type with no text, such as an image). */
  text_status: string;
  text: string | null;
  created_at: string;
}

export interface RevisionAttachmentTable {
  id: string;
  revision_id: string;
  blob_sha256: string;
  filename: string;
  sort_order: number;
  created_at: string;
  created_by: string;
}

export interface ReviewRecordTable {
  id: string;
  revision_id: string;
  document_id: string;
  /** 'confidentiality' (保密审查) or 'approval'. */
  stage: string;
  /** 'pass' | 'reject'. */
  decision: string;
  comment: string;
  reviewer_id: string;
  at: string;
}

/** The public history of a document: publication, new versions, validity changes, withdrawal. */
export interface DocumentEventTable {
  id: string;
  document_id: string;
  agency_id: string;
  at: string;
  kind: 'published' | 'new_version' | 'validity' | 'withdrawn';
  version_no: number;
  note: string;
  actor_id: string | null;
}

export interface IndexSerialTable {
  agency_id: string;
  year: number;
  last_serial: number;
}

export interface TlogEntryTable {
  id: Generated<number>;
  event_id: string;
  document_id: string | null;
  /** The entry bytes: canonical JSON (RFC 8785), UTF-8. */
  entry: string;
  leaf_index: number | null;
  created_at: string;
}

/** A transactional-outbox message (migration 007); its contract is in `repos/outbox-repo.ts`. */
export interface OutboxTable {
  id: string;
  /** What to render, e.g. `reminder.due_soon`; selects the template. */
  kind: string;
  channel: 'email' | 'console';
  /** `email`: an address; `user`: a staff user id (its e-mail is read at send time). */
  recipient_type: 'email' | 'user';
  recipient: string;
  locale: string;
  /** JSON object handed to the template. */
  payload: string;
  /** Unique: enqueueing the same logical message twice keeps the first. */
  dedupe_key: string;
  agency_id: string | null;
  status: 'pending' | 'sending' | 'sent' | 'held' | 'failed';
  not_before: string;
  attempts: number;
  last_error: string | null;
  claim_token: string | null;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
  failed_at: string | null;
  read_at: string | null;
}

export interface DB extends EventTables, ConsultationTables, MessageTables, SubscriptionTables, PushTables, OpenDataTables, ExtractionTables, ActivityPubTables, PageTables {
  agencies: AgencyTable;
  agency_history: AgencyHistoryTable;
  users: UserTable;
  grants: GrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  instance_meta: InstanceMetaTable;
  themes: ThemeTable;
  documents: DocumentTable;
  document_revisions: DocumentRevisionTable;
  blobs: BlobTable;
  revision_attachments: RevisionAttachmentTable;
  review_records: ReviewRecordTable;
  document_events: DocumentEventTable;
  index_serials: IndexSerialTable;
  tlog_entries: TlogEntryTable;
  requests: RequestTable;
  request_applicants: RequestApplicantTable;
  request_events: RequestEventTable;
  request_files: RequestFileTable;
  request_fees: RequestFeeTable;
  request_outcomes: RequestOutcomeTable;
  request_appeals: RequestAppealTable;
  request_notifications: RequestNotificationTable;
  request_document_links: RequestDocumentLinkTable;
  request_serials: RequestSerialTable;
  outbox: OutboxTable;
  calendar_overrides: CalendarOverrideTable;
  calendar_years: CalendarYearTable;
  search_docs: SearchDocTable;
  search_queries: SearchQueryTable;
  annual_reports: AnnualReportTable;
  annual_report_figures: AnnualReportFigureTable;
}

/** A holiday or working day an agency adds to a calendar for its subtree (migration 006). */
export interface CalendarOverrideTable {
  id: string;
  agency_id: string;
  /** A built-in calendar id: `cn`, `uk-england`, `us-federal`, `eu`. */
  calendar_id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  kind: 'holiday' | 'working_day';
  note: string;
  created_at: string;
  created_by: string | null;
}

/** A year an agency declares complete for a calendar, silencing the "no data" warning (migration 006). */
export interface CalendarYearTable {
  agency_id: string;
  calendar_id: string;
  year: number;
  note: string;
  created_at: string;
  created_by: string | null;
}

export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type User = Selectable<UserTable>;
export type Grant = Selectable<GrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Theme = Selectable<ThemeTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type Revision = Selectable<DocumentRevisionTable>;
export type Blob = Selectable<BlobTable>;
export type RevisionAttachment = Selectable<RevisionAttachmentTable>;
export type ReviewRecord = Selectable<ReviewRecordTable>;
export type DocumentEvent = Selectable<DocumentEventTable>;

/** A query executor: the database or an open transaction. */
export type Exec = Kysely<DB> | Transaction<DB>;

export * from './schema-features.js';
export * from './schema-events.js';
export * from './schema-consultations.js';
export * from './schema-messages.js';
export * from './schema-subscriptions.js';
export * from './schema-push.js';
export * from './schema-opendata.js';
export * from './schema-extraction.js';
export * from './schema-pages.js';
export * from './schema-activitypub.js';

