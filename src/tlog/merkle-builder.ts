import { emptyTreeHash, HASH_SIZE, nodeHash } from './hash.js';
import { treeEdgeIndexes, type HashReader } from './merkle.js';
import { storedHashCount } from './stored-hash.js';

/** The hashes an append produced: `hashes[i]` belongs at stored-hash index `firstIndex + i`. */
export interface NewStoredHashes {
  /** Equals `storedHashCount(sizeBefore)`: appends always extend the index space contiguously. */
  readonly firstIndex: number;
  readonly hashes: readonly Buffer[];
}

/**
 * In-memory incremental Merkle tree builder (RFC 9162 §2.1.1 hashing, stored-hash numbering of
 * `stored-hash.ts`).
 *
 * It keeps only the tree's right edge: the roots of the complete subtrees that make up the
 * current tree, largest first (one per set bit of the size, so at most 53). Appending leaf i
 * pushes its hash and then merges the two top subtrees once per trailing 1 bit of i, emitting each
 * new complete-subtree hash. The cost is amortised 2 SHA-256 calls per leaf and O(log n) memory,
 * independent of the tree size; `root()` folds the edge in O(log n).
 *
 * Contract: `append` mutates the builder. If persisting its output fails, discard the builder
 * (or work on a `clone()`), since it then describes a tree the store does not have.
 */
export class MerkleBuilder {
  #size: number;
  readonly #edge: Buffer[];

  private constructor(size: number, edge: Buffer[]) {
    this.#size = size;
    this.#edge = edge;
  }

  /** A builder for the empty tree. */
  static empty(): MerkleBuilder {
    return new MerkleBuilder(0, []);
  }

  /**
   * A builder resuming a tree of `size` leaves from its right edge, as listed by
   * `treeEdgeIndexes(size)` (largest subtree first). Throws if the count or sizes are wrong.
   */
  static fromEdge(size: number, edge: readonly Buffer[]): MerkleBuilder {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
    if (edge.length !== treeEdgeIndexes(size).length || edge.some((h) => h.length !== HASH_SIZE)) {
      throw new RangeError(`right edge of a tree of size ${size} has the wrong shape`);
    }
    return new MerkleBuilder(size, edge.map((h) => Buffer.from(h)));
  }

  /** Loads the right edge of the stored tree of `size` leaves in one `readHashes` call. */
  static async load(reader: HashReader, size: number): Promise<MerkleBuilder> {
    const indexes = treeEdgeIndexes(size);
    const edge = indexes.length === 0 ? [] : await reader.readHashes(indexes);
    return MerkleBuilder.fromEdge(size, edge);
  }

  /** Number of leaves in the tree. */
  get size(): number {
    return this.#size;
  }

  /** The right edge (largest complete subtree first); copies, safe to keep. */
  edge(): Buffer[] {
    return this.#edge.map((h) => Buffer.from(h));
  }

  /** An independent copy, for speculative appends. */
  clone(): MerkleBuilder {
    return new MerkleBuilder(this.#size, [...this.#edge]);
  }

  /**
   * Appends leaf hashes (each SHA-256(0x00 ‖ entry), see `leafHash`) and returns every stored
   * hash that came into existence, in stored-hash index order, starting at
   * `storedHashCount(oldSize)`. Throws RangeError (before changing anything) if a hash is not 32
   * bytes.
   */
  append(leafHashes: readonly Buffer[]): NewStoredHashes {
    if (leafHashes.some((h) => h.length !== HASH_SIZE)) throw new RangeError('leaf hashes must be 32 bytes');
    const firstIndex = storedHashCount(this.#size);
    const out: Buffer[] = [];
    const edge = this.#edge;
    let size = this.#size;
    for (const leaf of leafHashes) {
      out.push(leaf);
      edge.push(leaf);
      // Leaf `size` completes one subtree per trailing 1 bit of its index (RFC 9162 §2.1.1:
      // complete subtrees are the power-of-two splits), each written right after the leaf.
      let i = size;
      while (i % 2 === 1) {
        const right = edge.pop();
        const left = edge.pop();
        // Safe: a trailing 1 bit at level l means the edge holds subtrees of sizes 2^l and 2^l.
        if (right === undefined || left === undefined) throw new Error('merkle builder: corrupt edge');
        const parent = nodeHash(left, right);
        edge.push(parent);
        out.push(parent);
        i = (i - 1) / 2;
      }
      size++;
    }
    this.#size = size;
    return { firstIndex, hashes: out };
  }

  /** RFC 9162 §2.1.1 MTH of the current tree; SHA-256("") when empty. */
  root(): Buffer {
    const edge = this.#edge;
    let h = edge[edge.length - 1];
    if (h === undefined) return emptyTreeHash();
    for (let i = edge.length - 2; i >= 0; i--) {
      const left = edge[i];
      if (left === undefined) throw new Error('merkle builder: corrupt edge');
      h = nodeHash(left, h);
    }
    return h;
  }
}
