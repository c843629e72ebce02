import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CHINA_CASES } from './deadline-cases.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * `gongkai deadline`: only the due date on stdout, one-line errors with exit 3, and no database:
 * the environment points at a PostgreSQL server that does not exist and a data directory that
 * cannot be created, so opening the store would fail.
 */
describe('gongkai deadline (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-deadline-'));
  const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', GONGKAI_DATA_DIR: '/proc/forbidden/gongkai' };
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'deadline', ...args], { env, encoding: 'utf8', cwd: ROOT });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  // The same, asynchronous, so that the many cases run side by side (each start loads the whole CLI).
  const runAsync = (args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'deadline', ...args], { env, encoding: 'utf8', cwd: ROOT }, (e, out, err) => {
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out, err });
      });
    });
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  test('China: the hand-computed cases without pauses, stdout is the date alone', async () => {
    const cases = CHINA_CASES.filter((x) => !x.pauseFrom);
    const results = await Promise.all(cases.map((c) => runAsync(['--regime', c.regime, '--from', c.from, ...(c.days ? ['--days', c.days] : [])])));
    for (const [i, c] of cases.entries()) {
      const r = results[i];
      assert.ok(r);
      assert.equal(r.code, 0, `${c.name}: ${r.err}`);
      assert.equal(r.out, `${c.due}\n`, `${c.name}: ${c.why}`);
      if (c.due.startsWith('2027')) assert.match(r.err, /^warning: calendar cn has no holiday data for 2027/m);
      else assert.equal(r.err, '');
    }
  });

  test('UK regime with a custom calendar file that replaces the built-in bank holidays', () => {
    // Built in: Dec 16–19 (4), 22–24 (7), 25–26 off, 29–31 (10), Jan 1 off, 2 (11), 5–9 (16), 12–15 (20).
    assert.equal(run(['--regime', 'uk-foia', '--from', '2025-12-15']).out, '2026-01-15\n');
    // The file adds Christmas Eve: Dec 16–19 (4), 22–23 (6), 24–26 off, 29–31 (9), Jan 2 (10), 5–9 (15), 12–16 (20).
    const withEve = file('uk-eve.txt', '# office closed on Christmas Eve too\n2025-12-24\n2025-12-25\n2025-12-26 # Boxing Day\n\n2026-01-01\n');
    const r = run(['--regime', 'uk-foia', '--from', '2025-12-15', '--calendar', withEve]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '2026-01-16\n');
    // Replacing, not adding: a file without Christmas makes 25–26 Dec working days again.
    // Dec 16–19 (4), 22–26 (9), 29–31 (12), Jan 1 (13), Jan 2 off, 5–9 (18), 12–13 (20).
    const only = file('uk-only.txt', '2026-01-02\n');
    assert.equal(run(['--regime', 'uk-foia', '--from', '2025-12-15', '--calendar', only]).out, '2026-01-13\n');
    // --days with a custom file: 5 working days from Mon 2025-12-22 with the Christmas file: 23 (1), 29–31 (4), Jan 2 (5).
    assert.equal(run(['--regime', 'uk-foia', '--from', '2025-12-22', '--days', '5', '--calendar', withEve]).out, '2026-01-02\n');
    // A custom file for China replaces the adjusted working days too: Sat 2025-02-08 is a weekend again.
    const cn = file('cn.txt', '2025-01-28\n2025-01-29\n2025-01-30\n2025-01-31\n2025-02-03\n2025-02-04\n');
    // Feb 5–7 (3), 10–14 (8): 8 working days from Jan 27.
    assert.equal(run(['--regime', 'cn-ogi', '--from', '2025-01-27', '--days', '8', '--calendar', cn]).out, '2025-02-14\n');
  });

  test('a year the custom file does not cover warns on stderr, still prints the date', () => {
    const f = file('uk-2025.txt', '2025-12-25\n2025-12-26\n');
    const r = run(['--regime', 'uk-foia', '--from', '2025-12-15', '--calendar', f]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d{4}-\d{2}-\d{2}\n$/);
    assert.match(r.err, /no holiday data for 2026/);
  });

  test('bad input: one line on stderr, nothing on stdout, exit 3; usage errors exit 2', () => {
    for (const args of [
      ['--regime', 'cn-ogi', '--from', '2025-13-01'],
      ['--regime', 'nope', '--from', '2025-01-01'],
      ['--regime', 'cn-ogi', '--from', '2025-01-01', '--days', 'ten'],
      ['--regime', 'uk-foia', '--from', '2025-01-01', '--calendar', join(dir, 'missing.txt')],
      ['--regime', 'uk-foia', '--from', '2025-01-01', '--calendar', file('bad.txt', '2025-12-25\n25/12/2025\n')],
    ]) {
      const r = run(args);
      assert.equal(r.code, 3, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^error: /);
    }
    assert.match(run(['--regime', 'uk-foia', '--from', '2025-01-01', '--calendar', join(dir, 'bad.txt')]).err, /line 2/);
    assert.equal(run(['--from', '2025-01-01']).code, 2);
  });
});
