import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { translator, type MessageKey } from '../i18n/i18n.js';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { encodeSignerKey, encodeVerifierKey, parseNoteVerifierKey, parseSignerKey } from '../tlog/note-keys.js';
import { decodeBase64Strict, formatKeyId, openNote, SIG_TYPE_ED25519, type NoteSigner, type NoteVerifier } from '../tlog/note.js';
import { ed25519PrivateKeyFromSeed, ed25519RawPublicKey, generateEd25519KeyPair } from '../tlog/ed25519-keys.js';
import type { StoredCheckpoint } from '../tlog/storage.js';

/** The log's signing key, loaded or created at start. */
export interface LogKey {
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
  /** The public verifier key string `<origin>+<key ID>+<base64>` (C2SP signed-note), served at /log/key. */
  readonly verifierKey: string;
  /** True when this start generated the key file. */
  readonly created: boolean;
}

/**
 * A refusal to start because of the log key. Its message is loud and explicit, in Chinese then
 * English, and names the file; it never contains key material.
 */
export class LogKeyError extends Error {
  constructor(key: MessageKey, vars: Record<string, string | number>) {
    super(`${translator('zh-CN')(key, vars)}\n${translator('en')(key, vars)}`);
    this.name = 'LogKeyError';
  }
}

function noteText(note: string): string {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? note : note.slice(0, split + 1);
}

function readKeyFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Loads the Ed25519 signed-note key of the log `origin` from `file`, or creates it (mode 0600,
 * exclusive create) if the file does not exist and the database holds no checkpoint yet.
 *
 * Refuses with `LogKeyError`, never by silently making a new key (issue 4 §1: "losing the key is
 * reported loudly"), when: the file is missing but `stored` (the latest checkpoint in the
 * database) exists; the file is malformed; the key's name is not `origin`; the stored checkpoint
 * has another origin; or it does not verify with this key.
 */
export function loadOrCreateLogKey(file: string, origin: string, stored: StoredCheckpoint | null): LogKey {
  let text = readKeyFile(file);
  let created = false;
  if (text === null) {
    if (stored !== null) throw new LogKeyError('tlog.key_missing', { file, size: stored.size });
    const { privateKey } = generateEd25519KeyPair();
    text = `${encodeSignerKey(origin, privateKey)}\n`;
    mkdirSync(dirname(file), { recursive: true });
    try {
      // 'wx': two instances starting together on one data directory must not both write a key.
      writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
      text = readFileSync(file, 'utf8');
    }
  }
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(text.trim());
  } catch {
    throw new LogKeyError('tlog.key_malformed', { file });
  }
  if (signer.name !== origin) throw new LogKeyError('tlog.key_origin_mismatch', { file, keyName: signer.name, origin });
  // A NoteSigner does not expose its public key: derive the verifier key from the file's seed.
  const verifierKey = verifierKeyOf(text.trim());
  const verifier = parseNoteVerifierKey(verifierKey);
  if (stored !== null) {
    const storedOrigin = safeOrigin(stored.note);
    if (storedOrigin !== null && storedOrigin !== origin) throw new LogKeyError('tlog.origin_changed', { stored: storedOrigin, origin });
    if (!signedBy(stored.note, verifier)) {
      throw new LogKeyError('tlog.key_mismatch', { file, keyId: formatKeyId(verifier.keyId), size: stored.size });
    }
  }
  return { signer, verifier, verifierKey, created };
}

/** True when `note` carries a valid signature by `verifier`. */
export function signedBy(note: string, verifier: NoteVerifier): boolean {
  try {
    return openNote(note, [verifier]).verified.length > 0;
  } catch {
    return false;
  }
}

function safeOrigin(note: string): string | null {
  try {
    return parseCheckpoint(noteText(note)).origin;
  } catch {
    return null;
  }
}

/** The verifier key string matching a signer key string already validated by `parseSignerKey`. */
function verifierKeyOf(signerKey: string): string {
  // PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>; the base64 field may itself hold '+'.
  const parts = signerKey.split('+');
  const seed = decodeBase64Strict(parts.slice(4).join('+'));
  if (seed === null) throw new Error('log key: signer key changed under us');
  const publicKey = ed25519RawPublicKey(ed25519PrivateKeyFromSeed(Buffer.from(seed.subarray(1))));
  return encodeVerifierKey(parts[2] ?? '', SIG_TYPE_ED25519, publicKey);
}
