import type { Deps } from '../commands/deps.js';
import { calendarForAgency } from '../commands/requests/calendar.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { yearStatistics, type StatDocument, type StatRequest, type YearStatistics } from '../domain/reports/statistics.js';
import { isApplicantType } from '../domain/requests/applicant-types.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { statsRepo, type StatDocumentRow, type StatRequestRow } from '../store/repos/stats-repo.js';
import type { Agency } from '../store/schema.js';

/** Whose figures: the agency alone, or the agency and every agency below it. */
export type StatScope = 'agency' | 'subtree';

/** The statistics page of one agency. */
export interface AgencyStatistics {
  agency: Agency;
  year: number;
  scope: StatScope;
  stats: YearStatistics;
}

/** One line of a comparison across the agencies directly below an agency (each with its subtree). */
export interface ComparisonRow {
  agency: Agency;
  stats: YearStatistics;
}

async function facts(deps: Deps, agency: Agency, scope: StatScope, year: number): Promise<{ docs: StatDocumentRow[]; reqs: StatRequestRow[] }> {
  // Instants a day either side of the year, narrowed to the local year by `yearStatistics`.
  const from = new Date(Date.UTC(year, 0, 1) - 86_400_000).toISOString();
  const to = new Date(Date.UTC(year + 1, 0, 1) + 86_400_000).toISOString();
  const only = scope === 'agency' ? agency.id : null;
  const [docs, reqs] = await Promise.all([
    statsRepo.documents(deps.db, agency.path, only, from, to),
    statsRepo.requests(deps.db, agency.path, only, `${year}-01-01`, `${year}-12-31`),
  ]);
  return { docs, reqs };
}

/** Aggregates loaded facts into one year's statistics (working days on each agency's calendar); shared with the open-data statistics CSV. */
export async function toStats(deps: Deps, year: number, docs: readonly StatDocumentRow[], reqs: readonly StatRequestRow[]): Promise<YearStatistics> {
  const calendars = new Map<string, WorkingCalendar>();
  const zone = deps.defaultTimeZone;
  const sd: StatDocument[] = docs.map((d) => ({ publishedOn: localDate(d.first_published_at, zone), genre: d.genre, theme: d.theme_code, timelinessDays: d.timeliness_days }));
  const sr: StatRequest[] = [];
  for (const r of reqs) {
    if (!isApplicantType(r.applicant_type)) continue;
    let days: number | null = null;
    if (r.outcome_on !== null) {
      let cal = calendars.get(r.agency_id);
      if (!cal) {
        cal = await calendarForAgency(deps, r.agency_id);
        calendars.set(r.agency_id, cal);
      }
      days = cal.workingDaysBetween(r.received_on, r.outcome_on).value;
    }
    sr.push({ receivedOn: r.received_on, applicantType: r.applicant_type, outcomeCode: r.outcome_code, repliedOn: r.outcome_on, dueDate: r.due_date, extended: r.extensions_granted > 0, workingDaysToReply: days });
  }
  return yearStatistics(year, sd, sr);
}

/** Statistics of agency `code` (alone or with its subtree) for `year`; aggregates only. */
export async function agencyStatistics(deps: Deps, code: string, year: number, scope: StatScope): Promise<AgencyStatistics> {
  const agency = await agencyRepo.byCode(deps.db, code);
  if (!agency) throw new AppError('agency_not_found');
  const f = await facts(deps, agency, scope, year);
  return { agency, year, scope, stats: await toStats(deps, year, f.docs, f.reqs) };
}

/** The agencies directly below agency `code` (the counties of a city…), each with its subtree's statistics. */
export async function levelComparison(deps: Deps, code: string, year: number): Promise<{ agency: Agency; year: number; rows: ComparisonRow[] }> {
  const agency = await agencyRepo.byCode(deps.db, code);
  if (!agency) throw new AppError('agency_not_found');
  const children = (await agencyRepo.inScopes(deps.db, [agency.path], { includeClosed: false })).filter((a) => a.parent_id === agency.id).sort((a, b) => a.sort_order - b.sort_order || a.name_zh.localeCompare(b.name_zh));
  const f = await facts(deps, agency, 'subtree', year);
  const rows: ComparisonRow[] = [];
  for (const c of children) {
    const mine = <T extends { agency_path: string }>(xs: readonly T[]) => xs.filter((x) => x.agency_path.startsWith(c.path));
    rows.push({ agency: c, stats: await toStats(deps, year, mine(f.docs), mine(f.reqs)) });
  }
  return { agency, year, rows };
}
