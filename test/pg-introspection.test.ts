import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DatabaseIntrospector, TableMetadata } from 'kysely';
import { RetryingIntrospector } from '../src/store/dialect/dialect.js';

describe('PostgreSQL introspection while other schemas are dropped', () => {
  const table: TableMetadata = { name: 'kysely_migration', isView: false, schema: 't_x', columns: [] };
  const flaky = (failures: number, code: string): DatabaseIntrospector & { calls: number } => {
    const f = {
      calls: 0,
      getSchemas: async () => [],
      getMetadata: async () => ({ tables: [] }),
      getTables: async () => {
        f.calls += 1;
        if (f.calls <= failures) throw Object.assign(new Error('relation "t_gone.x" does not exist'), { code });
        return [table];
      },
    };
    return f;
  };

  test('an undefined_table error from a concurrently dropped schema is retried', async () => {
    const inner = flaky(2, '42P01');
    assert.deepEqual(await new RetryingIntrospector(inner).getTables(), [table]);
    assert.equal(inner.calls, 3);
    assert.deepEqual((await new RetryingIntrospector(flaky(1, '42P01')).getMetadata()).tables, [table]);
  });

  test('an invalid_schema_name error (the whole schema dropped meanwhile) is retried too', async () => {
    const inner = flaky(1, '3F000');
    assert.deepEqual(await new RetryingIntrospector(inner).getTables(), [table]);
    assert.equal(inner.calls, 2);
  });

  test('other errors, and a table that stays missing, are not hidden', async () => {
    const other = flaky(1, '42501');
    await assert.rejects(new RetryingIntrospector(other).getTables(), /does not exist/);
    assert.equal(other.calls, 1);
    const always = flaky(100, '42P01');
    await assert.rejects(new RetryingIntrospector(always).getTables(), /does not exist/);
    assert.equal(always.calls, 5);
  });
});
