// Item statistics of the training region: counts (for the popularity sampler and baselines) and
// item_logq = ln(count / total) for logQ correction.
import type { Split } from "./splits.js";
import type { Timeline } from "./timeline.js";

/** How often each item occurs in the training region (positions before each user's trainEnd). */
export function itemCounts(tl: Timeline, split: Split, numItems: number): Float64Array {
  const counts = new Float64Array(numItems);
  for (let u = 0; u < tl.numUsers; u++) {
    for (let p = tl.start[u]!; p < split.trainEnd[u]!; p++) counts[tl.item[p]!]!++;
  }
  return counts;
}

/**
 * ln(count / total) per item: the log of the item's share of training interactions, i.e. of the probability
 * that a random training row (hence an in-batch negative) is this item. Items never seen in training get
 * the value of a count of 1, so the column stays finite; padding and the unseen bucket get the same.
 */
export function itemLogQ(counts: Float64Array): Float32Array {
  let total = 0;
  for (let i = 2; i < counts.length; i++) total += counts[i]!;
  const out = new Float32Array(counts.length);
  const denom = Math.max(total, 1);
  for (let i = 0; i < counts.length; i++) out[i] = Math.log(Math.max(counts[i]!, 1) / denom);
  return out;
}
