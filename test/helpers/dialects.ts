import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import { dropPostgresSchema, openPostgres, openSqlite, type StoreHandle } from '../../src/store/dialect/dialect.js';

/** One store implementation under test. */
export interface DialectCase {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty store (a new in-memory SQLite database, or a new PostgreSQL schema). */
  open(): Promise<{ handle: StoreHandle; pgSchema?: string; cleanup(): Promise<void> }>;
}

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** SQLite always; PostgreSQL whenever DATABASE_URL is set (always in CI). */
export function dialects(): DialectCase[] {
  const out: DialectCase[] = [
    {
      name: 'sqlite',
      async open() {
        const handle = openSqlite(':memory:');
        return { handle, cleanup: () => handle.close() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    out.push({
      name: 'postgres',
      async open() {
        const schema = newSchemaName();
        const handle = await openPostgres(url, { schema, max: 4 });
        return {
          handle,
          pgSchema: schema,
          async cleanup() {
            await handle.close();
            await dropPostgresSchema(url, schema);
          },
        };
      },
    });
  }
  return out;
}

/** Runs the same suite against every dialect (Kysely's `for (const dialect of DIALECTS)`). */
export function forEachDialect(title: string, fn: (d: DialectCase) => void): void {
  for (const d of dialects()) describe(`${title} [${d.name}]`, () => fn(d));
}
