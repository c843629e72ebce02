/**
 * The checks of `gongkai verify` on one document version (issue 4 §5), over data already in
 * hand: the version document, the hashes of the attachment bytes, the proof and a trusted key.
 * No I/O here, so the online and offline modes share every rule.
 */
import { canonicalJson, sha256Hex } from '../domain/documents/content.js';
import { parseCheckpoint, type Checkpoint } from '../tlog/checkpoint.js';
import { TlogError } from '../tlog/errors.js';
import { leafHash } from '../tlog/hash.js';
import { verifyInclusion } from '../tlog/merkle.js';
import { decodeBase64Strict, openNote, type NoteVerifier } from '../tlog/note.js';
import { parseLogEntry, type ApiProof, type ApiVersion } from './documents.js';
import type { VerifyReason } from './verify-error.js';

/** One line of the verification report. `skip`: not checkable with the data given (not a failure). */
export interface Check {
  readonly id: string;
  readonly status: 'ok' | 'fail' | 'skip';
  readonly detail: string;
  readonly reason?: VerifyReason;
}

/** The hash of an attachment's bytes as obtained (downloaded or read from a file), or null if unavailable. */
export interface AttachmentBytes {
  readonly filename: string;
  readonly sha256: string | null;
  /** Where the bytes came from, for messages. */
  readonly source: string;
}

/** Everything `checkVersion` needs. */
export interface VersionEvidence {
  readonly version: ApiVersion;
  /** What the user asked for (index number, and version if given): the entry must name exactly this. */
  readonly expected: { readonly indexNumber: string; readonly version: number | null } | null;
  readonly attachments: readonly AttachmentBytes[];
  /** Provided files that matched no attachment of the version by name or hash. */
  readonly unmatchedFiles: readonly string[];
  readonly proof: Extract<ApiProof, { pending: false }>;
  readonly key: NoteVerifier;
}

/** The result: the checks in order, and the checkpoint if its signature verified. */
export interface VersionChecks {
  readonly checks: Check[];
  readonly checkpoint: Checkpoint | null;
}

const ok = (id: string, detail: string): Check => ({ id, status: 'ok', detail });
const fail = (id: string, reason: VerifyReason, detail: string): Check => ({ id, status: 'fail', detail, reason });

/** Signature key names found on a signed note, for "signed by someone else" messages. */
function signerNames(note: string): string[] {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return [];
  return note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.startsWith('\u2014 '))
    .map((l) => l.slice(2).split(' ')[0] ?? '');
}

/**
 * C2SP signed-note + tlog-checkpoint: opens `note` with `key` and parses it. The checkpoint's
 * origin must be the key's name (tlog-checkpoint §Signatures). Returns the check and the parsed
 * checkpoint (null when it did not verify).
 */
export function checkCheckpointSignature(id: string, what: string, note: string, key: NoteVerifier): { check: Check; checkpoint: Checkpoint | null } {
  let text: string;
  try {
    text = openNote(note, [key]).text;
  } catch (err) {
    if (err instanceof TlogError && err.code === 'invalid_signature') {
      return { check: fail(id, 'bad_signature', `${what}: the signature by ${key.name} does not verify: the checkpoint was altered`), checkpoint: null };
    }
    if (err instanceof TlogError && err.code === 'unverified') {
      const names = signerNames(note);
      return { check: fail(id, 'unknown_key', `${what} is not signed by the trusted key ${key.name} (signatures by: ${names.join(', ') || 'nobody'})`), checkpoint: null };
    }
    return { check: fail(id, 'malformed', `${what} is not a signed note: ${err instanceof Error ? err.message : String(err)}`), checkpoint: null };
  }
  let cp: Checkpoint;
  try {
    cp = parseCheckpoint(text);
  } catch (err) {
    return { check: fail(id, 'malformed', err instanceof Error ? err.message : String(err)), checkpoint: null };
  }
  if (cp.origin !== key.name) return { check: fail(id, 'unknown_key', `checkpoint origin ${cp.origin} is not the key's name ${key.name}`), checkpoint: null };
  return { check: ok(id, `${what} (tree size ${cp.size}) is signed by ${key.name}`), checkpoint: cp };
}

const attKey = (a: { name: string; sha256: string }): string => `${a.name}\u0000${a.sha256}`;

/** Runs every check on one version; never throws on bad evidence (it becomes a failed check). */
export function checkVersion(ev: VersionEvidence): VersionChecks {
  const checks: Check[] = [];
  const { version, proof } = ev;
  const label = `${version.indexNumber} v${version.version}`;

  // The entry is what the log signs: everything else is compared with it.
  let entry;
  try {
    entry = parseLogEntry(proof.entry);
  } catch (err) {
    checks.push(fail('entry', 'malformed', err instanceof Error ? err.message : String(err)));
    return { checks, checkpoint: null };
  }
  const wantIndex = ev.expected?.indexNumber ?? version.indexNumber;
  const wantVersion = ev.expected?.version ?? version.version;
  const entryProblems = [
    entry.schema !== 'gongkai/v1' ? `schema ${entry.schema}` : '',
    entry.kind !== 'document' ? `kind ${entry.kind}` : '',
    entry.indexNumber !== wantIndex ? `index number ${entry.indexNumber} (expected ${wantIndex})` : '',
    entry.version !== wantVersion ? `version ${entry.version} (expected ${wantVersion})` : '',
    entry.action !== 'publish' && entry.action !== 'new_version' ? `action ${entry.action} (expected publish or new_version)` : '',
    version.indexNumber !== wantIndex || version.version !== wantVersion ? `the server answered with ${label}` : '',
  ].filter((s) => s !== '');
  checks.push(entryProblems.length === 0 ? ok('entry', `the log entry records the publication of ${wantIndex} version ${wantVersion} (${entry.action})`) : fail('entry', 'entry_mismatch', `the log entry does not match: ${entryProblems.join('; ')}`));

  // RFC 8785 canonical JSON of the content, hashed (README "Log entries").
  const recomputed = sha256Hex(canonicalJson(version.content));
  const claimed = version.contentSha256 !== recomputed ? `; the server claims ${version.contentSha256}` : '';
  checks.push(
    recomputed === entry.contentSha256
      ? ok('content', `content hash ${recomputed} recomputed from the canonical content matches the log entry`)
      : fail('content', 'content_tampered', `tampered content: the canonical content of ${label} hashes to ${recomputed}, but the log entry records content_sha256 ${entry.contentSha256}${claimed}`),
  );

  // Attachments: the served list must be the logged list, and every file's bytes must hash right.
  const logged = new Set(entry.attachments.map(attKey));
  const served = new Set(version.attachments.map((a) => attKey({ name: a.filename, sha256: a.sha256 })));
  const extra = version.attachments.filter((a) => !logged.has(attKey({ name: a.filename, sha256: a.sha256 })));
  const missing = entry.attachments.filter((a) => !served.has(attKey(a)));
  if (extra.length > 0 || missing.length > 0) {
    const parts = [...extra.map((a) => `served but not logged: ${a.filename} (${a.sha256})`), ...missing.map((a) => `logged but not served: ${a.name} (${a.sha256})`)];
    checks.push(fail('attachments', 'attachment_mismatch', `wrong attachment list: ${parts.join('; ')}`));
  } else {
    checks.push(ok('attachments', `${entry.attachments.length} attachment(s) listed as logged`));
  }
  for (const a of entry.attachments) {
    const got = ev.attachments.find((b) => b.filename === a.name && b.sha256 === a.sha256) ?? ev.attachments.find((b) => b.filename === a.name);
    const id = `attachment:${a.name}`;
    if (got === undefined || got.sha256 === null) checks.push({ id, status: 'skip', detail: `${a.name}: not downloaded or given, not checked` });
    else if (got.sha256 === a.sha256) checks.push(ok(id, `${a.name}: SHA-256 ${a.sha256} matches the log entry`));
    else checks.push(fail(id, 'attachment_mismatch', `wrong attachment ${a.name} (${got.source}): its bytes hash to ${got.sha256}, the log entry records ${a.sha256}`));
  }
  for (const f of ev.unmatchedFiles) checks.push(fail(`file:${f}`, 'attachment_mismatch', `wrong attachment: ${f} matches no attachment of ${label} by name or hash`));

  // C2SP signed-note: the checkpoint must carry a valid signature by the trusted key.
  const sig = checkCheckpointSignature('checkpoint', "the proof's checkpoint", proof.checkpoint, ev.key);
  checks.push(sig.check);
  const cp = sig.checkpoint;
  if (cp === null) return { checks, checkpoint: null };
  if (cp.size !== proof.treeSize) {
    checks.push(fail('inclusion', 'bad_proof', `the proof is for tree size ${proof.treeSize} but the checkpoint has size ${cp.size}`));
    return { checks, checkpoint: cp };
  }
  // RFC 9162 §2.1.3.2: the entry's leaf hash, the audit path and the signed root.
  const path = proof.inclusionProof.map(decodeBase64Strict);
  const hashes = path.filter((h): h is Buffer => h !== null);
  const included = hashes.length === path.length && verifyInclusion(leafHash(Buffer.from(proof.entry, 'utf8')), proof.leafIndex, proof.treeSize, hashes, cp.rootHash);
  checks.push(
    included
      ? ok('inclusion', `the entry is leaf ${proof.leafIndex} of the signed tree of size ${cp.size}`)
      : fail('inclusion', 'bad_proof', `the inclusion proof of leaf ${proof.leafIndex} does not lead to the signed root of tree size ${cp.size}`),
  );
  return { checks, checkpoint: cp };
}
