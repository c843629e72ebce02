import type { Kysely } from 'kysely';
import type { LogWitnessSetting } from '../config/witness-settings.js';
import type { Clock } from '../domain/clock.js';
import type { DialectOps } from '../store/dialect/dialect.js';
import type { DB } from '../store/schema.js';
import type { TransparencyLog } from '../tlog/log.js';
import { formatSignatureLine, openNote, type NoteVerifier } from '../tlog/note.js';
import type { StoredCheckpoint } from '../tlog/storage.js';
import { formatAddCheckpointRequest, parseCosignatureVerifierKey } from '../tlog/witness.js';
import { noteTextOf, readCosignatures, saveCosignature, type StoredCosignature } from './witness-store.js';

/** The part of WHATWG `fetch` the submitter uses; the global `fetch` fits, tests inject their own. */
export type WitnessFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** What one step did for one witness. */
export interface WitnessAttempt {
  /** The witness name (its key name). */
  readonly witness: string;
  /** `cosigned`: obtained now; `current`: already cosigned this checkpoint; `waiting`: backing off after a failure; `failed`. */
  readonly result: 'cosigned' | 'current' | 'waiting' | 'failed';
  /** Tree size the witness has cosigned after the step (when known). */
  readonly size?: number;
  readonly error?: string;
}

/** Submits this log's checkpoints to its witnesses and keeps their cosignatures. */
export interface WitnessSubmitter {
  /**
   * Reads the latest signed checkpoint and, for every witness that has not cosigned it (and is
   * not backing off), submits it with a consistency proof from the size that witness last
   * cosigned; answers 409 are retried from the size the witness reports. Verified cosignatures
   * are stored for `/log/checkpoint`. Failures are reported and retried later, never thrown:
   * witnesses never block publishing. Runs under a lock, so one instance submits at a time.
   */
  step(): Promise<WitnessAttempt[]>;
  /** Runs `step` every `intervalMs` in the background (timers unref'd). */
  start(): void;
  /** Stops the loop and waits for a running step. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link createWitnessSubmitter}. */
export interface WitnessSubmitterOptions {
  /** Default: the global fetch. */
  fetch?: WitnessFetch;
  /** Polling interval of the stored checkpoint (default 1,000 ms: the sequencer signs at most every 500 ms). */
  intervalMs?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Longest pause after repeated failures (default 5 min; it doubles from 1 s). */
  maxBackoffMs?: number;
  /** Called with every failed submission. */
  onError?: (witness: string, err: unknown) => void;
}

const LOCK_NAME = 'gongkai:tlog-witnessing';
/** 409 answers followed per submission before giving up until the next step. */
const MAX_CONFLICTS = 3;

class WitnessRefusal extends Error {
  constructor(witness: string, status: number, body: string) {
    super(`witness ${witness} answered ${status}: ${body.slice(0, 200).trim()}`);
    this.name = 'WitnessRefusal';
  }
}

/**
 * Creates the log side of witnessing (issue 4 §7) for `witnesses` (GONGKAI_LOG_WITNESSES). It
 * polls the stored checkpoint rather than hooking the sequencer, so it also picks up checkpoints
 * signed by another instance and needs no change to the signing path.
 */
export function createWitnessSubmitter(
  deps: { db: Kysely<DB>; ops: DialectOps; clock: Clock },
  log: TransparencyLog,
  witnesses: readonly LogWitnessSetting[],
  opts: WitnessSubmitterOptions = {},
): WitnessSubmitter {
  const doFetch: WitnessFetch = opts.fetch ?? ((url, init) => fetch(url, init));
  const intervalMs = opts.intervalMs ?? 1_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000;
  const targets = witnesses.map((w) => ({ ...w, verifier: parseCosignatureVerifierKey(w.key), failures: 0, retryAt: 0 }));
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  async function submit(w: (typeof targets)[number], cp: StoredCheckpoint, text: string, stored: StoredCosignature | undefined): Promise<number> {
    let oldSize = stored?.size ?? 0;
    for (let conflicts = 0; ; conflicts++) {
      if (oldSize > cp.size) throw new Error(`witness ${w.verifier.name} has cosigned size ${oldSize}, beyond this log's ${cp.size}`);
      // tlog-witness: the proof is RFC 6962 §2.1.2 from old to new, empty when old is 0 or equal.
      const proof = oldSize === 0 || oldSize === cp.size ? [] : await log.proveConsistency(oldSize, cp.size);
      const res = await doFetch(`${w.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: formatAddCheckpointRequest({ oldSize, proof, checkpoint: cp.note }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.text();
      if (res.status === 200) {
        await saveCosignature(deps.db, { witnessKey: w.key, size: cp.size, checkpointText: text, signatures: cosignatureLines(cp.note, body, w.verifier) }, deps.clock.now().getTime());
        return cp.size;
      }
      // 409 with text/x.tlog.size: the witness is at another size; retry from it.
      const latest = res.status === 409 && (res.headers.get('content-type') ?? '').startsWith('text/x.tlog.size') ? /^(0|[1-9][0-9]*)\n?$/.exec(body) : null;
      if (latest === null || conflicts >= MAX_CONFLICTS || Number(latest[1]) === oldSize) throw new WitnessRefusal(w.verifier.name, res.status, body);
      oldSize = Number(latest[1]);
    }
  }

  async function once(): Promise<WitnessAttempt[]> {
    const r = await deps.ops.withAdvisoryLock(deps.db, LOCK_NAME, async () => {
      const cp = await log.latestCheckpoint();
      if (cp === null || targets.length === 0) return [];
      const text = noteTextOf(cp.note);
      const stored = await readCosignatures(deps.db);
      const now = deps.clock.now().getTime();
      return Promise.all(
        targets.map(async (w): Promise<WitnessAttempt> => {
          const s = stored.get(w.key);
          if (s !== undefined && s.checkpointText === text) return { witness: w.verifier.name, result: 'current', size: s.size };
          if (now < w.retryAt) return { witness: w.verifier.name, result: 'waiting', ...(s ? { size: s.size } : {}) };
          try {
            const size = await submit(w, cp, text, s);
            w.failures = 0;
            w.retryAt = 0;
            return { witness: w.verifier.name, result: 'cosigned', size };
          } catch (err) {
            w.failures++;
            w.retryAt = now + Math.min(maxBackoffMs, 1_000 * 2 ** Math.min(w.failures - 1, 20));
            opts.onError?.(w.verifier.name, err);
            return { witness: w.verifier.name, result: 'failed', error: err instanceof Error ? err.message : String(err) };
          }
        }),
      );
    });
    return r.acquired ? r.value : [];
  }

  function step(): Promise<WitnessAttempt[]> {
    const run = queue.then(once);
    queue = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      // Store errors (database down) are reported like witness failures and retried next tick.
      step().catch((err: unknown) => opts.onError?.('*', err)).finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    step,
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await queue;
    },
  };
}

/**
 * The witness's cosignature lines from an add-checkpoint 200 body, verified as tlog-witness
 * suggests: appended to the checkpoint and opened with the witness key only (the log's own
 * signature is then an unknown key, ignored). Throws if no valid cosignature by the witness.
 */
function cosignatureLines(note: string, body: string, verifier: NoteVerifier): string {
  const opened = openNote(note + body, [verifier]);
  return opened.verified.map((s) => formatSignatureLine(s)).join('');
}
