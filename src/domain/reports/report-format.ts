/**
 * The official layout of the annual report (政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号;
 * Regulations Art. 49–50; DOMAIN.md §1): the six sections, the four small tables of table 二, the
 * 7 columns × 25 rows of table 三 and the 15 columns of table 四, with their exact labels and order.
 * Each row has a stable `key` that corrections and the store use; labels never change.
 */
import { APPLICANT_TYPE_INFO } from '../requests/applicant-types.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, type OutcomeCode } from '../requests/outcomes.js';

/** The six section titles, in order. */
export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/** The first column header of every small table of table 二. */
export const TABLE2_FIRST_COLUMN = '信息内容';

/** Row keys of table 二 in order: Art. 20(1), (5), (6), (8). */
export const TABLE2_ROWS = ['regulations', 'normative', 'licensing', 'penalty', 'enforcement', 'fees'] as const;
export type Table2Row = (typeof TABLE2_ROWS)[number];

/** One of the four small tables of table 二. */
export interface Table2Part {
  /** The Art. 20 item the small table reports on. */
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly key: Table2Row; readonly label: string }[];
}

/** The four small tables of table 二, exactly as the 2021 format lays them out. */
export const TABLE2_PARTS: readonly Table2Part[] = [
  {
    title: '第二十条第（一）项',
    columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
    rows: [{ key: 'regulations', label: '规章' }, { key: 'normative', label: '行政规范性文件' }],
  },
  { title: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: [{ key: 'licensing', label: '行政许可' }] },
  { title: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: [{ key: 'penalty', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }] },
  { title: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: [{ key: 'fees', label: '行政事业性收费' }] },
];

/** How many numbers each table 二 row has. */
export function table2Width(row: Table2Row): number {
  return row === 'regulations' || row === 'normative' ? 3 : 1;
}

/** Rows of table 二 that staff enter (Art. 20(5), (6), (8)); the others come from the documents. */
export const TABLE2_STAFF_ROWS: readonly Table2Row[] = ['licensing', 'penalty', 'enforcement', 'fees'];

/** The 7 number columns of table 三: 自然人, the five 法人或其他组织 subtypes, 总计. */
export const TABLE3_COLUMNS: readonly string[] = [...APPLICANT_TYPE_INFO.map((a) => a.zh), '总计'];

/** The header group spanning the five organisation columns (no subtotal column exists). */
export const TABLE3_COLUMN_GROUPS = [{ label: '法人或其他组织', from: 1, span: 5 }] as const;

/** Row keys of table 三 that are not outcomes. */
export type Table3Special = 'new' | 'carried_over' | 'total' | 'carried_forward';
export type Table3Row = Table3Special | OutcomeCode;

/** One data row of table 三 with its official label and, for items, the category above it. */
export interface Table3RowInfo {
  readonly key: Table3Row;
  readonly label: string;
  /** The category label （三）–（六） an item row sits under (category labels are not data rows). */
  readonly group?: string;
}

const FULL_GROUP_LABELS: Record<string, string> = {
  disclosed: '（一）予以公开',
  partially_disclosed: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
};

/** The 25 data rows of table 三, in the official order. */
export const TABLE3_ROWS: readonly Table3RowInfo[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried_over', label: '二、上年结转政府信息公开申请数量' },
  ...OUTCOMES.map((o): Table3RowInfo =>
    o.item === 0
      ? { key: o.code, label: FULL_GROUP_LABELS[o.group] ?? OUTCOME_GROUP_LABELS[o.group].zh, group: '三、本年度办理结果' }
      : { key: o.code, label: `${o.item}.${o.zh}`, group: OUTCOME_GROUP_LABELS[o.group].zh },
  ),
  { key: 'total', label: '（七）总计', group: '三、本年度办理结果' },
  { key: 'carried_forward', label: '四、结转下年度继续办理' },
];

/** Row keys of table 三 in order. */
export const TABLE3_ROW_KEYS: readonly Table3Row[] = TABLE3_ROWS.map((r) => r.key);

/** The outcome rows （一）–（六）, whose sum is （七）总计. */
export const TABLE3_OUTCOME_ROWS: readonly OutcomeCode[] = OUTCOMES.map((o) => o.code);

/** The three groups of table 四, each with five columns. */
export const TABLE4_GROUPS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number];

/** The five result columns of each group, in order; the last is the group's 总计. */
export const TABLE4_RESULT_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** The stored appeal results behind the first four columns. */
export const TABLE4_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof TABLE4_RESULTS)[number];

/** Header groups of table 四 (two levels for 行政诉讼). */
export const TABLE4_COLUMN_GROUPS = [
  { label: '行政复议', from: 0, span: 5 },
  { label: '行政诉讼', from: 5, span: 10 },
  { label: '未经复议直接起诉', from: 5, span: 5, parent: '行政诉讼' },
  { label: '复议后起诉', from: 10, span: 5, parent: '行政诉讼' },
] as const;

/** The 15 column labels of table 四, flat (the groups say which is which). */
export const TABLE4_COLUMNS: readonly string[] = TABLE4_GROUPS.flatMap(() => [...TABLE4_RESULT_COLUMNS]);

/** The single row label of table 四. */
export const TABLE4_ROW_LABEL = '政府信息公开行政复议、行政诉讼情况';
