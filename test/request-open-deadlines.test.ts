import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { startConsultation } from '../src/commands/requests/start-consultation.js';
import { openDeadlines } from '../src/queries/open-deadlines.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { application, beijing } from './helpers/requests.js';

describe('open deadlines for the reminder job', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test('running clocks only, working days left, overdue from the day after, officer and supervisors', async () => {
    const d = p.app.deps;
    const t = await seedTree(d);
    const officerUser = await makeStaff(d, 'od-officer', t.county1, 'request_officer');
    const sup = await makeStaff(d, 'od-super', t.city, 'supervisor');
    await makeStaff(d, 'od-other-super', t.provB, 'supervisor');
    const officer = await actorFor(d, officerUser);
    p.clock.set(beijing('2026-03-02'));
    const r = await registerOffline(d, officer, t.county1.id, { ...application(), channel: 'in_person' });
    const paused = await registerOffline(d, officer, t.county1.id, { ...application({ title: '征求意见中' }), channel: 'in_person' });
    await startConsultation(d, officer, paused.requestId, { party: 'other_agency' });
    const onDue = await openDeadlines(d, new Date(beijing('2026-03-30')));
    assert.deepEqual(onDue.map((x) => [x.trackingNumber, x.dueDate, x.workingDaysLeft, x.overdueSince]), [[r.trackingNumber, '2026-03-30', 0, undefined]]);
    assert.deepEqual(onDue[0]?.officerUserIds, [officerUser.id]);
    assert.deepEqual(onDue[0]?.supervisorUserIds, [sup.id]);
    const late = await openDeadlines(d, new Date(beijing('2026-03-31')));
    assert.equal(late[0]?.overdueSince, '2026-03-31');
    assert.equal(late[0]?.workingDaysLeft, -1);
  });
});
