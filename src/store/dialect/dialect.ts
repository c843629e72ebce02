/**
 * The ONLY place that knows SQLite from PostgreSQL (HOUSE-STYLE). Everything above this folder
 * talks to Kysely's portable builder; differences (connection set-up, identity columns,
 * append-only triggers, advisory locks) are expressed here.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Compilable, type CreateTableBuilder, type DatabaseIntrospector, type DatabaseMetadata, type DatabaseMetadataOptions, type SchemaMetadata, type SelectQueryBuilder, type SqliteDatabase, type TableMetadata } from 'kysely';
import type { DB } from '../schema.js';
import { postgresSearch, type SearchSql } from './search-sql.js';
import { sqliteSearch } from './search-sqlite.js';

export type DialectKind = 'sqlite' | 'postgres';

/** Dialect-specific pieces used by migrations and a few store operations. */
export interface DialectOps {
  kind: DialectKind;
  /** Adds an auto-incrementing integer primary key column named `col`. */
  identityColumn<T extends string, C extends string>(tb: CreateTableBuilder<T, C>, col: string): CreateTableBuilder<T, string>;
  /** Makes `table` append-only: UPDATE and DELETE raise an error inside the database. */
  makeAppendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  /** Cheap round trip used by /healthz. */
  ping(db: Kysely<DB>): Promise<void>;
  /**
   * The schema that holds the migration tables. Kysely's table lookup otherwise matches a
   * same-named table in any schema, which breaks several schemas sharing one database.
   */
  migrationSchema(db: Kysely<DB>): Promise<string | undefined>;
  /** Column type for raw bytes (read back as Buffer): `blob` (SQLite) or `bytea` (PostgreSQL). */
  bytesType: 'blob' | 'bytea';
  /**
   * Runs `fn` only if this process wins the named cluster-wide lock, held until `fn` settles;
   * otherwise resolves `{ acquired: false }` at once without running it. PostgreSQL: a
   * transaction-level advisory lock keyed by (current schema, name), so schemas sharing a database
   * do not contend and a crashed holder releases it with its connection. SQLite: the database has
   * a single writer (and this app a single connection), so `fn` always runs.
   */
  withAdvisoryLock<T>(db: Kysely<DB>, name: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /**
   * Locks the selected rows for the rest of the transaction, skipping rows another transaction
   * has locked, so concurrent claimers never take the same row. PostgreSQL: `FOR UPDATE SKIP
   * LOCKED`. SQLite: unchanged (the database has a single writer; the transaction serialises).
   */
  forUpdateSkipLocked<D, TB extends keyof D, O>(qb: SelectQueryBuilder<D, TB, O>): SelectQueryBuilder<D, TB, O>;
  /**
   * Share-locks the selected rows for the rest of the transaction, so a transaction updating them
   * waits (and waits for this one). PostgreSQL: `FOR SHARE`. SQLite: unchanged (single writer).
   */
  forShare<D, TB extends keyof D, O>(qb: SelectQueryBuilder<D, TB, O>): SelectQueryBuilder<D, TB, O>;
  /** The search index: FTS5 (SQLite) or tsvector with GIN (PostgreSQL); see search-sql.ts. */
  search: SearchSql;
  /**
   * Prepares a read to run at once, without yielding, returning its first row: SQLite only, whose
   * driver is synchronous (null on PostgreSQL, where a read is a round trip; use `db`). `q` is
   * compiled once; the returned function runs it with other values for its parameters, in the
   * same order. The page cache uses it to answer from stored renders before a request reaches
   * the router. On SQLite's one connection it sees what an open transaction has written so far.
   */
  prepareNow: (<R>(q: Compilable<R>) => (params: readonly unknown[]) => R | undefined) | null;
}

/** An open store connection with its dialect operations. */
export interface StoreHandle {
  db: Kysely<DB>;
  ops: DialectOps;
  close(): Promise<void>;
}

const sqliteOps: DialectOps = {
  kind: 'sqlite',
  identityColumn: (tb, col) => tb.addColumn(col, 'integer', (c) => c.primaryKey().autoIncrement()),
  async makeAppendOnly(db, table) {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql`CREATE TRIGGER IF NOT EXISTS ${sql.raw(`${table}_no_${op.toLowerCase()}`)}
        BEFORE ${sql.raw(op)} ON ${sql.table(table)}
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
  },
  async ping(db) {
    await sql`SELECT 1`.execute(db);
  },
  migrationSchema: async () => undefined,
  bytesType: 'blob',
  withAdvisoryLock: async (_db, _name, fn) => ({ acquired: true, value: await fn() }),
  forUpdateSkipLocked: (qb) => qb,
  forShare: (qb) => qb,
  search: sqliteSearch,
  prepareNow: null,
};

const postgresOps: DialectOps = {
  kind: 'postgres',
  identityColumn: (tb, col) => tb.addColumn(col, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
  async makeAppendOnly(db, table) {
    const fn = `${table}_append_only`;
    await sql`CREATE OR REPLACE FUNCTION ${sql.raw(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_change`)} BEFORE UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(db);
  },
  async ping(db) {
    await sql`SELECT 1`.execute(db);
  },
  async migrationSchema(db) {
    const r = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db);
    return r.rows[0]?.s;
  },
  bytesType: 'bytea',
  async withAdvisoryLock<T>(db: Kysely<DB>, name: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    // The lock lives in a transaction held open (on its own pooled connection) while `fn` does its
    // work through other connections; commit or rollback releases it.
    return db.transaction().execute(async (trx): Promise<{ acquired: true; value: T } | { acquired: false }> => {
      const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), hashtext(${name})) AS ok`.execute(trx);
      if (r.rows[0]?.ok !== true) return { acquired: false };
      return { acquired: true, value: await fn() };
    });
  },
  forUpdateSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  forShare: (qb) => qb.forShare(),
  search: postgresSearch,
  prepareNow: null,
};

/**
 * Kysely prepares every statement anew; preparing costs more than running a small query, so keep
 * the last few hundred prepared statements by SQL text. better-sqlite3 runs statements
 * synchronously, so one Statement object can serve every caller in turn.
 */
function withStatementCache(database: BetterSqlite3.Database, size = 500): { close(): void; prepare(sql: string): BetterSqlite3.Statement } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = database.prepare(sql);
        if (cache.size >= size) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Opens the embedded SQLite database at `file` in WAL mode (`:memory:` for an in-memory one). */
export function openSqlite(file: string): StoreHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Reads map the file instead of copying pages through read(2), and a larger page cache keeps
  // hot index pages in memory: together they halve the time of a document page at 100,000
  // documents (bench/document-page.ts). The mapping is address space, not resident memory.
  database.pragma('mmap_size = 2147483648');
  database.pragma('cache_size = -32768');
  database.pragma('temp_store = MEMORY');
  const statements = withStatementCache(database);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  const prepareNow = <R>(q: Compilable<R>): ((params: readonly unknown[]) => R | undefined) => {
    const stmt = database.prepare(q.compile().sql);
    return (params) => stmt.get(...params) as R | undefined;
  };
  return { db, ops: { ...sqliteOps, prepareNow }, close: () => db.destroy() };
}

/**
 * Kysely's PostgreSQL introspection (which its migrator runs at every start to see whether its own
 * tables exist) reads the columns of every schema in the database, calling
 * `pg_get_serial_sequence('schema.table', …)` on each. When another connection drops a schema
 * meanwhile (the tests drop theirs while others run; a multi-tenant host could too), that call
 * fails with undefined_table (42P01) for a table that is not ours, or with invalid_schema_name
 * (3F000) when the whole schema went between the listing and the call. Such a read is simply
 * retried.
 */
const VANISHED = new Set(['42P01', '3F000']);
export class RetryingIntrospector implements DatabaseIntrospector {
  constructor(private readonly inner: DatabaseIntrospector) {}
  getSchemas(): Promise<SchemaMetadata[]> {
    return this.inner.getSchemas();
  }
  async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inner.getTables(options);
      } catch (e) {
        if (attempt >= 5 || !VANISHED.has(String((e as { code?: unknown }).code))) throw e;
      }
    }
  }
  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

class PostgresStoreDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new RetryingIntrospector(super.createIntrospector(db));
  }
}

/**
 * Connects to PostgreSQL. With `schema`, every connection uses that schema first on its
 * search_path (tests use a schema each so they can run side by side), creating it if needed.
 */
export async function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Promise<StoreHandle> {
  // int8 (count(*), sums) as JS numbers: our counts stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  if (opts.schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error(`bad schema name ${opts.schema}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresStoreDialect({ pool }) });
  return { db, ops: postgresOps, close: () => db.destroy() };
}

/** Drops a test schema (used by the test harness only). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/**
 * True when `err` is PostgreSQL refusing a value as data (SQLSTATE class 22: NUL bytes, bad
 * encodings, out-of-range numbers): the client's input, not a server fault.
 */
export function isDataException(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** True when `err` is the database refusing a duplicate key (both dialects). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

