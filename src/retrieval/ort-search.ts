// Exact inner-product top-k through onnxruntime: an IR graph MatMul(queries, Transpose(items)) -> TopK(k),
// emitted by src/codegen and run by src/runtime. Same result layout and tie rule as blockedTopK
// (./index/exact-kernel.ts): rows best first, padded with -1 / -Infinity.
//
// Items are either fed as an input on every call (one session per (d, k), shared by every catalogue and
// cached for the process) or baked in as an initializer for a fixed catalogue (one session per k for this
// searcher). Excluded rows (a user's seen items): when k + |excluded| is small, over-fetch: the graph returns
// that many rows (rounded up to a power of two so few sessions are made), excluded rows are dropped and the
// first k kept, exact since at most |excluded| rows can drop; otherwise mask: a second graph sets the
// excluded scores to -Infinity before the top-k (a large k makes TopK sort, which costs more than the mask).
// Queries of a batch are grouped by what they need, so one heavy user does not make the batch pay.
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

/**
 * The search graph: queries (Q, d), items (N, d) (or (count, d) when baked) -> scores, ids (Q, k). With
 * `masked`, a third input `excluded` (M) holds flat positions q * N + row whose scores become -Infinity
 * before the top-k (a scatter-add into the flattened score matrix).
 */
export function searchGraph(dim: number, k: number, bakedCount?: number, masked = false): Graph {
  const g = new Graph();
  const n = bakedCount ?? "N";
  const q = g.addInput("queries", { dtype: "f32", shape: ["Q", dim] }, "data");
  const items = g.addInput("items", { dtype: "f32", shape: [n, dim] }, bakedCount === undefined ? "data" : "param");
  let scores = g.add("MatMul", [q, g.add("Transpose", [items], { perm: [1, 0] })]);
  if (masked) {
    const at = g.addInput("excluded", { dtype: "i32", shape: ["M"] }, "data");
    const flat = g.add("Reshape", [scores], { shape: [-1] });
    const minus = g.add("FillLike", [at], { value: -Infinity, dtype: "f32" });
    scores = g.add("Reshape", [g.add("ScatterAdd", [flat, at, minus])], { shape: ["Q", n] });
  }
  const [top, ids] = g.addMulti("TopK", [scores], { k });
  g.addOutput("scores", top!);
  g.addOutput("ids", ids!);
  return g;
}

const shared = new Map<string, Promise<Session>>();

/** Over-fetching beyond this many rows costs more in the top-k than masking costs in copies. */
const OVERFETCH_LIMIT = 64;
const MASKED = -1;

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
  private readonly own = new Map<string, Promise<Session>>();

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

  /** The session for top-`k` (plain, or `masked` with the `excluded` input). */
  private session(k: number, masked: boolean): Promise<Session> {
    const tag = `${k}${masked ? "m" : ""}`;
    const cache = this.opts.bake ? this.own : shared;
    const key = this.opts.bake ? tag : `${this.dim}:${tag}:${this.opts.device ?? "cpu"}:${this.opts.threads ?? "-"}`;
    let s = cache.get(key);
    if (!s) {
      const g = searchGraph(this.dim, k, this.opts.bake ? this.count : undefined, masked);
      const initializers: Record<string, Tensor> = this.opts.bake ? { items: { dtype: "f32", shape: [this.count, this.dim], data: this.items } } : {};
      s = createSession(serializeModel(emitModel(g, { name: `exact_top${tag}`, initializers })), this.opts);
      s.catch(() => cache.delete(key));
      cache.set(key, s);
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
    const kk = Math.min(k, this.count);
    const chunk = Math.max(1, Math.floor((this.opts.maxScores ?? 1 << 25) / this.count));
    for (let q0 = 0; q0 < nq; q0 += chunk) {
      const q1 = Math.min(nq, q0 + chunk);
      // queries grouped by what they need: top-kk, an over-fetched top-b, or masking (MASKED)
      const groups = new Map<number, number[]>();
      const excluded: (RowExclusion | undefined)[] = [];
      for (let q = q0; q < q1; q++) {
        const e = exclude?.(q);
        const n = exclusionSize(e);
        excluded.push(n > 0 ? e : undefined);
        const b = bucket(k + n);
        const how = n === 0 ? kk : b <= OVERFETCH_LIMIT ? Math.min(this.count, b) : MASKED;
        const g = groups.get(how);
        if (g) g.push(q);
        else groups.set(how, [q]);
      }
      for (const [how, qs] of groups) {
        const masked = how === MASKED;
        const fetch = masked ? kk : how;
        const flat = masked ? this.flatExclusions(qs.map((q) => excluded[q - q0])) : undefined;
        const out = await this.run(fetch, this.gather(queries, qs, q0, q1), flat);
        qs.forEach((q, r) => {
          const skip = masked ? undefined : asSet(excluded[q - q0]);
          this.keep(out, r * fetch, fetch, skip, ids, scores, q * k, k);
        });
      }
    }
    return { ids, scores };
  }

  /** Flat positions r * count + row of every excluded row of the r-th query (rows outside the catalogue dropped). */
  private flatExclusions(ex: (RowExclusion | undefined)[]): Int32Array {
    let n = 0;
    for (const e of ex) n += exclusionSize(e);
    const out = new Int32Array(n);
    let m = 0;
    ex.forEach((e, r) => {
      if (!e) return;
      for (const row of e) if (row >= 0 && row < this.count) out[m++] = r * this.count + row;
    });
    return out.subarray(0, m);
  }

  /** The rows of `qs` as one contiguous (len, dim) matrix (a view when they are the whole chunk q0..q1). */
  private gather(queries: Float32Array, qs: number[], q0: number, q1: number): Float32Array {
    const d = this.dim;
    if (qs.length === q1 - q0) return queries.subarray(q0 * d, q1 * d);
    const out = new Float32Array(qs.length * d);
    qs.forEach((q, r) => out.set(queries.subarray(q * d, (q + 1) * d), r * d));
    return out;
  }

  private async run(fetch: number, queries: Float32Array, excluded?: Int32Array): Promise<{ ids: Int32Array; scores: Float32Array }> {
    const feeds: Record<string, Tensor> = { queries: { dtype: "f32", shape: [queries.length / this.dim, this.dim], data: queries } };
    if (!this.opts.bake) feeds.items = { dtype: "f32", shape: [this.count, this.dim], data: this.items };
    if (excluded) feeds.excluded = { dtype: "i32", shape: [excluded.length], data: excluded };
    const out = await runGraph(await this.session(fetch, excluded !== undefined), feeds);
    return { ids: out.ids!.data as Int32Array, scores: out.scores!.data as Float32Array };
  }

  /**
   * Copies the first k fetched rows that are not in `skip` and not masked (score -Infinity; real scores of
   * finite vectors are finite) from fetched[from .. from+fetch) to ids/scores at `at`.
   */
  private keep(got: { ids: Int32Array; scores: Float32Array }, from: number, fetch: number, skip: Set<number> | undefined,
    ids: Int32Array, scores: Float32Array, at: number, k: number): void {
    let j = 0;
    for (let i = 0; i < fetch && j < k; i++) {
      const row = got.ids[from + i]!;
      const score = got.scores[from + i]!;
      if (score === -Infinity || skip?.has(row)) continue;
      ids[at + j] = row;
      scores[at + j] = score;
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
