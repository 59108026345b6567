import { describe, expect, it } from "vitest";
import { computeTopKMetrics } from "../../src/retrieval/metrics.js";

const L2 = (x: number) => Math.log(x) / Math.LN2;

describe("top-K metrics", () => {
  it("training.md §4 self-test vector, with our definitions", () => {
    // y_pred = {0:[0,1], 1:[0,1], 2:[2,3]}, y_true = {0:[1,2], 1:[0,1,2], 2:[2,3]}, K = 2.
    // user 0: hit at rank 1 -> recall 1/2, precision 1/2, rr 1/2, ndcg (1/log2 3) / (1 + 1/log2 3)
    // user 1: hits at ranks 0, 1 -> recall 2/3, precision 1, rr 1, ndcg 1
    // user 2: hits at ranks 0, 1 -> recall 1, precision 1, rr 1, ndcg 1
    const m = computeTopKMetrics([[1, 2], [0, 1, 2], [2, 3]], [[0, 1], [0, 1], [2, 3]], [2]);
    const ndcg0 = 1 / L2(3) / (1 + 1 / L2(3));
    expect(m["ndcg@2"]).toBeCloseTo((ndcg0 + 2) / 3, 12);
    expect(m["ndcg@2"]!.toFixed(4)).toBe("0.7956");
    expect(m["mrr@2"]!.toFixed(4)).toBe("0.8333");
    expect(m["recall@2"]!.toFixed(4)).toBe("0.7222");
    expect(m["precision@2"]!.toFixed(4)).toBe("0.8333");
    // Every user has a hit: our HitRate is 1 (torch-rechub's micro "Hit" would be 5/7 = 0.7143).
    expect(m["hitrate@2"]).toBe(1);
    expect(Object.keys(m).sort()).toEqual(["hitrate@2", "mrr@2", "ndcg@2", "precision@2", "recall@2"]);
  });

  it("computes several K at once from a flat users x width Int32Array", () => {
    // user 0: truth {5}, ranked [9, 5, 7, 8] -> hit at rank 1
    // user 1: truth {1, 2, 3}, ranked [4, 6, 3, 1] -> hits at ranks 2, 3
    const ranked = Int32Array.from([9, 5, 7, 8, 4, 6, 3, 1]);
    const m = computeTopKMetrics([Int32Array.from([5]), Int32Array.from([3, 2, 1])], ranked, [1, 2, 4]);
    expect(m["recall@1"]).toBe(0);
    expect(m["hitrate@1"]).toBe(0);
    expect(m["recall@2"]).toBe(0.5);
    expect(m["precision@2"]).toBe(0.25);
    expect(m["mrr@2"]).toBe(0.25);
    expect(m["hitrate@2"]).toBe(0.5);
    expect(m["ndcg@2"]).toBeCloseTo(0.5 * (1 / L2(3)), 12);
    expect(m["recall@4"]).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(m["precision@4"]).toBeCloseTo((1 / 4 + 2 / 4) / 2, 12);
    expect(m["mrr@4"]).toBeCloseTo((1 / 2 + 1 / 3) / 2, 12);
    expect(m["hitrate@4"]).toBe(1);
    const idcg1 = 1 + 1 / L2(3) + 1 / L2(4);
    expect(m["ndcg@4"]).toBeCloseTo((1 / L2(3) + (1 / L2(4) + 1 / L2(5)) / idcg1) / 2, 12);
  });

  it("counts a repeated ranked item once, skips -1 entries and users with no relevant items", () => {
    const m = computeTopKMetrics([[7], [], [3, 3]], [[7, 7, -1], [1, 2, 3], [-1, 3, 3]], [3]);
    // Users 0 and 2 count; user 1 (empty truth) is left out of the average.
    expect(m["precision@3"]).toBeCloseTo(1 / 3, 12);
    expect(m["recall@3"]).toBe(1);
    expect(m["mrr@3"]).toBeCloseTo((1 + 1 / 2) / 2, 12);
    expect(m["ndcg@3"]).toBeCloseTo((1 + 1 / L2(3)) / 2, 12);
    expect(computeTopKMetrics([[]], [[1]], [1])["recall@1"]).toBe(0);
  });

  it("rejects rows shorter than K and bad K", () => {
    expect(() => computeTopKMetrics([[1]], [[1]], [2])).toThrow("user row 0 has 1 ranked items, fewer than K = 2");
    expect(() => computeTopKMetrics([[1]], [[1]], [0])).toThrow("K must be a positive integer");
    expect(() => computeTopKMetrics([[1], [2]], Int32Array.from([1, 2, 3]), [1])).toThrow("do not split into 2 rows");
  });
});
