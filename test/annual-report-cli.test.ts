import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoCode } from '../src/commands/seed-demo.js';
import { TABLE3_ROWS } from '../src/domain/reports/report-format.js';
import { dropPostgresSchema, openPostgres } from '../src/store/dialect/dialect.js';
import { newSchemaName } from './helpers/dialects.js';

const ROOT = join(import.meta.dirname, '..');

/** `gongkai annual-report`: the draft of an agency without records, in each format; bad input exits 3 or 4. */
describe('gongkai annual-report', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-ar-cli-'));
  const env: Record<string, string> = { ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' } as Record<string, string>; // process.env values are strings here
  let schema: string | undefined;
  const code = demoCode('960100', 7);
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { env, encoding: 'utf8', cwd: ROOT });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      schema = newSchemaName();
      const h = await openPostgres(url, { schema });
      await h.close();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = u.toString();
    } else {
      delete env.DATABASE_URL;
    }
    assert.equal(run(['migrate']).code, 0);
    const file = join(dataDir, 'agencies.csv');
    writeFileSync(file, `code,parent_code,level,name_zh,name_en,phone\n${code},,province,报告省,Report Province,0960-1\n`);
    assert.equal(run(['agency', 'import', file]).code, 0);
  });
  after(async () => {
    if (schema && process.env.DATABASE_URL) await dropPostgresSchema(process.env.DATABASE_URL, schema);
  });

  test('JSON: table2/table3/table4 as { columns, rows: [{ label, values }] } and identities', () => {
    const r = run(['annual-report', '--agency', code, '--year', '2025', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { status: string; table3: { columns: string[]; rows: { label: string; values: number[] }[] }; table4: { columns: string[]; rows: { values: number[] }[] }; table2: { rows: unknown[] }; identities: { holds: boolean }[] };
    assert.equal(j.status, 'not_started');
    assert.deepEqual(j.table3.rows.map((x) => x.label), TABLE3_ROWS.map((x) => x.label));
    assert.ok(j.table3.rows.every((x) => x.values.length === 7 && x.values.every((v) => v === 0)));
    assert.equal(j.table4.rows[0]?.values.length, 15);
    assert.equal(j.table2.rows.length, 6);
    assert.ok(j.identities.length > 0 && j.identities.every((i) => i.holds));
  });

  test('CSV and HTML', () => {
    const csv = run(['annual-report', '--agency', code, '--year', '2025', '--format', 'csv']);
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /^报告省2025年政府信息公开工作年度报告\r\n/);
    assert.match(csv.out, /项目,自然人,法人或其他组织 商业企业,/);
    const html = run(['annual-report', '--agency', code, '--year', '2025', '--format', 'html']);
    assert.match(html.out, /^<!doctype html>/);
    assert.match(html.out, /<h2>六、其他需要报告的事项<\/h2>/);
  });

  test('a bad format exits 3, an unknown agency 4, each with one line', () => {
    const bad = run(['annual-report', '--agency', code, '--year', '2025', '--format', 'xml']);
    assert.equal(bad.code, 3);
    assert.equal(bad.err.trim().split('\n').length, 1);
    assert.equal(run(['annual-report', '--agency', 'NOPE', '--year', '2025']).code, 4);
  });
});
