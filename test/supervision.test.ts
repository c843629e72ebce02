import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { saveReportSections } from '../src/commands/reports/draft-report.js';
import { submitAnnualReport } from '../src/commands/reports/submit-report.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { addCalendarDays } from '../src/domain/calendar/iso-date.js';
import { listRequests } from '../src/queries/staff-requests.js';
import { lateDocuments, policiesWithoutInterpretation } from '../src/queries/staff-documents.js';
import { supervisionOverview } from '../src/queries/supervision.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { apiLogin, type StaffClient } from './helpers/http.js';
import { publishDocument, type Publisher } from './helpers/publish.js';
import { application, beijing } from './helpers/requests.js';

interface Row {
  agency: { id: string; code: string; name_zh: string };
  requests: { overdue: number; due_soon: number };
  documents: { late: number; uninterpreted: number };
  report: { year: number; status: string; late: boolean; due_by: string; published_date: string | null };
  links: Record<string, string>;
}

/**
 * Supervision (issue 7 §3) on the store named by DATABASE_URL (run once without it, once with it):
 * seeded overdue and due-soon requests, a late document, policies with and without interpretation,
 * annual reports in every status; scope; links; the page and the JSON endpoint.
 */
describe('supervision: /admin/supervision and /api/v1/supervision', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let supervisor: StaffClient;
  let editorClient: StaffClient;
  let supActor: Actor;
  let today = '';
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'sv-editor', t.provA, 'editor'));
    const reviewer = await actorFor(d, await makeStaff(d, 'sv-reviewer', t.provA, 'reviewer'));
    const officer = await actorFor(d, await makeStaff(d, 'sv-officer', t.provA, 'request_officer'));
    const editorB = await actorFor(d, await makeStaff(d, 'sv-editor-b', t.provB, 'editor'));
    const reviewerB = await actorFor(d, await makeStaff(d, 'sv-reviewer-b', t.provB, 'reviewer'));
    const officerB = await actorFor(d, await makeStaff(d, 'sv-officer-b', t.provB, 'request_officer'));
    supActor = await actorFor(d, await makeStaff(d, 'sv-super', t.city, 'supervisor'));
    const at = (a: { id: string; code: string }, e = editor, r = reviewer): Publisher => ({ agencyId: a.id, agencyCode: a.code, editor: e, reviewer: r });

    // Requests: one overdue at county 1, one due soon at county 2, one due later at county 1; one overdue outside (province B).
    p.clock.set(beijing('2026-01-05'));
    await registerOffline(d, officer, t.county1.id, { ...application({ title: '逾期申请甲' }), channel: 'in_person' });
    await registerOffline(d, officerB, t.provB.id, { ...application({ title: '省外逾期申请' }), channel: 'in_person' });
    // Documents: published late at county 1 (formed in June 2025), a policy without interpretation at county 2,
    // a policy with a published interpretation at county 2, and an uninterpreted policy outside the scope.
    await publishDocument(d, at(t.county1), { title: '迟发的通知', date_formed: '2025-06-02', doc_number: '丁政发〔2025〕1号' });
    await publishDocument(d, at(t.county2), { title: '未解读的规范性文件', genre: 'normative', date_formed: '2026-01-04', doc_number: '戊政规〔2026〕1号' });
    const explained = await publishDocument(d, at(t.county2), { title: '已解读的规范性文件', genre: 'normative', date_formed: '2026-01-04', doc_number: '戊政规〔2026〕2号' });
    await publishDocument(d, at(t.county2), { title: '对规范性文件的解读', genre: 'interpretation', date_formed: '2026-01-04', doc_number: '', interprets: explained.indexNumber });
    await publishDocument(d, at(t.provB, editorB, reviewerB), { title: '省外规章', genre: 'regulations', date_formed: '2026-01-04', doc_number: '乙省令第1号' });

    p.clock.set(beijing('2026-02-24'));
    const soon = await registerOffline(d, officer, t.county2.id, { ...application({ title: '即将到期申请' }), channel: 'in_person' });
    const due = (await d.db.selectFrom('requests').select('due_date').where('id', '=', soon.requestId).executeTakeFirstOrThrow()).due_date;
    assert.ok(due);
    today = addCalendarDays(due, -3);

    // Annual reports for 2025: city published, county 1 in review, county 2 a draft, the department not started (and late: due 31 January).
    p.clock.set(beijing('2026-03-02'));
    const sections = { section1: '总体情况。', section5: '问题。', section6: '无。' };
    await saveReportSections(d, editor, t.city.id, 2025, sections);
    const city = await submitAnnualReport(d, editor, t.city.id, 2025);
    await reviewRevision(d, reviewer, city.revisionId, { stage: 'confidentiality', decision: 'pass' });
    await reviewRevision(d, reviewer, city.revisionId, { stage: 'approval', decision: 'pass' });
    await saveReportSections(d, editor, t.county1.id, 2025, sections);
    await submitAnnualReport(d, editor, t.county1.id, 2025);
    await saveReportSections(d, editor, t.county2.id, 2025, sections);

    p.clock.set(beijing(today));
    await registerOffline(d, officer, t.county1.id, { ...application({ title: '期限尚远的申请' }), channel: 'in_person' });
    supervisor = await apiLogin(p.server, 'sv-super', PASSWORD);
    editorClient = await apiLogin(p.server, 'sv-editor', PASSWORD);
  });
  after(async () => p.dispose());
  const get = (who: StaffClient | null, url: string) => p.server.inject({ url, headers: who ? { cookie: who.cookie } : {} });

  test('signed out → log-in / 401; an editor (no supervisor grant) → 403 on page, detail and API', async () => {
    assert.equal((await get(null, '/admin/supervision')).statusCode, 303);
    assert.equal((await get(null, '/api/v1/supervision')).statusCode, 401);
    assert.equal((await get(editorClient, '/admin/supervision')).statusCode, 403);
    assert.equal((await get(editorClient, `/admin/supervision/${t.county1.id}`)).statusCode, 403);
    assert.equal((await get(editorClient, '/api/v1/supervision')).statusCode, 403);
    assert.doesNotMatch((await get(editorClient, '/admin')).body, /href="\/admin\/supervision"/, 'no navigation entry without the role');
  });

  test('the JSON endpoint: one row per agency of the subtree, counts per measure, report status per agency', async () => {
    const r = await get(supervisor, '/api/v1/supervision');
    assert.equal(r.statusCode, 200);
    const body = r.json() as { year: number; totals: { overdue: number; due_soon: number; late_documents: number; uninterpreted: number; reports: Record<string, number>; reports_late: number }; items: Row[] };
    assert.equal(body.year, 2025);
    const ids = body.items.map((i) => i.agency.id);
    assert.deepEqual(new Set(ids), new Set([t.city.id, t.county1.id, t.county2.id, t.dept1.id]), 'the city subtree, nothing else');
    assert.ok(!ids.includes(t.provA.id) && !ids.includes(t.provB.id), 'never an agency outside the subtree');
    const row = (id: string) => body.items.find((i) => i.agency.id === id) as Row;
    assert.deepEqual(row(t.county1.id).requests, { overdue: 1, due_soon: 0 });
    assert.deepEqual(row(t.county2.id).requests, { overdue: 0, due_soon: 1 });
    assert.deepEqual(row(t.county1.id).documents, { late: 1, uninterpreted: 0 });
    assert.deepEqual(row(t.county2.id).documents, { late: 0, uninterpreted: 1 }, 'the interpreted policy is not counted');
    assert.equal(row(t.city.id).report.status, 'published');
    assert.equal(row(t.city.id).report.late, false);
    assert.equal(row(t.city.id).report.published_date, '2026-03-02');
    assert.equal(row(t.county1.id).report.status, 'submitted');
    assert.equal(row(t.county2.id).report.status, 'draft');
    assert.equal(row(t.dept1.id).report.status, 'not_started');
    assert.equal(row(t.dept1.id).report.due_by, '2026-01-31');
    assert.equal(row(t.dept1.id).report.late, true, 'a department report is due by 31 January');
    assert.equal(row(t.county2.id).report.late, today > '2026-03-31');
    assert.deepEqual(body.totals.reports, { not_started: 1, draft: 1, submitted: 1, published: 1 });
    assert.equal(body.totals.overdue, 1);
    assert.equal(body.totals.due_soon, 1);
    assert.equal(body.totals.late_documents, 1);
    assert.equal(body.totals.uninterpreted, 1);
    assert.equal(row(t.county1.id).links.overdue, `http://gongkai.test/admin/requests?view=overdue&agency=${t.county1.id}`);
  });

  test('the counts equal the console lists they link to', async () => {
    const d = p.app.deps;
    const o = await supervisionOverview(d, supActor);
    for (const r of o.rows) {
      const id = r.agency.id;
      assert.equal((await listRequests(d, supActor, 'overdue', undefined, { agencyId: id })).length, r.requests.overdue, `overdue ${r.agency.name_zh}`);
      assert.equal((await listRequests(d, supActor, 'open', undefined, { agencyId: id, dueWithin: o.due_soon_days })).length, r.requests.due_soon, `due soon ${r.agency.name_zh}`);
      assert.equal((await lateDocuments(d, supActor, id)).length, r.documents.late);
      assert.equal((await policiesWithoutInterpretation(d, supActor, id)).length, r.documents.uninterpreted);
    }
  });

  test('the page: a row per agency, each count links to its filtered list, which shows those records', async () => {
    const page = await get(supervisor, '/admin/supervision');
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, /href="\/admin\/supervision" aria-current="page"/, 'in the console navigation');
    for (const a of [t.city, t.county1, t.county2, t.dept1]) assert.match(html, new RegExp(`href="/admin/supervision/${a.id}">${a.name_zh}<`));
    assert.doesNotMatch(html, /乙省|甲省</);
    const overdueHref = `/admin/requests?view=overdue&amp;agency=${t.county1.id}`;
    assert.match(html, new RegExp(`href="${overdueHref.replace(/[?]/g, '\\?')}"[^>]*>1<`));
    const soonHref = `/admin/requests?view=open&amp;agency=${t.county2.id}&amp;due_within=5`;
    assert.match(html, new RegExp(`href="${soonHref.replace(/[?]/g, '\\?')}"[^>]*>1<`));
    const lateHref = `/admin/documents?view=late&amp;agency=${t.county1.id}`;
    assert.match(html, new RegExp(`href="${lateHref.replace(/[?]/g, '\\?')}"[^>]*>1<`));
    const polHref = `/admin/documents?view=uninterpreted&amp;agency=${t.county2.id}`;
    assert.match(html, new RegExp(`href="${polHref.replace(/[?]/g, '\\?')}"[^>]*>1<`));
    assert.match(html, new RegExp(`href="/admin/reports/${t.dept1.id}/2025">未开始</a><strong class="report-late"> 逾期`));

    // The linked lists show exactly those records.
    const overdue = await get(supervisor, `/admin/requests?view=overdue&agency=${t.county1.id}`);
    assert.equal(overdue.statusCode, 200);
    assert.match(overdue.body, /逾期申请甲/);
    assert.doesNotMatch(overdue.body, /期限尚远的申请|即将到期申请|省外逾期申请/);
    const soon = await get(supervisor, `/admin/requests?view=open&agency=${t.county2.id}&due_within=5`);
    assert.match(soon.body, /即将到期申请/);
    assert.doesNotMatch(soon.body, /逾期申请甲|期限尚远的申请/);
    assert.match(soon.body, /当前仅显示：戊县；5个工作日内到期。/, 'the narrowing is said on the page');
    assert.match(soon.body, /href="\/admin\/requests\?view=open">显示全部</);
    assert.match(overdue.body, /当前仅显示：丁县。/);
    assert.doesNotMatch((await get(supervisor, '/admin/requests?view=overdue')).body, /当前仅显示/);
    assert.equal((await get(supervisor, '/admin/requests?view=open&due_within=x')).statusCode, 400);
    const late = await get(supervisor, `/admin/documents?view=late&agency=${t.county1.id}`);
    assert.match(late.body, /迟发的通知/);
    const pol = await get(supervisor, `/admin/documents?view=uninterpreted&agency=${t.county2.id}`);
    assert.match(pol.body, /未解读的规范性文件/);
    assert.doesNotMatch(pol.body, /已解读的规范性文件|省外规章/);
    assert.match(pol.body, /当前仅显示：戊县。/);
    assert.match((await get(supervisor, `/en/admin/documents?view=late&agency=${t.county1.id}`)).body, /Showing only: County D\./);
  });

  test('the agency detail view lists the records behind the counts; outside the subtree → 403; unknown → 404', async () => {
    const c1 = await get(supervisor, `/admin/supervision/${t.county1.id}`);
    assert.equal(c1.statusCode, 200);
    assert.match(c1.body, /逾期申请甲/);
    assert.match(c1.body, /迟发的通知/);
    assert.match(c1.body, /href="\/admin\/requests\/[^"]+"/);
    assert.match(c1.body, /审核中/);
    const c2 = await get(supervisor, `/en/admin/supervision/${t.county2.id}`);
    assert.equal(c2.statusCode, 200);
    assert.match(c2.body, /即将到期申请/);
    assert.match(c2.body, /未解读的规范性文件/);
    assert.match(c2.body, /href="\/en\/admin\/documents\/[^"]+"/);
    assert.equal((await get(supervisor, `/admin/supervision/${t.provB.id}`)).statusCode, 403);
    assert.equal((await get(supervisor, `/admin/supervision/${t.provA.id}`)).statusCode, 403, 'above the grant is outside too');
    assert.equal((await get(supervisor, '/admin/supervision/no-such-agency')).statusCode, 404);
  });
});
