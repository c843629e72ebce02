import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCheckpoint, isValidOrigin, parseCheckpoint } from './checkpoint.js';
import { TlogError } from './errors.js';

const isMalformed = (e: unknown): boolean => e instanceof TlogError && e.code === 'malformed';
// The example from C2SP tlog-checkpoint.
const example = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('checkpoint body (C2SP tlog-checkpoint)', () => {
  it('parses the spec example and formats it back identically', () => {
    const cp = parseCheckpoint(example);
    assert.equal(cp.origin, 'example.com/behind-the-sofa');
    assert.equal(cp.size, 20852163);
    assert.equal(cp.rootHash.toString('base64'), 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    assert.equal(cp.extensions, undefined);
    assert.equal(formatCheckpoint(cp), example);
  });

  it('formats the empty tree as size 0 and never writes extension lines', () => {
    const root = Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex');
    assert.equal(formatCheckpoint({ origin: 'log.example', size: 0, rootHash: root }), 'log.example\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
    assert.throws(() => formatCheckpoint({ origin: 'log.example', size: 0, rootHash: root, extensions: ['x'] }), isMalformed);
    assert.throws(() => formatCheckpoint({ origin: 'log example', size: 0, rootHash: root }), isMalformed);
    assert.throws(() => formatCheckpoint({ origin: 'log.example', size: -1, rootHash: root }), isMalformed);
    assert.throws(() => formatCheckpoint({ origin: 'log.example', size: 1.5, rootHash: root }), isMalformed);
    assert.throws(() => formatCheckpoint({ origin: 'log.example', size: 1, rootHash: root.subarray(1) }), isMalformed);
  });

  it('tolerates extension lines on parse', () => {
    const cp = parseCheckpoint(`${example}ext one\nsecond\n`);
    assert.deepEqual(cp.extensions, ['ext one', 'second']);
  });

  it('rejects anything non-canonical', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    const bad = [
      '', 'example.com\n1\n', example.slice(0, -1), `\n1\n${root}\n`, `a b\n1\n${root}\n`, `a+b\n1\n${root}\n`,
      `o\n01\n${root}\n`, `o\n+1\n${root}\n`, `o\n-1\n${root}\n`, `o\n1.0\n${root}\n`, `o\n 1\n${root}\n`, `o\n\n${root}\n`,
      `o\n9007199254740993\n${root}\n`, `o\n1\n${root.slice(0, -1)}\n`, `o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n`,
      `o\n1\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n`, `o\n1\n${Buffer.alloc(31).toString('base64')}\n`, `o\n1\n${root}\n\n`,
      `o\n1\n${root}\next\n\n`,
    ];
    for (const text of bad) assert.throws(() => parseCheckpoint(text), isMalformed, JSON.stringify(text));
  });

  it('validates origins', () => {
    for (const ok of ['example.com/log42', 'gongkai.gov.cn/公开']) assert.equal(isValidOrigin(ok), true);
    for (const bad of ['', 'a b', 'a+b', 'a\u3000b', 'a\x00b']) assert.equal(isValidOrigin(bad), false, JSON.stringify(bad));
  });
});
