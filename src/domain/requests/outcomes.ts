/**
 * The reply types of Art. 36 as the result rows of the annual report's table 三 (三、本年度办理结果),
 * in the report's order, each with a stable code and its legal basis. Labels are the report's
 * exact row labels (DOMAIN.md §1).
 */

/** The six result categories （一）–（六）. */
export type OutcomeGroup = 'disclosed' | 'partially_disclosed' | 'withheld' | 'unable' | 'not_handled' | 'other';

/** One result row. */
export interface OutcomeInfo {
  readonly code: OutcomeCode;
  readonly group: OutcomeGroup;
  /** Item number inside its group (1-based); 0 for the single-row groups （一） and （二）. */
  readonly item: number;
  /** The row label of table 三. */
  readonly zh: string;
  readonly en: string;
  /** The legal basis cited in the reply. */
  readonly basis: string;
  /** May an officer choose it when replying? The two "no longer handled" rows follow from events. */
  readonly byReply: boolean;
}

export const OUTCOME_CODES = [
  'disclosed',
  'partially_disclosed',
  'withheld.state_secret',
  'withheld.prohibited_by_law',
  'withheld.three_securities_one_stability',
  'withheld.third_party_rights',
  'withheld.internal_affairs',
  'withheld.process_information',
  'withheld.enforcement_case_file',
  'withheld.administrative_enquiry',
  'unable.not_held',
  'unable.needs_creation',
  'unable.unclear_after_correction',
  'not_handled.petition_complaint',
  'not_handled.repeated',
  'not_handled.publication',
  'not_handled.excessive',
  'not_handled.confirm_or_reissue',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
] as const;

export type OutcomeCode = (typeof OUTCOME_CODES)[number];

const row = (code: OutcomeCode, group: OutcomeGroup, item: number, zh: string, en: string, basis: string, byReply = true): OutcomeInfo => ({ code, group, item, zh, en, basis, byReply });

/** The catalogue in table 三 order. */
export const OUTCOMES: readonly OutcomeInfo[] = [
  // Art. 36(1)–(2): already disclosed (tell where) or can be disclosed (provide it).
  row('disclosed', 'disclosed', 0, '予以公开', 'Disclosed', '《政府信息公开条例》第三十六条第（一）（二）项'),
  // Art. 37: partial disclosure of what can be separated; counted only here.
  row('partially_disclosed', 'partially_disclosed', 0, '部分公开', 'Partially disclosed', '《政府信息公开条例》第三十七条、第三十六条第（三）项'),
  row('withheld.state_secret', 'withheld', 1, '属于国家秘密', 'State secret', '《政府信息公开条例》第十四条、第三十六条第（三）项'),
  row('withheld.prohibited_by_law', 'withheld', 2, '其他法律行政法规禁止公开', 'Disclosure forbidden by other laws or administrative regulations', '《政府信息公开条例》第十四条、第三十六条第（三）项'),
  row('withheld.three_securities_one_stability', 'withheld', 3, '危及"三安全一稳定"', 'Endangers national, public or economic security or social stability', '《政府信息公开条例》第十四条、第三十六条第（三）项'),
  row('withheld.third_party_rights', 'withheld', 4, '保护第三方合法权益', "Protects a third party's lawful rights", '《政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项'),
  row('withheld.internal_affairs', 'withheld', 5, '属于三类内部事务信息', 'Internal affairs information', '《政府信息公开条例》第十六条第一款、第三十六条第（三）项'),
  row('withheld.process_information', 'withheld', 6, '属于四类过程性信息', 'Process information', '《政府信息公开条例》第十六条第二款、第三十六条第（三）项'),
  row('withheld.enforcement_case_file', 'withheld', 7, '属于行政执法案卷', 'Administrative law-enforcement case file', '《政府信息公开条例》第十六条第二款、第三十六条第（三）项'),
  row('withheld.administrative_enquiry', 'withheld', 8, '属于行政查询事项', 'Administrative enquiry matter', '《政府信息公开条例》第三十六条第（七）项'),
  row('unable.not_held', 'unable', 1, '本机关不掌握相关政府信息', 'The agency does not hold the information', '《政府信息公开条例》第三十六条第（四）（五）项'),
  row('unable.needs_creation', 'unable', 2, '没有现成信息需要另行制作', 'No existing information; it would have to be created', '《政府信息公开条例》第三十八条'),
  row('unable.unclear_after_correction', 'unable', 3, '补正后申请内容仍不明确', 'Still unclear after correction', '《政府信息公开条例》第三十条'),
  row('not_handled.petition_complaint', 'not_handled', 1, '信访举报投诉类申请', 'Petition, report or complaint', '《政府信息公开条例》第三十九条第一款'),
  row('not_handled.repeated', 'not_handled', 2, '重复申请', 'Repeated application', '《政府信息公开条例》第三十六条第（六）项'),
  row('not_handled.publication', 'not_handled', 3, '要求提供公开出版物', 'Request for a public publication', '《政府信息公开条例》第三十九条第二款'),
  row('not_handled.excessive', 'not_handled', 4, '无正当理由大量反复申请', 'Large or repeated applications without good reason', '《政府信息公开条例》第三十五条'),
  row('not_handled.confirm_or_reissue', 'not_handled', 5, '要求行政机关确认或重新出具已获取信息', 'Request to confirm or reissue information already obtained', '《政府信息公开条例》第三十九条'),
  // Art. 30: no supplement by the deadline without good reason; recorded by marking the request abandoned.
  row('other.no_correction', 'other', 1, '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'No correction in time; no longer handled', '《政府信息公开条例》第三十条', false),
  // 国办函〔2020〕109号: the fee was not paid by the deadline; recorded by the non-payment step.
  row('other.fee_unpaid', 'other', 2, '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'Fee not paid in time; no longer handled', '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', false),
  row('other.other', 'other', 3, '其他', 'Other', '《政府信息公开条例》第三十六条'),
];

/** Group labels of table 三 （一）–（六）. */
export const OUTCOME_GROUP_LABELS: Readonly<Record<OutcomeGroup, { zh: string; en: string }>> = {
  disclosed: { zh: '（一）予以公开', en: '(1) Disclosed' },
  partially_disclosed: { zh: '（二）部分公开', en: '(2) Partially disclosed' },
  withheld: { zh: '（三）不予公开', en: '(3) Not disclosed' },
  unable: { zh: '（四）无法提供', en: '(4) Cannot be provided' },
  not_handled: { zh: '（五）不予处理', en: '(5) Not handled' },
  other: { zh: '（六）其他处理', en: '(6) Other' },
};

/** True when `x` is an outcome code. */
export function isOutcomeCode(x: string): x is OutcomeCode {
  return (OUTCOME_CODES as readonly string[]).includes(x);
}

/** The catalogue row of `code`. */
export function outcomeInfo(code: OutcomeCode): OutcomeInfo {
  const o = OUTCOMES.find((x) => x.code === code);
  // OUTCOMES lists every OutcomeCode (checked by its unit test), so the lookup cannot miss.
  if (!o) throw new Error(`outcome ${code} missing from the catalogue`);
  return o;
}

/** Outcomes whose information was disclosed, wholly or partly (Art. 44 candidates). */
export function isDisclosure(code: string): boolean {
  return code === 'disclosed' || code === 'partially_disclosed';
}
