// onnxruntime against the interpreter for the emitted backward graphs: every case of the gradient table,
// simplified (which must not change a result) and run through codegen + onnxruntime in float32.
import { describe, expect, it } from "vitest";
import { interpret, type Tensor } from "../../src/ir/index.js";
import { simplify } from "../../src/passes/simplify/index.js";
import { compileAndRun } from "../../src/runtime/index.js";
import { gradGraph } from "./gradcheck.js";
import { OP_GRAD_CASES } from "./op-grad-cases.js";

function toF32(feeds: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, t.dtype === "f32" ? { ...t, data: Float32Array.from(t.data) } : t]));
}

describe("backward graphs: simplify keeps results, onnxruntime matches the interpreter", () => {
  it.each(OP_GRAD_CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const { graph, feeds } = gradGraph(c, 2);
    const f32 = toF32(feeds);
    const ref = interpret(graph, f32).outputs;
    const simple = simplify(graph).graph;
    expect(simple.nodes.length).toBeLessThanOrEqual(graph.nodes.length);
    const simplified = interpret(simple, f32).outputs;
    const ort = await compileAndRun(simple, f32);
    for (const name of Object.keys(ref)) {
      const want = ref[name].data;
      expect(Array.from(simplified[name].data)).toEqual(Array.from(want));
      expect(ort[name].shape).toEqual(ref[name].shape);
      const err = Array.from(want).reduce((m, w, i) => Math.max(m, Math.abs(ort[name].data[i] - w) / Math.max(1, Math.abs(w))), 0);
      expect(err, `${name}`).toBeLessThan(1e-5);
    }
  });
});
