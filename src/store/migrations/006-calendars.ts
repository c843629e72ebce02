import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Working-day calendar overrides per jurisdiction (issue 5 §2; DOMAIN.md §2: "some regions add
 * local holidays"):
 *
 * - `calendar_overrides`: one row per agency, calendar and date, saying the day is a holiday or a
 *   working day, with a note (the local notice it comes from). It applies to the agency's whole
 *   subtree; on the same date the nearest agency's row wins over its ancestors'.
 * - `calendar_years`: years an agency declares complete for a calendar (after importing a whole
 *   year's schedule), which silences the "year without data" warning in its subtree.
 *
 * Every change is written to `audit_log` in the same transaction by the commands.
 */
export async function up(db: Kysely<unknown>, _ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('calendar_overrides_unique', ['agency_id', 'calendar_id', 'date'])
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('calendar_years_pk', ['agency_id', 'calendar_id', 'year'])
    .execute();
}
