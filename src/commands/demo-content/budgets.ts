/**
 * Budgets and final accounts (预算决算): government-level general public budgets and department
 * budgets, each with its table as a CSV attachment. Amounts are invented and only roughly
 * proportioned like real ones.
 */
import { body, contact, csv, h2, nameOf, p, table, ul, wan } from './html.js';
import type { DemoDocument } from './types.js';

type Line = readonly [code: string, name: string, weight: number];

/** Functional classification (类级科目) of a government's general public budget. */
const GOV_LINES: readonly Line[] = [
  ['201', '一般公共服务支出', 9.6],
  ['204', '公共安全支出', 5.8],
  ['205', '教育支出', 17.2],
  ['206', '科学技术支出', 2.4],
  ['207', '文化旅游体育与传媒支出', 1.7],
  ['208', '社会保障和就业支出', 14.9],
  ['210', '卫生健康支出', 8.8],
  ['211', '节能环保支出', 2.9],
  ['212', '城乡社区支出', 10.3],
  ['213', '农林水支出', 11.2],
  ['214', '交通运输支出', 4.6],
  ['221', '住房保障支出', 3.1],
  ['229', '其他支出', 1.1],
];

const EDU_LINES: readonly Line[] = [
  ['2050101', '行政运行', 3.2],
  ['2050201', '学前教育', 8.5],
  ['2050202', '小学教育', 21.4],
  ['2050203', '初中教育', 17.9],
  ['2050204', '高中教育', 14.6],
  ['2050302', '中等职业教育', 6.1],
  ['2050802', '教师进修', 1.2],
  ['2080505', '机关事业单位基本养老保险缴费支出', 4.4],
  ['2101102', '事业单位医疗', 1.9],
  ['2210201', '住房公积金', 2.3],
];

const ECO_LINES: readonly Line[] = [
  ['2110101', '行政运行', 9.4],
  ['2110104', '生态环境保护宣传', 0.6],
  ['2110199', '其他环境保护管理事务支出', 2.8],
  ['2110301', '大气', 11.5],
  ['2110302', '水体', 9.7],
  ['2110304', '固体废弃物与化学品', 3.1],
  ['2080505', '机关事业单位基本养老保险缴费支出', 1.3],
  ['2210201', '住房公积金', 0.8],
];

const LAND_LINES: readonly Line[] = [
  ['2200101', '行政运行', 6.2],
  ['2200104', '自然资源规划及管理', 7.8],
  ['2200106', '自然资源利用与保护', 4.1],
  ['2200109', '自然资源调查与确权登记', 3.6],
  ['2080505', '机关事业单位基本养老保险缴费支出', 1.1],
  ['2210201', '住房公积金', 0.7],
];

const TOWN_LINES: readonly Line[] = [
  ['2010301', '行政运行', 12.4],
  ['2080208', '基层政权建设和社区治理', 3.5],
  ['2120501', '城乡社区环境卫生', 4.8],
  ['2130705', '对村民委员会和村党支部的补助', 6.2],
  ['2130701', '对村级公益事业建设的补助', 3.9],
  ['2080505', '机关事业单位基本养老保险缴费支出', 1.4],
];

interface Spec {
  key: string;
  agency: string;
  year: number;
  kind: '预算' | '决算';
  /** 一般公共预算 of a government, or a department's own budget. */
  level: 'gov' | 'dept';
  lines: readonly Line[];
  /** Total in 万元. */
  total: number;
  /** Spread of the weights, so that years differ: a small integer seed. */
  seed: number;
  dateFormed: string;
  published: string;
  /** Whether to describe the change from last year as growth. */
  growth: number;
  threeCosts?: readonly [abroad: number, cars: number, reception: number];
  docNumber?: string;
  theme?: string;
  note?: string;
  corrections?: DemoDocument['corrections'];
}

/** Amounts for the lines, summing exactly to `total` (in hundredths). */
function amounts(lines: readonly Line[], total: number, seed: number): number[] {
  const w = lines.map(([, , weight], i) => weight * (1 + (((i * 7 + seed * 13) % 11) - 5) / 50));
  const sum = w.reduce((a, b) => a + b, 0);
  const cents = w.map((x) => Math.round((x / sum) * total * 100));
  const diff = Math.round(total * 100) - cents.reduce((a, b) => a + b, 0);
  cents[0] = (cents[0] ?? 0) + diff;
  return cents.map((c) => c / 100);
}

function budgetDoc(s: Spec): DemoDocument {
  const owner = nameOf(s.agency).replace(/人民政府$/, '');
  const values = amounts(s.lines, s.total, s.seed);
  const rows = s.lines.map(([code, name], i) => [code, name, wan(values[i] ?? 0)] as const);
  const kindWord = s.kind === '预算' ? '预算' : '决算';
  const scopeWord = s.level === 'gov' ? `${s.year}年${owner.replace(/财政厅|财政局$/, '')}本级一般公共预算${s.kind === '预算' ? '' : '决算'}` : `${owner}${s.year}年部门${kindWord}`;
  const title = s.level === 'gov'
    ? `${s.year}年${owner.replace(/(财政厅|财政局)$/, '')}本级一般公共预算${s.kind === '预算' ? '支出' : '决算'}情况`
    : `${owner}${s.year}年部门${kindWord}公开`;
  const change = s.growth >= 0 ? `增长${s.growth.toFixed(1)}%` : `下降${(-s.growth).toFixed(1)}%`;
  const top = [...rows].sort((a, b) => Number(b[2]) - Number(a[2])).slice(0, 3).map((r) => `${r[1]}${r[2]}万元`).join('、');
  const three = s.threeCosts;
  const parts = [
    p(s.kind === '预算'
      ? `根据《中华人民共和国预算法》和预决算公开有关规定，现将${scopeWord}公开如下。本${kindWord}已经${s.level === 'gov' ? '同级人民代表大会' : '同级财政部门'}批准。`
      : `根据《中华人民共和国预算法》和预决算公开有关规定，现将${scopeWord}公开如下。`),
    h2(`一、${s.kind === '预算' ? '支出预算' : '支出决算'}总体情况`),
    p(`${s.year}年一般公共预算${s.kind === '预算' ? '支出安排' : '支出决算'}${wan(s.total)}万元，比上年${change}。其中，支出规模较大的科目为：${top}。`),
    table(['科目编码', '科目名称', '金额（万元）'], [...rows, ['', '合计', wan(s.total)]]),
  ];
  if (three) {
    const sum = three[0] + three[1] + three[2];
    parts.push(
      h2('二、“三公”经费情况'),
      p(`“三公”经费${s.kind === '预算' ? '预算' : '决算'}${wan(sum)}万元，其中：因公出国（境）费${wan(three[0])}万元，公务用车购置及运行维护费${wan(three[1])}万元，公务接待费${wan(three[2])}万元。`),
    );
  }
  parts.push(
    h2(three ? '三、其他说明' : '二、其他说明'),
    ul([
      '本表金额单位为万元，因四舍五入，分项之和与合计可能存在尾差。',
      s.note ?? (s.kind === '预算' ? '政府采购预算、国有资产占用情况和项目绩效目标详见附件。' : '决算数包括当年预算安排和上年结转资金安排的支出。'),
    ]),
    contact(s.agency),
  );
  return {
    key: s.key,
    agency: s.agency,
    title,
    docNumber: s.docNumber ?? '',
    genre: 'budgets',
    theme: s.theme ?? 'finance.budget',
    dateFormed: s.dateFormed,
    published: s.published,
    isNormative: false,
    keywords: `${s.year}年 ${kindWord} ${s.level === 'gov' ? '一般公共预算' : '部门' + kindWord}${three ? ' 三公经费' : ''}`,
    summary: `公开${scopeWord}，支出合计${wan(s.total)}万元，比上年${change}。`,
    bodyHtml: body(...parts),
    attachments: [{
      filename: `${s.year}-${s.kind === '预算' ? 'budget' : 'final-accounts'}-${s.agency}.csv`,
      csv: csv(['科目编码', '科目名称', '金额（万元）'], [...rows, ['', '合计', wan(s.total)]]),
    }],
    ...(s.corrections ? { corrections: s.corrections } : {}),
  };
}

const SPECS: Spec[] = [
  { key: 'prov-budget-2025', agency: 'prov-finance', year: 2025, kind: '预算', level: 'gov', lines: GOV_LINES, total: 6_825_400, seed: 1, dateFormed: '2025-01-24', published: '2025-02-07', growth: 3.8, docNumber: '示财预〔2025〕7号' },
  { key: 'prov-budget-2026', agency: 'prov-finance', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 7_012_900, seed: 2, dateFormed: '2026-01-27', published: '2026-02-09', growth: 2.7, docNumber: '示财预〔2026〕5号' },
  { key: 'prov-final-2024', agency: 'prov-finance', year: 2024, kind: '决算', level: 'gov', lines: GOV_LINES, total: 6_734_180, seed: 3, dateFormed: '2025-07-30', published: '2025-08-12', growth: 4.1, docNumber: '示财预〔2025〕46号' },
  { key: 'yunxi-budget-2025', agency: 'yunxi-finance', year: 2025, kind: '预算', level: 'gov', lines: GOV_LINES, total: 1_286_300, seed: 4, dateFormed: '2025-01-20', published: '2025-02-05', growth: 2.9 },
  { key: 'yunxi-budget-2026', agency: 'yunxi-finance', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 1_318_750, seed: 5, dateFormed: '2026-01-22', published: '2026-02-04', growth: 2.5 },
  { key: 'yunxi-final-2024', agency: 'yunxi-finance', year: 2024, kind: '决算', level: 'gov', lines: GOV_LINES, total: 1_271_460, seed: 6, dateFormed: '2025-08-26', published: '2025-09-05', growth: 3.3 },
  { key: 'yunxi-final-2025', agency: 'yunxi-finance', year: 2025, kind: '决算', level: 'gov', lines: GOV_LINES, total: 1_294_020, seed: 7, dateFormed: '2026-08-25', published: '2026-10-20', growth: 1.8 },
  {
    key: 'yunxi-edu-budget-2025', agency: 'yunxi-edu', year: 2025, kind: '预算', level: 'dept', lines: EDU_LINES, total: 186_420, seed: 8, dateFormed: '2025-02-14', published: '2025-02-24', growth: 4.6, threeCosts: [0, 38.6, 12.4],
    corrections: [{
      published: '2025-03-03',
      changeNote: '更正“三公”经费说明中公务接待费的金额。',
      bodyHtml: '',
    }],
  },
  { key: 'yunxi-edu-budget-2026', agency: 'yunxi-edu', year: 2026, kind: '预算', level: 'dept', lines: EDU_LINES, total: 192_380, seed: 9, dateFormed: '2026-02-12', published: '2026-02-25', growth: 3.2, threeCosts: [0, 36.2, 11.0] },
  { key: 'yunxi-edu-final-2024', agency: 'yunxi-edu', year: 2024, kind: '决算', level: 'dept', lines: EDU_LINES, total: 181_905.37, seed: 10, dateFormed: '2025-08-28', published: '2025-09-08', growth: 5.2, threeCosts: [0, 41.3, 13.7] },
  { key: 'yunxi-edu-final-2025', agency: 'yunxi-edu', year: 2025, kind: '决算', level: 'dept', lines: EDU_LINES, total: 187_044.12, seed: 11, dateFormed: '2026-08-27', published: '2026-09-07', growth: 2.8, threeCosts: [0, 37.9, 11.6] },
  { key: 'yunxi-eco-budget-2026', agency: 'yunxi-eco', year: 2026, kind: '预算', level: 'dept', lines: ECO_LINES, total: 21_640, seed: 12, dateFormed: '2026-02-12', published: '2026-02-26', growth: -3.4, threeCosts: [0, 22.5, 3.8] },
  { key: 'yunxi-eco-final-2025', agency: 'yunxi-eco', year: 2025, kind: '决算', level: 'dept', lines: ECO_LINES, total: 22_118.46, seed: 13, dateFormed: '2026-08-27', published: '2026-09-09', growth: 6.1, threeCosts: [0, 24.1, 4.2] },
  { key: 'qingshan-budget-2025', agency: 'qingshan', year: 2025, kind: '预算', level: 'gov', lines: GOV_LINES, total: 312_560, seed: 14, dateFormed: '2025-02-10', published: '2025-02-20', growth: 1.9 },
  { key: 'qingshan-budget-2026', agency: 'qingshan', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 318_240, seed: 15, dateFormed: '2026-02-06', published: '2026-03-30', growth: 1.8, note: '本预算公开晚于规定时限，原因是县本级预算草案调整后重新履行了审批程序。' },
  { key: 'baishui-budget-2026', agency: 'baishui', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 268_930, seed: 16, dateFormed: '2026-01-30', published: '2026-02-11', growth: 4.3 },
  { key: 'jiangchuan-budget-2026', agency: 'jiangchuan', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 982_700, seed: 17, dateFormed: '2026-01-26', published: '2026-02-06', growth: 3.1 },
  { key: 'nanling-budget-2026', agency: 'nanling', year: 2026, kind: '预算', level: 'gov', lines: GOV_LINES, total: 5_436_800, seed: 18, dateFormed: '2026-01-29', published: '2026-02-12', growth: 2.2, docNumber: '南政发〔2026〕3号' },
  { key: 'qingshan-town-final-2025', agency: 'qingshan-town', year: 2025, kind: '决算', level: 'dept', lines: TOWN_LINES, total: 2_864.35, seed: 19, dateFormed: '2026-09-01', published: '2026-10-29', growth: -1.2, threeCosts: [0, 6.8, 1.9] },
  { key: 'qingshan-land-budget-2026', agency: 'qingshan-land', year: 2026, kind: '预算', level: 'dept', lines: LAND_LINES, total: 4_318, seed: 20, dateFormed: '2026-02-13', published: '2026-02-27', growth: 0.6, threeCosts: [0, 9.5, 1.2] },
];

export const BUDGETS: DemoDocument[] = SPECS.map((s) => {
  const doc = budgetDoc(s);
  // The corrected version of the Yunxi education budget: the reception cost was misprinted.
  if (s.corrections && s.threeCosts) {
    const wrong = budgetDoc({ ...s, threeCosts: [s.threeCosts[0], s.threeCosts[1], s.threeCosts[2] + 10], corrections: undefined });
    return { ...wrong, corrections: [{ published: s.corrections[0]?.published ?? s.published, changeNote: s.corrections[0]?.changeNote ?? '', bodyHtml: doc.bodyHtml }] };
  }
  return doc;
});
