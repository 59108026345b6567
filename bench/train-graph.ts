// A two-tower training step for the training benchmarks, built with the project's passes: user and item
// embedding tables, optional ReLU MLP towers (`hidden`), list-wise softmax loss over the positive and N
// sampled negatives, reverse-mode autodiff and Adam. With `sparse`, both tables get a symbolic first
// dimension (the executor feeds the rows a batch uses).
import { Graph, type ValueId } from "../src/ir/graph.js";
import { differentiate } from "../src/passes/autodiff/index.js";
import { listwiseCE } from "../src/passes/loss/index.js";
import { addOptimizer } from "../src/passes/optim/index.js";
import type { SparseTable } from "../src/runtime/train-step.js";

export interface TwoTowerOptions {
  users: number;
  items: number;
  dim: number;
  negatives: number;
  sparse: boolean;
  /** hidden widths of each tower's MLP (the last is the output width); none: plain embeddings */
  hidden?: number[];
}

/** x (rows, width) through dense layers with ReLU between them; returns the output and its params. */
function mlp(g: Graph, x: ValueId, width: number, dims: number[], prefix: string): { y: ValueId; params: [string, ValueId][] } {
  const params: [string, ValueId][] = [];
  dims.forEach((h, i) => {
    const w = g.addInput(`${prefix}.w${i}`, { dtype: "f32", shape: [width, h] }, "param", { kind: "normal", mean: 0, std: Math.sqrt(2 / width) });
    const b = g.addInput(`${prefix}.b${i}`, { dtype: "f32", shape: [h] }, "param", { kind: "constant", value: 0 });
    params.push([`${prefix}.w${i}`, w], [`${prefix}.b${i}`, b]);
    x = g.add("Add", [g.add("MatMul", [x, w]), b]);
    if (i < dims.length - 1) x = g.add("Relu", [x]);
    width = h;
  });
  return { y: x, params };
}

export function twoTowerStep(o: TwoTowerOptions): { graph: Graph; sparse: SparseTable[] } {
  const g = new Graph();
  const D = o.dim, N = o.negatives;
  const init = { kind: "normal", mean: 0, std: 1e-2, zeroRow: 0 } as const;
  const users = g.addInput("emb.user_id", { dtype: "f32", shape: [o.sparse ? "rows.user_id" : o.users, D] }, "param", init);
  const items = g.addInput("emb.item_id", { dtype: "f32", shape: [o.sparse ? "rows.item_id" : o.items, D] }, "param", init);
  const uid = g.addInput("user_id", { dtype: "i32", shape: ["B"] }, "data");
  const pos = g.addInput("item_id", { dtype: "i32", shape: ["B"] }, "data");
  const neg = g.addInput("neg_item_id", { dtype: "i32", shape: ["B", N] }, "data");
  const hidden = o.hidden ?? [];
  const out = hidden.length ? hidden[hidden.length - 1] : D;
  const user = mlp(g, g.add("Gather", [users, uid]), D, hidden, "user_mlp");
  const u = g.add("Reshape", [user.y], { shape: [-1, 1, out] });
  const p = g.add("Reshape", [g.add("Gather", [items, pos])], { shape: [-1, 1, D] });
  const raw = g.add("Concat", [p, g.add("Gather", [items, neg])], { axis: 1 });
  const item = mlp(g, g.add("Reshape", [raw], { shape: [-1, D] }), D, hidden, "item_mlp");
  const cand = g.add("Reshape", [item.y], { shape: [-1, 1 + N, out] });
  const logits = g.add("ReduceSum", [g.add("Mul", [cand, u])], { axes: [2], keepdims: false });
  const loss = listwiseCE(g, logits, "first", { temperature: 0.1 });
  g.addOutput("loss", loss);
  const params: [string, ValueId][] = [["emb.user_id", users], ["emb.item_id", items], ...user.params, ...item.params];
  const grads = differentiate(g, loss, params.map(([, v]) => v));
  addOptimizer(g, params.map(([name, value]) => ({ name, value, grad: grads.get(value)! })), { kind: "adam", lr: 1e-3 });
  const sparse: SparseTable[] = o.sparse
    ? [
      { param: "emb.user_id", columns: ["user_id"], rows: o.users },
      { param: "emb.item_id", columns: ["item_id", "neg_item_id"], rows: o.items },
    ]
    : [];
  return { graph: g, sparse };
}
