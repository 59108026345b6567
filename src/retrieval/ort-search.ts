// Exact inner-product top-k through onnxruntime: an IR graph MatMul(queries, Transpose(items)) -> TopK(k),
// emitted by src/codegen and run by src/runtime. Same result layout and tie rule as blockedTopK
// (./index/exact-kernel.ts): rows best first, padded with -1 / -Infinity.
//
// Items are either fed as an input on every call (one session per (d, k), shared by every catalogue and
// cached for the process) or baked in as an initializer for a fixed catalogue (one session per k for this
// searcher). Excluded rows (a user's seen items) are handled by over-fetching: for a query the graph returns
// k + |excluded| rows (rounded up to a power of two so few sessions are made; queries of a batch are grouped
// by that size), excluded rows are dropped and the first k kept; that is exact, since at most |excluded| of
// the over-fetched rows can be dropped.
// Query batches are split so that one run scores at most `maxScores` (query, item) pairs.
import { emitModel } from "../codegen/onnx/emit.js";
import { serializeModel } from "../codegen/onnx/serialize.js";
import { Graph } from "../ir/graph.js";
import type { Tensor } from "../ir/tensor.js";
import { createSession, releaseSession, runGraph, type Device, type Session } from "../runtime/index.js";
import { checkK, checkMatrix, IndexError, type ExcludeFn, type RowExclusion, type SearchResult } from "./index/types.js";
import { mergeInterests } from "./retrieve.js";

export interface OrtSearchOptions {
  /** Bake the items into the model (fixed catalogue) instead of feeding them on every call. Default false. */
  bake?: boolean;
  device?: Device;
  /** onnxruntime intra-op threads (its default when absent). */
  threads?: number;
  /** Most (query, item) scores one run may hold; larger query batches are split. Default 2^25 (128 MiB). */
  maxScores?: number;
}

/** The search graph: queries (Q, d), items (N, d) or (count, d) when baked -> scores, ids (Q, k). */
export function searchGraph(dim: number, k: number, bakedCount?: number): Graph {
  const g = new Graph();
  const q = g.addInput("queries", { dtype: "f32", shape: ["Q", dim] }, "data");
  const items = g.addInput("items", { dtype: "f32", shape: [bakedCount ?? "N", dim] }, bakedCount === undefined ? "data" : "param");
  const scores = g.add("MatMul", [q, g.add("Transpose", [items], { perm: [1, 0] })]);
  const [top, ids] = g.addMulti("TopK", [scores], { k });
  g.addOutput("scores", top!);
  g.addOutput("ids", ids!);
  return g;
}

const shared = new Map<string, Promise<Session>>();

function sessionKey(dim: number, k: number, o: OrtSearchOptions): string {
  return `${dim}:${k}:${o.device ?? "cpu"}:${o.threads ?? "-"}`;
}

/** Smallest power of two >= n. */
function bucket(n: number): number {
  let b = 1;
  while (b < n) b *= 2;
  return b;
}

function exclusionSize(e: RowExclusion | undefined): number {
  return e === undefined ? 0 : e instanceof Set ? e.size : e.length;
}

function asSet(e: RowExclusion | undefined): Set<number> | undefined {
  if (e === undefined || e instanceof Set) return e;
  return new Set(e);
}

export class OrtExactSearch {
  readonly dim: number;
  readonly count: number;
  private readonly items: Float32Array;
  private readonly opts: OrtSearchOptions;
  private readonly own = new Map<number, Promise<Session>>();

  private constructor(items: Float32Array, count: number, dim: number, opts: OrtSearchOptions) {
    this.items = items;
    this.count = count;
    this.dim = dim;
    this.opts = opts;
  }

  /** A searcher over `count` row-major item vectors of width `dim` (not copied unless baked). */
  static create(items: Float32Array, count: number, dim: number, opts: OrtSearchOptions = {}): OrtExactSearch {
    if (!Number.isInteger(dim) || dim < 1) throw new IndexError(`vector width must be a positive integer, got ${dim}`);
    checkMatrix("item vectors", items, count, dim);
    return new OrtExactSearch(items.subarray(0, count * dim), count, dim, opts);
  }

  private session(k: number): Promise<Session> {
    if (this.opts.bake) {
      let s = this.own.get(k);
      if (!s) {
        const g = searchGraph(this.dim, k, this.count);
        const items: Tensor = { dtype: "f32", shape: [this.count, this.dim], data: this.items };
        const bytes = serializeModel(emitModel(g, { name: `exact_top${k}`, initializers: { items } }));
        s = createSession(bytes, this.opts);
        s.catch(() => this.own.delete(k));
        this.own.set(k, s);
      }
      return s;
    }
    const key = sessionKey(this.dim, k, this.opts);
    let s = shared.get(key);
    if (!s) {
      const bytes = serializeModel(emitModel(searchGraph(this.dim, k), { name: `exact_top${k}` }));
      s = createSession(bytes, this.opts);
      s.catch(() => shared.delete(key));
      shared.set(key, s);
    }
    return s;
  }

  /** Top-k rows by inner product for each of nq queries (row-major nq * dim), excluded rows left out. */
  async search(queries: Float32Array, nq: number, k: number, exclude?: ExcludeFn): Promise<SearchResult> {
    checkMatrix("queries", queries, nq, this.dim);
    checkK(k);
    const ids = new Int32Array(nq * k).fill(-1);
    const scores = new Float32Array(nq * k).fill(-Infinity);
    if (this.count === 0 || nq === 0) return { ids, scores };
    const chunk = Math.max(1, Math.floor((this.opts.maxScores ?? 1 << 25) / this.count));
    for (let q0 = 0; q0 < nq; q0 += chunk) {
      const q1 = Math.min(nq, q0 + chunk);
      // queries grouped by how many rows they need fetched, so one heavy user does not make the batch pay
      const groups = new Map<number, number[]>();
      const excluded: (Set<number> | undefined)[] = [];
      for (let q = q0; q < q1; q++) {
        const e = exclude?.(q);
        const n = exclusionSize(e);
        excluded.push(n > 0 ? asSet(e) : undefined);
        const fetch = Math.min(this.count, n === 0 ? k : bucket(k + n));
        const g = groups.get(fetch);
        if (g) g.push(q);
        else groups.set(fetch, [q]);
      }
      for (const [fetch, qs] of groups) {
        const out = await this.run(fetch, this.gather(queries, qs, q0, q1));
        qs.forEach((q, r) => this.keep(out, r * fetch, fetch, excluded[q - q0], ids, scores, q * k, k));
      }
    }
    return { ids, scores };
  }

  /** The rows of `qs` as one contiguous (len, dim) matrix (a view when they are the whole chunk q0..q1). */
  private gather(queries: Float32Array, qs: number[], q0: number, q1: number): Float32Array {
    const d = this.dim;
    if (qs.length === q1 - q0) return queries.subarray(q0 * d, q1 * d);
    const out = new Float32Array(qs.length * d);
    qs.forEach((q, r) => out.set(queries.subarray(q * d, (q + 1) * d), r * d));
    return out;
  }

  private async run(fetch: number, queries: Float32Array): Promise<{ ids: Int32Array; scores: Float32Array }> {
    const feeds: Record<string, Tensor> = { queries: { dtype: "f32", shape: [queries.length / this.dim, this.dim], data: queries } };
    if (!this.opts.bake) feeds.items = { dtype: "f32", shape: [this.count, this.dim], data: this.items };
    const out = await runGraph(await this.session(fetch), feeds);
    return { ids: out.ids!.data as Int32Array, scores: out.scores!.data as Float32Array };
  }

  /** Copies the first k fetched rows not in `skip` (fetched[from .. from+fetch)) to ids/scores at `at`. */
  private keep(got: { ids: Int32Array; scores: Float32Array }, from: number, fetch: number, skip: Set<number> | undefined,
    ids: Int32Array, scores: Float32Array, at: number, k: number): void {
    let j = 0;
    for (let i = 0; i < fetch && j < k; i++) {
      const row = got.ids[from + i]!;
      if (skip?.has(row)) continue;
      ids[at + j] = row;
      scores[at + j] = got.scores[from + i]!;
      j++;
    }
  }

  /**
   * Top-k rows per user for `users` users with `interests` vectors each (row-major (users, interests, dim)):
   * every interest is searched, results are merged per user by best score and de-duplicated.
   */
  async searchUsers(userVecs: Float32Array, users: number, interests: number, k: number, exclude?: ExcludeFn): Promise<SearchResult> {
    if (!Number.isInteger(interests) || interests < 1) throw new IndexError(`interests must be a positive integer, got ${interests}`);
    const res = await this.search(userVecs, users * interests, k, exclude && ((q) => exclude(Math.floor(q / interests))));
    return interests === 1 ? res : mergeInterests(res, users, interests, k, k);
  }

  /** Releases the sessions this searcher owns (baked catalogues); shared sessions stay cached. */
  async close(): Promise<void> {
    const sessions = [...this.own.values()];
    this.own.clear();
    for (const s of sessions) await releaseSession(await s);
  }
}

/** Releases every cached (d, k) session of fed-items searchers. */
export async function releaseSharedSearchSessions(): Promise<void> {
  const sessions = [...shared.values()];
  shared.clear();
  for (const s of sessions) await releaseSession(await s);
}
