// A hand-built training-step graph for the executor tests: logistic regression on an item embedding,
// score = dropout(emb[item_id]) . w + b, BCE-with-logits loss, gradients written out by hand, and an
// SGD update (optionally with momentum, giving optimizer state `opt.<param>.m`).
import { Graph } from "../../src/ir/graph.js";
import type { ValueId } from "../../src/ir/graph.js";
import type { Dim } from "../../src/ir/types.js";

export interface LogRegOptions {
  rows: number;
  dim: number;
  /** sparse mode: the table's first dim becomes this symbol */
  sparseSymbol?: string;
  momentum?: number;
  /** dropout keep probability on the embedding (noise input `noise.drop`) */
  keep?: number;
}

export function logRegStep(o: LogRegOptions): Graph {
  const g = new Graph();
  const V: Dim = o.sparseSymbol ?? o.rows;
  const D = o.dim;
  const emb = g.addInput("emb.item_id", { dtype: "f32", shape: [V, D] }, "param", { kind: "normal", mean: 0, std: 0.5, zeroRow: 0 });
  const w = g.addInput("w", { dtype: "f32", shape: [D, 1] }, "param", { kind: "uniform", low: -0.5, high: 0.5 });
  const b = g.addInput("b", { dtype: "f32", shape: [1] }, "param", { kind: "constant", value: 0 });
  const ids = g.addInput("item_id", { dtype: "i32", shape: ["B"] }, "data");
  const y = g.addInput("label", { dtype: "f32", shape: ["B"] }, "data");
  const lr = g.addInput("opt.lr", { dtype: "f32", shape: [] }, "hyper");
  g.addInput("opt.step", { dtype: "f32", shape: [] }, "hyper");
  const c = (v: number): ValueId => g.add("Constant", [], { value: { dtype: "f32", shape: [], data: new Float32Array([v]) } });

  // forward
  let e = g.add("Gather", [emb, ids]);
  let mask: ValueId | undefined;
  if (o.keep !== undefined) {
    const u = g.addInput("noise.drop", { dtype: "f32", shape: ["B", D] }, "noise", { kind: "noise", dist: "uniform" });
    mask = g.add("Div", [g.add("Cast", [g.add("Less", [u, c(o.keep)])], { to: "f32" }), c(o.keep)]);
    e = g.add("Mul", [e, mask]);
  }
  const z = g.add("Add", [g.add("Reshape", [g.add("MatMul", [e, w])], { shape: [-1] }), b]);
  const bce = g.add("Sub", [g.add("Softplus", [z]), g.add("Mul", [y, z])]);
  g.addOutput("loss", g.add("ReduceMean", [bce], { axes: [0], keepdims: false }));

  // backward: dz = (sigmoid(z) - y) / B
  const n = g.add("ReduceSum", [g.add("FillLike", [y], { value: 1, dtype: "f32" })], { axes: [0], keepdims: false });
  const dz = g.add("Div", [g.add("Sub", [g.add("Sigmoid", [z]), y]), n]);
  const dz2 = g.add("Reshape", [dz], { shape: [-1, 1] });
  const grads: Record<string, ValueId> = {};
  grads.b = g.add("Reshape", [g.add("ReduceSum", [dz], { axes: [0], keepdims: false })], { shape: [1] });
  grads.w = g.add("MatMul", [g.add("Transpose", [e], { perm: [1, 0] }), dz2]);
  let de = g.add("MatMul", [dz2, g.add("Transpose", [w], { perm: [1, 0] })]);
  if (mask !== undefined) de = g.add("Mul", [de, mask]);
  grads["emb.item_id"] = g.add("ScatterAdd", [g.add("FillLike", [emb], { value: 0, dtype: "f32" }), ids, de]);

  // SGD (with momentum: m' = mu m + g; x' = x - lr m')
  for (const [name, x] of [["emb.item_id", emb], ["w", w], ["b", b]] as const) {
    let step = grads[name];
    if (o.momentum !== undefined) {
      const m = g.addInput(`opt.${name}.m`, g.type(x), "state", { kind: "constant", value: 0 });
      step = g.add("Add", [g.add("Mul", [m, c(o.momentum)]), step]);
      g.addOutput(`opt.${name}.m.new`, step);
    }
    g.addOutput(`${name}.new`, g.add("Sub", [x, g.add("Mul", [lr, step])]));
  }
  return g;
}
