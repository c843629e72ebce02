import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { enqueue } from '../src/store/repos/outbox-repo.js';
import { TEST_SCRYPT } from './helpers/app.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const ROOT = join(import.meta.dirname, '..');

// The CLI opens the store named by its environment; the SQLite file in a temp data dir keeps this
// test from touching a shared PostgreSQL database (the delivery itself is tested on both stores).
describe('gongkai worker --once [sqlite]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-worker-cli-'));
  const base = { GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLIC_URL: 'http://cli.test' };
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    const app = await openApp(loadConfig(base), { passwordCost: TEST_SCRYPT });
    await app.deps.db.transaction().execute((trx) =>
      enqueue(trx, {
        kind: 'reminder.overdue',
        channel: 'email',
        recipient: { email: 'cli@example.test' },
        locale: 'en',
        payload: { trackingNumber: 'GK-CLI', dueDate: '2026-03-06', overdueSince: '2026-03-07', role: 'officer', path: '/admin' },
        createdAt: new Date().toISOString(),
      }),
    );
    await app.close();
  });
  after(() => sink.close());

  // Asynchronous: the SMTP sink lives in this process and must keep answering while the child runs.
  const run = (env: Record<string, string>): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...base, ...env };
      delete childEnv.DATABASE_URL;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--once'], { cwd: ROOT, env: childEnv });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (code) => {
        clearTimeout(guard);
        if (code !== 0) reject(new Error(`exit ${code}: ${err}`));
        else resolve(JSON.parse(out) as Record<string, unknown>); // the command prints one JSON object
      });
    });

  test('without SMTP the message is held; with SMTP the next run sends it', async () => {
    assert.equal((await run({})).held, 1);
    assert.equal(sink.messages.length, 0);
    assert.equal((await run({ GONGKAI_SMTP_URL: sink.url, GONGKAI_MAIL_FROM: 'Gongkai <noreply@cli.test>' })).sent, 1);
    assert.equal(sink.messages.length, 1);
    assert.equal(sink.messages[0]?.subject, '[Overdue] Information request GK-CLI has passed its deadline');
    assert.equal(sink.messages[0]?.from, 'noreply@cli.test');
    assert.equal((await run({ GONGKAI_SMTP_URL: sink.url })).sent, 0);
  });
});
