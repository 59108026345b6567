// faiss-node indexes against exact search. In CI these must run (CI calls scripts/build-faiss.sh first).
// The HNSW recall check uses clustered synthetic unit vectors; it is to be repeated on trained item
// embeddings once the compiler produces them (issue 5 acceptance).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIndex, ExactIndex, FaissIndex, IndexError, loadIndex } from "../../src/retrieval/index/index.js";
import { clusteredUnitVectors, recallAt, rng, uniformMatrix } from "./helpers.js";
import { describeFaiss } from "./faiss-gate.js";

const tmp = () => mkdtempSync(join(tmpdir(), "rech-faiss-"));

describeFaiss("faiss indexes", () => {
  describe("Flat (inner product)", () => {
    it("agrees with exact search, including excluded rows", () => {
      const r = rng(11);
      const n = 4000, d = 32, nq = 50, k = 10;
      const items = uniformMatrix(r, n, d);
      const queries = uniformMatrix(r, nq, d);
      const exact = ExactIndex.fromVectors(d, items, n);
      const flat = createIndex({ kind: "faiss-flat" }, d);
      flat.add(items, n);
      expect(flat.count).toBe(n);
      const skip = (q: number) => (q % 2 === 0 ? Int32Array.from([q, q + 1, q * 7]) : undefined);
      const want = exact.search(queries, nq, k, skip);
      const got = flat.search(queries, nq, k, skip);
      expect(Array.from(got.ids)).toEqual(Array.from(want.ids));
      for (let i = 0; i < nq * k; i++) expect(got.scores[i]).toBeCloseTo(want.scores[i]!, 4);
    });

    it("pads when k exceeds the catalogue", () => {
      const flat = createIndex({ kind: "faiss-flat" }, 2);
      flat.add(new Float32Array([1, 0, 0, 1]), 2);
      const res = flat.search(new Float32Array([1, 2]), 1, 4);
      expect(Array.from(res.ids)).toEqual([1, 0, -1, -1]);
      expect(Array.from(res.scores)).toEqual([2, 1, -Infinity, -Infinity]);
    });
  });

  describe("HNSW", () => {
    const r = rng(12);
    const n = 10000, d = 32, nq = 200, k = 10;
    const items = clusteredUnitVectors(r, n, d, 40, 0.08);
    const queries = clusteredUnitVectors(r, nq, d, 40, 0.08);
    const truth = ExactIndex.fromVectors(d, items, n).search(queries, nq, k).ids;

    it("reaches recall@10 >= 0.95 against exact search; efSearch matters and survives save/load", () => {
      const hnsw = createIndex({ kind: "faiss-hnsw", M: 32, efConstruction: 128, efSearch: 256 }, d) as FaissIndex;
      hnsw.add(items, n);
      expect(hnsw.params).toEqual({ M: 32, efConstruction: 128, efSearch: 256 });
      const recall = recallAt(hnsw.search(queries, nq, k).ids, truth, nq, k);
      expect(recall).toBeGreaterThanOrEqual(0.95);

      const dir = tmp();
      hnsw.save(join(dir, "h.faiss"));
      const back = loadIndex(join(dir, "h.faiss")) as FaissIndex;
      expect(back.kind).toBe("faiss-hnsw");
      expect(back.count).toBe(n);
      expect(back.params).toEqual({ M: 32, efConstruction: 128, efSearch: 256 });
      expect(back.search(queries, nq, k)).toEqual(hnsw.search(queries, nq, k));

      back.setSearchParams({ efSearch: 10 });
      expect(back.params.efSearch).toBe(10);
      const low = recallAt(back.search(queries, nq, k).ids, truth, nq, k);
      expect(low).toBeLessThan(recall);
    });
  });

  describe("IVF", () => {
    it("with nprobe = nlist equals exact search; a small nprobe loses recall; params survive save/load", () => {
      const r = rng(13);
      const n = 5000, d = 16, nq = 60, k = 10;
      const items = clusteredUnitVectors(r, n, d, 20, 0.1);
      const queries = clusteredUnitVectors(r, nq, d, 20, 0.1);
      const truth = ExactIndex.fromVectors(d, items, n).search(queries, nq, k);
      const ivf = createIndex({ kind: "faiss-ivf", nlist: 32, nprobe: 32 }, d) as FaissIndex;
      ivf.add(items.subarray(0, 3000 * d), 3000); // first add trains
      ivf.add(items.subarray(3000 * d), 2000);
      expect(ivf.params).toEqual({ nlist: 32, nprobe: 32 });
      expect(Array.from(ivf.search(queries, nq, k).ids)).toEqual(Array.from(truth.ids));

      const dir = tmp();
      ivf.setSearchParams({ nprobe: 1 });
      ivf.save(join(dir, "i.faiss"));
      const back = loadIndex(join(dir, "i.faiss")) as FaissIndex;
      expect(back.params).toEqual({ nlist: 32, nprobe: 1 });
      expect(recallAt(back.search(queries, nq, k).ids, truth.ids, nq, k)).toBeLessThan(0.95);
    });

    it("refuses to train on fewer vectors than lists (instead of aborting inside faiss)", () => {
      const ivf = createIndex({ kind: "faiss-ivf", nlist: 50 }, 4);
      expect(() => ivf.add(new Float32Array(40), 10)).toThrow(/needs at least 50 vectors/);
      expect(() => createIndex({ kind: "faiss-ivf", nlist: 8, nprobe: 9 }, 4)).toThrow(/nprobe must be an integer in 1..8/);
    });
  });

  describe("files", () => {
    it("saves atomically (no temporary file left) and round-trips Flat", () => {
      const dir = tmp();
      const r = rng(14);
      const items = uniformMatrix(r, 100, 8);
      const flat = createIndex({ kind: "faiss-flat" }, 8);
      flat.add(items, 100);
      flat.save(join(dir, "f.faiss"));
      flat.save(join(dir, "f.faiss"));
      expect(readdirSync(dir)).toEqual(["f.faiss"]);
      expect(readFileSync(join(dir, "f.faiss")).toString("latin1", 0, 4)).toBe("IxFI");
      const back = loadIndex(join(dir, "f.faiss"));
      expect(back.kind).toBe("faiss-flat");
      const q = uniformMatrix(r, 3, 8);
      expect(back.search(q, 3, 5)).toEqual(flat.search(q, 3, 5));
    });

    it("rejects truncated faiss files and L2 indexes with IndexError", () => {
      const dir = tmp();
      const hnsw = createIndex({ kind: "faiss-hnsw", M: 8 }, 4);
      hnsw.add(uniformMatrix(rng(15), 50, 4), 50);
      hnsw.save(join(dir, "h.faiss"));
      writeFileSync(join(dir, "cut.faiss"), readFileSync(join(dir, "h.faiss")).subarray(0, 60));
      expect(() => loadIndex(join(dir, "cut.faiss"))).toThrow(IndexError);
      const l2 = Buffer.from(readFileSync(join(dir, "h.faiss")));
      l2.writeInt32LE(1, 4 + 29); // metric field -> METRIC_L2
      writeFileSync(join(dir, "l2.faiss"), l2);
      expect(() => loadIndex(join(dir, "l2.faiss"))).toThrow(/needs inner product/);
    });
  });
});
