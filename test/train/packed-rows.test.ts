// Sparse tables packed into one input (packSparseTables): two tables with rows of the same shape share one
// row set, one gradient and one Adam chain; the executor still shows, initialises and updates each table
// under its own name, with the same values as when each table is fed and updated on its own.
import { describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import type { Batch } from "../../src/data/batch.js";
import { Graph } from "../../src/ir/graph.js";
import { Builder, differentiate } from "../../src/passes/autodiff/index.js";
import { addPackedOptimizer, packedRowsName, packSparseTables, type SparseTableSpec } from "../../src/passes/optim/index.js";
import { simplify } from "../../src/passes/simplify/index.js";
import { StepExecutor } from "../../src/runtime/train-step.js";
import { rng as seeded } from "../helpers/rng.js";

/** loss = mean over the batch of (u[a]·v[b] − y)², tables u (10 rows) and v (6 rows) updated sparsely */
function step(packed: boolean): { g: Graph; sparse: SparseTableSpec[] } {
  const g = new Graph();
  const b = new Builder(g);
  const u = g.addInput("emb.u", { dtype: "f32", shape: ["rows_u", 4] }, "param", { kind: "normal", mean: 0, std: 0.5 });
  const v = g.addInput("emb.v", { dtype: "f32", shape: ["rows_v", 4] }, "param", { kind: "normal", mean: 0, std: 0.5, zeroRow: 0 });
  const w = g.addInput("w", { dtype: "f32", shape: [4] }, "param", { kind: "constant", value: 1 });
  const a = g.addInput("a", { dtype: "i32", shape: ["B"] }, "data");
  const c = g.addInput("c", { dtype: "i32", shape: ["B"] }, "data");
  const y = g.addInput("y", { dtype: "f32", shape: ["B"] }, "data");
  const d = b.sub(b.sum(b.mul(b.mul(b.op("Gather", [u, a]), b.op("Gather", [v, c])), w), [1]), y);
  const loss = b.mean(b.mul(d, d), [0]);
  g.addOutput("loss", loss);
  let sparse: SparseTableSpec[] = [{ param: "emb.u", columns: ["a"], rows: 10 }, { param: "emb.v", columns: ["c"], rows: 6 }];
  if (packed) sparse = packSparseTables(g, sparse, (name) => `rows_${name}`);
  const params = g.inputs.filter((i) => i.kind === "param");
  const grads = differentiate(g, loss, params.map((i) => i.value));
  addPackedOptimizer(g, params.map((i) => ({ name: i.name, value: i.value, grad: grads.get(i.value)! })), { kind: "adam", lr: 0.05 });
  return { g: simplify(g).graph, sparse };
}

async function executor(packed: boolean) {
  const { g, sparse } = step(packed);
  const ex = await StepExecutor.create({ model: serializeModel(emitModel(g, { name: "rows_step" })), signature: g, sparse, seed: 3 });
  return { ex, g, sparse };
}

function batch(seed: number): Batch {
  const r = seeded(seed);
  const a = Int32Array.from({ length: 6 }, () => Math.floor(r() * 10));
  const c = Int32Array.from({ length: 6 }, () => Math.floor(r() * 6));
  const y = Float32Array.from({ length: 6 }, () => r());
  return { size: 6, columns: { a: { data: a, shape: [6] }, c: { data: c, shape: [6] }, y: { data: y, shape: [6] } } };
}

const byName = (ex: StepExecutor) => Object.fromEntries(ex.tensors().map((t) => [t.name, Array.from(t.read())]));

describe("sparse tables packed into one input", () => {
  it("one row set and one update chain; each table keeps its name and its values", async () => {
    const one = await executor(false), both = await executor(true);
    const name = packedRowsName([4]);
    expect(both.sparse).toEqual([{ param: name, columns: ["a", "c"], rows: 16, parts: [
      { param: "emb.u", columns: ["a"], rows: 10 }, { param: "emb.v", columns: ["c"], rows: 6 }] }]);
    expect(both.g.inputs.filter((i) => i.kind === "param").map((i) => i.name).sort()).toEqual([name, "w"].sort());
    expect(both.g.nodes.filter((n) => n.op === "Sqrt").length).toBeLessThan(one.g.nodes.filter((n) => n.op === "Sqrt").length);
    expect(byName(both.ex)).toEqual(byName(one.ex));
    expect(byName(both.ex)["emb.v"].slice(0, 4)).toEqual([0, 0, 0, 0]);
    for (let s = 0; s < 4; s++) {
      const l1 = await one.ex.run(batch(s), { "opt.lr": 0.05 }), l2 = await both.ex.run(batch(s), { "opt.lr": 0.05 });
      expect(l2).toBe(l1);
      expect(byName(both.ex), `after step ${s + 1}`).toEqual(byName(one.ex));
    }
    await expect(both.ex.run({ ...batch(9), columns: { ...batch(9).columns, c: { data: new Int32Array([0, 1, 2, 3, 4, 6]), shape: [6] } } },
      { "opt.lr": 0.05 })).rejects.toThrow("batch column c holds id 6, outside table emb.v of 6 rows");
    await one.ex.release();
    await both.ex.release();
  });
});
