import { describe, expect, it } from "vitest";
import { ItemCatalog } from "../../src/retrieval/catalog.js";
import { createIndex, ExactIndex, IndexError, type IndexSpec } from "../../src/retrieval/index/index.js";
import { mergeInterests, retrieve } from "../../src/retrieval/retrieve.js";
import { describeFaiss } from "./faiss-gate.js";

// Six 2-d items, rows 0..5 holding item ids 10..15.
const ITEMS = new Float32Array([1, 0, 0, 1, 0.9, 0.1, 0.1, 0.9, 0.5, 0.5, -1, 0]);
const IDS = Int32Array.from([10, 11, 12, 13, 14, 15]);
// Two users with two interests each: A = (1,0) and (0,1); B = (-1,0) twice.
const USERS = new Float32Array([1, 0, 0, 1, -1, 0, -1, 0]);

function cases(spec: IndexSpec): void {
  const build = () => {
    const ix = createIndex(spec, 2);
    ix.add(ITEMS, 6);
    return ix;
  };

  it("merges interests by best score and de-duplicates", () => {
    const rec = retrieve(build(), new ItemCatalog(IDS), USERS, 2, { k: 4, interests: 2 });
    // A: row0 1 (v1), row1 1 (v2), row2 .9, row3 .9; B: row5 1, row1 0, row3 -.1, row4 -.5 (each once)
    expect(Array.from(rec.items)).toEqual([10, 11, 12, 13, 15, 11, 13, 14]);
    expect(Array.from(rec.scores)).toEqual(Array.from(new Float32Array([1, 1, 0.9, 0.9, 1, 0, -0.1, -0.5])));
  });

  it("excludes the user's seen items (unknown ids ignored) and still returns k items", () => {
    const seen = [[10, 13, 99], [15]];
    const rec = retrieve(build(), new ItemCatalog(IDS), USERS, 2, { k: 4, interests: 2, seen: (u) => seen[u] });
    // A without rows 0 and 3: row1 1, row2 .9, row4 .5, row5 0 (from v2); B without row 5: 11, 13, 14, 12
    expect(Array.from(rec.items)).toEqual([11, 12, 14, 15, 11, 13, 14, 12]);
  });

  it("pads with -1 when the catalogue runs out, and batching does not change results", () => {
    const seen = (u: number) => (u === 0 ? [10, 11, 12, 13] : undefined);
    const a = retrieve(build(), new ItemCatalog(IDS), USERS, 2, { k: 3, interests: 2, seen });
    const b = retrieve(build(), new ItemCatalog(IDS), USERS, 2, { k: 3, interests: 2, seen, batchUsers: 1 });
    expect(Array.from(a.items)).toEqual([14, 15, -1, 15, 11, 13]);
    expect(b).toEqual(a);
  });
}

describe("retrieve with exact search", () => cases({ kind: "exact" }));
describeFaiss("retrieve with faiss Flat", () => cases({ kind: "faiss-flat" }));

describe("mergeInterests", () => {
  it("keeps each row's best score over interests, orders by (score desc, row asc)", () => {
    const res = {
      ids: Int32Array.from([4, 2, 7, /* interest 2 */ 2, 9, -1]),
      scores: Float32Array.from([0.8, 0.5, 0.5, /* */ 0.9, 0.5, -Infinity]),
    };
    const m = mergeInterests(res, 1, 2, 5);
    expect(Array.from(m.ids)).toEqual([2, 4, 7, 9, -1]);
    expect(Array.from(m.scores)).toEqual(Array.from(Float32Array.from([0.9, 0.8, 0.5, 0.5, -Infinity])));
  });
});

describe("ItemCatalog", () => {
  it("maps rows and ids both ways and rejects duplicates", () => {
    const c = new ItemCatalog(IDS);
    expect(c.rowOf(13)).toBe(3);
    expect(c.rowOf(1)).toBe(-1);
    expect([...c.rowsOf([15, 0, 10])]).toEqual([5, 0]);
    expect(Array.from(c.toItemIds(Int32Array.from([5, -1, 0])))).toEqual([15, -1, 10]);
    expect(() => new ItemCatalog(Int32Array.from([3, 4, 3]))).toThrow(IndexError);
  });

  it("works with an exact index wrapped around shared memory", () => {
    const shared = new Float32Array(new SharedArrayBuffer(ITEMS.byteLength));
    shared.set(ITEMS);
    const ix = ExactIndex.fromVectors(2, shared, 6);
    expect(Array.from(ix.search(new Float32Array([0, 1]), 1, 2).ids)).toEqual([1, 3]);
  });
});
