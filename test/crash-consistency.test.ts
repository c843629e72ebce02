import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { dropPostgresSchema } from '../src/store/dialect/dialect.js';
import { parseCheckpoint } from '../src/tlog/checkpoint.js';
import { proveConsistency, treeHash, verifyConsistency } from '../src/tlog/merkle.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import { openNote } from '../src/tlog/note.js';
import { TEST_SCRYPT } from './helpers/app.js';
import { newSchemaName } from './helpers/dialects.js';
import { makePublisher } from './helpers/publish.js';

const ROOT = join(import.meta.dirname, '..');
const CHILD = join(ROOT, 'test/fixtures/crash-publisher.ts');
const ROUNDS = 3;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
}

/**
 * Starts `node --import tsx <script> <args>`, feeding each stdout line to `onLine` (which may kill
 * the child), and resolves when it has exited.
 */
function run(script: string, args: string[], env: NodeJS.ProcessEnv, onLine: (line: string, kill: () => void) => void = () => undefined): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const kill = () => void child.kill('SIGKILL');
    createInterface({ input: child.stdout }).on('line', (l) => onLine(l, kill));
    // A stuck child must not hang the suite.
    const guard = setTimeout(kill, 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, err });
    });
  });
}

const kind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

describe(`crash consistency: kill -9 while publishing, restart, audit clean [${kind}] (issue 4 §8)`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-crash-'));
  const url = process.env.DATABASE_URL;
  const schema = url ? newSchemaName() : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLIC_URL: 'http://crash.test' };
  if (schema) env.CRASH_PG_SCHEMA = schema;
  else delete env.DATABASE_URL;
  after(async () => {
    if (schema && url) await dropPostgresSchema(url, schema);
  });

  test(`${ROUNDS} rounds killed at random points: every acknowledged publication is logged, every checkpoint is consistent with the last`, async () => {
    // Seed in process (one child start fewer); the children find the staff by name.
    const seeded = await openApp(loadConfig(env), { passwordCost: TEST_SCRYPT, ...(schema ? { pgSchema: schema } : {}) });
    await makePublisher(seeded.deps, 'crash');
    await seeded.close();

    const acked = new Set<string>();
    const notes: string[] = [];
    const collect = (line: string): boolean => {
      if (line.startsWith('ACK ')) acked.add(line.slice(4));
      else if (line.startsWith('CP ')) notes.push(JSON.parse(line.slice(3)) as string); // the child prints JSON.stringify(note)
      else return false;
      return true;
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Up to ~1 s of publishing, so kills also land inside sequencer steps (every 500 ms).
      const target = 3 + Math.floor(Math.random() * 60);
      let seen = 0;
      const r = await run(CHILD, ['publish'], env, (line, kill) => {
        if (!collect(line) || !line.startsWith('ACK ') || ++seen !== target) return;
        // Kill somewhere inside the next publication or sequencer step, not on an acknowledgement.
        setTimeout(kill, Math.floor(Math.random() * 40));
      });
      assert.equal(r.signal, 'SIGKILL', `round ${round} ended by itself: ${r.err}`);
      assert.ok(seen >= target, `round ${round}: ${seen} acknowledgements`);
    }

    const settle = await run(CHILD, ['settle'], env, (line) => void collect(line));
    assert.equal(settle.code, 0, settle.err);
    assert.ok(notes.length > ROUNDS, `${notes.length} checkpoints seen`);
    const finalNote = notes[notes.length - 1];
    assert.ok(finalNote);

    const app = await openApp(loadConfig(env), { passwordCost: TEST_SCRYPT, ...(schema ? { pgSchema: schema } : {}) });
    try {
      assert.ok(app.tlog);
      const verifier = parseNoteVerifierKey(app.tlog.verifierKey);
      const storage = app.tlog.storage;
      const size = await storage.readTreeSize();
      const final = parseCheckpoint(openNote(finalNote, [verifier]).text);
      assert.equal(final.size, size, 'the settled checkpoint covers the whole tree');
      assert.ok(final.rootHash.equals(await treeHash(storage, size)));

      // Every acknowledged publication has its entry, in the tree.
      const rows = await app.deps.db.selectFrom('tlog_entries').select(['entry', 'leaf_index']).execute();
      const logged = new Map(rows.map((r) => [(JSON.parse(r.entry) as { index_number: string }).index_number, r.leaf_index])); // entries are our own gongkai/v1 JSON
      for (const index of acked) {
        assert.ok(logged.has(index), `acknowledged ${index} has no entry`);
        assert.notEqual(logged.get(index), null, `${index} not sequenced`);
      }
      assert.ok(acked.size >= ROUNDS * 2, `${acked.size} acknowledged publications`);

      // Every checkpoint seen while crashing is a prefix of the final tree (RFC 9162 §2.1.4).
      for (const note of notes) {
        const cp = parseCheckpoint(openNote(note, [verifier]).text);
        assert.ok(cp.size <= final.size);
        const proof = await proveConsistency(storage, cp.size, final.size);
        assert.ok(cp.size === 0 || verifyConsistency(cp.size, final.size, proof, cp.rootHash, final.rootHash), `checkpoint ${cp.size} inconsistent with ${final.size}`);
      }
    } finally {
      await app.close();
    }

    // The operator's audit, through the real CLI: nothing diverges, nothing left queued.
    const cliEnv = { ...env };
    if (schema && url) {
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      cliEnv.DATABASE_URL = u.toString();
    }
    let out = '';
    const audit = await run(join(ROOT, 'src/cli.ts'), ['audit', '--json'], cliEnv, (line) => void (out += `${line}\n`));
    assert.equal(audit.code, 0, `${out}${audit.err}`);
    const report = JSON.parse(out) as { ok: boolean; pending: number; divergences: unknown[]; events: number; treeSize: number }; // printed by cli-audit.ts
    assert.equal(report.ok, true);
    assert.deepEqual(report.divergences, []);
    assert.equal(report.pending, 0);
    assert.equal(report.events, report.treeSize, 'one entry per public event');
  });
});
