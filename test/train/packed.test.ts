// The fused optimizer (addPackedOptimizer: static-shape params packed into one flat input) against the
// per-parameter optimizer: in onnxruntime through the StepExecutor (same values after several steps, the
// packed tensors keep their names, a state saved from one executor loads into the other), and one step in
// the interpreter, where every param and moment must be bitwise the same.
import { describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import type { Batch } from "../../src/data/batch.js";
import { Graph, type ValueId } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interp.js";
import { tensor } from "../../src/ir/index.js";
import { Builder, differentiate } from "../../src/passes/autodiff/index.js";
import { addOptimizer, addPackedOptimizer, PACKED_PARAMS, type OptimizerConfig } from "../../src/passes/optim/index.js";
import { simplify } from "../../src/passes/simplify/index.js";
import { StepExecutor } from "../../src/runtime/train-step.js";
import { rng as seeded } from "../helpers/rng.js";

/** relu(x·w1 + b1)·w2 + c regressed on y with a squared error; four params of three ranks. */
function mlpStep(packed: boolean, cfg: OptimizerConfig): Graph {
  const g = new Graph();
  const b = new Builder(g);
  const x = g.addInput("x", { dtype: "f32", shape: ["B", 4] }, "data");
  const y = g.addInput("y", { dtype: "f32", shape: ["B", 1] }, "data");
  const w1 = g.addInput("w1", { dtype: "f32", shape: [4, 3] }, "param", { kind: "normal", mean: 0, std: 0.5 });
  const b1 = g.addInput("b1", { dtype: "f32", shape: [3] }, "param", { kind: "uniform", low: -0.1, high: 0.1 });
  const w2 = g.addInput("w2", { dtype: "f32", shape: [3, 1] }, "param", { kind: "normal", mean: 0, std: 0.5 });
  const c = g.addInput("c", { dtype: "f32", shape: [] }, "param", { kind: "constant", value: 0.5 });
  const h = b.op("Relu", [b.add(b.matmul(x, w1), b1)]);
  const d = b.sub(b.add(b.matmul(h, w2), c), y);
  const loss = b.mean(b.mul(d, d), [0, 1]);
  g.addOutput("loss", loss);
  const params: [string, ValueId][] = [["w1", w1], ["b1", b1], ["w2", w2], ["c", c]];
  const grads = differentiate(g, loss, params.map(([, v]) => v));
  const list = params.map(([name, value]) => ({ name, value, grad: grads.get(value)! }));
  (packed ? addPackedOptimizer : addOptimizer)(g, list, cfg);
  return simplify(g).graph;
}

async function executor(packed: boolean, cfg: OptimizerConfig): Promise<{ ex: StepExecutor; g: Graph }> {
  const g = mlpStep(packed, cfg);
  const ex = await StepExecutor.create({ model: serializeModel(emitModel(g, { name: "mlp_step" })), signature: g, seed: 7 });
  return { ex, g };
}

function batch(seed: number): Batch {
  const rng = seeded(seed);
  const x = Float32Array.from({ length: 32 }, () => rng() * 2 - 1);
  const y = Float32Array.from({ length: 8 }, () => rng());
  return { size: 8, columns: { x: { data: x, shape: [8, 4] }, y: { data: y, shape: [8, 1] } } };
}

/** onnxruntime may fuse the forward differently once params are views (e.g. MatMul + Add into Gemm), which
 *  can move a gradient by an ulp; the update math itself is checked bitwise in the interpreter below */
function close(got: Record<string, number[]>, want: Record<string, number[]>, what: string): void {
  expect(Object.keys(got).sort(), what).toEqual(Object.keys(want).sort());
  for (const [k, w] of Object.entries(want)) {
    const err = Math.max(...w.map((v, i) => Math.abs(v - got[k][i]) / Math.max(1, Math.abs(v))));
    expect(err, `${what}: ${k}`).toBeLessThan(1e-6);
  }
}

const byName = (ex: StepExecutor) => Object.fromEntries(ex.tensors().map((t) => [t.name, Array.from(t.read())]));

describe("packed optimizer in the step executor", () => {
  for (const cfg of [{ kind: "adam", lr: 0.05, weightDecay: 0.01 }, { kind: "sgd", lr: 0.1, momentum: 0.9 }, { kind: "sgd", lr: 0.1 }, { kind: "adagrad", lr: 0.1 }] as OptimizerConfig[]) {
    it(`${cfg.kind}${"momentum" in cfg ? " with momentum" : ""}: the same params and state as one update per parameter`, async () => {
      const a = await executor(false, cfg), p = await executor(true, cfg);
      expect(p.g.inputs.filter((i) => i.kind === "param").map((i) => i.name)).toEqual([PACKED_PARAMS]);
      expect(p.g.input(PACKED_PARAMS)!.parts!.map((q) => q.name)).toEqual(["w1", "b1", "w2", "c"]);
      expect(Object.keys(byName(p.ex)).sort()).toEqual(Object.keys(byName(a.ex)).sort());
      expect(byName(p.ex)).toEqual(byName(a.ex));
      for (let s = 0; s < 4; s++) {
        const la = await a.ex.run(batch(s), { "opt.lr": cfg.lr }), lp = await p.ex.run(batch(s), { "opt.lr": cfg.lr });
        expect(Math.abs(lp - la)).toBeLessThan(1e-6);
        close(byName(p.ex), byName(a.ex), `after step ${s + 1}`);
      }
      expect(p.ex.getParams().w1.shape).toEqual([4, 3]);
      // a state saved by the per-parameter executor resumes in the packed one
      const saved = a.ex.state();
      p.ex.loadState({ step: saved.step, tensors: saved.tensors.map((t) => ({ name: t.name, data: t.read(), shape: t.shape })) });
      expect(byName(p.ex)).toEqual(byName(a.ex));
      await p.ex.run(batch(9), { "opt.lr": cfg.lr });
      await a.ex.run(batch(9), { "opt.lr": cfg.lr });
      close(byName(p.ex), byName(a.ex), "after resuming");
      await a.ex.release();
      await p.ex.release();
    });
  }
});

describe("packed optimizer in the interpreter", () => {
  it("one step gives every param and moment bitwise the value of the per-parameter update", () => {
    const cfg: OptimizerConfig = { kind: "adam", lr: 0.05, weightDecay: 0.01 };
    const a = mlpStep(false, cfg), p = mlpStep(true, cfg);
    const parts = p.input(PACKED_PARAMS)!.parts!;
    const rng = seeded(3);
    const values = Object.fromEntries(parts.map((q) => [q.name, Float32Array.from({ length: q.shape.reduce((x, y) => x * y, 1) }, () => rng() - 0.5)]));
    const moments = (slot: string) => Object.fromEntries(parts.map((q) => [`opt.${q.name}.${slot}`, values[q.name].map((v) => v * v)]));
    const m = moments("exp_avg"), v = moments("exp_avg_sq");
    const { columns } = batch(5);
    const common = { x: tensor("f32", [8, 4], columns.x.data), y: tensor("f32", [8, 1], columns.y.data), "opt.lr": tensor("f32", [], [0.05]), "opt.step": tensor("f32", [], [3]) };
    const flat = (src: Record<string, Float32Array>, name: (q: string) => string) => {
      const all = parts.flatMap((q) => Array.from(src[name(q.name)]));
      return tensor("f32", [all.length], all);
    };
    const outA = interpret(a, {
      ...common,
      ...Object.fromEntries(parts.map((q) => [q.name, tensor("f32", q.shape, values[q.name])])),
      ...Object.fromEntries(parts.flatMap((q) => [`opt.${q.name}.exp_avg`, `opt.${q.name}.exp_avg_sq`].map((n) => [n, tensor("f32", q.shape, (m[n] ?? v[n])!)]))),
    }).outputs;
    const outP = interpret(p, {
      ...common,
      [PACKED_PARAMS]: flat(values, (q) => q),
      [`opt.${PACKED_PARAMS}.exp_avg`]: flat(m, (q) => `opt.${q}.exp_avg`),
      [`opt.${PACKED_PARAMS}.exp_avg_sq`]: flat(v, (q) => `opt.${q}.exp_avg_sq`),
    }).outputs;
    for (const [suffix, prefix] of [["", ""], [".exp_avg", "opt."], [".exp_avg_sq", "opt."]]) {
      const got = Array.from(outP[`${prefix}${PACKED_PARAMS}${suffix}.new`].data);
      const want = parts.flatMap((q) => Array.from(outA[`${prefix}${q.name}${suffix}.new`].data));
      expect(got).toEqual(want);
    }
  });
});
