// elide-broadcasts and CSE of FillLike by type: the materialised broadcasts autodiff leaves behind go away,
// and the values stay the same (interpreter).
import { describe, expect, it } from "vitest";
import { Graph, tensor, verifyGraph } from "../../src/ir/index.js";
import { interpret } from "../../src/ir/interp.js";
import { Builder } from "../../src/passes/autodiff/index.js";
import { cse, elideBroadcasts, simplify } from "../../src/passes/simplify/index.js";

function ops(g: Graph): string[] {
  return g.nodes.map((n) => n.op);
}

describe("elideBroadcasts", () => {
  it("lets an elementwise op broadcast x itself, and sinks a broadcast below small operands", () => {
    const g = new Graph();
    const b = new Builder(g);
    const x = g.addInput("x", { dtype: "f32", shape: ["B", 3] }, "data");
    const r = g.addInput("r", { dtype: "f32", shape: [1, 3] }, "data");
    const c = b.constant(tensor("f32", [1, 3], [2, 4, 8]));
    const spread = b.add(r, b.fillLike(x, 0));                  // r broadcast to [B, 3]
    const scaled = b.div(spread, c);                             // small operands: computed small, then broadcast
    g.addOutput("y", b.mul(scaled, x));                          // x has the full shape: reads r/c directly
    g.addOutput("z", b.mul(b.op("Expand", [r], { shape: [4, 3] }), b.k(3)));   // Expand kept: 3 is small
    const s = simplify(g).graph;
    expect(verifyGraph(s)).toEqual([]);
    expect(ops(s).filter((o) => o === "FillLike")).toEqual([]);
    expect(ops(s)).toContain("Expand");
    const feeds = { x: tensor("f32", [2, 3], [1, -2, 3, 0.5, 5, -6]), r: tensor("f32", [1, 3], [-1, 3, 0.25]) };
    const want = interpret(g, feeds).outputs, got = interpret(s, feeds).outputs;
    expect(Array.from(got.y.data)).toEqual(Array.from(want.y.data));
    expect(Array.from(got.z.data)).toEqual(Array.from(want.z.data));
    expect(elideBroadcasts(s).changed).toBe(false);
  });

  it("CSE merges FillLike of values with equal types, not of different shapes", () => {
    const g = new Graph();
    const b = new Builder(g);
    const x = g.addInput("x", { dtype: "f32", shape: ["B", 3] }, "data");
    const y = b.exp(x);
    const z = g.addInput("z", { dtype: "f32", shape: ["B", 4] }, "data");
    g.addOutput("a", b.add(b.fillLike(x, 1), b.fillLike(y, 1)));
    g.addOutput("c", b.fillLike(z, 1));
    const r = cse(g).graph;
    expect(ops(r).filter((o) => o === "FillLike")).toHaveLength(2);
  });
});
