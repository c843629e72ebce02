import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPLICANT_TYPE_INFO, APPLICANT_TYPES } from './applicant-types.js';
import { OUTCOME_CODES, OUTCOMES, outcomeInfo } from './outcomes.js';

test('the outcome catalogue is table 三 of the annual report: 1 + 1 + 8 + 3 + 5 + 3 rows, in order', () => {
  assert.deepEqual(OUTCOMES.map((o) => o.code), [...OUTCOME_CODES]);
  const count = (g: string) => OUTCOMES.filter((o) => o.group === g).length;
  assert.deepEqual(['disclosed', 'partially_disclosed', 'withheld', 'unable', 'not_handled', 'other'].map(count), [1, 1, 8, 3, 5, 3]);
  for (const g of ['withheld', 'unable', 'not_handled', 'other']) {
    assert.deepEqual(OUTCOMES.filter((o) => o.group === g).map((o) => o.item), Array.from({ length: count(g) }, (_, i) => i + 1));
  }
  assert.equal(outcomeInfo('withheld.three_securities_one_stability').zh, '危及"三安全一稳定"');
  assert.equal(outcomeInfo('other.fee_unpaid').zh, '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
  assert.equal(outcomeInfo('not_handled.confirm_or_reissue').zh, '要求行政机关确认或重新出具已获取信息');
  assert.ok(OUTCOMES.every((o) => /《.+》/.test(o.basis)), 'every outcome carries its legal basis');
  assert.deepEqual(OUTCOMES.filter((o) => !o.byReply).map((o) => o.code), ['other.no_correction', 'other.fee_unpaid']);
});

test('applicant types are the report columns: 自然人, then the five 法人或其他组织 subtypes', () => {
  assert.deepEqual(APPLICANT_TYPE_INFO.map((a) => a.zh), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.deepEqual(APPLICANT_TYPE_INFO.map((a) => a.code), [...APPLICANT_TYPES]);
});
