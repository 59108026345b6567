// Full-ranking evaluation: every user's top-K over the WHOLE item catalogue (no sampled negatives), by exact
// inner product (onnxruntime or the TypeScript scan), multi-interest users merged by best score, the user's
// seen items masked when asked; then Recall, Precision, NDCG, HitRate (share of users with a hit) and MRR at
// several K through src/retrieval/metrics.ts.
import { ItemCatalog } from "../retrieval/catalog.js";
import { ExactIndex } from "../retrieval/index/exact.js";
import type { SearchResult } from "../retrieval/index/types.js";
import { computeTopKMetrics } from "../retrieval/metrics.js";
import { OrtExactSearch, type OrtSearchOptions } from "../retrieval/ort-search.js";
import { mergeInterests } from "../retrieval/retrieve.js";

export const DEFAULT_KS: readonly number[] = [10, 20, 50];

/** Row-major vectors with their shape: users (U, d) or (U, K, d); items (N, d). */
export interface Vectors {
  data: Float32Array;
  shape: number[];
}

export interface RankingInput {
  userVecs: Vectors;
  itemVecs: Vectors;
  /** itemIds[row] = item id of item vector `row` (the ids truth and seen use). */
  itemIds: Int32Array;
  /** held-out relevant item ids per user (users in userVecs order) */
  truth: ReadonlyArray<ArrayLike<number>>;
  /** items each user saw in training (history); ids outside the catalogue are ignored */
  seen?: ReadonlyArray<ArrayLike<number> | undefined>;
  /** leave seen items out of the ranking; default: true when `seen` is given */
  maskSeen?: boolean;
  /** default [10, 20, 50] */
  ks?: readonly number[];
  /** exact search engine; default "ort" */
  search?: "ort" | "js";
  /** users per search call (bounds memory); default 1024 */
  batchUsers?: number;
  ort?: OrtSearchOptions;
}

export interface RankingResult {
  /** "<metric>@<K>" -> value, metrics recall, precision, ndcg, hitrate, mrr */
  metrics: Record<string, number>;
  ks: number[];
  users: number;
  /** width of each user's ranking = max(ks) */
  k: number;
  /** (users, k) item ids best first, -1 padding when the catalogue is smaller than k */
  items: Int32Array;
  scores: Float32Array;
}

export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

function userShape(v: Vectors): { users: number; interests: number; dim: number } {
  const s = v.shape;
  if (s.length === 2) return { users: s[0]!, interests: 1, dim: s[1]! };
  if (s.length === 3) return { users: s[0]!, interests: s[1]!, dim: s[2]! };
  throw new EvalError(`user vectors must be (users, d) or (users, K, d), got [${s.join(", ")}]`);
}

export async function evaluateRanking(input: RankingInput): Promise<RankingResult> {
  const ks = [...(input.ks ?? DEFAULT_KS)];
  if (ks.length === 0 || ks.some((k) => !(Number.isInteger(k) && k > 0))) throw new EvalError(`K values must be positive integers, got [${ks.join(", ")}]`);
  const k = Math.max(...ks);
  const { users, interests, dim } = userShape(input.userVecs);
  const [nItems, itemDim] = input.itemVecs.shape;
  if (input.itemVecs.shape.length !== 2 || itemDim !== dim) {
    throw new EvalError(`item vectors are [${input.itemVecs.shape.join(", ")}], the user vectors have width ${dim}`);
  }
  if (input.itemIds.length !== nItems) throw new EvalError(`${input.itemIds.length} item ids for ${nItems} item vectors`);
  if (input.truth.length !== users) throw new EvalError(`${input.truth.length} truth lists for ${users} users`);
  if (input.seen && input.seen.length !== users) throw new EvalError(`${input.seen.length} seen lists for ${users} users`);
  if (input.userVecs.data.length !== users * interests * dim) throw new EvalError(`user vectors hold ${input.userVecs.data.length} values, shape [${input.userVecs.shape.join(", ")}]`);
  if (input.itemVecs.data.length !== nItems! * dim) throw new EvalError(`item vectors hold ${input.itemVecs.data.length} values, shape [${input.itemVecs.shape.join(", ")}]`);

  const catalog = new ItemCatalog(input.itemIds);
  const mask = input.maskSeen ?? input.seen !== undefined;
  const search = await searcher(input, nItems!, dim);
  const items = new Int32Array(users * k);
  const scores = new Float32Array(users * k);
  const batch = Math.max(1, input.batchUsers ?? 1024);
  try {
    for (let u0 = 0; u0 < users; u0 += batch) {
      const u1 = Math.min(users, u0 + batch);
      const rows = mask && input.seen
        ? Array.from({ length: u1 - u0 }, (_, i) => {
          const s = input.seen![u0 + i];
          return s ? catalog.rowsOf(Array.from(s)) : undefined;
        })
        : undefined;
      const queries = input.userVecs.data.subarray(u0 * interests * dim, u1 * interests * dim);
      const res = await search.run(queries, u1 - u0, interests, k, rows && ((u) => rows[u]));
      catalog.toItemIds(res.ids);
      items.set(res.ids, u0 * k);
      scores.set(res.scores, u0 * k);
    }
  } finally {
    await search.close();
  }
  const metrics = computeTopKMetrics(input.truth, items, ks);
  return { metrics, ks, users, k, items, scores };
}

interface Searcher {
  run(queries: Float32Array, users: number, interests: number, k: number, exclude?: (u: number) => Set<number> | undefined): Promise<SearchResult>;
  close(): Promise<void>;
}

async function searcher(input: RankingInput, n: number, dim: number): Promise<Searcher> {
  if ((input.search ?? "ort") === "ort") {
    const s = OrtExactSearch.create(input.itemVecs.data, n, dim, input.ort);
    return { run: (q, users, K, k, ex) => s.searchUsers(q, users, K, k, ex), close: () => s.close() };
  }
  if (input.search !== "js") throw new EvalError(`unknown search "${String(input.search)}": use "ort" or "js"`);
  const ix = ExactIndex.fromVectors(dim, input.itemVecs.data, n);
  return {
    async run(q, users, K, k, ex) {
      const res = ix.search(q, users * K, k, ex && ((i) => ex(Math.floor(i / K))));
      return K === 1 ? res : mergeInterests(res, users, K, k, k);
    },
    close: async () => {},
  };
}
