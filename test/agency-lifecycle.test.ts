import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { setAgencyOpen } from '../src/commands/close-agency.js';
import { moveAgency } from '../src/commands/move-agency.js';
import { updateAgency } from '../src/commands/update-agency.js';
import { AppError } from '../src/domain/errors.js';
import { agencyById } from '../src/queries/agencies.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeAgency, seedTree } from './helpers/factories.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('agency lifecycle: rename, move, close — with history, never deleted', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  before(async () => {
    p = await buildApp();
    t = await seedTree(p.app.deps);
  });
  after(async () => p.dispose());

  test('a rename keeps history; a second writer with the old version gets stale_version', async () => {
    const d = p.app.deps;
    const a = await updateAgency(d, SYSTEM_ACTOR, t.county2.id, 1, { name_zh: '戊区', name_en: 'District E' });
    assert.equal(a.version, 2);
    await assert.rejects(updateAgency(d, SYSTEM_ACTOR, t.county2.id, 1, { phone: '0990-1' }), (e) => code(e) === 'stale_version');
    const page = await p.server.inject({ url: `/agencies/${t.county2.code}` });
    assert.match(page.body, /戊区/);
    const hist = await d.db.selectFrom('agency_history').selectAll().where('agency_id', '=', t.county2.id).orderBy('at').execute();
    assert.deepEqual(hist.map((h) => h.action), ['create', 'rename']);
    assert.match(hist[1]?.before_json ?? '', /戊县/);
  });

  test('a move rewrites the whole subtree and refuses cycles and level violations', async () => {
    const d = p.app.deps;
    const city2 = await makeAgency(d, t.provA, 'city', '己市', 'City F');
    const county1 = await agencyById(d, t.county1.id);
    assert.ok(county1);
    const moved = await moveAgency(d, SYSTEM_ACTOR, county1.id, county1.version, city2.id);
    assert.equal(moved.path, `${city2.path}${county1.id}/`);
    const dept = await agencyById(d, t.dept1.id);
    assert.equal(dept?.path, `${city2.path}${county1.id}/${t.dept1.id}/`, 'descendants follow');
    assert.equal(dept?.depth, 3);
    await assert.rejects(moveAgency(d, SYSTEM_ACTOR, city2.id, city2.version, t.dept1.id), (e) => code(e) === 'agency_cycle');
    const cur = await agencyById(d, t.county2.id);
    assert.ok(cur);
    await assert.rejects(moveAgency(d, SYSTEM_ACTOR, cur.id, cur.version, t.dept1.id), (e) => code(e) === 'bad_agency_parent');
    const hist = await d.db.selectFrom('agency_history').select('action').where('agency_id', '=', county1.id).execute();
    assert.ok(hist.some((h) => h.action === 'move'));
  });

  test('closing needs open children closed first; a closed agency stays public with a notice', async () => {
    const d = p.app.deps;
    const county1 = await agencyById(d, t.county1.id);
    assert.ok(county1);
    await assert.rejects(setAgencyOpen(d, SYSTEM_ACTOR, county1.id, county1.version, false), (e) => code(e) === 'agency_has_open_children');
    const dept = await agencyById(d, t.dept1.id);
    assert.ok(dept);
    await setAgencyOpen(d, SYSTEM_ACTOR, dept.id, dept.version, false);
    const closed = await setAgencyOpen(d, SYSTEM_ACTOR, county1.id, county1.version, false);
    assert.equal(closed.status, 'closed');
    const page = await p.server.inject({ url: `/agencies/${county1.code}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /该机构已于 2026-03-02 撤销/);
    const api = await p.server.inject({ url: `/api/v1/agencies/${county1.code}` });
    assert.equal(api.json().status, 'closed');
    await assert.rejects(updateAgency(d, SYSTEM_ACTOR, county1.id, closed.version, { phone: '1' }), (e) => code(e) === 'agency_closed');
    // Reopening a child under a closed parent is refused; reopen the parent first.
    const deptNow = await agencyById(d, dept.id);
    assert.ok(deptNow);
    await assert.rejects(setAgencyOpen(d, SYSTEM_ACTOR, dept.id, deptNow.version, true), (e) => code(e) === 'agency_closed');
    const reopened = await setAgencyOpen(d, SYSTEM_ACTOR, county1.id, closed.version, true);
    assert.equal(reopened.status, 'open');
  });

  test('every change is in the audit trail with actor and record', async () => {
    const rows = await p.app.deps.db.selectFrom('audit_log').select(['action', 'target_id', 'actor_username']).where('target_id', '=', t.county1.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.action), ['agency.create', 'agency.move', 'agency.close', 'agency.reopen']);
    assert.ok(rows.every((r) => r.actor_username === 'cli'));
  });
});
