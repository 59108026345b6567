// Top-K retrieval metrics over users: Recall, Precision, NDCG, HitRate and MRR at several K at once.
//
// For user u with relevant set G_u (distinct items) and ranked list pred_u, over ranks j = 0..K-1:
//   a rank hits when pred_u[j] is in G_u and did not appear earlier in pred_u (a repeated item counts once;
//   torch-rechub counts it each time);
//   hits_u    = number of hitting ranks;       rr_u = 1/(j*+1) for the first hitting rank j*, else 0
//   DCG_u     = Σ_hitting j 1/log2(j+2);       IDCG_u = Σ_{j < min(K, |G_u|)} 1/log2(j+2)
// Averages over the U users with a non-empty G_u (torch-rechub also counts users with an empty set, as 0):
//   recall@K    = mean hits_u / |G_u|          precision@K = mean hits_u / K
//   ndcg@K      = mean DCG_u / IDCG_u          mrr@K       = mean rr_u
//   hitrate@K   = share of users with hits_u >= 1.
// torch-rechub's "Hit@K" is different: Σ hits_u / Σ |G_u| (a micro-averaged recall). With one relevant
// item per user, hitrate = recall = that Hit.

export type MetricName = "recall" | "precision" | "ndcg" | "hitrate" | "mrr";
export const METRIC_NAMES: readonly MetricName[] = ["recall", "precision", "ndcg", "hitrate", "mrr"];

/**
 * truth[u]: relevant items of user u (any order; duplicates are ignored).
 * ranked: either one ranked list per user, or a flat Int32Array of users × width (row-major), best first.
 * Entries < 0 mean "no item". Every list must hold at least max(ks) entries.
 * Returns keys "<metric>@<K>" for every metric and K, e.g. "recall@10".
 */
export function computeTopKMetrics(
  truth: ReadonlyArray<ArrayLike<number>>,
  ranked: Int32Array | ReadonlyArray<ArrayLike<number>>,
  ks: readonly number[],
): Record<string, number> {
  if (ks.length === 0) throw new Error("computeTopKMetrics: no K given");
  for (const k of ks) if (!(Number.isInteger(k) && k > 0)) throw new Error(`computeTopKMetrics: K must be a positive integer, got ${k}`);
  const maxK = Math.max(...ks);
  const users = truth.length;
  let row: (u: number) => ArrayLike<number>;
  if (ranked instanceof Int32Array) {
    const width = users === 0 ? maxK : ranked.length / users;
    if (!Number.isInteger(width)) throw new Error(`computeTopKMetrics: ${ranked.length} ranked ids do not split into ${users} rows`);
    row = (u) => ranked.subarray(u * width, (u + 1) * width);
  } else {
    if (ranked.length !== users) throw new Error(`computeTopKMetrics: ${users} truth rows but ${ranked.length} ranked rows`);
    row = (u) => ranked[u]!;
  }
  const discount = new Float64Array(maxK);
  for (let j = 0; j < maxK; j++) discount[j] = 1 / Math.log2(j + 2);
  const idealPrefix = new Float64Array(maxK + 1);
  for (let j = 0; j < maxK; j++) idealPrefix[j + 1] = idealPrefix[j]! + discount[j]!;

  const sums: Record<string, number> = {};
  for (const m of METRIC_NAMES) for (const k of ks) sums[`${m}@${k}`] = 0;
  const hitRanks = new Int32Array(maxK);
  let counted = 0;
  let scratch = new Int32Array(16);
  for (let u = 0; u < users; u++) {
    const g = truth[u]!;
    if (scratch.length < g.length) scratch = new Int32Array(g.length * 2);
    const set = scratch.subarray(0, g.length);
    for (let i = 0; i < g.length; i++) set[i] = g[i]!;
    set.sort();
    let size = 0;
    for (let i = 0; i < set.length; i++) if (i === 0 || set[i] !== set[i - 1]) set[size++] = set[i]!;
    if (size === 0) continue;
    counted++;
    const pred = row(u);
    if (pred.length < maxK) throw new Error(`computeTopKMetrics: user row ${u} has ${pred.length} ranked items, fewer than K = ${maxK}`);
    let nh = 0;
    for (let j = 0; j < maxK; j++) {
      const item = pred[j]!;
      if (item < 0 || !contains(set, size, item)) continue;
      let repeat = false;
      for (let h = 0; h < nh; h++) if (pred[hitRanks[h]!] === item) repeat = true;
      if (!repeat) hitRanks[nh++] = j;
    }
    for (const k of ks) {
      let hits = 0;
      let dcg = 0;
      for (let h = 0; h < nh && hitRanks[h]! < k; h++) {
        hits++;
        dcg += discount[hitRanks[h]!]!;
      }
      sums[`recall@${k}`]! += hits / size;
      sums[`precision@${k}`]! += hits / k;
      sums[`ndcg@${k}`]! += dcg / idealPrefix[Math.min(k, size)]!;
      if (hits > 0) {
        sums[`hitrate@${k}`]! += 1;
        sums[`mrr@${k}`]! += 1 / (hitRanks[0]! + 1);
      }
    }
  }
  const out: Record<string, number> = {};
  for (const key of Object.keys(sums)) out[key] = counted > 0 ? sums[key]! / counted : 0;
  return out;
}

function contains(sorted: Int32Array, size: number, x: number): boolean {
  let lo = 0;
  let hi = size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
