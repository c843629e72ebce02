import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';
import { isValidOrigin } from '../tlog/checkpoint.js';
import { parseNoteVerifierKey } from '../tlog/note-keys.js';
import { isValidKeyName } from '../tlog/note.js';
import { parseCosignatureVerifierKey } from '../tlog/witness.js';

/** A log this instance witnesses: its origin line and the verifier keys it trusts for it. */
export interface WitnessedLogSetting {
  readonly origin: string;
  /** C2SP signed-note Ed25519 verifier key strings (type 0x01); at least one. */
  readonly keys: readonly string[];
}

/** This instance's witness (C2SP tlog-witness), enabled when it witnesses at least one log. */
export interface WitnessSetting {
  /** The witness key name (GONGKAI_WITNESS_NAME, default `<public host>/witness`). */
  readonly name: string;
  /** Its Ed25519 key file (GONGKAI_WITNESS_KEY_FILE, default `<data dir>/witness-signing.key`). */
  readonly keyFile: string;
  readonly logs: readonly WitnessedLogSetting[];
}

/** A witness that this instance's log submits its checkpoints to. */
export interface LogWitnessSetting {
  /** The witness's submission prefix; `/add-checkpoint` is appended (tlog-witness §HTTP Interface). */
  readonly url: string;
  /** The witness's cosignature/v1 verifier key string (type 0x04); its name is the witness name. */
  readonly key: string;
}

/** The witness part of the configuration. */
export interface WitnessSettings {
  /** Null: `POST /witness/add-checkpoint` answers 404. */
  witness: WitnessSetting | null;
  /** Empty: the log is not submitted to witnesses. */
  logWitnesses: LogWitnessSetting[];
}

type Env = Record<string, string | undefined>;

function invalid(message: string): AppError {
  return new AppError('validation_failed', { message });
}

/** The JSON of `<NAME>` (inline) or of the file named by `<NAME>_FILE`; undefined when neither is set. */
function jsonSetting(env: Env, name: string): unknown {
  const inline = env[name];
  const file = env[`${name}_FILE`];
  if (inline && file) throw invalid(`set ${name} or ${name}_FILE, not both`);
  let text: string;
  if (inline) {
    text = inline;
  } else if (file) {
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch {
      throw invalid(`${name}_FILE: cannot read ${file}`);
    }
  } else {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(`${name} is not valid JSON`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `GONGKAI_WITNESS_LOGS`: a JSON array whose items are either a verifier key string (the origin
 * is then the key's name, as for Gongkai logs) or `{ "origin": "...", "keys": ["..."] }`.
 */
function witnessedLogs(raw: unknown): WitnessedLogSetting[] {
  if (!Array.isArray(raw)) throw invalid('GONGKAI_WITNESS_LOGS must be a JSON array');
  const out: WitnessedLogSetting[] = [];
  for (const item of raw) {
    const entry = typeof item === 'string' ? { origin: undefined, keys: [item] } : isRecord(item) ? { origin: item.origin, keys: item.keys } : null;
    if (entry === null || !Array.isArray(entry.keys) || entry.keys.length === 0 || !entry.keys.every((k): k is string => typeof k === 'string')) {
      throw invalid('GONGKAI_WITNESS_LOGS: each item is a verifier key or { "origin", "keys": [...] }');
    }
    let names: string[];
    try {
      names = entry.keys.map((k) => parseNoteVerifierKey(k).name);
    } catch {
      throw invalid('GONGKAI_WITNESS_LOGS: a key is not an Ed25519 signed-note verifier key');
    }
    const origin = entry.origin ?? names[0];
    if (typeof origin !== 'string' || !isValidOrigin(origin)) throw invalid(`GONGKAI_WITNESS_LOGS: invalid origin ${JSON.stringify(origin)}`);
    if (out.some((l) => l.origin === origin)) throw invalid(`GONGKAI_WITNESS_LOGS: origin ${origin} listed twice`);
    out.push({ origin, keys: entry.keys });
  }
  return out;
}

/** `GONGKAI_LOG_WITNESSES`: a JSON array of `{ "url": "https://…/witness", "key": "<cosignature verifier key>" }`. */
function logWitnesses(raw: unknown): LogWitnessSetting[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid('GONGKAI_LOG_WITNESSES must be a JSON array');
  const out: LogWitnessSetting[] = [];
  for (const item of raw) {
    if (!isRecord(item) || typeof item.url !== 'string' || typeof item.key !== 'string') {
      throw invalid('GONGKAI_LOG_WITNESSES: each item is { "url": "...", "key": "..." }');
    }
    let url: URL;
    try {
      url = new URL(item.url);
    } catch {
      throw invalid(`GONGKAI_LOG_WITNESSES: not a URL: ${item.url}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`GONGKAI_LOG_WITNESSES: not an http(s) URL: ${item.url}`);
    try {
      parseCosignatureVerifierKey(item.key);
    } catch {
      throw invalid('GONGKAI_LOG_WITNESSES: a key is not a cosignature/v1 verifier key');
    }
    if (out.some((w) => w.key === item.key)) throw invalid('GONGKAI_LOG_WITNESSES: a witness key is listed twice');
    out.push({ url: item.url.replace(/\/+$/, ''), key: item.key });
  }
  return out;
}

/**
 * Reads the witness configuration (documented in the README, "Witnesses"):
 * - `GONGKAI_WITNESS_LOGS` (or a file named by `GONGKAI_WITNESS_LOGS_FILE`) lists the logs this
 *   instance witnesses; setting it enables `POST /witness/add-checkpoint`.
 * - `GONGKAI_WITNESS_NAME` and `GONGKAI_WITNESS_KEY_FILE` name the witness and its key file.
 * - `GONGKAI_LOG_WITNESSES` (or `GONGKAI_LOG_WITNESSES_FILE`) lists the witnesses of this
 *   instance's own log.
 * Throws AppError('validation_failed') on anything malformed.
 */
export function witnessSettings(env: Env, publicUrl: string, dataDir: string): WitnessSettings {
  const logsRaw = jsonSetting(env, 'GONGKAI_WITNESS_LOGS');
  let witness: WitnessSetting | null = null;
  if (logsRaw !== undefined) {
    const url = new URL(publicUrl);
    const name = env.GONGKAI_WITNESS_NAME || `${url.host}${url.pathname.replace(/\/+$/, '')}/witness`;
    if (!isValidKeyName(name)) throw invalid(`GONGKAI_WITNESS_NAME must have no spaces and no "+", got "${name}"`);
    witness = {
      name,
      keyFile: resolve(env.GONGKAI_WITNESS_KEY_FILE || resolve(dataDir, 'witness-signing.key')),
      logs: witnessedLogs(logsRaw),
    };
  }
  return { witness, logWitnesses: logWitnesses(jsonSetting(env, 'GONGKAI_LOG_WITNESSES')) };
}
