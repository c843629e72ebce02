import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIndexNumber, fromIndexNumberSlug, parseIndexNumber, toIndexNumberSlug } from './index-number.js';

test('formats the DOMAIN.md example and pads the serial to five digits', () => {
  assert.equal(formatIndexNumber('11441700007280420Y', 2021, 50), '11441700007280420Y/2021-00050');
  assert.equal(formatIndexNumber('11441700007280420Y', 2026, 1), '11441700007280420Y/2026-00001');
  assert.equal(formatIndexNumber('11441700007280420Y', 2026, 99999), '11441700007280420Y/2026-99999');
});

test('formats with the normalized agency code', () => {
  assert.equal(formatIndexNumber(' 11441700007280420y ', 2021, 50), '11441700007280420Y/2021-00050');
  assert.equal(formatIndexNumber('00728042-0', 2021, 50), '007280420/2021-00050');
  assert.equal(formatIndexNumber('demo-bureau', 2021, 7), 'demo-bureau/2021-00007');
});

test('format refuses bad input', () => {
  assert.throws(() => formatIndexNumber('11441700007280420X', 2021, 50), RangeError);
  assert.throws(() => formatIndexNumber('a/b', 2021, 50), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 999, 50), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 10000, 50), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 2021.5, 50), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 2021, 0), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 2021, 100000), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 2021, 1.5), RangeError);
  assert.throws(() => formatIndexNumber('11441700007280420Y', 2021, Number.NaN), RangeError);
});

test('parses what it formats', () => {
  for (const [code, kind] of [
    ['11441700007280420Y', 'uscc'],
    ['007280420', 'org9'],
    ['demo_dept-2', 'custom'],
  ] as const) {
    const s = formatIndexNumber(code, 2021, 50);
    assert.deepEqual(parseIndexNumber(s), { ok: true, agencyCode: code, agencyKind: kind, year: 2021, serial: 50 });
  }
});

test('parse is strict', () => {
  const cases: Array<[string, string]> = [
    ['', 'shape'],
    [' 11441700007280420Y/2021-00050', 'shape'],
    ['11441700007280420Y/2021-00050 ', 'shape'],
    ['11441700007280420Y/2021-0050', 'shape'],
    ['11441700007280420Y/2021-000050', 'shape'],
    ['11441700007280420Y/21-00050', 'shape'],
    ['11441700007280420Y-2021-00050', 'shape'],
    ['11441700007280420Y／2021-00050', 'shape'],
    ['11441700007280420Y/2021/00050', 'shape'],
    ['/2021-00050', 'shape'],
    ['11441700007280420X/2021-00050', 'agency_checksum'],
    ['11441700007280420y/2021-00050', 'not_normalized'],
    ['00728042-0/2021-00050', 'not_normalized'],
    ['007280421/2021-00050', 'agency_checksum'],
    ['a/2021-00050', 'agency_length'],
    ['11441700007280420Y/0999-00050', 'year'],
    ['11441700007280420Y/2021-00000', 'serial'],
  ];
  for (const [s, reason] of cases) assert.deepEqual(parseIndexNumber(s), { ok: false, reason }, s);
});

test('URL slug round-trips and is a single URL-safe segment', () => {
  const s = '11441700007280420Y/2021-00050';
  const slug = toIndexNumberSlug(s);
  assert.equal(slug, '11441700007280420Y~2021-00050');
  assert.equal(encodeURIComponent(slug), slug);
  assert.equal(fromIndexNumberSlug(slug), s);
  assert.equal(toIndexNumberSlug('demo_a-b/2021-00001'), 'demo_a-b~2021-00001');
  assert.equal(fromIndexNumberSlug('demo_a-b~2021-00001'), 'demo_a-b/2021-00001');
});
