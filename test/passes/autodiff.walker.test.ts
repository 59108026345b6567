// The walker's plumbing: symbolic zeros, skipping, origins, stop-gradient, multi-output nodes, noise reuse,
// and composite models checked by finite differences.
import { describe, expect, it } from "vitest";
import { Graph, interpret, tensor, verifyGraph, type ValueId } from "../../src/ir/index.js";
import { Builder, differentiate, isZero, materialize } from "../../src/passes/autodiff/index.js";
import { gradCheck } from "./gradcheck.js";

function setup() {
  const g = new Graph();
  return { g, b: new Builder(g) };
}

describe("differentiate", () => {
  it("returns a symbolic Zero for values the loss does not depend on, and builds nothing for them", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [3] }, "param");
    const unused = g.addInput("u", { dtype: "f32", shape: [3] }, "param");
    b.exp(b.mul(unused, unused)); // a branch that does not reach the loss
    const loss = b.sumAll(b.mul(x, x));
    const before = g.nodes.length;
    const grads = differentiate(g, loss, [x, unused]);
    expect(isZero(grads.get(unused)!)).toBe(true);
    expect(isZero(grads.get(x)!)).toBe(false);
    const backward = g.nodes.slice(before);
    expect(backward.every((n) => n.origin.role === "backward")).toBe(true);
    // the dead Exp/Mul branch got no backward nodes: only the ones for sum(x*x)
    expect(backward.some((n) => n.op === "Exp")).toBe(false);
    expect(verifyGraph(g)).toEqual([]);
  });

  it("copies the forward node's loc and scope onto its backward nodes", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [2] }, "param");
    const loc = { file: "m.rech", line: 7, col: 3 };
    const y = g.withOrigin({ loc, scope: "M.user/mlp" }, () => b.op("Tanh", [x]));
    const loss = b.sumAll(y);
    const before = g.nodes.length;
    differentiate(g, loss, [x]);
    const tanhGrad = g.nodes.slice(before).filter((n) => n.origin.loc?.line === 7);
    expect(tanhGrad.length).toBeGreaterThan(0);
    expect(tanhGrad.every((n) => n.origin.scope === "M.user/mlp" && n.origin.role === "backward")).toBe(true);
  });

  it("stops gradients at StopGradient", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [3] }, "param");
    const loss = b.sumAll(b.mul(x, b.stopGradient(x)));
    const gx = differentiate(g, loss, [x]).get(x)!;
    g.addOutput("gx", materialize(g, gx, x));
    const out = interpret(g, { x: tensor("f32", [3], [1, -2, 3]) }).outputs.gx;
    expect(Array.from(out.data)).toEqual([1, -2, 3]); // d/dx x·sg(x) = sg(x), not 2x
  });

  it.each([
    ["Greater", (b: Builder, x: ValueId) => b.cast(b.greater(x, b.k(0)), "f32")],
    ["Equal", (b: Builder, x: ValueId) => b.cast(b.equal(x, b.k(0)), "f32")],
    ["Not/Less", (b: Builder, x: ValueId) => b.cast(b.op("Not", [b.less(x, b.k(0))]), "f32")],
    ["ArgMax", (b: Builder, x: ValueId) => b.cast(b.op("ArgMax", [x], { axis: 0, keepdims: false }), "f32")],
    ["Cast to i32 and back", (b: Builder, x: ValueId) => b.cast(b.cast(x, "i32"), "f32")],
    ["FillLike", (b: Builder, x: ValueId) => b.fillLike(x, 2)],
    ["TopK indices", (b: Builder, x: ValueId) => b.cast(b.g.addMulti("TopK", [x], { k: 2 })[1], "f32")],
  ])("%s carries no gradient", (_, build) => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [4] }, "param");
    const loss = b.sumAll(build(b, x));
    expect(isZero(differentiate(g, loss, [x]).get(x)!)).toBe(true);
  });

  it("sends TopK value gradients to the selected positions", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [2, 4] }, "param");
    const [v] = g.addMulti("TopK", [x], { k: 2 });
    const w = b.constant(tensor("f32", [2, 2], [10, 20, 30, 40]));
    const loss = b.sumAll(b.mul(v, w));
    g.addOutput("gx", materialize(g, differentiate(g, loss, [x]).get(x)!, x));
    const gx = interpret(g, { x: tensor("f32", [2, 4], [0.1, 0.9, 0.5, 0.3, 7, 1, 2, 8]) }).outputs.gx;
    expect(Array.from(gx.data)).toEqual([0, 10, 20, 0, 40, 0, 0, 30]);
  });

  it("gives Gather's table a dense ScatterAdd gradient that sums repeated ids", () => {
    const { g, b } = setup();
    const t = g.addInput("t", { dtype: "f32", shape: [4, 2] }, "param");
    const ids = g.addInput("ids", { dtype: "i32", shape: ["B"] }, "data");
    const loss = b.sumAll(b.op("Gather", [t, ids]));
    const before = g.nodes.length;
    g.addOutput("gt", materialize(g, differentiate(g, loss, [t]).get(t)!, t));
    expect(g.nodes.slice(before).some((n) => n.op === "ScatterAdd")).toBe(true);
    const gt = interpret(g, { t: tensor("f32", [4, 2]), ids: tensor("i32", [5], [1, 3, 1, 1, 0]) }).outputs.gt;
    expect(Array.from(gt.data)).toEqual([1, 1, 3, 3, 0, 0, 1, 1]);
  });

  it("does not build the exponent gradient of Pow when the exponent is constant", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [3] }, "param");
    const loss = b.sumAll(b.pow(x, b.k(2)));
    const before = g.nodes.length;
    differentiate(g, loss, [x]);
    expect(g.nodes.slice(before).some((n) => n.op === "Log")).toBe(false);
  });

  it("reuses a dropout mask built from a noise input in the backward pass", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [6] }, "param");
    const u = g.addInput("u", { dtype: "f32", shape: [6] }, "noise", { kind: "noise", dist: "uniform" });
    const keep = b.less(u, b.k(0.5)); // keep probability 0.5
    const dropped = b.where(keep, b.div(x, b.k(0.5)), b.k(0));
    const loss = b.sumAll(dropped);
    g.addOutput("gx", materialize(g, differentiate(g, loss, [x]).get(x)!, x));
    const noise = [0.1, 0.7, 0.3, 0.9, 0.2, 0.6];
    const gx = interpret(g, { x: tensor("f32", [6], [1, 2, 3, 4, 5, 6]), u: tensor("f32", [6], noise) }).outputs.gx;
    expect(Array.from(gx.data)).toEqual(noise.map((n) => (n < 0.5 ? 2 : 0)));
  });

  it("seeds with ones when the loss is itself in wrt, and accumulates fan-in", () => {
    const { g, b } = setup();
    const x = g.addInput("x", { dtype: "f32", shape: [] }, "param");
    const y = b.add(b.mul(x, x), b.mul(x, b.k(3))); // y = x² + 3x, dy/dx = 2x + 3
    const grads = differentiate(g, y, [x, y]);
    g.addOutput("gx", grads.get(x) as number);
    g.addOutput("gy", grads.get(y) as number);
    const out = interpret(g, { x: tensor("f32", [], [2]) }).outputs;
    expect(out.gx.data[0]).toBe(7);
    expect(out.gy.data[0]).toBe(1);
  });
});

describe("composite gradient checks", () => {
  it("2-layer MLP with softmax cross-entropy over a symbolic batch", () => {
    const r = gradCheck({
      name: "mlp",
      env: { B: 4 },
      inputs: [
        { name: "x", shape: ["B", 5], wrt: false },
        { name: "y", shape: ["B", 3], wrt: false, gen: "pos" },
        { name: "w1", shape: [5, 6] }, { name: "b1", shape: [6] },
        { name: "w2", shape: [6, 3] }, { name: "b2", shape: [3] },
      ],
      build: (b, [x, y, w1, b1, w2, b2]) => {
        const h = b.op("Relu", [b.add(b.matmul(x, w1), b1)]);
        const logits = b.add(b.matmul(h, w2), b2);
        const target = b.op("Softmax", [y], { axis: 1 }); // soft labels
        return b.neg(b.mean(b.sum(b.mul(target, b.op("LogSoftmax", [logits], { axis: 1 })), [1]), [0]));
      },
    }, 3);
    expect(r.problems).toEqual([]);
    expect(r.maxRelErr, r.worst).toBeLessThan(1e-5);
  });

  it("attention-like block: softmax(Q Kᵀ / √d) V with shared projections and batch broadcasting", () => {
    const r = gradCheck({
      name: "attention",
      inputs: [
        { name: "q", shape: [2, 3, 4] }, { name: "kv", shape: [2, 5, 4] },
        { name: "wq", shape: [4, 4] }, { name: "wk", shape: [4, 4] }, { name: "wv", shape: [1, 4, 2] },
      ],
      build: (b, [q, kv, wq, wk, wv]) => {
        const qp = b.matmul(q, wq), kp = b.matmul(kv, wk), vp = b.matmul(kv, wv);
        const scores = b.div(b.matmul(qp, b.swapLast(kp)), b.k(2));
        const att = b.op("Softmax", [scores], { axis: -1 });
        const o = b.matmul(att, vp);
        return b.op("Tanh", [b.concat([o, b.slice(qp, 2, 1, 3)], 2)]);
      },
    }, 5);
    expect(r.problems).toEqual([]);
    expect(r.maxRelErr, r.worst).toBeLessThan(1e-5);
  });

  it("l2-normalised embedding bag (Gather, ReduceMean, Sqrt, Max) as in the towers", () => {
    const r = gradCheck({
      name: "tower",
      env: { B: 3 },
      inputs: [
        { name: "emb", shape: [6, 4] },
        { name: "ids", shape: ["B", 3], dtype: "i32", gen: { int: 6 } },
      ],
      build: (b, [emb, ids]) => {
        const v = b.mean(b.op("Gather", [emb, ids]), [1]);
        const norm = b.sqrt(b.sum(b.mul(v, v), [1], true));
        return b.div(v, b.max(norm, b.k(1e-12)));
      },
    }, 7);
    expect(r.problems).toEqual([]);
    expect(r.maxRelErr, r.worst).toBeLessThan(1e-5);
  });
});
