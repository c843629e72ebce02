import { join } from 'node:path';
import { systemClock, type Clock } from './domain/clock.js';
import type { Config } from './config/config.js';
import { uuid, type Deps } from './commands/deps.js';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './security/password.js';
import { openPostgres, openSqlite, type StoreHandle } from './store/dialect/dialect.js';
import { migrateToLatest } from './store/migrate.js';
import { openTlog, type AppTlog } from './jobs/tlog-service.js';
import { DiskBlobStore } from './blobs/disk-blob-store.js';

/** The running application's core: configuration, store and the dependencies commands use. */
export interface AppContext {
  config: Config;
  store: StoreHandle;
  deps: Deps;
  /** The transparency log (sequencer not started; `serve` starts it). Null only when opened with `migrate: false`. */
  tlog: AppTlog | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  clock?: Clock;
  passwordCost?: ScryptCost;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string;
  /** SQLite file; defaults to `<dataDir>/gongkai.db`. `:memory:` for throwaway databases. */
  sqliteFile?: string;
  migrate?: boolean;
}

/** Opens the store named by the configuration (PostgreSQL when DATABASE_URL is set). */
export async function openStore(config: Config, opts: OpenOptions = {}): Promise<StoreHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, opts.pgSchema ? { schema: opts.pgSchema } : {});
  return openSqlite(opts.sqliteFile ?? join(config.dataDir, 'gongkai.db'));
}

/** Composition root for everything below HTTP: store → migrations → deps. */
export async function openApp(config: Config, opts: OpenOptions = {}): Promise<AppContext> {
  const store = await openStore(config, opts);
  if (opts.migrate !== false) await migrateToLatest(store.db, store.ops);
  const deps: Deps = {
    db: store.db,
    ops: store.ops,
    clock: opts.clock ?? systemClock,
    newId: uuid,
    passwordCost: opts.passwordCost ?? DEFAULT_SCRYPT_COST,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    defaultTimeZone: config.defaultTimeZone,
    blobs: new DiskBlobStore(config.blobDir),
    uploadMaxBytes: config.uploadMaxBytes,
    uploadTmpDir: join(config.blobDir, 'incoming'),
    instance: new URL(config.publicUrl).host,
    feeConfig: config.feeConfig,
  };
  const tlog = opts.migrate === false ? null : await openTlog(config, store, deps.clock).catch(async (err: unknown) => {
    await store.close(); // a refused log key (LogKeyError) must not leak the connection
    throw err;
  });
  const close = async (): Promise<void> => {
    await tlog?.sequencer.stop();
    await store.close();
  };
  return { config, store, deps, tlog, close };
}
