import type { HashReader } from './merkle.js';
import type { NewStoredHashes } from './merkle-builder.js';

/** One atomic append: entries for leaves [oldSize, oldSize + entries.length) and their new stored hashes. */
export interface AppendBatch {
  /** The tree size the batch was computed against; the append must fail if it is no longer current. */
  readonly oldSize: number;
  readonly entries: readonly Buffer[];
  /** From `MerkleBuilder.append`: `hashes.firstIndex` equals `storedHashCount(oldSize)`. */
  readonly hashes: NewStoredHashes;
}

/** The latest signed checkpoint as stored. */
export interface StoredCheckpoint {
  /** The complete signed note (checkpoint text, blank line, signature lines). */
  readonly note: string;
  /** Its tree size, duplicated from the note so stores can index and check it. */
  readonly size: number;
  /** When it was signed, in UTC epoch milliseconds from the log's injected clock. */
  readonly signedAt: number;
}

/**
 * Persistence for one transparency log: entries, stored Merkle hashes (addressed as in
 * `stored-hash.ts`) and the latest signed checkpoint. The app's store implements it
 * (`store/`); `MemoryStorage` is the reference implementation for tests.
 *
 * Consistency contract, in the manner of Sunlight's backends. The log's one unforgivable failure
 * is signing two inconsistent checkpoints (C2SP tlog-checkpoint §Signatures), and these rules are
 * what prevent it:
 *
 * 1. Linearizable. Every call observes every write that completed before it started: no stale
 *    reads from replicas or caches. The log decides what to sign from what it reads.
 * 2. Atomic append. `append` makes the batch's entries and hashes visible all together or not at
 *    all. It must reject with `TlogError('conflict')` (retryable, nothing written) unless
 *    the current tree size equals `batch.oldSize`, checked in the same transaction as the write;
 *    this compare-and-set is the only thing stopping two writers from forking the tree.
 * 3. Append-only and immutable. An entry or hash, once written, is never changed or deleted. Full
 *    tiles and bundles are served with "cache forever" headers on the strength of this.
 * 4. Durable before resolved. When a write's promise resolves, the data survives a crash. A
 *    resolved `append` may therefore be signed over; a rolled-back one never is.
 * 5. Checkpoint compare-and-swap. `writeCheckpoint(expected, next)` replaces the stored checkpoint
 *    only if its note is still exactly `expected` (null: none stored yet), atomically, else it
 *    rejects with `TlogError('conflict')`. `next.size` never exceeds the durable tree size (the
 *    log reads the size after its appends resolved). A written checkpoint is never rolled back:
 *    restoring an old backup of this storage and signing again could fork the log.
 *
 * Reads: `readHashes` follows the `HashReader` contract (rejects if any index is missing);
 * `readEntries(start, end)` returns entries [start, end) in order and rejects with
 * `TlogError('out_of_range')` if end exceeds the tree size.
 */
export interface TlogStorage extends HashReader {
  readTreeSize(): Promise<number>;
  append(batch: AppendBatch): Promise<void>;
  readEntries(start: number, end: number): Promise<Buffer[]>;
  readCheckpoint(): Promise<StoredCheckpoint | null>;
  writeCheckpoint(expected: string | null, next: StoredCheckpoint): Promise<void>;
}
