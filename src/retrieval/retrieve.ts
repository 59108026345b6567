// Top-K items for users: one or several (multi-interest) vectors per user, merged per user by best score,
// de-duplicated, with the user's seen items excluded.
import type { ItemCatalog } from "./catalog.js";
import type { SearchResult, VectorIndex } from "./index/types.js";
import { worse } from "./index/topk-heap.js";

export interface RetrieveOptions {
  /** Items per user. */
  k: number;
  /** Vectors per user (K of a multi-interest tower); userVecs is (users, interests, dim). Default 1. */
  interests?: number;
  /** Item ids to exclude for a user (e.g. the items in their history); ids not in the catalogue are ignored. */
  seen?: (user: number) => Iterable<number> | undefined;
  /** Users searched per index call (bounds memory). Default 512. */
  batchUsers?: number;
}

/** (users, k) item ids best-first, padded with -1 / -Infinity when fewer than k items qualify. */
export interface Recommendations {
  users: number;
  k: number;
  items: Int32Array;
  scores: Float32Array;
}

export function retrieve(index: VectorIndex, catalog: ItemCatalog, userVecs: Float32Array, users: number, opts: RetrieveOptions): Recommendations {
  const K = opts.interests ?? 1;
  const k = opts.k;
  const dim = index.dim;
  const items = new Int32Array(users * k);
  const scores = new Float32Array(users * k);
  const batch = Math.max(1, opts.batchUsers ?? 512);
  for (let u0 = 0; u0 < users; u0 += batch) {
    const u1 = Math.min(users, u0 + batch);
    const seenRows: (Set<number> | undefined)[] = [];
    for (let u = u0; u < u1; u++) {
      const s = opts.seen?.(u);
      seenRows.push(s ? catalog.rowsOf(s) : undefined);
    }
    const queries = userVecs.subarray(u0 * K * dim, u1 * K * dim);
    const res = index.search(queries, (u1 - u0) * K, k, (q) => seenRows[Math.floor(q / K)]);
    const merged = mergeInterests(res, u1 - u0, K, k);
    catalog.toItemIds(merged.ids);
    items.set(merged.ids, u0 * k);
    scores.set(merged.scores, u0 * k);
  }
  return { users, k, items, scores };
}

/**
 * Merges per-interest results: `res` holds (users * K) rows of `kIn` results (rows of one user adjacent).
 * For each user: every candidate row keeps its best score over the interests, candidates are ordered by
 * (score desc, row asc), the first kOut are kept. Padding (-1) is ignored; short lists are padded.
 */
export function mergeInterests(res: SearchResult, users: number, K: number, kOut: number, kIn = res.ids.length / Math.max(1, users * K)): SearchResult {
  const ids = new Int32Array(users * kOut).fill(-1);
  const scores = new Float32Array(users * kOut).fill(-Infinity);
  const best = new Map<number, number>();
  for (let u = 0; u < users; u++) {
    best.clear();
    const base = u * K * kIn;
    for (let j = 0; j < K * kIn; j++) {
      const id = res.ids[base + j]!;
      if (id < 0) continue;
      const s = res.scores[base + j]!;
      const prev = best.get(id);
      if (prev === undefined || s > prev) best.set(id, s);
    }
    const cand = [...best.entries()];
    cand.sort((a, b) => (worse(a[1], a[0], b[1], b[0]) ? 1 : -1));
    const m = Math.min(kOut, cand.length);
    for (let j = 0; j < m; j++) {
      ids[u * kOut + j] = cand[j]![0];
      scores[u * kOut + j] = cand[j]![1];
    }
  }
  return { ids, scores };
}
