import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanMessageInput, formatMessageNumber, normaliseMessageNumber } from './message-rules.js';
import { publicText } from './public-text.js';

describe('messages: public text and input rules', () => {
  const known = { name: '张三丰', email: 'zhang.sf@example.test', phone: '139 1234 5678' };

  test('scanner findings and the sender’s own data are masked, lengths kept, the rest untouched', () => {
    const text = '我是张三丰，电话139-1234-5678，邮箱ZHANG.SF@example.test，身份证号11010519491231002X，小区噪音扰民。';
    const out = publicText(text, known);
    assert.equal(out.length, text.length);
    for (const s of ['张三丰', '139', '5678', 'ZHANG', '11010519491231002X', '19491231']) assert.ok(!out.includes(s), `${s} masked in ${out}`);
    assert.ok(out.endsWith('小区噪音扰民。'));
    assert.equal(publicText('没有个人信息的留言，编号2026年第3号。', known), '没有个人信息的留言，编号2026年第3号。');
  });

  test('a one-character name is not masked everywhere (it would blank ordinary words)', () => {
    assert.equal(publicText('王府井大街', { name: '王', email: '', phone: '' }), '王府井大街');
  });

  test('tracking numbers', () => {
    assert.equal(formatMessageNumber(2026, 7), 'LY-2026-000007');
    assert.equal(normaliseMessageNumber(' ly-2026-000007 '), 'LY-2026-000007');
    assert.equal(normaliseMessageNumber('YSQ-2026-000007'), null);
  });

  test('input: trimmed, the public choice as 0/1, personal data kept apart', () => {
    const c = cleanMessageInput({ kind: 'question', category: 'other', title: '  标题  ', body: '内容\r\n第二行', name: ' 李 ', phone: '0990-1234567', is_public: false });
    assert.deepEqual(c, { message: { kind: 'question', category: 'other', title: '标题', body: '内容\n第二行', is_public: 0 }, sender: { name: '李', email: '', phone: '0990-1234567' } });
  });
});
