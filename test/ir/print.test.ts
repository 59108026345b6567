import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Graph } from "../../src/ir/graph.js";
import { printGraph } from "../../src/ir/print.js";
import { tensor } from "../../src/ir/tensor.js";

/** Golden text; UPDATE_GOLDEN=1 rewrites the file (review the diff). */
function golden(name: string, actual: string): string {
  const url = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(url, actual);
  return readFileSync(url, "utf8");
}

/** A tower-like graph touching every printer feature: input kinds and inits, origins, attrs, constants, two outputs. */
function sample(): Graph {
  const g = new Graph();
  const emb = g.addInput("emb", { dtype: "f32", shape: [10, 4] }, "param", { kind: "normal", mean: 0, std: 0.01, zeroRow: 0 });
  const w = g.addInput("w", { dtype: "f32", shape: [4, 2] }, "param", { kind: "uniform", low: -0.5, high: 0.5 });
  g.addInput("bn_mean", { dtype: "f32", shape: [2] }, "buffer", { kind: "constant", value: 0 });
  g.addInput("u", { dtype: "f32", shape: ["B", 2] }, "noise", { kind: "noise", dist: "uniform" });
  const ids = g.addInput("hist", { dtype: "i32", shape: ["B", 5] }, "data");
  const loc = (line: number, col: number) => ({ loc: { file: "models.rech", line, col }, scope: "M.user/pool" });
  const pooled = g.withOrigin(loc(3, 9), () => {
    const e = g.add("Gather", [emb, ids]);
    return g.add("ReduceMean", [e], { axes: [1], keepdims: false });
  });
  const h = g.withOrigin({ ...loc(4, 5), scope: "M.user/linear" }, () => g.add("MatMul", [pooled, w]));
  const big = g.add("Constant", [], { value: tensor("f32", [10], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]) });
  const half = g.add("Constant", [], { value: tensor("f32", [], [0.5]) });
  const scaled = g.withOrigin({ role: "loss" }, () => g.add("Mul", [h, half]));
  const [vals, idx] = g.addMulti("TopK", [scaled], { k: 1 });
  g.addOutput("user_vec", scaled);
  g.addOutput("top", idx);
  g.addOutput("big", big);
  void vals;
  return g;
}

describe("printGraph", () => {
  it("prints a stable text form (golden)", () => {
    const text = printGraph(sample(), "tower");
    expect(text).toBe(golden("print.txt", text));
  });

  it("prints the same text for a clone", () => {
    const g = sample();
    expect(printGraph(g.clone(), "tower")).toBe(printGraph(g, "tower"));
  });
});
