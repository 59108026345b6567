import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCheckpoint, writeCheckpoint } from "../../src/train/checkpoint.js";
import { RuntimeUserError } from "../../src/runtime/errors.js";
import { snapshot, ToyBatches, toyExecutor } from "./toy.js";

/** index of the first element where the arrays differ bitwise, or -1 */
function firstDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe("StepExecutor", () => {
  it("initialises params from their InitSpec, deterministically per seed", async () => {
    const a = await toyExecutor({ rows: 40, dim: 4, seed: 3 });
    const b = await toyExecutor({ rows: 40, dim: 4, seed: 3 });
    const c = await toyExecutor({ rows: 40, dim: 4, seed: 4 });
    const emb = a.getParams()["emb.item_id"];
    expect(emb.shape).toEqual([40, 4]);
    expect(Array.from(emb.data.subarray(0, 4))).toEqual([0, 0, 0, 0]); // zeroRow 0
    expect(firstDiff(emb.data, b.getParams()["emb.item_id"].data)).toBe(-1);
    expect(firstDiff(emb.data, c.getParams()["emb.item_id"].data)).toBeGreaterThanOrEqual(0);
    const w = a.getParams().w.data;
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...w)).toBeLessThan(0.5);
    expect(Array.from(a.getParams().b.data)).toEqual([0]);
  });

  it("reduces the loss over a few epochs (dense and sparse)", async () => {
    for (const sparse of [false, true]) {
      const ex = await toyExecutor({ rows: 60, dim: 8, sparse, keep: 0.9 });
      const data = new ToyBatches(240, 60, 16, 5);
      const means: number[] = [];
      for (let e = 0; e < 6; e++) {
        let sum = 0, n = 0;
        for (const batch of data.epoch(e, 0)) {
          sum += await ex.run(batch, { "opt.lr": 2 });
          n++;
        }
        means.push(sum / n);
      }
      expect(means[0]).toBeGreaterThan(0.5);
      expect(means[5]).toBeLessThan(means[0] * 0.6);
      expect(ex.step).toBe(6 * 15);
    }
  });

  it("gives bitwise identical params in dense and sparse mode for plain SGD", async () => {
    const dense = await toyExecutor({ rows: 50, dim: 6, keep: 0.8 });
    const sparse = await toyExecutor({ rows: 50, dim: 6, keep: 0.8, sparse: true });
    const data = new ToyBatches(64, 50, 16, 9);
    for (let e = 0; e < 2; e++) {
      for (const batch of data.epoch(e, 0)) {
        const l1 = await dense.run(batch, { "opt.lr": 0.7 });
        const l2 = await sparse.run(batch, { "opt.lr": 0.7 });
        expect(l2).toBe(l1);
      }
    }
    const a = snapshot(dense), b = snapshot(sparse);
    for (const name of Object.keys(a)) expect(firstDiff(a[name], b[name]), name).toBe(-1);
    // the update really moved the table
    const init = snapshot(await toyExecutor({ rows: 50, dim: 6 }));
    expect(firstDiff(init["emb.item_id"], a["emb.item_id"])).toBeGreaterThanOrEqual(0);
  });

  it("sparse momentum: touched rows match dense after one step, untouched moments do not decay", async () => {
    const dense = await toyExecutor({ rows: 30, dim: 4, momentum: 0.9 });
    const sparse = await toyExecutor({ rows: 30, dim: 4, momentum: 0.9, sparse: true });
    const batch = (ids: number[]) => ({
      size: ids.length,
      columns: {
        item_id: { data: Int32Array.from(ids), shape: [ids.length] },
        label: { data: Float32Array.from(ids.map((i) => i % 2)), shape: [ids.length] },
      },
    });
    await dense.run(batch([3, 5, 3, 7]), { "opt.lr": 0.5 });
    await sparse.run(batch([3, 5, 3, 7]), { "opt.lr": 0.5 });
    const a = snapshot(dense), b = snapshot(sparse);
    for (const name of Object.keys(a)) expect(firstDiff(a[name], b[name]), name).toBe(-1);
    // second batch touches only row 9: dense decays row 3's moment, sparse keeps it
    await dense.run(batch([9, 9]), { "opt.lr": 0.5 });
    await sparse.run(batch([9, 9]), { "opt.lr": 0.5 });
    const m1 = snapshot(sparse)["opt.emb.item_id.m"], m0 = b["opt.emb.item_id.m"];
    expect(Array.from(m1.subarray(12, 16))).toEqual(Array.from(m0.subarray(12, 16)));
    expect(m0[12]).not.toBe(0);
    const md = snapshot(dense)["opt.emb.item_id.m"];
    expect(md[12]).toBeCloseTo(0.9 * m0[12], 6);
    expect(firstDiff(md.subarray(36, 40), m1.subarray(36, 40))).toBe(-1);
  });

  it("reports batch problems as user errors naming the column", async () => {
    const ex = await toyExecutor({ rows: 10, dim: 2, sparse: true });
    const bad = { size: 2, columns: { item_id: { data: Int32Array.from([1, 12]), shape: [2] }, label: { data: new Float32Array(2), shape: [2] } } };
    await expect(ex.run(bad, { "opt.lr": 1 })).rejects.toThrow(RuntimeUserError);
    await expect(ex.run(bad, { "opt.lr": 1 })).rejects.toThrow("batch column item_id holds id 12, outside table emb.item_id of 10 rows");
    const noLabel = { size: 1, columns: { item_id: { data: Int32Array.from([1]), shape: [1] } } };
    await expect(ex.run(noLabel, { "opt.lr": 1 })).rejects.toThrow("batch has no column label");
    const good = { size: 1, columns: { item_id: { data: Int32Array.from([1]), shape: [1] }, label: { data: new Float32Array(1), shape: [1] } } };
    await expect(ex.run(good, {})).rejects.toThrow("no value for hyper-parameter opt.lr");
    expect(ex.step).toBe(0);
    const p = ex.getParams();
    const z = p["emb.item_id"].data[2] * p.w.data[0] + p["emb.item_id"].data[3] * p.w.data[1];
    expect(await ex.run(good, { "opt.lr": 1 })).toBeCloseTo(Math.log1p(Math.exp(z)), 5);
    expect(ex.step).toBe(1);
  });

  it("leaves every value unchanged when the loss is not finite", async () => {
    const ex = await toyExecutor({ rows: 10, dim: 2 });
    const before = snapshot(ex);
    const batch = { size: 1, columns: { item_id: { data: Int32Array.from([2]), shape: [1] }, label: { data: Float32Array.from([NaN]), shape: [1] } } };
    expect(await ex.run(batch, { "opt.lr": 1 })).toBeNaN();
    const after = snapshot(ex);
    for (const name of Object.keys(before)) expect(firstDiff(before[name], after[name])).toBe(-1);
    expect(ex.step).toBe(0);
  });

  it("survives a checkpoint round trip: a restored executor continues identically", async () => {
    const dir = fs.mkdtempSync(join(tmpdir(), "rech-ex-"));
    try {
      const a = await toyExecutor({ rows: 40, dim: 4, keep: 0.8, momentum: 0.9, sparse: true });
      const data = new ToyBatches(48, 40, 16, 4);
      for (const batch of data.epoch(0, 0)) await a.run(batch, { "opt.lr": 0.3 });
      writeCheckpoint(join(dir, "last"), a.tensors());
      const ck = readCheckpoint(join(dir, "last"));
      expect(ck.tensors.map((t) => `${t.name}:${t.kind}:${t.shape}`)).toEqual([
        "emb.item_id:param:40,4", "w:param:4,1", "b:param:1", "opt.emb.item_id.m:state:40,4", "opt.w.m:state:4,1", "opt.b.m:state:1",
      ]);
      const b = await toyExecutor({ rows: 40, dim: 4, keep: 0.8, momentum: 0.9, sparse: true });
      b.loadState({ step: a.step, tensors: ck.tensors });
      for (const batch of data.epoch(1, 0)) expect(await b.run(batch, { "opt.lr": 0.3 })).toBe(await a.run(batch, { "opt.lr": 0.3 }));
      const x = snapshot(a), y = snapshot(b);
      for (const name of Object.keys(x)) expect(firstDiff(x[name], y[name]), name).toBe(-1);
      expect(() => b.loadState({ step: 0, tensors: ck.tensors.slice(1) })).toThrow("checkpoint lacks emb.item_id");
      expect(() => b.setParams({ w: { data: new Float32Array(3) } })).toThrow("w: shape [3] does not match [4,1]");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
