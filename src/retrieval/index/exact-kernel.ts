// Exact inner-product top-k in plain TypeScript: a blocked scan over the item matrix.
//
// Queries are processed in chunks of QUERY_CHUNK; for each chunk the items are walked in blocks of
// ITEM_BLOCK rows (ITEM_BLOCK * dim * 4 bytes, about 64 KiB at dim 64, stays in L2) and every query of the
// chunk is scored against the block before moving on, so each item row is read from memory once per chunk
// instead of once per query. Queries are scored in pairs, two rows at a time (scanBlockPair), so every
// value loaded from a typed array feeds two multiply-adds. Each query keeps a TopKHeap; a score enters only
// when it beats the heap's threshold, so the heap is touched rarely. Items are visited in ascending row
// order, so "strictly better than the threshold" already implements the tie rule (equal score -> lower row).
import type { ExcludeFn, RowExclusion, SearchResult } from "./types.js";
import { TopKHeap } from "./topk-heap.js";

/**
 * The seam for other exact-search implementations (e.g. an onnxruntime MatMul + TopK graph): same inputs,
 * same output layout and tie rule as blockedTopK. `items` is row-major (count, dim), `queries` (nq, dim).
 */
export type ExactSearchBackend = (
  items: Float32Array,
  count: number,
  dim: number,
  queries: Float32Array,
  nq: number,
  k: number,
  exclude?: ExcludeFn,
) => SearchResult;

const QUERY_CHUNK = 64;
const ITEM_BLOCK = 256;

export const blockedTopK: ExactSearchBackend = (items, count, dim, queries, nq, k, exclude) => {
  const ids = new Int32Array(nq * k);
  const scores = new Float32Array(nq * k);
  const heapK = Math.min(k, count);
  if (heapK === 0) {
    ids.fill(-1);
    scores.fill(-Infinity);
    return { ids, scores };
  }
  const chunk = Math.min(QUERY_CHUNK, nq);
  const heaps: TopKHeap[] = [];
  for (let i = 0; i < chunk; i++) heaps.push(new TopKHeap(heapK));
  const thresholds = new Float64Array(chunk);
  const excluded: (Set<number> | undefined)[] = new Array(chunk);

  for (let q0 = 0; q0 < nq; q0 += chunk) {
    const q1 = Math.min(nq, q0 + chunk);
    for (let q = q0; q < q1; q++) {
      heaps[q - q0]!.clear();
      thresholds[q - q0] = -Infinity;
      excluded[q - q0] = exclude ? asSet(exclude(q)) : undefined;
    }
    for (let i0 = 0; i0 < count; i0 += ITEM_BLOCK) {
      const i1 = Math.min(count, i0 + ITEM_BLOCK);
      let q = q0;
      for (; q + 1 < q1; q += 2) scanBlockPair(items, dim, queries, q, i0, i1, heaps, thresholds, q - q0, excluded);
      if (q < q1) scanBlock(items, dim, queries, q * dim, i0, i1, heaps[q - q0]!, thresholds, q - q0, excluded[q - q0]);
    }
    for (let q = q0; q < q1; q++) {
      const heap = heaps[q - q0]!;
      if (heapK === k) {
        heap.drain(ids, scores, q * k);
      } else {
        // k > count: drain the heapK results, then pad the rest of the row
        const tmpIds = new Int32Array(heapK);
        const tmpScores = new Float32Array(heapK);
        heap.drain(tmpIds, tmpScores, 0);
        ids.set(tmpIds, q * k);
        scores.set(tmpScores, q * k);
        ids.fill(-1, q * k + heapK, (q + 1) * k);
        scores.fill(-Infinity, q * k + heapK, (q + 1) * k);
      }
    }
  }
  return { ids, scores };
};

/** Scores rows [i0, i1) against one query and offers the ones that beat the threshold to its heap. */
function scanBlock(
  items: Float32Array,
  dim: number,
  queries: Float32Array,
  qo: number,
  i0: number,
  i1: number,
  heap: TopKHeap,
  thresholds: Float64Array,
  slot: number,
  excluded: Set<number> | undefined,
): void {
  let thr = thresholds[slot]!;
  const d4 = dim - (dim % 4);
  for (let i = i0; i < i1; i++) {
    const io = i * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      s0 += items[io + j]! * queries[qo + j]!;
      s1 += items[io + j + 1]! * queries[qo + j + 1]!;
      s2 += items[io + j + 2]! * queries[qo + j + 2]!;
      s3 += items[io + j + 3]! * queries[qo + j + 3]!;
    }
    for (; j < dim; j++) s0 += items[io + j]! * queries[qo + j]!;
    const s = s0 + s1 + (s2 + s3);
    if (s > thr || (thr === -Infinity && !heap.full)) {
      if (excluded !== undefined && excluded.has(i)) continue;
      if (heap.push(s, i)) thr = heap.threshold;
    }
  }
  thresholds[slot] = thr;
}

/**
 * Two queries (q, q+1 -> slots, slots+1) against rows [i0, i1), two rows at a time: each loaded value is used
 * twice, which is about 1.5x faster than scanBlock per query in V8. Rows are still offered in ascending order.
 */
function scanBlockPair(
  items: Float32Array,
  dim: number,
  queries: Float32Array,
  q: number,
  i0: number,
  i1: number,
  heaps: TopKHeap[],
  thresholds: Float64Array,
  slot: number,
  excluded: (Set<number> | undefined)[],
): void {
  const qa = q * dim;
  const qb = qa + dim;
  const ha = heaps[slot]!;
  const hb = heaps[slot + 1]!;
  const xa = excluded[slot];
  const xb = excluded[slot + 1];
  let ta = thresholds[slot]!;
  let tb = thresholds[slot + 1]!;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    const ia = i * dim;
    const ib = ia + dim;
    let aa = 0; // row i . query a
    let ab = 0; // row i . query b
    let ba = 0; // row i+1 . query a
    let bb = 0; // row i+1 . query b
    for (let j = 0; j < dim; j++) {
      const x = items[ia + j]!;
      const y = items[ib + j]!;
      const u = queries[qa + j]!;
      const v = queries[qb + j]!;
      aa += x * u;
      ab += x * v;
      ba += y * u;
      bb += y * v;
    }
    if (aa > ta || (ta === -Infinity && !ha.full)) {
      if (!(xa !== undefined && xa.has(i)) && ha.push(aa, i)) ta = ha.threshold;
    }
    if (ba > ta || (ta === -Infinity && !ha.full)) {
      if (!(xa !== undefined && xa.has(i + 1)) && ha.push(ba, i + 1)) ta = ha.threshold;
    }
    if (ab > tb || (tb === -Infinity && !hb.full)) {
      if (!(xb !== undefined && xb.has(i)) && hb.push(ab, i)) tb = hb.threshold;
    }
    if (bb > tb || (tb === -Infinity && !hb.full)) {
      if (!(xb !== undefined && xb.has(i + 1)) && hb.push(bb, i + 1)) tb = hb.threshold;
    }
  }
  thresholds[slot] = ta;
  thresholds[slot + 1] = tb;
  if (i < i1) {
    scanBlock(items, dim, queries, qa, i, i1, ha, thresholds, slot, xa);
    scanBlock(items, dim, queries, qb, i, i1, hb, thresholds, slot + 1, xb);
  }
}

/** Normalises an exclusion to a Set (undefined when empty). */
export function asSet(ex: RowExclusion | undefined): Set<number> | undefined {
  if (ex === undefined) return undefined;
  if (ex instanceof Set) return ex.size > 0 ? ex : undefined;
  return ex.length > 0 ? new Set(ex) : undefined;
}
