import type { Exec } from '../schema.js';
import type { Selectable } from 'kysely';
import type { CalendarOverrideTable, CalendarYearTable } from '../schema.js';

/** A stored calendar override row. */
export type CalendarOverrideRow = Selectable<CalendarOverrideTable>;
/** A stored complete-year declaration. */
export type CalendarYearRow = Selectable<CalendarYearTable>;

/**
 * Reads and writes calendar overrides and complete-year declarations. Callers enforce policy and
 * write the audit record in the same transaction; this only persists. Consistency: one row per
 * (agency, calendar, date) and per (agency, calendar, year), enforced by the database, so two
 * concurrent writers of the same date cannot both insert (the second gets a unique violation).
 */
export const calendarRepo = {
  /** The overrides of the given agencies for one calendar, ordered by date. */
  overridesOf(db: Exec, agencyIds: readonly string[], calendarId: string): Promise<CalendarOverrideRow[]> {
    if (agencyIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('calendar_overrides')
      .selectAll()
      .where('agency_id', 'in', [...agencyIds])
      .where('calendar_id', '=', calendarId)
      .orderBy('date')
      .execute();
  },
  /** The complete-year declarations of the given agencies for one calendar. */
  yearsOf(db: Exec, agencyIds: readonly string[], calendarId: string): Promise<CalendarYearRow[]> {
    if (agencyIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('calendar_years')
      .selectAll()
      .where('agency_id', 'in', [...agencyIds])
      .where('calendar_id', '=', calendarId)
      .orderBy('year')
      .execute();
  },
  overrideById(db: Exec, id: string): Promise<CalendarOverrideRow | undefined> {
    return db.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
  },
  overrideOn(db: Exec, agencyId: string, calendarId: string, date: string): Promise<CalendarOverrideRow | undefined> {
    return db
      .selectFrom('calendar_overrides')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('calendar_id', '=', calendarId)
      .where('date', '=', date)
      .executeTakeFirst();
  },
  async insertOverride(db: Exec, row: CalendarOverrideRow): Promise<void> {
    await db.insertInto('calendar_overrides').values(row).execute();
  },
  async updateOverride(db: Exec, id: string, patch: { kind: CalendarOverrideRow['kind']; note: string }): Promise<void> {
    await db.updateTable('calendar_overrides').set(patch).where('id', '=', id).execute();
  },
  async deleteOverride(db: Exec, id: string): Promise<void> {
    await db.deleteFrom('calendar_overrides').where('id', '=', id).execute();
  },
  yearOf(db: Exec, agencyId: string, calendarId: string, year: number): Promise<CalendarYearRow | undefined> {
    return db
      .selectFrom('calendar_years')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('calendar_id', '=', calendarId)
      .where('year', '=', year)
      .executeTakeFirst();
  },
  async insertYear(db: Exec, row: CalendarYearRow): Promise<void> {
    await db.insertInto('calendar_years').values(row).execute();
  },
  async deleteYear(db: Exec, agencyId: string, calendarId: string, year: number): Promise<void> {
    await db.deleteFrom('calendar_years').where('agency_id', '=', agencyId).where('calendar_id', '=', calendarId).where('year', '=', year).execute();
  },
  /** How many overrides each agency holds for a calendar (for the console's index). */
  async countsByAgency(db: Exec, calendarId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('calendar_overrides')
      .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('calendar_id', '=', calendarId)
      .groupBy('agency_id')
      .execute();
    return new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
  },
};
