import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { buildPlatform, type Platform } from '../../src/main.js';
import { dropPostgresSchema } from '../../src/store/dialect/dialect.js';
import { newSchemaName } from './dialects.js';

/** Cheap scrypt for tests; production uses OWASP's N=2^17. The format records the cost. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestPlatform extends Platform {
  clock: ManualClock;
  dataDir: string;
  dispose(): Promise<void>;
}

/**
 * Builds the whole platform for a test: an in-memory SQLite database, or a fresh PostgreSQL
 * schema when DATABASE_URL is set. Nothing listens; use `server.inject()` (or listen on port 0).
 */
export async function buildApp(opts: { clock?: ManualClock; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const clock = opts.clock ?? new ManualClock('2026-03-02T02:00:00Z');
  // The page cache is off unless a test turns it on: tests change data behind HTTP's back and read
  // pages again at once, which the cache's time-based freshness would (correctly) hide.
  const env = { GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLIC_URL: 'http://gongkai.test', GONGKAI_PAGE_CACHE_SECONDS: '0', ...(opts.env ?? {}) };
  const config = loadConfig({ ...env, DATABASE_URL: process.env.DATABASE_URL });
  const pgSchema = config.databaseUrl ? newSchemaName() : undefined;
  const p = await buildPlatform(config, { clock, passwordCost: TEST_SCRYPT, sqliteFile: ':memory:', ...(pgSchema ? { pgSchema } : {}), logger: false });
  return {
    ...p,
    clock,
    dataDir,
    async dispose() {
      await p.close();
      if (pgSchema && config.databaseUrl) await dropPostgresSchema(config.databaseUrl, pgSchema);
    },
  };
}
