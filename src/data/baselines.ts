// Two non-learned baselines for an evaluation set, both returning a users × k ranking (Int32Array):
//   most-popular    : items by training count, most frequent first;
//   item-transition : the most frequent successors (in training timelines) of the user's last history item,
//                     then popular items to fill the list.
// With excludeSeen, items of the row's history are skipped. Ties are broken by the smaller item id.
import type { MatchData } from "./prepare.js";
import type { EvalSet } from "./splits.js";
import { FIRST_ID } from "./vocab.js";

export interface BaselineOptions {
  /** Skip the items of the user's history (default false). */
  excludeSeen?: boolean;
}

/** Item ids ordered by training count (descending), then id. */
export function popularityOrder(data: MatchData): Int32Array {
  const ids = new Int32Array(data.numItems - FIRST_ID);
  for (let i = 0; i < ids.length; i++) ids[i] = i + FIRST_ID;
  const c = data.counts;
  return ids.sort((a, b) => c[b]! - c[a]! || a - b);
}

/** Successor lists: next[offsets[i] .. offsets[i+1]) are the items that followed i in training, most frequent first. */
export interface Transitions {
  offsets: Int32Array;
  next: Int32Array;
  counts: Int32Array;
}

export function transitionTable(data: MatchData): Transitions {
  const { timeline: tl, split, numItems } = data;
  let pairs = 0;
  for (let u = 0; u < tl.numUsers; u++) pairs += Math.max(0, split.trainEnd[u]! - tl.start[u]! - 1);
  const keys = new Float64Array(pairs);
  let k = 0;
  for (let u = 0; u < tl.numUsers; u++) {
    for (let p = tl.start[u]! + 1; p < split.trainEnd[u]!; p++) keys[k++] = tl.item[p - 1]! * numItems + tl.item[p]!;
  }
  keys.sort();
  const offsets = new Int32Array(numItems + 1);
  const next: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j] === keys[i]) j++;
    const src = Math.floor(keys[i]! / numItems);
    next.push(keys[i]! - src * numItems);
    counts.push(j - i);
    offsets[src + 1]!++;
    i = j;
  }
  for (let i = 0; i < numItems; i++) offsets[i + 1]! += offsets[i]!;
  const nextArr = Int32Array.from(next);
  const countArr = Int32Array.from(counts);
  // Within each source, order by count descending, then id.
  for (let s = 0; s < numItems; s++) {
    const a = offsets[s]!;
    const b = offsets[s + 1]!;
    if (b - a < 2) continue;
    const idx = Array.from({ length: b - a }, (_, t) => a + t).sort((x, y) => countArr[y]! - countArr[x]! || nextArr[x]! - nextArr[y]!);
    const n2 = idx.map((t) => nextArr[t]!);
    const c2 = idx.map((t) => countArr[t]!);
    nextArr.set(n2, a);
    countArr.set(c2, a);
  }
  return { offsets, next: nextArr, counts: countArr };
}

/** Fills one ranking row from candidate lists, skipping duplicates and (optionally) seen items. */
class RowFiller {
  private readonly mark: Int32Array;
  private stamp = 0;
  constructor(numItems: number) {
    this.mark = new Int32Array(numItems);
  }
  begin(data: MatchData, set: EvalSet, r: number, excludeSeen: boolean): void {
    this.stamp++;
    if (!excludeSeen) return;
    const tl = data.timeline;
    for (let p = tl.start[set.user[r]!]!; p < set.histEnd[r]!; p++) this.mark[tl.item[p]!] = this.stamp;
  }
  fill(out: Int32Array, at: number, end: number, candidates: Int32Array, from: number, to: number): number {
    for (let c = from; c < to && at < end; c++) {
      const item = candidates[c]!;
      if (this.mark[item] === this.stamp) continue;
      this.mark[item] = this.stamp;
      out[at++] = item;
    }
    return at;
  }
}

export function mostPopularRanking(data: MatchData, set: EvalSet, k: number, options: BaselineOptions = {}): Int32Array {
  return rank(data, set, k, options, null);
}

export function itemTransitionRanking(data: MatchData, set: EvalSet, k: number, options: BaselineOptions = {}): Int32Array {
  return rank(data, set, k, options, transitionTable(data));
}

function rank(data: MatchData, set: EvalSet, k: number, options: BaselineOptions, trans: Transitions | null): Int32Array {
  const pop = popularityOrder(data);
  const rows = set.user.length;
  const out = new Int32Array(rows * k).fill(-1);
  const filler = new RowFiller(data.numItems);
  const tl = data.timeline;
  for (let r = 0; r < rows; r++) {
    filler.begin(data, set, r, !!options.excludeSeen);
    let at = r * k;
    const end = at + k;
    const hs = tl.start[set.user[r]!]!;
    const he = set.histEnd[r]!;
    if (trans && he > hs) {
      const last = tl.item[he - 1]!;
      at = filler.fill(out, at, end, trans.next, trans.offsets[last]!, trans.offsets[last + 1]!);
    }
    filler.fill(out, at, end, pop, 0, pop.length);
  }
  return out;
}
