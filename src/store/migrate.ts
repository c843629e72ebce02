import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DialectOps } from './dialect/dialect.js';
import type { DB } from './schema.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-documents.js';
import * as m003 from './migrations/003-tlog.js';
import * as m004 from './migrations/004-witness.js';
import * as m005 from './migrations/005-requests.js';
import * as m007 from './migrations/007-outbox.js';
import * as m006 from './migrations/006-calendars.js';
import * as m009 from './migrations/009-search.js';
import * as m010 from './migrations/010-reports.js';
import * as m011 from './migrations/011-events.js';
import * as m012 from './migrations/012-consultations.js';
import * as m013 from './migrations/013-messages.js';
import * as m014 from './migrations/014-subscriptions.js';
import * as m015 from './migrations/015-push.js';
import * as m016 from './migrations/016-opendata.js';
import * as m017 from './migrations/017-search-extraction.js';
import * as m018 from './migrations/018-activitypub.js';
import * as m019 from './migrations/019-page-renders.js';
import * as m020 from './migrations/020-search-ranking.js';

type Step = { up(db: Kysely<unknown>, ops: DialectOps): Promise<void> };

/** The versioned migrations, in order. Names never change once released. */
const STEPS: Record<string, Step> = {
  '001-foundation': m001,
  '002-documents': m002,
  '003-tlog': m003,
  '004-witness': m004,
  '005-requests': m005,
  '006-calendars': m006,
  '007-outbox': m007,
  '009-search': m009,
  '010-reports': m010,
  '011-events': m011,
  '012-consultations': m012,
  '013-messages': m013,
  '014-subscriptions': m014,
  '015-push': m015,
  '016-opendata': m016,
  '017-search-extraction': m017,
  '018-activitypub': m018,
  '019-page-renders': m019,
  '020-search-ranking': m020,
};

/** Names of every migration, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(STEPS);

class StaticProvider implements MigrationProvider {
  constructor(private readonly ops: DialectOps) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(STEPS)) {
      // Kysely hands migrations an untyped Kysely; ours only use the schema builder.
      out[name] = { up: (db) => step.up(db as Kysely<unknown>, this.ops) };
    }
    return out;
  }
}

/** Brings the database to the latest schema. Safe to call at every start and from several instances. */
export async function migrateToLatest(db: Kysely<DB>, ops: DialectOps): Promise<string[]> {
  const schema = await ops.migrationSchema(db);
  const migrator = new Migrator({ db, provider: new StaticProvider(ops), ...(schema ? { migrationTableSchema: schema } : {}) });
  const res: MigrationResultSet = await migrator.migrateToLatest();
  if (res.error) {
    const failed = res.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(res.error)}`);
  }
  return (res.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
