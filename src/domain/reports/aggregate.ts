/**
 * Pure aggregation of the annual report's tables 二, 三 and 四 from the records of one agency
 * (Regulations Art. 49–50; 国办公开办函〔2021〕30号; DOMAIN.md §1). No I/O: the caller hands in
 * the facts, already limited to the agency, and gets the figures back.
 *
 * Counting rules (each documented where it is applied):
 * - Table 二, Art. 20(1): 规章 are documents of genre `regulations`; 行政规范性文件 are the other
 *   documents marked normative (genre `normative` or the `is_normative` flag). "Made" counts by the
 *   date formed (成文日期) in the year; "repealed" by a 已废止 validity dated in the year; "in force"
 *   are those formed by 31 December and not repealed or expired on or before it (已修改 stays in
 *   force in its amended form). Withdrawn and never-published documents are not counted.
 * - Table 三: a request counts from its Art. 31 date of receipt. 一 = received in the year;
 *   二 = received before the year and without an outcome dated before it; the result rows count
 *   the outcomes dated in the year; 四 = received by 31 December and without an outcome dated on or
 *   before it. So 二 of year N+1 is 四 of year N, from the records, never typed.
 * - Table 四: a case counts in the year when it was filed by 31 December and was still open at some
 *   point of the year: decided in the year (by its result) or not decided by 31 December (尚未审结).
 */
import type { ApplicantType } from '../requests/applicant-types.js';
import { APPLICANT_TYPES } from '../requests/applicant-types.js';
import type { OutcomeCode } from '../requests/outcomes.js';
import {
  TABLE2_ROWS,
  TABLE3_ROW_KEYS,
  TABLE4_GROUPS,
  TABLE4_RESULTS,
  table2Width,
  type AppealResult,
  type Table2Row,
  type Table3Row,
  type Table4Group,
} from './report-format.js';

/** A published document as the report sees it. */
export interface DocumentFact {
  readonly genre: string;
  readonly isNormative: boolean;
  /** 成文日期, YYYY-MM-DD. */
  readonly dateFormed: string;
  readonly validity: 'valid' | 'amended' | 'repealed' | 'expired';
  /** The date the current validity took effect, YYYY-MM-DD, or null. */
  readonly validityDate: string | null;
}

/** A received request as the report sees it: no applicant data, only its column. */
export interface RequestFact {
  readonly applicantType: ApplicantType;
  /** Art. 31 date of receipt, YYYY-MM-DD. */
  readonly receivedOn: string;
  /** The Art. 36 outcome and its date, or null while the request is open. */
  readonly outcome: { readonly code: OutcomeCode; readonly on: string } | null;
}

/** A reconsideration or litigation record (table 四). */
export interface AppealFact {
  readonly kind: Table4Group;
  readonly result: AppealResult;
  readonly filedOn: string;
  readonly decidedOn: string | null;
}

/** Figures staff enter for table 二 (Art. 20(5), (6), (8)); the fee in integer fen. */
export interface StaffFigures {
  readonly licensing: number;
  readonly penalty: number;
  readonly enforcement: number;
  readonly feeFen: number;
}

/**
 * The numbers of tables 二, 三 and 四, keyed by row. Table 二's `fees` value is in fen (shown in
 * 万元); table 三 rows have 7 values (the six applicant types, then 总计); table 四 groups 5 each.
 */
export interface ReportFigures {
  table2: Record<Table2Row, number[]>;
  table3: Record<Table3Row, number[]>;
  table4: Record<Table4Group, number[]>;
}

/** The three tables a figure can belong to. */
export type ReportTableKey = 'table2' | 'table3' | 'table4';

/** Everything the aggregation needs for one agency and year. */
export interface AggregateInput {
  readonly year: number;
  readonly documents: readonly DocumentFact[];
  readonly requests: readonly RequestFact[];
  readonly appeals: readonly AppealFact[];
  readonly staff: StaffFigures;
}

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);

/** Empty figures (all zero) in the official shape. */
export function emptyFigures(): ReportFigures {
  const table2 = Object.fromEntries(TABLE2_ROWS.map((r) => [r, zeros(table2Width(r))])) as Record<Table2Row, number[]>; // every key of TABLE2_ROWS is set
  const table3 = Object.fromEntries(TABLE3_ROW_KEYS.map((r) => [r, zeros(7)])) as Record<Table3Row, number[]>; // every row key is set
  const table4 = Object.fromEntries(TABLE4_GROUPS.map((g) => [g, zeros(5)])) as Record<Table4Group, number[]>; // every group is set
  return { table2, table3, table4 };
}

/** A deep copy, so corrections never change the computed figures. */
export function cloneFigures(f: ReportFigures): ReportFigures {
  const copy = <K extends string>(r: Record<K, number[]>): Record<K, number[]> =>
    Object.fromEntries(Object.entries<number[]>(r).map(([k, v]) => [k, [...v]])) as Record<K, number[]>; // same keys as the source
  return { table2: copy(f.table2), table3: copy(f.table3), table4: copy(f.table4) };
}

function table2Row(d: DocumentFact): 'regulations' | 'normative' | null {
  if (d.genre === 'regulations') return 'regulations';
  if (d.genre === 'normative' || d.isNormative) return 'normative';
  return null;
}

/** Computes tables 二, 三 and 四 for `input.year` from the records. */
export function aggregateReport(input: AggregateInput): ReportFigures {
  const f = emptyFigures();
  const start = `${input.year}-01-01`;
  const end = `${input.year}-12-31`;
  const inYear = (d: string | null): boolean => d !== null && d >= start && d <= end;

  for (const d of input.documents) {
    const row = table2Row(d);
    if (!row || d.dateFormed > end) continue;
    const cells = f.table2[row];
    if (inYear(d.dateFormed)) cells[0] = (cells[0] ?? 0) + 1;
    if (d.validity === 'repealed' && inYear(d.validityDate)) cells[1] = (cells[1] ?? 0) + 1;
    // Out of force on 31 December when repealed or expired on or before it; 已修改 stays in force.
    const ended = (d.validity === 'repealed' || d.validity === 'expired') && (d.validityDate === null || d.validityDate <= end);
    if (!ended) cells[2] = (cells[2] ?? 0) + 1;
  }
  f.table2.licensing = [input.staff.licensing];
  f.table2.penalty = [input.staff.penalty];
  f.table2.enforcement = [input.staff.enforcement];
  f.table2.fees = [input.staff.feeFen];

  const bump = (row: Table3Row, col: number): void => {
    const cells = f.table3[row];
    cells[col] = (cells[col] ?? 0) + 1;
    cells[6] = (cells[6] ?? 0) + 1;
  };
  for (const r of input.requests) {
    if (r.receivedOn > end) continue;
    const col = APPLICANT_TYPES.indexOf(r.applicantType);
    if (col < 0) continue;
    const doneOn = r.outcome?.on ?? null;
    if (doneOn !== null && doneOn < start) continue; // finished in an earlier year
    if (r.receivedOn >= start) bump('new', col);
    else bump('carried_over', col);
    if (r.outcome !== null && inYear(doneOn)) {
      bump(r.outcome.code, col);
      bump('total', col);
    } else {
      bump('carried_forward', col);
    }
  }

  for (const a of input.appeals) {
    if (a.filedOn > end) continue;
    const decided = a.result !== 'pending' && a.decidedOn !== null && a.decidedOn <= end;
    if (decided && a.decidedOn !== null && a.decidedOn < start) continue; // decided in an earlier year
    const col = decided ? TABLE4_RESULTS.indexOf(a.result) : TABLE4_RESULTS.indexOf('pending');
    const cells = f.table4[a.kind];
    cells[col] = (cells[col] ?? 0) + 1;
    cells[4] = (cells[4] ?? 0) + 1;
  }
  return f;
}
