import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateReport, type RequestFact } from './aggregate.js';
import { applyCorrections, brokenIdentities, checkIdentities } from './identities.js';
import { officialTables, reportCsv } from './official-tables.js';
import { SECTION_TITLES, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS } from './report-format.js';

const staff = { licensing: 12, penalty: 3, enforcement: 1, feeFen: 1_234_500 };

test('table 三 has the 25 official rows and 7 columns in order; table 四 has 15 columns; six sections', () => {
  assert.equal(TABLE3_ROWS.length, 25);
  assert.deepEqual(TABLE3_COLUMNS, ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(TABLE3_ROWS.map((r) => r.label), [
    '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    '1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及"三安全一稳定"', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项',
    '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确',
    '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他',
    '（七）总计', '四、结转下年度继续办理',
  ]);
  assert.equal(TABLE3_ROWS[4]?.group, '（三）不予公开');
  assert.equal(TABLE3_ROWS[22]?.group, '（六）其他处理');
  assert.equal(TABLE4_COLUMNS.length, 15);
  assert.equal(SECTION_TITLES.length, 6);
});

test('hand-computed 2025 and 2026 figures with the carry-over, and every identity holds', () => {
  const requests: RequestFact[] = [
    // Received 2024, answered 2025: carried over into 2025.
    { applicantType: 'natural_person', receivedOn: '2024-12-20', outcome: { code: 'disclosed', on: '2025-01-10' } },
    // Received and answered 2024: in neither year.
    { applicantType: 'natural_person', receivedOn: '2024-03-01', outcome: { code: 'disclosed', on: '2024-03-20' } },
    { applicantType: 'commercial_enterprise', receivedOn: '2025-03-03', outcome: { code: 'withheld.state_secret', on: '2025-03-20' } },
    // Received 2025, still open at the end of 2025, answered 2026.
    { applicantType: 'natural_person', receivedOn: '2025-12-29', outcome: { code: 'unable.not_held', on: '2026-01-15' } },
    // Received 2025 and never answered: carried forward twice.
    { applicantType: 'legal_service_institution', receivedOn: '2025-11-03', outcome: null },
  ];
  const docs = [
    { genre: 'regulations', isNormative: false, dateFormed: '2023-05-01', validity: 'repealed' as const, validityDate: '2025-06-01' },
    { genre: 'normative', isNormative: true, dateFormed: '2025-02-01', validity: 'valid' as const, validityDate: null },
    { genre: 'notices', isNormative: true, dateFormed: '2025-04-01', validity: 'expired' as const, validityDate: '2026-01-31' },
    { genre: 'notices', isNormative: false, dateFormed: '2025-04-01', validity: 'valid' as const, validityDate: null },
  ];
  const appeals = [
    { kind: 'reconsideration' as const, result: 'upheld' as const, filedOn: '2025-02-01', decidedOn: '2025-04-01' },
    { kind: 'reconsideration' as const, result: 'corrected' as const, filedOn: '2025-11-01', decidedOn: '2026-02-01' },
    { kind: 'litigation_direct' as const, result: 'pending' as const, filedOn: '2025-12-01', decidedOn: null },
  ];
  const y25 = aggregateReport({ year: 2025, documents: docs, requests, appeals, staff });
  assert.deepEqual(y25.table2.regulations, [0, 1, 0]);
  assert.deepEqual(y25.table2.normative, [2, 0, 2]);
  assert.deepEqual(y25.table2.fees, [1_234_500]);
  assert.deepEqual(y25.table3.new, [1, 1, 0, 0, 1, 0, 3]);
  assert.deepEqual(y25.table3.carried_over, [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(y25.table3.disclosed, [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(y25.table3['withheld.state_secret'], [0, 1, 0, 0, 0, 0, 1]);
  assert.deepEqual(y25.table3.total, [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(y25.table3.carried_forward, [1, 0, 0, 0, 1, 0, 2]);
  assert.deepEqual(y25.table4.reconsideration, [1, 0, 0, 1, 2]);
  assert.deepEqual(y25.table4.litigation_direct, [0, 0, 0, 1, 1]);
  assert.deepEqual(brokenIdentities(checkIdentities(y25)), []);

  const y26 = aggregateReport({ year: 2026, documents: docs, requests, appeals, staff });
  assert.deepEqual(y26.table3.carried_over, y25.table3.carried_forward, '二 of 2026 = 四 of 2025');
  assert.deepEqual(y26.table3['unable.not_held'], [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(y26.table2.normative, [0, 0, 1]);
  assert.deepEqual(y26.table4.reconsideration, [0, 1, 0, 0, 1]);
  const checks = checkIdentities(y26, y25.table3.carried_forward);
  assert.ok(checks.some((c) => c.id === 'table3.carry_over.total' && c.holds));
  assert.deepEqual(brokenIdentities(checks), []);

  const t = officialTables(y25, checkIdentities(y25));
  assert.equal(t.table2.parts[3]?.rows[0]?.values[0], 1.2345, 'the fee in 万元');
  assert.match(reportCsv(t, '2025年度'), /一、本年新收政府信息公开申请数量,1,1,0,0,1,0,3\r\n/);
});

test('a correction replaces one cell as typed and the broken identities are named', () => {
  const f = aggregateReport({ year: 2025, documents: [], requests: [{ applicantType: 'natural_person', receivedOn: '2025-02-01', outcome: { code: 'disclosed', on: '2025-02-10' } }], appeals: [], staff });
  const corrected = applyCorrections(f, [{ table: 'table3', row: 'disclosed', column: 0, value: 2 }]);
  assert.deepEqual(f.table3.disclosed, [1, 0, 0, 0, 0, 0, 1], 'the computed figures are unchanged');
  const broken = brokenIdentities(checkIdentities(corrected)).map((b) => b.id);
  assert.deepEqual(broken, ['table3.results.natural_person', 'table3.row_total.disclosed']);
  assert.throws(() => applyCorrections(f, [{ table: 'table3', row: 'nope', column: 0, value: 1 }]), /validation_failed/);
});
