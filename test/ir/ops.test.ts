// Table-driven tests of every core op: (a) the shape rule, (b) onnxruntime on the emitted one-op graph
// against the reference interpreter (max abs diff <= 1e-5 for floats, exact for ints and bools).
import { describe, expect, it } from "vitest";
import { Graph } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interp.js";
import { inferOp, OPS, type OpKind } from "../../src/ir/ops.js";
import { size, type Tensor } from "../../src/ir/tensor.js";
import { bindShape, type Dim, type TensorType } from "../../src/ir/types.js";
import { compileAndRun } from "../../src/runtime/compile-run.js";
import { BINDINGS, OP_CASES_A, type InputSpec, type OpCase } from "./op-cases.js";
import { OP_CASES_B } from "./op-cases-shape.js";

const CASES: OpCase[] = [...OP_CASES_A, ...OP_CASES_B];
const RUNNABLE = CASES.filter((c) => typeof c.expect !== "string");

/** Small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function makeTensor(spec: InputSpec, next: () => number): Tensor {
  const shape = bindShape(spec.shape, BINDINGS);
  const n = size(shape);
  if (spec.data) {
    if (spec.data.length !== n) throw new Error(`fixture has ${spec.data.length} values, shape ${shape} needs ${n}`);
  }
  const values = spec.data ?? Array.from({ length: n }, () => {
    const u = next();
    if (spec.dtype === "bool") return u < 0.5 ? 1 : 0;
    if (spec.dtype === "i32") return Math.floor((spec.lo ?? -5) + u * ((spec.hi ?? 5) - (spec.lo ?? -5) + 1));
    return Math.fround((spec.lo ?? -2) + u * ((spec.hi ?? 2) - (spec.lo ?? -2)));
  });
  const data = spec.dtype === "f32" ? Float32Array.from(values) : spec.dtype === "i32" ? Int32Array.from(values) : Uint8Array.from(values);
  return { dtype: spec.dtype, shape, data };
}

const symbolsOf = (shapes: Dim[][]): Set<string> =>
  new Set(shapes.flat().flatMap((d) => (typeof d === "string" ? d.split("*").filter((p) => !/^\d+$/.test(p)) : [])));

/** A one-op graph; when the result mentions symbols no input has, an unused input carries them. */
function oneOpGraph(c: OpCase): { g: Graph; feeds: Record<string, Tensor> } {
  const g = new Graph();
  const next = rng(CASES.indexOf(c) + 1);
  const feeds: Record<string, Tensor> = {};
  const ins = c.inputs.map((spec, k) => {
    feeds[`x${k}`] = makeTensor(spec, next);
    return g.addInput(`x${k}`, { dtype: spec.dtype, shape: spec.shape }, "data");
  });
  const have = symbolsOf(c.inputs.map((s) => s.shape));
  const need = [...symbolsOf((c.expect as TensorType[]).map((t) => t.shape))].filter((s) => !have.has(s));
  if (need.length) {
    const carrier: InputSpec = { dtype: "f32", shape: need };
    feeds.dims = makeTensor(carrier, next);
    g.addInput("dims", carrier, "data");
  }
  const outs = g.addMulti(c.op, ins, c.attrs as never);
  outs.forEach((v, k) => g.addOutput(`y${k}`, v));
  return { g, feeds };
}

function maxAbsDiff(a: Tensor, b: Tensor): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

describe("core op shape rules", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const res = inferOp(c.op, c.inputs.map((s) => ({ dtype: s.dtype, shape: s.shape })), c.attrs as never);
    if (typeof c.expect === "string") {
      expect("error" in res ? res.error : "no error").toContain(c.expect);
    } else {
      expect(res).toEqual({ types: c.expect });
    }
  });

  it("wrong arity is an error", () => {
    expect(inferOp("Add", [{ dtype: "f32", shape: [2] }], {})).toEqual({ error: "Add takes 2 inputs, got 1" });
  });
});

describe("onnxruntime agrees with the interpreter", () => {
  it("every core op has a runtime case and an entry in the table", () => {
    const covered = new Set(RUNNABLE.map((c) => c.op));
    expect((Object.keys(OPS) as OpKind[]).filter((op) => !covered.has(op))).toEqual([]);
  });

  it.each(RUNNABLE.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const { g, feeds } = oneOpGraph(c);
    const want = interpret(g, feeds).outputs;
    const got = await compileAndRun(g, feeds);
    for (const name of Object.keys(want)) {
      const w = want[name], r = got[name];
      expect(r.dtype, name).toBe(w.dtype);
      expect(r.shape, name).toEqual(w.shape);
      if (w.dtype === "f32") expect(maxAbsDiff(w, r), name).toBeLessThanOrEqual(1e-5);
      else expect(Array.from(r.data), name).toEqual(Array.from(w.data));
    }
  });
});
