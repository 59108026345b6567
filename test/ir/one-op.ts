// One-op graphs with deterministic data for each runnable case of the core-op table.
import { Graph } from "../../src/ir/graph.js";
import { size, type Tensor } from "../../src/ir/tensor.js";
import { bindShape, type Dim, type TensorType } from "../../src/ir/types.js";
import { BINDINGS, OP_CASES_A, type InputSpec, type OpCase } from "./op-cases.js";
import { OP_CASES_B } from "./op-cases-shape.js";
import { rng } from "../helpers/rng.js";

export const CASES: OpCase[] = [...OP_CASES_A, ...OP_CASES_B];
export const RUNNABLE = CASES.filter((c) => typeof c.expect !== "string");

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
export function oneOpGraph(c: OpCase): { g: Graph; feeds: Record<string, Tensor> } {
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

