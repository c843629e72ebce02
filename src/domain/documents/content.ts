/**
 * The canonical content of a published version and the transparency-log entry that records a
 * public event (issue 4, README "Log entries"). Both are RFC 8785 (JCS) canonical JSON, so anyone
 * holding the public API's data can recompute the hashes byte for byte.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The metadata and body of one published version, as the public API serves them. */
export interface VersionContent {
  index_number: string;
  version: number;
  agency: string;
  co_issuers: string[];
  title: string;
  doc_number: string;
  theme: string;
  genre: string;
  date_formed: string;
  published_date: string;
  is_normative: boolean;
  keywords: string;
  summary: string;
  body_html: string;
  change_note: string;
  interprets: string | null;
}

export type LogAction = 'publish' | 'new_version' | 'validity' | 'withdraw';

/** One transparency-log entry (schema version 1). */
export interface LogEntry {
  schema: 'gongkai/v1';
  instance: string;
  agency: string;
  kind: 'document';
  index_number: string;
  version: number;
  action: LogAction;
  at: string;
  content_sha256: string;
  attachments: { name: string; sha256: string }[];
  validity?: { state: string; date: string | null; replaced_by: string | null };
  note?: string;
}

/** Largest entry the tiles can carry (C2SP tlog-tiles: uint16 length prefix). */
export const MAX_ENTRY_BYTES = 65_535;

/** RFC 8785 canonical JSON of `value`. */
export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  // canonicalize returns undefined only for undefined input, which our typed callers never pass.
  if (s === undefined) throw new TypeError('cannot canonicalize undefined');
  return s;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 (hex) of the canonical JSON of a version's content. */
export function contentSha256(content: VersionContent): string {
  return sha256Hex(canonicalJson(content));
}

/**
 * The canonical bytes of a log entry. Throws RangeError past 64 KiB: commands bound every
 * field (titles, notes, attachment names and counts) far below that, so this is a programming
 * error rather than user input.
 */
export function encodeLogEntry(entry: LogEntry): string {
  const s = canonicalJson(entry);
  if (Buffer.byteLength(s, 'utf8') > MAX_ENTRY_BYTES) throw new RangeError('log entry over 64 KiB');
  return s;
}
