// Values of the evaluator. Compile-time values (numbers, strings, bools, lists, symbolic dims, feature
// references, initialisers) fold; tensors are IR values in the graph being built. `poison` stands for the
// result of an expression that already produced a diagnostic: anything computed from it is poison too, so
// one mistake yields one diagnostic and evaluation can go on to find the next one.
import type { InitSpec, ValueId } from "../../ir/graph.js";
import { formatType, type Dim, type TensorType } from "../../ir/types.js";

export type Value =
  | { kind: "num"; value: number }
  | { kind: "str"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "list"; items: Value[] }
  | { kind: "sym"; value: string }
  | { kind: "tensor"; id: ValueId }
  | { kind: "feature"; name: string }
  | { kind: "init"; spec: InitSpec }
  | { kind: "none" }
  | { kind: "poison" };

export type Kind = Value["kind"];

export const num = (value: number): Value => ({ kind: "num", value });
export const str = (value: string): Value => ({ kind: "str", value });
export const bool = (value: boolean): Value => ({ kind: "bool", value });
export const list = (items: Value[]): Value => ({ kind: "list", items });
export const tensorValue = (id: ValueId): Value => ({ kind: "tensor", id });
export const NONE: Value = { kind: "none" };
export const POISON: Value = { kind: "poison" };

/** A dimension as a value: a number when static, a symbol such as "B" or "3*B" otherwise. */
export function dimValue(d: Dim): Value {
  return typeof d === "number" ? num(d) : { kind: "sym", value: d };
}

/** Words for messages: "a tensor f32[B, 16]", "a string", "a list of 3 values". */
export function describe(v: Value, typeOf?: (id: ValueId) => TensorType): string {
  switch (v.kind) {
    case "num": return `the number ${formatNumber(v.value)}`;
    case "str": return `the string "${v.value}"`;
    case "bool": return `the bool ${v.value}`;
    case "list": return `a list of ${v.items.length} value${v.items.length === 1 ? "" : "s"}`;
    case "sym": return `the symbolic size ${v.value}`;
    case "tensor": return typeOf ? `a tensor ${formatType(typeOf(v.id))}` : "a tensor";
    case "feature": return `the feature '${v.name}'`;
    case "init": return "an initialiser";
    case "none": return "nothing";
    case "poison": return "an erroneous value";
  }
}

export function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(x);
}

/** Text of a compile-time value as `str()` and string concatenation show it. */
export function show(v: Value): string {
  switch (v.kind) {
    case "num": return formatNumber(v.value);
    case "str": return v.value;
    case "bool": return String(v.value);
    case "sym": return v.value;
    case "list": return `[${v.items.map(show).join(", ")}]`;
    case "feature": return v.name;
    default: return `<${v.kind}>`;
  }
}

/** Deep equality on compile-time values (== and != on them). */
export function sameValue(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "num": case "str": case "bool": case "sym": return a.value === (b as typeof a).value;
    case "feature": return a.name === (b as typeof a).name;
    case "list": {
      const items = (b as typeof a).items;
      return a.items.length === items.length && a.items.every((x, i) => sameValue(x, items[i]!));
    }
    case "none": return true;
    default: return false;
  }
}

/** True when the value, or any list item inside it, is poison. */
export function isPoison(v: Value): boolean {
  return v.kind === "poison" || (v.kind === "list" && v.items.some(isPoison));
}

/** Plain JavaScript form of a compile-time value (model params in ModelInfo); undefined for tensors. */
export function toPlain(v: Value): unknown {
  switch (v.kind) {
    case "num": case "str": case "bool": case "sym": return v.value;
    case "list": return v.items.map(toPlain);
    case "feature": return v.name;
    case "none": return null;
    default: return undefined;
  }
}

/** A compile-time value from a plain JavaScript value (overrides); undefined when it has no form. */
export function fromPlain(x: unknown): Value | undefined {
  if (typeof x === "number" && Number.isFinite(x)) return num(x);
  if (typeof x === "string") return str(x);
  if (typeof x === "boolean") return bool(x);
  if (Array.isArray(x)) {
    const items = x.map(fromPlain);
    return items.every((i) => i !== undefined) ? list(items as Value[]) : undefined;
  }
  return undefined;
}

/** "a number", "a list", ... : the type name of a compile-time value, for override checks. */
export function typeName(v: Value): string {
  switch (v.kind) {
    case "num": return "a number";
    case "str": return "a string";
    case "bool": return "a bool";
    case "list": return "a list";
    default: return describe(v);
  }
}

/** Whether an override may replace a default: same kind (numbers, strings, bools, lists). */
export function sameKind(a: Value, b: Value): boolean {
  return a.kind === b.kind;
}
