import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { correctFigure, enterStaffFigures, saveReportSections } from '../src/commands/reports/draft-report.js';
import { submitAnnualReport } from '../src/commands/reports/submit-report.js';
import { markAbandoned } from '../src/commands/requests/mark-abandoned.js';
import { recordAppeal } from '../src/commands/requests/record-appeal.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { requestCorrection } from '../src/commands/requests/request-correction.js';
import { updateAppealResult } from '../src/commands/requests/update-appeal.js';
import type { ApplicantType } from '../src/domain/requests/applicant-types.js';
import { AppError } from '../src/domain/errors.js';
import { TABLE3_ROWS } from '../src/domain/reports/report-format.js';
import { annualReportCsv, annualReportForStaff, annualReportHtml, annualReportJson, type AnnualReportJson } from '../src/queries/annual-report.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff } from './helpers/factories.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';
import { application, beijing } from './helpers/requests.js';

const row = (j: AnnualReportJson, key: string) => j.table3.rows.find((r) => r.key === key)?.values;
const broken = (j: AnnualReportJson) => j.identities.filter((i) => !i.holds).map((i) => i.id);

/**
 * The annual report from records made through the commands: documents through the publishing
 * workflow, requests through the request commands, over 2024–2026. Every expected figure is
 * computed by hand in the comments. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
describe('annual report (Art. 49–50; 国办公开办函〔2021〕30号) from the records', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let officer: Actor;
  const at = (date: string) => p.clock.set(beijing(date));
  const report = async (year: number) => annualReportJson(await annualReportForStaff(p.app.deps, pub.editor, pub.agencyId, year));
  const receive = async (date: string, type: ApplicantType, title: string) => {
    at(date);
    return (await registerOffline(p.app.deps, officer, pub.agencyId, { ...application({ title, applicant_type: type, ...(type === 'natural_person' ? {} : { org_name: '某单位', unified_code: '' }) }), channel: 'in_person' })).requestId;
  };
  const reply = async (date: string, id: string, outcome: string) => {
    at(date);
    await replyToRequest(p.app.deps, officer, id, { outcome, text: '答复。' });
  };

  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    pub = await makePublisher(d, 'ar');
    const t = await d.db.selectFrom('agencies').selectAll().where('id', '=', pub.agencyId).executeTakeFirstOrThrow();
    officer = await actorFor(d, await makeStaff(d, 'ar-officer', t, 'request_officer'));

    // 2024: a rule (规章) formed and published; R2 received and answered; R1 received, open at year end.
    at('2024-06-10');
    const rule = await publishDocument(d, pub, { title: '丙市城市道路管理办法', genre: 'regulations', date_formed: '2024-06-01', doc_number: '丙市政府令第1号' });
    const r2 = await receive('2024-11-04', 'commercial_enterprise', '企业申请A');
    await reply('2024-11-20', r2, 'withheld.state_secret');
    const r1 = await receive('2024-12-16', 'natural_person', '个人申请B');
    // 2025.
    await reply('2025-01-08', r1, 'disclosed');
    at('2025-03-05');
    await publishDocument(d, pub, { title: '丙市规范性文件甲', genre: 'normative', is_normative: true, date_formed: '2025-03-01', doc_number: '丙政规〔2025〕1号' });
    await publishDocument(d, pub, { title: '丙市通知乙', genre: 'notices', date_formed: '2025-03-02', doc_number: '丙政办发〔2025〕2号' });
    const r3 = await receive('2025-03-03', 'natural_person', '个人申请C');
    const r4 = await receive('2025-03-03', 'research_institution', '科研申请D');
    await reply('2025-03-10', r3, 'partially_disclosed');
    await reply('2025-03-12', r4, 'unable.not_held');
    at('2025-04-01');
    const a1 = await recordAppeal(d, officer, r3, { kind: 'reconsideration', filedOn: '2025-04-01' });
    at('2025-05-10');
    await setValidity(d, pub.reviewer, rule.documentId, { validity: 'repealed', date: '2025-05-10', note: '已被新办法废止' });
    at('2025-05-20');
    await updateAppealResult(d, officer, a1.appealId, { result: 'upheld', decidedOn: '2025-05-20' });
    const r5 = await receive('2025-06-02', 'natural_person', '个人申请E');
    at('2025-06-03');
    await requestCorrection(d, officer, r5, { what: '请说明所需信息的名称', supplementBy: '2025-06-17' });
    at('2025-06-18');
    await markAbandoned(d, officer, r5);
    at('2025-11-10');
    const a2 = await recordAppeal(d, officer, r4, { kind: 'litigation_direct', filedOn: '2025-11-10' });
    const r6 = await receive('2025-12-22', 'other_organisation', '其他组织申请F');
    await receive('2025-12-29', 'natural_person', '个人申请G'); // never answered
    // 2026.
    await reply('2026-01-12', r6, 'disclosed');
    at('2026-01-14');
    await updateAppealResult(d, officer, a2.appealId, { result: 'corrected', decidedOn: '2026-01-14' });
  });
  after(async () => p.dispose());

  test('2024: hand-computed tables, every identity holds', async () => {
    at('2026-01-15');
    const j = await report(2024);
    assert.deepEqual(j.table2.parts[0]?.rows.map((r) => r.values), [[1, 0, 1], [0, 0, 0]]);
    // Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    assert.deepEqual(row(j, 'new'), [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(row(j, 'withheld.state_secret'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'carried_forward'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(broken(j), []);
  });

  test('2025: official labels and order, hand-computed tables, staff figures in 万元, every identity holds', async () => {
    at('2026-01-15');
    await enterStaffFigures(p.app.deps, pub.editor, pub.agencyId, 2025, { licensing: 120, penalty: 8, enforcement: 2, feeWan: '0.35' });
    await saveReportSections(p.app.deps, pub.editor, pub.agencyId, 2025, { section1: '本年度，丙市坚持以公开为常态。\n\n全年主动公开政府信息。', section5: '存在的问题：解读不足。', section6: '无。' });
    const j = await report(2025);
    assert.equal(j.status, 'draft');
    assert.deepEqual(j.table3.columns, ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    assert.deepEqual(j.table3.rows.map((r) => r.label), TABLE3_ROWS.map((r) => r.label));
    assert.equal(j.table3.rows.length, 25);
    assert.equal(j.table3.rows[0]?.label, '一、本年新收政府信息公开申请数量');
    assert.equal(j.table3.rows[24]?.label, '四、结转下年度继续办理');
    // Table 二: the rule formed 2024 was repealed 2025-05-10; one normative document made and in force.
    assert.deepEqual(j.table2.parts.map((pt) => pt.rows.map((r) => [r.label, ...r.values])), [
      [['规章', 0, 1, 0], ['行政规范性文件', 1, 0, 1]],
      [['行政许可', 120]],
      [['行政处罚', 8], ['行政强制', 2]],
      [['行政事业性收费', 0.35]],
    ]);
    assert.deepEqual(j.table2.parts[3]?.columns, ['本年收费金额（单位：万元）']);
    // 一: C, E, G (自然人), D (科研机构), F (其他). 二: B. Results: B 予以公开, C 部分公开, D 不掌握, E 逾期不补正. 四: F, G.
    assert.deepEqual(row(j, 'new'), [3, 0, 1, 0, 0, 1, 5]);
    assert.deepEqual(row(j, 'carried_over'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'disclosed'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'partially_disclosed'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'unable.not_held'), [0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'other.no_correction'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(j, 'total'), [3, 0, 1, 0, 0, 0, 4]);
    assert.deepEqual(row(j, 'carried_forward'), [1, 0, 0, 0, 0, 1, 2]);
    // Table 四: reconsideration upheld in 2025; direct litigation filed 2025, pending at year end.
    assert.deepEqual(j.table4.rows[0]?.values, [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert.equal(j.table4.columns.length, 15);
    assert.ok(j.identities.some((i) => i.id === 'table3.carry_over.total' && i.holds), '二 of 2025 = 四 of 2024');
    assert.deepEqual(broken(j), []);
    assert.ok(j.identities.length >= 7 + 7 + 25 + 3 + 7);
    const csv = annualReportCsv(await annualReportForStaff(p.app.deps, pub.editor, pub.agencyId, 2025));
    assert.match(csv, /\r\n二、上年结转政府信息公开申请数量,1,0,0,0,0,0,1\r\n/);
    const html = annualReportHtml(await annualReportForStaff(p.app.deps, pub.editor, pub.agencyId, 2025));
    assert.match(html, /<h2>五、存在的主要问题及改进情况<\/h2><p>存在的问题：解读不足。<\/p>/);
    assert.doesNotMatch(csv + html + JSON.stringify(j), /测试申请人|110101199003070011|13800000000/, 'no applicant data');
  });

  test('a correction needs a reason; a correction that breaks an identity blocks submission, naming it', async () => {
    const d = p.app.deps;
    at('2026-01-16');
    await assert.rejects(correctFigure(d, pub.editor, pub.agencyId, 2025, { table: 'table3', row: 'disclosed', column: 0, value: 2, reason: '' }), (e) => e instanceof AppError && e.fields.some((f) => f.field === 'reason'));
    await assert.rejects(correctFigure(d, officer, pub.agencyId, 2025, { table: 'table3', row: 'disclosed', column: 0, value: 2, reason: '漏记一件' }), (e) => e instanceof AppError && e.code === 'forbidden');
    await correctFigure(d, pub.editor, pub.agencyId, 2025, { table: 'table3', row: 'disclosed', column: 0, value: 2, reason: '纸质台账另有一件予以公开' });
    const j = await report(2025);
    assert.deepEqual(row(j, 'disclosed'), [2, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(j.corrections, [{ table: 'table3', row: 'disclosed', column: 0, value: 2, computed: 1, reason: '纸质台账另有一件予以公开' }]);
    assert.deepEqual(broken(j), ['table3.results.natural_person', 'table3.row_total.disclosed']);
    await assert.rejects(submitAnnualReport(d, pub.editor, pub.agencyId, 2025), (e) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'report_identities_broken');
      assert.deepEqual(e.fields.map((f) => f.field), ['table3.results.natural_person', 'table3.row_total.disclosed']);
      assert.match(e.fields[0]?.message ?? '', /表三「自然人」列：（七）总计 = （一）至（六）各项之和: 3 ≠ 4/);
      return true;
    });
    assert.equal((await d.db.selectFrom('documents').select('id').where('genre', '=', 'annual_report').execute()).length, 0, 'nothing was published');
    // Withdrawing the correction (value null, with its reason) restores the figures from the records.
    await correctFigure(d, pub.editor, pub.agencyId, 2025, { table: 'table3', row: 'disclosed', column: 0, value: null, reason: '核实后台账有误，撤回' });
    assert.deepEqual(broken(await report(2025)), []);
  });

  test('submission makes an annual_report document through the review; published, it is frozen, logged, and 2026 carries over its 四', async () => {
    const d = p.app.deps;
    at('2026-01-20');
    const { documentId, revisionId } = await submitAnnualReport(d, pub.editor, pub.agencyId, 2025);
    assert.equal((await report(2025)).status, 'submitted');
    await assert.rejects(saveReportSections(d, pub.editor, pub.agencyId, 2025, { section6: '改动' }), (e) => e instanceof AppError && e.code === 'report_in_review');
    await reviewRevision(d, pub.reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
    const r = await reviewRevision(d, pub.reviewer, revisionId, { stage: 'approval', decision: 'pass' });
    assert.equal(r.state, 'published');
    const doc = await d.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    assert.equal(doc.genre, 'annual_report');
    assert.equal(doc.title, '丙市2025年政府信息公开工作年度报告');
    assert.ok((await d.db.selectFrom('tlog_entries').select('id').where('document_id', '=', documentId).execute()).length >= 1, 'in the transparency log');
    const rev = await d.db.selectFrom('document_revisions').select('body_html').where('id', '=', revisionId).executeTakeFirstOrThrow();
    assert.match(rev.body_html, /<th scope="row" colspan="3">一、本年新收政府信息公开申请数量<\/th><td>3<\/td>/);
    const j = await report(2025);
    assert.equal(j.status, 'published');
    assert.equal(j.index_number, doc.index_number);
    await assert.rejects(enterStaffFigures(d, pub.editor, pub.agencyId, 2025, { licensing: 1 }), (e) => e instanceof AppError && e.code === 'report_published');
    // The public exports of the published report; none for an unpublished year.
    const pubJson = await p.server.inject({ url: `/annual-reports/${pub.agencyCode}/2025.json` });
    assert.equal(pubJson.statusCode, 200);
    assert.deepEqual((pubJson.json() as AnnualReportJson).table3.rows.map((x) => x.values), j.table3.rows.map((x) => x.values));
    assert.match((await p.server.inject({ url: `/annual-reports/${pub.agencyCode}/2025.csv` })).body, /（七）总计,3,0,1,0,0,0,4/);
    assert.match((await p.server.inject({ url: `/annual-reports/${pub.agencyCode}/2025.html` })).body, /<h1>丙市2025年政府信息公开工作年度报告<\/h1>/);
    assert.equal((await p.server.inject({ url: `/annual-reports/${pub.agencyCode}/2026.json` })).statusCode, 404);

    const n1 = await report(2026);
    assert.deepEqual(row(n1, 'carried_over'), row(j, 'carried_forward'), '二 of 2026 = 四 of 2025');
    assert.deepEqual(row(n1, 'disclosed'), [0, 0, 0, 0, 0, 1, 1]);
    assert.deepEqual(row(n1, 'carried_forward'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(n1.table4.rows[0]?.values.slice(5, 10), [0, 1, 0, 0, 1], 'the 2025 lawsuit, decided (corrected) in 2026');
    assert.deepEqual(n1.table2.parts[0]?.rows.map((x) => x.values), [[0, 0, 0], [0, 0, 1]]);
    assert.deepEqual(broken(n1), []);
    // A correction of 二 in 2026 breaks the carry-over from the published 2025 report.
    await correctFigure(d, pub.editor, pub.agencyId, 2026, { table: 'table3', row: 'carried_over', column: 6, value: 3, reason: '试验性更正' });
    assert.ok(broken(await report(2026)).includes('table3.carry_over.total'));
  });
});
