import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndexEntry } from './index-entry.js';
import { parseQuery } from './query-parser.js';
import { BM25_B, BM25_K1, RERANK, countSubstring, estimateDf, headFrequency, idf, positiveTokens, rankCandidates, recency, type RankCandidate } from './rank.js';

const TODAY = 20_000;

function cand(id: string, over: Partial<RankCandidate> = {}): RankCandidate {
  return { document_id: id, pub_day: TODAY, pub_date: '2024-10-04', head: '', b_at: 0, c_at: 0, n_tokens: 100, ...over };
}

/** A head with the title and number, the agencies and keywords, and the summary given. */
function head(a: string, b = '', c = ''): Pick<RankCandidate, 'head' | 'b_at' | 'c_at'> {
  return { head: `${a}\n${b}\n${c}`, b_at: a.length + 1, c_at: a.length + b.length + 2 };
}

describe('search ranking (own BM25)', () => {
  test('document frequency: exact under the window, else the newest postings scaled to all ids', () => {
    assert.equal(estimateDf(37, 5, 1_000_000), 37);
    // 1,000 postings among the newest 2,000 ids: half the documents.
    assert.equal(estimateDf(1000, 998_001, 1_000_000), 500_000);
    // 1,000 postings among the newest 1,000 ids: every document.
    assert.equal(estimateDf(1000, 999_001, 1_000_000), 1_000_000);
    assert.equal(estimateDf(1000, 1, 1_000_000), 1000);
  });

  test('IDF as FTS5 computes it, floored for terms in most documents', () => {
    assert.equal(idf(1000, 10), Math.log(990.5 / 10.5));
    assert.equal(idf(1000, 900), 1e-6);
    assert.ok(idf(1_000_000, 50) > idf(1_000_000, 500_000));
  });

  test('frequencies: occurrences in the folded text, weighted by the class of the field they fall in', () => {
    assert.equal(countSubstring('义务教育和学前教育', '教育'), 2);
    assert.equal(countSubstring('abc', ''), 0);
    assert.equal(headFrequency(head('教育局教育通知', '云溪市教育局', '关于教育'), '教育'), 8 + 8 + 4 + 2);
    assert.equal(headFrequency(head('通知', '', '教育'), '教育'), 2);
    assert.equal(headFrequency({ head: null, b_at: null, c_at: null }, '教育'), 0);
  });

  test('positive tokens: every token of the AND and OR clauses once, none of the exclusions', () => {
    const q = parseQuery('教育 补贴 OR 补助 -民办 教育');
    assert.deepEqual(positiveTokens(q.must), ['教育', '补贴', '补助']);
  });

  test('the body starts where the entry says: the head collapsed alone is the prefix of the whole', () => {
    const e = buildIndexEntry({ title: '关于  教育 的通知', docNumber: '云政发〔2024〕3号', agencyNames: ['云溪市人民政府'], keywords: '教育', summary: '摘要  文字', body: '正文   教育\n第二段', attachments: [] });
    assert.equal(e.folded.slice(e.bodyAt), '正文 教育\n第二段');
    assert.ok(e.folded.slice(0, e.bodyAt).startsWith('关于 教育 的通知\n'));
    // The head: title, number and its search forms; agencies and keywords; the summary.
    assert.ok(e.head.slice(0, e.headB).startsWith('关于 教育 的通知\n云政发'));
    assert.ok(e.head.slice(0, e.headB).includes('3号'));
    assert.equal(e.head.slice(e.headB, e.headC), '云溪市人民政府\n教育\n');
    assert.equal(e.head.slice(e.headC), '摘要 文字');
  });

  test('title beats summary beats body; rarer terms weigh more; body counts re-rank the best', async () => {
    const docs = [cand('body-only'), cand('summary', head('', '', '教育')), cand('title', head('教育通知')), cand('other', head('通知'))];
    const bodies = new Map([
      ['body-only', '教育 教育'],
      ['summary', '教育'],
      ['title', '教育'],
      ['other', ''],
    ]);
    const ranked = await rankCandidates(docs, ['教育'], [2], TODAY, async (ids) => new Map(ids.map((id) => [id, bodies.get(id) ?? ''])));
    assert.deepEqual(
      ranked.map((r) => r.document_id),
      ['title', 'summary', 'body-only', 'other'],
    );
    // The formula: one term, weighted frequency 8 + 1 (title and one body hit), average length.
    const f = 9;
    const expected = (2 * f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + BM25_B)) * recency(TODAY, TODAY);
    assert.ok(Math.abs((ranked[0]?.score ?? 0) - expected) < 1e-9);
    // A rare term outweighs a common one in the same place.
    const two = await rankCandidates([cand('common', head('工作')), cand('rare', head('扬尘'))], ['工作', '扬尘'], [0.1, 5], TODAY, async () => new Map());
    assert.equal(two[0]?.document_id, 'rare');
  });

  test('newer documents get the light recency boost; entries without stored heads still rank', async () => {
    const ranked = await rankCandidates([cand('old', { pub_day: TODAY - 3650 }), cand('new'), cand('nohead', { head: null, b_at: null, c_at: null, n_tokens: null, pub_day: TODAY - 10 })], ['教育'], [1], TODAY, async () => new Map());
    assert.deepEqual(
      ranked.map((r) => r.document_id),
      ['new', 'nohead', 'old'],
    );
  });

  test('one fixed order for every page: re-ranked best candidates first, then the rest', async () => {
    const docs = Array.from({ length: RERANK + 50 }, (_, i) => cand(`d${String(i).padStart(4, '0')}`, { pub_day: TODAY - i }));
    let asked: string[] = [];
    const ranked = await rankCandidates(docs, ['教育'], [1], TODAY, async (ids) => {
      asked = ids;
      // The oldest of the best gets many body hits and moves to the top.
      return new Map(ids.map((id) => [id, id === ids[ids.length - 1] ? '教育 '.repeat(20) : '']));
    });
    assert.equal(asked.length, RERANK);
    assert.equal(ranked.length, docs.length);
    assert.equal(ranked[0]?.document_id, asked[asked.length - 1]);
    assert.deepEqual(
      ranked.slice(RERANK).map((r) => r.document_id),
      docs.slice(RERANK).map((d) => d.document_id),
    );
  });
});
