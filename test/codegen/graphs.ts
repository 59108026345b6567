// Sample IR graphs for the codegen tests: a small two-feature user tower with origins on every node.
import { Graph } from "../../src/ir/graph.js";
import { tensor, type Tensor } from "../../src/ir/tensor.js";

const at = (line: number, col: number, scope: string) => ({ loc: { file: "models.rech", line, col }, scope });

/** user_id [B], hist [B,5] -> embeddings -> concat -> linear -> relu -> l2 normalise -> user_vec [B,4]. */
export function userTower(): Graph {
  const g = new Graph();
  const uid = g.addInput("user_id", { dtype: "i32", shape: ["B"] }, "data");
  const hist = g.addInput("hist", { dtype: "i32", shape: ["B", 5] }, "data");
  const emb = g.addInput("emb", { dtype: "f32", shape: [10, 4] }, "param", { kind: "normal", mean: 0, std: 0.1 });
  const w = g.addInput("w", { dtype: "f32", shape: [8, 4] }, "param", { kind: "uniform", low: -0.3, high: 0.3 });
  const b = g.addInput("b", { dtype: "f32", shape: [4] }, "param", { kind: "constant", value: 0 });
  const x = g.withOrigin(at(3, 9, "Tower.user/embed"), () => {
    const u = g.add("Gather", [emb, uid]);
    const h = g.add("ReduceMean", [g.add("Gather", [emb, hist])], { axes: [1], keepdims: false });
    return g.add("Concat", [u, h], { axis: 1 });
  });
  const y = g.withOrigin(at(4, 5, "Tower.user/mlp/linear"), () => g.add("Relu", [g.add("Add", [g.add("MatMul", [x, w]), b])]));
  const out = g.withOrigin(at(5, 12, "Tower.user/l2norm"), () => {
    const ss = g.add("ReduceSum", [g.add("Mul", [y, y])], { axes: [-1], keepdims: true });
    const eps = g.add("Constant", [], { value: tensor("f32", [], [1e-12]) });
    return g.add("Div", [y, g.add("Sqrt", [g.add("Max", [ss, eps])])]);
  });
  g.addOutput("user_vec", out);
  return g;
}

export function towerWeights(): Record<string, Tensor> {
  const fill = (shape: number[], f: (k: number) => number) => tensor("f32", shape, Array.from({ length: shape.reduce((a, c) => a * c, 1) }, (_, k) => f(k)));
  return {
    emb: fill([10, 4], (k) => Math.sin(k * 1.3) * 0.5),
    w: fill([8, 4], (k) => Math.cos(k * 0.7) * 0.4),
    b: fill([4], (k) => 0.05 * k),
  };
}

export function towerData(batch: number): Record<string, Tensor> {
  return {
    user_id: tensor("i32", [batch], Array.from({ length: batch }, (_, k) => (k * 3) % 10)),
    hist: tensor("i32", [batch, 5], Array.from({ length: batch * 5 }, (_, k) => (k * 7 + 1) % 10)),
  };
}

/** A graph that exercises reshapes with two symbols, runtime-computed expand targets and aliased outputs. */
export function symbolicGraph(): Graph {
  const g = new Graph();
  const x = g.addInput("x", { dtype: "f32", shape: ["B", "T", 6] }, "data");
  const col = g.addInput("col", { dtype: "f32", shape: [1, "T", 1] }, "data");
  const r = g.add("Reshape", [x], { shape: ["B", "T", 2, 3] });
  const flat = g.add("Reshape", [r], { shape: [-1, 3] });
  const e = g.add("Expand", [col], { shape: ["B", "T", 6] });
  g.addOutput("r", r);
  g.addOutput("flat", flat);
  g.addOutput("sum", g.add("Add", [x, e]));
  g.addOutput("x_again", x);
  g.addOutput("r_again", r);
  return g;
}
