import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { TlogError } from './errors.js';
import { leafHash, nodeHash } from './hash.js';
import { MerkleBuilder } from './merkle-builder.js';
import { treeHash, type HashReader } from './merkle.js';
import {
  formatTileIndex,
  formatTilePath,
  newTiles,
  parseTilePath,
  readTileData,
  tileLevels,
  tileMinTreeSize,
  type HashTile,
  type TileRef,
} from './tiles.js';

describe('tile paths (C2SP tlog-tiles)', () => {
  it('encodes N in 3-digit groups with x on all but the last', () => {
    assert.equal(formatTileIndex(0), '000');
    assert.equal(formatTileIndex(5), '005');
    assert.equal(formatTileIndex(999), '999');
    assert.equal(formatTileIndex(1000), 'x001/000');
    assert.equal(formatTileIndex(1234067), 'x001/x234/067');
    assert.equal(formatTilePath({ kind: 'hash', level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
    assert.equal(formatTilePath({ kind: 'hash', level: 2, index: 3, width: 17 }), 'tile/2/003.p/17');
    assert.equal(formatTilePath({ kind: 'entries', index: 1000, width: 1 }), 'tile/entries/x001/000.p/1');
    assert.throws(() => formatTilePath({ kind: 'hash', level: 64, index: 0, width: 256 }), RangeError);
    assert.throws(() => formatTilePath({ kind: 'hash', level: 0, index: 0, width: 0 }), RangeError);
  });

  it('parses back exactly what it formats', () => {
    const indexes = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 65535, 65536, 999_999, 1_000_000, 1234067, 2 ** 40, Number.MAX_SAFE_INTEGER];
    for (const index of indexes) {
      for (const width of [1, 2, 17, 100, 255, 256]) {
        const tiles: TileRef[] = [{ kind: 'entries', index, width }, ...[0, 1, 7, 63].map((level): TileRef => ({ kind: 'hash', level, index, width }))];
        for (const tile of tiles) assert.deepEqual(parseTilePath(formatTilePath(tile)), tile);
      }
    }
  });

  it('rejects malformed and non-canonical paths', () => {
    const bad = [
      '', 'tile', 'tile/0', 'tile/0/', '/tile/0/000', 'tile/0/000/', 'tile/0/5', 'tile/0/05', 'tile/0/0005',
      'tile/00/000', 'tile/01/000', 'tile/64/000', 'tile/-1/000', 'tile/x/000', 'tile/0/x000/005', 'tile/0/x000/x001/000',
      'tile/0/x005', 'tile/0/001/002', 'tile/0/x1/000', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/05',
      'tile/0/000.p/', 'tile/0/000.p', 'tile/0/000.p/1/', 'tile/0/000.p/+1', 'tile/entries/000.p/256', 'tile/entry/000',
      'tile/8/0/000', 'tile/0/x010/x000/x000/x000/x000/x000/000', 'tile/0/x009/x007/x199/x254/x740/992', 'tile/0/000\n',
    ];
    for (const path of bad) {
      assert.throws(() => parseTilePath(path), (e: unknown) => e instanceof TlogError && e.code === 'malformed', path);
    }
  });
});

describe('tile layout for a tree size', () => {
  const cases: Array<[number, Array<[number, number, number]>]> = [
    [0, []],
    [1, [[0, 0, 1]]],
    [255, [[0, 0, 255]]],
    [256, [[0, 1, 0], [1, 0, 1]]],
    [257, [[0, 1, 1], [1, 0, 1]]],
    [65535, [[0, 255, 255], [1, 0, 255]]],
    [65536, [[0, 256, 0], [1, 1, 0], [2, 0, 1]]],
    [65537, [[0, 256, 1], [1, 1, 0], [2, 0, 1]]],
    [70000, [[0, 273, 112], [1, 1, 17], [2, 0, 1]]], // the C2SP tlog-tiles example
    [16777215, [[0, 65535, 255], [1, 255, 255], [2, 0, 255]]],
    [16777216, [[0, 65536, 0], [1, 256, 0], [2, 1, 0], [3, 0, 1]]],
    [16777217, [[0, 65536, 1], [1, 256, 0], [2, 1, 0], [3, 0, 1]]],
  ];
  for (const [size, want] of cases) {
    it(`size ${size}`, () => {
      assert.deepEqual(tileLevels(size), want.map(([level, fullTiles, partialWidth]) => ({ level, fullTiles, partialWidth })));
    });
  }

  it('names the right-edge partial tiles', () => {
    const partials = (size: number): string[] =>
      tileLevels(size)
        .filter((l) => l.partialWidth > 0)
        .map((l) => formatTilePath({ kind: 'hash', level: l.level, index: l.fullTiles, width: l.partialWidth }));
    assert.deepEqual(partials(257), ['tile/0/001.p/1', 'tile/1/000.p/1']);
    assert.deepEqual(partials(65537), ['tile/0/256.p/1', 'tile/2/000.p/1']);
    assert.deepEqual(partials(16777215), ['tile/0/x065/535.p/255', 'tile/1/255.p/255', 'tile/2/000.p/255']);
    assert.deepEqual(partials(16777217), ['tile/0/x065/536.p/1', 'tile/3/000.p/1']);
  });

  it('lists the tiles an append creates, ending with the new tiling', () => {
    assert.deepEqual(newTiles(256, 256), []);
    assert.deepEqual(
      newTiles(0, 257).map((t) => formatTilePath(t)),
      ['tile/0/000', 'tile/0/001.p/1', 'tile/1/000.p/1'],
    );
    assert.deepEqual(newTiles(255, 256).map((t) => formatTilePath(t)), ['tile/0/000', 'tile/1/000.p/1']);
    assert.deepEqual(newTiles(65535, 65537).map((t) => formatTilePath(t)), ['tile/0/255', 'tile/0/256.p/1', 'tile/1/000', 'tile/2/000.p/1']);
    // Walking a tree up in random steps, the last tile listed per (level, index) is the final one.
    let size = 0;
    const latest = new Map<string, number>();
    while (size < 70000) {
      const next = Math.min(70000, size + 1 + crypto.randomInt(3000));
      for (const t of newTiles(size, next)) latest.set(`${t.level}/${t.index}`, t.width);
      size = next;
    }
    const want = new Map<string, number>();
    for (const l of tileLevels(70000)) {
      for (let i = 0; i < l.fullTiles; i++) want.set(`${l.level}/${i}`, 256);
      if (l.partialWidth > 0) want.set(`${l.level}/${l.fullTiles}`, l.partialWidth);
    }
    assert.deepEqual(latest, want);
  });

  it('knows the smallest tree that holds a tile', () => {
    assert.equal(tileMinTreeSize({ kind: 'hash', level: 0, index: 0, width: 256 }), 256);
    assert.equal(tileMinTreeSize({ kind: 'hash', level: 1, index: 0, width: 17 }), 17 * 256);
    assert.equal(tileMinTreeSize({ kind: 'hash', level: 2, index: 0, width: 1 }), 65536);
    assert.equal(tileMinTreeSize({ kind: 'entries', index: 273, width: 112 }), 70000);
  });
});

describe('tile data', () => {
  const size = 70000;
  const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`e${i}`)));
  const stored: Buffer[] = [...MerkleBuilder.empty().append(leaves).hashes];
  const reader: HashReader = {
    readHashes: async (ix) => ix.map((i) => stored[i] ?? assert.fail(`missing ${i}`)),
  };
  /** A tile is a height-8 subtree whose leaves are its hashes: fold 256 of them pairwise. */
  const foldTile = (data: Buffer): Buffer => {
    let level = Array.from({ length: data.length / 32 }, (_, i) => data.subarray(i * 32, i * 32 + 32));
    while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i] ?? Buffer.alloc(0), level[2 * i + 1] ?? Buffer.alloc(0)));
    return level[0] ?? Buffer.alloc(0);
  };

  it('serves leaf hashes at level 0, and each higher hash is the root of a full tile below', async () => {
    const t0 = await readTileData(reader, { kind: 'hash', level: 0, index: 5, width: 256 });
    assert.equal(t0.length, 8192);
    assert.ok(t0.equals(Buffer.concat(leaves.slice(5 * 256, 6 * 256))));
    const partial0 = await readTileData(reader, { kind: 'hash', level: 0, index: 273, width: 112 });
    assert.ok(partial0.equals(Buffer.concat(leaves.slice(273 * 256))));
    const t1 = await readTileData(reader, { kind: 'hash', level: 1, index: 0, width: 256 });
    for (const i of [0, 1, 100, 255]) {
      const below = await readTileData(reader, { kind: 'hash', level: 0, index: i, width: 256 });
      assert.ok(t1.subarray(i * 32, i * 32 + 32).equals(foldTile(below)), `level 1 hash ${i}`);
    }
    const t2: HashTile = { kind: 'hash', level: 2, index: 0, width: 1 };
    assert.ok((await readTileData(reader, t2)).equals(foldTile(t1)));
    assert.ok((await readTileData(reader, t2)).equals(await treeHash(reader, 65536)));
    await assert.rejects(readTileData(reader, { kind: 'hash', level: 0, index: 273, width: 113 }));
  });
});
