// Exact inner-product index: the item matrix in memory plus an ExactSearchBackend (blockedTopK by default).
// Always available, no native code. Saved as a rech index file (./file-format.ts).
import { blockedTopK, type ExactSearchBackend } from "./exact-kernel.js";
import { writeExactFile } from "./file-format.js";
import { checkK, checkMatrix, IndexError, type ExcludeFn, type SearchResult, type VectorIndex } from "./types.js";

export class ExactIndex implements VectorIndex {
  readonly kind = "exact" as const;
  readonly dim: number;
  private data: Float32Array;
  private n = 0;
  private readonly backend: ExactSearchBackend;

  constructor(dim: number, backend: ExactSearchBackend = blockedTopK) {
    if (!Number.isInteger(dim) || dim < 1) throw new IndexError(`vector width must be a positive integer, got ${dim}`);
    this.dim = dim;
    this.data = new Float32Array(0);
    this.backend = backend;
  }

  /**
   * Wraps an existing row-major matrix without copying (it may live in a SharedArrayBuffer that several
   * worker threads read). Later add() calls copy into a private, larger buffer.
   */
  static fromVectors(dim: number, vectors: Float32Array, count: number, backend?: ExactSearchBackend): ExactIndex {
    checkMatrix("item vectors", vectors, count, dim);
    const ix = new ExactIndex(dim, backend);
    ix.data = vectors.length === count * dim ? vectors : vectors.subarray(0, count * dim);
    ix.n = count;
    return ix;
  }

  get count(): number {
    return this.n;
  }

  /** The stored rows (count * dim floats), not a copy. */
  get vectors(): Float32Array {
    return this.data.subarray(0, this.n * this.dim);
  }

  add(vectors: Float32Array, n: number): void {
    checkMatrix("add", vectors, n, this.dim);
    const need = (this.n + n) * this.dim;
    if (need > this.data.length) {
      const grown = new Float32Array(Math.max(need, Math.min(2 * this.data.length, need + (1 << 24))));
      grown.set(this.data.subarray(0, this.n * this.dim));
      this.data = grown;
    }
    this.data.set(vectors.subarray(0, n * this.dim), this.n * this.dim);
    this.n += n;
  }

  search(queries: Float32Array, nq: number, k: number, exclude?: ExcludeFn): SearchResult {
    checkMatrix("queries", queries, nq, this.dim);
    checkK(k);
    return this.backend(this.data, this.n, this.dim, queries, nq, k, exclude);
  }

  save(path: string): void {
    writeExactFile(path, this.dim, this.n, this.vectors);
  }
}
