import type { Kysely } from 'kysely';
import type { WitnessSetting } from '../config/witness-settings.js';
import type { Clock } from '../domain/clock.js';
import type { DB } from '../store/schema.js';
import { parseNoteVerifierKey } from '../tlog/note-keys.js';
import { signatureLines, type NoteVerifier } from '../tlog/note.js';
import { TlogError } from '../tlog/errors.js';
import { evaluateAddCheckpoint, parseAddCheckpointRequest, type AddCheckpointOutcome, type AddCheckpointRequest } from '../tlog/witness.js';
import { loadOrCreateWitnessKey, type WitnessKey } from './witness-key.js';
import { casWitnessState, hasWitnessState, readWitnessState } from './witness-store.js';

/** An HTTP answer to add-checkpoint, as C2SP tlog-witness defines it. */
export interface WitnessReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** `cosigned`, or the refusal reason of `evaluateAddCheckpoint` (for logs and metrics). */
  readonly outcome: 'cosigned' | 'busy' | Extract<AddCheckpointOutcome, { ok: false }>['reason'];
}

/** This instance as a witness: its key and the add-checkpoint operation. */
export interface WitnessService {
  readonly name: string;
  /** The cosignature/v1 verifier key string that logs configure (served at /witness/key). */
  readonly verifierKey: string;
  /** Handles one add-checkpoint request body. Never throws for bad input; store errors propagate. */
  addCheckpoint(body: Buffer): Promise<WitnessReply>;
}

const TEXT = 'text/plain; charset=utf-8';
/** tlog-witness §add-checkpoint: the 409 body is the latest cosigned size, with this media type. */
const SIZE = 'text/x.tlog.size';
/** Compare-and-swap attempts before answering 503 under heavy contention on one origin. */
const CAS_ATTEMPTS = 5;

function refusal(outcome: Extract<AddCheckpointOutcome, { ok: false }>): WitnessReply {
  const reply = (status: number, body: string, contentType = TEXT): WitnessReply => ({ status, contentType, body, outcome: outcome.reason });
  switch (outcome.reason) {
    case 'unknown_origin':
      return reply(404, 'unknown log origin\n');
    case 'bad_signature':
      return reply(403, 'no valid signature from a trusted key of this log\n');
    case 'old_size_too_large':
      return reply(400, 'old size is larger than the checkpoint size\n');
    case 'old_size_mismatch':
      return reply(409, `${outcome.latestSize ?? 0}\n`, SIZE);
    case 'root_mismatch':
      return reply(409, 'same size as the latest cosigned checkpoint but a different root hash\n');
    case 'bad_proof':
      return reply(422, 'the consistency proof does not verify\n');
    case 'malformed':
      return reply(400, 'malformed add-checkpoint request\n');
  }
}

/**
 * Builds the witness of `setting`: loads or creates its key (refusing a lost key, see
 * `loadOrCreateWitnessKey`) and the verifiers of the witnessed logs.
 *
 * `addCheckpoint` follows C2SP tlog-witness §add-checkpoint: parse (400), origin known (404), a
 * trusted signature verifies (403), old ≤ new (400), old equals the recorded size (409 with
 * that size as `text/x.tlog.size`), the proof verifies (422) or, at equal size, the roots match
 * (409); then it records the checkpoint by compare-and-swap (re-evaluating if another request
 * won) and only then answers 200 with its cosignature line.
 */
export async function openWitness(setting: WitnessSetting, deps: { db: Kysely<DB>; clock: Clock }): Promise<WitnessService> {
  const key: WitnessKey = loadOrCreateWitnessKey(setting.keyFile, setting.name, await hasWitnessState(deps.db), {
    // tlog's clock is epoch milliseconds; the app's returns a Date.
    now: () => deps.clock.now().getTime(),
  });
  const verifiers = new Map<string, readonly NoteVerifier[]>(setting.logs.map((l) => [l.origin, l.keys.map((k) => parseNoteVerifierKey(k))]));

  async function addCheckpoint(body: Buffer): Promise<WitnessReply> {
    let req: AddCheckpointRequest;
    try {
      req = parseAddCheckpointRequest(body);
    } catch (err) {
      if (err instanceof TlogError) return refusal({ ok: false, reason: 'malformed' });
      throw err;
    }
    const nl = req.checkpoint.indexOf('\n');
    const origin = nl > 0 ? req.checkpoint.slice(0, nl) : '';
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const state = verifiers.has(origin) ? await readWitnessState(deps.db, origin) : null;
      const outcome = evaluateAddCheckpoint(req, verifiers, state);
      if (!outcome.ok) return refusal(outcome);
      const recorded = await casWitnessState(deps.db, origin, state, {
        size: outcome.checkpoint.size,
        rootHash: outcome.checkpoint.rootHash,
        note: req.checkpoint,
        at: deps.clock.now().getTime(),
      });
      // Persisted before answering (tlog-witness: "MUST persist the new checkpoint before responding").
      if (recorded) return { status: 200, contentType: TEXT, body: signatureLines(outcome.text, [key.signer]), outcome: 'cosigned' };
    }
    return { status: 503, contentType: TEXT, body: 'too many concurrent requests for this log; retry\n', outcome: 'busy' };
  }

  return { name: setting.name, verifierKey: key.verifierKey, addCheckpoint };
}
