import { describe, expect, it } from "vitest";
import { AliasTable } from "../../src/data/alias.js";
import { DataError } from "../../src/data/errors.js";
import { NegativeSampler } from "../../src/data/negatives.js";
import { PositiveSets } from "../../src/data/positives.js";
import { Rng, mixSeed, permutation } from "../../src/data/rng.js";

/** Checks every bucket against n·p within 5 binomial standard deviations, and returns the chi-square statistic. */
function checkFrequencies(observed: number[], probs: number[], n: number): number {
  let chi2 = 0;
  probs.forEach((p, i) => {
    const e = n * p;
    if (p === 0) {
      expect(observed[i], `bucket ${i} has probability 0`).toBe(0);
      return;
    }
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(observed[i]! - e), `bucket ${i}: observed ${observed[i]}, expected ${e.toFixed(1)}`).toBeLessThanOrEqual(5 * sd);
    chi2 += ((observed[i]! - e) * (observed[i]! - e)) / e;
  });
  return chi2;
}

describe("seeded PRNG", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(1, 3, 2));
    expect(mixSeed(1, 2 ** 33)).not.toBe(mixSeed(1, 0));
  });

  it("draws uniform integers and floats in range", () => {
    const r = new Rng(7);
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 70000; i++) counts[r.int(7)]!++;
    const chi2 = checkFrequencies(counts, counts.map(() => 1 / 7), 70000);
    expect(chi2).toBeLessThan(22.46); // chi-square, 6 dof, p = 0.001
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("builds permutations", () => {
    const p = permutation(new Int32Array(10), 10, new Rng(1));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(permutation(new Int32Array(10), 10, new Rng(1)))).toEqual(Array.from(p));
  });
});

describe("alias table", () => {
  it("samples in proportion to the weights and never a zero weight", () => {
    const w = [1, 2, 3, 4, 0, 10];
    const t = new AliasTable(w);
    const rng = new Rng(3);
    const n = 200000;
    const counts = w.map(() => 0);
    for (let i = 0; i < n; i++) counts[t.sample(rng)]!++;
    const chi2 = checkFrequencies(counts, w.map((x) => x / 20), n);
    expect(chi2).toBeLessThan(18.47); // 4 dof, p = 0.001
  });

  it("rejects weights that cannot be sampled", () => {
    expect(() => new AliasTable([0, 0])).toThrow(new DataError("cannot sample: every sampling weight is zero"));
    expect(() => new AliasTable([1, -1])).toThrow(DataError);
  });
});

// 12 items (ids 2..13); user 2 has seen items 2, 5, 6; user 3 has seen all but item 9; user 4 has seen all.
const NUM_ITEMS = 14;
const positives = new PositiveSets(
  Int32Array.from([0, 0, 0, 3, 14, 26]),
  Int32Array.from([2, 5, 6, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
);
const counts = Float64Array.from([0, 0, 50, 40, 30, 20, 16, 8, 5, 0, 3, 2, 1, 1]);

describe("negative samplers", () => {
  it("uniform: never a positive, uniform over the rest", () => {
    const s = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "uniform" });
    const rng = new Rng(11);
    const n = 90000;
    const obs = new Array(NUM_ITEMS).fill(0);
    for (let i = 0; i < n; i++) obs[s.draw(2, rng)]++;
    const allowed = (i: number) => i >= 2 && ![2, 5, 6].includes(i);
    const probs = obs.map((_, i) => (allowed(i) ? 1 / 9 : 0));
    expect(checkFrequencies(obs, probs, n)).toBeLessThan(26.12); // 8 dof, p = 0.001
    expect(s.probability(7)).toBeCloseTo(1 / 12, 12);
  });

  it("popularity^0.75: frequencies follow count^alpha over the non-positives", () => {
    const s = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "popularity", alpha: 0.75 });
    const rng = new Rng(12);
    const n = 100000;
    const obs = new Array(NUM_ITEMS).fill(0);
    for (let i = 0; i < n; i++) obs[s.draw(2, rng)]++;
    const w = Array.from(counts, (c, i) => (i >= 2 && ![2, 5, 6].includes(i) && c > 0 ? Math.pow(c, 0.75) : 0));
    const total = w.reduce((a, b) => a + b, 0);
    expect(checkFrequencies(obs, w.map((x) => x / total), n)).toBeLessThan(24.32); // 7 dof, p = 0.001
    expect(obs[9]).toBe(0); // count 0: never drawn by popularity
  });

  it("users who have seen almost everything still get a valid negative", () => {
    const rng = new Rng(5);
    const uni = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "uniform" });
    const pop = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "popularity" });
    for (let i = 0; i < 200; i++) {
      expect(uni.draw(3, rng)).toBe(9);
      // Item 9 has popularity 0: the exact fallback draws uniformly among the unseen items.
      expect(pop.draw(3, rng)).toBe(9);
    }
  });

  it("a user who has seen every item gets a clear error", () => {
    const s = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "uniform" }, (u) => `"u${u}"`);
    expect(() => s.draw(4, new Rng(1))).toThrow(
      new DataError('user "u4" has interacted with all 12 items, so no negative can be drawn for it'),
    );
  });

  it("is deterministic for a seed", () => {
    const s = new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "popularity" });
    const a = new Int32Array(50);
    const b = new Int32Array(50);
    s.fill(2, new Rng(9), a, 0, 50);
    s.fill(2, new Rng(9), b, 0, 50);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("rejects an unknown sampler", () => {
    expect(() => new NegativeSampler(NUM_ITEMS, counts, positives, { kind: "rank" as never })).toThrow(
      new DataError('unknown negative sampler "rank" (expected "uniform" or "popularity")'),
    );
  });
});
