// Loss heads against values computed by hand (plain loops), plus finite-difference checks of their gradients.
import { describe, expect, it } from "vitest";
import { Graph, interpret, tensor, type Dim, type Tensor, type ValueId } from "../../src/ir/index.js";
import { inBatchBPR, inBatchSoftmax, listwiseCE, pairwiseBPR, pointwiseBCE } from "../../src/passes/loss/index.js";
import { gradCheck } from "./gradcheck.js";

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const mean = (xs: number[]) => xs.reduce((a, c) => a + c, 0) / xs.length;
const dot = (a: number[], c: number[]) => a.reduce((s, x, i) => s + x * c[i], 0);
const lse = (xs: number[]) => {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};

/** Build a graph with the given inputs, apply a head, run it, and check every added node has role "loss". */
function run(inputs: Record<string, { shape: Dim[]; value: Tensor }>, head: (g: Graph, v: Record<string, ValueId>) => ValueId): number {
  const g = new Graph();
  const v: Record<string, ValueId> = {};
  for (const [name, spec] of Object.entries(inputs)) v[name] = g.addInput(name, { dtype: spec.value.dtype, shape: spec.shape }, "data");
  const loss = head(g, v);
  expect(g.type(loss).shape).toEqual([]);
  expect(g.nodes.every((n) => n.origin.role === "loss")).toBe(true);
  g.addOutput("loss", loss);
  const feeds = Object.fromEntries(Object.entries(inputs).map(([k, s]) => [k, s.value]));
  return interpret(g, feeds).outputs.loss.data[0];
}

const f32 = (shape: number[], data: number[]) => tensor("f32", shape, data);

describe("pointwiseBCE", () => {
  const x = [2, -1, 0.5, 100, -100], y = [1, 0, 1, 0, 0];
  const expected = mean(x.map((xi, i) => -(y[i] * Math.log(1 / (1 + Math.exp(-xi))) + (1 - y[i]) * Math.log(1 - 1 / (1 + Math.exp(-xi))))).slice(0, 3).concat([100, 0]));
  it("matches −[y ln σ(x) + (1−y) ln(1−σ(x))] and stays finite for large logits", () => {
    const got = run({ x: { shape: ["B"], value: f32([5], x) }, y: { shape: ["B"], value: f32([5], y) } }, (g, v) => pointwiseBCE(g, v.x, v.y));
    expect(got).toBeCloseTo(expected, 12);
  });
  it("accepts (B,1) logits against (B) labels", () => {
    const got = run({ x: { shape: ["B", 1], value: f32([5, 1], x) }, y: { shape: ["B"], value: f32([5], y) } }, (g, v) => pointwiseBCE(g, v.x, v.y));
    expect(got).toBeCloseTo(expected, 12);
  });
});

describe("pairwiseBPR", () => {
  it("averages softplus(neg − pos) over all B·k pairs", () => {
    const pos = [1, 0], neg = [[0.5, 2], [-1, 0]];
    const expected = mean([softplus(0.5 - 1), softplus(2 - 1), softplus(-1 - 0), softplus(0)]);
    const got = run({ p: { shape: ["B", 1], value: f32([2, 1], pos) }, n: { shape: ["B", 2], value: f32([2, 2], neg.flat()) } },
      (g, v) => pairwiseBPR(g, v.p, v.n));
    expect(got).toBeCloseTo(expected, 12);
    const got1 = run({ p: { shape: ["B"], value: f32([2], pos) }, n: { shape: ["B", 2], value: f32([2, 2], neg.flat()) } },
      (g, v) => pairwiseBPR(g, v.p, v.n));
    expect(got1).toBeCloseTo(expected, 12);
  });
  it("is finite where log(sigmoid) would overflow", () => {
    const got = run({ p: { shape: ["B"], value: f32([1], [-150]) }, n: { shape: ["B"], value: f32([1], [150]) } },
      (g, v) => pairwiseBPR(g, v.p, v.n));
    expect(got).toBeCloseTo(300, 9);
  });
});

describe("listwiseCE", () => {
  const logits = [[2, 1, 0], [0.5, 3, -1]];
  it("is the mean of −log_softmax[:, 0] (optionally with a temperature)", () => {
    const expected = mean(logits.map((r) => lse(r) - r[0]));
    const got = run({ l: { shape: ["B", 3], value: f32([2, 3], logits.flat()) } }, (g, v) => listwiseCE(g, v.l));
    expect(got).toBeCloseTo(expected, 12);
    const t = 0.5;
    const expectedT = mean(logits.map((r) => lse(r.map((z) => z / t)) - r[0] / t));
    const gotT = run({ l: { shape: ["B", 3], value: f32([2, 3], logits.flat()) } }, (g, v) => listwiseCE(g, v.l, "first", { temperature: t }));
    expect(gotT).toBeCloseTo(expectedT, 12);
  });
  it("takes class ids as the target", () => {
    const ids = [2, 1];
    const expected = mean(logits.map((r, i) => lse(r) - r[ids[i]]));
    const got = run({ l: { shape: ["B", 3], value: f32([2, 3], logits.flat()) }, t: { shape: ["B"], value: tensor("i32", [2], ids) } },
      (g, v) => listwiseCE(g, v.l, v.t));
    expect(got).toBeCloseTo(expected, 12);
  });
});

describe("in-batch heads", () => {
  const U = [[1, 0.5], [-0.5, 2], [0.3, -1]], V = [[0.2, 1], [1, -1], [0.7, 0.4]], lq = [-1, -2, -0.5];
  const T = 0.5;
  const S = (inside: boolean) => U.map((u) => V.map((v, j) => (inside ? (dot(u, v) - lq[j]) / T : dot(u, v) / T - lq[j])));
  const inputs = () => ({
    u: { shape: ["B", 2] as Dim[], value: f32([3, 2], U.flat()) },
    v: { shape: ["B", 2] as Dim[], value: f32([3, 2], V.flat()) },
    q: { shape: ["B"] as Dim[], value: f32([3], lq) },
  });

  it("inBatchSoftmax is cross-entropy against the diagonal, with logQ correction", () => {
    for (const inside of [false, true]) {
      const s = S(inside);
      const expected = mean(s.map((r, i) => lse(r) - r[i]));
      const got = run(inputs(), (g, v) => inBatchSoftmax(g, v.u, v.v, { temperature: T, logq: v.q, logqInsideTemperature: inside }));
      expect(got).toBeCloseTo(expected, 12);
    }
    const plain = U.map((u) => V.map((v) => dot(u, v)));
    const got = run(inputs(), (g, v) => inBatchSoftmax(g, v.u, v.v));
    expect(got).toBeCloseTo(mean(plain.map((r, i) => lse(r) - r[i])), 12);
  });

  it("inBatchBPR averages over the B·(B−1) off-diagonal pairs", () => {
    const s = S(false);
    const pairs: number[] = [];
    s.forEach((r, i) => r.forEach((x, j) => j !== i && pairs.push(softplus(x - r[i]))));
    const got = run(inputs(), (g, v) => inBatchBPR(g, v.u, v.v, { temperature: T, logq: v.q }));
    expect(got).toBeCloseTo(mean(pairs), 12);
  });
});

describe("loss head gradients (finite differences)", () => {
  const cases: [string, Parameters<typeof gradCheck>[0]][] = [
    ["pointwiseBCE", {
      name: "bce", env: { B: 4 },
      inputs: [{ name: "x", shape: ["B", 1] }, { name: "y", shape: ["B"], wrt: false }],
      build: (b, [x, y]) => pointwiseBCE(b.g, x, y),
    }],
    ["pairwiseBPR", {
      name: "bpr", env: { B: 3 },
      inputs: [{ name: "p", shape: ["B"] }, { name: "n", shape: ["B", 4] }],
      build: (b, [p, n]) => pairwiseBPR(b.g, p, n),
    }],
    ["listwiseCE", {
      name: "ce", env: { B: 3 },
      inputs: [{ name: "l", shape: ["B", 4] }],
      build: (b, [l]) => listwiseCE(b.g, l, "first", { temperature: 0.3 }),
    }],
    ["inBatchSoftmax", {
      name: "ibs", env: { B: 4 },
      inputs: [{ name: "u", shape: ["B", 3] }, { name: "v", shape: ["B", 3] }, { name: "q", shape: ["B"] }],
      build: (b, [u, v, q]) => inBatchSoftmax(b.g, u, v, { temperature: 0.2, logq: q }),
    }],
    ["inBatchBPR", {
      name: "ibb", env: { B: 4 },
      inputs: [{ name: "u", shape: ["B", 3] }, { name: "v", shape: ["B", 3] }],
      build: (b, [u, v]) => inBatchBPR(b.g, u, v, { temperature: 0.5 }),
    }],
  ];
  it.each(cases)("%s", (_, c) => {
    const r = gradCheck(c, 11);
    expect(r.problems).toEqual([]);
    expect(r.maxRelErr, r.worst).toBeLessThan(1e-5);
  });
});
