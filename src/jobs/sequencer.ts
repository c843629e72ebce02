import type { Kysely } from 'kysely';
import type { DialectOps } from '../store/dialect/dialect.js';
import { SqlTlogStorage } from '../store/repos/sql-tlog-storage.js';
import type { DB } from '../store/schema.js';
import { TlogError } from '../tlog/errors.js';
import type { TransparencyLog } from '../tlog/log.js';
import type { NoteVerifier } from '../tlog/note.js';
import { translator } from '../i18n/i18n.js';
import { signedBy } from './log-key.js';

/** What one sequencer step did. */
export interface StepResult {
  /** Entries moved from the queue into the tree by this step. */
  integrated: number;
  /** Tree size of the latest signed checkpoint after the step. */
  checkpoint: number;
  /** True when another instance holds the sequencer lock, so this one did nothing. */
  skipped: boolean;
}

/** The transparency-log sequencer: the single writer that integrates queued entries and signs. */
export interface Sequencer {
  /**
   * Integrates up to one batch of pending `tlog_entries` (oldest first) and signs a checkpoint if
   * the tree grew, none exists, or the stored one lags the tree (say, after a crash between
   * append and sign); `sign: true` signs anyway. Calls are serialised. Throws fatal
   * `TlogError('inconsistent')` if the stored checkpoint contradicts the tree or was signed with
   * another key; other errors (database down) are thrown as they are.
   */
  step(opts?: { sign?: boolean }): Promise<StepResult>;
  /**
   * Signs a checkpoint now (issue 4 §3: also at start), then runs `step` every `intervalMs` (at
   * once while a backlog remains). `onError` (default: `opts.onError`) gets every loop error; a
   * fatal one stops the loop. Rejects if the first step fails.
   */
  start(onError?: (err: unknown, fatal: boolean) => void): Promise<void>;
  /** Stops the loop and waits for a running step. Idempotent. */
  stop(): Promise<void>;
  /** Whether the loop is running (false after a fatal error). */
  readonly running: boolean;
}

/** Options of {@link createSequencer}. */
export interface SequencerOptions {
  /** This instance's key: the stored checkpoint must verify with it before anything is re-signed. */
  verifier: NoteVerifier;
  /** Entries per append (default 5,000: one transaction each). */
  batchSize?: number;
  /** Pause between steps without a backlog (default 500 ms: a new checkpoint well within 1 s). */
  intervalMs?: number;
  /** Called with every error of the background loop; fatal ones stop it. */
  onError?: (err: unknown, fatal: boolean) => void;
}

const LOCK_NAME = 'gongkai:tlog-sequencer';

/**
 * Creates the sequencer over the store (`deps.db`, `deps.ops`) and the log. Single writer across
 * instances: each step runs under `ops.withAdvisoryLock` (PostgreSQL advisory lock; SQLite has
 * one writer), so instances never sign competing checkpoints, and one without the lock skips.
 * Even without the lock the storage's compare-and-set would refuse a forking append.
 *
 * Crash safety: leaf indexes, hashes and the tree size are written in one transaction
 * (`SqlTlogStorage.append`); the checkpoint is signed afterwards over what is durable. A crash
 * between the two leaves an unsigned tail, which the next step signs.
 */
export function createSequencer(deps: { db: Kysely<DB>; ops: DialectOps }, log: TransparencyLog, opts: SequencerOptions): Sequencer {
  const storage = new SqlTlogStorage(deps.db);
  const batchSize = opts.batchSize ?? 5_000;
  const intervalMs = opts.intervalMs ?? 500;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let report = opts.onError;

  async function once(sign: boolean): Promise<StepResult> {
    const r = await deps.ops.withAdvisoryLock(deps.db, LOCK_NAME, async (): Promise<StepResult> => {
      const pending = await storage.readPending(batchSize);
      let integrated = 0;
      if (pending.length > 0) {
        try {
          await log.append(pending.map((p) => Buffer.from(p.entry, 'utf8')));
          integrated = pending.length;
        } catch (err) {
          // A lower id committed late, so the queue head moved: nothing was written; next step.
          if (!(err instanceof TlogError && err.retryable)) throw err;
        }
      }
      const [stored, size] = [await log.latestCheckpoint(), await storage.readTreeSize()];
      if (!sign && stored !== null && stored.size === size) return { integrated, checkpoint: stored.size, skipped: false };
      if (stored !== null && !signedBy(stored.note, opts.verifier)) {
        throw new TlogError('inconsistent', translator('en')('tlog.foreign_signer', { size: stored.size }));
      }
      const signed = await log.sign();
      return { integrated, checkpoint: signed.size, skipped: false };
    });
    if (r.acquired) return r.value;
    return { integrated: 0, checkpoint: (await log.latestCheckpoint())?.size ?? 0, skipped: true };
  }

  function step(o: { sign?: boolean } = {}): Promise<StepResult> {
    const run = queue.then(() => once(o.sign === true));
    queue = run.catch(() => undefined);
    return run;
  }

  function schedule(delay: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      step().then(
        (r) => schedule(r.integrated >= batchSize ? 0 : intervalMs),
        (err: unknown) => {
          const fatal = err instanceof TlogError && err.fatal;
          report?.(err, fatal);
          if (fatal) running = false;
          else schedule(intervalMs);
        },
      );
    }, delay);
    // The loop alone must not keep a finished process (a CLI command, a test) alive.
    timer.unref();
  }

  return {
    step,
    async start(onError) {
      if (running) return;
      if (onError) report = onError;
      await step({ sign: true });
      running = true;
      schedule(intervalMs);
    },
    async stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await queue;
    },
    get running() {
      return running;
    },
  };
}
