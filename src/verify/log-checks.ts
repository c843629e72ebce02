/**
 * The log-level half of `gongkai verify`: which key to trust, and whether the checkpoints seen
 * extend one another (issue 4 §5: "a fork or rollback is an error").
 *
 * Key choice, in order: `--key <verifier key>`, `--key-file <file>`, the key pinned for the log's
 * origin in the `--state` file, and finally trust on first use: with `--state` and nothing pinned
 * yet, the key the server advertises is used and pinned. Without a key and without a state file
 * there is nothing to trust, and verification fails with `unknown_key`.
 */
import { readFileSync } from 'node:fs';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { parseNoteVerifierKey } from '../tlog/note-keys.js';
import type { NoteVerifier } from '../tlog/note.js';
import { checkCheckpointSignature, type Check } from './check-version.js';
import { saveState, type VerifierState } from './state.js';
import { consistentViaTiles, type TileFetcher } from './tile-consistency.js';
import { VerifyError } from './verify-error.js';

/** Options shared by both modes. */
export interface KeyOptions {
  readonly key?: string | undefined;
  readonly keyFile?: string | undefined;
}

/** The key the run trusts, and where it came from. */
export interface TrustedKey {
  readonly verifier: NoteVerifier;
  readonly verifierKey: string;
  readonly source: 'given' | 'file' | 'pinned' | 'first_use';
}

function parseKey(vkey: string, where: string): NoteVerifier {
  try {
    return parseNoteVerifierKey(vkey.trim());
  } catch (err) {
    throw new VerifyError('malformed', `${where} is not an Ed25519 verifier key (name+keyid+base64): ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The origin line of a (not yet verified) checkpoint note, used only to look up the state file. */
export function claimedOrigin(note: string): string {
  return note.split('\n', 1)[0] ?? '';
}

/** Picks the trusted key (see the module comment). Throws VerifyError('unknown_key' | 'malformed'). */
export function resolveKey(opts: KeyOptions, state: VerifierState | null, origin: string, advertised: () => Promise<string | null>): Promise<TrustedKey> {
  if (opts.key !== undefined) return Promise.resolve({ verifier: parseKey(opts.key, '--key'), verifierKey: opts.key.trim(), source: 'given' });
  if (opts.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(opts.keyFile, 'utf8');
    } catch (err) {
      throw new VerifyError('malformed', `cannot read key file ${opts.keyFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return Promise.resolve({ verifier: parseKey(text, `key file ${opts.keyFile}`), verifierKey: text.trim(), source: 'file' });
  }
  const pinned = state?.logs[origin];
  if (pinned !== undefined) return Promise.resolve({ verifier: parseKey(pinned.verifierKey, 'the pinned key in the state file'), verifierKey: pinned.verifierKey, source: 'pinned' });
  if (state === null) {
    throw new VerifyError('unknown_key', 'no trusted key: pass --key <verifier key> or --key-file <file> (the log publishes it at /log/key), or --state <file> to trust it on first use');
  }
  return advertised().then((vkey) => {
    if (vkey === null) throw new VerifyError('unknown_key', `no key pinned for ${origin} and the server advertises none: pass --key`);
    return { verifier: parseKey(vkey, 'the key the server advertises'), verifierKey: vkey.trim(), source: 'first_use' as const };
  });
}

/** Inputs of {@link checkLogHistory}. */
export interface HistoryInput {
  readonly key: TrustedKey;
  /** The checkpoint the inclusion proof was checked against (signature verified). */
  readonly proofCheckpoint: Checkpoint;
  readonly proofNote: string;
  /** The log's latest checkpoint note, when online. */
  readonly latestNote: string | null;
  /** Tiles of the log, when reachable; without them only equal-size checkpoints can be compared. */
  readonly fetchTile: TileFetcher | null;
  readonly state: VerifierState | null;
  readonly statePath: string | null;
}

/**
 * Checks that the proof's checkpoint, the log's latest one and the one stored in the state file
 * all lie on one history, then stores the newest verified checkpoint (and the key, if pinned on
 * first use). Appends its checks to `checks`; never throws for a failed check.
 */
export async function checkLogHistory(input: HistoryInput, checks: Check[]): Promise<void> {
  const { key, proofCheckpoint } = input;
  let head = proofCheckpoint;
  let headNote = input.proofNote;
  // true: consistent; false: not (a failed check); null: not checkable offline (state kept as is).
  const consistent = async (id: string, older: Checkpoint, newer: Checkpoint, what: string): Promise<boolean | null> => {
    if (older.size === newer.size && !older.rootHash.equals(newer.rootHash)) {
      checks.push({ id, status: 'fail', reason: 'inconsistent_checkpoint', detail: `fork: ${what} both have size ${older.size} but different roots` });
      return false;
    }
    if (older.size !== newer.size && input.fetchTile === null) {
      checks.push({ id, status: 'skip', detail: `${what}: sizes ${older.size} and ${newer.size}; pass --log <url> to check consistency from the tiles` });
      return null;
    }
    let good: boolean;
    try {
      good = input.fetchTile === null || older.size === newer.size ? true : await consistentViaTiles(older, newer, input.fetchTile);
    } catch (err) {
      checks.push({ id, status: 'fail', reason: 'fetch_failed', detail: `cannot read the log's tiles: ${err instanceof Error ? err.message : String(err)}` });
      return false;
    }
    checks.push(
      good
        ? { id, status: 'ok', detail: `${what}: tree ${older.size} is a prefix of tree ${newer.size}` }
        : { id, status: 'fail', reason: 'inconsistent_checkpoint', detail: `fork: ${what}: tree ${older.size} is not a prefix of tree ${newer.size}` },
    );
    return good;
  };

  let fine = true;
  if (input.latestNote !== null) {
    const latest = checkCheckpointSignature('latest_checkpoint', "the log's latest checkpoint", input.latestNote, key.verifier);
    checks.push(latest.check);
    if (latest.checkpoint === null) return;
    if (latest.checkpoint.size < proofCheckpoint.size) {
      checks.push({ id: 'latest_consistency', status: 'fail', reason: 'inconsistent_checkpoint', detail: `rollback: the log's latest checkpoint has size ${latest.checkpoint.size}, smaller than the proof's ${proofCheckpoint.size}` });
      return;
    }
    fine = (await consistent('latest_consistency', proofCheckpoint, latest.checkpoint, 'the proof checkpoint and the latest checkpoint')) === true;
    head = latest.checkpoint;
    headNote = input.latestNote;
  }

  const pinned = input.state?.logs[proofCheckpoint.origin];
  if (input.state !== null && pinned?.checkpoint) {
    const seen = checkCheckpointSignature('state_checkpoint', 'the checkpoint in the state file', pinned.checkpoint, key.verifier);
    if (seen.checkpoint === null) {
      checks.push(seen.check);
      return;
    }
    if (seen.checkpoint.size > head.size) {
      if (input.latestNote !== null) {
        checks.push({ id: 'state_consistency', status: 'fail', reason: 'inconsistent_checkpoint', detail: `rollback: the log's latest checkpoint has size ${head.size}, smaller than the ${seen.checkpoint.size} seen before` });
        return;
      }
      // Offline with an older proof: the stored checkpoint stays the head.
      fine = (await consistent('state_consistency', head, seen.checkpoint, 'this checkpoint and the one seen before')) === true && fine;
      head = seen.checkpoint;
      headNote = pinned.checkpoint;
    } else {
      fine = (await consistent('state_consistency', seen.checkpoint, head, 'the checkpoint seen before and this one')) === true && fine;
    }
  } else if (input.state !== null) {
    checks.push({ id: 'state_consistency', status: 'skip', detail: 'no earlier checkpoint of this log in the state file: this one is stored for next time' });
  }

  if (fine && input.state !== null && input.statePath !== null) {
    const logs = { ...input.state.logs, [proofCheckpoint.origin]: { verifierKey: key.verifierKey, checkpoint: headNote } };
    saveState(input.statePath, { logs });
  }
}
