// Splits of a timeline into training targets and held-out evaluation rows: leave-last-out (test = each
// user's last interaction, validation = the one before) and a global time split (cut at time quantiles).
import { DataError } from "./errors.js";
import type { Timeline } from "./timeline.js";

/** Held-out rows: one per user, with the history before the cut and the relevant items after it. */
export interface EvalSet {
  /** User of each row (ascending). */
  user: Int32Array;
  /** History of row r = timeline positions start[user[r]] .. histEnd[r]-1. */
  histEnd: Int32Array;
  /** Relevant items of row r = truthItems[truthOffsets[r] .. truthOffsets[r+1]-1] (distinct, time order). */
  truthOffsets: Int32Array;
  truthItems: Int32Array;
}

export interface Split {
  kind: "leave-last-out" | "time";
  /** Training targets as timeline positions; the history of the target at p is start[u] .. p-1. */
  train: Int32Array;
  /** Per user, the end of the training region: item counts, negative exclusion and transitions use only positions before it. */
  trainEnd: Int32Array;
  valid: EvalSet;
  test: EvalSet;
  /** Time split only: the cut times (rows at or after `test` are test rows). */
  cuts?: { valid: number; test: number };
}

export interface SplitOptions {
  /** Minimum history length of a training target (default 1: a user's first interaction is never a target). */
  minHistory?: number;
  /** Users with fewer interactions are left out entirely (default 0). */
  minInteractions?: number;
  /** Hold out a validation set (default true). */
  validation?: boolean;
}

export interface TimeSplitOptions extends SplitOptions {
  /** Share of interactions (by time quantile) in the test period (default 0.2). */
  testFraction?: number;
  /** Share in the validation period just before it (default 0.1; ignored with validation: false). */
  validFraction?: number;
}

/** Builds an EvalSet from per-row arrays. */
class EvalBuilder {
  user: number[] = [];
  histEnd: number[] = [];
  offsets: number[] = [0];
  items: number[] = [];
  private seen = new Set<number>();
  add(u: number, histEnd: number, item: Int32Array, from: number, to: number): void {
    this.user.push(u);
    this.histEnd.push(histEnd);
    this.seen.clear();
    for (let p = from; p < to; p++) {
      const it = item[p]!;
      if (!this.seen.has(it)) {
        this.seen.add(it);
        this.items.push(it);
      }
    }
    this.offsets.push(this.items.length);
  }
  build(): EvalSet {
    return {
      user: Int32Array.from(this.user),
      histEnd: Int32Array.from(this.histEnd),
      truthOffsets: Int32Array.from(this.offsets),
      truthItems: Int32Array.from(this.items),
    };
  }
}

function collectTrain(tl: Timeline, trainEnd: Int32Array, minHistory: number, keep: (u: number) => boolean): Int32Array {
  let count = 0;
  for (let u = 0; u < tl.numUsers; u++) {
    if (keep(u)) count += Math.max(0, trainEnd[u]! - (tl.start[u]! + minHistory));
  }
  const train = new Int32Array(count);
  let k = 0;
  for (let u = 0; u < tl.numUsers; u++) {
    if (!keep(u)) continue;
    for (let p = tl.start[u]! + minHistory; p < trainEnd[u]!; p++) train[k++] = p;
  }
  return train;
}

/**
 * The frame both splits share: users with fewer than max(1, minInteractions) interactions are left out
 * (their training region is empty); for every other user, `cut(u, s, e, valid, test)` adds the user's held-out
 * rows (timeline positions s .. e-1) and returns where the user's training region ends. The training targets
 * are then every position from minHistory on, up to that end.
 */
function splitPerUser(
  tl: Timeline,
  options: SplitOptions,
  cut: (u: number, s: number, e: number, valid: EvalBuilder, test: EvalBuilder) => number,
): Pick<Split, "train" | "trainEnd" | "valid" | "test"> {
  const minHistory = options.minHistory ?? 1;
  const least = Math.max(1, options.minInteractions ?? 0);
  const keep = (u: number): boolean => tl.start[u + 1]! - tl.start[u]! >= least;
  const trainEnd = new Int32Array(tl.numUsers);
  const valid = new EvalBuilder();
  const test = new EvalBuilder();
  for (let u = 0; u < tl.numUsers; u++) {
    const s = tl.start[u]!;
    trainEnd[u] = keep(u) ? cut(u, s, tl.start[u + 1]!, valid, test) : s;
  }
  return { train: collectTrain(tl, trainEnd, minHistory, keep), trainEnd, valid: valid.build(), test: test.build() };
}

export function leaveLastOut(tl: Timeline, options: SplitOptions = {}): Split {
  const withValid = options.validation ?? true;
  const parts = splitPerUser(tl, options, (u, s, e, valid, test) => {
    const n = e - s;
    let end = e;
    if (n >= 2) {
      test.add(u, e - 1, tl.item, e - 1, e);
      end = e - 1;
    }
    if (withValid && n >= 3) {
      valid.add(u, e - 2, tl.item, e - 2, e - 1);
      end = e - 2;
    }
    return end;
  });
  return { kind: "leave-last-out", ...parts };
}

export function timeSplit(tl: Timeline, options: TimeSplitOptions = {}): Split {
  const testFrac = options.testFraction ?? 0.2;
  const validFrac = options.validation === false ? 0 : options.validFraction ?? 0.1;
  if (!(testFrac > 0 && validFrac >= 0 && testFrac + validFrac < 1)) {
    throw new DataError(`time split: need 0 < testFraction and testFraction + validFraction < 1 (got ${testFrac} and ${validFrac})`);
  }
  const sorted = Float64Array.from(tl.time).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const testCut = at(1 - testFrac);
  const validCut = validFrac > 0 ? at(1 - testFrac - validFrac) : testCut;
  const parts = splitPerUser(tl, options, (u, s, e, valid, test) => {
    let v = s;
    while (v < e && tl.time[v]! < validCut) v++;
    let t = v;
    while (t < e && tl.time[t]! < testCut) t++;
    if (t > v && v > s) valid.add(u, v, tl.item, v, t);
    if (e > t && t > s) test.add(u, t, tl.item, t, e);
    return v;
  });
  return { kind: "time", ...parts, cuts: { valid: validCut, test: testCut } };
}

/** The relevant items of every row of an eval set, as the metric functions take them. */
export function truthLists(set: EvalSet): Int32Array[] {
  const out: Int32Array[] = [];
  for (let r = 0; r < set.user.length; r++) out.push(set.truthItems.subarray(set.truthOffsets[r]!, set.truthOffsets[r + 1]!));
  return out;
}
