import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExactIndex, IndexError, loadIndex, TopKHeap } from "../../src/retrieval/index/index.js";
import { bruteForce, integerMatrix, rng, uniformMatrix } from "./helpers.js";

describe("TopKHeap", () => {
  it("keeps the k best, ties to the lower id, pads short results", () => {
    const h = new TopKHeap(4);
    const pairs: [number, number][] = [[1, 9], [3, 4], [3, 2], [0.5, 1], [3, 7], [2, 0], [NaN, 5], [3, 1]];
    for (const [s, id] of pairs) h.push(s, id);
    const ids = new Int32Array(4);
    const scores = new Float32Array(4);
    h.drain(ids, scores, 0);
    expect(Array.from(ids)).toEqual([1, 2, 4, 7]);
    expect(Array.from(scores)).toEqual([3, 3, 3, 3]);
    h.push(5, 3);
    h.drain(ids, scores, 0);
    expect(Array.from(ids)).toEqual([3, -1, -1, -1]);
    expect(scores[1]).toBe(-Infinity);
  });
});

describe("exact search", () => {
  it("agrees with a brute-force scan on integer data full of ties (ids and scores exactly)", () => {
    const r = rng(1);
    for (const [n, d, nq, k] of [[1000, 8, 3, 10], [777, 13, 150, 25], [300, 64, 70, 1], [50, 5, 4, 50]] as const) {
      const items = integerMatrix(r, n, d, 2);
      const queries = integerMatrix(r, nq, d, 2);
      const ix = new ExactIndex(d);
      ix.add(items, n);
      const res = ix.search(queries, nq, k);
      for (let q = 0; q < nq; q++) {
        const want = bruteForce(items, n, d, queries, q, k);
        expect(Array.from(res.ids.subarray(q * k, (q + 1) * k))).toEqual(want.ids);
        expect(Array.from(res.scores.subarray(q * k, (q + 1) * k))).toEqual(want.scores);
      }
    }
  });

  it("agrees with a brute-force scan on random floats", () => {
    const r = rng(2);
    const n = 5000, d = 64, nq = 40, k = 10;
    const items = uniformMatrix(r, n, d);
    const queries = uniformMatrix(r, nq, d);
    const ix = ExactIndex.fromVectors(d, items, n);
    const res = ix.search(queries, nq, k);
    for (let q = 0; q < nq; q++) {
      const want = bruteForce(items, n, d, queries, q, k);
      expect(Array.from(res.ids.subarray(q * k, (q + 1) * k))).toEqual(want.ids);
      for (let j = 0; j < k; j++) expect(res.scores[q * k + j]).toBeCloseTo(want.scores[j]!, 4);
    }
  });

  it("excludes rows per query and pads when k exceeds what is left", () => {
    const r = rng(3);
    const n = 20, d = 4;
    const items = integerMatrix(r, n, d, 3);
    const queries = integerMatrix(r, 2, d, 3);
    const ix = ExactIndex.fromVectors(d, items, n);
    const skip0 = new Set([0, 5, 7, 19]);
    const res = ix.search(queries, 2, 18, (q) => (q === 0 ? skip0 : Int32Array.from([1, 1, 2])));
    const want0 = bruteForce(items, n, d, queries, 0, 18, skip0);
    const want1 = bruteForce(items, n, d, queries, 1, 18, new Set([1, 2]));
    expect(Array.from(res.ids.subarray(0, 16))).toEqual(want0.ids);
    expect(Array.from(res.ids.subarray(16, 18))).toEqual([-1, -1]);
    expect(res.scores[17]).toBe(-Infinity);
    expect(Array.from(res.ids.subarray(18, 36))).toEqual(want1.ids);
  });

  it("handles k larger than the catalogue, an empty index and incremental add", () => {
    const ix = new ExactIndex(2);
    expect(Array.from(ix.search(new Float32Array([1, 0]), 1, 2).ids)).toEqual([-1, -1]);
    ix.add(new Float32Array([1, 0, 0, 1]), 2);
    ix.add(new Float32Array([2, 0]), 1);
    const res = ix.search(new Float32Array([1, 0.5]), 1, 5);
    expect(Array.from(res.ids)).toEqual([2, 0, 1, -1, -1]);
    expect(Array.from(res.scores.subarray(0, 3))).toEqual([2, 1, 0.5]);
  });

  it("rejects bad arguments with IndexError", () => {
    const ix = new ExactIndex(3);
    expect(() => ix.add(new Float32Array(5), 2)).toThrow(IndexError);
    expect(() => ix.search(new Float32Array(3), 1, 0)).toThrow(/k must be a positive integer/);
    expect(() => new ExactIndex(0)).toThrow(IndexError);
  });
});

describe("exact index files", () => {
  it("round-trips through save/load and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-exact-"));
    const r = rng(4);
    const n = 333, d = 7;
    const items = uniformMatrix(r, n, d);
    const ix = ExactIndex.fromVectors(d, items, n);
    const path = join(dir, "items.idx");
    ix.save(path);
    ix.save(path); // overwrite in place
    expect(readdirSync(dir)).toEqual(["items.idx"]);
    const back = loadIndex(path);
    expect(back.kind).toBe("exact");
    expect(back.count).toBe(n);
    expect(back.dim).toBe(d);
    const q = uniformMatrix(r, 5, d);
    expect(back.search(q, 5, 9)).toEqual(ix.search(q, 5, 9));
  });

  it("reports damaged or foreign files as IndexError", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-exact-"));
    const path = join(dir, "a.idx");
    ExactIndex.fromVectors(2, new Float32Array([1, 2, 3, 4]), 2).save(path);
    const bytes = readFileSync(path);
    writeFileSync(join(dir, "short.idx"), bytes.subarray(0, bytes.length - 4));
    expect(() => loadIndex(join(dir, "short.idx"))).toThrow(/expected \d+ bytes for 2 x 2 vectors/);
    writeFileSync(join(dir, "junk.idx"), "hello world");
    expect(() => loadIndex(join(dir, "junk.idx"))).toThrow(/not an index file/);
    expect(() => loadIndex(join(dir, "missing.idx"))).toThrow(/cannot open the index file \(ENOENT\)/);
  });
});
