/**
 * The figures laid out as the official tables (国办公开办函〔2021〕30号): labels and order of
 * `report-format.ts`, each table as `{ columns, rows: [{ label, values }] }` (the JSON of issue 7),
 * and the CSV export of every table. Pure.
 */
import type { ReportFigures } from './aggregate.js';
import type { IdentityResult } from './identities.js';
import {
  TABLE2_PARTS,
  TABLE2_ROWS,
  TABLE3_COLUMN_GROUPS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMN_GROUPS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  TABLE4_ROW_LABEL,
} from './report-format.js';

/** A header cell spanning several number columns. */
export interface ColumnGroup {
  readonly label: string;
  readonly from: number;
  readonly span: number;
  readonly parent?: string;
}

/** One row of an official table. `values` line up with `columns`; null where the form has no cell. */
export interface OfficialRow {
  /** Stable row key (for corrections and links); the official text is `label`. */
  readonly key: string;
  readonly label: string;
  /** The category label the row sits under, when the form nests it. */
  readonly group?: string;
  readonly values: (number | null)[];
}

/** A table as the JSON export and the pages use it. */
export interface OfficialTable {
  readonly columns: readonly string[];
  readonly columnGroups?: readonly ColumnGroup[];
  readonly rows: readonly OfficialRow[];
}

/** Table 二: its four small tables in `parts`, and all six rows flattened over the union of columns. */
export interface OfficialTable2 extends OfficialTable {
  readonly firstColumn: string;
  readonly parts: readonly (OfficialTable & { readonly title: string })[];
}

/** The three tables and the identity checks. */
export interface OfficialTables {
  readonly table2: OfficialTable2;
  readonly table3: OfficialTable;
  readonly table4: OfficialTable;
  readonly identities: readonly { id: string; description: string; holds: boolean; left: number; right: number }[];
}

/** Fen to 万元 (1 万元 = 1,000,000 fen), exact to the fen. */
export function fenToWan(fen: number): number {
  return Number((fen / 1_000_000).toFixed(6));
}

/** 万元 as written in the report: no trailing zeros, at most six decimals. */
export function formatWan(fen: number): string {
  return String(fenToWan(fen));
}

/** Lays the figures out in the official tables. */
export function officialTables(f: ReportFigures, identities: readonly IdentityResult[]): OfficialTables {
  const partValues = (key: (typeof TABLE2_ROWS)[number]): number[] => (key === 'fees' ? (f.table2.fees ?? [0]).map(fenToWan) : [...f.table2[key]]);
  const parts = TABLE2_PARTS.map((p) => ({ title: p.title, columns: p.columns, rows: p.rows.map((r) => ({ key: r.key, label: r.label, values: partValues(r.key) })) }));
  const unionColumns = [...new Set(TABLE2_PARTS.flatMap((p) => p.columns))];
  const flatRows = TABLE2_PARTS.flatMap((p) =>
    p.rows.map((r) => {
      const values: (number | null)[] = unionColumns.map(() => null);
      const own = partValues(r.key);
      p.columns.forEach((c, i) => {
        values[unionColumns.indexOf(c)] = own[i] ?? 0;
      });
      return { key: r.key, label: r.label, group: p.title, values };
    }),
  );
  const table3Rows = TABLE3_ROWS.map((r) => ({ key: r.key, label: r.label, ...(r.group ? { group: r.group } : {}), values: [...f.table3[r.key]] }));
  return {
    table2: { firstColumn: '信息内容', columns: unionColumns, rows: flatRows, parts },
    table3: { columns: TABLE3_COLUMNS, columnGroups: TABLE3_COLUMN_GROUPS, rows: table3Rows },
    table4: { columns: TABLE4_COLUMNS, columnGroups: TABLE4_COLUMN_GROUPS, rows: [{ key: 'appeals', label: TABLE4_ROW_LABEL, values: TABLE4_GROUPS.flatMap((g) => f.table4[g]) }] },
    identities: identities.map((i) => ({ id: i.id, description: i.zh, holds: i.holds, left: i.left, right: i.right })),
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: readonly (string | number | null)[]): string => cells.map(csvField).join(',') + '\r\n';

/** The CSV of one table: a header row, then one row per data row (items prefixed by their category). */
export function tableCsv(t: OfficialTable, firstColumn = '项目'): string {
  const head = t.columns.map((c, i) => {
    const groups = (t.columnGroups ?? []).filter((g) => i >= g.from && i < g.from + g.span).map((g) => g.label);
    return [...groups, c].join(' ');
  });
  let out = line([firstColumn, ...head]);
  for (const r of t.rows) out += line([r.group && r.label.match(/^\d/) ? `${r.group} ${r.label}` : r.label, ...r.values]);
  return out;
}

/** Every table of the report as one CSV: a title line, then each table, separated by a blank line. */
export function reportCsv(t: OfficialTables, title: string): string {
  let out = line([title]);
  for (const p of t.table2.parts) out += '\r\n' + line([`二、主动公开政府信息情况 ${p.title}`]) + tableCsv(p, t.table2.firstColumn);
  out += '\r\n' + line(['三、收到和处理政府信息公开申请情况']) + tableCsv(t.table3);
  out += '\r\n' + line(['四、政府信息公开行政复议、行政诉讼情况']) + tableCsv(t.table4);
  out += '\r\n' + line(['勾稽关系', '是否成立', '左', '右']);
  for (const i of t.identities) out += line([i.description, i.holds ? '成立' : '不成立', i.left, i.right]);
  return out;
}
