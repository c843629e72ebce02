import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createWitnessSubmitter } from '../src/jobs/witness-submitter.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { generateNoteKey, parseSignerKey } from '../src/tlog/note-keys.js';
import { signNote } from '../src/tlog/note.js';
import { buildApp, type TestPlatform } from './helpers/app.js';

/*
 * Issue 4, "Interoperability": the log served by the running app verifies with an independent
 * C2SP client, Go's golang.org/x/mod/sumdb/note and tlog (Debian golang-golang-x-mod-dev), built
 * offline in GOPATH mode from /usr/share/gocode. test/interop/verify.go maps Go's tile paths
 * (tile/8/L/N) onto C2SP's (tile/L/N) and Go's "go.sum database tree" header onto the origin
 * line. The served checkpoint is cosigned by a witness over real sockets, so this also shows
 * that a client knowing only the log key ignores cosignature lines.
 */

const run = promisify(execFile);
const GOPATH = '/usr/share/gocode';
const hasGo = !spawnSync('go', ['version']).error;
const SOURCE = fileURLToPath(new URL('./interop/', import.meta.url));

function goEnv(dir: string): NodeJS.ProcessEnv {
  // GOPATH mode: no module download; HOME/GOCACHE set for CI machines that have neither.
  return { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', GOCACHE: join(dir, 'gocache'), HOME: process.env.HOME ?? dir };
}

function portOf(p: TestPlatform): number {
  const addr = p.server.server.address();
  assert.ok(addr !== null && typeof addr === 'object');
  return addr.port;
}

let serial = 0;
async function publish(p: TestPlatform, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    serial++;
    await enqueueLogEntry(p.app.deps.db, { eventId: `go-ev-${serial}`, documentId: null, entry: JSON.stringify({ n: serial, title: '政务公开' }), at: p.clock.now().toISOString() });
  }
  assert.ok(p.app.tlog);
  await p.app.tlog.sequencer.step();
}

describe('interoperability with Go sumdb/note and sumdb/tlog', { skip: hasGo ? false : 'go not installed' }, () => {
  let dir: string;
  let verifier: string;
  let city: TestPlatform;
  let county: TestPlatform;
  let logUrl: string;
  let signerKey: string;

  const verify = async (args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await run(verifier, ['-log', logUrl, ...args], { timeout: 60_000 });
    const out: unknown = JSON.parse(stdout);
    assert.ok(typeof out === 'object' && out !== null);
    return Object.fromEntries(Object.entries(out));
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-go-'));
    verifier = join(dir, 'verify');
    await run('go', ['build', '-o', verifier, '.'], { cwd: SOURCE, env: goEnv(dir), timeout: 300_000 });

    const key = generateNoteKey('county.test/log');
    signerKey = key.signerKey;
    writeFileSync(join(dir, 'county.key'), `${signerKey}\n`, { mode: 0o600 });
    city = await buildApp({ env: { GONGKAI_PUBLIC_URL: 'http://city.test', GONGKAI_WITNESS_LOGS: JSON.stringify([key.verifierKey]) } });
    await city.server.listen({ port: 0, host: '127.0.0.1' });
    const cityKey = (await city.server.inject({ url: '/witness/key' })).body.trim();
    county = await buildApp({
      env: {
        GONGKAI_PUBLIC_URL: 'http://county.test',
        GONGKAI_LOG_KEY_FILE: join(dir, 'county.key'),
        GONGKAI_LOG_WITNESSES: JSON.stringify([{ url: `http://127.0.0.1:${portOf(city)}/witness`, key: cityKey }]),
      },
    });
    await county.server.listen({ port: 0, host: '127.0.0.1' });
    logUrl = `http://127.0.0.1:${portOf(county)}/log`;
  });
  after(async () => {
    await county?.dispose();
    await city?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('inclusion of leaves around tile edges and consistency between two cosigned checkpoints', async () => {
    assert.ok(county.app.tlog);
    // Real fetch over real sockets: the county's log submits to the city's witness.
    const submitter = createWitnessSubmitter(county.app.deps, county.app.tlog.log, county.app.config.logWitnesses);
    await publish(county, 70);
    assert.equal((await submitter.step())[0]?.result, 'cosigned');
    const first = await verify(['-leaves', '0,1,69']);
    assert.deepEqual(first, {
      origin: 'county.test/log',
      size: 70,
      root: first.root,
      leaves_checked: [0, 1, 69],
      unverified_signatures: 1,
    });
    const oldFile = join(dir, 'old-checkpoint');
    writeFileSync(oldFile, await (await fetch(`${logUrl}/checkpoint`)).text());

    await publish(county, 530);
    assert.equal((await submitter.step())[0]?.result, 'cosigned');
    const second = await verify(['-old', oldFile, '-leaves', '0,69,255,256,511,512,599']);
    assert.equal(second.size, 600);
    assert.equal(second.consistent_from, 70);
    assert.deepEqual(second.leaves_checked, [0, 69, 255, 256, 511, 512, 599]);
    assert.equal(second.unverified_signatures, 1, 'the cosignature line is carried and ignored by a client without the witness key');
    assert.match(readFileSync(oldFile, 'utf8'), /^county\.test\/log\n70\n/);
  });

  test('the Go client rejects a fork: a correctly signed old checkpoint with another root', async () => {
    const forged = signNote(formatCheckpoint({ origin: 'county.test/log', size: 70, rootHash: randomBytes(32) }), [parseSignerKey(signerKey)]);
    const file = join(dir, 'forged-checkpoint');
    writeFileSync(file, forged);
    await assert.rejects(verify(['-old', file]), (err: unknown) => err instanceof Error && /tlog\.CheckTree/.test(String(Reflect.get(err, 'stderr'))));
  });

  test('the Go client rejects a checkpoint signed by another key of the same name', async () => {
    const other = parseSignerKey(generateNoteKey('county.test/log').signerKey);
    const file = join(dir, 'foreign-checkpoint');
    writeFileSync(file, signNote(formatCheckpoint({ origin: 'county.test/log', size: 70, rootHash: randomBytes(32) }), [other]));
    await assert.rejects(verify(['-old', file]), (err: unknown) => err instanceof Error && /note\.Open/.test(String(Reflect.get(err, 'stderr'))));
  });
});
