import { describe, expect, it } from "vitest";
import { evaluateRanking, EvalError, type RankingInput } from "../../src/eval/index.js";
import { releaseSharedSearchSessions } from "../../src/retrieval/ort-search.js";
import { afterAll } from "vitest";

afterAll(releaseSharedSearchSessions);

const log2 = (x: number) => Math.log(x) / Math.LN2;

// 5 items (ids 10..14) and 3 users in 2-d; every score below is exact in float32.
//   u0 = [1, 0]:     10:1, 11:0, 12:0.8, 13:-1, 14:0.6  -> 10 12 14 11 13
//   u1 = [0, 1]:     10:0, 11:1, 12:0.6, 13:0, 14:-0.8  -> 11 12 10 13 14 (10 and 13 tie at 0: lower row first)
//   u2 = [-0.6, 0.8]: 10:-0.6, 11:0.8, 12:0, 13:0.6, 14:-1 -> 11 13 12 10 14
const itemVecs = { data: Float32Array.from([1, 0, 0, 1, 0.8, 0.6, -1, 0, 0.6, -0.8]), shape: [5, 2] };
const itemIds = Int32Array.from([10, 11, 12, 13, 14]);
const userVecs = { data: Float32Array.from([1, 0, 0, 1, -0.6, 0.8]), shape: [3, 2] };
const truth = [[12], [13, 14], [10]];
const base: RankingInput = { userVecs, itemVecs, itemIds, truth, ks: [1, 3, 5] };

function expectMetrics(got: Record<string, number>, want: Record<string, number>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [key, v] of Object.entries(want)) expect(got[key], key).toBeCloseTo(v, 6);
}

describe("evaluateRanking (full ranking over every item)", () => {
  for (const search of ["ort", "js"] as const) {
    it(`3 users x 5 items, computed by hand (${search})`, async () => {
      const r = await evaluateRanking({ ...base, search });
      expect(r.k).toBe(5);
      expect(Array.from(r.items)).toEqual([10, 12, 14, 11, 13, 11, 12, 10, 13, 14, 11, 13, 12, 10, 14]);
      expect(r.scores[1]).toBeCloseTo(0.8, 6);
      // u0 hits at rank 2; u1 at ranks 4 and 5; u2 at rank 4
      const ndcg5u1 = (1 / log2(5) + 1 / log2(6)) / (1 + 1 / log2(3));
      expectMetrics(r.metrics, {
        "recall@1": 0, "precision@1": 0, "ndcg@1": 0, "hitrate@1": 0, "mrr@1": 0,
        "recall@3": 1 / 3, "precision@3": 1 / 9, "ndcg@3": 1 / log2(3) / 3, "hitrate@3": 1 / 3, "mrr@3": 0.5 / 3,
        "recall@5": 1, "precision@5": (1 / 5 + 2 / 5 + 1 / 5) / 3, "ndcg@5": (1 / log2(3) + ndcg5u1 + 1 / log2(5)) / 3,
        "hitrate@5": 1, "mrr@5": (1 / 2 + 1 / 4 + 1 / 4) / 3,
      });
    });

    it(`masks seen items when asked, not otherwise (${search})`, async () => {
      const seen = [[10], [11, 12, 99], undefined];
      const masked = await evaluateRanking({ ...base, search, seen });
      // u0: 12 14 11 13 (one item short: padded); u1: 10 13 14 (11, 12 masked; 99 is no catalogue item)
      expect(Array.from(masked.items.subarray(0, 10))).toEqual([12, 14, 11, 13, -1, 10, 13, 14, -1, -1]);
      expect(masked.scores[4]).toBe(-Infinity);
      const u1 = (1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3));
      expectMetrics(masked.metrics, {
        "recall@1": 1 / 3, "precision@1": 1 / 3, "ndcg@1": 1 / 3, "hitrate@1": 1 / 3, "mrr@1": 1 / 3,
        "recall@3": 2 / 3, "precision@3": (1 / 3 + 2 / 3) / 3, "ndcg@3": (1 + u1) / 3, "hitrate@3": 2 / 3, "mrr@3": (1 + 1 / 2) / 3,
        "recall@5": 1, "precision@5": (1 / 5 + 2 / 5 + 1 / 5) / 3, "ndcg@5": (1 + u1 + 1 / log2(5)) / 3, "hitrate@5": 1,
        "mrr@5": (1 + 1 / 2 + 1 / 4) / 3,
      });
      const unmasked = await evaluateRanking({ ...base, search, seen, maskSeen: false });
      expect(unmasked.metrics).toEqual((await evaluateRanking({ ...base, search })).metrics);
    });

    it(`multi-interest users: best score over interests, no duplicates (${search})`, async () => {
      // one user with interests [1, 0] and [0, 1]: best scores 10:1, 11:1, 12:0.8, 13:0, 14:0.6
      const r = await evaluateRanking({
        ...base, search, userVecs: { data: Float32Array.from([1, 0, 0, 1]), shape: [1, 2, 2] }, truth: [[14]], ks: [3, 5],
      });
      expect(Array.from(r.items)).toEqual([10, 11, 12, 14, 13]);
      expect(Array.from(r.scores)).toEqual([1, 1, Math.fround(0.8), Math.fround(0.6), 0]);
      expect(r.metrics["hitrate@3"]).toBe(0);
      expect(r.metrics["mrr@5"]).toBeCloseTo(1 / 4, 12);
    });
  }

  it("ort and js agree on a larger random case with K interests and masking", async () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const n = 700, d = 16, users = 90, K = 2;
    const iv = { data: Float32Array.from({ length: n * d }, rnd), shape: [n, d] };
    const uv = { data: Float32Array.from({ length: users * K * d }, rnd), shape: [users, K, d] };
    const ids = Int32Array.from({ length: n }, (_, i) => 2 + i);
    const tr = Array.from({ length: users }, (_, u) => [2 + ((u * 37) % n), 2 + ((u * 11) % n)]);
    const seen = Array.from({ length: users }, (_, u) => Array.from({ length: u % 7 }, (_, j) => 2 + ((u * 13 + j * 5) % n)));
    const input = { userVecs: uv, itemVecs: iv, itemIds: ids, truth: tr, seen, ks: [10, 20, 50], batchUsers: 32 };
    const a = await evaluateRanking({ ...input, search: "ort" });
    const b = await evaluateRanking({ ...input, search: "js" });
    let same = 0;
    for (let i = 0; i < a.items.length; i++) if (a.items[i] === b.items[i]) same++;
    expect(same).toBeGreaterThanOrEqual(a.items.length - 4);
    for (const key of Object.keys(b.metrics)) expect(Math.abs(a.metrics[key]! - b.metrics[key]!)).toBeLessThan(0.02);
    for (let u = 0; u < users; u++) {
      const row = new Set(a.items.subarray(u * 50, (u + 1) * 50));
      expect(row.size).toBe(50);
      for (const x of seen[u]!) expect(row.has(x)).toBe(false);
    }
  });

  it("reports mismatched inputs as EvalError messages", async () => {
    await expect(evaluateRanking({ ...base, truth: [[1]] })).rejects.toThrow(/1 truth lists for 3 users/);
    await expect(evaluateRanking({ ...base, itemIds: Int32Array.from([1, 2]) })).rejects.toThrow(/2 item ids for 5 item vectors/);
    await expect(evaluateRanking({ ...base, itemVecs: { data: new Float32Array(15), shape: [5, 3] } })).rejects.toThrow(EvalError);
    await expect(evaluateRanking({ ...base, ks: [0] })).rejects.toThrow(/positive integers/);
  });
});
