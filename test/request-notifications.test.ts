import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { confirmReceipt } from '../src/commands/requests/confirm-receipt.js';
import { submitOnline } from '../src/commands/requests/submit-online.js';
import { smtpMailer } from '../src/jobs/mail/mailer.js';
import { notificationsFor } from '../src/jobs/outbox-notifications.js';
import { startWorker } from '../src/jobs/worker.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, makeStaff, seedTree } from './helpers/factories.js';
import { application, beijing } from './helpers/requests.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

describe('request notifications: e-mail to the applicant, console notices to officers, through the outbox', () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  before(async () => {
    p = await buildApp();
    sink = await startSmtpSink();
  });
  after(async () => {
    await sink.close();
    await p.dispose();
  });

  test('submission and confirmation reach the applicant by mail and the officers in the console', async () => {
    const d = p.app.deps;
    const t = await seedTree(d);
    const officerUser = await makeStaff(d, 'n-officer', t.city, 'request_officer');
    const outsider = await makeStaff(d, 'n-other', t.provB, 'request_officer');
    const officer = await actorFor(d, officerUser);
    p.clock.set(beijing('2026-03-02'));
    const r = await submitOnline(d, t.county1.id, application({ email: 'wang.applicant@example.test', name: '王通知' }));
    await confirmReceipt(d, officer, r.requestId);

    const worker = startWorker(d, { mailer: smtpMailer(sink.url), from: 'Gongkai <noreply@gongkai.test>', publicUrl: 'http://gongkai.test', intervalMs: 0 });
    await worker.step();
    await worker.stop();
    const mine = sink.messages.filter((m) => m.to.includes('wang.applicant@example.test'));
    assert.deepEqual(mine.map((m) => m.subject).sort(), [`政府信息公开申请 ${r.trackingNumber} 已确认收到`, `政府信息公开申请 ${r.trackingNumber} 已提交`].sort());
    const confirmed = mine.find((m) => m.subject.includes('确认收到'));
    assert.match(confirmed?.text ?? '', /答复期限为 2026-03-30/);
    assert.doesNotMatch(confirmed?.text ?? '', /王通知/, 'no personal data in the body');

    const notes = await notificationsFor(d, officerUser.id, { locale: 'zh-CN' });
    assert.ok(notes.some((n) => n.title.includes(r.trackingNumber)), 'the officer above the county is told');
    assert.deepEqual(await notificationsFor(d, outsider.id, { locale: 'zh-CN' }), [], 'an officer elsewhere is not');
  });
});
