// Hand-made tower graphs for the export tests: embedding lookups, mean pooling, l2 normalisation.
import { Graph } from "../../src/ir/graph.js";
import { scalar, tensor, type Tensor } from "../../src/ir/tensor.js";
import type { ValueId } from "../../src/ir/graph.js";

export const VOCAB = 10;
export const USERS = 6;
export const D = 3;
export const L = 4;

/** Deterministic uniform [-1, 1) values (xorshift). */
export function values(n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out.push(Math.fround(((s >>> 0) / 4294967296) * 2 - 1));
  }
  return out;
}

function l2normalize(g: Graph, x: ValueId, axis: number): ValueId {
  const sq = g.add("Mul", [x, x]);
  const sum = g.add("ReduceSum", [sq], { axes: [axis], keepdims: true });
  const eps = g.add("Constant", [], { value: scalar(1e-12) });
  const norm = g.add("Sqrt", [g.add("Add", [sum, eps])]);
  return g.add("Div", [x, norm]);
}

/**
 * user_vec = l2norm((mean_j item_emb[hist_item_id[:, j]] + user_emb[user_id]) * scale), shape (B, 3).
 * neg_item_id is declared but unused (the export drops it).
 */
export function userTower(): Graph {
  const g = new Graph();
  const hist = g.addInput("hist_item_id", { dtype: "i32", shape: ["B", L] }, "data");
  const user = g.addInput("user_id", { dtype: "i32", shape: ["B"] }, "data");
  g.addInput("neg_item_id", { dtype: "i32", shape: ["B", 2] }, "data");
  const itemEmb = g.addInput("item_emb", { dtype: "f32", shape: [VOCAB, D] }, "param");
  const userEmb = g.addInput("user_emb", { dtype: "f32", shape: [USERS, D] }, "param");
  const scale = g.addInput("scale", { dtype: "f32", shape: [D] }, "buffer");
  const pooled = g.add("ReduceMean", [g.add("Gather", [itemEmb, hist])], { axes: [1], keepdims: false });
  const u = g.add("Gather", [userEmb, user]);
  const x = g.add("Mul", [g.add("Add", [pooled, u]), scale]);
  g.addOutput("user_vec", l2normalize(g, x, 1));
  return g;
}

/** A two-interest user tower: the first two history embeddings, each l2-normalised: (B, 2, 3). */
export function twoInterestTower(): Graph {
  const g = new Graph();
  const hist = g.addInput("hist_item_id", { dtype: "i32", shape: ["B", L] }, "data");
  const itemEmb = g.addInput("item_emb", { dtype: "f32", shape: [VOCAB, D] }, "param");
  const first = g.add("Slice", [hist], { axis: 1, start: 0, end: 2 });
  g.addOutput("interests", l2normalize(g, g.add("Gather", [itemEmb, first]), 2));
  return g;
}

/** item_vec = l2norm(item_emb[item_id] + cate_emb[cate_id]), shape (B, 3). */
export function itemTower(): Graph {
  const g = new Graph();
  const item = g.addInput("item_id", { dtype: "i32", shape: ["B"] }, "data");
  const cate = g.addInput("cate_id", { dtype: "i32", shape: ["B"] }, "data");
  const itemEmb = g.addInput("item_emb", { dtype: "f32", shape: [VOCAB, D] }, "param");
  const cateEmb = g.addInput("cate_emb", { dtype: "f32", shape: [4, D] }, "param");
  const x = g.add("Add", [g.add("Gather", [itemEmb, item]), g.add("Gather", [cateEmb, cate])]);
  g.addOutput("item_vec", l2normalize(g, x, 1));
  return g;
}

export function trainedWeights(): Record<string, Tensor> {
  const f32 = (shape: number[], seed: number): Tensor => {
    const t = tensor("f32", shape);
    t.data = Float32Array.from(values(shape.reduce((a, b) => a * b, 1), seed));
    return t;
  };
  return {
    item_emb: f32([VOCAB, D], 11),
    user_emb: f32([USERS, D], 12),
    scale: { dtype: "f32", shape: [D], data: Float32Array.from([1.5, 0.5, 2]) },
    cate_emb: f32([4, D], 13),
  };
}

export function ids(n: number, mod: number, seed: number): Int32Array {
  return Int32Array.from(values(n, seed), (v) => Math.floor(((v + 1) / 2) * mod));
}
