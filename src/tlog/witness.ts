import crypto, { type KeyObject } from 'node:crypto';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import type { Clock } from './clock.js';
import { ED25519_KEY_SIZE, ED25519_SIGNATURE_SIZE, ed25519PublicKeyFromRaw, ed25519RawPublicKey } from './ed25519-keys.js';
import { TlogError } from './errors.js';
import { HASH_SIZE } from './hash.js';
import { verifyConsistency } from './merkle.js';
import { encodeVerifierKey, parseVerifierKey } from './note-keys.js';
import { decodeBase64Strict, isValidKeyName, noteKeyId, openNote, SIG_TYPE_COSIGNATURE_V1, type NoteSigner, type NoteVerifier } from './note.js';

/*
 * The pure parts of C2SP tlog-witness and tlog-cosignature (Ed25519 "cosignature/v1" type only;
 * the ML-DSA-44 subtree type is not implemented). What was decided, from the specs:
 * - Cosigner key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4]
 *   (tlog-cosignature §Format; signed-note type byte 0x04). Verifier key strings use the same
 *   vkey syntax as notes, with type byte 0x04.
 * - Signature bytes = timestamped_signature: u64 big-endian POSIX seconds ‖ 64-byte Ed25519
 *   signature, so the note signature line carries base64(key ID ‖ timestamp ‖ signature).
 * - Signed message = "cosignature/v1\n" ‖ "time <T>\n" ‖ the whole checkpoint note text
 *   including any extension lines and its final newline, excluding signature lines
 *   (tlog-cosignature §Ed25519 signed message). T is decimal with no leading zeros.
 * - add-checkpoint body = "old <size>\n", 0…63 base64 consistency-proof lines, "\n", then the
 *   signed checkpoint note (tlog-witness §add-checkpoint). The proof is RFC 6962 §2.1.2 = RFC
 *   9162 §2.1.4 and must be empty when old is 0.
 */

/** tlog-witness: a client must not send more than 63 consistency proof lines. */
export const MAX_PROOF_LINES = 63;

/** A parsed add-checkpoint request body. `checkpoint` is the signed checkpoint note, unverified. */
export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Buffer[];
  readonly checkpoint: string;
}

/** Formats an add-checkpoint request body (tlog-witness §add-checkpoint). Throws RangeError on bad input. */
export function formatAddCheckpointRequest(req: AddCheckpointRequest): string {
  if (!Number.isSafeInteger(req.oldSize) || req.oldSize < 0) throw new RangeError(`bad old size ${req.oldSize}`);
  if (req.proof.length > MAX_PROOF_LINES || req.proof.some((h) => h.length !== HASH_SIZE)) throw new RangeError('bad proof');
  return `old ${req.oldSize}\n${req.proof.map((h) => `${h.toString('base64')}\n`).join('')}\n${req.checkpoint}`;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses an add-checkpoint request body strictly: `old` line in decimal without leading zeros,
 * at most 63 proof lines each the canonical base64 of 32 bytes, an empty line, then a non-empty
 * checkpoint note (returned as is; verify it with {@link evaluateAddCheckpoint} or `openNote`).
 * Throws TlogError('malformed'): a witness answers 400 Bad Request.
 */
export function parseAddCheckpointRequest(body: Buffer | string): AddCheckpointRequest {
  const bad = (why: string): TlogError => new TlogError('malformed', `malformed add-checkpoint request: ${why}`);
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8Fatal.decode(body);
  } catch {
    throw bad('invalid UTF-8');
  }
  let pos = 0;
  const nextLine = (): string => {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) throw bad('unterminated line');
    const line = text.slice(pos, nl);
    pos = nl + 1;
    return line;
  };
  const old = /^old (0|[1-9][0-9]*)$/.exec(nextLine());
  const oldSize = Number(old?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(oldSize)) throw bad('bad old size line');
  const proof: Buffer[] = [];
  for (let line = nextLine(); line !== ''; line = nextLine()) {
    if (proof.length === MAX_PROOF_LINES) throw bad('too many proof lines');
    const h = decodeBase64Strict(line);
    if (h === null || h.length !== HASH_SIZE) throw bad('bad proof line');
    proof.push(h);
  }
  const checkpoint = text.slice(pos);
  if (checkpoint.length === 0) throw bad('missing checkpoint');
  return { oldSize, proof, checkpoint };
}

/** The cosignature/v1 signed message for checkpoint note text `text` at POSIX time `timestamp` (seconds). */
export function cosignatureMessage(text: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`bad timestamp ${timestamp}`);
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
}

/** tlog-cosignature: key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]. */
export function cosignatureKeyId(name: string, publicKey: Buffer): number {
  return noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
}

/** Splits timestamped_signature bytes into the timestamp (seconds) and the 64-byte Ed25519 signature; null if malformed. */
export function parseCosignature(signature: Buffer): { timestamp: number; signature: Buffer } | null {
  if (signature.length !== 8 + ED25519_SIGNATURE_SIZE) return null;
  const ts = signature.readBigUInt64BE(0);
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { timestamp: Number(ts), signature: Buffer.from(signature.subarray(8)) };
}

/**
 * A cosigner usable with `signNote`/`signatureLines`: `sign(text)` takes the checkpoint note text,
 * reads the injected clock (floored to whole seconds) and returns u64 timestamp ‖ Ed25519 signature
 * of the cosignature/v1 message.
 */
export function cosignatureSigner(name: string, privateKey: KeyObject, clock: Clock): NoteSigner {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const keyId = cosignatureKeyId(name, ed25519RawPublicKey(privateKey));
  return {
    name,
    keyId,
    sign: (text) => {
      const timestamp = Math.floor(clock.now() / 1000);
      const sig = crypto.sign(null, cosignatureMessage(text.toString('utf8'), timestamp), privateKey);
      const out = Buffer.alloc(8 + sig.length);
      out.writeBigUInt64BE(BigInt(timestamp), 0);
      sig.copy(out, 8);
      return out;
    },
  };
}

/**
 * A verifier of cosignature/v1 signatures usable with `openNote`: it rebuilds the signed message
 * from the note text and the timestamp carried in the signature. It does not judge the timestamp
 * (callers may reject future times with {@link parseCosignature}).
 */
export function cosignatureVerifier(name: string, publicKey: Buffer): NoteVerifier {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const key = ed25519PublicKeyFromRaw(publicKey);
  return {
    name,
    keyId: cosignatureKeyId(name, publicKey),
    verify: (text, signature) => {
      const parsed = parseCosignature(signature);
      if (parsed === null) return false;
      return crypto.verify(null, cosignatureMessage(text.toString('utf8'), parsed.timestamp), key, parsed.signature);
    },
  };
}

/** Encodes a cosigner's verifier key string: `<name>+<key ID>+base64(0x04 ‖ public key)`. */
export function encodeCosignatureVerifierKey(name: string, publicKey: Buffer): string {
  return encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
}

/** Parses a type-0x04 verifier key string into a cosignature verifier; TlogError('malformed') otherwise. */
export function parseCosignatureVerifierKey(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_COSIGNATURE_V1 || k.publicKey.length !== ED25519_KEY_SIZE) {
    throw new TlogError('malformed', 'verifier key is not an Ed25519 cosignature/v1 key');
  }
  try {
    return cosignatureVerifier(k.name, k.publicKey);
  } catch {
    throw new TlogError('malformed', 'verifier key holds an invalid Ed25519 public key');
  }
}

/** What a witness decided about an add-checkpoint request; `reason` maps to tlog-witness statuses. */
export type AddCheckpointOutcome =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly text: string }
  | {
      readonly ok: false;
      /**
       * unknown_origin → 404; bad_signature → 403; old_size_too_large → 400; old_size_mismatch →
       * 409 (body: latest size); root_mismatch → 409; bad_proof → 422; malformed → 400.
       */
      readonly reason: 'unknown_origin' | 'bad_signature' | 'old_size_too_large' | 'old_size_mismatch' | 'root_mismatch' | 'bad_proof' | 'malformed';
      readonly latestSize?: number;
    };

/** The witness's record for one log: the latest checkpoint it cosigned (size 0 if none). */
export interface WitnessedState {
  readonly size: number;
  readonly rootHash: Buffer;
}

/**
 * tlog-witness §add-checkpoint, the checks in the spec's order, with no I/O: origin known (via
 * `logVerifiers`, keyed by origin), a known log signature verifies, old ≤ new, old equals the
 * recorded size, the proof verifies (or roots match when sizes are equal). `state` is null when
 * nothing was cosigned yet for the origin. On ok the caller must atomically compare-and-swap its
 * record from `state` to the new checkpoint before cosigning.
 */
export function evaluateAddCheckpoint(
  req: AddCheckpointRequest,
  logVerifiers: ReadonlyMap<string, readonly NoteVerifier[]>,
  state: WitnessedState | null,
): AddCheckpointOutcome {
  const nl = req.checkpoint.indexOf('\n');
  if (nl <= 0) return { ok: false, reason: 'malformed' };
  const origin = req.checkpoint.slice(0, nl);
  const verifiers = logVerifiers.get(origin);
  if (verifiers === undefined) return { ok: false, reason: 'unknown_origin' };
  let text: string;
  try {
    text = openNote(req.checkpoint, verifiers).text;
  } catch (err) {
    if (err instanceof TlogError && err.code === 'malformed') return { ok: false, reason: 'malformed' };
    return { ok: false, reason: 'bad_signature' };
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (checkpoint.origin !== origin) return { ok: false, reason: 'malformed' };
  if (req.oldSize > checkpoint.size) return { ok: false, reason: 'old_size_too_large' };
  const known = state ?? { size: 0, rootHash: Buffer.alloc(0) };
  if (req.oldSize !== known.size) return { ok: false, reason: 'old_size_mismatch', latestSize: known.size };
  if (req.oldSize === checkpoint.size && req.oldSize > 0) {
    return known.rootHash.equals(checkpoint.rootHash) ? { ok: true, checkpoint, text } : { ok: false, reason: 'root_mismatch' };
  }
  if (req.oldSize === 0) {
    return req.proof.length === 0 ? { ok: true, checkpoint, text } : { ok: false, reason: 'bad_proof' };
  }
  return verifyConsistency(req.oldSize, checkpoint.size, req.proof, known.rootHash, checkpoint.rootHash)
    ? { ok: true, checkpoint, text }
    : { ok: false, reason: 'bad_proof' };
}
