/**
 * Supervision of a subtree (issue 7 §3): for every agency under the actor's `supervise` grants,
 * the open requests that are overdue or due soon, the documents published late (Art. 26), the
 * policies without a published interpretation, and where last year's annual report stands
 * (Art. 49–50). Each measure is ONE grouped query over the whole scope, never one per agency;
 * working days come from the calendars merged in memory from one read of the overrides.
 * No personal data is selected.
 */
import { addCalendarDays, compareDates } from '../domain/calendar/iso-date.js';
import { calendarFor, type CalendarId } from '../domain/calendar/calendars.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { POLICY_GENRES } from '../domain/documents/genres.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { scopesFor, withinScope } from '../domain/policy.js';
import { OPEN_STATES } from '../domain/requests/state-machine.js';
import type { Actor } from '../commands/actor.js';
import { mergeOverrides, pathIds } from '../commands/calendars/agency-calendar.js';
import type { Deps } from '../commands/deps.js';
import { TIMELINESS_LIMIT_DAYS } from '../commands/documents/publish-revision.js';
import { isRegimeId } from '../commands/requests/calendar.js';
import { reportDueBy, type ReportStatus } from '../commands/reports/report-state.js';
import { REGIMES } from '../domain/calendar/regimes.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { calendarRepo } from '../store/repos/calendar-repo.js';
import type { Agency } from '../store/schema.js';

/** Open requests due within this many working days (and not yet overdue) count as due soon. */
export const DUE_SOON_WORKING_DAYS = 5;

/** The annual report of one agency for the supervised year. */
export interface SupervisedReport {
  year: number;
  status: ReportStatus;
  /** Art. 49: departments by 31 January, governments by 31 March of the next year. */
  due_by: string;
  /** Published after the due date, or still unpublished after it. */
  late: boolean;
  published_date: string | null;
}

/** One line of the supervision table: one agency of the subtree. */
export interface SupervisionRow {
  agency: Pick<Agency, 'id' | 'code' | 'name_zh' | 'name_en' | 'kind' | 'level' | 'path' | 'depth'>;
  requests: { overdue: number; due_soon: number };
  documents: { late: number; uninterpreted: number };
  report: SupervisedReport;
}

/** The supervision overview of the actor's subtree(s). */
export interface SupervisionOverview {
  /** The report year supervised: the year before today's. */
  year: number;
  due_soon_days: number;
  rows: SupervisionRow[];
  totals: {
    agencies: number;
    overdue: number;
    due_soon: number;
    late_documents: number;
    uninterpreted: number;
    reports: Record<ReportStatus, number>;
    reports_late: number;
  };
}

const n = (x: unknown): number => Number(x); // PostgreSQL returns counts as strings (bigint)

/** The `supervise` scopes of the actor; null means everything (the system actor). */
function superviseScopes(actor: Actor): string[] | null {
  if (actor.type === 'system') return null;
  const scopes = scopesFor(actor.grants, 'supervise');
  if (scopes.length === 0) throw new AppError('forbidden');
  return scopes;
}

/** The working calendars of `agencies` for calendar `id`, from one read of the overrides of all their chains. */
async function calendarsOf(deps: Deps, agencies: readonly Agency[], id: CalendarId): Promise<Map<string, WorkingCalendar>> {
  const ids = [...new Set(agencies.flatMap((a) => pathIds(a.path)))];
  const [rows, years] = await Promise.all([calendarRepo.overridesOf(deps.db, ids, id), calendarRepo.yearsOf(deps.db, ids, id)]);
  const out = new Map<string, WorkingCalendar>();
  for (const a of agencies) {
    const chain = pathIds(a.path);
    const inChain = new Set(chain);
    out.set(a.id, calendarFor(id, mergeOverrides(chain, rows, years.filter((y) => inChain.has(y.agency_id)))));
  }
  return out;
}

/**
 * Overdue and due-soon counts per agency: one query grouped by agency, regime and due date (the
 * due dates of open requests are few), then working days counted per group on the agency's calendar.
 * Same rule as the console's request lists: open, past the due date = overdue; otherwise at most
 * `DUE_SOON_WORKING_DAYS` working days left = due soon.
 */
async function requestCounts(deps: Deps, agencies: readonly Agency[], scopes: string[] | null): Promise<Map<string, { overdue: number; due_soon: number }>> {
  let q = deps.db
    .selectFrom('requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.agency_id', 'r.regime', 'r.due_date'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where('r.state', 'in', [...OPEN_STATES])
    .where('r.due_date', 'is not', null)
    // Working days never outnumber calendar days, so nothing due later than this can be due soon
    // (the margin covers the longest holiday runs and any agency's time zone).
    .where('r.due_date', '<=', addCalendarDays(localDate(deps.clock.now().toISOString(), deps.defaultTimeZone), DUE_SOON_WORKING_DAYS * 3 + 14));
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  const groups = await q.groupBy(['r.agency_id', 'r.regime', 'r.due_date']).execute();
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const out = new Map<string, { overdue: number; due_soon: number }>();
  const calendars = new Map<string, Map<string, WorkingCalendar>>();
  for (const g of groups) {
    const agency = byId.get(g.agency_id);
    if (!agency || g.due_date === null) continue;
    const c = out.get(g.agency_id) ?? { overdue: 0, due_soon: 0 };
    out.set(g.agency_id, c);
    const today = localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
    if (compareDates(today, g.due_date) > 0) {
      c.overdue += n(g.n);
      continue;
    }
    const calId = isRegimeId(g.regime) ? REGIMES[g.regime].calendar : 'cn';
    let cals = calendars.get(calId);
    if (!cals) {
      cals = await calendarsOf(deps, agencies, calId);
      calendars.set(calId, cals);
    }
    const cal = cals.get(agency.id);
    if (cal && cal.workingDaysBetween(today, g.due_date).value <= DUE_SOON_WORKING_DAYS) c.due_soon += n(g.n);
  }
  return out;
}

/**
 * Late publications (first published more than 20 working days after formed, Art. 26; as the
 * console's `late` list) and published policies without a published interpretation (as the
 * editors' `uninterpreted` list), counted per agency in two grouped queries.
 */
async function documentCounts(deps: Deps, scopes: string[] | null): Promise<Map<string, { late: number; uninterpreted: number }>> {
  let late = deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select('d.agency_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('d.status', 'in', ['published', 'withdrawn'])
    .where('d.timeliness_days', '>', TIMELINESS_LIMIT_DAYS);
  if (scopes) late = late.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  let policies = deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select('d.agency_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('d.status', '=', 'published')
    .where('d.genre', 'in', [...POLICY_GENRES])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('documents as i').select('i.id').whereRef('i.interprets_id', '=', 'd.id').where('i.status', '=', 'published'))));
  if (scopes) policies = policies.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  const [lateRows, policyRows] = await Promise.all([late.groupBy('d.agency_id').execute(), policies.groupBy('d.agency_id').execute()]);
  const out = new Map<string, { late: number; uninterpreted: number }>();
  const at = (id: string) => {
    const c = out.get(id) ?? { late: 0, uninterpreted: 0 };
    out.set(id, c);
    return c;
  };
  for (const r of lateRows) at(r.agency_id).late = n(r.n);
  for (const r of policyRows) at(r.agency_id).uninterpreted = n(r.n);
  return out;
}

/**
 * The status of every agency's report for `year`, as the annual-report console computes it
 * (`queries/annual-report.ts`), from one query over the reports joined to their documents and a
 * second over the open revisions of those documents.
 */
async function reportStatuses(deps: Deps, agencies: readonly Agency[], year: number): Promise<Map<string, SupervisedReport>> {
  const ids = agencies.map((a) => a.id);
  const rows = ids.length
    ? await deps.db
        .selectFrom('annual_reports as r')
        .leftJoin('documents as d', 'd.id', 'r.document_id')
        .select(['r.agency_id', 'r.snapshot', 'r.document_id', 'd.status as doc_status', 'd.first_published_at'])
        .where('r.year', '=', year)
        .where('r.agency_id', 'in', ids)
        .execute()
    : [];
  const docIds = rows.flatMap((r) => (r.document_id && r.snapshot !== null && r.doc_status !== 'published' ? [r.document_id] : []));
  const drafts = new Set(
    docIds.length
      ? (await deps.db.selectFrom('document_revisions').select('document_id').where('document_id', 'in', docIds).where('state', '=', 'draft').execute()).map((r) => r.document_id)
      : [],
  );
  const byAgency = new Map(rows.map((r) => [r.agency_id, r]));
  const out = new Map<string, SupervisedReport>();
  for (const a of agencies) {
    const r = byAgency.get(a.id);
    const tz = a.time_zone || deps.defaultTimeZone;
    let status: ReportStatus = r ? 'draft' : 'not_started';
    let published: string | null = null;
    if (r && r.snapshot !== null && r.document_id) {
      if (r.doc_status === 'published') {
        status = 'published';
        published = r.first_published_at ? localDate(r.first_published_at, tz) : null;
      } else {
        status = drafts.has(r.document_id) ? 'draft' : 'submitted';
      }
    }
    const dueBy = reportDueBy(a, year);
    const today = localDate(deps.clock.now().toISOString(), tz);
    out.set(a.id, { year, status, due_by: dueBy, late: published !== null ? published > dueBy : today > dueBy, published_date: published });
  }
  return out;
}

/** The agencies under the scopes (open ones), in tree order. */
async function agenciesIn(deps: Deps, scopes: string[] | null): Promise<Agency[]> {
  const list = scopes ? await agencyRepo.inScopes(deps.db, scopes, { includeClosed: false }) : await agencyRepo.all(deps.db, { includeClosed: false });
  return list.sort((a, b) => a.path.localeCompare(b.path));
}

/** The year supervised: the last full year in the instance's time zone. */
export function supervisedYear(deps: Deps): number {
  return Number(localDate(deps.clock.now().toISOString(), deps.defaultTimeZone).slice(0, 4)) - 1;
}

async function rowsFor(deps: Deps, agencies: Agency[], scopes: string[] | null, year: number): Promise<SupervisionRow[]> {
  const [reqs, docs, reports] = await Promise.all([requestCounts(deps, agencies, scopes), documentCounts(deps, scopes), reportStatuses(deps, agencies, year)]);
  return agencies.map((a) => ({
    agency: { id: a.id, code: a.code, name_zh: a.name_zh, name_en: a.name_en, kind: a.kind, level: a.level, path: a.path, depth: a.depth },
    requests: reqs.get(a.id) ?? { overdue: 0, due_soon: 0 },
    documents: docs.get(a.id) ?? { late: 0, uninterpreted: 0 },
    // Every agency in the list has a status (reportStatuses fills one for each).
    report: reports.get(a.id) ?? { year, status: 'not_started', due_by: reportDueBy(a, year), late: false, published_date: null },
  }));
}

/**
 * The supervision table of the actor's `supervise` scope: one row per open agency of the
 * subtree(s), with totals. `forbidden` for anyone without a supervisor grant.
 */
export async function supervisionOverview(deps: Deps, actor: Actor): Promise<SupervisionOverview> {
  const scopes = superviseScopes(actor);
  const year = supervisedYear(deps);
  const rows = await rowsFor(deps, await agenciesIn(deps, scopes), scopes, year);
  const reports: Record<ReportStatus, number> = { not_started: 0, draft: 0, submitted: 0, published: 0 };
  for (const r of rows) reports[r.report.status] += 1;
  return {
    year,
    due_soon_days: DUE_SOON_WORKING_DAYS,
    rows,
    totals: {
      agencies: rows.length,
      overdue: rows.reduce((t, r) => t + r.requests.overdue, 0),
      due_soon: rows.reduce((t, r) => t + r.requests.due_soon, 0),
      late_documents: rows.reduce((t, r) => t + r.documents.late, 0),
      uninterpreted: rows.reduce((t, r) => t + r.documents.uninterpreted, 0),
      reports,
      reports_late: rows.filter((r) => r.report.late).length,
    },
  };
}

/**
 * One agency's row, for the detail view. `forbidden` without a supervisor grant covering it
 * (agencies are public, so saying it exists leaks nothing); `agency_not_found` when unknown.
 */
export async function supervisedAgency(deps: Deps, actor: Actor, agencyId: string): Promise<SupervisionRow> {
  const scopes = superviseScopes(actor);
  const agency = await agencyRepo.byId(deps.db, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  if (scopes && !scopes.some((s) => withinScope(s, agency.path))) throw new AppError('forbidden');
  const [row] = await rowsFor(deps, [agency], [agency.path], supervisedYear(deps));
  if (!row) throw new AppError('agency_not_found');
  // The counts are grouped by agency, so the subtree scope used above still yields only its own records.
  return row;
}
