import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toFts5, toTsquery } from './compile.js';
import { foldAligned, foldText } from './fold.js';
import { buildIndexEntry } from './index-entry.js';
import { parseQuery } from './query-parser.js';
import { indexTokens } from './segment.js';
import { escapeHtml, highlightAll, snippet } from './snippet.js';

/** True when every clause of `q` is satisfied by the tokens (the stores' AND/OR/NOT semantics). */
function matches(q: string, tokens: string[]): boolean {
  const set = new Set(tokens);
  const p = parseQuery(q);
  type E = (typeof p.must)[number];
  const ev = (e: E): boolean => (e.op === 'tok' ? set.has(e.t) : e.op === 'and' ? e.xs.every(ev) : e.xs.some(ev));
  return p.must.length > 0 && p.must.every(ev) && !p.not.some(ev);
}

const doc = buildIndexEntry({
  title: '云溪县人民政府办公室关于推进政务公开标准化规范化工作的实施意见',
  docNumber: '国办发〔2017〕47号',
  agencyNames: ['云溪县人民政府办公室', 'Yunxi County Government Office'],
  keywords: '政务公开 标准化',
  summary: '明确全县政务公开工作的目标和任务。',
  body: '各乡镇人民政府，县政府各部门：为全面推进基层政务公开，现提出如下意见。ＡＢＣ Open Data。',
  attachments: ['序号,项目,金额\n1,义务教育经费,1200'],
});
const all = [...doc.a, ...doc.b, ...doc.c, ...doc.d];

describe('folding', () => {
  test('Traditional to Simplified, width and case', () => {
    assert.equal(foldText('政務公開'), '政务公开');
    assert.equal(foldText('ＡＢＣ　Ｄｅｆ１２３'), 'abc def123');
    assert.equal(foldText('資訊'), '资讯');
  });
  test('aligned folding keeps one unit per unit', () => {
    const s = '政務公開ＡＢＣ İstanbul';
    assert.equal(foldAligned(s).length, s.length);
  });
});

describe('segmentation and matching', () => {
  test('two-character words are found inside longer words and unknown names', () => {
    for (const q of ['政务', '公开', '云溪', '溪县', '标准', '乡镇', '经费', '教育']) assert.ok(matches(q, all), q);
  });
  test('Traditional-script queries find Simplified text', () => {
    assert.ok(matches('政務公開', all));
    assert.ok(matches('雲溪縣', all));
  });
  test('document numbers whole and in parts, whatever the brackets', () => {
    for (const q of ['国办发〔2017〕47号', '国办发[2017]47号', '国办发(2017)47号', '国办发（2017）47号', '国办发2017 47号', '47号', '国办发〔2017〕第47号']) {
      assert.ok(matches(q, all), q);
    }
    assert.ok(!matches('国办发〔2017〕48号', all));
    assert.ok(!matches('48号', all));
  });
  test('width and case folded in documents and queries', () => {
    assert.ok(matches('abc', all));
    assert.ok(matches('OPEN data', all));
    assert.ok(matches('ａｂｃ', all));
  });
  test('AND, OR and exclusions', () => {
    assert.ok(matches('政务 意见', all));
    assert.ok(!matches('政务 预算', all));
    assert.ok(matches('预算 OR 意见', all));
    assert.ok(!matches('政务 -意见', all));
    assert.ok(matches('政务 -预算', all));
  });
  test('tokens hold only letters and digits', () => {
    for (const t of indexTokens(foldText('《通知》〔2017〕 a-b_c ！？'))) assert.match(t, /^[\p{L}\p{N}]+$/u);
  });
});

describe('query parser', () => {
  test('phrases, exclusions and OR are recognised and normalised', () => {
    const p = parseQuery('"政務公開"  -草案 預算 OR 決算');
    assert.deepEqual(p.phrases, ['政务公开']);
    assert.equal(p.not.length, 1);
    assert.equal(p.must.length, 2);
    assert.equal(p.normalized, '"政务公开" -草案 预算 OR 决算');
  });
  test('absurd input never throws and explains itself', () => {
    assert.deepEqual(parseQuery('').notices, ['no_terms']);
    assert.deepEqual(parseQuery('！？。，,.;"').notices.includes('no_terms'), true);
    assert.ok(parseQuery('政务'.repeat(5000)).notices.includes('truncated'));
    const u = parseQuery('"政务 公开');
    assert.ok(u.notices.includes('unbalanced_quote'));
    assert.equal(u.must.length, 1);
    const trailing = parseQuery('"政务 ！？。');
    assert.deepEqual(trailing.phrases, ['政务'], 'punctuation at the end of a phrase is dropped');
    assert.equal(trailing.normalized, '"政务"');
    assert.ok(parseQuery('-草案').notices.includes('only_exclusions'));
    assert.ok(parseQuery('a b c d e f g h i j k l m n o').notices.includes('too_many_terms'));
    for (const s of ['OR', 'OR OR a', '-', '--', '"', '""', '-"', 'a OR', '\u0000\uFFFF', '\uD800']) assert.doesNotThrow(() => parseQuery(s), s);
  });
  test('compiled expressions quote every token', () => {
    const p = parseQuery('政务 OR 公开 -草案');
    assert.equal(toFts5(p), '(("政务" OR "公开")) NOT ("草案")');
    assert.equal(toTsquery(p), "(('政务' | '公开')) & !('草案')");
    assert.equal(toFts5(parseQuery('')), null);
  });
});

describe('snippets', () => {
  test('marks hits found through folding, escapes everything else', () => {
    const h = highlightAll('<b>政務公開</b> & 公开', ['政务公开', '公开']);
    assert.equal(h, '&lt;b&gt;<mark>政務公開</mark>&lt;/b&gt; &amp; <mark>公开</mark>');
    assert.equal(escapeHtml(`"'`), '&quot;&#39;');
  });
  test('the window centres on the hits', () => {
    const text = `${'前言'.repeat(200)}这里是预算公开的内容${'后记'.repeat(200)}`;
    const s = snippet(text, ['预算'], 60);
    assert.equal(s.hits, 1);
    assert.ok(s.html.startsWith('…') && s.html.endsWith('…'));
    assert.ok(s.html.includes('<mark>预算</mark>'));
  });
});
