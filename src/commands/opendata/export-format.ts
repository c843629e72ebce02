/**
 * The shapes of the open-data files (issue 7 §4): one record per public document (its current
 * version, validity and withdrawal marks), one per attachment of a current version, and the CSV
 * columns of both. Pure: no I/O. Nothing here holds personal data: the documents are published
 * ones (their text passed the personal-data check before publication), and no staff or applicant
 * identity is selected.
 *
 * CSV: RFC 4180 with CRLF, UTF-8 WITH a byte-order mark, because Excel (the tool most readers of
 * these files open them with, in particular on Chinese Windows, where it otherwise guesses GBK)
 * needs the BOM to read UTF-8; the statistics CSV downloads already do the same. JSON Lines: UTF-8
 * without BOM, one JSON object per line, `\n` line ends.
 */
import { csvField } from '../../domain/reports/official-tables.js';

/** An attachment of a document's current version, as listed in the manifest. */
export interface ExportAttachment {
  filename: string;
  sha256: string;
  size: number;
  media_type: string;
  /** Root-relative download URL (`/files/<sha256>/<name>`); resolve against the site's address. */
  url: string;
}

/** One public document as exported. */
export interface ExportDocument {
  index_number: string;
  /** Root-relative URL of the document page. */
  url: string;
  title: string;
  doc_number: string;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  genre: string;
  theme_code: string;
  is_normative: boolean;
  date_formed: string;
  /** Publication date (发布日期) of the current version. */
  published_date: string | null;
  first_published_at: string | null;
  last_published_at: string | null;
  current_version: number;
  /** 'published', or 'withdrawn' (kept and marked, never deleted). */
  status: string;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  /** 有效性: valid / amended / repealed / expired. */
  validity: string;
  validity_date: string | null;
  validity_note: string;
  replaced_by: string | null;
  interprets: string | null;
  timeliness_days: number | null;
  keywords: string;
  summary: string;
  /** SHA-256 of the canonical content of the current version (the transparency-log entry's). */
  content_sha256: string | null;
  attachments: ExportAttachment[];
  /** The sanitised body of the current version (JSON Lines only). */
  body_html: string;
}

/** The CSV columns of `documents.csv`, in order (the body is left out: see the JSON Lines file). */
export const DOCUMENT_CSV_COLUMNS = [
  'index_number', 'url', 'title', 'doc_number', 'agency_code', 'agency_name_zh', 'agency_name_en', 'genre', 'theme_code', 'is_normative',
  'date_formed', 'published_date', 'first_published_at', 'last_published_at', 'current_version', 'status', 'withdrawn_at', 'withdrawn_reason',
  'validity', 'validity_date', 'validity_note', 'replaced_by', 'interprets', 'timeliness_days', 'keywords', 'summary', 'content_sha256', 'attachments',
] as const;

/** The CSV columns of `attachments.csv`. */
export const ATTACHMENT_CSV_COLUMNS = ['index_number', 'version', 'filename', 'sha256', 'size', 'media_type', 'url'] as const;

/** The byte-order mark that opens every CSV file. */
export const CSV_BOM = '\uFEFF';

/** One CSV line (CRLF). */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

/** A document as one JSON Lines line. */
export function documentJsonLine(d: ExportDocument): string {
  return JSON.stringify(d) + '\n';
}

/** A document as one `documents.csv` line; `attachments` is their number (the manifest lists them). */
export function documentCsvLine(d: ExportDocument): string {
  const cells: (string | number | null)[] = DOCUMENT_CSV_COLUMNS.map((c) => {
    if (c === 'attachments') return d.attachments.length;
    if (c === 'is_normative') return d.is_normative ? 1 : 0;
    return d[c];
  });
  return csvLine(cells);
}

/** Attachment lines of one document for `attachments.csv`. */
export function attachmentCsvLines(d: ExportDocument): string {
  return d.attachments.map((a) => csvLine([d.index_number, d.current_version, a.filename, a.sha256, a.size, a.media_type, a.url])).join('');
}
