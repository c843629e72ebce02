import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/commands/actor.js';
import { issueFeeNotice } from '../src/commands/requests/issue-fee-notice.js';
import { proposeProactiveDisclosure } from '../src/commands/requests/propose-publication.js';
import { recordNonPayment } from '../src/commands/requests/record-non-payment.js';
import { recordPayment } from '../src/commands/requests/record-payment.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { replyToRequest } from '../src/commands/requests/reply-request.js';
import { submitOnline } from '../src/commands/requests/submit-online.js';
import { AppError } from '../src/domain/errors.js';
import { revisionDetail } from '../src/queries/staff-documents.js';
import { art44Candidates, requestDetail } from '../src/queries/staff-requests.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, seedTree } from './helpers/factories.js';
import { application, beijing } from './helpers/requests.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('requests: fees at the tier boundaries, non-payment, repeats, Art. 44', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let officer: Actor;
  let editor: Actor;
  const at = (date: string) => p.clock.set(beijing(date));
  const register = (over: Parameters<typeof application>[0] = {}) => registerOffline(p.app.deps, officer, t.county1.id, { ...application(over), channel: 'in_person' });
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    t = await seedTree(d);
    officer = await actorFor(d, await makeStaff(d, 'fee-officer', t.county1, 'request_officer'));
    editor = await actorFor(d, await makeStaff(d, 'fee-editor', t.county1, 'editor'));
  });
  after(async () => p.dispose());

  test('per volume (按量): 30 pages free, 31st at CNY 10, 101st at 20, 201st at 40, in fen', async () => {
    at('2026-03-02');
    const cases: [number, number][] = [[31, 1_000], [100, 70_000], [101, 72_000], [150, 170_000], [200, 270_000], [201, 274_000]];
    for (const [pages, fen] of cases) {
      const r = await register({ title: `按量收费 ${pages} 页`, id_number: `VOL${pages}` });
      const q = await issueFeeNotice(p.app.deps, officer, r.requestId, { method: 'per_volume', pages });
      assert.equal(q.totalFen, fen, `${pages} pages`);
      assert.equal(q.lines.reduce((s, l) => s + l.subtotalFen, 0), fen);
    }
    const free = await register({ title: '按量收费 30 页', id_number: 'VOL30' });
    await assert.rejects(issueFeeNotice(p.app.deps, officer, free.requestId, { method: 'per_volume', pages: 30 }), (e) => code(e) === 'no_fee_due');
  });

  test('per request (按件): the applicant\'s 1st–10th in a month are free, 11th–30th CNY 100, 31st CNY 200', async () => {
    const d = p.app.deps;
    at('2026-03-03');
    const ids: string[] = [];
    for (let n = 1; n <= 31; n += 1) ids.push((await register({ title: `按件收费第${n}件`, id_number: '110101198001010053' })).requestId);
    const quote = async (n: number) => issueFeeNotice(d, officer, ids[n - 1] ?? '', { method: 'per_request' });
    await assert.rejects(quote(10), (e) => code(e) === 'no_fee_due');
    assert.equal((await quote(11)).totalFen, 10_000);
    assert.equal((await quote(30)).totalFen, 10_000);
    const q31 = await quote(31);
    assert.equal(q31.totalFen, 20_000);
    assert.equal(q31.units, 31);
    // A new calendar month starts the count again.
    at('2026-04-01');
    const april = await register({ title: '四月第一件', id_number: '110101198001010053' });
    await assert.rejects(issueFeeNotice(d, officer, april.requestId, { method: 'per_request' }), (e) => code(e) === 'no_fee_due');
    // One method per notice; the request waits for payment, which must match the notice.
    const r11 = ids[10] ?? '';
    assert.equal((await requestDetail(d, officer, r11)).req.state, 'fee_pending');
    await assert.rejects(replyToRequest(d, officer, r11, { outcome: 'disclosed', text: '' }), (e) => code(e) === 'fee_pending');
    await assert.rejects(recordPayment(d, officer, r11, { amountFen: 9_999 }), (e) => code(e) === 'validation_failed');
    await recordPayment(d, officer, r11, { amountFen: 10_000 });
    const paid = await requestDetail(d, officer, r11);
    assert.equal(paid.req.state, 'in_progress');
    assert.deepEqual(paid.fees.map((f) => [f.status, f.paid_fen]), [['paid', 10_000]]);
  });

  test('non-payment by the deadline closes the request as 其他处理 2', async () => {
    const d = p.app.deps;
    at('2026-03-02');
    const r = await register({ title: '不缴费的申请', id_number: 'NOPAY1' });
    const q = await issueFeeNotice(d, officer, r.requestId, { method: 'per_volume', pages: 40 });
    // 20 working days after Mon 2 Mar 2026: Mon 30 Mar.
    assert.equal(q.dueOn, '2026-03-30');
    at('2026-03-30');
    await assert.rejects(recordNonPayment(d, officer, r.requestId), (e) => code(e) === 'payment_deadline_not_passed');
    at('2026-03-31');
    await recordNonPayment(d, officer, r.requestId);
    const det = await requestDetail(d, officer, r.requestId);
    assert.equal(det.req.state, 'closed');
    assert.equal(det.req.outcome_code, 'other.fee_unpaid');
    assert.equal(det.outcome?.code, 'other.fee_unpaid');
    assert.match(det.outcome?.basis ?? '', /国办函〔2020〕109号/);
    assert.equal(det.fees[0]?.status, 'unpaid');
    assert.equal(det.deadlines?.status, 'closed');
    await assert.rejects(recordNonPayment(d, officer, r.requestId), (e) => code(e) === 'fee_not_pending');
  });

  test('repeat detection: the same applicant asking again for the same information', async () => {
    const d = p.app.deps;
    at('2026-03-04');
    const first = await submitOnline(d, t.county1.id, application({ title: '2025年 道路维修资金，使用情况', id_number: '11010119900307003x' }));
    assert.equal(first.repeatOf, null);
    // Same identity (case), same description up to spaces, punctuation and full-width forms.
    const again = await submitOnline(d, t.county1.id, application({ title: '２０２５年道路维修资金使用情况。', id_number: '11010119900307003X' }));
    assert.equal(again.repeatOf, first.trackingNumber);
    assert.equal((await requestDetail(d, officer, again.requestId)).repeatOf?.tracking_number, first.trackingNumber);
    const otherPerson = await submitOnline(d, t.county1.id, application({ title: '2025年道路维修资金使用情况', id_number: '110101199003070046' }));
    assert.equal(otherPerson.repeatOf, null);
    const otherInfo = await submitOnline(d, t.county1.id, application({ title: '2024年道路维修资金使用情况', id_number: '11010119900307003X' }));
    assert.equal(otherInfo.repeatOf, null);
    const otherAgency = await submitOnline(d, t.county2.id, application({ title: '2025年道路维修资金使用情况', id_number: '11010119900307003X' }));
    assert.equal(otherAgency.repeatOf, null);
  });

  test('Art. 44: several applicants, disclosed: listed for editors, one action creates a linked draft', async () => {
    const d = p.app.deps;
    at('2026-03-05');
    const ids: string[] = [];
    for (const idn of ['ART44A', 'ART44B', 'ART44C']) {
      const r = await register({ title: '县城污水处理厂2025年运行数据', id_number: idn });
      await replyToRequest(d, officer, r.requestId, { outcome: idn === 'ART44C' ? 'partially_disclosed' : 'disclosed', text: '予以公开。' });
      ids.push(r.requestId);
    }
    const single = await register({ title: '只有一人申请的信息', id_number: 'ART44A' });
    await replyToRequest(d, officer, single.requestId, { outcome: 'disclosed', text: '予以公开。' });
    const cands = await art44Candidates(d, editor);
    const group = cands.find((c) => c.title === '县城污水处理厂2025年运行数据');
    assert.equal(group?.applicants, 3);
    assert.deepEqual(group?.requests.map((r) => r.id).sort(), [...ids].sort());
    assert.equal(cands.some((c) => c.title === '只有一人申请的信息'), false);
    await assert.rejects(proposeProactiveDisclosure(d, editor, [single.requestId], draftInput()), (e) => code(e) === 'validation_failed');
    await assert.rejects(proposeProactiveDisclosure(d, officer, ids, draftInput({ title: '县城污水处理厂2025年运行数据' })), (e) => code(e) === 'forbidden');
    const { documentId, revisionId } = await proposeProactiveDisclosure(d, editor, ids, draftInput({ title: '县城污水处理厂2025年运行数据', date_formed: '2026-03-05' }));
    assert.equal((await revisionDetail(d, editor, revisionId)).rev.state, 'draft');
    for (const id of ids) assert.deepEqual((await requestDetail(d, officer, id)).linkedDocumentIds, [documentId]);
    assert.equal((await art44Candidates(d, editor)).some((c) => c.title === '县城污水处理厂2025年运行数据'), false);
    await assert.rejects(proposeProactiveDisclosure(d, editor, ids, draftInput()), (e) => code(e) === 'art44_not_eligible');
  });
});
