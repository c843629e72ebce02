import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type AppContext } from '../../src/app.js';
import { SYSTEM_ACTOR } from '../../src/commands/actor.js';
import type { Deps } from '../../src/commands/deps.js';
import { createUser } from '../../src/commands/manage-staff.js';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/domain/clock.js';
import { dropPostgresSchema } from '../../src/store/dialect/dialect.js';
import type { Agency, User } from '../../src/store/schema.js';
import { TEST_SCRYPT } from './app.js';
import { newSchemaName } from './dialects.js';
import { makeAgency, PASSWORD } from './factories.js';

/**
 * A store that survives "restarts": a file SQLite database in a temp dir, or one PostgreSQL
 * schema. Each `open()` is a new application instance (own connections) on the same data.
 */
export interface DurableStore {
  name: 'sqlite' | 'postgres';
  clock: ManualClock;
  open(): Promise<AppContext>;
  cleanup(): Promise<void>;
}

/** SQLite always; PostgreSQL when DATABASE_URL is set. */
export function durableStores(): { name: 'sqlite' | 'postgres'; make(): DurableStore }[] {
  const url = process.env.DATABASE_URL;
  const make = (name: 'sqlite' | 'postgres') => (): DurableStore => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-outbox-'));
    const schema = name === 'postgres' ? newSchemaName() : undefined;
    const clock = new ManualClock('2026-03-02T01:00:00Z');
    const env = { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLIC_URL: 'http://gongkai.test', DATABASE_URL: schema ? url : undefined };
    return {
      name,
      clock,
      open: () => openApp(loadConfig(env), { clock, passwordCost: TEST_SCRYPT, sqliteFile: join(dir, 'gongkai.db'), ...(schema ? { pgSchema: schema } : {}) }),
      async cleanup() {
        if (schema && url) await dropPostgresSchema(url, schema);
      },
    };
  };
  return [{ name: 'sqlite', make: make('sqlite') }, ...(url ? [{ name: 'postgres' as const, make: make('postgres') }] : [])];
}

/** An agency with an officer (e-mail set), a supervisor (e-mail set) and a clerk with no e-mail. */
export async function seedStaff(deps: Deps): Promise<{ agency: Agency; officer: User; supervisor: User; noMail: User }> {
  const agency = await makeAgency(deps, null, 'city', '测试市', 'Test City');
  const mk = (username: string, email: string) =>
    createUser(deps, SYSTEM_ACTOR, { username, display_name: username, email, password: PASSWORD, home_agency_id: agency.id });
  return {
    agency,
    officer: await mk('officer1', 'officer1@gov.test'),
    supervisor: await mk('supervisor1', 'supervisor1@gov.test'),
    noMail: await mk('clerk1', ''),
  };
}
