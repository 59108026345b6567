// faiss indexes through faiss-node: Flat (exact, inner product), HNSW,Flat and IVF,Flat, all with the
// inner-product metric. Saved in faiss's own file format (readable by faiss in Python too); HNSW efSearch and
// IVF nprobe are stored in that file, so a loaded index searches as it was configured.
//
// faiss-node aborts the process on faiss errors it does not catch (e.g. adding to an untrained IVF index),
// so every precondition is checked here first and reported as an IndexError.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitTempFile, tempPathFor } from "../../util/atomic-write.js";
import { asSet } from "./exact-kernel.js";
import { METRIC_INNER_PRODUCT, patchFaissFile, readFaissLayout, type FaissKind, type FaissLayout } from "./faiss-format.js";
import { loadFaiss, type FaissHandle } from "./faiss-loader.js";
import { worse } from "./topk-heap.js";
import { checkK, checkMatrix, IndexError, type ExcludeFn, type SearchResult, type VectorIndex } from "./types.js";

export const HNSW_DEFAULTS = { M: 32, efConstruction: 128, efSearch: 256 };
export const IVF_DEFAULTS = { nlist: 100 };
/** nprobe when not given: a quarter of the lists (torch-rechub's legacy Faiss helper uses nlist // 4). */
export function defaultNprobe(nlist: number): number {
  return Math.max(1, Math.floor(nlist / 4));
}

/** Current parameters of a faiss index (only those that apply to its kind are set). */
export interface FaissParams {
  M?: number;
  efConstruction?: number;
  efSearch?: number;
  nlist?: number;
  nprobe?: number;
}

export type FaissSpec =
  | { kind: "faiss-flat" }
  | { kind: "faiss-hnsw"; M?: number; efConstruction?: number; efSearch?: number }
  | { kind: "faiss-ivf"; nlist?: number; nprobe?: number };

const ADD_CHUNK_FLOATS = 1 << 20; // floats per faiss-node add() call (it takes JS arrays)
const TRAIN_ROWS_PER_LIST = 256;

export class FaissIndex implements VectorIndex {
  readonly kind: FaissKind;
  readonly dim: number;
  private handle: FaissHandle;
  private layout: FaissLayout;

  private constructor(kind: FaissKind, dim: number, handle: FaissHandle, layout: FaissLayout) {
    this.kind = kind;
    this.dim = dim;
    this.handle = handle;
    this.layout = layout;
  }

  static create(spec: FaissSpec, dim: number): FaissIndex {
    if (!Number.isInteger(dim) || dim < 1) throw new IndexError(`vector width must be a positive integer, got ${dim}`);
    const faiss = loadFaiss();
    if (spec.kind === "faiss-flat") {
      const h = faiss.Index.fromFactory(dim, "Flat", METRIC_INNER_PRODUCT);
      return new FaissIndex("faiss-flat", dim, h, { kind: "faiss-flat", dim, ntotal: 0, metric: METRIC_INNER_PRODUCT });
    }
    let description: string;
    let patch: { efConstruction?: number; efSearch?: number; nprobe?: number };
    if (spec.kind === "faiss-hnsw") {
      const M = positiveInt("M", spec.M ?? HNSW_DEFAULTS.M, 2, 512);
      description = `HNSW${M},Flat`;
      patch = {
        efConstruction: positiveInt("efConstruction", spec.efConstruction ?? HNSW_DEFAULTS.efConstruction, 1, 1 << 20),
        efSearch: positiveInt("efSearch", spec.efSearch ?? HNSW_DEFAULTS.efSearch, 1, 1 << 20),
      };
    } else {
      const nlist = positiveInt("nlist", spec.nlist ?? IVF_DEFAULTS.nlist, 1, 1 << 24);
      description = `IVF${nlist},Flat`;
      patch = { nprobe: positiveInt("nprobe", spec.nprobe ?? defaultNprobe(nlist), 1, nlist) };
    }
    const patched = withParams(faiss.Index.fromFactory(dim, description, METRIC_INNER_PRODUCT), patch);
    return new FaissIndex(spec.kind, dim, patched.handle, patched.layout);
  }

  /** Reads a faiss index file (inner-product Flat, HNSW,Flat or IVF,Flat). */
  static read(path: string): FaissIndex {
    const layout = readFaissLayout(path);
    if (layout.metric !== METRIC_INNER_PRODUCT) {
      throw new IndexError(`${path}: the faiss index uses metric ${layout.metric}; rech needs inner product (0)`);
    }
    const handle = loadFaiss().Index.read(path);
    return new FaissIndex(layout.kind, layout.dim, handle, layout);
  }

  get count(): number {
    return this.handle.ntotal();
  }

  get params(): FaissParams {
    const l = this.layout;
    if (l.kind === "faiss-hnsw") return { M: l.M, efConstruction: l.efConstruction?.value, efSearch: l.efSearch?.value };
    if (l.kind === "faiss-ivf") return { nlist: l.nlist, nprobe: l.nprobe?.value };
    return {};
  }

  /** Changes efSearch (HNSW) or nprobe (IVF). Goes through a temporary file: costs writing and reading the index. */
  setSearchParams(p: { efSearch?: number; nprobe?: number }): void {
    const patch: { efSearch?: number; nprobe?: number } = {};
    if (p.efSearch !== undefined) {
      if (this.kind !== "faiss-hnsw") throw new IndexError(`efSearch applies to HNSW indexes, this one is ${this.kind}`);
      patch.efSearch = positiveInt("efSearch", p.efSearch, 1, 1 << 20);
    }
    if (p.nprobe !== undefined) {
      if (this.kind !== "faiss-ivf") throw new IndexError(`nprobe applies to IVF indexes, this one is ${this.kind}`);
      patch.nprobe = positiveInt("nprobe", p.nprobe, 1, this.layout.nlist ?? 1);
    }
    const patched = withParams(this.handle, patch);
    this.handle = patched.handle;
    this.layout = patched.layout;
  }

  add(vectors: Float32Array, n: number): void {
    checkMatrix("add", vectors, n, this.dim);
    if (n === 0) return;
    if (!this.handle.isTrained()) this.train(vectors, n);
    const rowsPerChunk = Math.max(1, Math.floor(ADD_CHUNK_FLOATS / this.dim));
    for (let r0 = 0; r0 < n; r0 += rowsPerChunk) {
      const r1 = Math.min(n, r0 + rowsPerChunk);
      this.handle.add(toArray(vectors, r0 * this.dim, r1 * this.dim));
    }
  }

  /** IVF: k-means on (a strided sample of) the first batch added. */
  private train(vectors: Float32Array, n: number): void {
    const nlist = this.layout.nlist ?? 1;
    if (n < nlist) throw new IndexError(`an IVF index with nlist ${nlist} needs at least ${nlist} vectors to train, got ${n}`);
    const rows = Math.min(n, nlist * TRAIN_ROWS_PER_LIST);
    const step = n / rows;
    const sample: number[] = new Array(rows * this.dim);
    for (let r = 0; r < rows; r++) {
      const src = Math.floor(r * step) * this.dim;
      for (let j = 0; j < this.dim; j++) sample[r * this.dim + j] = vectors[src + j]!;
    }
    this.handle.train(sample);
  }

  search(queries: Float32Array, nq: number, k: number, exclude?: ExcludeFn): SearchResult {
    checkMatrix("queries", queries, nq, this.dim);
    checkK(k);
    const ids = new Int32Array(nq * k).fill(-1);
    const scores = new Float32Array(nq * k).fill(-Infinity);
    const total = this.count;
    if (nq === 0 || total === 0) return { ids, scores };
    const sets = new Array<Set<number> | undefined>(nq);
    let extra = 0;
    for (let q = 0; q < nq; q++) {
      const s = exclude ? asSet(exclude(q)) : undefined;
      sets[q] = s;
      if (s && s.size > extra) extra = s.size;
    }
    const kk = Math.min(total, k + extra); // over-fetch, then drop excluded rows
    const res = this.handle.search(toArray(queries, 0, nq * this.dim), kk);
    const order: number[] = [];
    for (let q = 0; q < nq; q++) {
      order.length = 0;
      for (let j = 0; j < kk; j++) {
        const id = res.labels[q * kk + j]!;
        if (id >= 0 && !(sets[q]?.has(id) ?? false)) order.push(q * kk + j);
      }
      // faiss's own tie order varies by index type: restate it as (score desc, row asc)
      order.sort((a, b) => (worse(res.distances[a]!, res.labels[a]!, res.distances[b]!, res.labels[b]!) ? 1 : -1));
      const m = Math.min(k, order.length);
      for (let j = 0; j < m; j++) {
        ids[q * k + j] = res.labels[order[j]!]!;
        scores[q * k + j] = res.distances[order[j]!]!;
      }
    }
    return { ids, scores };
  }

  save(path: string): void {
    const tmp = tempPathFor(path);
    this.handle.write(tmp);
    commitTempFile(tmp, path);
  }
}

/** The same index with patched parameters: written to a temporary file, patched there, read back. */
function withParams(handle: FaissHandle, patch: { efConstruction?: number; efSearch?: number; nprobe?: number }): { handle: FaissHandle; layout: FaissLayout } {
  const tmp = join(tmpdir(), `rech-faiss-${process.pid}-${randomBytes(4).toString("hex")}.faiss`);
  try {
    handle.write(tmp);
    patchFaissFile(tmp, readFaissLayout(tmp), patch);
    return { handle: loadFaiss().Index.read(tmp), layout: readFaissLayout(tmp) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

function toArray(x: Float32Array, start: number, end: number): number[] {
  const out: number[] = new Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = x[i]!;
  return out;
}

function positiveInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new IndexError(`${name} must be an integer in ${min}..${max}, got ${v}`);
  return v;
}
