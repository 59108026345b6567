import { describe, expect, it } from "vitest";
import type { Batch } from "../../src/data/batch.js";
import { generateBuiltin } from "../../src/data/builtin.js";
import { DataError } from "../../src/data/errors.js";
import { evalUserBatches, itemCatalogBatches } from "../../src/data/eval-batches.js";
import { makeSampler, prepareMatchData, type MatchData } from "../../src/data/prepare.js";
import { TrainBatches, type TrainBatchOptions } from "../../src/data/train-batches.js";
import { logFromRows, rawItems } from "./helpers.js";

const ROWS: Array<[string, string, number]> = [
  ["A", "a", 5], ["B", "x", 1], ["A", "b", 3], ["A", "c", 3], ["A", "d", 9], ["C", "y", 2],
  ["A", "e", 7], ["B", "z", 4], ["C", "w", 2], ["C", "v", 8], ["D", "q", 1],
];
const CATE = { a: "k1", b: "k2", c: "k1", d: "k2", e: "k3", x: "k3", y: "k1", z: "k2", w: "k2", v: "k3", q: "k1" };
const GENDER = { A: "F", B: "M", C: "F", D: "M" };

function rows(b: Batch, name: string): number[][] {
  const c = b.columns[name]!;
  const w = c.shape.length === 1 ? 1 : c.shape[1]!;
  return Array.from({ length: b.size }, (_, r) => Array.from(c.data.subarray(r * w, (r + 1) * w)));
}

function copy(b: Batch): Record<string, number[]> {
  return Object.fromEntries(Object.entries(b.columns).map(([k, c]) => [k, Array.from(c.data)]));
}

/** Copies each batch as it is produced (the generator reuses its buffers). */
function collect(gen: Iterable<Batch>): Array<Record<string, number[]>> {
  const out: Array<Record<string, number[]>> = [];
  for (const b of gen) out.push(copy(b));
  return out;
}

/** Bytes of every batch of an epoch, concatenated per batch (fast to compare). */
function fingerprint(gen: Iterable<Batch>): Buffer[] {
  const out: Buffer[] = [];
  for (const b of gen) {
    out.push(Buffer.concat(Object.keys(b.columns).sort().map((k) => {
      const d = b.columns[k]!.data;
      return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
    })));
  }
  return out;
}

function same(a: Buffer[], b: Buffer[]): boolean {
  return a.length === b.length && a.every((x, i) => x.equals(b[i]!));
}

describe("training batches on a hand-computed log", () => {
  const log = logFromRows(ROWS, CATE, GENDER);
  const data = prepareMatchData(log, { validation: false });
  const cate = log.vocab.feature("cate_id");
  const item = (raw: string) => log.vocab.encode("item_id", raw);

  it("list-wise rows carry user, history, target, N negatives with their categories, and logq", () => {
    const tb = new TrainBatches(data, {
      mode: 2, batchSize: 3, maxLen: 3, negRatio: 4, sampler: makeSampler(data, { kind: "uniform" }), seed: 1, shuffle: false,
    });
    expect(tb.rows).toBe(4);
    expect(tb.batchesPerEpoch).toBe(2);
    const batches: Array<{ size: number; cols: Record<string, number[]>; shapes: Record<string, number[]> }> = [];
    for (const b of tb.epoch(0)) {
      batches.push({ size: b.size, cols: copy(b), shapes: Object.fromEntries(Object.entries(b.columns).map(([k, c]) => [k, c.shape])) });
    }
    expect(batches.map((b) => b.size)).toEqual([3, 1]);
    const first = batches[0]!;
    expect(first.shapes).toEqual({
      user_id: [3], gender: [3], hist_item_id: [3, 3], hist_cate_id: [3, 3], hist_len: [3],
      item_id: [3], cate_id: [3], neg_item_id: [3, 4], neg_cate_id: [3, 4], item_logq: [3],
    });
    // Train targets without validation: A:c, A:a, A:e, C:w (see splits.test.ts).
    expect(rawItems(log, first.cols.item_id!)).toEqual(["c", "a", "e"]);
    expect(rawItems(log, first.cols.hist_item_id!)).toEqual(["_", "_", "b", "_", "b", "c", "b", "c", "a"]);
    expect(first.cols.hist_len).toEqual([1, 2, 3]);
    expect(first.cols.hist_cate_id!.map((id) => (id === 0 ? "_" : cate.decode(id)))).toEqual(["_", "_", "k2", "_", "k2", "k1", "k2", "k1", "k1"]);
    expect(first.cols.gender!.map((id) => log.vocab.feature("gender").decode(id))).toEqual(["F", "F", "F"]);
    expect(first.cols.cate_id!.map((id) => cate.decode(id))).toEqual(["k1", "k1", "k3"]);
    // Negatives: never A's training positives (b, c, a, e); categories looked up from the item profile.
    const negs = first.cols.neg_item_id!;
    for (const n of rawItems(log, negs)) expect(["b", "c", "a", "e"]).not.toContain(n);
    expect(first.cols.neg_cate_id).toEqual(negs.map((n) => log.itemSparse.cate_id![n]!));
    // Counts in the training region (no validation): A b c a e, B x, C y w, D q -> 8 interactions.
    expect(first.cols.item_logq![0]).toBeCloseTo(Math.log(1 / 8), 6);
    const last = batches[1]!;
    expect(last.shapes.neg_item_id).toEqual([1, 4]);
    expect(rawItems(log, last.cols.item_id!)).toEqual(["w"]);
    expect(rawItems(log, last.cols.hist_item_id!)).toEqual(["_", "_", "y"]);
    for (const n of rawItems(log, last.cols.neg_item_id!)) expect(["y", "w"]).not.toContain(n);
  });

  it("post padding left-aligns the history", () => {
    const tb = new TrainBatches(data, { mode: 1, batchSize: 4, maxLen: 3, padding: "post", sampler: makeSampler(data, { kind: "uniform" }), seed: 1, shuffle: false });
    const [b] = [...tb.epoch(0)];
    expect(rawItems(log, b!.columns.hist_item_id!.data)).toEqual(["b", "_", "_", "b", "c", "_", "b", "c", "a", "y", "_", "_"]);
    expect(b!.columns.neg_item_id!.shape).toEqual([4, 1]);
    expect(tb.negRatio).toBe(1);
  });

  it("point-wise: one label-1 row and negRatio label-0 rows per positive", () => {
    const tb = new TrainBatches(data, { mode: 0, batchSize: 5, maxLen: 2, negRatio: 2, sampler: makeSampler(data, { kind: "popularity" }), seed: 3 });
    expect(tb.rows).toBe(12);
    const seen: Array<[string, string, number]> = [];
    for (const b of tb.epoch(0)) {
      expect(b.columns.neg_item_id).toBeUndefined();
      for (let r = 0; r < b.size; r++) {
        const u = log.vocab.feature("user_id").decode(b.columns.user_id!.data[r]!)!;
        const it = rawItems(log, [b.columns.item_id!.data[r]!])[0]!;
        const label = b.columns.label!.data[r]!;
        seen.push([u, it, label]);
        expect(b.columns.item_logq!.data[r]).toBeCloseTo(data.logq[b.columns.item_id!.data[r]!]!, 6);
        expect(b.columns.cate_id!.data[r]).toBe(log.itemSparse.cate_id![b.columns.item_id!.data[r]!]);
      }
    }
    const positives = seen.filter((s) => s[2] === 1).map((s) => s[0] + s[1]).sort();
    expect(positives).toEqual(["Aa", "Ac", "Ae", "Cw"]);
    const negatives = seen.filter((s) => s[2] === 0);
    expect(negatives.length).toBe(8);
    for (const [u, it] of negatives) expect(u === "A" ? ["a", "b", "c", "e"] : ["y", "w"]).not.toContain(it);
  });

  it("rejects impossible settings with clear messages", () => {
    const base: TrainBatchOptions = { mode: 2, batchSize: 2, maxLen: 2, seed: 0 };
    expect(() => new TrainBatches(data, { ...base, negRatio: 0 })).toThrow(new DataError("list-wise training (mode 2) needs a negative ratio of at least 1"));
    expect(() => new TrainBatches(data, base)).toThrow(new DataError("training mode 2 with 3 negatives needs a negative sampler"));
    expect(() => new TrainBatches(data, { ...base, mode: 3 as never })).toThrow(new DataError("unknown training mode 3 (expected 0, 1 or 2)"));
    const empty = prepareMatchData(logFromRows([["u", "i", 1], ["u", "j", 2]]));
    expect(() => new TrainBatches(empty, { ...base, mode: 0, negRatio: 0 })).toThrow(
      new DataError("test: no training samples (every user has too few interactions)"),
    );
  });

  it("evaluation batches hold the history up to the cut; the catalogue lists every item", () => {
    const full = prepareMatchData(log);
    const [b] = [...evalUserBatches(full, full.split.test, { batchSize: 8, maxLen: 3 })];
    expect(b!.size).toBe(3);
    expect(rawItems(log, b!.columns.hist_item_id!.data)).toEqual(["c", "a", "e", "_", "_", "x", "_", "y", "w"]);
    expect(Array.from(b!.columns.hist_len!.data)).toEqual([3, 1, 2]);
    expect(b!.columns.item_id).toBeUndefined();
    const items = collect(itemCatalogBatches(full, 4)).map((x) => ({ ids: x.item_id!, cates: x.cate_id! }));
    expect(items.flatMap((x) => x.ids)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(items.flatMap((x) => x.cates)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => log.itemSparse.cate_id![i]!));
  });
});

describe("batches on the small built-in dataset", () => {
  const data: MatchData = prepareMatchData(generateBuiltin({ size: "small", seed: 7 }));
  const opts = (seed: number): TrainBatchOptions => ({
    mode: 2, batchSize: 256, maxLen: 20, negRatio: 3, sampler: makeSampler(data, { kind: "popularity" }), seed,
  });

  it("covers every training target exactly once per epoch, with no positive as a negative", () => {
    const tb = new TrainBatches(data, opts(1));
    const hits = new Int32Array(data.timeline.item.length);
    const tl = data.timeline;
    let rowsSeen = 0;
    let positiveNegatives = 0;
    for (const b of tb.epoch(0)) {
      const u = b.columns.user_id!.data;
      const negs = b.columns.neg_item_id!.data;
      const hl = b.columns.hist_len!.data;
      for (let r = 0; r < b.size; r++) {
        // Recover the target position from (user, history length) when the history is not truncated.
        for (let k = 0; k < 3; k++) if (data.positives.has(u[r]!, negs[r * 3 + k]!)) positiveNegatives++;
        if (hl[r]! < 20) hits[tl.start[u[r]!]! + hl[r]!]!++;
        rowsSeen++;
      }
    }
    expect(rowsSeen).toBe(data.split.train.length);
    expect(positiveNegatives).toBe(0);
    let checked = 0;
    let wrong = 0;
    for (const p of data.split.train) {
      if (p - tl.start[tl.user[p]!]! >= 20) continue;
      checked++;
      if (hits[p] !== 1) wrong++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toBe(0);
  });

  it("is deterministic for a seed, differs across seeds and epochs, and resumes at any batch", () => {
    const a = fingerprint(new TrainBatches(data, opts(5)).epoch(2));
    expect(a.length).toBeGreaterThan(10);
    expect(same(fingerprint(new TrainBatches(data, opts(5)).epoch(2)), a)).toBe(true);
    expect(a[0]!.equals(a[1]!)).toBe(false);
    expect(same(fingerprint(new TrainBatches(data, opts(6)).epoch(2)), a)).toBe(false);
    const tb = new TrainBatches(data, opts(5));
    expect(same(fingerprint(tb.epoch(3)), a)).toBe(false);
    const resumed = fingerprint(tb.epoch(2, 4));
    expect(resumed.length).toBe(a.length - 4);
    expect(same(resumed, a.slice(4))).toBe(true);
  });

  it("drops a short last batch on request", () => {
    const keep = new TrainBatches(data, opts(1));
    const drop = new TrainBatches(data, { ...opts(1), dropLast: true });
    const n = data.split.train.length;
    expect(keep.batchesPerEpoch).toBe(Math.ceil(n / 256));
    expect(drop.batchesPerEpoch).toBe(Math.floor(n / 256));
    expect([...drop.epoch(0)].every((b) => b.size === 256)).toBe(true);
  });
});
