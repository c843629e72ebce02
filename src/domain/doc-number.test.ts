import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  docNumberSearchTokens,
  docNumbersEqual,
  formatDocNumber,
  normalizeDocNumber,
  parseDocNumber,
} from './doc-number.js';

test('the bracket and 第 variants are one document', () => {
  const variants = [
    '国办发〔2017〕47号',
    '国办发[2017]47号',
    '国办发(2017)47号',
    '国办发（2017）47号',
    '国办发〔2017〕第47号',
    '国办发［2017］47号',
    '国办发【2017】47号',
    '国办发﹝2017﹞47号',
    '国办发〖2017〗47号',
    '国办发〔2017〕047号',
    '国办发〔２０１７〕４７号',
    ' 国办发 〔2017〕 47 号 ',
    '国办发〔2017〕47',
    '国办发[2017〕47号',
  ];
  for (const v of variants) {
    assert.equal(normalizeDocNumber(v), '国办发〔2017〕47号', v);
    assert.ok(docNumbersEqual(v, '国办发〔2017〕47号'), v);
  }
  assert.deepEqual(parseDocNumber('国办发(2017)47号'), { prefix: '国办发', year: 2017, serial: 47 });
});

test('different documents stay different', () => {
  assert.equal(docNumbersEqual('国办发〔2017〕47号', '国办发〔2017〕48号'), false);
  assert.equal(docNumbersEqual('国办发〔2017〕47号', '国办发〔2018〕47号'), false);
  assert.equal(docNumbersEqual('国办发〔2017〕47号', '国发〔2017〕47号'), false);
  assert.equal(docNumbersEqual('国办函〔2020〕109号', '国办函〔2020〕10号'), false);
  assert.equal(docNumbersEqual('', ''), false);
});

test('real numbers from DOMAIN.md parse', () => {
  assert.deepEqual(parseDocNumber('国办函〔2020〕109号'), { prefix: '国办函', year: 2020, serial: 109 });
  assert.deepEqual(parseDocNumber('国办公开办函〔2021〕30号'), { prefix: '国办公开办函', year: 2021, serial: 30 });
  assert.deepEqual(parseDocNumber('粤府办〔2021〕12号'), { prefix: '粤府办', year: 2021, serial: 12 });
});

test('numbers without a year (decrees)', () => {
  assert.deepEqual(parseDocNumber('中华人民共和国国务院令第711号'), {
    prefix: '中华人民共和国国务院令',
    year: null,
    serial: 711,
  });
  assert.equal(normalizeDocNumber('国务院令 第 0711 号'), '国务院令第711号');
  assert.deepEqual(docNumberSearchTokens('国务院令第711号'), ['国务院令第711号', '国务院令', '711号']);
});

test('not document numbers', () => {
  for (const s of [
    '',
    '   ',
    '47号',
    '〔2017〕47号',
    '2017〔2017〕47号',
    '国办发〔17〕47号',
    '国办发〔2017〕号',
    '国办发〔2017〕0号',
    '国办发〔2017〕47号文件',
    '国办发47号',
    '国办发〔2017〕〔2018〕47号',
    '关于印发政府信息公开工作年度报告格式的通知',
  ]) {
    assert.equal(parseDocNumber(s), null, s);
    assert.equal(normalizeDocNumber(s), null, s);
  }
});

test('formatDocNumber writes GB/T 9704 style', () => {
  assert.equal(formatDocNumber({ prefix: '国办发', year: 2017, serial: 47 }), '国办发〔2017〕47号');
  assert.equal(formatDocNumber({ prefix: '国务院令', year: null, serial: 711 }), '国务院令第711号');
});

test('search tokens', () => {
  assert.deepEqual(docNumberSearchTokens('国办发[2017]第047号'), [
    '国办发〔2017〕47号',
    '国办发',
    '2017',
    '47号',
    '国办发〔2017〕',
  ]);
  assert.deepEqual(docNumberSearchTokens('  内部编号 A-12 '), ['内部编号A-12']);
  assert.deepEqual(docNumberSearchTokens('  '), []);
});
