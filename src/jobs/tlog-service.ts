import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { DialectOps } from '../store/dialect/dialect.js';
import { SqlTlogStorage } from '../store/repos/sql-tlog-storage.js';
import type { DB } from '../store/schema.js';
import { TransparencyLog } from '../tlog/log.js';
import { loadOrCreateLogKey } from './log-key.js';
import { createSequencer, type Sequencer, type SequencerOptions } from './sequencer.js';

/** The running transparency log of an instance, as the app exposes it (`app.tlog`). */
export interface AppTlog {
  /** The origin line, also the key name (C2SP tlog-checkpoint). */
  readonly origin: string;
  /** The verifier key string served at /log/key. */
  readonly verifierKey: string;
  readonly log: TransparencyLog;
  readonly storage: SqlTlogStorage;
  /** Not started by `openTlog`: `serve` starts it; tests call `step()` directly. */
  readonly sequencer: Sequencer;
}

/**
 * Opens the log over the migrated store: loads (or, on a log with no checkpoint yet, creates)
 * the signing key, refusing with `LogKeyError` if the database holds checkpoints the key did not
 * sign, then builds the log and its sequencer (not started).
 */
export async function openTlog(
  settings: { logOrigin: string; logKeyFile: string },
  store: { db: Kysely<DB>; ops: DialectOps },
  clock: Clock,
  opts: Omit<SequencerOptions, 'verifier'> = {},
): Promise<AppTlog> {
  const storage = new SqlTlogStorage(store.db);
  const key = loadOrCreateLogKey(settings.logKeyFile, settings.logOrigin, await storage.readCheckpoint());
  const log = new TransparencyLog({
    origin: settings.logOrigin,
    storage,
    signer: key.signer,
    // tlog's clock is epoch milliseconds; the app's returns a Date.
    clock: { now: () => clock.now().getTime() },
  });
  const sequencer = createSequencer(store, log, { ...opts, verifier: key.verifier });
  return { origin: settings.logOrigin, verifierKey: key.verifierKey, log, storage, sequencer };
}
