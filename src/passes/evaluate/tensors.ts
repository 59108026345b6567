// Turning values into IR tensors: constants for compile-time numbers and lists, raw columns for features.
import type { Span } from "../../diag/span.js";
import type { ValueId } from "../../ir/graph.js";
import { tensor } from "../../ir/tensor.js";
import type { DType } from "../../ir/types.js";
import { featureValues } from "./columns.js";
import { emit, type Env } from "./env.js";
import { fail } from "./errors.js";
import { resolveFeature } from "./features.js";
import { describe, type Value } from "./values.js";

export function typeOf(env: Env, id: ValueId) {
  return env.build.graph.type(id);
}

export function describeIn(env: Env, v: Value): string {
  return describe(v, (id) => typeOf(env, id));
}

export function scalarConst(env: Env, at: Span, x: number, dtype: DType = "f32"): ValueId {
  return emit(env, at, "Constant", [], { value: tensor(dtype, [], [x]) });
}

/** A tensor for v: tensors as they are, features as their raw column, numbers and bools as scalar constants
 *  (`like` picks the element type of a number: i32 next to an i32 tensor when the number is an integer). */
export function asTensor(env: Env, v: Value, at: Span, like?: DType): ValueId {
  switch (v.kind) {
    case "tensor": return v.id;
    case "feature": return featureValues(env, resolveFeature(env.build.model, v.name, at), at).ids;
    case "num": {
      if (like === "i32" && !Number.isInteger(v.value)) {
        fail("RECH3001", at, { expected: "an integer next to an i32 tensor", found: describe(v) });
      }
      return scalarConst(env, at, v.value, like === "i32" ? "i32" : "f32");
    }
    case "bool": return scalarConst(env, at, v.value ? 1 : 0, "bool");
    default: return fail("RECH3001", at, { expected: "a tensor", found: describeIn(env, v) });
  }
}

export function isTensorLike(v: Value): boolean {
  return v.kind === "tensor" || v.kind === "feature";
}

/** Flattens a nested list of numbers or bools into data and shape (the const([..]) builtin). Integers give
 *  i32 unless `dtype` says otherwise; any non-integer gives f32; bools give bool. */
export function listToTensorData(v: Value, at: Span, dtype?: DType): { shape: number[]; data: number[]; dtype: DType } {
  const shape: number[] = [];
  const leaves: Value[] = [];
  const walk = (x: Value, depth: number): void => {
    if (x.kind === "list") {
      if (shape.length === depth) shape.push(x.items.length);
      else if (shape[depth] !== x.items.length) fail("RECH3001", at, { expected: "a rectangular nested list", found: "rows of different lengths" });
      x.items.forEach((i) => walk(i, depth + 1));
      return;
    }
    if (depth !== shape.length) fail("RECH3001", at, { expected: "a rectangular nested list", found: "rows of different depths" });
    leaves.push(x);
  };
  walk(v, 0);
  const nums = leaves.every((x) => x.kind === "num");
  const bools = leaves.every((x) => x.kind === "bool");
  if (!nums && !bools) {
    const bad = leaves.find((x) => x.kind !== "num" && x.kind !== "bool");
    fail("RECH3001", at, { expected: "a list of numbers or of bools", found: bad ? describe(bad) : "a mix of numbers and bools" });
  }
  const data = leaves.map((x) => (x.kind === "num" ? x.value : x.kind === "bool" && x.value ? 1 : 0));
  const natural: DType = bools ? "bool" : data.every(Number.isInteger) ? "i32" : "f32";
  const out = dtype ?? natural;
  if (out === "i32" && !data.every(Number.isInteger)) fail("RECH3001", at, { expected: "integers for an i32 constant", found: "a fraction" });
  return { shape, data, dtype: out };
}
