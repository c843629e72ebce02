/**
 * The public documents the verifier reads, parsed from untrusted JSON: a version as
 * `GET /api/v1/documents/<code>/<year-serial>/v/<n>` serves it, the proof of
 * `…/v/<n>/proof`, and the log entry inside it (schema `gongkai/v1`, README "Log entries").
 * Parsing is strict on the fields the checks use and ignores the rest.
 */
import { VerifyError } from './verify-error.js';

/** One attachment as the API lists it. */
export interface ApiAttachment {
  readonly filename: string;
  readonly sha256: string;
  /** Download address as the server wrote it (may name the server's public host). */
  readonly url: string | null;
}

/** The part of a version document the verifier uses. */
export interface ApiVersion {
  readonly indexNumber: string;
  readonly version: number;
  /** The object whose RFC 8785 canonical JSON hashes to the content hash. */
  readonly content: Record<string, unknown>;
  /** The hash the server claims (checked, never trusted). */
  readonly contentSha256: string;
  readonly attachments: readonly ApiAttachment[];
}

/** A proof response: sequenced (with proof and checkpoint) or still pending. */
export type ApiProof =
  | { readonly pending: true; readonly entry: string; readonly origin: string; readonly verifierKey: string | null }
  | {
      readonly pending: false;
      readonly entry: string;
      readonly leafIndex: number;
      readonly treeSize: number;
      readonly inclusionProof: readonly string[];
      readonly checkpoint: string;
      readonly origin: string;
      readonly verifierKey: string | null;
    };

/** The fields of a `gongkai/v1` document entry the verifier compares. */
export interface LogEntryV1 {
  readonly schema: string;
  readonly kind: string;
  readonly indexNumber: string;
  readonly version: number;
  readonly action: string;
  readonly contentSha256: string;
  readonly attachments: readonly { name: string; sha256: string }[];
}

/** A plain JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field<T>(o: Record<string, unknown>, key: string, ok: (v: unknown) => v is T, what: string): T {
  const v = o[key];
  if (!ok(v)) throw new VerifyError('malformed', `${what}: field "${key}" is missing or has the wrong type`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/** Parses a version document (throws VerifyError('malformed')). */
export function parseApiVersion(json: unknown): ApiVersion {
  const what = 'version document';
  if (!isRecord(json)) throw new VerifyError('malformed', `${what} is not a JSON object`);
  const attachments = field(json, 'attachments', isArray, what).map((a): ApiAttachment => {
    if (!isRecord(a)) throw new VerifyError('malformed', `${what}: an attachment is not an object`);
    return { filename: field(a, 'filename', isString, what), sha256: field(a, 'sha256', isString, what), url: typeof a.url === 'string' ? a.url : null };
  });
  return {
    indexNumber: field(json, 'index_number', isString, what),
    version: field(json, 'version', isInt, what),
    content: field(json, 'content', isRecord, what),
    contentSha256: field(json, 'content_sha256', isString, what),
    attachments,
  };
}

/** Parses a proof response (throws VerifyError('malformed')). */
export function parseApiProof(json: unknown): ApiProof {
  const what = 'proof document';
  if (!isRecord(json)) throw new VerifyError('malformed', `${what} is not a JSON object`);
  const entry = field(json, 'entry', isString, what);
  const origin = typeof json.origin === 'string' ? json.origin : '';
  const verifierKey = typeof json.verifier_key === 'string' ? json.verifier_key : null;
  if (field(json, 'pending', isBool, what)) return { pending: true, entry, origin, verifierKey };
  const inclusionProof = field(json, 'inclusion_proof', isArray, what).map((p) => {
    if (typeof p !== 'string') throw new VerifyError('malformed', `${what}: inclusion_proof holds a non-string`);
    return p;
  });
  return {
    pending: false,
    entry,
    leafIndex: field(json, 'leaf_index', isInt, what),
    treeSize: field(json, 'tree_size', isInt, what),
    inclusionProof,
    checkpoint: field(json, 'checkpoint', isString, what),
    origin,
    verifierKey,
  };
}

/** Parses the entry text of a proof (throws VerifyError('malformed')). */
export function parseLogEntry(text: string): LogEntryV1 {
  const what = 'log entry';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VerifyError('malformed', `${what} is not JSON`);
  }
  if (!isRecord(json)) throw new VerifyError('malformed', `${what} is not a JSON object`);
  const attachments = field(json, 'attachments', isArray, what).map((a) => {
    if (!isRecord(a)) throw new VerifyError('malformed', `${what}: an attachment is not an object`);
    return { name: field(a, 'name', isString, what), sha256: field(a, 'sha256', isString, what) };
  });
  return {
    schema: field(json, 'schema', isString, what),
    kind: field(json, 'kind', isString, what),
    indexNumber: field(json, 'index_number', isString, what),
    version: field(json, 'version', isInt, what),
    action: field(json, 'action', isString, what),
    contentSha256: field(json, 'content_sha256', isString, what),
    attachments,
  };
}
