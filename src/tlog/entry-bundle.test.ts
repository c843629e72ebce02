import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js';
import { TlogError } from './errors.js';

const isMalformed = (e: unknown): boolean => e instanceof TlogError && e.code === 'malformed';

describe('entry bundles (C2SP tlog-tiles §Log entries)', () => {
  it('encode as big-endian uint16 length-prefixed entries', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.from([0xff])]);
    assert.equal(bundle.toString('hex'), '00026162' + '0000' + '0001ff');
  });

  it('round-trip, including empty and maximum-size entries', () => {
    const entries = [Buffer.alloc(0), Buffer.alloc(65535, 7), Buffer.from('政府信息公开'), ...Array.from({ length: 253 }, (_, i) => Buffer.from(`entry ${i}`))];
    const decoded = decodeEntryBundle(encodeEntryBundle(entries), 256);
    assert.equal(decoded.length, 256);
    assert.ok(decoded.every((e, i) => e.equals(entries[i] ?? Buffer.alloc(1))));
    assert.deepEqual(decodeEntryBundle(Buffer.alloc(0)), []);
  });

  it('reject entries over 65,535 bytes', () => {
    assert.throws(() => encodeEntryBundle([Buffer.alloc(10), Buffer.alloc(65536)]), isMalformed);
  });

  it('reject truncated bundles and wrong counts', () => {
    const bundle = encodeEntryBundle([Buffer.from('hello'), Buffer.from('world')]);
    for (let cut = 1; cut < bundle.length; cut++) {
      if (cut === 7) continue; // a clean boundary after the first entry
      assert.throws(() => decodeEntryBundle(bundle.subarray(0, cut)), isMalformed, `cut at ${cut}`);
    }
    assert.equal(decodeEntryBundle(bundle.subarray(0, 7)).length, 1);
    assert.throws(() => decodeEntryBundle(bundle, 3), isMalformed);
  });
});
