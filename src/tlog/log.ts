import { formatCheckpoint, isValidOrigin, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import type { Clock } from './clock.js';
import { encodeEntryBundle, MAX_ENTRY_SIZE } from './entry-bundle.js';
import { TlogError } from './errors.js';
import { leafHash } from './hash.js';
import { MerkleBuilder } from './merkle-builder.js';
import { proveConsistency, proveInclusion, treeHash, verifyConsistency } from './merkle.js';
import { signNote, type NoteSigner } from './note.js';
import type { StoredCheckpoint, TlogStorage } from './storage.js';
import { parseTilePath, readTileData, TILE_WIDTH, tileMinTreeSize } from './tiles.js';

/** What `TransparencyLog` needs. The signer's key name should equal `origin` (tlog-checkpoint §Signatures). */
export interface TransparencyLogOptions {
  readonly origin: string;
  readonly storage: TlogStorage;
  readonly signer: NoteSigner;
  readonly clock: Clock;
}

/** A freshly signed checkpoint: the stored record and its parsed body. */
export interface SignedCheckpoint extends StoredCheckpoint {
  readonly checkpoint: Checkpoint;
}

/** Note text of a signed note: up to and including the newline before the last blank line. */
function noteText(note: string): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new TlogError('inconsistent', 'stored checkpoint is not a signed note');
  return note.slice(0, split + 1);
}

/**
 * A tiled transparency log (C2SP tlog-tiles / tlog-checkpoint, RFC 9162 hashing) over a
 * `TlogStorage`, a note signer and an injected clock.
 *
 * - Calls on one instance are serialised, so it never conflicts with itself; several instances
 *   (processes) on one storage are safe because storage appends and checkpoint writes are
 *   compare-and-set (they then fail with retryable `TlogError('conflict')`).
 * - It never signs a checkpoint that is not consistent with the stored one: before signing it
 *   recomputes the stored checkpoint's root from storage and checks a consistency proof to the
 *   new size; a mismatch throws fatal `TlogError('inconsistent')`.
 * - Entries are visible (proofs, tiles up to the tree size) only once appended; tiles and bundles
 *   are served only within the latest signed checkpoint.
 */
export class TransparencyLog {
  readonly #origin: string;
  readonly #storage: TlogStorage;
  readonly #signer: NoteSigner;
  readonly #clock: Clock;
  #builder: MerkleBuilder | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: TransparencyLogOptions) {
    if (!isValidOrigin(options.origin)) throw new TlogError('malformed', `invalid origin ${JSON.stringify(options.origin)}`);
    this.#origin = options.origin;
    this.#storage = options.storage;
    this.#signer = options.signer;
    this.#clock = options.clock;
  }

  /** Runs `fn` after every earlier call on this instance has settled. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends entries (each ≤ 65,535 bytes, the entry-bundle limit) atomically and returns their
   * leaf indexes, in order. Rejects with TlogError('malformed') for an oversized entry, or
   * 'conflict' if another writer appended meanwhile (nothing written; retry).
   */
  async append(entries: readonly Buffer[]): Promise<number[]> {
    for (const [i, e] of entries.entries()) {
      if (e.length > MAX_ENTRY_SIZE) throw new TlogError('malformed', `entry ${i} exceeds ${MAX_ENTRY_SIZE} bytes`);
    }
    return this.#serial(async () => {
      if (entries.length === 0) return [];
      const size = await this.#storage.readTreeSize();
      const cached = this.#builder;
      const base = cached !== null && cached.size === size ? cached : await MerkleBuilder.load(this.#storage, size);
      // Work on a copy: if storage rejects the batch, the cached builder must still match storage.
      const next = base.clone();
      const hashes = next.append(entries.map(leafHash));
      try {
        await this.#storage.append({ oldSize: size, entries, hashes });
      } catch (err) {
        this.#builder = null;
        throw err;
      }
      this.#builder = next;
      return Array.from({ length: entries.length }, (_, i) => size + i);
    });
  }

  /**
   * Signs a checkpoint for the current tree size (even if unchanged, to refresh it) and stores it
   * with a compare-and-swap. Throws TlogError('inconsistent') (fatal) if the stored checkpoint
   * does not match the stored tree, 'conflict' (retryable) if another signer won the race.
   */
  sign(): Promise<SignedCheckpoint> {
    return this.#serial(async () => {
      const previous = await this.#storage.readCheckpoint();
      const size = await this.#storage.readTreeSize();
      const root = await treeHash(this.#storage, size);
      if (previous !== null) await this.#checkConsistent(previous, size, root);
      const checkpoint: Checkpoint = { origin: this.#origin, size, rootHash: root };
      const note = signNote(formatCheckpoint(checkpoint), [this.#signer]);
      const record: StoredCheckpoint = { note, size, signedAt: this.#clock.now() };
      await this.#storage.writeCheckpoint(previous?.note ?? null, record);
      return { ...record, checkpoint };
    });
  }

  async #checkConsistent(previous: StoredCheckpoint, size: number, root: Buffer): Promise<void> {
    const old = parseCheckpoint(noteText(previous.note));
    if (old.origin !== this.#origin || old.size !== previous.size) {
      throw new TlogError('inconsistent', 'stored checkpoint does not belong to this log');
    }
    if (old.size > size) throw new TlogError('inconsistent', `stored checkpoint size ${old.size} exceeds tree size ${size}`);
    const proof = await proveConsistency(this.#storage, old.size, size);
    // The proof is built from the same storage, so this catches stored hashes that changed since
    // the old checkpoint was signed, and any bug in proof generation, before it can fork the log.
    if (!verifyConsistency(old.size, size, proof, old.rootHash, root)) {
      throw new TlogError('inconsistent', `tree no longer matches the checkpoint at size ${old.size}`);
    }
  }

  /** The latest signed checkpoint, or null before the first `sign()`. */
  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.#storage.readCheckpoint();
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size` ≤ current size. */
  async proveInclusion(index: number, size: number): Promise<Buffer[]> {
    await this.#checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new TlogError('out_of_range', `index ${index} is not in a tree of size ${size}`);
    }
    return proveInclusion(this.#storage, index, size);
  }

  /** RFC 9162 §2.1.4.1 consistency proof between tree sizes oldSize ≤ newSize ≤ current size. */
  async proveConsistency(oldSize: number, newSize: number): Promise<Buffer[]> {
    await this.#checkSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new TlogError('out_of_range', `bad sizes ${oldSize} → ${newSize}`);
    }
    return proveConsistency(this.#storage, oldSize, newSize);
  }

  async #checkSize(size: number): Promise<void> {
    const current = await this.#storage.readTreeSize();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new TlogError('out_of_range', `tree size ${size} exceeds ${current}`);
    }
  }

  /**
   * The bytes of a tile or entry bundle at `path` (e.g. `tile/0/x001/234.p/5`,
   * `tile/entries/000`). TlogError('malformed') for a non-canonical path, 'out_of_range' if the
   * latest signed checkpoint does not cover the whole tile (HTTP 404).
   */
  async readTile(path: string): Promise<Buffer> {
    const tile = parseTilePath(path);
    const checkpoint = await this.#storage.readCheckpoint();
    if (checkpoint === null || tileMinTreeSize(tile) > checkpoint.size) {
      throw new TlogError('out_of_range', `${path} is beyond the latest checkpoint`);
    }
    if (tile.kind === 'hash') return readTileData(this.#storage, tile);
    const start = tile.index * TILE_WIDTH;
    return encodeEntryBundle(await this.#storage.readEntries(start, start + tile.width));
  }
}
