import { TlogError } from './errors.js';
import type { AppendBatch, StoredCheckpoint, TlogStorage } from './storage.js';
import { storedHashCount } from './stored-hash.js';

/**
 * In-memory `TlogStorage` for tests and benchmarks. It honours the whole consistency contract of
 * `TlogStorage` (trivially linearizable: single-threaded and synchronous inside each call), and
 * copies buffers in and out so callers cannot mutate stored data. Nothing is durable.
 */
export class MemoryStorage implements TlogStorage {
  readonly #entries: Buffer[] = [];
  readonly #hashes: Buffer[] = [];
  #checkpoint: StoredCheckpoint | null = null;

  async readTreeSize(): Promise<number> {
    return this.#entries.length;
  }

  async append(batch: AppendBatch): Promise<void> {
    if (batch.oldSize !== this.#entries.length) {
      throw new TlogError('conflict', `append against size ${batch.oldSize}, but the tree has ${this.#entries.length}`);
    }
    const newSize = batch.oldSize + batch.entries.length;
    // Check everything before writing anything, so a rejected append leaves no trace.
    if (batch.hashes.firstIndex !== this.#hashes.length || this.#hashes.length + batch.hashes.hashes.length !== storedHashCount(newSize)) {
      throw new Error('memory storage: hash batch does not match the entries');
    }
    for (const e of batch.entries) this.#entries.push(Buffer.from(e));
    for (const h of batch.hashes.hashes) this.#hashes.push(Buffer.from(h));
  }

  async readHashes(indexes: readonly number[]): Promise<Buffer[]> {
    return indexes.map((i) => {
      const h = this.#hashes[i];
      if (h === undefined) throw new TlogError('out_of_range', `no stored hash at index ${i}`);
      return Buffer.from(h);
    });
  }

  async readEntries(start: number, end: number): Promise<Buffer[]> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > this.#entries.length) {
      throw new TlogError('out_of_range', `entries [${start}, ${end}) outside tree of size ${this.#entries.length}`);
    }
    return this.#entries.slice(start, end).map((e) => Buffer.from(e));
  }

  async readCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.#checkpoint === null ? null : { ...this.#checkpoint };
  }

  async writeCheckpoint(expected: string | null, next: StoredCheckpoint): Promise<void> {
    if ((this.#checkpoint?.note ?? null) !== expected) throw new TlogError('conflict', 'checkpoint changed concurrently');
    if (next.size > this.#entries.length) throw new TlogError('inconsistent', 'checkpoint beyond the stored tree');
    this.#checkpoint = { ...next };
  }
}
