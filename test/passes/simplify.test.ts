// Simplification passes as text goldens, plus purity and the fixpoint.
import { describe, expect, it } from "vitest";
import { Graph, printGraph, tensor, verifyGraph } from "../../src/ir/index.js";
import { Builder } from "../../src/passes/autodiff/index.js";
import { algebraic, cse, dce, foldConstants, removeIdentities, simplify } from "../../src/passes/simplify/index.js";

function setup() {
  const g = new Graph();
  const b = new Builder(g);
  const x = g.addInput("x", { dtype: "f32", shape: ["B", 3] }, "data");
  return { g, b, x };
}

const body = (g: Graph) => printGraph(g).split("\n").slice(1, -2).map((l) => l.trim());

describe("foldConstants", () => {
  it("evaluates nodes whose inputs are all constants, in cascade, keeping value ids", () => {
    const { g, b, x } = setup();
    const two = b.add(b.k(1), b.k(1));
    const v = b.constant(tensor("f32", [3], [1, 2, 3]));
    const w = b.mul(b.exp(b.mul(v, two)), b.k(0));
    g.addOutput("y", b.add(x, w));
    g.addOutput("ones", b.fillLike(v, 1));
    const r = foldConstants(g);
    expect(r.changed).toBe(true);
    expect(body(r.graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "%1: f32[] = Constant() {value=f32[] [1]}  # forward -",
      "%2: f32[] = Constant() {value=f32[] [1]}  # forward -",
      "%3: f32[] = Constant() {value=f32[] [2]}  # forward -",
      "%4: f32[3] = Constant() {value=f32[3] [1, 2, 3]}  # forward -",
      "%5: f32[3] = Constant() {value=f32[3] [2, 4, 6]}  # forward -",
      "%6: f32[3] = Constant() {value=f32[3] [7.389056, 54.59815, 403.4288]}  # forward -",
      "%7: f32[] = Constant() {value=f32[] [0]}  # forward -",
      "%8: f32[3] = Constant() {value=f32[3] [0, 0, 0]}  # forward -",
      "%9: f32[B, 3] = Add(%0, %8)  # forward -",
      "%10: f32[3] = Constant() {value=f32[3] [1, 1, 1]}  # forward -",
      "output y = %9",
      "output ones = %10",
    ]);
    expect(verifyGraph(r.graph)).toEqual([]);
  });

  it("leaves nodes with a non-constant input, and large results, alone", () => {
    const { g, b, x } = setup();
    g.addOutput("y", b.mul(x, b.k(2)));
    g.addOutput("big", b.op("Expand", [b.k(1)], { shape: [100, 100] }));
    expect(foldConstants(g).changed).toBe(false);
  });
});

describe("algebraic", () => {
  it("drops x·1, x+0, 0+x, x/1, x−0 and no-op reshapes, but not when the constant broadcasts x up", () => {
    const { g, b, x } = setup();
    const t = g.addInput("t", { dtype: "f32", shape: [4, 3] }, "data");
    const u = g.addInput("u", { dtype: "f32", shape: [3] }, "data");
    const ones = b.constant(tensor("f32", [3], [1, 1, 1]));
    const y = b.div(b.sub(b.add(b.k(0), b.mul(x, ones)), b.k(0)), b.k(1));
    const z = b.transpose(b.reshape(y, ["B", 3]), [0, 1]);
    g.addOutput("z", b.add(z, b.k(0)));
    g.addOutput("grown", b.mul(u, b.fillLike(t, 1)));
    g.addOutput("sum", b.sum(b.mul(x, b.op("Expand", [b.k(1)], { shape: [1, 1] })), [1]));
    const r = algebraic(foldConstants(g).graph);
    expect(body(dce(r.graph).graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "input data t: f32[4, 3] = %1",
      "input data u: f32[3] = %2",
      "%13: f32[] = Constant() {value=f32[] [0]}  # forward -",
      "%14: f32[B, 3] = Add(%0, %13)  # forward -",
      "%15: f32[4, 3] = Constant() {value=f32[4, 3] [1, 1, 1, 1, 1, 1, 1, 1, … (12)]}  # forward -",
      "%16: f32[4, 3] = Mul(%2, %15)  # forward -",
      "%20: f32[B] = ReduceSum(%0) {axes=[1], keepdims=false}  # forward -",
      "output z = %14",
      "output grown = %16",
      "output sum = %20",
    ]);
  });
});

describe("cse", () => {
  it("merges structurally equal nodes, constants by value, but never two graph outputs", () => {
    const { g, b, x } = setup();
    const a1 = b.mul(x, b.k(3));
    const a2 = b.mul(x, b.k(3));
    const s1 = b.sum(a1, [1]);
    const s2 = b.sum(a2, [1]);
    const s3 = b.sum(a2, [0]);
    g.addOutput("u", b.add(s1, s2));
    g.addOutput("v", s3);
    g.addOutput("w", b.op("Identity", [s1]));
    g.addOutput("w2", b.op("Identity", [s1]));
    const r = cse(g);
    expect(r.changed).toBe(true);
    expect(body(r.graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "%1: f32[] = Constant() {value=f32[] [3]}  # forward -",
      "%2: f32[B, 3] = Mul(%0, %1)  # forward -",
      "%5: f32[B] = ReduceSum(%2) {axes=[1], keepdims=false}  # forward -",
      "%7: f32[3] = ReduceSum(%2) {axes=[0], keepdims=false}  # forward -",
      "%8: f32[B] = Add(%5, %5)  # forward -",
      "%9: f32[B] = Identity(%5)  # forward -",
      "%10: f32[B] = Identity(%5)  # forward -",
      "output u = %8",
      "output v = %7",
      "output w = %9",
      "output w2 = %10",
    ]);
  });
});

describe("dce and identity removal", () => {
  it("dce drops nodes that reach no output and keeps every graph input", () => {
    const { g, b, x } = setup();
    const unused = g.addInput("unused", { dtype: "f32", shape: [2] }, "data");
    b.exp(unused);
    const y = b.op("Tanh", [x]);
    b.mul(y, y);
    g.addOutput("y", y);
    const r = dce(g);
    expect(body(r.graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "input data unused: f32[2] = %1",
      "%3: f32[B, 3] = Tanh(%0)  # forward -",
      "output y = %3",
    ]);
  });

  it("removes Identity and StopGradient unless they define a graph output", () => {
    const { g, b, x } = setup();
    const y = b.exp(b.stopGradient(b.op("Identity", [x])));
    g.addOutput("y", b.op("Identity", [y]));
    const r = removeIdentities(g);
    expect(body(r.graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "%3: f32[B, 3] = Exp(%0)  # forward -",
      "%4: f32[B, 3] = Identity(%3)  # forward -",
      "output y = %4",
    ]);
  });
});

describe("simplify", () => {
  it("runs the passes to a fixpoint without touching its argument", () => {
    const { g, b, x } = setup();
    const y1 = b.mul(x, b.add(b.k(1), b.k(1)));
    const y2 = b.mul(x, b.add(b.k(1), b.k(1)));
    b.exp(x);
    g.addOutput("s", b.add(b.op("Identity", [y1]), b.stopGradient(y2)));
    const before = printGraph(g);
    const r = simplify(g);
    expect(printGraph(g)).toBe(before);
    expect(r.changed).toBe(true);
    expect(r.rounds).toBe(2);
    expect(body(r.graph)).toEqual([
      "input data x: f32[B, 3] = %0",
      "%3: f32[] = Constant() {value=f32[] [2]}  # forward -",
      "%4: f32[B, 3] = Mul(%0, %3)  # forward -",
      "%12: f32[B, 3] = Add(%4, %4)  # forward -",
      "output s = %12",
    ]);
    const again = simplify(r.graph);
    expect(again.changed).toBe(false);
    expect(again.rounds).toBe(1);
  });
});
