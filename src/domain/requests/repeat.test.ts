import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applicantKey, descriptionKey, normaliseText } from './repeat.js';
import { formatTrackingNumber, parseTrackingNumber } from './tracking.js';
import { receiptDate } from './receipt.js';

test('normalisation ignores spaces, punctuation, width and case', () => {
  assert.equal(normaliseText(' ２０２５年 道路维修资金，使用情况。 '), '2025年道路维修资金使用情况');
  assert.equal(descriptionKey({ title: 'A B', docNumber: '', otherFeatures: '' }), descriptionKey({ title: 'ab', docNumber: '', otherFeatures: '' }));
  const person = { type: 'natural_person' as const, idType: 'resident_id', idNumber: '11010119900307003x', orgName: '', unifiedCode: '' };
  assert.equal(applicantKey(person), applicantKey({ ...person, idNumber: '11010119900307003X' }));
  assert.notEqual(applicantKey(person), applicantKey({ ...person, idType: 'passport' }));
  assert.equal(applicantKey(person).includes('1101'), false, 'the key does not repeat the number');
});

test('tracking numbers', () => {
  assert.equal(formatTrackingNumber(2026, 123), 'YSQ-2026-000123');
  assert.deepEqual(parseTrackingNumber('ysq-2026-000123'), { year: 2026, serial: 123 });
  assert.equal(parseTrackingNumber('YSQ-2026-12'), null);
});

test('Art. 31 receipt dates by channel', () => {
  const today = '2026-03-10';
  assert.equal(receiptDate('in_person', { submittedOn: '2026-03-09' }, today), '2026-03-09');
  assert.equal(receiptDate('registered_mail', { submittedOn: '2026-03-05', signedForOn: '2026-03-06' }, today), '2026-03-06');
  assert.equal(receiptDate('ordinary_mail', { submittedOn: '2026-03-05' }, today), null);
  assert.equal(receiptDate('fax', { submittedOn: '2026-03-05', confirmedOn: '2026-03-09' }, today), '2026-03-09');
  assert.throws(() => receiptDate('fax', { submittedOn: '2026-03-05', confirmedOn: '2026-03-11' }, today));
  assert.throws(() => receiptDate('registered_mail', { submittedOn: '2026-03-05', signedForOn: '2026-03-04' }, today));
});
