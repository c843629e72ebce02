/**
 * Table types of the later features (requests, annual reports, search), split from `schema.ts`
 * to keep each file readable; `schema.ts` re-exports everything and lists every table in `DB`.
 */
import type { Generated, Selectable } from 'kysely';

// --- Disclosure on request (migration 005) ----------------------------------------------------

/** A request for information (依申请公开). Personal data lives in `request_applicants`, never here. */
export interface RequestTable {
  id: string;
  agency_id: string;
  /** `cn-ogi` | `uk-foia` | `us-foia` | `eu-1049`. */
  regime: string;
  /** `YSQ-2026-000123`: public, unique per instance. */
  tracking_number: string;
  /** SHA-256 (hex) of the applicant's private token; the token itself is never stored. */
  token_hash: string;
  /** A `RequestState` of `domain/requests/state-machine.ts`. */
  state: string;
  applicant_type: string;
  title: string;
  doc_number: string;
  other_features: string;
  /** Normalised description digest (repeat detection, Art. 44 grouping). */
  description_key: string;
  /** 'electronic' | 'paper' | 'inspection'. */
  form_wanted: string;
  /** 'email' | 'post' | 'collect' | 'online'. */
  delivery_wanted: string;
  /** 'online' | 'in_person' | 'registered_mail' | 'ordinary_mail' | 'fax'. */
  channel: string;
  submitted_at: string;
  submitted_on: string;
  /** Art. 31 date of receipt (YYYY-MM-DD, agency zone); null until confirmed. */
  received_on: string | null;
  /** The request this one repeats (same applicant, same description), if any. */
  repeat_of_id: string | null;
  officer_id: string | null;
  /** Cached from the last deadline computation. */
  due_date: string | null;
  clock_status: string | null;
  correction_notice_due_by: string | null;
  supplement_by: string | null;
  extensions_granted: number;
  extension_days_granted: number;
  corrections_requested: number;
  fee_due_on: string | null;
  outcome_code: string | null;
  replied_on: string | null;
  closed_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The applicant's personal data (Art. 29), one row per request, read only by staff in scope. */
export interface RequestApplicantTable {
  request_id: string;
  name: string;
  id_type: string;
  id_number: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  org_name: string;
  unified_code: string;
  /** Identity digest for repeat detection and per-applicant fee counting. */
  applicant_key: string;
}

/** Append-only history of a request; deadlines are recomputed from it. */
export interface RequestEventTable {
  id: string;
  request_id: string;
  seq: number;
  kind: string;
  at: string;
  /** The legal date of the event, YYYY-MM-DD in the agency's time zone. */
  local_date: string;
  actor_id: string | null;
  actor_name: string;
  /** JSON object. */
  details: string;
}

export interface RequestFileTable {
  id: string;
  request_id: string;
  /** 'identity_proof' | 'authorisation' | 'supplement' | 'released'. */
  purpose: string;
  blob_sha256: string;
  filename: string;
  /** A staff user id, or null for the applicant. */
  uploaded_by: string | null;
  created_at: string;
}

export interface RequestFeeTable {
  id: string;
  request_id: string;
  method: string;
  /** Requests: this request's number in the applicant's month; volume: pages. */
  units: number;
  amount_fen: number;
  /** JSON array of fee lines. */
  lines: string;
  notice_on: string;
  due_on: string;
  status: 'pending' | 'paid' | 'unpaid';
  paid_on: string | null;
  paid_fen: number | null;
  created_by: string | null;
  created_at: string;
}

export interface RequestOutcomeTable {
  request_id: string;
  code: string;
  basis: string;
  reply_text: string;
  /** JSON array of index numbers of proactively published documents. */
  linked_documents: string;
  replied_on: string;
  created_by: string | null;
  created_at: string;
}

/** Administrative reconsideration (行政复议) and litigation (行政诉讼) about a request. */
export interface RequestAppealTable {
  id: string;
  request_id: string;
  agency_id: string;
  /** 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration'. */
  kind: string;
  /** 'pending' | 'upheld' | 'corrected' | 'other'. */
  result: string;
  filed_on: string;
  decided_on: string | null;
  body_name: string;
  case_number: string;
  note: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Notifications waiting for the outbox (see `commands/requests/notify.ts`). */
export interface RequestNotificationTable {
  id: string;
  request_id: string;
  kind: string;
  /** 'applicant' | 'request_officer' | 'supervisor'. */
  recipient_role: string;
  payload: string;
  created_at: string;
}

/** Art. 44: a draft document proposed for proactive disclosure, linked to the requests behind it. */
export interface RequestDocumentLinkTable {
  request_id: string;
  document_id: string;
  created_by: string | null;
  created_at: string;
}

export interface RequestSerialTable {
  year: number;
  last_serial: number;
}

export type RequestRow = Selectable<RequestTable>;
export type RequestApplicant = Selectable<RequestApplicantTable>;
export type RequestEventRow = Selectable<RequestEventTable>;
export type RequestFile = Selectable<RequestFileTable>;
export type RequestFee = Selectable<RequestFeeTable>;
export type RequestOutcome = Selectable<RequestOutcomeTable>;
export type RequestAppeal = Selectable<RequestAppealTable>;

// --- Annual reports (migration 010) -------------------------------------------------------------

/** One agency's annual report for one year (Art. 49–50): its written sections and, once submitted, its document. */
export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  /** 一、总体情况 (plain text, paragraphs separated by blank lines). */
  section1: string;
  /** 五、存在的主要问题及改进情况. */
  section5: string;
  /** 六、其他需要报告的事项. */
  section6: string;
  /** The `annual_report` document it was submitted as; null while a draft. */
  document_id: string | null;
  /** The report frozen at submission (JSON); null while a draft. */
  snapshot: string | null;
  submitted_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Append-only: a staff-entered figure (`entry`) or a correction (`correction`, with its reason). */
export interface AnnualReportFigureTable {
  id: string;
  report_id: string;
  seq: number;
  kind: 'entry' | 'correction';
  /** 'table2' | 'table3' | 'table4'. */
  table_key: string;
  row_key: string;
  col: number;
  /** The value (table 二 fees: fen); null returns the cell to the computed figure. */
  value: number | null;
  /** The figure computed from the records when the correction was made. */
  computed: number | null;
  reason: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export type AnnualReportRow = Selectable<AnnualReportTable>;
export type AnnualReportFigure = Selectable<AnnualReportFigureTable>;

// --- Search (migration 009) ------------------------------------------------------------------

/**
 * A document in the search index: the facts filters and facets need and its folded text. The
 * token index is the dialect's (FTS5 table `search_fts`, or the PostgreSQL-only `tsv` column).
 */
export interface SearchDocTable {
  id: Generated<number>;
  document_id: string;
  agency_id: string;
  genre: string;
  theme_code: string;
  /** Year of first publication (the index number's year). */
  year: number | null;
  /** Date of first publication in the agency's time zone, `YYYY-MM-DD`. */
  pub_date: string;
  /** `pub_date` as days since 1970-01-01, for the recency boost. */
  pub_day: number;
  validity: string;
  is_normative: number;
  status: 'published' | 'withdrawn';
  version_no: number;
  folded: string;
  indexed_at: string;
}

/** A search as run (demand signals): never an IP, a cookie or a user. */
export interface SearchQueryTable {
  id: Generated<number>;
  at: string;
  /** ISO week of `at` in China time, `2026-W10`. */
  week: string;
  /** The agency searched within, or null for the whole site. */
  agency_id: string | null;
  /** The normalised query. */
  query: string;
  result_count: number;
}
