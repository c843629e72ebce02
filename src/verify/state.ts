/**
 * The verifier's state file (`--state`): per log origin, the pinned verifier key and the latest
 * checkpoint seen. Trust on first use: the first run against a log with no `--key`/`--key-file`
 * pins the key the server advertises; later runs only trust that key, and check that every new
 * checkpoint extends the stored one (a fork or rollback is an error).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isRecord } from './documents.js';
import { VerifyError } from './verify-error.js';

/** What the state remembers of one log. */
export interface LogState {
  /** C2SP signed-note verifier key string. */
  readonly verifierKey: string;
  /** The latest checkpoint seen, as the complete signed note. */
  readonly checkpoint: string | null;
}

/** The whole state file: logs by origin. */
export interface VerifierState {
  readonly logs: Record<string, LogState>;
}

/** Reads the state file; a missing file is an empty state. Throws VerifyError('malformed') if unreadable. */
export function loadState(file: string): VerifierState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (isRecord(err) && err.code === 'ENOENT') return { logs: {} };
    throw new VerifyError('malformed', `cannot read state file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VerifyError('malformed', `state file ${file} is not JSON`);
  }
  if (!isRecord(json) || json.format !== 'gongkai-verify-state/v1' || !isRecord(json.logs)) {
    throw new VerifyError('malformed', `state file ${file} is not a gongkai verify state file`);
  }
  const logs: Record<string, LogState> = {};
  for (const [origin, v] of Object.entries(json.logs)) {
    if (!isRecord(v) || typeof v.verifier_key !== 'string' || !(typeof v.checkpoint === 'string' || v.checkpoint === null)) {
      throw new VerifyError('malformed', `state file ${file}: bad entry for ${origin}`);
    }
    logs[origin] = { verifierKey: v.verifier_key, checkpoint: v.checkpoint };
  }
  return { logs };
}

/** Writes the state file atomically (temporary file, then rename). */
export function saveState(file: string, state: VerifierState): void {
  const logs: Record<string, { verifier_key: string; checkpoint: string | null }> = {};
  for (const [origin, v] of Object.entries(state.logs)) logs[origin] = { verifier_key: v.verifierKey, checkpoint: v.checkpoint };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ format: 'gongkai-verify-state/v1', logs }, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, file);
}
