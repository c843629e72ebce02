import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuid7 } from './uuid7.js';

test('UUIDv7: version and variant bits, the timestamp first, strictly rising within a process', () => {
  const t = Date.UTC(2026, 10, 28, 6, 0, 0);
  const id = uuid7(t);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), t);
  // Many ids in one millisecond, and a clock that steps back: still strictly rising.
  const ids = Array.from({ length: 10_000 }, (_, i) => uuid7(t + 1 - (i % 3)));
  for (let i = 1; i < ids.length; i++) assert.ok((ids[i - 1] ?? '') < (ids[i] ?? ''), `${ids[i - 1]} < ${ids[i]}`);
  assert.equal(new Set(ids).size, ids.length);
  // Later milliseconds sort later.
  assert.ok(uuid7(t + 10_000) > (ids[ids.length - 1] ?? ''));
});
