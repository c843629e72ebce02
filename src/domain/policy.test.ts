import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, scopesFor, withinScope, type ScopedGrant } from './policy.js';

const prov = '/p/';
const city = '/p/c/';
const county1 = '/p/c/k1/';
const county2 = '/p/c/k2/';

test('a grant covers its agency and the whole subtree, nothing beside or above it', () => {
  assert.ok(withinScope(city, county1));
  assert.ok(withinScope(city, city));
  assert.ok(!withinScope(county1, county2));
  assert.ok(!withinScope(county1, city));
});

test('editors edit in scope; supervisors read but never edit', () => {
  const editor: ScopedGrant[] = [{ role: 'editor', agencyId: 'k1', agencyPath: county1 }];
  assert.ok(can(editor, 'document.edit', county1));
  assert.ok(!can(editor, 'document.edit', county2));
  const sup: ScopedGrant[] = [{ role: 'supervisor', agencyId: 'c', agencyPath: city }];
  for (const path of [county1, county2]) {
    assert.ok(can(sup, 'agency.read', path));
    assert.ok(can(sup, 'supervise', path));
    assert.ok(!can(sup, 'agency.edit_profile', path));
    assert.ok(!can(sup, 'document.edit', path));
    assert.ok(!can(sup, 'document.review', path));
  }
  assert.ok(!can(sup, 'agency.read', prov));
});

test('scopesFor collapses nested scopes and keeps only roles with the action', () => {
  const grants: ScopedGrant[] = [
    { role: 'admin', agencyId: 'c', agencyPath: city },
    { role: 'admin', agencyId: 'k1', agencyPath: county1 },
    { role: 'editor', agencyId: 'x', agencyPath: '/q/' },
  ];
  assert.deepEqual(scopesFor(grants, 'staff.manage'), [city]);
  assert.deepEqual(scopesFor(grants, 'agency.read').sort(), ['/p/c/', '/q/'].sort());
});
