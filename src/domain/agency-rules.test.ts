import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkProfile, isTimeZone, levelAllowedUnder } from './agency-rules.js';

test('government levels nest downwards; departments sit under any agency', () => {
  assert.ok(levelAllowedUnder(null, 'province'));
  assert.ok(levelAllowedUnder(null, 'city'), 'a deployment may start at a city');
  assert.ok(levelAllowedUnder('province', 'city'));
  assert.ok(levelAllowedUnder('province', 'county'), 'province-administered counties exist');
  assert.ok(!levelAllowedUnder('county', 'city'));
  assert.ok(!levelAllowedUnder('city', 'city'));
  assert.ok(levelAllowedUnder('township', 'department'));
  assert.ok(levelAllowedUnder('department', 'department'));
  assert.ok(!levelAllowedUnder(null, 'department'));
  assert.ok(!levelAllowedUnder('department', 'county'));
});

test('profile checks name the fields', () => {
  const issues = checkProfile({ name_zh: ' ', email: 'x@', postcode: '1234', website: 'javascript:alert(1)', phone: '<b>', address_zh: 'a\u0001' });
  assert.deepEqual(issues.map((i) => `${i.field}:${i.code}`).sort(), [
    'address_zh:control_chars',
    'email:bad_email',
    'name_zh:required',
    'phone:bad_phone',
    'postcode:bad_postcode',
    'website:bad_url',
  ]);
  assert.deepEqual(checkProfile({ name_zh: '青山县人民政府', phone: '0991-5200001 转 8', email: 'gk@qs.gov.cn', postcode: '990121', website: 'https://qs.gov.cn' }), []);
});

test('time zones are checked against the runtime', () => {
  assert.ok(isTimeZone('Asia/Shanghai'));
  assert.ok(isTimeZone('Asia/Urumqi'));
  assert.ok(!isTimeZone('Mars/Olympus'));
  assert.ok(!isTimeZone(''));
});
