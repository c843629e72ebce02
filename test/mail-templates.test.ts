import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { mailSettings } from '../src/config/mail-settings.js';
import { classifySmtpError } from '../src/jobs/mail/mailer.js';
import { TemplateError } from '../src/jobs/mail/layout.js';
import { DEFAULT_TEMPLATES, parsePayload, renderMessage } from '../src/jobs/mail/templates.js';
import { backoffMs, DEFAULT_RETRY, messageIdFor } from '../src/jobs/outbox-delivery.js';
import type { Json } from '../src/store/repos/outbox-repo.js';

describe('mail settings', () => {
  test('defaults: no SMTP (mail is held), From on the public host, reminders 3 working days ahead', () => {
    assert.deepEqual(mailSettings({}, 'https://gongkai.example.gov.cn'), {
      mail: { smtpUrl: null, mailFrom: 'noreply@gongkai.example.gov.cn', reminderDueSoonDays: 3, mailDir: null, mailEventsSecret: null },
    });
    assert.equal(loadConfig({ GONGKAI_SMTP_URL: 'smtp://u:p@mail.example:587' }).mail.smtpUrl, 'smtp://u:p@mail.example:587');
  });

  test('a bad URL is refused without repeating it (it may hold a password)', () => {
    assert.throws(() => mailSettings({ GONGKAI_SMTP_URL: 'http://user:s3cret@host' }, 'http://x'), (e: Error) => !e.message.includes('s3cret'));
    assert.throws(() => mailSettings({ GONGKAI_SMTP_URL: 'not a url s3cret' }, 'http://x'), (e: Error) => !e.message.includes('s3cret'));
    assert.throws(() => mailSettings({ GONGKAI_MAIL_FROM: 'nobody' }, 'http://x'), /GONGKAI_MAIL_FROM/);
    assert.throws(() => mailSettings({ GONGKAI_REMINDER_DAYS: '-1' }, 'http://x'), /GONGKAI_REMINDER_DAYS/);
    assert.equal(mailSettings({ GONGKAI_REMINDER_DAYS: '5', GONGKAI_MAIL_FROM: '公开 <a@b.cn>' }, 'http://x').mail.reminderDueSoonDays, 5);
  });
});

describe('delivery rules', () => {
  test('backoff doubles from the base and stops at the cap', () => {
    const p = { baseMs: 1000, maxMs: 5000, maxAttempts: 9 };
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(p, n)), [1000, 2000, 4000, 5000, 5000]);
    assert.equal(backoffMs(DEFAULT_RETRY, 1), 60_000);
  });

  test('only recipient-level SMTP refusals are permanent', () => {
    const err = (responseCode: number) => Object.assign(new Error('refused'), { responseCode });
    assert.equal(classifySmtpError(err(550)).permanent, true);
    assert.equal(classifySmtpError(err(553)).permanent, true);
    assert.equal(classifySmtpError(err(451)).permanent, false);
    assert.equal(classifySmtpError(err(535)).permanent, false, 'bad credentials are a configuration problem: retry');
    assert.equal(classifySmtpError(new Error('connect ECONNREFUSED')).permanent, false);
  });

  test('the Message-ID is a function of the outbox id alone', () => {
    assert.equal(messageIdFor('0b9c', 'gongkai.test'), '<0b9c@gongkai.test>');
  });
});

describe('message templates', () => {
  // One sample payload per family of message, each carrying a value that needs escaping and a
  // link with a query string, so every template is held to the same rules.
  const mark = 'GK"<x>';
  const link = '/admin/requests/a?b=1&c=2';
  const event = { event_kind: 'document.published', title: mark, index_number: 'X/2026-00001', path: link, agency_zh: mark, agency_en: mark, note: mark };
  const samples: Record<string, Record<string, Json>> = {
    reminder: { trackingNumber: mark, dueDate: '2026-03-06', workingDaysLeft: 2, role: 'supervisor', path: '/admin/requests/a?b=1&c=2', overdueSince: '2026-03-07' },
    request: { tracking_number: mark, request_id: 'a?b=1&c=2', audience: 'staff', submitted_on: '2026-03-02', received_on: '2026-03-02', due_date: '2026-03-30', supplement_by: '2026-03-20', days: 20, amount_fen: 12345, due_on: '2026-03-20', replied_on: '2026-03-25' },
    subscription: { label: mark, frequency: 'daily', confirm_path: link, manage_path: link, unsubscribe_path: link, ...event, labels: [mark], period: mark, groups: [{ label: mark, events: [event], more: 1 }] },
    report: { agencyName: mark, year: '2026', dueBy: '2027-01-31', path: '/admin/requests/a?b=1&c=2' },
    consultation: { consultation_id: 'c', title: mark, path: link, expires_at: '2026-03-04T02:00:00.000Z', time_zone: 'Asia/Shanghai', reason: mark },
    webhook: { url: mark, agencyName: mark, failingSince: '2026-03-02T01:00:00.000Z', path: '/admin/requests/a?b=1&c=2' },
    message: { trackingNumber: mark, agency: mark, fromAgency: mark, reason: mark, dueDate: '2026-03-09', overdueSince: '2026-03-10', answeredOn: '2026-03-05', channel: 'information_request', note: mark, link: '/requests/new?agency=x&y=1', path: '/admin/requests/a?b=1&c=2' },
  };

  test('every template renders in both locales, deterministically, with text and escaped HTML', () => {
    for (const kind of Object.keys(DEFAULT_TEMPLATES)) {
      const p = samples[kind.split('.')[0] ?? ''];
      assert.ok(p, `a sample payload for ${kind}`);
      for (const locale of ['zh-CN', 'en'] as const) {
        const a = renderMessage(DEFAULT_TEMPLATES, kind, p, locale, 'https://g.example');
        assert.deepEqual(renderMessage(DEFAULT_TEMPLATES, kind, p, locale, 'https://g.example'), a);
        assert.ok(a.subject.includes(mark), `${kind}: the subject is plain text`);
        assert.ok(a.text.includes('https://g.example/admin/requests/a?b=1&c=2'), `${kind}: the text has the link`);
        assert.ok(a.html.includes('GK&quot;&lt;x&gt;'), `${kind}: the HTML escapes`);
        assert.ok(a.html.includes('href="https://g.example/admin/requests/a?b=1&amp;c=2"'), `${kind}: the link is escaped`);
        assert.ok(!a.html.includes('<x>'));
      }
    }
  });

  test('a payload that does not fit, an unknown kind, or bad JSON is a TemplateError', () => {
    assert.throws(() => renderMessage(DEFAULT_TEMPLATES, 'reminder.due_soon', { trackingNumber: 1 }, 'en', ''), TemplateError);
    assert.throws(() => renderMessage(DEFAULT_TEMPLATES, 'no.such.kind', {}, 'en', ''), /no template/);
    assert.throws(() => parsePayload('[1,2]'), TemplateError);
    assert.throws(() => parsePayload('{'), SyntaxError);
  });
});
