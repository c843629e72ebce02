/**
 * The default theme taxonomy (主题分类), after the subject classification used on www.gov.cn's
 * policy library. Deployments change it in the `themes` table (see `gongkai theme`); this list
 * only seeds an empty table. Codes are stable identifiers: lower-case ASCII, a dot before a child.
 */
export interface ThemeSeed {
  code: string;
  zh: string;
  en: string;
  children?: readonly ThemeSeed[];
}

export const DEFAULT_THEMES: readonly ThemeSeed[] = [
  {
    code: 'general', zh: '综合政务', en: 'General government affairs', children: [
      { code: 'general.openness', zh: '政务公开', en: 'Open government' },
      { code: 'general.emergency', zh: '应急管理', en: 'Emergency management' },
      { code: 'general.inspection', zh: '政务督查', en: 'Government inspection' },
      { code: 'general.other', zh: '其他', en: 'Other' },
    ],
  },
  { code: 'economy', zh: '国民经济管理、国有资产监管', en: 'Economic management and state assets' },
  {
    code: 'finance', zh: '财政、金融、审计', en: 'Finance, banking and audit', children: [
      { code: 'finance.budget', zh: '财政预算决算', en: 'Budgets and final accounts' },
      { code: 'finance.audit', zh: '审计', en: 'Audit' },
      { code: 'finance.banking', zh: '金融', en: 'Banking' },
    ],
  },
  { code: 'land', zh: '国土资源、能源', en: 'Land, resources and energy' },
  { code: 'agriculture', zh: '农业、林业、水利', en: 'Agriculture, forestry and water' },
  { code: 'industry', zh: '工业、交通', en: 'Industry and transport' },
  { code: 'commerce', zh: '商贸、海关、旅游', en: 'Trade, customs and tourism' },
  { code: 'market', zh: '市场监管、安全生产监管', en: 'Market regulation and work safety' },
  {
    code: 'urban', zh: '城乡建设、环境保护', en: 'Urban and rural construction, environment', children: [
      { code: 'urban.planning', zh: '城乡规划', en: 'Planning' },
      { code: 'urban.housing', zh: '住房保障', en: 'Housing' },
      { code: 'urban.environment', zh: '生态环境', en: 'Environment' },
    ],
  },
  { code: 'science', zh: '科技、教育', en: 'Science and education' },
  { code: 'culture', zh: '文化、广电、新闻出版', en: 'Culture, broadcasting and press' },
  { code: 'health', zh: '卫生、体育', en: 'Health and sport' },
  { code: 'population', zh: '人口与计划生育、妇女儿童工作', en: 'Population, women and children' },
  {
    code: 'labour', zh: '劳动、人事、监察', en: 'Labour, personnel and supervision', children: [
      { code: 'labour.employment', zh: '就业创业', en: 'Employment' },
      { code: 'labour.social_security', zh: '社会保障', en: 'Social security' },
      { code: 'labour.recruitment', zh: '人事招录', en: 'Recruitment' },
    ],
  },
  { code: 'justice', zh: '公安、安全、司法', en: 'Public security and justice' },
  { code: 'civil', zh: '民政、扶贫、救灾', en: 'Civil affairs, poverty relief and disaster relief' },
  { code: 'ethnic', zh: '民族、宗教', en: 'Ethnic and religious affairs' },
  { code: 'foreign', zh: '对外事务', en: 'Foreign affairs' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** The flattened seed: each theme with its parent code and order, parents first. */
export function flattenThemes(
  seeds: readonly ThemeSeed[] = DEFAULT_THEMES,
): { code: string; parent: string | null; zh: string; en: string; order: number }[] {
  const out: { code: string; parent: string | null; zh: string; en: string; order: number }[] = [];
  const walk = (list: readonly ThemeSeed[], parent: string | null): void => {
    list.forEach((t, i) => {
      out.push({ code: t.code, parent, zh: t.zh, en: t.en, order: i });
      if (t.children) walk(t.children, t.code);
    });
  };
  walk(seeds, null);
  return out;
}

/** A theme code: lower-case words joined by dots. */
export function isThemeCode(s: string): boolean {
  return /^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){0,3}$/.test(s);
}
