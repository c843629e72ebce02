import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agencyIdsOnPath, currentDigestPeriod, kindsHearing, maskEmail, normaliseEmail, readManageToken, signManageToken, themeAncestry } from './subscriptions.js';

describe('subscription rules', () => {
  test('digest periods: 08:00 Beijing daily, Monday 08:00 weekly', () => {
    const tz = 'Asia/Shanghai';
    // 2026-04-08 is a Wednesday. 07:59 Beijing is still the 7th's period.
    assert.deepEqual(currentDigestPeriod(new Date('2026-04-07T23:59:00Z'), tz, 'daily'), { key: '2026-04-07', dueAt: new Date('2026-04-07T00:00:00Z') });
    assert.deepEqual(currentDigestPeriod(new Date('2026-04-08T00:00:00Z'), tz, 'daily'), { key: '2026-04-08', dueAt: new Date('2026-04-08T00:00:00Z') });
    assert.deepEqual(currentDigestPeriod(new Date('2026-04-08T05:00:00Z'), tz, 'weekly'), { key: '2026-04-06', dueAt: new Date('2026-04-06T00:00:00Z') });
    // Monday 13 April before 08:00 Beijing: still the week of the 6th.
    assert.equal(currentDigestPeriod(new Date('2026-04-12T23:30:00Z'), tz, 'weekly').key, '2026-04-06');
    assert.equal(currentDigestPeriod(new Date('2026-04-13T00:00:00Z'), tz, 'weekly').key, '2026-04-13');
    // Another zone: 08:00 in London (BST) is 07:00 UTC.
    assert.deepEqual(currentDigestPeriod(new Date('2026-04-08T07:30:00Z'), 'Europe/London', 'daily'), { key: '2026-04-08', dueAt: new Date('2026-04-08T07:00:00Z') });
  });

  test('which kinds hear which events', () => {
    assert.deepEqual(kindsHearing('document.withdrawn'), ['document']);
    assert.ok(kindsHearing('document.published').includes('search'));
    assert.ok(!kindsHearing('document.published').includes('document'));
    assert.deepEqual(kindsHearing('consultation.closed'), ['consultation']);
    assert.deepEqual(kindsHearing('message.answer_published'), []);
  });

  test('paths, themes, addresses', () => {
    assert.deepEqual(agencyIdsOnPath('/a/b/c/'), ['a', 'b', 'c']);
    assert.deepEqual(themeAncestry('general.emergency'), ['general', 'general.emergency']);
    assert.equal(normaliseEmail('  Li.Hua@Example.CN '), 'li.hua@example.cn');
    assert.equal(normaliseEmail('no-at-sign'), null);
    assert.equal(normaliseEmail('a@b'), null);
    assert.equal(maskEmail('li.hua@example.cn'), 'l***@example.cn');
  });

  test('management tokens are signed: a changed id, version or tag is refused', () => {
    const t = signManageToken('k1', 'sub-1', 1);
    assert.deepEqual(readManageToken('k1', t), { subscriberId: 'sub-1', version: 1 });
    assert.equal(readManageToken('k2', t), null);
    assert.equal(readManageToken('k1', t.replace('sub-1', 'sub-2')), null);
    assert.equal(readManageToken('k1', t.replace('.1.', '.2.')), null);
    assert.equal(readManageToken('k1', 'garbage'), null);
  });
});
