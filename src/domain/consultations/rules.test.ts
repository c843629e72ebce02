import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, numberParagraphs, plainText } from './paragraphs.js';
import { admit, isDecision, isModerationReason, phaseAt } from './rules.js';

test('the window is [start, end); a consultation closed by hand is closed whatever its end', () => {
  const c = { state: 'open', starts_at: '2026-03-02T01:00:00.000Z', ends_at: '2026-03-16T10:00:00.000Z' };
  assert.equal(phaseAt(c, new Date('2026-03-02T00:59:59.999Z')), 'upcoming');
  assert.equal(phaseAt(c, new Date('2026-03-02T01:00:00.000Z')), 'open');
  assert.equal(phaseAt(c, new Date('2026-03-16T09:59:59.999Z')), 'open');
  assert.equal(phaseAt(c, new Date('2026-03-16T10:00:00.000Z')), 'closed');
  assert.equal(phaseAt({ ...c, state: 'scheduled' }, new Date('2026-03-03T00:00:00Z')), 'open', 'before the job records the opening');
  assert.equal(phaseAt({ ...c, state: 'closed' }, new Date('2026-03-03T00:00:00Z')), 'closed');
});

test('admission: personal data always holds, even under post-moderation', () => {
  assert.deepEqual(admit('post', []), { state: 'published', queueReason: null });
  assert.deepEqual(admit('pre', []), { state: 'pending', queueReason: 'pre_moderation' });
  assert.deepEqual(admit('post', ['mobile']), { state: 'pending', queueReason: 'personal_data' });
  assert.deepEqual(admit('pre', ['cn_id']), { state: 'pending', queueReason: 'personal_data' });
});

test('reason and decision catalogues', () => {
  assert.ok(['spam', 'abusive', 'off_topic', 'personal_data'].every(isModerationReason));
  assert.ok(!isModerationReason('dislike'));
  assert.ok(['adopted', 'partly_adopted', 'not_adopted'].every(isDecision));
  assert.ok(!isDecision('maybe'));
});

test('numbering: blocks in reading order, articles in Chinese or Arabic numerals with their clauses, headings end an article', () => {
  const ps = numberParagraphs('<p>序言</p><h2>第一章 总则</h2><p>第十二条 <strong>粗体</strong>内容&amp;说明</p><p> </p><p>第二款</p><h2>第二章 附则</h2><p>章后说明</p><p>第3条 阿拉伯数字</p><blockquote>引文</blockquote>');
  assert.deepEqual(
    ps.map((p) => [p.no, p.article, p.clause, p.text]),
    [
      [1, '', 0, '序言'],
      [2, '', 0, '第一章 总则'],
      [3, '第十二条', 1, '第十二条 粗体内容&说明'],
      [4, '第十二条', 2, '第二款'],
      [5, '', 0, '第二章 附则'],
      [6, '', 0, '章后说明'],
      [7, '第3条', 1, '第3条 阿拉伯数字'],
      [8, '第3条', 2, '引文'],
    ],
  );
  assert.deepEqual(numberParagraphs('只有一段纯文本'), [{ no: 1, article: '', clause: 0, text: '只有一段纯文本' }]);
  assert.deepEqual(numberParagraphs(''), []);
  assert.equal(decodeEntities('&#x4E2D;&#25991;&lt;&bogus;'), '中文<&bogus;');
  assert.equal(plainText('a<br>b  <em>c</em>'), 'a b c');
});
