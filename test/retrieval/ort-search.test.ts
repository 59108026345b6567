import { afterAll, describe, expect, it } from "vitest";
import { blockedTopK, IndexError, type SearchResult } from "../../src/retrieval/index/index.js";
import { OrtExactSearch, releaseSharedSearchSessions } from "../../src/retrieval/ort-search.js";
import { integerMatrix, rng, uniformMatrix } from "./helpers.js";

afterAll(releaseSharedSearchSessions);

/**
 * Per query row of k: scores within tol rank by rank; the two id lists differ only among near-ties, i.e. every
 * id the reference ranks clearly above its k-th score (by more than tol) is also returned.
 */
function expectAgrees(got: SearchResult, want: SearchResult, nq: number, k: number, tol: number): void {
  expect(got.ids.length).toBe(want.ids.length);
  for (let q = 0; q < nq; q++) {
    const g = got.ids.subarray(q * k, (q + 1) * k);
    const w = want.ids.subarray(q * k, (q + 1) * k);
    for (let j = 0; j < k; j++) expect(Math.abs(got.scores[q * k + j]! - want.scores[q * k + j]!)).toBeLessThanOrEqual(tol);
    expect(new Set(g).size).toBe(k);
    const last = want.scores[q * k + k - 1]!;
    const returned = new Set(g);
    for (let j = 0; j < k; j++) if (want.scores[q * k + j]! > last + tol) expect(returned.has(w[j]!)).toBe(true);
  }
}

describe("exact top-k through onnxruntime", () => {
  for (const bake of [false, true]) {
    it(`agrees with blockedTopK exactly on integer data full of ties (${bake ? "baked" : "fed"} items)`, async () => {
      const r = rng(7);
      for (const [n, d, nq, k] of [[1500, 8, 40, 20], [300, 64, 9, 1], [50, 5, 4, 50], [20, 3, 3, 25]] as const) {
        const items = integerMatrix(r, n, d, 2);
        const queries = integerMatrix(r, nq, d, 2);
        const s = OrtExactSearch.create(items, n, d, { bake });
        const got = await s.search(queries, nq, k);
        await s.close();
        const want = blockedTopK(items, n, d, queries, nq, k);
        expect(Array.from(got.ids)).toEqual(Array.from(want.ids));
        expect(Array.from(got.scores)).toEqual(Array.from(want.scores));
      }
    });
  }

  it("agrees on random float data (scores within 1e-5, ids equal but for near-ties), also when query batches are split", async () => {
    const r = rng(8);
    const n = 5000, d = 64, nq = 37, k = 10;
    const items = uniformMatrix(r, n, d);
    const queries = uniformMatrix(r, nq, d);
    const want = blockedTopK(items, n, d, queries, nq, k);
    for (const opts of [{}, { maxScores: 3 * n }, { bake: true, maxScores: 1 }]) {
      const s = OrtExactSearch.create(items, n, d, opts);
      const got = await s.search(queries, nq, k);
      await s.close();
      expectAgrees(got, want, nq, k, 1e-5);
      let same = 0;
      for (let i = 0; i < want.ids.length; i++) if (got.ids[i] === want.ids[i]) same++;
      expect(same).toBeGreaterThanOrEqual(want.ids.length - 2);
    }
  });

  it("leaves out excluded rows (sets and lists with duplicates) exactly like blockedTopK", async () => {
    const r = rng(9);
    const n = 800, d = 16, nq = 30, k = 12;
    const items = integerMatrix(r, n, d, 3);
    const queries = integerMatrix(r, nq, d, 3);
    // exclude many of each query's best rows, so over-fetching is needed
    const best = blockedTopK(items, n, d, queries, nq, 40);
    const exclusions = Array.from({ length: nq }, (_, q) => {
      const rows = Array.from(best.ids.subarray(q * 40, q * 40 + 40)).filter(() => r() < 0.6);
      return q % 3 === 0 ? Int32Array.from([...rows, ...rows.slice(0, 3)]) : q % 3 === 1 ? new Set(rows) : undefined;
    });
    const exclude = (q: number) => exclusions[q];
    const want = blockedTopK(items, n, d, queries, nq, k, exclude);
    for (const bake of [false, true]) {
      const s = OrtExactSearch.create(items, n, d, { bake });
      const got = await s.search(queries, nq, k, exclude);
      await s.close();
      expect(Array.from(got.ids)).toEqual(Array.from(want.ids));
      expect(Array.from(got.scores)).toEqual(Array.from(want.scores));
    }
    // large exclusions (k + |excluded| > 256) take the masking graph; mixed with small ones and none in one batch
    const big = blockedTopK(items, n, d, queries, nq, 500);
    const heavy = Array.from({ length: nq }, (_, q) => (q % 4 === 0 ? new Set(big.ids.subarray(q * 500, q * 500 + 300 + q)) : exclusions[q]));
    const excludeHeavy = (q: number) => heavy[q];
    const wantHeavy = blockedTopK(items, n, d, queries, nq, k, excludeHeavy);
    for (const bake of [false, true]) {
      const s = OrtExactSearch.create(items, n, d, { bake, maxScores: 7 * n });
      const got = await s.search(queries, nq, k, excludeHeavy);
      await s.close();
      expect(Array.from(got.ids)).toEqual(Array.from(wantHeavy.ids));
      expect(Array.from(got.scores)).toEqual(Array.from(wantHeavy.scores));
    }
    // masking nearly everything (and rows outside the catalogue) pads the tail
    const all = new Set(Array.from({ length: n + 5 }, (_, i) => i));
    all.delete(17);
    all.delete(401);
    const s0 = OrtExactSearch.create(items, n, d);
    const two = await s0.search(queries, 2, 5, (q) => (q === 0 ? all : Int32Array.from([n + 3, -1])));
    expect(Array.from(two.ids.subarray(0, 5)).slice(2)).toEqual([-1, -1, -1]);
    expect(Array.from(two.ids.subarray(0, 2)).sort((a, b) => a - b)).toEqual([17, 401]);
    expect(Array.from(two.ids.subarray(5))).toEqual(Array.from(blockedTopK(items, n, d, queries.subarray(d), 1, 5).ids));
    // excluding almost everything pads the tail
    const s = OrtExactSearch.create(items.subarray(0, 10 * d), 10, d);
    const few = await s.search(queries, 1, 5, () => new Set([0, 1, 2, 3, 4, 5, 6]));
    expect(Array.from(few.ids.subarray(3))).toEqual([-1, -1]);
    expect(Array.from(few.ids.subarray(0, 3)).sort()).toEqual([7, 8, 9]);
  });

  it("multi-interest users: per-interest results merged by best score, de-duplicated, seen rows excluded", async () => {
    const r = rng(10);
    const n = 400, d = 8, users = 11, K = 3, k = 15;
    const items = integerMatrix(r, n, d, 2);
    const vecs = integerMatrix(r, users * K, d, 2);
    const seen = Array.from({ length: users }, () => new Set(Array.from({ length: 20 }, () => Math.floor(r() * n))));
    const s = OrtExactSearch.create(items, n, d);
    const got = await s.searchUsers(vecs, users, K, k, (u) => seen[u]);
    for (let u = 0; u < users; u++) {
      // brute force: every item's best score over the user's interests, (score desc, row asc)
      const cand: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        if (seen[u]!.has(i)) continue;
        let best = -Infinity;
        for (let j = 0; j < K; j++) {
          let sc = 0;
          for (let c = 0; c < d; c++) sc += items[i * d + c]! * vecs[(u * K + j) * d + c]!;
          best = Math.max(best, sc);
        }
        cand.push([best, i]);
      }
      cand.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      expect(Array.from(got.ids.subarray(u * k, (u + 1) * k))).toEqual(cand.slice(0, k).map((c) => c[1]));
      expect(Array.from(got.scores.subarray(u * k, (u + 1) * k))).toEqual(cand.slice(0, k).map((c) => c[0]));
      expect(new Set(got.ids.subarray(u * k, (u + 1) * k)).size).toBe(k);
    }
  });

  it("rejects a bad k or a short matrix with an IndexError", async () => {
    const s = OrtExactSearch.create(new Float32Array(8), 4, 2);
    await expect(s.search(new Float32Array(2), 1, 0)).rejects.toThrow(IndexError);
    await expect(s.search(new Float32Array(2), 2, 3)).rejects.toThrow(/expected 2 x 2 = 4 floats, got 2/);
    expect(() => OrtExactSearch.create(new Float32Array(5), 3, 2)).toThrow(IndexError);
  });
});
