import { aggregateReport, type AggregateInput, type AppealFact, type DocumentFact, type ReportFigures, type RequestFact } from '../../domain/reports/aggregate.js';
import { applyCorrections, checkIdentities, type Correction, type IdentityResult } from '../../domain/reports/identities.js';
import { officialTables, type OfficialTables } from '../../domain/reports/official-tables.js';
import { SECTION_TITLES, TABLE4_GROUPS, TABLE4_RESULTS, type AppealResult, type Table4Group } from '../../domain/reports/report-format.js';
import { isApplicantType } from '../../domain/requests/applicant-types.js';
import { isOutcomeCode } from '../../domain/requests/outcomes.js';
import { reportRepo } from '../../store/repos/report-repo.js';
import type { Agency, AnnualReportFigure, AnnualReportRow, Exec } from '../../store/schema.js';

/** Where a report stands (supervision uses `late` on top of these, from the due date). */
export type ReportStatus = 'not_started' | 'draft' | 'submitted' | 'published';

/** A cell staff changed, with the figure the records give and, for corrections, why. */
export interface CellChange {
  kind: 'entry' | 'correction';
  table: string;
  row: string;
  column: number;
  value: number;
  computed: number | null;
  reason: string;
  by: string;
  at: string;
}

/** What is frozen when a report is submitted for publication. */
export interface ReportSnapshot {
  sections: { title: string; text: string }[];
  figures: ReportFigures;
  changes: CellChange[];
  identities: IdentityResult[];
}

/** The full state of one agency's report for one year. */
export interface ReportState {
  agency: Agency;
  year: number;
  row: AnnualReportRow | null;
  /** Art. 49: departments by 31 January, governments by 31 March of the next year. */
  dueBy: string;
  /** From the records alone, before staff entries and corrections. */
  computed: ReportFigures;
  /** As reported: with entries and corrections (the snapshot's, once submitted). */
  figures: ReportFigures;
  changes: CellChange[];
  identities: IdentityResult[];
  sections: { title: string; text: string }[];
  tables: OfficialTables;
  /** The frozen report, once submitted. */
  snapshot: ReportSnapshot | null;
}

/** Art. 49–50: the report's due date. */
export function reportDueBy(agency: Pick<Agency, 'kind'>, year: number): string {
  return agency.kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** The latest entry or correction of each cell (a null value withdraws it). */
export function currentChanges(rows: readonly AnnualReportFigure[]): CellChange[] {
  const latest = new Map<string, AnnualReportFigure>();
  for (const r of rows) latest.set(`${r.kind}|${r.table_key}|${r.row_key}|${r.col}`, r);
  const out: CellChange[] = [];
  for (const r of latest.values()) {
    if (r.value === null) continue;
    out.push({ kind: r.kind, table: r.table_key, row: r.row_key, column: r.col, value: r.value, computed: r.computed, reason: r.reason, by: r.actor_name, at: r.at });
  }
  return out;
}

async function loadFacts(db: Exec, agencyId: string, year: number): Promise<{ documents: DocumentFact[]; requests: RequestFact[]; appeals: AppealFact[] }> {
  // From 1 January of the previous year, so the same facts also give last year's carry-forward.
  const start = `${year - 1}-01-01`;
  const end = `${year}-12-31`;
  const documents: DocumentFact[] = (await reportRepo.documentFacts(db, agencyId, end)).map((d) => ({
    genre: d.genre,
    isNormative: d.is_normative === 1,
    dateFormed: d.date_formed,
    // The store only holds the four validities of `domain/documents/genres.ts`.
    validity: d.validity as DocumentFact['validity'],
    validityDate: d.validity_date,
  }));
  const requests: RequestFact[] = [];
  for (const r of await reportRepo.requestFacts(db, agencyId, start, end)) {
    if (!isApplicantType(r.applicant_type)) continue;
    const code = r.outcome_code;
    const outcome = code !== null && isOutcomeCode(code) && r.outcome_on !== null ? { code, on: r.outcome_on } : null;
    requests.push({ applicantType: r.applicant_type, receivedOn: r.received_on, outcome });
  }
  const appeals: AppealFact[] = [];
  for (const a of await reportRepo.appealFacts(db, agencyId, start, end)) {
    // Widening the tuples to strings only to search them.
    if (!(TABLE4_GROUPS as readonly string[]).includes(a.kind) || !(TABLE4_RESULTS as readonly string[]).includes(a.result)) continue;
    // Both checked by the includes just above.
    appeals.push({ kind: a.kind as Table4Group, result: a.result as AppealResult, filedOn: a.filed_on, decidedOn: a.decided_on });
  }
  return { documents, requests, appeals };
}

function staffOf(changes: readonly CellChange[]): AggregateInput['staff'] {
  const get = (row: string): number => changes.find((c) => c.kind === 'entry' && c.table === 'table2' && c.row === row && c.column === 0)?.value ?? 0;
  return { licensing: get('licensing'), penalty: get('penalty'), enforcement: get('enforcement'), feeFen: get('fees') };
}

function sectionsOf(row: AnnualReportRow | null): { title: string; text: string }[] {
  const text = [row?.section1 ?? '', '', '', '', row?.section5 ?? '', row?.section6 ?? ''];
  return SECTION_TITLES.map((title, i) => ({ title, text: text[i] ?? '' }));
}

/** Parses a stored snapshot (written by `submitAnnualReport` from a `ReportSnapshot`). */
export function parseSnapshot(json: string | null): ReportSnapshot | null {
  if (json === null) return null;
  // Written only by this module's callers from a ReportSnapshot value.
  return JSON.parse(json) as ReportSnapshot;
}

/**
 * Computes the report of `agency` for `year` from the records, applies the staff entries and
 * corrections, and checks every identity, including 二 against last year's 四 (last year's
 * submitted report when there is one, else its figures from the records). Once submitted, the
 * frozen snapshot is what the report says.
 */
export async function reportState(db: Exec, agency: Agency, year: number): Promise<ReportState> {
  const row = (await reportRepo.byAgencyYear(db, agency.id, year)) ?? null;
  const changes = row ? currentChanges(await reportRepo.figures(db, row.id)) : [];
  const facts = await loadFacts(db, agency.id, year);
  const staff = staffOf(changes);
  const computed = aggregateReport({ year, ...facts, staff });
  const snapshot = parseSnapshot(row?.snapshot ?? null);
  if (snapshot) {
    return { agency, year, row, dueBy: reportDueBy(agency, year), computed, figures: snapshot.figures, changes: snapshot.changes, identities: snapshot.identities, sections: snapshot.sections, tables: officialTables(snapshot.figures, snapshot.identities), snapshot };
  }
  const corrections: Correction[] = changes.filter((c) => c.kind === 'correction').map((c) => ({ table: c.table as Correction['table'], row: c.row, column: c.column, value: c.value })); // table keys are validated when recorded
  const figures = applyCorrections(computed, corrections);
  const prevRow = await reportRepo.byAgencyYear(db, agency.id, year - 1);
  const prevSnap = parseSnapshot(prevRow?.snapshot ?? null);
  const previous = prevSnap ? prevSnap.figures : aggregateReport({ year: year - 1, ...facts, staff: { licensing: 0, penalty: 0, enforcement: 0, feeFen: 0 } });
  const identities = checkIdentities(figures, previous.table3.carried_forward);
  return { agency, year, row, dueBy: reportDueBy(agency, year), computed, figures, changes, identities, sections: sectionsOf(row), tables: officialTables(figures, identities), snapshot: null };
}
