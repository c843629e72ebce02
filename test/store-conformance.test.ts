import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MIGRATION_NAMES, migrateToLatest } from '../src/store/migrate.js';
import { isUniqueViolation, type StoreHandle } from '../src/store/dialect/dialect.js';
import { agencyRepo } from '../src/store/repos/agency-repo.js';
import { appendAudit } from '../src/store/repos/audit-repo.js';
import { forEachDialect } from './helpers/dialects.js';

const AT = '2026-03-02T02:00:00.000Z';

function agencyRow(id: string, code: string, parent: { id: string; path: string; depth: number } | null) {
  return {
    id,
    parent_id: parent?.id ?? null,
    code,
    kind: 'government' as const,
    level: parent ? ('city' as const) : ('province' as const),
    name_zh: `机构${code}`,
    name_en: `Agency ${code}`,
    office_name_zh: '',
    office_name_en: '',
    address_zh: '',
    address_en: '',
    postcode: '',
    office_hours_zh: '',
    office_hours_en: '',
    phone: '',
    fax: '',
    email: '',
    website: '',
    time_zone: 'Asia/Shanghai',
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
    sort_order: 0,
    status: 'open' as const,
    closed_at: null,
    is_demo: 0,
    version: 1,
    created_at: AT,
    updated_at: AT,
  };
}

forEachDialect('store conformance', (d) => {
  let store: StoreHandle;
  let cleanup: () => Promise<void>;
  before(async () => {
    const o = await d.open();
    store = o.handle;
    cleanup = o.cleanup;
  });
  after(async () => cleanup());

  test('migrates an empty database, and a second run changes nothing', async () => {
    const first = await migrateToLatest(store.db, store.ops);
    assert.deepEqual(first, [...MIGRATION_NAMES]);
    assert.equal(first[0], '001-foundation');
    const second = await migrateToLatest(store.db, store.ops);
    assert.deepEqual(second, []);
    const n = await store.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  test('creates, reads, updates with a version check, and lists a subtree', async () => {
    const root = agencyRow('a-root', 'ROOT01', null);
    await agencyRepo.insert(store.db, root);
    const child = agencyRow('a-child', 'CHILD01', root);
    await agencyRepo.insert(store.db, child);
    assert.equal((await agencyRepo.byCode(store.db, 'CHILD01'))?.id, 'a-child');
    assert.equal(await agencyRepo.updateVersioned(store.db, 'a-child', 1, { name_zh: '新名称' }), true);
    // The same expected version again is stale now.
    assert.equal(await agencyRepo.updateVersioned(store.db, 'a-child', 1, { name_zh: '又一个' }), false);
    const got = await agencyRepo.byId(store.db, 'a-child');
    assert.equal(got?.name_zh, '新名称');
    assert.equal(got?.version, 2);
    const sub = await agencyRepo.subtree(store.db, root.path, { includeClosed: true });
    assert.deepEqual(sub.map((a) => a.code), ['ROOT01', 'CHILD01']);
    assert.equal(await agencyRepo.countOpenChildren(store.db, 'a-root'), 1);
  });

  test('a duplicate key is recognised as a unique violation', async () => {
    await assert.rejects(agencyRepo.insert(store.db, agencyRow('a-dup', 'ROOT01', null)), (e) => isUniqueViolation(e));
  });

  test('a transaction that throws rolls back every write', async () => {
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await agencyRepo.insert(trx, agencyRow('a-tx', 'TX0001', null));
        assert.ok(await agencyRepo.byId(trx, 'a-tx'), 'visible inside the transaction');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await agencyRepo.byId(store.db, 'a-tx'), undefined);
  });

  test('the audit trail is append-only inside the database', async () => {
    await appendAudit(store.db, { at: AT, actorId: null, actorUsername: 'cli', action: 'test', targetType: 'x', targetId: '1', agencyId: null, ip: null });
    const rows = await store.db.selectFrom('audit_log').selectAll().execute();
    assert.equal(rows.length, 1);
    await assert.rejects(store.db.updateTable('audit_log').set({ action: 'forged' }).execute(), /append-only/);
    await assert.rejects(store.db.deleteFrom('audit_log').execute(), /append-only/);
    const after = await store.db.selectFrom('audit_log').selectAll().execute();
    assert.equal(after[0]?.action, 'test');
  });

  test('agency history is append-only too', async () => {
    await agencyRepo.appendHistory(store.db, { id: 'h1', agency_id: 'a-root', at: AT, actor_id: null, action: 'create', before: null, after: {} });
    await assert.rejects(store.db.deleteFrom('agency_history').execute(), /append-only/);
  });
});
