/**
 * Document genres, following the categories of Art. 20 of the Regulations (DOMAIN.md §1), plus the
 * annual report (Art. 49–50). Stored by id; labels live in the i18n catalogues (`genre.<id>`).
 */
export const GENRES = [
  'regulations', // 规章: administrative regulations and rules (Art. 20(1))
  'normative', // 行政规范性文件 (Art. 20(1))
  'plans', // 规划计划 (Art. 20(3))
  'statistics', // 统计信息 (Art. 20(4))
  'budgets', // 预算决算 (Art. 20(7))
  'fees', // 行政事业性收费 (Art. 20(8))
  'procurement', // 政府采购 (Art. 20(9))
  'major_projects', // 重大建设项目 (Art. 20(10))
  'licensing', // 行政许可 (Art. 20(5))
  'penalties', // 行政处罚与强制 (Art. 20(6))
  'recruitment', // 公务员招考录用 (Art. 20(14))
  'emergency', // 突发公共事件 (Art. 20(12))
  'supervision', // 监督检查 (Art. 20(13))
  'interpretation', // 政策解读
  'notices', // 通知公告
  'annual_report', // 政府信息公开工作年度报告 (Art. 49–50)
  'other', // 其他
] as const;
export type Genre = (typeof GENRES)[number];

export function isGenre(x: string): x is Genre {
  return (GENRES as readonly string[]).includes(x);
}

/** Genres whose documents are "policies" that editors are expected to explain with an interpretation. */
export const POLICY_GENRES: readonly Genre[] = ['regulations', 'normative', 'plans'];

/** Validity (有效性) of a published document. */
export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];

export function isValidity(x: string): x is Validity {
  return (VALIDITIES as readonly string[]).includes(x);
}
