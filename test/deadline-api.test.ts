import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { CHINA_CASES } from './deadline-cases.js';

interface DeadlineJson {
  due_date: string;
  overdue_from: string;
  days: number;
  counted_days: string[];
  skipped_days: { date: string; reason: string }[];
  extension: { days: number; due_date: string; overdue_from: string } | null;
  correction_notice_due: string | null;
  pause: { days: number } | null;
  warnings: { code: string; calendar?: string; year?: number }[];
}

describe('GET /api/v1/deadline and the /deadline page', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  const get = (qs: Record<string, string>) => p.server.inject({ method: 'GET', url: `/api/v1/deadline?${new URLSearchParams(qs).toString()}` });

  test('bad input is a 400 naming each field', async () => {
    const missing = await p.server.inject({ method: 'GET', url: '/api/v1/deadline' });
    assert.equal(missing.statusCode, 400);
    const cases: [Record<string, string>, string, string][] = [
      [{ regime: 'cn-ogi', from: '2025-02-30' }, 'from', 'bad_date'],
      [{ regime: 'xx', from: '2025-02-03' }, 'regime', 'bad_regime'],
      [{ regime: 'cn-ogi', from: '2025-02-03', days: '0' }, 'days', 'bad_day_count'],
      [{ regime: 'cn-ogi', from: '2025-02-03', days: '2.5' }, 'days', 'bad_day_count'],
      [{ regime: 'cn-ogi', from: '2025-02-03', calendar: 'mars' }, 'calendar', 'bad_calendar'],
      [{ regime: 'uk-foia', from: '2025-02-03', pause_from: '2025-02-04', pause_to: '2025-02-05' }, 'pause_from', 'pause_not_allowed'],
      [{ regime: 'cn-ogi', from: '2025-02-03', pause_from: '2025-02-04' }, 'pause_to', 'pause_incomplete'],
      [{ regime: 'cn-ogi', from: '2025-02-03', pause_from: '2025-02-01', pause_to: '2025-02-05' }, 'pause_from', 'pause_before_receipt'],
    ];
    for (const [qs, field, code] of cases) {
      const r = await get(qs);
      assert.equal(r.statusCode, 400, JSON.stringify(qs));
      const body = r.json() as { error: { code: string; fields: { field: string; code: string; message?: string }[] } };
      assert.equal(body.error.code, 'validation_failed');
      assert.ok(body.error.fields.some((f) => f.field === field && f.code === code && (f.message ?? '').length > 0), `${JSON.stringify(qs)} → ${JSON.stringify(body.error.fields)}`);
    }
    const extra = await get({ regime: 'cn-ogi', from: '2025-02-03', foo: '1' });
    assert.equal(extra.statusCode, 400);
  });

  for (const c of CHINA_CASES) {
    test(`China: ${c.name} → ${c.due}`, async () => {
      const qs: Record<string, string> = { regime: c.regime, from: c.from };
      if (c.days) qs.days = c.days;
      if (c.pauseFrom && c.pauseTo) Object.assign(qs, { pause_from: c.pauseFrom, pause_to: c.pauseTo });
      const r = await get(qs);
      assert.equal(r.statusCode, 200, r.body);
      const b = r.json() as DeadlineJson;
      assert.equal(b.due_date, c.due, c.why);
      assert.equal(b.counted_days.length, b.days);
      assert.equal(b.counted_days[b.counted_days.length - 1], c.due);
      assert.ok(b.counted_days.every((d) => d > c.from));
      if (c.extended) assert.equal(b.extension?.due_date, c.extended, c.why);
      if (c.correction) assert.equal(b.correction_notice_due, c.correction, c.why);
      const wantWarning = c.due.startsWith('2027');
      assert.equal(b.warnings.some((w) => w.code === 'calendar_year_without_data' && w.year === 2027), wantWarning, JSON.stringify(b.warnings));
      if (!wantWarning) assert.deepEqual(b.warnings, []);
    });
  }

  test('overdue from the day after; skipped days say why; the pause is reported', async () => {
    const b = (await get({ regime: 'cn-ogi', from: '2025-09-26' })).json() as DeadlineJson;
    assert.equal(b.overdue_from, '2025-10-31');
    const reasons = new Map(b.skipped_days.map((s) => [s.date, s.reason]));
    assert.equal(reasons.get('2025-09-27'), 'weekend');
    assert.equal(reasons.get('2025-10-01'), 'holiday');
    assert.equal(reasons.has('2025-09-28'), false, 'the adjusted Sunday counts');
    assert.ok(b.counted_days.includes('2025-10-11'), 'the adjusted Saturday counts');
    const paused = (await get({ regime: 'cn-ogi', from: '2025-09-15', pause_from: '2025-09-19', pause_to: '2025-09-26' })).json() as DeadlineJson;
    assert.equal(paused.pause?.days, 5);
    assert.equal(paused.skipped_days.find((s) => s.date === '2025-09-22')?.reason, 'paused');
  });

  test('other regimes: UK and US bank holidays, the US +10 extension', async () => {
    // UK: Dec 16–19 (4), 22–24 (7), 25–26 bank holidays, 29–31 (10), Jan 1 bank holiday, Jan 2 (11), 5–9 (16), 12–15 (20).
    const uk = (await get({ regime: 'uk-foia', from: '2025-12-15' })).json() as DeadlineJson;
    assert.equal(uk.due_date, '2026-01-15');
    assert.equal(uk.extension, null);
    // US: Nov 21 (1), 24–26 (4), 27 Thanksgiving, 28 (5), Dec 1–19 (20); +10: Dec 22–24, 26, 29–31, Jan 2, 5, 6.
    const us = (await get({ regime: 'us-foia', from: '2025-11-20' })).json() as DeadlineJson;
    assert.equal(us.due_date, '2025-12-19');
    assert.equal(us.extension?.due_date, '2026-01-06');
    // EU has no built-in holidays: every year warns.
    const eu = (await get({ regime: 'eu-1049', from: '2025-12-15' })).json() as DeadlineJson;
    assert.deepEqual(eu.warnings.map((w) => w.year), [2025, 2026]);
  });

  test('the page: form without JavaScript, result with explanation, errors in place, both languages', async () => {
    const empty = await p.server.inject({ method: 'GET', url: '/deadline' });
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<form method="get" action="\/deadline"/);
    const zh = await p.server.inject({ method: 'GET', url: '/deadline?regime=cn-ogi&from=2025-09-26' });
    assert.equal(zh.statusCode, 200);
    assert.match(zh.body, /2025-10-30/);
    assert.match(zh.body, /2025-11-27/);
    assert.match(zh.body, /调休上班日/);
    assert.match(zh.body, /法定节假日/);
    assert.match(zh.body, /第 20 日/);
    const en = await p.server.inject({ method: 'GET', url: '/en/deadline?regime=cn-ogi&from=2026-12-15' });
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /2027-01-12/);
    assert.match(en.body, /has no holiday schedule for 2027/);
    const bad = await p.server.inject({ method: 'GET', url: '/deadline?regime=cn-ogi&from=2025-02-30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /error-summary/);
    assert.match(bad.body, /href="#f-from"/);
    const home = await p.server.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /href="\/deadline"/);
    const docs = await p.server.inject({ method: 'GET', url: '/api/docs' });
    assert.match(docs.body, /\/api\/v1\/deadline/);
  });
});
