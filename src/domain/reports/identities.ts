/**
 * Staff corrections of report figures and the identities the 2021 format requires
 * (国办公开办函〔2021〕30号; DOMAIN.md §1). A correction replaces one cell as typed: totals are
 * NOT recomputed, because a report whose numbers do not add up must be caught, named and refused
 * (Art. 49–50 reports are public and often found inconsistent), not silently repaired.
 */
import { AppError } from '../errors.js';
import { APPLICANT_TYPE_INFO, APPLICANT_TYPES } from '../requests/applicant-types.js';
import type { ReportFigures, ReportTableKey } from './aggregate.js';
import { cloneFigures } from './aggregate.js';
import {
  TABLE2_ROWS,
  TABLE3_OUTCOME_ROWS,
  TABLE3_ROWS,
  TABLE4_GROUPS,
  table2Width,
} from './report-format.js';

/** One staff correction: the cell, its new value and why (recorded with the report). */
export interface Correction {
  readonly table: ReportTableKey;
  /** A row key of `report-format.ts` (table 四: the group key). */
  readonly row: string;
  /** 0-based column within the row. */
  readonly column: number;
  /** The value as corrected (table 二 `fees`: in fen). */
  readonly value: number;
}

/** True when `table`/`row`/`column` names a cell of the official tables. */
export function isCell(table: string, row: string, column: number): boolean {
  if (!Number.isInteger(column) || column < 0) return false;
  if (table === 'table2') return (TABLE2_ROWS as readonly string[]).includes(row) && column < table2Width(row as (typeof TABLE2_ROWS)[number]); // checked by includes
  if (table === 'table3') return TABLE3_ROWS.some((r) => r.key === row) && column < 7;
  if (table === 'table4') return (TABLE4_GROUPS as readonly string[]).includes(row) && column < 5; // widening a tuple to search it
  return false;
}

/** The figures with `corrections` applied in order (a later one for the same cell wins). */
export function applyCorrections(f: ReportFigures, corrections: readonly Correction[]): ReportFigures {
  const out = cloneFigures(f);
  for (const c of corrections) {
    if (!isCell(c.table, c.row, c.column) || !Number.isInteger(c.value) || c.value < 0) {
      throw new AppError('validation_failed', { fields: [{ field: `${c.table}.${c.row}.${c.column}`, code: 'bad_cell' }] });
    }
    const table: Record<string, number[]> = out[c.table];
    const cells = table[c.row];
    if (cells) cells[c.column] = c.value;
  }
  return out;
}

/** One identity check: what must be equal, both sides, and whether it holds. */
export interface IdentityResult {
  /** Stable id, e.g. `table3.balance.natural_person`. */
  readonly id: string;
  /** The identity in the official language, naming the column or row. */
  readonly zh: string;
  readonly en: string;
  readonly left: number;
  readonly right: number;
  readonly holds: boolean;
}

const COLUMN_CODES = [...APPLICANT_TYPES, 'total'] as const;
const COLUMN_ZH = [...APPLICANT_TYPE_INFO.map((a) => a.zh), '总计'];
const COLUMN_EN = [...APPLICANT_TYPE_INFO.map((a) => a.en), 'Total'];
const GROUP_ZH: Record<string, string> = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' };
const GROUP_EN: Record<string, string> = { reconsideration: 'Reconsideration', litigation_direct: 'Litigation (direct)', litigation_after_reconsideration: 'Litigation (after reconsideration)' };

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const at = (xs: readonly number[] | undefined, i: number): number => xs?.[i] ?? 0;

function result(id: string, zh: string, en: string, left: number, right: number): IdentityResult {
  return { id, zh, en, left, right, holds: left === right };
}

/**
 * Every identity of the 2021 format, in a fixed order:
 * - table 三, each column: 一 + 二 = （七）总计 + 四 (`table3.balance.<column>`);
 * - table 三, each column: （七） = the sum of the items of （一）–（六） (`table3.results.<column>`);
 * - table 三, each row: 总计 = 自然人 + the five 法人或其他组织 columns (`table3.row_total.<row>`);
 * - table 四, each group: 总计 = the four results (`table4.total.<group>`);
 * - when the previous year's 四 is known: 二 = last year's 四 (`table3.carry_over.<column>`).
 */
export function checkIdentities(f: ReportFigures, previousCarriedForward: readonly number[] | null = null): IdentityResult[] {
  const out: IdentityResult[] = [];
  const t3 = f.table3;
  COLUMN_CODES.forEach((code, i) => {
    out.push(result(`table3.balance.${code}`, `表三「${COLUMN_ZH[i]}」列：一 + 二 = （七）总计 + 四`, `Table 3, column "${COLUMN_EN[i]}": I + II = (7) total + IV`,
      at(t3.new, i) + at(t3.carried_over, i), at(t3.total, i) + at(t3.carried_forward, i)));
  });
  COLUMN_CODES.forEach((code, i) => {
    out.push(result(`table3.results.${code}`, `表三「${COLUMN_ZH[i]}」列：（七）总计 = （一）至（六）各项之和`, `Table 3, column "${COLUMN_EN[i]}": (7) total = sum of the items of (1)–(6)`,
      at(t3.total, i), sum(TABLE3_OUTCOME_ROWS.map((r) => at(t3[r], i)))));
  });
  for (const row of TABLE3_ROWS) {
    const cells = t3[row.key] ?? [];
    out.push(result(`table3.row_total.${row.key}`, `表三「${row.group && !row.label.startsWith('（') ? `${row.group} ` : ''}${row.label}」行：总计 = 自然人 + 法人或其他组织各项之和`,
      `Table 3, row "${row.key}": total = natural person + the five organisation columns`, at(cells, 6), sum(cells.slice(0, 6))));
  }
  for (const g of TABLE4_GROUPS) {
    const cells = f.table4[g];
    out.push(result(`table4.total.${g}`, `表四「${GROUP_ZH[g]}」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`, `Table 4, ${GROUP_EN[g]}: total = upheld + corrected + other + pending`,
      at(cells, 4), sum(cells.slice(0, 4))));
  }
  if (previousCarriedForward) {
    COLUMN_CODES.forEach((code, i) => {
      out.push(result(`table3.carry_over.${code}`, `表三「${COLUMN_ZH[i]}」列：二、上年结转 = 上年度报告 四、结转下年度继续办理`, `Table 3, column "${COLUMN_EN[i]}": II (carried over) = last year's IV (carried forward)`,
        at(t3.carried_over, i), at(previousCarriedForward, i)));
    });
  }
  return out;
}

/** The identities that do not hold. */
export function brokenIdentities(results: readonly IdentityResult[]): IdentityResult[] {
  return results.filter((r) => !r.holds);
}
