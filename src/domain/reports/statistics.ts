/**
 * Public disclosure statistics for an agency or a subtree over one year (issue 7 §1): pure
 * aggregation of already-loaded facts, aggregates only (no request or applicant detail).
 * - Documents: first published by month, by genre and by theme; the share first published within
 *   20 working days of being formed (Art. 26), from the recorded `timeliness_days`.
 * - Requests: received by month (Art. 31 date of receipt) and applicant type; outcomes by the
 *   annual report's categories （一）–（六）; the share answered on time (on or before the due date
 *   of Art. 33, extensions included); the median and 90th percentile of working days from receipt
 *   to reply; the number extended.
 */
import { APPLICANT_TYPES, type ApplicantType } from '../requests/applicant-types.js';
import { OUTCOMES, type OutcomeGroup } from '../requests/outcomes.js';

/** A first-published document. */
export interface StatDocument {
  /** Local date of first publication, YYYY-MM-DD. */
  readonly publishedOn: string;
  readonly genre: string;
  readonly theme: string;
  /** Working days from formed to first published (Art. 26), when known. */
  readonly timelinessDays: number | null;
}

/** A received request (no applicant data beyond its type). */
export interface StatRequest {
  readonly receivedOn: string;
  readonly applicantType: ApplicantType;
  readonly outcomeCode: string | null;
  readonly repliedOn: string | null;
  readonly dueDate: string | null;
  readonly extended: boolean;
  /** Working days from receipt to reply, when replied. */
  readonly workingDaysToReply: number | null;
}

/** The statistics of one year. */
export interface YearStatistics {
  readonly year: number;
  readonly documents: {
    readonly total: number;
    /** Index 0 = January. */
    readonly byMonth: number[];
    readonly byGenre: [string, number][];
    readonly byTheme: [string, number][];
    readonly withTimeliness: number;
    readonly within20: number;
  };
  readonly requests: {
    readonly total: number;
    /** [month][applicant type], in `APPLICANT_TYPES` order. */
    readonly byMonthAndType: number[][];
    readonly byOutcomeGroup: [OutcomeGroup, number][];
    readonly replied: number;
    readonly onTime: number;
    readonly extended: number;
    readonly medianWorkingDays: number | null;
    readonly p90WorkingDays: number | null;
  };
}

/** The p-th percentile (0–100) by the nearest-rank method; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

const monthOf = (d: string): number => Number(d.slice(5, 7)) - 1;

function counted(keys: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Aggregates the facts of `year` (facts outside the year are ignored). */
export function yearStatistics(year: number, docs: readonly StatDocument[], requests: readonly StatRequest[]): YearStatistics {
  const inYear = (d: string | null): d is string => d !== null && d.startsWith(`${year}-`);
  const ds = docs.filter((d) => inYear(d.publishedOn));
  const byMonth = Array.from({ length: 12 }, () => 0);
  for (const d of ds) byMonth[monthOf(d.publishedOn)] = (byMonth[monthOf(d.publishedOn)] ?? 0) + 1;
  const timed = ds.filter((d) => d.timelinessDays !== null);

  const rs = requests.filter((r) => inYear(r.receivedOn));
  const byMonthAndType = Array.from({ length: 12 }, () => APPLICANT_TYPES.map(() => 0));
  for (const r of rs) {
    const row = byMonthAndType[monthOf(r.receivedOn)];
    const col = APPLICANT_TYPES.indexOf(r.applicantType);
    if (row && col >= 0) row[col] = (row[col] ?? 0) + 1;
  }
  // Outcomes of the year are counted by the date of the outcome, as in table 三.
  const outcomes = requests.filter((r) => r.outcomeCode !== null && inYear(r.repliedOn));
  const groups: OutcomeGroup[] = ['disclosed', 'partially_disclosed', 'withheld', 'unable', 'not_handled', 'other'];
  const byOutcomeGroup = groups.map((g): [OutcomeGroup, number] => [g, outcomes.filter((r) => OUTCOMES.find((o) => o.code === r.outcomeCode)?.group === g).length]);
  const replied = outcomes.filter((r) => r.repliedOn !== null);
  const onTime = replied.filter((r) => r.dueDate !== null && r.repliedOn !== null && r.repliedOn <= r.dueDate).length;
  const days = replied.map((r) => r.workingDaysToReply).filter((n): n is number => n !== null);
  return {
    year,
    documents: { total: ds.length, byMonth, byGenre: counted(ds.map((d) => d.genre)), byTheme: counted(ds.map((d) => d.theme)), withTimeliness: timed.length, within20: timed.filter((d) => (d.timelinessDays ?? 0) <= 20).length },
    requests: {
      total: rs.length,
      byMonthAndType,
      byOutcomeGroup,
      replied: replied.length,
      onTime,
      extended: rs.filter((r) => r.extended).length,
      medianWorkingDays: percentile(days, 50),
      p90WorkingDays: percentile(days, 90),
    },
  };
}

/** A share as a whole percentage with one decimal, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
