// Building and loading indexes by kind. The only place that chooses between exact search and faiss.
import { ExactIndex } from "./exact.js";
import type { ExactSearchBackend } from "./exact-kernel.js";
import { FaissIndex } from "./faiss-index.js";
import { indexKindOfFile, readExactFile } from "./file-format.js";
import type { IndexSpec, VectorIndex } from "./types.js";

/** An empty index of the given kind and width. faiss kinds load faiss-node on first use. */
export function createIndex(spec: IndexSpec, dim: number, exactBackend?: ExactSearchBackend): VectorIndex {
  switch (spec.kind) {
    case "exact":
      return new ExactIndex(dim, exactBackend);
    case "faiss-flat":
    case "faiss-hnsw":
    case "faiss-ivf":
      return FaissIndex.create(spec, dim);
  }
}

/** Builds an index over `count` row-major vectors. */
export function buildIndex(spec: IndexSpec, vectors: Float32Array, count: number, dim: number, exactBackend?: ExactSearchBackend): VectorIndex {
  if (spec.kind === "exact") return ExactIndex.fromVectors(dim, vectors, count, exactBackend);
  const ix = createIndex(spec, dim);
  ix.add(vectors, count);
  return ix;
}

/** Loads an index saved by VectorIndex.save (or any inner-product faiss Flat / HNSW,Flat / IVF,Flat file). */
export function loadIndex(path: string, exactBackend?: ExactSearchBackend): VectorIndex {
  const kind = indexKindOfFile(path);
  if (kind === "exact") {
    const f = readExactFile(path);
    return ExactIndex.fromVectors(f.dim, f.vectors, f.count, exactBackend);
  }
  return FaissIndex.read(path);
}
