import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { LogKeyError } from '../src/jobs/log-key.js';
import { loadOrCreateWitnessKey } from '../src/jobs/witness-key.js';
import { casWitnessState, readWitnessState } from '../src/jobs/witness-store.js';
import { createWitnessSubmitter, type WitnessFetch, type WitnessSubmitter } from '../src/jobs/witness-submitter.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { formatCheckpoint, parseCheckpoint } from '../src/tlog/checkpoint.js';
import { generateNoteKey, parseNoteVerifierKey, parseSignerKey } from '../src/tlog/note-keys.js';
import { treeHash } from '../src/tlog/merkle.js';
import { openNote, signNote, type NoteVerifier } from '../src/tlog/note.js';
import { formatAddCheckpointRequest, parseCosignature, parseCosignatureVerifierKey } from '../src/tlog/witness.js';
import { buildApp, type TestPlatform } from './helpers/app.js';

const COUNTY = 'county.test/log';

/** A WitnessFetch that reaches `target` through `inject()`: two platforms in one process, no network. */
function injectFetch(target: () => TestPlatform, calls: string[], down: { value: boolean }): WitnessFetch {
  return async (url, init) => {
    calls.push(url);
    if (down.value) throw new TypeError('fetch failed: connection refused');
    const res = await target().server.inject({ method: 'POST', url: new URL(url).pathname, payload: init.body, headers: init.headers });
    const headers = new Headers(Object.entries(res.headers).map(([k, v]): [string, string] => [k, String(v)]));
    return { status: res.statusCode, headers, text: async () => res.body };
  };
}

let serial = 0;
async function publish(p: TestPlatform, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    serial++;
    const entry = JSON.stringify({ schema: 'gongkai/v1', n: serial, title: '县政府信息公开' });
    await enqueueLogEntry(p.app.deps.db, { eventId: `witness-ev-${serial}`, documentId: null, entry, at: p.clock.now().toISOString() });
  }
  assert.ok(p.app.tlog);
  await p.app.tlog.sequencer.step();
}

describe('witness configuration', () => {
  test('disabled by default; witnessed logs and log witnesses are validated', () => {
    const base = { GONGKAI_DATA_DIR: '/tmp/x', GONGKAI_PUBLIC_URL: 'https://city.example.gov.cn' };
    const c = loadConfig(base);
    assert.equal(c.witness, null);
    assert.deepEqual(c.logWitnesses, []);
    const county = generateNoteKey(COUNTY).verifierKey;
    const on = loadConfig({ ...base, GONGKAI_WITNESS_LOGS: JSON.stringify([county, { origin: 'other.test/log', keys: [county] }]) });
    assert.equal(on.witness?.name, 'city.example.gov.cn/witness');
    assert.equal(on.witness?.keyFile, '/tmp/x/witness-signing.key');
    assert.deepEqual(on.witness?.logs.map((l) => l.origin), [COUNTY, 'other.test/log']);
    for (const bad of ['not json', '{}', '["nope"]', JSON.stringify([{ origin: 'a b', keys: [county] }]), JSON.stringify([county, county])]) {
      assert.throws(() => loadConfig({ ...base, GONGKAI_WITNESS_LOGS: bad }), /GONGKAI_WITNESS_LOGS/, bad);
    }
    // A log key is not a witness key: the types differ (0x01 vs 0x04).
    assert.throws(() => loadConfig({ ...base, GONGKAI_LOG_WITNESSES: JSON.stringify([{ url: 'https://city.test/witness', key: county }]) }), /cosignature/);
    assert.throws(() => loadConfig({ ...base, GONGKAI_LOG_WITNESSES: JSON.stringify([{ url: 'ftp://x', key: county }]) }), /http/);
  });

  test('the witness key is created once (0600) and a lost key is refused once it has cosigned', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-wkey-'));
    try {
      const file = join(dir, 'w.key');
      const clock = { now: () => 0 };
      const k1 = loadOrCreateWitnessKey(file, 'w.test/witness', false, clock);
      assert.equal(k1.created, true);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const k2 = loadOrCreateWitnessKey(file, 'w.test/witness', true, clock);
      assert.equal(k2.created, false);
      assert.equal(k2.verifierKey, k1.verifierKey);
      assert.throws(() => loadOrCreateWitnessKey(file, 'other.test/witness', true, clock), LogKeyError);
      assert.throws(() => loadOrCreateWitnessKey(join(dir, 'gone.key'), 'w.test/witness', true, clock), (e: unknown) => e instanceof LogKeyError && /GONGKAI_WITNESS_KEY_FILE/.test(e.message));
      writeFileSync(join(dir, 'bad.key'), 'PRIVATE+KEY+w.test/witness+00000000+AAAA\n');
      assert.throws(() => loadOrCreateWitnessKey(join(dir, 'bad.key'), 'w.test/witness', false, clock), LogKeyError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a county log cosigned by its city (C2SP tlog-witness)', () => {
  let dir: string;
  let city: TestPlatform;
  let county: TestPlatform;
  let countySigner: ReturnType<typeof parseSignerKey>;
  let countyVerifier: NoteVerifier;
  let cityVerifier: NoteVerifier;
  let cityKey: string;
  const calls: string[] = [];
  const down = { value: false };
  let submitter: WitnessSubmitter;

  const post = (body: string | Buffer, contentType = 'text/plain') =>
    city.server.inject({ method: 'POST', url: '/witness/add-checkpoint', payload: body, headers: { 'content-type': contentType } });
  const checkpoint = async (): Promise<string> => {
    assert.ok(county.app.tlog);
    const cp = await county.app.tlog.log.latestCheckpoint();
    assert.ok(cp);
    return cp.note;
  };
  const proof = async (from: number, to: number): Promise<Buffer[]> => {
    assert.ok(county.app.tlog);
    return county.app.tlog.log.proveConsistency(from, to);
  };

  before(async () => {
    // The county's log key exists before either instance starts, so each can be configured with
    // the other's public key.
    dir = mkdtempSync(join(tmpdir(), 'gongkai-witness-'));
    const key = generateNoteKey(COUNTY);
    writeFileSync(join(dir, 'county.key'), `${key.signerKey}\n`, { mode: 0o600 });
    countySigner = parseSignerKey(key.signerKey);
    countyVerifier = parseNoteVerifierKey(key.verifierKey);
    city = await buildApp({ env: { GONGKAI_PUBLIC_URL: 'http://city.test', GONGKAI_WITNESS_LOGS: JSON.stringify([key.verifierKey]) } });
    cityKey = (await city.server.inject({ url: '/witness/key' })).body.trim();
    county = await buildApp({
      env: {
        GONGKAI_PUBLIC_URL: 'http://county.test',
        GONGKAI_LOG_KEY_FILE: join(dir, 'county.key'),
        GONGKAI_LOG_WITNESSES: JSON.stringify([{ url: 'http://city.test/witness/', key: cityKey }]),
      },
    });
    assert.ok(county.app.tlog);
    submitter = createWitnessSubmitter(county.app.deps, county.app.tlog.log, county.app.config.logWitnesses, { fetch: injectFetch(() => city, calls, down) });
  });
  after(async () => {
    await submitter.stop();
    await county?.dispose();
    await city?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an instance without witness configuration answers 404', async () => {
    assert.equal((await county.server.inject({ method: 'POST', url: '/witness/add-checkpoint', payload: 'old 0\n\n' })).statusCode, 404);
    assert.equal((await county.server.inject({ url: '/witness/key' })).statusCode, 404);
  });

  test('the witness serves its cosignature verifier key', async () => {
    const res = await city.server.inject({ url: '/witness/key' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    cityVerifier = parseCosignatureVerifierKey(cityKey);
    assert.equal(cityVerifier.name, 'city.test/witness');
  });

  test('malformed requests, unknown origins and bad signatures are refused (400, 404, 403)', async () => {
    await publish(county, 5);
    const cp5 = await checkpoint();
    for (const body of ['', 'old 0\n', 'old 00\n\n' + cp5, 'old -1\n\n' + cp5, 'old 0\nnot-base64\n\n' + cp5, 'old 0\n\n']) {
      const res = await post(body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await post(Buffer.from([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff, 0x0a]))).statusCode, 400, 'invalid UTF-8');
    const huge = await post(`old 0\n\n${'x'.repeat(70_000)}`);
    assert.equal(huge.statusCode, 413);
    assert.match(String(huge.headers['content-type']), /^text\/plain/, 'plain-text errors, not the HTML error page');

    const other = parseSignerKey(generateNoteKey('other.test/log').signerKey);
    const text5 = cp5.slice(0, cp5.indexOf('\n\n') + 1);
    const unknown = signNote(text5.replace(COUNTY, 'other.test/log'), [other]);
    assert.equal((await post(`old 0\n\n${unknown}`)).statusCode, 404);

    const impostor = parseSignerKey(generateNoteKey(COUNTY).signerKey);
    assert.equal((await post(`old 0\n\n${signNote(text5, [impostor])}`)).statusCode, 403, 'same name, another key');
    const sigAt = cp5.lastIndexOf(' ') + 12; // inside the signature, past the 4-byte key ID
    const flipped = cp5.slice(0, sigAt) + (cp5[sigAt] === 'A' ? 'B' : 'A') + cp5.slice(sigAt + 1);
    assert.equal((await post(`old 0\n\n${flipped}`)).statusCode, 403, 'a changed signature byte');
    assert.equal((await post(`old 6\n\n${cp5}`)).statusCode, 400, 'old size above the checkpoint size');
  });

  test('the first checkpoint is cosigned; the cosignature verifies with the witness key', async () => {
    const cp5 = await checkpoint();
    const res = await post(`old 0\n\n${cp5}`, 'application/octet-stream');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /^— city\.test\/witness [A-Za-z0-9+/=]+\n$/);
    const opened = openNote(cp5 + res.body, [countyVerifier, cityVerifier]);
    assert.equal(opened.verified.length, 2);
    const cosig = parseCosignature(opened.verified[1]?.signature ?? Buffer.alloc(0));
    assert.equal(cosig?.timestamp, Math.floor(city.clock.now().getTime() / 1000), 'timestamped with the injected clock');
  });

  test('a wrong old size is 409 with the cosigned size as text/x.tlog.size; a bad proof is 422', async () => {
    await publish(county, 15);
    const cp20 = await checkpoint();
    const stale = await post(`old 0\n\n${cp20}`);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.headers['content-type'], 'text/x.tlog.size');
    assert.equal(stale.body, '5\n');

    const good = await proof(5, 20);
    const bad = good.map((h, i) => (i === 0 ? randomBytes(32) : h));
    assert.equal((await post(formatAddCheckpointRequest({ oldSize: 5, proof: bad, checkpoint: cp20 }))).statusCode, 422);
    assert.equal((await post(formatAddCheckpointRequest({ oldSize: 5, proof: [], checkpoint: cp20 }))).statusCode, 422);
    assert.equal((await post(formatAddCheckpointRequest({ oldSize: 5, proof: good, checkpoint: cp20 }))).statusCode, 200);
    // The same checkpoint again is cosigned again; a stale one is refused with the new size.
    assert.equal((await post(formatAddCheckpointRequest({ oldSize: 20, proof: [], checkpoint: cp20 }))).statusCode, 200);
    const cp5Again = await post(`old 5\n\n${signNote(formatCheckpoint({ origin: COUNTY, size: 5, rootHash: await rootAt(5) }), [countySigner])}`);
    assert.equal(cp5Again.statusCode, 409);
    assert.equal(cp5Again.body, '20\n');
  });

  test('a fork at the cosigned size is refused with 409, never cosigned', async () => {
    const forged = signNote(formatCheckpoint({ origin: COUNTY, size: 20, rootHash: randomBytes(32) }), [countySigner]);
    const res = await post(`old 20\n\n${forged}`);
    assert.equal(res.statusCode, 409);
    assert.notEqual(res.headers['content-type'], 'text/x.tlog.size');
  });

  test('two concurrent submissions from the same old size: one is cosigned, the other gets 409', async () => {
    await publish(county, 10);
    const cp30 = await checkpoint();
    await publish(county, 10);
    const cp40 = await checkpoint();
    const [a, b] = await Promise.all([
      post(formatAddCheckpointRequest({ oldSize: 20, proof: await proof(20, 30), checkpoint: cp30 })),
      post(formatAddCheckpointRequest({ oldSize: 20, proof: await proof(20, 40), checkpoint: cp40 })),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    // The record moved on: a compare-and-swap from the old state writes nothing.
    const now = await readWitnessState(city.app.deps.db, COUNTY);
    assert.ok(now !== null && now.size > 20);
    const stale = { size: 20, rootHash: await rootAt(20) };
    assert.equal(await casWitnessState(city.app.deps.db, COUNTY, stale, { size: 30, rootHash: await rootAt(30), note: cp30, at: 0 }), false);
    assert.equal(await casWitnessState(city.app.deps.db, COUNTY, null, { size: 30, rootHash: await rootAt(30), note: cp30, at: 0 }), false);
    assert.deepEqual(await readWitnessState(city.app.deps.db, COUNTY), now);
    // Leave the witness at 40 whichever won.
    if (b.statusCode !== 200) assert.equal((await post(formatAddCheckpointRequest({ oldSize: 30, proof: await proof(30, 40), checkpoint: cp40 }))).statusCode, 200);
  });

  test('the county submits its checkpoints, follows the 409 to the size the city holds, and serves the cosigned checkpoint', async () => {
    await publish(county, 7);
    const r = await submitter.step();
    assert.deepEqual(r, [{ witness: 'city.test/witness', result: 'cosigned', size: 47 }]);
    // The stored state was empty, so the first request said old 0 and was told 40.
    assert.equal(calls.length, 2);
    assert.equal(calls[0], 'http://city.test/witness/add-checkpoint');

    const res = await county.server.inject({ url: '/log/checkpoint' });
    assert.equal(res.statusCode, 200);
    const opened = openNote(res.body, [countyVerifier, cityVerifier]);
    assert.deepEqual(opened.verified.map((s) => s.name), [COUNTY, 'city.test/witness'], 'log signature first, then the cosignature');
    assert.equal(parseCheckpoint(opened.text).size, 47);
    // A client that knows only the log key still verifies it (unknown keys are ignored).
    assert.equal(openNote(res.body, [countyVerifier]).unverified.length, 1);

    assert.deepEqual(await submitter.step(), [{ witness: 'city.test/witness', result: 'current', size: 47 }]);
    assert.equal(calls.length, 2, 'nothing is sent for an already cosigned checkpoint');
  });

  test('a witness that is down never blocks publishing; it is retried after a back-off', async () => {
    down.value = true;
    await publish(county, 3);
    const [failed] = await submitter.step();
    assert.equal(failed?.result, 'failed');
    // Publishing went on: the new checkpoint is served, without a stale cosignature.
    const res = await county.server.inject({ url: '/log/checkpoint' });
    const opened = openNote(res.body, [countyVerifier, cityVerifier]);
    assert.equal(parseCheckpoint(opened.text).size, 50);
    assert.deepEqual(opened.verified.map((s) => s.name), [COUNTY]);

    down.value = false;
    const before = calls.length;
    assert.equal((await submitter.step())[0]?.result, 'waiting');
    assert.equal(calls.length, before, 'no request during the back-off');
    county.clock.advance(1_500);
    assert.deepEqual(await submitter.step(), [{ witness: 'city.test/witness', result: 'cosigned', size: 50 }]);
    const after = openNote((await county.server.inject({ url: '/log/checkpoint' })).body, [countyVerifier, cityVerifier]);
    assert.equal(after.verified.length, 2);
  });

  /** The county's root at `size`, from its own log (for building test checkpoints). */
  async function rootAt(size: number): Promise<Buffer> {
    assert.ok(county.app.tlog);
    return treeHash(county.app.tlog.storage, size);
  }
});
