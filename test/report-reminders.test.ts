import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { saveReportSections } from '../src/commands/reports/draft-report.js';
import { submitAnnualReport } from '../src/commands/reports/submit-report.js';
import { notificationsFor } from '../src/jobs/outbox-notifications.js';
import { runReportReminders } from '../src/jobs/report-reminders.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { beijing } from './helpers/requests.js';

/** Art. 49–50 reminders: departments before 31 January, governments before 31 March; once; not after submission. */
describe('annual report reminders', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let deptEditor: string;
  let cityEditor: string;
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    cityEditor = (await makeStaff(d, 'rr-city', t.city, 'editor')).id;
    deptEditor = (await makeStaff(d, 'rr-dept', t.dept1, 'editor')).id;
  });
  after(async () => p.dispose());
  const kinds = async (userId: string) => (await notificationsFor(p.app.deps, userId, { locale: 'zh-CN' })).map((n) => n.title);

  test('mid-January: departments only; running again sends nothing twice', async () => {
    p.clock.set(beijing('2026-01-10'));
    assert.equal((await runReportReminders(p.app.deps)).enqueued, 0, 'more than 14 days before 31 January');
    p.clock.set(beijing('2026-01-20'));
    const first = await runReportReminders(p.app.deps);
    assert.ok(first.enqueued > 0);
    assert.deepEqual(await kinds(deptEditor), ['请按期公布丁县财政局2025年政府信息公开工作年度报告']);
    assert.ok((await kinds(cityEditor)).includes('请按期公布丁县财政局2025年政府信息公开工作年度报告'), 'editors above the agency are told too');
    assert.ok(!(await kinds(cityEditor)).some((k) => k.includes('丙市')), 'governments are not due until 31 March');
    assert.equal((await runReportReminders(p.app.deps)).enqueued, 0);
  });

  test('mid-March: governments whose report is not submitted', async () => {
    const d = p.app.deps;
    p.clock.set(beijing('2026-03-10'));
    const editor = await actorFor(d, { id: cityEditor, username: 'rr-city' });
    await saveReportSections(d, editor, t.county1.id, 2025, { section1: '总体情况。' });
    await submitAnnualReport(d, editor, t.county1.id, 2025);
    p.clock.set(beijing('2026-03-20'));
    await runReportReminders(d);
    const titles = await kinds(cityEditor);
    assert.ok(titles.includes('请按期公布丙市2025年政府信息公开工作年度报告'));
    assert.ok(titles.includes('请按期公布戊县2025年政府信息公开工作年度报告'));
    assert.ok(!titles.some((k) => k.includes('丁县2025')), 'a submitted report is not reminded');
  });
});
