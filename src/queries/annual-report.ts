import { reportDueBy, reportState, type ReportState, type ReportStatus } from '../commands/reports/report-state.js';
import { reportTitle } from '../commands/reports/submit-report.js';
import { authorize, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { scopesFor } from '../domain/policy.js';
import { officialTables, reportCsv, type OfficialTables } from '../domain/reports/official-tables.js';
import { reportPrintHtml } from '../domain/reports/report-html.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { documentRepo } from '../store/repos/document-repo.js';
import { reportRepo } from '../store/repos/report-repo.js';
import type { Agency } from '../store/schema.js';

/** A report with where it stands. */
export interface AnnualReportView extends ReportState {
  title: string;
  status: ReportStatus;
  /** Not published by the due date (Art. 49): published after it, or still unpublished after it. */
  late: boolean;
  documentId: string | null;
  indexNumber: string | null;
  publishedDate: string | null;
}

async function view(deps: Deps, agency: Agency, year: number): Promise<AnnualReportView> {
  const state = await reportState(deps.db, agency, year);
  const row = state.row;
  let status: ReportStatus = row ? 'draft' : 'not_started';
  let indexNumber: string | null = null;
  let publishedDate: string | null = null;
  if (row?.snapshot && row.document_id) {
    const doc = await documentRepo.documentById(deps.db, row.document_id);
    const open = await documentRepo.openRevision(deps.db, row.document_id);
    if (doc?.status === 'published') {
      status = 'published';
      indexNumber = doc.index_number;
      publishedDate = doc.first_published_at ? localDate(doc.first_published_at, agency.time_zone || deps.defaultTimeZone) : doc.published_date;
    } else {
      status = open?.state === 'draft' ? 'draft' : 'submitted';
    }
  }
  const today = localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
  const late = publishedDate !== null ? publishedDate > state.dueBy : today > state.dueBy;
  return { ...state, title: reportTitle(agency, year), status, late, documentId: row?.document_id ?? null, indexNumber, publishedDate };
}

/**
 * The report of agency `agencyId` for `year` as staff see it: the draft computed from the records
 * with entries and corrections, or the frozen report once submitted. Needs `document.read` there.
 */
export async function annualReportForStaff(deps: Deps, actor: Actor, agencyId: string, year: number): Promise<AnnualReportView> {
  const agency = await agencyRepo.byId(deps.db, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  authorize(actor, 'document.read', agency.path);
  return view(deps, agency, year);
}

/** The published report of an agency, or null; what the public may see. */
export async function publishedAnnualReport(deps: Deps, agencyId: string, year: number): Promise<AnnualReportView | null> {
  const agency = await agencyRepo.byId(deps.db, agencyId);
  if (!agency) return null;
  const v = await view(deps, agency, year);
  return v.status === 'published' ? v : null;
}

/** The JSON export of issue 7: `table2`, `table3`, `table4` as `{ columns, rows }` and `identities`. */
export interface AnnualReportJson extends OfficialTables {
  agency: { code: string; name: string };
  year: number;
  title: string;
  status: ReportStatus;
  due_by: string;
  index_number: string | null;
  sections: { title: string; text: string }[];
  corrections: { table: string; row: string; column: number; value: number; computed: number | null; reason: string }[];
}

/** The report as the JSON export: official labels and order, no personal data. */
export function annualReportJson(v: AnnualReportView): AnnualReportJson {
  const t = officialTables(v.figures, v.identities);
  return {
    agency: { code: v.agency.code, name: v.agency.name_zh },
    year: v.year,
    title: v.title,
    status: v.status,
    due_by: v.dueBy,
    index_number: v.indexNumber,
    sections: v.sections,
    table2: t.table2,
    table3: t.table3,
    table4: t.table4,
    identities: t.identities,
    corrections: v.changes.filter((c) => c.kind === 'correction').map((c) => ({ table: c.table, row: c.row, column: c.column, value: c.value, computed: c.computed, reason: c.reason })),
  };
}

/** The report as the CSV export of every table (with the identity checks). */
export function annualReportCsv(v: AnnualReportView): string {
  return reportCsv(officialTables(v.figures, v.identities), v.title);
}

/** The report as a print-ready HTML page in the official layout. */
export function annualReportHtml(v: AnnualReportView): string {
  return reportPrintHtml(v.title, v.sections, v.tables);
}

/** One line of the console's report list. */
export interface ReportIndexRow {
  agency: Agency;
  status: ReportStatus;
  dueBy: string;
  late: boolean;
}

/**
 * The agencies the actor may read (open ones) with the status of their report for `year`, in tree
 * order. Light: no figures are computed.
 */
export async function annualReportIndex(deps: Deps, actor: Actor, year: number): Promise<ReportIndexRow[]> {
  const agencies = (actor.type === 'system'
    ? await agencyRepo.all(deps.db, { includeClosed: false })
    : await agencyRepo.inScopes(deps.db, scopesFor(actor.grants, 'document.read'), { includeClosed: false })
  ).sort((a, b) => a.path.localeCompare(b.path));
  const rows = await reportRepo.forAgencies(deps.db, agencies.map((a) => a.id), year);
  const byAgency = new Map(rows.map((r) => [r.agency_id, r]));
  const out: ReportIndexRow[] = [];
  for (const agency of agencies) {
    const r = byAgency.get(agency.id);
    let status: ReportStatus = r ? 'draft' : 'not_started';
    let publishedDate: string | null = null;
    if (r?.snapshot && r.document_id) {
      const doc = await documentRepo.documentById(deps.db, r.document_id);
      if (doc?.status === 'published') {
        status = 'published';
        publishedDate = doc.first_published_at ? localDate(doc.first_published_at, agency.time_zone || deps.defaultTimeZone) : null;
      } else {
        status = (await documentRepo.openRevision(deps.db, r.document_id))?.state === 'draft' ? 'draft' : 'submitted';
      }
    }
    const dueBy = reportDueBy(agency, year);
    const today = localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
    out.push({ agency, status, dueBy, late: publishedDate !== null ? publishedDate > dueBy : today > dueBy });
  }
  return out;
}
