// The shape of a builtin and helpers that check its arguments. A builtin is a TypeScript function for what
// .rech cannot say itself: creating graph inputs (param, buffer, noise, feature columns), compile-time facts
// (dim, range, training) and one call per core op.
import type { Span } from "../../../diag/span.js";
import type { ValueId } from "../../../ir/graph.js";
import type { Dim, DType } from "../../../ir/types.js";
import type { Env } from "../env.js";
import { fail } from "../errors.js";
import { resolveFeature, type ResolvedFeature } from "../features.js";
import { asTensor, describeIn } from "../tensors.js";
import type { Value } from "../values.js";

export interface CallSite {
  /** the callee as written */
  name: string;
  /** the whole call expression */
  span: Span;
  /** the span of argument i (its expression, or the call when the default was used) */
  arg(i: number): Span;
}

export interface BuiltinParam {
  name: string;
  /** the value used when the argument is not given; absent = required */
  default?: Value;
}

export interface Builtin {
  params: BuiltinParam[];
  /** one line for docs/language.md */
  doc: string;
  run(env: Env, args: Value[], call: CallSite): Value;
}

export function wrong(env: Env, span: Span, expected: string, v: Value): never {
  return fail("RECH3001", span, { expected, found: describeIn(env, v) });
}

export function tensorArg(env: Env, c: CallSite, args: Value[], i: number, like?: DType): ValueId {
  return asTensor(env, args[i]!, c.arg(i), like);
}

export function intArg(env: Env, c: CallSite, args: Value[], i: number, what = "an integer"): number {
  const v = args[i]!;
  if (v.kind !== "num" || !Number.isInteger(v.value)) wrong(env, c.arg(i), what, v);
  return v.value;
}

export function numArg(env: Env, c: CallSite, args: Value[], i: number): number {
  const v = args[i]!;
  if (v.kind !== "num") wrong(env, c.arg(i), "a compile-time number", v);
  return v.value;
}

export function strArg(env: Env, c: CallSite, args: Value[], i: number, choices?: readonly string[]): string {
  const v = args[i]!;
  const expected = choices ? `one of ${choices.map((x) => `"${x}"`).join(", ")}` : "a string";
  if (v.kind !== "str" || (choices && !choices.includes(v.value))) wrong(env, c.arg(i), expected, v);
  return v.value;
}

export function boolArg(env: Env, c: CallSite, args: Value[], i: number): boolean {
  const v = args[i]!;
  if (v.kind !== "bool") wrong(env, c.arg(i), "true or false", v);
  return v.value;
}

export function listArg(env: Env, c: CallSite, args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (v.kind !== "list") wrong(env, c.arg(i), "a list", v);
  return v.items;
}

/** An axis or a list of axes; `none` (the default) means every axis of a tensor of rank `rank`. */
export function axesArg(env: Env, c: CallSite, args: Value[], i: number, rank: number): number[] {
  const v = args[i]!;
  if (v.kind === "none") return Array.from({ length: rank }, (_, k) => k);
  const items = v.kind === "list" ? v.items : [v];
  return items.map((x) => {
    if (x.kind !== "num" || !Number.isInteger(x.value)) wrong(env, c.arg(i), "an axis or a list of axes (integers)", v);
    return x.value;
  });
}

/** A shape: a list of integers and symbolic sizes (`dim(x, 0)`), -1 allowed when `inferred`. */
export function shapeArg(env: Env, c: CallSite, args: Value[], i: number, opts: { inferred?: boolean; static?: boolean } = {}): Dim[] {
  const v = args[i]!;
  if (v.kind !== "list") wrong(env, c.arg(i), "a shape (a list of sizes)", v);
  return v.items.map((x) => {
    if (x.kind === "sym") {
      if (opts.static) fail("RECH4005", c.arg(i), { what: `a size in the shape of '${c.name}'`, found: x.value });
      return x.value;
    }
    if (x.kind === "num" && Number.isInteger(x.value) && (x.value >= 0 || (opts.inferred && x.value === -1))) return x.value;
    return wrong(env, c.arg(i), opts.inferred ? "a shape of sizes >= 0 (or -1 once)" : "a shape of sizes >= 0", v);
  });
}

export function featureArg(env: Env, c: CallSite, args: Value[], i: number): ResolvedFeature {
  const v = args[i]!;
  if (v.kind === "str") return resolveFeature(env.build.model, v.value, c.arg(i));
  if (v.kind !== "feature") wrong(env, c.arg(i), "a feature of the model's features set", v);
  return resolveFeature(env.build.model, v.name, c.arg(i));
}

export const DTYPES = ["f32", "i32", "bool"] as const;

export function dtypeArg(env: Env, c: CallSite, args: Value[], i: number): DType {
  return strArg(env, c, args, i, DTYPES) as DType;
}


/** Normalises a possibly negative axis; RECH3001 when out of range. */
export function axisIn(c: CallSite, i: number, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) fail("RECH3001", c.arg(i), { expected: `an axis of a rank-${rank} tensor`, found: String(axis) });
  return a;
}
