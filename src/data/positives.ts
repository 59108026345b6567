// Each user's known positives (distinct items of the training region), sorted, for negative exclusion.
import type { Split } from "./splits.js";
import type { Timeline } from "./timeline.js";

export class PositiveSets {
  /** Positives of user u = items[offsets[u] .. offsets[u+1]-1], ascending. */
  readonly offsets: Int32Array;
  readonly items: Int32Array;

  constructor(offsets: Int32Array, items: Int32Array) {
    this.offsets = offsets;
    this.items = items;
  }

  static fromSplit(tl: Timeline, split: Split): PositiveSets {
    let total = 0;
    for (let u = 0; u < tl.numUsers; u++) total += split.trainEnd[u]! - tl.start[u]!;
    const items = new Int32Array(total);
    const offsets = new Int32Array(tl.numUsers + 1);
    let k = 0;
    for (let u = 0; u < tl.numUsers; u++) {
      const from = k;
      const seg = items.subarray(from, from + split.trainEnd[u]! - tl.start[u]!);
      seg.set(tl.item.subarray(tl.start[u]!, split.trainEnd[u]!));
      seg.sort();
      for (let i = 0; i < seg.length; i++) if (i === 0 || seg[i] !== seg[i - 1]) items[k++] = seg[i]!;
      offsets[u + 1] = k;
    }
    return new PositiveSets(offsets, items.slice(0, k));
  }

  count(user: number): number {
    return this.offsets[user + 1]! - this.offsets[user]!;
  }

  has(user: number, item: number): boolean {
    let lo = this.offsets[user]!;
    let hi = this.offsets[user + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.items[mid]!;
      if (v === item) return true;
      if (v < item) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
