import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { loadOrCreateLogKey, LogKeyError } from '../src/jobs/log-key.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { emptyTreeHash } from '../src/tlog/hash.js';
import { openNote, signNote } from '../src/tlog/note.js';
import type { StoredCheckpoint } from '../src/tlog/storage.js';

const ORIGIN = 'gongkai.example.gov.cn/log';
const dir = mkdtempSync(join(tmpdir(), 'gongkai-key-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function checkpointBy(signer: ReturnType<typeof loadOrCreateLogKey>['signer'], origin = ORIGIN): StoredCheckpoint {
  return { note: signNote(formatCheckpoint({ origin, size: 0, rootHash: emptyTreeHash() }), [signer]), size: 0, signedAt: 0 };
}

describe('log signing key', () => {
  test('is generated on first start, private (0600), and loaded unchanged afterwards', () => {
    const file = join(dir, 'sub', 'log-signing.key');
    const k1 = loadOrCreateLogKey(file, ORIGIN, null);
    assert.equal(k1.created, true);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(readFileSync(file, 'utf8'), /^PRIVATE\+KEY\+gongkai\.example\.gov\.cn\/log\+[0-9a-f]{8}\+/);
    assert.match(k1.verifierKey, /^gongkai\.example\.gov\.cn\/log\+[0-9a-f]{8}\+/);
    const cp = checkpointBy(k1.signer);
    const k2 = loadOrCreateLogKey(file, ORIGIN, cp);
    assert.equal(k2.created, false);
    assert.equal(k2.verifierKey, k1.verifierKey);
    assert.equal(openNote(cp.note, [k2.verifier]).verified.length, 1, 'the served verifier key verifies what the key signs');
  });

  test('a missing key file with checkpoints in the database refuses to start, loudly, and creates nothing', () => {
    const file = join(dir, 'gone.key');
    const other = loadOrCreateLogKey(join(dir, 'other.key'), ORIGIN, null);
    assert.throws(
      () => loadOrCreateLogKey(file, ORIGIN, checkpointBy(other.signer)),
      (e: unknown) => e instanceof LogKeyError && e.message.includes(file) && /不存在/.test(e.message) && /does not exist/.test(e.message),
    );
    assert.equal(existsSync(file), false, 'never silently replaced');
  });

  test('a different key than the one that signed the stored checkpoint refuses to start', () => {
    const a = loadOrCreateLogKey(join(dir, 'a.key'), ORIGIN, null);
    const bFile = join(dir, 'b.key');
    loadOrCreateLogKey(bFile, ORIGIN, null);
    assert.throws(() => loadOrCreateLogKey(bFile, ORIGIN, checkpointBy(a.signer)), (e: unknown) => e instanceof LogKeyError && /did not sign/.test(e.message));
  });

  test('a key for another origin, a changed origin and a garbled file are refused', () => {
    const file = join(dir, 'c.key');
    const c = loadOrCreateLogKey(file, ORIGIN, null);
    assert.throws(() => loadOrCreateLogKey(file, 'elsewhere.example/log', null), (e: unknown) => e instanceof LogKeyError && /elsewhere/.test(e.message));
    // The checkpoints were signed under an old origin: changing GONGKAI_LOG_ORIGIN is refused.
    const old = loadOrCreateLogKey(join(dir, 'old.key'), 'old.example/log', null);
    assert.throws(
      () => loadOrCreateLogKey(file, ORIGIN, checkpointBy(old.signer, 'old.example/log')),
      (e: unknown) => e instanceof LogKeyError && /old\.example\/log/.test(e.message) && /cannot change/.test(e.message),
    );
    assert.equal(c.created, true);
    const eFile = join(dir, 'e.key');
    writeFileSync(eFile, 'not a key\n');
    assert.throws(() => loadOrCreateLogKey(eFile, ORIGIN, null), (e: unknown) => e instanceof LogKeyError && e.message.includes(eFile));
  });
});

describe('log settings', () => {
  test('the origin defaults to the public host + /log, the key file to the data directory', () => {
    const c = loadConfig({ GONGKAI_PUBLIC_URL: 'https://gongkai.example.gov.cn/', GONGKAI_DATA_DIR: '/srv/gk' });
    assert.equal(c.logOrigin, 'gongkai.example.gov.cn/log');
    assert.equal(c.logKeyFile, '/srv/gk/log-signing.key');
    const sub = loadConfig({ GONGKAI_PUBLIC_URL: 'https://www.example.gov.cn:8443/xxgk' });
    assert.equal(sub.logOrigin, 'www.example.gov.cn:8443/xxgk/log');
  });

  test('an explicit origin and key file are used; an origin with a space or + is refused', () => {
    const c = loadConfig({ GONGKAI_LOG_ORIGIN: 'log.example.gov.cn/gongkai', GONGKAI_LOG_KEY_FILE: '/etc/gk/key' });
    assert.equal(c.logOrigin, 'log.example.gov.cn/gongkai');
    assert.equal(c.logKeyFile, '/etc/gk/key');
    assert.throws(() => loadConfig({ GONGKAI_LOG_ORIGIN: 'a b/log' }), /GONGKAI_LOG_ORIGIN/);
    assert.throws(() => loadConfig({ GONGKAI_LOG_ORIGIN: 'a+b/log' }), /GONGKAI_LOG_ORIGIN/);
  });
});
