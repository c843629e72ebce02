import type { Insertable, Updateable } from 'kysely';
import type { AnnualReportFigure, AnnualReportFigureTable, AnnualReportRow, AnnualReportTable, Exec } from '../schema.js';

/** A published rule or normative document of an agency, as the report counts it. */
export interface DocumentFactRow {
  genre: string;
  is_normative: number;
  date_formed: string;
  validity: string;
  validity_date: string | null;
}

/** A received request with its outcome (no applicant data). */
export interface RequestFactRow {
  applicant_type: string;
  received_on: string;
  outcome_code: string | null;
  outcome_on: string | null;
}

/** A reconsideration or litigation record. */
export interface AppealFactRow {
  kind: string;
  result: string;
  filed_on: string;
  decided_on: string | null;
}

/**
 * Annual reports and the facts they are computed from. Consistency: every read and write runs in
 * the caller's executor (a transaction when the caller needs one); `updateVersioned` is
 * compare-and-set on `version`; figures are append-only with a per-report `seq` that is unique,
 * so two concurrent appends cannot both take the same number.
 */
export const reportRepo = {
  async byAgencyYear(db: Exec, agencyId: string, year: number): Promise<AnnualReportRow | undefined> {
    return db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  },

  async byDocument(db: Exec, documentId: string): Promise<AnnualReportRow | undefined> {
    return db.selectFrom('annual_reports').selectAll().where('document_id', '=', documentId).executeTakeFirst();
  },

  async insert(db: Exec, row: Insertable<AnnualReportTable>): Promise<void> {
    await db.insertInto('annual_reports').values(row).execute();
  },

  /** Updates when the stored version is `expected`; false when someone else saved first. */
  async updateVersioned(db: Exec, id: string, expected: number, patch: Updateable<AnnualReportTable>): Promise<boolean> {
    const r = await db.updateTable('annual_reports').set({ ...patch, version: expected + 1 }).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Appends a figure row with the next sequence number of its report. */
  async appendFigure(db: Exec, row: Omit<Insertable<AnnualReportFigureTable>, 'seq'>): Promise<void> {
    const last = await db.selectFrom('annual_report_figures').select((eb) => eb.fn.max('seq').as('seq')).where('report_id', '=', row.report_id).executeTakeFirst();
    await db.insertInto('annual_report_figures').values({ ...row, seq: Number(last?.seq ?? 0) + 1 }).execute();
  },

  /** Every figure row of a report, oldest first. */
  async figures(db: Exec, reportId: string): Promise<AnnualReportFigure[]> {
    return db.selectFrom('annual_report_figures').selectAll().where('report_id', '=', reportId).orderBy('seq').execute();
  },

  /** Reports of the agencies `agencyIds` for `year` (supervision and statistics). */
  async forAgencies(db: Exec, agencyIds: readonly string[], year: number): Promise<AnnualReportRow[]> {
    if (agencyIds.length === 0) return [];
    return db.selectFrom('annual_reports').selectAll().where('agency_id', 'in', agencyIds).where('year', '=', year).execute();
  },

  /** Active users holding the `editor` role at one of `agencyIds` (an agency and its ancestors). */
  async editorsAt(db: Exec, agencyIds: readonly string[]): Promise<{ id: string; email: string }[]> {
    if (agencyIds.length === 0) return [];
    return db
      .selectFrom('grants')
      .innerJoin('users', 'users.id', 'grants.user_id')
      .select(['users.id', 'users.email'])
      .distinct()
      .where('grants.agency_id', 'in', agencyIds)
      .where('grants.role', '=', 'editor')
      .where('users.status', '=', 'active')
      .orderBy('users.id')
      .execute();
  },

  /** Published (not withdrawn) rules and normative documents of an agency formed by `end`. */
  async documentFacts(db: Exec, agencyId: string, end: string): Promise<DocumentFactRow[]> {
    return db
      .selectFrom('documents')
      .select(['genre', 'is_normative', 'date_formed', 'validity', 'validity_date'])
      .where('agency_id', '=', agencyId)
      .where('status', '=', 'published')
      .where('date_formed', '<=', end)
      .where((eb) => eb.or([eb('genre', 'in', ['regulations', 'normative']), eb('is_normative', '=', 1)]))
      .execute();
  },

  /** Requests received by `end` whose outcome (when there is one) is dated on or after `start`. */
  async requestFacts(db: Exec, agencyId: string, start: string, end: string): Promise<RequestFactRow[]> {
    return db
      .selectFrom('requests')
      .leftJoin('request_outcomes', 'request_outcomes.request_id', 'requests.id')
      .select(['requests.applicant_type', 'requests.received_on', 'request_outcomes.code as outcome_code', 'request_outcomes.replied_on as outcome_on'])
      .where('requests.agency_id', '=', agencyId)
      .where('requests.received_on', 'is not', null)
      .where('requests.received_on', '<=', end)
      .where((eb) => eb.or([eb('request_outcomes.replied_on', 'is', null), eb('request_outcomes.replied_on', '>=', start)]))
      .$narrowType<{ received_on: string }>()
      .execute();
  },

  /** Appeals filed by `end` and not decided before `start`. */
  async appealFacts(db: Exec, agencyId: string, start: string, end: string): Promise<AppealFactRow[]> {
    return db
      .selectFrom('request_appeals')
      .select(['kind', 'result', 'filed_on', 'decided_on'])
      .where('agency_id', '=', agencyId)
      .where('filed_on', '<=', end)
      .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', start)]))
      .execute();
  },
};
