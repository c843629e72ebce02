import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyTreeHash, leafHash, nodeHash } from './hash.js';

const sha = (hex: string): string => crypto.createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

describe('RFC 9162 §2.1.1 hashes', () => {
  it('empty tree = SHA-256("")', () => {
    assert.equal(emptyTreeHash().toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const copy = emptyTreeHash();
    copy[0] = 0;
    assert.equal(emptyTreeHash()[0], 0xe3, 'callers cannot corrupt the shared value');
  });

  it('leaf = SHA-256(0x00 ‖ entry)', () => {
    // The well-known RFC 6962 hash of an empty leaf.
    assert.equal(leafHash(Buffer.alloc(0)).toString('hex'), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    assert.equal(leafHash(Buffer.from('政府信息')).toString('hex'), sha(`00${Buffer.from('政府信息').toString('hex')}`));
  });

  it('node = SHA-256(0x01 ‖ left ‖ right), order-sensitive, 32-byte inputs only', () => {
    const l = Buffer.alloc(32, 0xaa);
    const r = Buffer.alloc(32, 0xbb);
    assert.equal(nodeHash(l, r).toString('hex'), sha(`01${l.toString('hex')}${r.toString('hex')}`));
    assert.notEqual(nodeHash(l, r).toString('hex'), nodeHash(r, l).toString('hex'));
    const first = nodeHash(l, r);
    nodeHash(r, l);
    assert.equal(first.toString('hex'), sha(`01${l.toString('hex')}${r.toString('hex')}`), 'results do not alias scratch space');
    assert.throws(() => nodeHash(l, Buffer.alloc(31)), RangeError);
  });
});
