import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USCC_ALPHABET,
  formatOrgCode,
  orgCodeCheckChar,
  usccCheckChar,
  validateAgencyCode,
  validateOrgCode,
  validateUscc,
} from './uscc.js';

// Real codes of Chinese public bodies, published in public sources (see the report of the change):
const REAL_AGENCY_CODES = [
  '11441700007280420Y', // DOMAIN.md example (Yangjiang, Guangdong: 4417xx)
  '11100000000013338W', // 中华人民共和国住房和城乡建设部 (certificate-type codes 11100000000013338W0xx)
  '11100000000013127D', // central agency defining 动物诊疗许可证 (certificate type 11100000000013127D001)
  '111000000000131433', // 民政部 (service id s_111000000000131433_…)
  '11100000MB0341032Y', // 国家药品监督管理局 (zwfw.nmpa.gov.cn/web/taskview/11100000MB0341032Y…)
  '11100000MB03271699', // 自然资源部 (不动产权证书 type 11100000MB03271699001, map-review item)
  '11100000000013661B', // central agency in the national e-certificate registry
  '12100000000018032A', // central public institution (事业单位, type 2)
  '113700000045046442', // Shandong provincial agency (e-certificate issuer)
  '11430000006122244L', // Hunan provincial agency (e-certificate issuer)
  '121200004013590816', // Tianjin public institution (python-stdnum test list)
];
// Real enterprise codes (python-stdnum tests/test_cn_uscc.doctest), incl. letters and X checks.
const REAL_OTHER_CODES = [
  '91110000600037341L',
  '9115220107837757XE',
  '9115220107837941X1',
  '91310115MA1K3BTP2B',
  '91340600MA2PBM9HXD',
  '91620105L015101280',
  '92340602MA2PEL8AXA',
  '92340621MA2PBN0KXX',
  '913101127033980359',
];

test('real unified social credit codes validate, both check characters recompute', () => {
  for (const code of [...REAL_AGENCY_CODES, ...REAL_OTHER_CODES]) {
    const r = validateUscc(code);
    assert.ok(r.ok, `${code}: ${r.ok ? '' : r.reason}`);
    assert.equal(usccCheckChar(code.slice(0, 17)), code.charAt(17), code);
    assert.equal(orgCodeCheckChar(code.slice(8, 16)), code.charAt(16), code);
    assert.deepEqual(validateAgencyCode(code), { ok: true, kind: 'uscc', normalized: code });
  }
});

test('DOMAIN.md example decomposes into its parts', () => {
  const r = validateUscc('11441700007280420Y');
  assert.ok(r.ok);
  assert.deepEqual(r.parts, { authority: '1', orgType: '1', region: '441700', orgCode: '007280420', check: 'Y' });
});

test('every mutation of a single character of a real code is rejected', () => {
  for (const code of REAL_AGENCY_CODES) {
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === code.charAt(i)) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        // Mod 31 over a prime-sized alphabet with non-zero weights catches every single substitution.
        assert.equal(validateUscc(mutated).ok, false, mutated);
      }
    }
  }
});

test('rejections carry a reason', () => {
  assert.deepEqual(validateUscc(''), { ok: false, reason: 'empty' });
  assert.deepEqual(validateUscc('11441700007280420'), { ok: false, reason: 'length' });
  assert.deepEqual(validateUscc('11441700007280420YY'), { ok: false, reason: 'length' });
  // I, O, Z, S, V are not in the alphabet.
  for (const bad of ['I', 'O', 'Z', 'S', 'V', '-', ' ']) {
    assert.deepEqual(validateUscc(`1144170000728042${bad}Y`), { ok: false, reason: 'charset' }, bad);
  }
  assert.deepEqual(validateUscc('1144A700007280420Y'), { ok: false, reason: 'region' });
  assert.deepEqual(validateUscc('11441700007280420X'), { ok: false, reason: 'checksum' });
});

test('a code whose final check is right but whose embedded organisation code is wrong', () => {
  // Body 00728042 with org check 1 instead of 0, final check recomputed: a naive generator's output.
  const prefix = '1144170000728042' + '1';
  const code = prefix + usccCheckChar(prefix);
  assert.deepEqual(validateUscc(code), { ok: false, reason: 'org_checksum' });
});

test('unknown registration authority or type', () => {
  // 'B' is not an authority; '14' is not a type of authority 1; '94' is not a type of authority 9.
  for (const head of ['B1', '14', '94', 'Y2']) {
    const prefix = `${head}4417000072804200`.slice(0, 16) + orgCodeCheckChar('00728042');
    const code = prefix + usccCheckChar(prefix);
    assert.deepEqual(validateUscc(code), { ok: false, reason: 'authority' }, code);
  }
});

test('normalisation: surrounding whitespace and lower case', () => {
  assert.deepEqual(validateAgencyCode('  11441700007280420y \n'), {
    ok: true,
    kind: 'uscc',
    normalized: '11441700007280420Y',
  });
});

test('usccCheckChar and orgCodeCheckChar generate demo data and refuse bad input', () => {
  const body = 'MA2DEMU1';
  const prefix = `11440100${body}${orgCodeCheckChar(body)}`;
  const code = prefix + usccCheckChar(prefix);
  assert.ok(validateUscc(code).ok, code);
  assert.throws(() => usccCheckChar('1144170000728042'), RangeError);
  assert.throws(() => usccCheckChar('1144170000728042I'), RangeError);
  assert.throws(() => orgCodeCheckChar('0072804'), RangeError);
  assert.throws(() => orgCodeCheckChar('0072804a'), RangeError);
});

test('organisation codes: check value 10 is X, 11 is 0', () => {
  // Brute-force a body for each boundary case, then verify with the standard's arithmetic.
  const found = { X: '', zero: '' };
  for (let n = 0; n < 200 && (!found.X || !found.zero); n++) {
    const body = String(n).padStart(8, '0');
    let sum = 0;
    [3, 7, 9, 10, 5, 8, 4, 2].forEach((w, i) => (sum += Number(body.charAt(i)) * w));
    if (sum % 11 === 1 && !found.X) found.X = body;
    if (sum % 11 === 0 && !found.zero) found.zero = body;
  }
  assert.equal(orgCodeCheckChar(found.X), 'X');
  assert.equal(orgCodeCheckChar(found.zero), '0');
  assert.equal(validateOrgCode(`${found.X}-X`).ok, true);
  assert.equal(validateOrgCode(`${found.X}x`).ok, true);
});

test('standalone organisation codes, with or without hyphen', () => {
  for (const code of ['00728042-0', '007280420', '00001312-7', '000013127', 'MB0341032', 'MB032716-9', '40135908-1']) {
    const r = validateAgencyCode(code);
    assert.equal(r.ok, true, code);
    assert.ok(r.ok && r.kind === 'org9' && r.normalized === code.replace('-', ''), code);
  }
  assert.equal(formatOrgCode('007280420'), '00728042-0');
  assert.deepEqual(validateOrgCode('00728042-1'), { ok: false, reason: 'checksum' });
  assert.deepEqual(validateOrgCode('007280421'), { ok: false, reason: 'checksum' });
  assert.deepEqual(validateOrgCode('0072804-20'), { ok: false, reason: 'charset' });
  assert.deepEqual(validateOrgCode('00728042-Y'), { ok: false, reason: 'charset' });
  assert.deepEqual(validateOrgCode('0072804'), { ok: false, reason: 'length' });
  assert.deepEqual(validateAgencyCode('00728042-1'), { ok: false, reason: 'checksum' });
  // Single-digit mutations of a real organisation code are all caught. (GB 11714's mod 11 cannot
  // tell a digit d from the letter valued d + 11, e.g. 0/B: the USCC check above covers that.)
  for (let i = 0; i < 9; i++) {
    for (const c of i === 8 ? '0123456789X' : '0123456789') {
      const code = '007280420';
      if (c === code.charAt(i)) continue;
      assert.equal(validateOrgCode(code.slice(0, i) + c + code.slice(i + 1)).ok, false);
    }
  }
});

test('custom codes: 2–32 of [A-Za-z0-9_-], not 9 or 18 long', () => {
  for (const code of ['demo', 'GZ-FGW', 'dept_01', 'ab', 'x'.repeat(32), 'A-1', '0755-office']) {
    assert.deepEqual(validateAgencyCode(code), { ok: true, kind: 'custom', normalized: code }, code);
  }
  assert.deepEqual(validateAgencyCode('a'), { ok: false, reason: 'length' });
  assert.deepEqual(validateAgencyCode('x'.repeat(33)), { ok: false, reason: 'length' });
  assert.deepEqual(validateAgencyCode('办公室'), { ok: false, reason: 'charset' });
  assert.deepEqual(validateAgencyCode('a/b'), { ok: false, reason: 'charset' });
  assert.deepEqual(validateAgencyCode('a b'), { ok: false, reason: 'charset' });
  assert.deepEqual(validateAgencyCode('   '), { ok: false, reason: 'empty' });
  // 9 and 18 characters are reserved for real codes and are checked as such.
  assert.equal(validateAgencyCode('demo-dept').ok, false);
  assert.equal(validateAgencyCode('demo_agency_office').ok, false);
});
