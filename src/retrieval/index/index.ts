// Public API of the vector index: one interface (VectorIndex), exact search and faiss behind it.
export type { VectorIndex, SearchResult, ExcludeFn, RowExclusion, IndexKind, IndexSpec, HnswParams, IvfParams } from "./types.js";
export { IndexError } from "./types.js";
export { ExactIndex } from "./exact.js";
export { blockedTopK, type ExactSearchBackend } from "./exact-kernel.js";
export { FaissIndex, HNSW_DEFAULTS, IVF_DEFAULTS, defaultNprobe, type FaissParams, type FaissSpec } from "./faiss-index.js";
export { faissStatus } from "./faiss-loader.js";
export { TopKHeap } from "./topk-heap.js";
export { createIndex, buildIndex, loadIndex } from "./create.js";
