/**
 * Statistics (统计信息): monthly and quarterly economic figures, annual statistical bulletins,
 * air-quality figures and sector bulletins, each with a CSV table. The figures are invented.
 */
import { body, contact, csv, h2, nameOf, p, table, ul } from './html.js';
import type { DemoDocument } from './types.js';

type Row = readonly [indicator: string, unit: string, value: string, growth: string];

const HEAD = ['指标', '单位', '数值', '比上年同期增长（%）'] as const;

function statDoc(o: {
  key: string; agency: string; title: string; theme?: string; dateFormed: string; published: string;
  keywords: string; summary: string; lead: string; rows: readonly Row[]; notes: readonly string[]; file: string;
  corrections?: DemoDocument['corrections'];
}): DemoDocument {
  return {
    key: o.key,
    agency: o.agency,
    title: o.title,
    docNumber: '',
    genre: 'statistics',
    theme: o.theme ?? 'economy',
    dateFormed: o.dateFormed,
    published: o.published,
    isNormative: false,
    keywords: o.keywords,
    summary: o.summary,
    bodyHtml: body(p(o.lead), table(HEAD, o.rows), h2('说明'), ul(o.notes), contact(o.agency)),
    attachments: [{ filename: o.file, csv: csv(HEAD, o.rows) }],
    ...(o.corrections ? { corrections: o.corrections } : {}),
  };
}

/** A deterministic wobble in [-1, 1] for month `i` and series `s`. */
function wobble(i: number, s: number): number {
  return Math.sin(i * 1.7 + s * 2.3);
}

const MONTHLY = [
  { y: 2025, m: 4, formed: '2025-05-19', pub: '2025-05-22' },
  { y: 2025, m: 5, formed: '2025-06-18', pub: '2025-06-20' },
  { y: 2025, m: 7, formed: '2025-08-19', pub: '2025-08-21' },
  { y: 2025, m: 8, formed: '2025-09-18', pub: '2025-09-23' },
  { y: 2025, m: 10, formed: '2025-11-18', pub: '2025-11-20' },
  { y: 2025, m: 11, formed: '2025-12-18', pub: '2026-02-03' },
  { y: 2026, m: 3, formed: '2026-04-20', pub: '2026-04-22' },
  { y: 2026, m: 5, formed: '2026-06-18', pub: '2026-06-19' },
  { y: 2026, m: 7, formed: '2026-08-19', pub: '2026-08-21' },
  { y: 2026, m: 9, formed: '2026-10-20', pub: '2026-10-22' },
] as const;

const MONTHLY_STATS: DemoDocument[] = MONTHLY.map(({ y, m, formed, pub }, i) => {
  const ind = (5.8 + wobble(i, 1) * 1.6).toFixed(1);
  const inv = (3.2 + wobble(i, 2) * 2.9).toFixed(1);
  const retail = (38.6 * m * (y === 2026 ? 1.05 : 1) + wobble(i, 3) * 4).toFixed(1);
  const retailG = (4.9 + wobble(i, 4) * 1.2).toFixed(1);
  const rev = (9.4 * m * (y === 2026 ? 1.03 : 1) + wobble(i, 5) * 2).toFixed(1);
  const revG = (2.6 + wobble(i, 6) * 2.2).toFixed(1);
  const cpi = (100.4 + wobble(i, 7) * 0.6).toFixed(1);
  const period = `${y}年1—${m}月`;
  const rows: Row[] = [
    ['规模以上工业增加值', '—', '—', ind],
    ['固定资产投资', '—', '—', inv],
    ['社会消费品零售总额', '亿元', retail, retailG],
    ['一般公共预算收入', '亿元', rev, revG],
    ['居民消费价格指数（上年同期=100）', '—', cpi, '—'],
  ];
  const trend = Number(ind) >= 5.8 ? '工业生产稳中加快' : '工业生产增速有所放缓';
  return statDoc({
    key: `yunxi-stats-${y}-${String(m).padStart(2, '0')}`,
    agency: 'yunxi',
    title: `${period}云溪市主要经济指标`,
    dateFormed: formed,
    published: pub,
    keywords: `统计 主要经济指标 ${period}`,
    summary: `${period}，全市规模以上工业增加值同比增长${ind}%，社会消费品零售总额${retail}亿元，同比增长${retailG}%。`,
    lead: `${period}，全市经济运行总体平稳，${trend}，消费市场${Number(retailG) >= 4.9 ? '持续回暖' : '保持增长'}。主要指标如下：`,
    rows,
    notes: ['规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。', '增长速度按可比价格计算，部分数据因四舍五入存在尾差。'],
    file: `yunxi-stats-${y}-${String(m).padStart(2, '0')}.csv`,
  });
});

const QUARTERS = [
  { y: 2025, q: 1, formed: '2025-04-24', pub: '2025-04-29' },
  { y: 2025, q: 2, formed: '2025-07-23', pub: '2025-07-28' },
  { y: 2025, q: 3, formed: '2025-10-24', pub: '2025-12-05' },
  { y: 2026, q: 1, formed: '2026-04-23', pub: '2026-04-28' },
  { y: 2026, q: 2, formed: '2026-07-24', pub: '2026-07-29' },
] as const;
const QNAME = ['', '一季度', '上半年', '前三季度', '全年'];

const QINGSHAN_STATS: DemoDocument[] = QUARTERS.map(({ y, q, formed, pub }, i) => {
  const gdp = (41.2 * q * (y === 2026 ? 1.05 : 1) + wobble(i, 8) * 1.5).toFixed(2);
  const gdpG = (5.1 + wobble(i, 9) * 0.9).toFixed(1);
  const farm = (3.6 + wobble(i, 10) * 0.5).toFixed(1);
  const income = Math.round(5120 * q * (y === 2026 ? 1.06 : 1) + wobble(i, 11) * 80);
  const rows: Row[] = [
    ['地区生产总值', '亿元', gdp, gdpG],
    ['第一产业增加值', '—', '—', farm],
    ['旅游接待人次', '万人次', (78 * q + wobble(i, 12) * 9).toFixed(1), (8.2 + wobble(i, 13) * 3).toFixed(1)],
    ['农村居民人均可支配收入', '元', String(income), (6.4 + wobble(i, 14) * 0.7).toFixed(1)],
  ];
  return statDoc({
    key: `qingshan-stats-${y}q${q}`,
    agency: 'qingshan-office',
    title: `${y}年${QNAME[q] ?? ''}青山县经济运行情况`,
    dateFormed: formed,
    published: pub,
    keywords: `经济运行 地区生产总值 ${y}年`,
    summary: `${y}年${QNAME[q] ?? ''}，全县实现地区生产总值${gdp}亿元，同比增长${gdpG}%。`,
    lead: `据地区生产总值统一核算结果，${y}年${QNAME[q] ?? ''}全县实现地区生产总值${gdp}亿元，按不变价格计算，同比增长${gdpG}%。农业生产形势稳定，文旅消费${Number(rows[2]?.[3]) > 8 ? '增势较好' : '平稳增长'}。`,
    rows,
    notes: ['地区生产总值为初步核算数。', '农村居民人均可支配收入来自住户抽样调查。'],
    file: `qingshan-stats-${y}q${q}.csv`,
  });
});

interface Annual { key: string; agency: string; year: number; formed: string; pub: string; gdp: number; gdpG: number; pop: number; urban: number; rural: number; retail: number }

const ANNUALS: Annual[] = [
  { key: 'yunxi-bulletin-2024', agency: 'yunxi', year: 2024, formed: '2025-03-20', pub: '2025-03-26', gdp: 2486.3, gdpG: 5.4, pop: 412.6, urban: 48620, rural: 23150, retail: 1106.4 },
  { key: 'yunxi-bulletin-2025', agency: 'yunxi', year: 2025, formed: '2026-03-19', pub: '2026-03-25', gdp: 2612.8, gdpG: 5.2, pop: 413.1, urban: 50480, rural: 24630, retail: 1161.9 },
  { key: 'prov-bulletin-2025', agency: 'prov', year: 2025, formed: '2026-03-10', pub: '2026-03-16', gdp: 31850.4, gdpG: 5.0, pop: 4216.5, urban: 47930, rural: 22410, retail: 13520.7 },
  { key: 'jiangchuan-bulletin-2025', agency: 'jiangchuan', year: 2025, formed: '2026-03-24', pub: '2026-03-31', gdp: 1874.2, gdpG: 4.8, pop: 298.4, urban: 45210, rural: 21980, retail: 802.6 },
  { key: 'nanling-bulletin-2025', agency: 'nanling', year: 2025, formed: '2026-03-12', pub: '2026-03-18', gdp: 26410.9, gdpG: 5.3, pop: 3864.2, urban: 44870, rural: 20360, retail: 11034.5 },
  { key: 'baishui-bulletin-2025', agency: 'baishui', year: 2025, formed: '2026-04-02', pub: '2026-04-09', gdp: 612.5, gdpG: 5.6, pop: 78.3, urban: 52340, rural: 27810, retail: 318.2 },
];

const ANNUAL_STATS: DemoDocument[] = ANNUALS.map((a, i) => {
  const place = nameOf(a.agency).replace(/人民政府$/, '');
  const rows: Row[] = [
    ['地区生产总值', '亿元', a.gdp.toFixed(1), a.gdpG.toFixed(1)],
    ['年末常住人口', '万人', a.pop.toFixed(1), '—'],
    ['社会消费品零售总额', '亿元', a.retail.toFixed(1), (4.6 + wobble(i, 20)).toFixed(1)],
    ['城镇居民人均可支配收入', '元', String(a.urban), (4.5 + wobble(i, 21) * 0.6).toFixed(1)],
    ['农村居民人均可支配收入', '元', String(a.rural), (6.3 + wobble(i, 22) * 0.6).toFixed(1)],
  ];
  const doc = statDoc({
    key: a.key,
    agency: a.agency,
    title: `${place}${a.year}年国民经济和社会发展统计公报`,
    dateFormed: a.formed,
    published: a.pub,
    keywords: `统计公报 国民经济 ${a.year}年`,
    summary: `${a.year}年${place}实现地区生产总值${a.gdp.toFixed(1)}亿元，比上年增长${a.gdpG.toFixed(1)}%；年末常住人口${a.pop.toFixed(1)}万人。`,
    lead: `${a.year}年，面对复杂多变的外部环境，${place}经济运行稳中有进，民生保障持续加强。全年实现地区生产总值${a.gdp.toFixed(1)}亿元，按不变价格计算，比上年增长${a.gdpG.toFixed(1)}%。`,
    rows,
    notes: ['本公报中部分数据为初步统计数，各项数据均未包括外地驻本地单位。', '地区生产总值、各产业增加值绝对数按现价计算，增长速度按不变价格计算。'],
    file: `${a.key}.csv`,
  });
  return a.key === 'yunxi-bulletin-2024'
    ? {
      ...doc,
      corrections: [{
        published: '2025-04-02',
        changeNote: '更正表中“年末常住人口”数值，由412.9万人更正为412.6万人。',
        bodyHtml: doc.bodyHtml,
      }],
      bodyHtml: doc.bodyHtml.replace('<td>412.6</td>', '<td>412.9</td>'),
    }
    : doc;
});

const AIR_MONTHS = [
  { y: 2026, m: 7, formed: '2026-08-08', pub: '2026-08-12' },
  { y: 2026, m: 8, formed: '2026-09-08', pub: '2026-09-10' },
  { y: 2026, m: 9, formed: '2026-10-12', pub: '2026-10-14' },
] as const;
const COUNTIES = ['白水区', '青山县', '临河区', '东岭县', '西湾县'];

const AIR_STATS: DemoDocument[] = AIR_MONTHS.map(({ y, m, formed, pub }, i) => {
  const rows: Row[] = COUNTIES.map((c, j) => {
    const pm = Math.round(22 + wobble(i, j + 30) * 6 + j);
    return [c, '微克/立方米', String(pm), (wobble(i, j + 40) * 8).toFixed(1)] as const;
  });
  const best = [...rows].sort((a, b) => Number(a[2]) - Number(b[2]))[0]?.[0] ?? '';
  return statDoc({
    key: `yunxi-eco-air-${y}-${String(m).padStart(2, '0')}`,
    agency: 'yunxi-eco',
    title: `${y}年${m}月云溪市各县（区）环境空气质量状况`,
    theme: 'urban.environment',
    dateFormed: formed,
    published: pub,
    keywords: '环境空气质量 细颗粒物 排名',
    summary: `公布${y}年${m}月各县（区）细颗粒物月均浓度及同比变化，${best}空气质量相对最好。`,
    lead: `${y}年${m}月，全市环境空气质量总体良好。各县（区）细颗粒物（PM2.5）月均浓度及同比变化如下（“比上年同期增长”一栏为负值表示浓度下降）：`,
    rows,
    notes: ['数据来源于国控、省控环境空气质量自动监测站点，为未经审核的实时数据统计结果。', '临河区、东岭县、西湾县为云溪市所辖县（区）。'],
    file: `yunxi-air-${y}-${String(m).padStart(2, '0')}.csv`,
  });
});

const SECTOR_STATS: DemoDocument[] = [
  statDoc({
    key: 'yunxi-edu-stats-2025',
    agency: 'yunxi-edu',
    title: '2025年云溪市教育事业发展统计公报',
    theme: 'science',
    dateFormed: '2026-04-14',
    published: '2026-04-21',
    keywords: '教育统计 在校生 学校数',
    summary: '2025年全市共有各级各类学校1286所，在校生71.3万人，学前三年毛入园率91.8%。',
    lead: '2025年，全市教育事业稳步发展，各级各类教育规模总体稳定，普及水平进一步提高。',
    rows: [
      ['各级各类学校', '所', '1286', '-0.8'],
      ['在校生', '万人', '71.3', '0.4'],
      ['专任教师', '万人', '5.2', '1.1'],
      ['学前三年毛入园率', '%', '91.8', '—'],
      ['高中阶段毛入学率', '%', '94.6', '—'],
    ],
    notes: ['统计范围不含技工院校。', '比上年增长一栏为百分比变化。'],
    file: 'yunxi-edu-stats-2025.csv',
  }),
  statDoc({
    key: 'yunxi-eco-bulletin-2025',
    agency: 'yunxi-eco',
    title: '2025年云溪市生态环境状况公报',
    theme: 'urban.environment',
    dateFormed: '2026-05-29',
    published: '2026-06-05',
    keywords: '生态环境状况 空气质量 水环境 声环境',
    summary: '2025年全市空气质量优良天数比率为86.0%，细颗粒物年均浓度30微克每立方米，国控断面水质优良比例为91.7%。',
    lead: '2025年，全市生态环境质量持续改善，空气、水环境质量主要指标均完成年度目标。',
    rows: [
      ['空气质量优良天数比率', '%', '86.0', '1.8'],
      ['细颗粒物年均浓度', '微克/立方米', '30', '-6.3'],
      ['国控断面水质优良比例', '%', '91.7', '—'],
      ['集中式饮用水水源地水质达标率', '%', '100', '—'],
      ['城市区域声环境昼间平均等效声级', '分贝', '54.2', '—'],
    ],
    notes: ['本公报数据由市生态环境监测站提供。'],
    file: 'yunxi-eco-bulletin-2025.csv',
  }),
];

export const STATISTICS: DemoDocument[] = [...MONTHLY_STATS, ...QINGSHAN_STATS, ...ANNUAL_STATS, ...AIR_STATS, ...SECTOR_STATS];

