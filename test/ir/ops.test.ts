// Table-driven tests of every core op: (a) the shape rule, (b) onnxruntime on the emitted one-op graph
// against the reference interpreter (max abs diff <= 1e-5 for floats, exact for ints and bools).
import { describe, expect, it } from "vitest";
import { interpret } from "../../src/ir/interp.js";
import { inferOp, OPS, type OpKind } from "../../src/ir/ops.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { compileAndRun } from "../../src/runtime/compile-run.js";
import { CASES, oneOpGraph, RUNNABLE } from "./one-op.js";

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
