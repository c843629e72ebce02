/**
 * The charts of the statistics pages as plain data: each chart's categories and series, shared by
 * the SVG chart, the data table beside it and its CSV download, so the three always agree.
 */
import { APPLICANT_TYPE_INFO } from '../../domain/requests/applicant-types.js';
import { OUTCOME_GROUP_LABELS } from '../../domain/requests/outcomes.js';
import { csvField } from '../../domain/reports/official-tables.js';
import type { YearStatistics } from '../../domain/reports/statistics.js';
import type { ComparisonRow } from '../../queries/statistics.js';
import type { Locale } from '../../i18n/i18n.js';

/** One chart's data. */
export interface ChartData {
  /** Stable id, used in the CSV URL. */
  id: string;
  title: string;
  categoryLabel: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  stacked: boolean;
  horizontal: boolean;
}

/** The chart ids of an agency's page (and of its CSV downloads). */
export const CHART_IDS = ['documents-month', 'documents-genre', 'documents-theme', 'requests-month', 'outcomes'] as const;

type T = (key: string, vars?: Record<string, string | number>) => string;

/** The charts of one agency's year. `themeName` names a theme code in the reader's language. */
export function agencyCharts(s: YearStatistics, t: T, locale: Locale, themeName: (code: string) => string): ChartData[] {
  const months = Array.from({ length: 12 }, (_, i) => t('stats.month', { n: i + 1 }));
  const count = t('stats.count');
  return [
    { id: 'documents-month', title: t('stats.chart.documents_month'), categoryLabel: t('stats.category'), categories: months, series: [{ name: count, values: s.documents.byMonth }], stacked: false, horizontal: false },
    { id: 'documents-genre', title: t('stats.chart.documents_genre'), categoryLabel: t('stats.category'), categories: s.documents.byGenre.map(([g]) => t(`genre.${g}`)), series: [{ name: count, values: s.documents.byGenre.map(([, n]) => n) }], stacked: false, horizontal: true },
    { id: 'documents-theme', title: t('stats.chart.documents_theme'), categoryLabel: t('stats.category'), categories: s.documents.byTheme.map(([c]) => themeName(c)), series: [{ name: count, values: s.documents.byTheme.map(([, n]) => n) }], stacked: false, horizontal: true },
    {
      id: 'requests-month',
      title: t('stats.chart.requests_month'),
      categoryLabel: t('stats.category'),
      categories: months,
      // The official applicant types of table 三.
      series: APPLICANT_TYPE_INFO.map((a, i) => ({ name: locale === 'en' ? a.en : a.zh, values: s.requests.byMonthAndType.map((row) => row[i] ?? 0) })),
      stacked: true,
      horizontal: false,
    },
    {
      id: 'outcomes',
      title: t('stats.chart.outcomes'),
      categoryLabel: t('stats.category'),
      categories: s.requests.byOutcomeGroup.map(([g]) => (locale === 'en' ? OUTCOME_GROUP_LABELS[g].en : OUTCOME_GROUP_LABELS[g].zh)),
      series: [{ name: count, values: s.requests.byOutcomeGroup.map(([, n]) => n) }],
      stacked: false,
      horizontal: true,
    },
  ];
}

/** The comparison chart across the agencies one level below. */
export function comparisonChart(rows: readonly ComparisonRow[], t: T, locale: Locale): ChartData {
  return {
    id: 'compare',
    title: t('stats.chart.compare'),
    categoryLabel: t('stats.agency'),
    categories: rows.map((r) => (locale === 'en' ? r.agency.name_en || r.agency.name_zh : r.agency.name_zh)),
    series: [
      { name: t('stats.docs_total'), values: rows.map((r) => r.stats.documents.total) },
      { name: t('stats.requests_total'), values: rows.map((r) => r.stats.requests.total) },
    ],
    stacked: false,
    horizontal: true,
  };
}

/** The CSV of a chart: the category column, then one column per series (RFC 4180, CRLF). */
export function chartCsv(c: ChartData): string {
  const line = (cells: (string | number)[]) => cells.map(csvField).join(',') + '\r\n';
  let out = line([c.categoryLabel, ...c.series.map((s) => s.name)]);
  c.categories.forEach((cat, i) => {
    out += line([cat, ...c.series.map((s) => s.values[i] ?? 0)]);
  });
  return out;
}
