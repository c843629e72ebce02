import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MASK_CHAR,
  isResidentId15,
  isResidentId18,
  luhnValid,
  maskPersonalData,
  scanPersonalData,
  type PersonalDataKind,
} from './pii.js';
import { validateUscc } from './uscc.js';

// 11010519491231002X is the worked example of GB 11643-1999; the others carry computed check digits.
const IDS = ['11010519491231002X', '44030619850615123X', '510107200002290010', '33010219991231456X'];
const CARDS = [
  '6222021234567890128', // UnionPay, 19 digits
  '6212261000000009', // UnionPay, 16
  '4111111111111111', // Visa test number
  '5500000000000004', // Mastercard test number
  '378282246310005', // Amex test number, 15
  '6011111111111117', // Discover test number
];

function kinds(text: string, allow?: string[]): Array<[PersonalDataKind, string]> {
  return scanPersonalData(text, allow ? { allow } : {}).map((f) => [f.kind, f.match]);
}

test('checksum helpers', () => {
  for (const id of IDS) assert.ok(isResidentId18(id), id);
  assert.ok(isResidentId18('11010519491231002x'));
  assert.ok(isResidentId15('110105491231002'));
  for (const card of CARDS) assert.ok(luhnValid(card), card);
});

test('finds identity numbers in running text', () => {
  for (const id of IDS) {
    const text = `申请人张三，身份证号码：${id}，住址略。`;
    const [f, ...rest] = scanPersonalData(text);
    assert.equal(rest.length, 0, id);
    assert.ok(f);
    assert.equal(f.kind, 'cn_id');
    assert.equal(f.match, id);
    assert.equal(text.slice(f.start, f.end), id);
    assert.equal(f.masked, `${id.charAt(0)}${MASK_CHAR.repeat(16)}${id.charAt(17)}`);
  }
  assert.deepEqual(kinds('证件 11010519491231002x 号'), [['cn_id', '11010519491231002x']]);
  assert.deepEqual(kinds('旧证 110105491231002。'), [['cn_id15', '110105491231002']]);
});

test('identity numbers with a mutated check digit or implausible parts are not reported', () => {
  for (const id of IDS) {
    for (const c of '0123456789X') {
      if (c === id.charAt(17)) continue;
      assert.deepEqual(
        kinds(`身份证：${id.slice(0, 17)}${c}`).filter(([k]) => k === 'cn_id'),
        [],
        id.slice(0, 17) + c,
      );
    }
  }
  assert.equal(isResidentId18('91010519491231002X'), false); // province 91
  assert.equal(isResidentId18('01010519491231002X'), false); // province 01
  assert.equal(isResidentId18('110105194913310020'), false); // month 13
  assert.equal(isResidentId18('110105190002290025'), false); // 1900 is not a leap year
  assert.equal(isResidentId18('110105189912310021'), false); // born before 1900
  assert.equal(isResidentId15('110105491331002'), false); // month 13
  assert.equal(isResidentId15('110105490230002'), false); // 30 February
  assert.equal(isResidentId15('950105491231002'), false); // province 95
});

test('finds mainland mobile numbers in their usual spellings', () => {
  const cases: Array<[string, string]> = [
    ['联系电话13912345678。', '13912345678'],
    ['联系电话 139 1234 5678。', '139 1234 5678'],
    ['联系电话：139-1234-5678', '139-1234-5678'],
    ['电话 +86 139 1234 5678', '+86 139 1234 5678'],
    ['电话 +86-13912345678', '+86-13912345678'],
    ['电话+8613912345678', '+8613912345678'],
    ['电话008613912345678', '008613912345678'],
    ['电话 0086 139-1234-5678', '0086 139-1234-5678'],
    ['电话（+86）13912345678', '（+86）13912345678'],
    ['19912345678,17712345678', '19912345678'],
  ];
  for (const [text, match] of cases) {
    const [f] = scanPersonalData(text);
    assert.ok(f, text);
    assert.equal(f.kind, 'mobile', text);
    assert.equal(f.match, match, text);
  }
  assert.equal(scanPersonalData('19912345678,17712345678').length, 2);
  assert.equal(scanPersonalData('电话 +86 139 1234 5678')[0]?.masked, `+86 139 ${MASK_CHAR.repeat(4)} 5678`);
});

test('not mobile numbers', () => {
  for (const text of [
    '12912345678', // 12x is not a mobile prefix
    '1391234567', // 10 digits
    '139123456789', // 12 digits
    '139 1234-5678', // mixed separators
    '1391 234 5678', // not 3-4-4
    'a13912345678', // glued to a letter
    '13912345678b',
    '订单1391234567890123',
    '13912345678.50元',
    '金额13912345678元',
    '金额 13912345678 万元',
    '￥13912345678',
    '0.13912345678',
    '020-83123456', // landline
    '12345',
  ]) {
    assert.deepEqual(kinds(text), [], text);
  }
});

test('finds bank card numbers, plain and grouped', () => {
  for (const card of CARDS) assert.deepEqual(kinds(`卡号${card}。`), [['bank_card', card]], card);
  assert.deepEqual(kinds('卡号 6222 0212 3456 7890 128。'), [['bank_card', '6222 0212 3456 7890 128']]);
  assert.deepEqual(kinds('卡号 4111-1111-1111-1111'), [['bank_card', '4111-1111-1111-1111']]);
  assert.deepEqual(kinds('卡号 3782 822463 10005'), [['bank_card', '3782 822463 10005']]);
  assert.equal(scanPersonalData('卡号 6222 0212 3456 7890 128')[0]?.masked, '6222 ■■■■ ■■■■ ■■■0 128'.replace(/■/g, MASK_CHAR));
  assert.equal(scanPersonalData('4111111111111111')[0]?.masked, `4111${MASK_CHAR.repeat(8)}1111`);
});

test('bank-card-shaped numbers that are not cards', () => {
  for (const card of CARDS) {
    // Every single-digit change breaks Luhn.
    const last = Number(card.charAt(card.length - 1));
    const mutated = card.slice(0, -1) + String((last + 1) % 10);
    assert.deepEqual(kinds(`卡号${mutated}`), [], mutated);
  }
  for (const text of [
    '1234567890123456', // Luhn-valid? irrelevant: no plausible IIN
    '8800000000000007',
    '6222 0212 3456 7890 128 5', // part of a longer grouped number
    '9-6222-0212-3456-7890-128', // ditto, with hyphens
    '6222 0212 3456-7890', // mixed separators
    '合同金额 4111111111111111 元',
    '¥4111111111111111',
    '4111111111111111.00',
    '3.4111111111111111',
    '5500000000000004/2021-00001', // a custom-code index number
  ]) {
    assert.deepEqual(kinds(text), [], text);
  }
});

test('unified social credit codes are not personal data', () => {
  // 514401000000000195: a valid credit code (type 51, all digits) that is also Luhn-valid with a
  // Mastercard-like start; it would otherwise be reported as a card.
  assert.ok(validateUscc('514401000000000195').ok);
  assert.ok(luhnValid('514401000000000195'));
  for (const text of [
    '统一社会信用代码：11441700007280420Y',
    '统一社会信用代码：91110000600037341L',
    '913101127033980359',
    '121200004013590816',
    '111000000000131433',
    '社会团体 514401000000000195',
    '统一社会信用代码：11010519491231002X', // a valid identity number, but labelled as a code
    '注册号 110105491231002',
  ]) {
    assert.deepEqual(kinds(text), [], text);
  }
});

test('document numbers, dates, amounts and index numbers are not personal data', () => {
  const text = [
    '根据国办发〔2017〕47号、国办函〔2020〕109号文件，',
    '2026-01-05、2026年1月5日、20260105、2026/01/05、20260105120000，',
    '预算金额1,234,567.89元，合计12345678901.00元，￥62220212345678901，',
    '索引号：11441700007280420Y/2021-00050，007280420/2021-00050，111000000000131433/2021-00001，',
    '国务院令第711号，GB 11643-1999，ISO 7064，第20个工作日。',
  ].join('\n');
  assert.deepEqual(kinds(text), []);
});

test('the allow-list drops office contacts of the disclosure guide', () => {
  const text = '政府信息公开办公室电话 139-1234-5678，邮箱 XXGK@gd.gov.cn；经办人手机13812345678，邮箱 li.si@example.cn';
  assert.deepEqual(kinds(text, ['+86 13912345678', 'xxgk@gd.gov.cn', '020-83123456']), [
    ['mobile', '13812345678'],
    ['email', 'li.si@example.cn'],
  ]);
  assert.equal(kinds(text).length, 4);
});

test('finds e-mail addresses', () => {
  assert.deepEqual(kinds('请发送至zhang.san+gk@mail.example.com.cn。谢谢'), [
    ['email', 'zhang.san+gk@mail.example.com.cn'],
  ]);
  assert.deepEqual(kinds('mailto:Wang_Wu@163.com.'), [['email', 'Wang_Wu@163.com']]);
  assert.deepEqual(kinds('13912345678@139.com'), [['email', '13912345678@139.com']]);
  assert.equal(scanPersonalData('a wang@163.com')[0]?.masked, `w${MASK_CHAR.repeat(3)}@163.com`);
  for (const text of ['@163.com', 'wang@', 'wang@163', 'wang@163.c', 'wang@-163.com', 'wang@163..com', 'a@b@', '@@@']) {
    assert.deepEqual(kinds(text).filter(([k]) => k === 'email'), [], text);
  }
  assert.deepEqual(kinds(`${'a'.repeat(65)}@example.com`), []);
});

test('digits inside longer runs are not reported', () => {
  for (const id of IDS) {
    assert.deepEqual(kinds(`9${id}`), [], id);
    assert.deepEqual(kinds(`${id}7`), [], id);
    assert.deepEqual(kinds(`A${id}`), [], id);
  }
  assert.deepEqual(kinds('41111111111111111111'), []); // 20 digits
});

test('findings are ordered and never overlap', () => {
  const text = `${IDS[0]} 13912345678 ${CARDS[0]} a@b.cn 13912345678`;
  const f = scanPersonalData(text);
  assert.deepEqual(
    f.map((x) => x.kind),
    ['cn_id', 'mobile', 'bank_card', 'email', 'mobile'],
  );
  for (let i = 1; i < f.length; i++) assert.ok((f[i - 1]?.end ?? 0) <= (f[i]?.start ?? 0));
});

test('maskPersonalData keeps offsets and masks partially or fully', () => {
  const text = `身份证${IDS[0]}，手机139-1234-5678，邮箱wang@163.com。`;
  const findings = scanPersonalData(text);
  const partial = maskPersonalData(text, findings);
  assert.equal(partial.length, text.length);
  assert.equal(partial, `身份证1${MASK_CHAR.repeat(16)}X，手机139-■■■■-5678，邮箱w■■■@163.com。`.replace(/■/g, MASK_CHAR));
  const full = maskPersonalData(text, findings, { style: 'full' });
  assert.equal(full, `身份证${MASK_CHAR.repeat(18)}，手机■■■-■■■■-■■■■，邮箱■■■■@■■■.■■■。`.replace(/■/g, MASK_CHAR));
  assert.deepEqual(scanPersonalData(full), []);
  assert.deepEqual(scanPersonalData(partial), []);
  assert.equal(maskPersonalData(text, []), text);
  assert.throws(() => maskPersonalData(`x${text}`, findings), RangeError);
});

function corpus(bytes: number): string {
  const para =
    '根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国办发〔2017〕47号文件，本机关于2026年1月5日' +
    '（20260105）收到申请，索引号11441700007280420Y/2021-00050，预算金额1,234,567.89元，电话020-83123456，' +
    '邮箱xxgk@gd.gov.cn。Applicant ID 11010519491231002X, mobile 139 1234 5678, card 6222021234567890128.\n';
  return para.repeat(Math.ceil(bytes / Buffer.byteLength(para))).slice(0, bytes);
}

test('finds every planted item in 1 MB of realistic text (speed is measured in bench/pii-scan.ts)', () => {
  const text = corpus(1 << 20);
  const found = scanPersonalData(text);
  const paragraphs = text.split('\n').filter((p) => p.endsWith('.')).length;
  // Each whole paragraph plants exactly one ID, one mobile and one card; the office e-mail is personal-data-shaped too.
  assert.ok(found.filter((f) => f.kind === 'cn_id').length >= paragraphs);
  assert.ok(found.filter((f) => f.kind === 'mobile').length >= paragraphs);
  assert.ok(found.filter((f) => f.kind === 'bank_card').length >= paragraphs);
});

test('adversarial megabytes finish without false identity or phone findings', () => {
  const MB = 1 << 20;
  const inputs: Array<[string, string]> = [
    ['all digits', '1'.repeat(MB)],
    ['digit groups', '1234 '.repeat(MB / 5)],
    ['letters', 'a'.repeat(MB)],
    ['at signs', 'a@'.repeat(MB / 2)],
    ['long local parts', `${'a'.repeat(1000)}@`.repeat(MB / 1001)],
    ['dotted domains', `a@${'b.'.repeat(MB / 2)}`],
  ];
  // A quadratic pattern would take minutes here and time the test out; each finishes in ms.
  for (const [name, text] of inputs) {
    const found = scanPersonalData(text);
    assert.ok(found.every((f) => f.kind === 'email' || f.kind === 'bank_card'), name);
  }
});
