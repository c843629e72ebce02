/**
 * `gongkai verify` (issue 4 §5): checks a published document version end to end, from a URL
 * (online) or from downloaded files (offline). It never touches the store: everything comes from
 * the public HTTP API, the log's public tiles, or files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkVersion, type AttachmentBytes, type Check } from './check-version.js';
import { isRecord, parseApiProof, parseApiVersion, type ApiProof, type ApiVersion } from './documents.js';
import { httpGet, httpGetJson } from './http.js';
import { checkLogHistory, claimedOrigin, resolveKey, type KeyOptions } from './log-checks.js';
import { loadState } from './state.js';
import { VerifyError, type VerifyReason } from './verify-error.js';

/** Options of both modes. */
export interface VerifyOptions extends KeyOptions {
  /** State file: pinned key and last checkpoint per log. */
  readonly state?: string | undefined;
  /** Base URL of the log (`https://host/log`); online it defaults to `<server>/log`. */
  readonly log?: string | undefined;
  /** Online: keep asking for up to this many seconds while the entry is not yet sequenced. */
  readonly waitSeconds?: number | undefined;
}

/** The outcome, as printed (human) or serialised (`--json`). */
export interface VerifyReport {
  readonly ok: boolean;
  readonly target: string;
  readonly indexNumber: string | null;
  readonly version: number | null;
  readonly leafIndex: number | null;
  readonly treeSize: number | null;
  readonly origin: string | null;
  /** The first failure's reason (null when verified). */
  readonly reason: VerifyReason | null;
  readonly checks: readonly Check[];
}

/** A report for a failure that stopped verification early. */
export function failedReport(target: string, err: VerifyError, partial: Partial<VerifyReport> = {}): VerifyReport {
  return {
    ok: false,
    target,
    indexNumber: partial.indexNumber ?? null,
    version: partial.version ?? null,
    leafIndex: null,
    treeSize: null,
    origin: partial.origin ?? null,
    reason: err.reason,
    checks: [...(partial.checks ?? []), { id: 'verify', status: 'fail', reason: err.reason, detail: err.message }],
  };
}

/** A document (version) address parsed from a page or API URL. */
export interface DocumentAddress {
  readonly server: string;
  readonly code: string;
  readonly yearSerial: string;
  readonly version: number | null;
}

/** Parses `…/documents/<code>/<yyyy-nnnnn>[/v/<n>]` (portal page or `/api/v1/…`). VerifyError('malformed') otherwise. */
export function parseDocumentUrl(url: string): DocumentAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VerifyError('malformed', `not a URL: ${url}`);
  }
  const m = /^(.*?)\/(?:api\/v1\/)?documents\/([^/]+)\/([0-9]{4}-[0-9]{5})(?:\/v\/([0-9]{1,6}))?\/?$/.exec(u.pathname);
  if (m === null || m[2] === undefined || m[3] === undefined) {
    throw new VerifyError('malformed', `not a document URL (…/documents/<agency code>/<year-serial>[/v/<n>]): ${url}`);
  }
  return { server: `${u.origin}${m[1] ?? ''}`, code: decodeURIComponent(m[2]), yearSerial: m[3], version: m[4] === undefined ? null : Number(m[4]) };
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sequenced(proof: ApiProof, what: string): Extract<ApiProof, { pending: false }> {
  if (proof.pending) throw new VerifyError('pending', `${what} is not yet in a signed checkpoint of the log (usually within a second): try again`);
  return proof;
}

/** Verifies the version at `url` against the live server. Never throws: failures are in the report. */
export async function verifyUrl(url: string, opts: VerifyOptions): Promise<VerifyReport> {
  let addr: DocumentAddress;
  try {
    addr = parseDocumentUrl(url);
  } catch (err) {
    if (err instanceof VerifyError) return failedReport(url, err);
    throw err;
  }
  const api = `${addr.server}/api/v1/documents/${encodeURIComponent(addr.code)}/${addr.yearSerial}`;
  const indexNumber = `${addr.code}/${addr.yearSerial}`;
  try {
    // Without a version in the URL, the current one: its number comes from the answer.
    const first = parseApiVersion((await httpGetJson(addr.version === null ? api : `${api}/v/${addr.version}`)).json);
    const version: ApiVersion = first;
    const proofUrl = `${api}/v/${version.version}/proof`;
    const deadline = Date.now() + (opts.waitSeconds ?? 0) * 1000;
    let got = await httpGetJson(proofUrl);
    while (got.status === 202 && Date.now() < deadline) {
      await sleep(Math.min(1000, Math.max(100, Number(got.headers.get('retry-after') ?? '1') * 1000)));
      got = await httpGetJson(proofUrl);
    }
    const proof = sequenced(parseApiProof(got.json), `${indexNumber} version ${version.version}`);
    const attachments: AttachmentBytes[] = [];
    for (const a of version.attachments) {
      // Fetch from the server the user named: the API's URL may carry its public host name.
      const path = a.url !== null ? new URL(a.url).pathname : `/files/${a.sha256}/${encodeURIComponent(a.filename)}`;
      const where = `${addr.server}${path}`;
      attachments.push({ filename: a.filename, sha256: sha256((await httpGet(where, '*/*')).body), source: where });
    }
    const logBase = (opts.log ?? `${addr.server}/log`).replace(/\/+$/, '');
    const latestNote = (await httpGet(`${logBase}/checkpoint`, 'text/plain')).body.toString('utf8');
    return await finish(url, { version, proof, attachments, unmatchedFiles: [], expected: { indexNumber, version: addr.version } }, opts, {
      latestNote,
      fetchTile: async (p) => (await httpGet(`${logBase}/${p}`, 'application/octet-stream')).body,
      advertised: async () => proof.verifierKey ?? (await httpGet(`${logBase}/key`, 'text/plain')).body.toString('utf8').trim(),
    });
  } catch (err) {
    if (err instanceof VerifyError) return failedReport(url, err, { indexNumber, version: addr.version });
    throw err;
  }
}

/** Downloaded evidence for the offline mode. */
export interface FileEvidence {
  readonly versionJson?: string | undefined;
  readonly proofJson?: string | undefined;
  /** Attachment files; JSON files here are recognised as the version or proof document. */
  readonly files: readonly string[];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new VerifyError('malformed', `cannot read ${file} as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Verifies downloaded files (offline; `opts.log` lets it read tiles for the consistency check). */
export async function verifyFiles(ev: FileEvidence, opts: VerifyOptions): Promise<VerifyReport> {
  const target = [ev.versionJson, ev.proofJson, ...ev.files].filter((x): x is string => x !== undefined).join(' ');
  try {
    let versionFile = ev.versionJson;
    let proofFile = ev.proofJson;
    const attachmentFiles: string[] = [];
    for (const f of ev.files) {
      const json = f.endsWith('.json') ? readJson(f) : null;
      if (versionFile === undefined && isRecord(json) && 'content' in json && 'content_sha256' in json) versionFile = f;
      else if (proofFile === undefined && isRecord(json) && 'entry' in json && 'pending' in json) proofFile = f;
      else attachmentFiles.push(f);
    }
    if (versionFile === undefined || proofFile === undefined) {
      throw new VerifyError('malformed', 'offline verification needs the version JSON (--version-json) and the proof JSON (--proof-json)');
    }
    const version = parseApiVersion(readJson(versionFile));
    const proof = sequenced(parseApiProof(readJson(proofFile)), proofFile);
    const attachments: AttachmentBytes[] = [];
    const unmatchedFiles: string[] = [];
    for (const f of attachmentFiles) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch (err) {
        throw new VerifyError('malformed', `cannot read ${f}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const hash = sha256(bytes);
      // Match by content first (a download may be renamed), then by name.
      const a = version.attachments.find((x) => x.sha256 === hash) ?? version.attachments.find((x) => x.filename === basename(f));
      if (a === undefined) unmatchedFiles.push(f);
      else attachments.push({ filename: a.filename, sha256: hash, source: f });
    }
    const logBase = opts.log?.replace(/\/+$/, '');
    return await finish(target, { version, proof, attachments, unmatchedFiles, expected: null }, opts, {
      latestNote: null,
      fetchTile: logBase === undefined ? null : async (p) => (await httpGet(`${logBase}/${p}`, 'application/octet-stream')).body,
      advertised: async () => proof.verifierKey,
    });
  } catch (err) {
    if (err instanceof VerifyError) return failedReport(target, err);
    throw err;
  }
}

interface Gathered {
  readonly version: ApiVersion;
  readonly proof: Extract<ApiProof, { pending: false }>;
  readonly attachments: readonly AttachmentBytes[];
  readonly unmatchedFiles: readonly string[];
  readonly expected: { indexNumber: string; version: number | null } | null;
}

interface LogAccess {
  readonly latestNote: string | null;
  readonly fetchTile: ((path: string) => Promise<Buffer>) | null;
  readonly advertised: () => Promise<string | null>;
}

async function finish(target: string, g: Gathered, opts: VerifyOptions, log: LogAccess): Promise<VerifyReport> {
  const state = opts.state === undefined ? null : loadState(opts.state);
  const origin = claimedOrigin(g.proof.checkpoint);
  const key = await resolveKey(opts, state, origin, log.advertised);
  const { checks, checkpoint } = checkVersion({ ...g, key: key.verifier });
  if (key.source === 'first_use') checks.push({ id: 'key', status: 'ok', detail: `trusted on first use and pinned in ${opts.state ?? ''}: ${key.verifierKey}` });
  if (checkpoint !== null) {
    await checkLogHistory({ key, proofCheckpoint: checkpoint, proofNote: g.proof.checkpoint, latestNote: log.latestNote, fetchTile: log.fetchTile, state, statePath: opts.state ?? null }, checks);
  }
  const firstFail = checks.find((c) => c.status === 'fail');
  return {
    ok: firstFail === undefined,
    target,
    indexNumber: g.version.indexNumber,
    version: g.version.version,
    leafIndex: g.proof.leafIndex,
    treeSize: g.proof.treeSize,
    origin: checkpoint?.origin ?? origin,
    reason: firstFail?.reason ?? null,
    checks,
  };
}
