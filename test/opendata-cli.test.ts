import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { dropPostgresSchema, openPostgres } from '../src/store/dialect/dialect.js';
import { newSchemaName } from './helpers/dialects.js';
import { TEST_SCRYPT } from './helpers/app.js';
import { makePublisher, publishDocument } from './helpers/publish.js';

const ROOT = join(import.meta.dirname, '..');

/** `gongkai export` from the command line, on the store named by DATABASE_URL (SQLite file otherwise). */
describe('gongkai export', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-export-cli-'));
  const env: Record<string, string> = { ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLIC_URL: 'http://gongkai.test' } as Record<string, string>; // process.env values are strings here
  let schema: string | undefined;
  const bytes = Buffer.from('序号,名称\n1,测试\n', 'utf8');
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
    // Seed through the real workflow in-process, on the same store the CLI opens.
    const app = await openApp(loadConfig(env), { passwordCost: TEST_SCRYPT });
    try {
      const pub = await makePublisher(app.deps, 'odcli');
      await publishDocument(app.deps, pub, { title: '命令行导出文件甲' }, [{ name: '清单.csv', bytes }]);
      await publishDocument(app.deps, pub, { title: '命令行导出文件乙', doc_number: '丙政办发〔2026〕9号' });
    } finally {
      await app.close();
    }
  });
  after(async () => {
    if (schema && process.env.DATABASE_URL) await dropPostgresSchema(process.env.DATABASE_URL, schema);
  });

  test('without --out or --refresh: a usage error (exit 3)', () => {
    const r = run(['export']);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /--out/);
  });

  test('--out <dir>: the files, their gzip twins and a manifest whose hashes match the bytes; a progress bar on stderr', () => {
    const dir = join(dataDir, 'out');
    const r = run(['export', '--out', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /export \[.*\] 2\/2 documents/);
    const summary = JSON.parse(r.out) as { documents: number; attachments: number; files: { name: string; sha256: string; size: number }[] };
    assert.equal(summary.documents, 2);
    assert.equal(summary.attachments, 1);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string; size: number; rows: number }[] };
    assert.equal(manifest.files.length, 8);
    for (const f of manifest.files) {
      const b = readFileSync(join(dir, f.name));
      assert.equal(createHash('sha256').update(b).digest('hex'), f.sha256, f.name);
      assert.equal(b.length, f.size);
    }
    assert.ok(!existsSync(join(dir, 'documents.jsonl.part')), 'no partial files left');
    const lines = readFileSync(join(dir, 'documents.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { title: string; attachments: { sha256: string }[] });
    assert.deepEqual(lines.map((l) => l.title).sort(), ['命令行导出文件乙', '命令行导出文件甲']);
    assert.equal(lines.find((l) => l.title === '命令行导出文件甲')?.attachments[0]?.sha256, createHash('sha256').update(bytes).digest('hex'));
  });

  test('--refresh: records a run of the served files each time it is asked (the daily limit is the job\'s)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = run(['export', '--refresh', '--no-progress']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const s = JSON.parse(r.out) as { run: string; documents: number; files: { name: string }[] };
      assert.equal(s.documents, 2);
      assert.equal(s.files.length, 8);
    }
    const app = await openApp(loadConfig(env), { passwordCost: TEST_SCRYPT });
    try {
      const runs = await app.deps.db.selectFrom('opendata_runs').selectAll().execute();
      assert.equal(runs.length, 2);
      assert.ok(runs.every((x) => x.trigger === 'cli' && x.job_day === null));
    } finally {
      await app.close();
    }
  });
});
