import { describe, expect, it } from "vitest";
import { Graph } from "../../src/ir/graph.js";
import { assertValid, verifyGraph } from "../../src/ir/verify.js";

/** x: f32[B,3] -> relu -> sum over axis 1 -> out */
function small(): { g: Graph; x: number; r: number; s: number } {
  const g = new Graph();
  const x = g.addInput("x", { dtype: "f32", shape: ["B", 3] }, "data");
  const r = g.add("Relu", [x]);
  const s = g.add("ReduceSum", [r], { axes: [1], keepdims: false });
  g.addOutput("out", s);
  return { g, x, r, s };
}

describe("verifyGraph", () => {
  it("accepts a well-formed graph", () => {
    expect(verifyGraph(small().g)).toEqual([]);
    expect(() => assertValid(small().g)).not.toThrow();
  });

  it("reports a use before definition", () => {
    const { g } = small();
    g.nodes.reverse();
    expect(verifyGraph(g)).toContain("node 0 (ReduceSum): uses %1 before it is defined");
  });

  it("reports a value defined twice", () => {
    const { g, r } = small();
    g.nodes[1].outputs = [r];
    expect(verifyGraph(g)).toContain("node 1 (ReduceSum): value %1 is defined twice");
  });

  it("reports a declared type that differs from the inferred one", () => {
    const { g, s } = small();
    g.values[s].type = { dtype: "f32", shape: ["B", 1] };
    expect(verifyGraph(g)).toEqual(["node 1 (ReduceSum): output %2 declared f32[B, 1], inferred f32[B]"]);
  });

  it("reports a node whose shape rule fails", () => {
    const { g } = small();
    (g.nodes[1].attrs as { axes: number[] }).axes = [5];
    expect(verifyGraph(g)).toEqual(["node 1 (ReduceSum): axes [5] out of range for rank 2"]);
  });

  it("reports a wrong number of outputs", () => {
    const { g } = small();
    const [v] = g.addMulti("TopK", [g.add("Identity", [0])], { k: 2 });
    g.nodes[g.nodes.length - 1].outputs = [v];
    expect(verifyGraph(g)).toContain("node 3 (TopK): has 1 outputs, expected 2");
  });

  it("reports a value that does not exist", () => {
    const { g } = small();
    g.nodes[0].outputs = [99];
    g.nodes[1].inputs = [77];
    const problems = verifyGraph(g);
    expect(problems).toContain("node 0 (Relu): value %99 does not exist");
    expect(problems).toContain("node 1 (ReduceSum): uses %77 before it is defined");
  });

  it("reports an output that is never defined and duplicated names", () => {
    const { g } = small();
    g.outputs.push({ name: "out", value: 1 });
    g.outputs.push({ name: "ghost", value: g.newValue({ dtype: "f32", shape: [] }) });
    g.inputs.push({ name: "x", value: 0, kind: "data" });
    const problems = verifyGraph(g);
    expect(problems).toContain("output name out is used twice");
    expect(problems).toContain("output ghost: value %3 is never defined");
    expect(problems).toContain("input name x is used twice");
  });

  it("assertValid lists every problem", () => {
    const { g } = small();
    g.nodes.reverse();
    expect(() => assertValid(g)).toThrow(/invalid IR graph:\n {2}node 0 \(ReduceSum\): uses %1 before it is defined/);
  });

  it("accepts equal symbolic products written in another order", () => {
    const g = new Graph();
    const x = g.addInput("x", { dtype: "f32", shape: ["T", "B", 2] }, "data");
    const r = g.add("Reshape", [x], { shape: [-1, 2] });
    g.values[r].type = { dtype: "f32", shape: ["T*B", 2] };
    expect(verifyGraph(g)).toEqual([]);
  });
});

describe("Graph building", () => {
  it("throws a ShapeError with the op name when a shape rule fails", () => {
    const g = new Graph();
    const x = g.addInput("x", { dtype: "f32", shape: ["B", 3] }, "data");
    expect(() => g.add("Add", [x, g.addInput("y", { dtype: "f32", shape: [4] }, "data")]))
      .toThrow("Add: shapes [B, 3] and [4] do not broadcast");
  });

  it("rejects duplicate input and output names", () => {
    const g = new Graph();
    const x = g.addInput("x", { dtype: "f32", shape: [1] }, "data");
    expect(() => g.addInput("x", { dtype: "f32", shape: [1] }, "data")).toThrow("duplicate graph input x");
    g.addOutput("y", x);
    expect(() => g.addOutput("y", x)).toThrow("duplicate graph output y");
  });
});
