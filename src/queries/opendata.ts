/**
 * Read models of open data (issue 7 §4): the files of the latest export run (for serving and for
 * the DCAT catalogue), the statistics as machine-readable CSV (the same figures as the /statistics
 * pages), and the published annual reports as JSON. Aggregates and published records only.
 */
import type { Readable } from 'node:stream';
import type { Deps } from '../commands/deps.js';
import { CSV_BOM, csvLine } from '../commands/opendata/export-format.js';
import { dcatCatalogue, type DatasetText } from '../commands/opendata/dcat.js';
import type { OpenDataRun } from '../commands/opendata/run-export.js';
import type { ExportedFile } from '../commands/opendata/write-export.js';
import { AppError } from '../domain/errors.js';
import { translator } from '../i18n/i18n.js';
import { APPLICANT_TYPES } from '../domain/requests/applicant-types.js';
import type { YearStatistics } from '../domain/reports/statistics.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { statsRepo } from '../store/repos/stats-repo.js';
import type { Agency } from '../store/schema.js';
import { annualReportJson, publishedAnnualReport, type AnnualReportJson } from './annual-report.js';
import { agencyStatistics, toStats, type StatScope } from './statistics.js';

/** The latest recorded export run with its files, or null before the first one. */
export async function latestOpenDataRun(deps: Deps): Promise<OpenDataRun | null> {
  const run = await deps.db.selectFrom('opendata_runs').selectAll().orderBy('finished_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  if (!run) return null;
  const files = await deps.db.selectFrom('opendata_files').select(['name', 'sha256', 'size', 'media_type', 'rows']).where('run_id', '=', run.id).orderBy('name').execute();
  return {
    ...run,
    trigger: run.trigger === 'job' ? 'job' : 'cli',
    documents: Number(run.documents),
    attachments: Number(run.attachments),
    statistics: Number(run.statistics),
    files: files.map((f) => ({ ...f, size: Number(f.size), rows: Number(f.rows) })),
  };
}

/** The names of the served files (plain and gzip). */
export const OPEN_DATA_FILES = ['documents.jsonl', 'documents.csv', 'attachments.csv', 'statistics.csv'] as const;

/** Whether `name` is a served file name (with or without `.gz`). */
export function isOpenDataFile(name: string): boolean {
  const base = name.endsWith('.gz') ? name.slice(0, -3) : name;
  return (OPEN_DATA_FILES as readonly string[]).includes(base);
}

/**
 * One served file of the latest run with the instant it was written; `opendata_not_ready` before
 * the first run, `not_found` for a name that is not one of ours.
 */
export async function openDataFile(deps: Deps, name: string): Promise<{ file: ExportedFile; modifiedAt: string }> {
  if (!isOpenDataFile(name)) throw new AppError('not_found');
  const run = await latestOpenDataRun(deps);
  if (!run) throw new AppError('opendata_not_ready');
  const file = run.files.find((f) => f.name === name);
  if (!file) throw new AppError('not_found');
  return { file, modifiedAt: run.finished_at };
}

/** Opens the bytes of a served file (a blob named by its hash). */
export async function openOpenDataBytes(deps: Deps, file: ExportedFile): Promise<Readable> {
  try {
    return await deps.blobs.open(file.sha256);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') throw new AppError('opendata_not_ready'); // blob-store contract: a missing blob is ENOENT
    throw e;
  }
}

/** The columns of the statistics CSV (long format: one figure a line). */
export const STATISTICS_CSV_COLUMNS = ['year', 'agency_code', 'agency_name_zh', 'agency_name_en', 'scope', 'measure', 'category', 'subcategory', 'value'] as const;

/** The figures of one agency's year as CSV lines, in the order of the statistics page. */
export function statisticsLines(a: Pick<Agency, 'code' | 'name_zh' | 'name_en'>, scope: StatScope, s: YearStatistics): string[] {
  const out: string[] = [];
  const put = (measure: string, category: string, subcategory: string, value: number | null) => out.push(csvLine([s.year, a.code, a.name_zh, a.name_en, scope, measure, category, subcategory, value]));
  const month = (i: number) => `${s.year}-${String(i + 1).padStart(2, '0')}`;
  put('documents_published', '', '', s.documents.total);
  s.documents.byMonth.forEach((n, i) => put('documents_published_by_month', month(i), '', n));
  for (const [g, n] of s.documents.byGenre) put('documents_published_by_genre', g, '', n);
  for (const [t, n] of s.documents.byTheme) put('documents_published_by_theme', t, '', n);
  put('documents_with_timeliness', '', '', s.documents.withTimeliness);
  put('documents_within_20_working_days', '', '', s.documents.within20);
  put('requests_received', '', '', s.requests.total);
  s.requests.byMonthAndType.forEach((row, i) => APPLICANT_TYPES.forEach((t, j) => put('requests_received_by_month_and_applicant_type', month(i), t, row[j] ?? 0)));
  for (const [g, n] of s.requests.byOutcomeGroup) put('requests_outcomes_by_group', g, '', n);
  put('requests_replied', '', '', s.requests.replied);
  put('requests_replied_on_time', '', '', s.requests.onTime);
  put('requests_extended', '', '', s.requests.extended);
  put('requests_median_working_days_to_reply', '', '', s.requests.medianWorkingDays);
  put('requests_p90_working_days_to_reply', '', '', s.requests.p90WorkingDays);
  return out;
}

/** The header line of the statistics CSV (with the byte-order mark, as every CSV here). */
export function statisticsHeader(): string {
  return CSV_BOM + csvLine([...STATISTICS_CSV_COLUMNS]);
}

/**
 * The statistics CSV of every open agency (each agency's own figures) for `years`: the facts of a
 * year are read once for all agencies and grouped in memory (two queries a year, not two per agency).
 */
export async function* allStatisticsLines(deps: Deps, years: readonly number[]): AsyncGenerator<string[]> {
  yield [statisticsHeader()];
  const agencies = (await agencyRepo.all(deps.db, { includeClosed: false })).sort((a, b) => a.path.localeCompare(b.path));
  for (const year of years) {
    const from = new Date(Date.UTC(year, 0, 1) - 86_400_000).toISOString();
    const to = new Date(Date.UTC(year + 1, 0, 1) + 86_400_000).toISOString();
    const [docs, reqs] = await Promise.all([statsRepo.documents(deps.db, '', null, from, to), statsRepo.requests(deps.db, '', null, `${year}-01-01`, `${year}-12-31`)]);
    const group = <T extends { agency_id: string }>(xs: readonly T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(x.agency_id, [...(m.get(x.agency_id) ?? []), x]);
      return m;
    };
    const docsBy = group(docs);
    const reqsBy = group(reqs);
    for (const a of agencies) {
      const s = await toStats(deps, year, docsBy.get(a.id) ?? [], reqsBy.get(a.id) ?? []);
      yield statisticsLines(a, 'agency', s);
    }
  }
}

/** The statistics CSV of one agency (alone or with its subtree) for one year: the figures of its /statistics page. */
export async function agencyStatisticsCsv(deps: Deps, code: string, year: number, scope: StatScope): Promise<{ agency: Agency; csv: string }> {
  const v = await agencyStatistics(deps, code, year, scope);
  return { agency: v.agency, csv: statisticsHeader() + statisticsLines(v.agency, scope, v.stats).join('') };
}

/** The statistics CSV of every open agency for one year, as one string (the live `/statistics.csv`). */
export async function allStatisticsCsv(deps: Deps, year: number): Promise<string> {
  let out = '';
  for await (const batch of allStatisticsLines(deps, [year])) out += batch.join('');
  return out;
}

/** The published annual report of agency `code` for `year` (tables 二 三 四 with official labels); `not_found` until published. */
export async function publishedReportJson(deps: Deps, code: string, year: number): Promise<AnnualReportJson> {
  const agency = await agencyRepo.byCode(deps.db, code);
  if (!agency) throw new AppError('agency_not_found');
  const v = await publishedAnnualReport(deps, agency.id, year);
  if (!v) throw new AppError('report_not_found');
  return annualReportJson(v);
}

/**
 * Licence of the open data, named in the catalogue. Chinese government information has no
 * national open licence; CC BY 4.0 (attribution) is the default an operator should confirm.
 */
export const OPEN_DATA_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * The DCAT-AP catalogue (JSON-LD) of the open data, describing the files of the latest run.
 * The publisher is the instance's single top-level agency when there is one, else the platform.
 */
export async function openDataCatalogue(deps: Deps, baseUrl: string): Promise<Record<string, unknown>> {
  const zh = translator('zh-CN');
  const en = translator('en');
  const both = (k: Parameters<typeof zh>[0]) => ({ zh: zh(k), en: en(k) });
  const run = await latestOpenDataRun(deps);
  const first = await deps.db.selectFrom('opendata_runs').select('finished_at').orderBy('finished_at').executeTakeFirst();
  const roots = (await agencyRepo.all(deps.db, { includeClosed: false })).filter((a) => a.parent_id === null);
  const root = roots.length === 1 ? roots[0] : undefined;
  const keywords = (k: Parameters<typeof zh>[0]) => ({ zh: zh(k).split(','), en: en(k).split(',') });
  const datasets: DatasetText[] = [
    { key: 'documents', title: both('od.ds.documents.title'), description: both('od.ds.documents.description'), keywords: keywords('od.ds.documents.keywords') },
    { key: 'attachments', title: both('od.ds.attachments.title'), description: both('od.ds.attachments.description'), keywords: keywords('od.ds.attachments.keywords') },
    { key: 'statistics', title: both('od.ds.statistics.title'), description: both('od.ds.statistics.description'), keywords: keywords('od.ds.statistics.keywords') },
  ];
  return dcatCatalogue({
    baseUrl,
    title: both('od.catalog.title'),
    description: both('od.catalog.description'),
    publisher: root ? { name: { zh: root.name_zh, en: root.name_en || root.name_zh }, homepage: root.website || `${baseUrl}/agencies/${encodeURIComponent(root.code)}` } : { name: both('site.name'), homepage: `${baseUrl}/` },
    contact: { name: root ? root.office_name_zh || root.name_zh : zh('od.contact'), email: root?.email || null, url: `${baseUrl}/api/docs#open-data` },
    license: OPEN_DATA_LICENSE,
    issued: first?.finished_at ?? null,
    modified: run?.finished_at ?? null,
    files: run?.files ?? [],
    datasets,
  });
}
