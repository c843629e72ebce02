import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dropPostgresSchema, openPostgres } from '../src/store/dialect/dialect.js';
import type { Command } from 'commander';
import { buildCli } from '../src/cli.js';
import { demoCode } from '../src/commands/seed-demo.js';
import { newSchemaName } from './helpers/dialects.js';

const ROOT = join(import.meta.dirname, '..');

describe('gongkai CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
  const env: Record<string, string> = { ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' } as Record<string, string>;
  let schema: string | undefined;

  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      // Point the CLI at a private schema of the test database.
      schema = newSchemaName();
      const h = await openPostgres(url, { schema });
      await h.close();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = u.toString();
    } else {
      delete env.DATABASE_URL;
    }
  });
  after(async () => {
    if (schema && process.env.DATABASE_URL) await dropPostgresSchema(process.env.DATABASE_URL, schema);
  });

  const run = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { env, input, encoding: 'utf8', cwd: ROOT });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test('--help works on the command and every subcommand', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Usage: gongkai/);
    assert.equal(run(['user', 'add', '--help']).code, 0);
    // Every subcommand, at every depth, in-process (one process start each would take minutes).
    const seen: string[] = [];
    const walk = (cmd: Command, path: string[]): void => {
      for (const sub of cmd.commands) {
        const p = [...path, sub.name()];
        const help = sub.helpInformation();
        assert.match(help, new RegExp(`^Usage: gongkai ${p.join(' ')}`), p.join(' '));
        assert.ok(sub.description().length > 0, `${p.join(' ')} has a description`);
        seen.push(p.join(' '));
        walk(sub, p);
      }
    };
    walk(buildCli(), []);
    for (const c of ['serve', 'migrate', 'seed-demo', 'user add', 'user passwd', 'user grant', 'user revoke', 'agency import', 'worker', 'reindex', 'annual-report', 'export', 'deadline', 'verify', 'audit']) assert.ok(seen.includes(c), `gongkai ${c} exists`);
  });

  test('an unknown command is a usage error (exit 2) with one line of explanation', () => {
    const r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command/);
  });

  test('migrate applies the schema once', () => {
    const first = run(['migrate']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /applied: 001-foundation/);
    const second = run(['migrate']);
    assert.equal(second.out.trim(), 'schema is up to date');
  });

  test('agency import is all-or-nothing and names the bad line', () => {
    const prov = demoCode('970000', 1);
    const city = demoCode('970100', 2);
    const bad = demoCode('970100', 3).slice(0, 17) + 'Q';
    const file = join(dataDir, 'agencies.csv');
    writeFileSync(file, `\uFEFFcode,parent_code,level,name_zh,name_en,phone\n${prov},,province,测试省,Test Province,0970-1\n${city},${prov},city,测试市,Test City,0970-2\n${bad},${city},department,坏局,Bad,\n`);
    const r = run(['agency', 'import', file]);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /line 4: code/);
    assert.equal(r.err.trim().split('\n').length, 1, 'one line, no stack');
    writeFileSync(file, `code,parent_code,level,name_zh,name_en,phone\n${prov},,province,测试省,Test Province,0970-1\n${city},${prov},city,测试市,Test City,0970-2\n`);
    const ok = run(['agency', 'import', file]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /imported 2 agencies/);
  });

  test('user add, grant, revoke, passwd', () => {
    const city = demoCode('970100', 2);
    const add = run(['user', 'add', '--username', 'cli-editor', '--name', 'CLI 编辑', '--agency', city, '--role', 'editor', '--password-stdin'], 'a long enough password\n');
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /created cli-editor/);
    const dup = run(['user', 'add', '--username', 'cli-editor', '--name', 'x', '--agency', city, '--password', 'another long password']);
    assert.equal(dup.code, 5, 'duplicate username is a conflict');
    assert.match(dup.err, /duplicate_username/);
    const weak = run(['user', 'add', '--username', 'weak', '--name', 'x', '--agency', city, '--password', 'short']);
    assert.equal(weak.code, 3);
    const grant = run(['user', 'grant', 'cli-editor', 'reviewer', city]);
    assert.equal(grant.code, 0, grant.err);
    const badRole = run(['user', 'grant', 'cli-editor', 'emperor', city]);
    assert.equal(badRole.code, 3);
    const revoke = run(['user', 'revoke', 'cli-editor', 'reviewer', city]);
    assert.equal(revoke.code, 0, revoke.err);
    const again = run(['user', 'revoke', 'cli-editor', 'reviewer', city]);
    assert.equal(again.code, 4, 'revoking a missing grant is not found');
    const pw = run(['user', 'passwd', 'cli-editor']);
    assert.equal(pw.code, 0, pw.err);
    assert.match(pw.out, /password changed: \S{12,}/, 'a generated password is printed once');
    const nobody = run(['user', 'passwd', 'nobody', '--password', 'whatever long one']);
    assert.equal(nobody.code, 4);
    assert.doesNotMatch(nobody.err, /\n\s+at /, 'no stack trace');
  });

  test('seed-demo prints log-ins once', () => {
    const first = run(['seed-demo']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /demo-admin\s+\S{16}/);
    const second = run(['seed-demo']);
    assert.match(second.out, /already present/);
  });

  test('a missing CSV file is a clear one-line error', () => {
    const r = run(['agency', 'import', join(dataDir, 'nope.csv')]);
    assert.equal(r.code, 3);
    assert.match(r.err, /cannot read .*ENOENT/);
  });
});
