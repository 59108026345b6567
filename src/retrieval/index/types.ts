// The vector index interface shared by exact search and faiss. Everything works on ROW numbers (0..count-1,
// the order in which vectors were added); mapping rows to item ids is the job of ../catalog.ts.
// Scores are inner products, best (largest) first.

/** Rows a query must not return: a Set of rows or a list of rows (any order, duplicates allowed). */
export type RowExclusion = Set<number> | Int32Array;

/** Per-query exclusion; `q` is the query's position in the batch. Return undefined for "none". */
export type ExcludeFn = (q: number) => RowExclusion | undefined;

/**
 * k results per query, row-major (nq, k). When fewer than k rows can be returned (a small catalogue, many
 * excluded rows, or an approximate index that found fewer), the tail is padded with id -1 and score -Infinity.
 */
export interface SearchResult {
  ids: Int32Array;
  scores: Float32Array;
}

export type IndexKind = "exact" | "faiss-flat" | "faiss-hnsw" | "faiss-ivf";

export interface VectorIndex {
  readonly kind: IndexKind;
  /** Vector width. */
  readonly dim: number;
  /** Number of vectors added so far. */
  readonly count: number;
  /** Appends n vectors (row-major, n * dim floats); they get rows count..count+n-1. */
  add(vectors: Float32Array, n: number): void;
  /** Top-k rows by inner product for each of nq queries (row-major, nq * dim floats). */
  search(queries: Float32Array, nq: number, k: number, exclude?: ExcludeFn): SearchResult;
  /** Writes the index to one file atomically (temp file in the same folder, fsync, rename). */
  save(path: string): void;
}

/** Parameters of the faiss indexes; defaults in faiss-index.ts. */
export interface HnswParams {
  /** Graph degree (faiss `M`). */
  M?: number;
  efConstruction?: number;
  efSearch?: number;
}

export interface IvfParams {
  /** Number of inverted lists (k-means centroids). */
  nlist?: number;
  /** Lists visited per query. */
  nprobe?: number;
}

/** What to build; see createIndex in ./create.ts. */
export type IndexSpec =
  | { kind: "exact" }
  | { kind: "faiss-flat" }
  | ({ kind: "faiss-hnsw" } & HnswParams)
  | ({ kind: "faiss-ivf" } & IvfParams);

/** A user-facing index problem (bad file, bad parameter, faiss not built): print `.message`, no stack. */
export class IndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexError";
  }
}

/** Throws IndexError unless `data` holds at least n * dim floats. */
export function checkMatrix(what: string, data: Float32Array, n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0) throw new IndexError(`${what}: count must be a non-negative integer, got ${n}`);
  if (data.length < n * dim) {
    throw new IndexError(`${what}: expected ${n} x ${dim} = ${n * dim} floats, got ${data.length}`);
  }
}

/** Throws IndexError unless k is a positive integer. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new IndexError(`k must be a positive integer, got ${k}`);
}
