import { TlogError } from './errors.js';
import { sha256Digest } from './hash.js';

/** C2SP signed-note §Signature types: 0x01, Ed25519 over the note text. */
export const SIG_TYPE_ED25519 = 0x01;
/** C2SP signed-note §Signature types: 0x04, timestamped Ed25519 cosignature (tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

/** Signs note text. `sign` receives the UTF-8 note text and returns the signature bytes (no key ID). */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Buffer): Buffer;
}

/** Verifies signatures for one (name, key ID). `verify` gets the UTF-8 note text and the signature bytes (no key ID). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Buffer, signature: Buffer): boolean;
}

/** One signature line, decoded: `signature` excludes the 4-byte key ID prefix. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Buffer;
}

/** A note whose text was authenticated by at least one known key. */
export interface OpenedNote {
  /** The note text, including its final newline. */
  readonly text: string;
  /** Signatures from known keys, all verified, one per key. */
  readonly verified: NoteSignature[];
  /** Signatures from unknown keys, ignored as C2SP signed-note requires. */
  readonly unverified: NoteSignature[];
}

/** C2SP signed-note: key names are non-empty and contain no Unicode spaces and no `+`. */
export function isValidKeyName(name: string): boolean {
  // JS \s covers Unicode White_Space except U+0085 (NEL), which Go's unicode.IsSpace also rejects.
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && !hasForbiddenControl(name) && isWellFormed(name);
}

/**
 * C2SP signed-note §Signatures: key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], read as a
 * big-endian uint32.
 */
export function noteKeyId(name: string, type: number, publicKey: Buffer): number {
  const digest = sha256Digest(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([type]), publicKey]));
  return digest.readUInt32BE(0);
}

/** Lower-case 8-digit hex, as key strings write key IDs. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

// signed-note §Format: notes must be valid UTF-8 with no ASCII control characters but newline.
function hasForbiddenControl(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f]/.test(s);
}

/** Standard base64 (RFC 4648 §4) decoding that rejects anything `toString('base64')` would not produce. */
export function decodeBase64Strict(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64') === s ? buf : null;
}

const EM_DASH_PREFIX = '\u2014 ';

/** One signature line: `— <name> <base64(key ID ‖ signature)>\n` (U+2014, space). */
export function formatSignatureLine(sig: NoteSignature): string {
  if (!isValidKeyName(sig.name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(sig.name)}`);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(sig.keyId >>> 0);
  return `${EM_DASH_PREFIX}${sig.name} ${Buffer.concat([head, sig.signature]).toString('base64')}\n`;
}

/** No lone UTF-16 surrogates, so the string encodes to valid UTF-8 unchanged. */
function isWellFormed(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

function checkText(text: string): void {
  if (!text.endsWith('\n') || hasForbiddenControl(text) || !isWellFormed(text)) {
    throw new TlogError('malformed', 'note text must end in a newline and contain no control characters');
  }
}

/**
 * Signs `text` with each signer and returns the note's signature lines (no blank line). This is
 * also the body a witness returns from add-checkpoint (C2SP tlog-witness).
 */
export function signatureLines(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  const bytes = Buffer.from(text, 'utf8');
  return signers.map((s) => formatSignatureLine({ name: s.name, keyId: s.keyId, signature: s.sign(bytes) })).join('');
}

/**
 * C2SP signed-note §Format: returns `text`, a blank line, then one signature line per signer.
 * `text` must be non-empty, end in `\n` and contain no control characters but `\n`; throws
 * TlogError('malformed') otherwise. At least one signer is required.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (signers.length === 0) throw new TlogError('malformed', 'signNote needs at least one signer');
  return `${text}\n${signatureLines(text, signers)}`;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** Options for {@link openNote}. */
export interface OpenNoteOptions {
  /** Reject notes with more signature lines than this (signed-note: must accept ≥ 16). Default 100, as Go's note package. */
  readonly maxSignatures?: number;
}

/**
 * C2SP signed-note: parses a note and verifies it.
 *
 * - The text is everything up to and including the newline before the last blank line; what
 *   follows must be one or more well-formed signature lines, each ending in `\n`.
 * - Signatures whose (name, key ID) pair matches no verifier are ignored (returned as
 *   `unverified`), even if the name or the ID alone matches.
 * - A signature from a known key that fails to verify rejects the whole note
 *   (TlogError 'invalid_signature'), as the spec recommends.
 * - If no signature from a known key verified, throws TlogError('unverified').
 * - Anything syntactically wrong (invalid UTF-8, control characters, bad names or base64, no
 *   blank line) throws TlogError('malformed').
 * - Two verifiers with the same (name, key ID) are ambiguous: TlogError('malformed') if used.
 */
export function openNote(note: Buffer | string, verifiers: readonly NoteVerifier[], options: OpenNoteOptions = {}): OpenedNote {
  const malformed = (why: string): TlogError => new TlogError('malformed', `malformed note: ${why}`);
  let msg: string;
  if (typeof note === 'string') {
    msg = note;
  } else {
    try {
      msg = utf8Fatal.decode(note);
    } catch {
      throw malformed('invalid UTF-8');
    }
  }
  if (!isWellFormed(msg)) throw malformed('invalid UTF-8');
  if (hasForbiddenControl(msg)) throw malformed('control characters');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before signatures');
  const text = msg.slice(0, split + 1);
  const sigText = msg.slice(split + 2);
  if (sigText.length === 0 || !sigText.endsWith('\n')) throw malformed('missing signature lines');
  const lines = sigText.slice(0, -1).split('\n');
  const max = options.maxSignatures ?? 100;
  if (lines.length > max) throw malformed(`more than ${max} signatures`);

  const textBytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(EM_DASH_PREFIX)) throw malformed('signature line must start with "— "');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw malformed('signature line without a space');
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    if (!isValidKeyName(name)) throw malformed(`invalid key name ${JSON.stringify(name)}`);
    const raw = decodeBase64Strict(b64);
    // At least a 4-byte key ID and one byte of signature.
    if (raw === null || raw.length < 5) throw malformed('bad signature encoding');
    const sig: NoteSignature = { name, keyId: raw.readUInt32BE(0), signature: Buffer.from(raw.subarray(4)) };
    const id = `${name}+${formatKeyId(sig.keyId)}`;
    const matches = verifiers.filter((v) => v.name === name && v.keyId >>> 0 === sig.keyId);
    if (matches.length > 1) throw new TlogError('malformed', `ambiguous key ${id}`);
    const verifier = matches[0];
    if (verifier === undefined) {
      const key = `${id}+${b64}`;
      if (!seenUnverified.has(key)) {
        seenUnverified.add(key);
        unverified.push(sig);
      }
      continue;
    }
    if (!verifier.verify(textBytes, sig.signature)) throw new TlogError('invalid_signature', `invalid signature for key ${id}`);
    if (!seenVerified.has(id)) {
      seenVerified.add(id);
      verified.push(sig);
    }
  }
  if (verified.length === 0) throw new TlogError('unverified', 'note has no verifiable signatures');
  return { text, verified, unverified };
}
