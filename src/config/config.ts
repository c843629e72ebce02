import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';
import { logSettings } from './log-settings.js';
import { feeSettings } from './fee-settings.js';
import type { FeeConfig } from '../domain/fees/fees.js';
import { witnessSettings, type LogWitnessSetting, type WitnessSetting } from './witness-settings.js';
import { mailSettings, type MailSettings } from './mail-settings.js';

/** The validated configuration of one instance. Parsed once at start; immutable afterwards. */
export interface Config {
  host: string;
  port: number;
  /** Absolute path of the data directory (SQLite file, blobs, keys). */
  dataDir: string;
  /** `postgres://…` to use PostgreSQL; undefined for the embedded SQLite database. */
  databaseUrl: string | undefined;
  /** The public base URL, used for canonical links and feeds (no trailing slash). */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed demo content into an empty database at start. */
  seedDemo: boolean;
  /** Staff session lifetime, sliding, in minutes. */
  sessionIdleMinutes: number;
  /** Absolute staff session lifetime in hours. */
  sessionMaxHours: number;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  /** Default time zone of new agencies. */
  defaultTimeZone: string;
  /** Run the background worker inside `serve`. */
  worker: boolean;
  /** Requests per minute per client address on /api/v1. */
  apiRateLimit: number;
  /** Transparency-log origin line and key name (GONGKAI_LOG_ORIGIN, default `<public host>/log`). */
  logOrigin: string;
  /** The log's Ed25519 signed-note key file (GONGKAI_LOG_KEY_FILE, default `<data dir>/log-signing.key`). */
  logKeyFile: string;
  /** Largest accepted attachment, in bytes (GONGKAI_UPLOAD_MAX_MB, default 50). */
  uploadMaxBytes: number;
  /** Directory of attachment blobs (GONGKAI_BLOB_DIR, default `<data dir>/blobs`). */
  blobDir: string;
  /** Seconds a rendered public page may be served from memory (GONGKAI_PAGE_CACHE_SECONDS, default 10; 0 disables). */
  pageCacheSeconds: number;
  /** Memory for cached public pages in MiB (GONGKAI_PAGE_CACHE_MB, default 64). */
  pageCacheMb: number;
  /**
   * Hours a document page kept by static publishing may be served (GONGKAI_STATIC_PAGES_HOURS,
   * default 6; 0 turns static publishing off). Changes made through the application forget the
   * pages they affect at once; this bounds changes made outside it.
   */
  staticPagesHours: number;
  /** Information-processing fee tiers (GONGKAI_FEE_CONFIG: a JSON file; default the 2020 measures). */
  feeConfig: FeeConfig;
  /** This instance's C2SP witness (GONGKAI_WITNESS_LOGS…); null when disabled. */
  witness: WitnessSetting | null;
  /** Witnesses this instance's log submits checkpoints to (GONGKAI_LOG_WITNESSES). */
  logWitnesses: LogWitnessSetting[];
  /** Outgoing mail and reminders (GONGKAI_SMTP_URL, GONGKAI_MAIL_FROM, GONGKAI_REMINDER_DAYS). */
  mail: MailSettings;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('validation_failed', { message: `${name} must be an integer in ${min}..${max}, got "${raw}"` });
  }
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new AppError('validation_failed', { message: `${name} must be true or false, got "${raw}"` });
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads the configuration from environment variables (documented in the README). */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const host = env.GONGKAI_HOST || '127.0.0.1';
  const port = int(env, 'GONGKAI_PORT', 8080, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('validation_failed', { message: 'DATABASE_URL must start with postgres:// or postgresql://' });
  }
  const level = (env.GONGKAI_LOG_LEVEL || 'info').toLowerCase();
  const logLevel = LEVELS.find((l) => l === level);
  if (!logLevel) throw new AppError('validation_failed', { message: `GONGKAI_LOG_LEVEL must be one of ${LEVELS.join(', ')}` });
  const publicUrl = (env.GONGKAI_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new AppError('validation_failed', { message: `GONGKAI_PUBLIC_URL is not a URL: "${publicUrl}"` });
  }
  return {
    host,
    port,
    dataDir: resolve(env.GONGKAI_DATA_DIR || './data'),
    databaseUrl,
    publicUrl,
    logLevel,
    seedDemo: bool(env, 'GONGKAI_SEED_DEMO', true),
    sessionIdleMinutes: int(env, 'GONGKAI_SESSION_IDLE_MINUTES', 120, 1, 60 * 24 * 30),
    sessionMaxHours: int(env, 'GONGKAI_SESSION_MAX_HOURS', 12, 1, 24 * 90),
    trustProxy: bool(env, 'GONGKAI_TRUST_PROXY', false),
    defaultTimeZone: env.GONGKAI_TIME_ZONE || 'Asia/Shanghai',
    worker: bool(env, 'GONGKAI_WORKER', true),
    apiRateLimit: int(env, 'GONGKAI_API_RATE_LIMIT', 600, 1, 10_000_000),
    ...logSettings(env, publicUrl, resolve(env.GONGKAI_DATA_DIR || './data')),
    uploadMaxBytes: int(env, 'GONGKAI_UPLOAD_MAX_MB', 50, 1, 10_240) * 1024 * 1024,
    blobDir: resolve(env.GONGKAI_BLOB_DIR || resolve(env.GONGKAI_DATA_DIR || './data', 'blobs')),
    pageCacheSeconds: int(env, 'GONGKAI_PAGE_CACHE_SECONDS', 10, 0, 3600),
    pageCacheMb: int(env, 'GONGKAI_PAGE_CACHE_MB', 64, 0, 16_384),
    staticPagesHours: int(env, 'GONGKAI_STATIC_PAGES_HOURS', 6, 0, 24 * 30),
    ...feeSettings(env),
    ...witnessSettings(env, publicUrl, resolve(env.GONGKAI_DATA_DIR || './data')),
    ...mailSettings(env, publicUrl),
    ...overrides,
  };
}
