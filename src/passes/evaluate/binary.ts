// Infix and prefix operators. On compile-time values they fold (numbers, strings, lists, symbolic sizes);
// with a tensor on either side they become core ops, numbers turning into scalar constants.
import type { Span } from "../../diag/span.js";
import type { ValueId } from "../../ir/graph.js";
import type { OpKind } from "../../ir/ops.js";
import { dimDiv, dimMul } from "../../ir/types.js";
import type { BinaryExpr, BinaryOp, UnaryExpr } from "../../parser/ast.js";
import { emit, type Env } from "./env.js";
import { fail } from "./errors.js";
import { evalExpr } from "./expr.js";
import { asTensor, describeIn, isTensorLike, typeOf } from "./tensors.js";
import { bool, dimValue, isPoison, list, num, POISON, sameValue, show, str, tensorValue, type Value } from "./values.js";

function cannot(env: Env, op: string, a: Value, b: Value, span: Span): never {
  return fail("RECH3009", span, { op, left: describeIn(env, a), right: describeIn(env, b) });
}

function foldNumbers(op: BinaryOp, x: number, y: number, span: Span): Value | undefined {
  switch (op) {
    case "+": return num(x + y);
    case "-": return num(x - y);
    case "*": return num(x * y);
    case "/":
      if (y === 0) fail("RECH3014", span, {});
      return num(x / y);
    case "<": return bool(x < y);
    case "<=": return bool(x <= y);
    case ">": return bool(x > y);
    case ">=": return bool(x >= y);
    default: return undefined;
  }
}

function foldConst(env: Env, op: BinaryOp, a: Value, b: Value, span: Span): Value {
  if (op === "==") return bool(sameValue(a, b));
  if (op === "!=") return bool(!sameValue(a, b));
  if (a.kind === "num" && b.kind === "num") {
    const r = foldNumbers(op, a.value, b.value, span);
    if (r) return r;
  }
  if (op === "+" && (a.kind === "str" || b.kind === "str")) {
    const ok = (v: Value) => v.kind === "str" || v.kind === "num" || v.kind === "bool" || v.kind === "sym";
    if (ok(a) && ok(b)) return str(show(a) + show(b));
  }
  if (op === "+" && a.kind === "list" && b.kind === "list") return list([...a.items, ...b.items]);
  if (a.kind === "str" && b.kind === "str" && (op === "<" || op === ">" || op === "<=" || op === ">=")) {
    const c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return bool(op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0);
  }
  const isDim = (v: Value) => v.kind === "sym" || (v.kind === "num" && Number.isInteger(v.value));
  if ((a.kind === "sym" || b.kind === "sym") && isDim(a) && isDim(b)) {
    const da = a.kind === "sym" || a.kind === "num" ? a.value : 0;
    const db = b.kind === "sym" || b.kind === "num" ? b.value : 0;
    if (op === "*") return dimValue(dimMul(da, db));
    if (op === "/") {
      const q = dimDiv(da, db);
      if (q !== undefined) return dimValue(q);
    }
  }
  if (op === "and" || op === "or") {
    if (a.kind === "bool" && b.kind === "bool") return bool(op === "and" ? a.value && b.value : a.value || b.value);
  }
  return cannot(env, op, a, b, span);
}

const TENSOR_OPS: Partial<Record<BinaryOp, OpKind>> = {
  "+": "Add", "-": "Sub", "*": "Mul", "/": "Div", "@": "MatMul",
  "==": "Equal", "<": "Less", ">": "Greater", "and": "And", "or": "Or",
};

/** Both operands as tensors of one element type; a number next to a tensor takes the tensor's type. */
export function tensorPair(env: Env, op: string, a: Value, b: Value, span: Span): [ValueId, ValueId] {
  const like = isTensorLike(a) ? typeOf(env, asTensor(env, a, span)).dtype : typeOf(env, asTensor(env, b, span)).dtype;
  const x = asTensor(env, a, span, like);
  const y = asTensor(env, b, span, like);
  if (typeOf(env, x).dtype !== typeOf(env, y).dtype) cannot(env, op, tensorValue(x), tensorValue(y), span);
  return [x, y];
}

function tensorBinary(env: Env, op: BinaryOp, a: Value, b: Value, span: Span): Value {
  const [x, y] = tensorPair(env, op, a, b, span);
  const node = (k: OpKind, ins: ValueId[]): ValueId => emit(env, span, k as "Add", ins);
  switch (op) {
    case "!=": return tensorValue(node("Not", [node("Equal", [x, y])]));
    case "<=": return tensorValue(node("Not", [node("Greater", [x, y])]));
    case ">=": return tensorValue(node("Not", [node("Less", [x, y])]));
    default: {
      const k = TENSOR_OPS[op];
      if (!k) return cannot(env, op, a, b, span);
      return tensorValue(node(k, [x, y]));
    }
  }
}

export function evalBinary(env: Env, e: BinaryExpr): Value {
  const a = evalExpr(env, e.left);
  if (isPoison(a)) return POISON;
  // compile-time `and` / `or` short-circuit, so `x != none and f(x)` is safe
  if (a.kind === "bool" && (e.op === "and" || e.op === "or")) {
    if (e.op === "and" && !a.value) return a;
    if (e.op === "or" && a.value) return a;
  }
  const b = evalExpr(env, e.right);
  if (isPoison(b)) return POISON;
  if (isTensorLike(a) || isTensorLike(b)) {
    // a tensor compared with a list, string or initialiser (e.g. an optional argument left at its default
    // `[]`) is never equal to it; only numbers and bools compare elementwise
    const other = isTensorLike(a) ? b : a;
    const structural = other.kind === "list" || other.kind === "str" || other.kind === "init" || other.kind === "none";
    if (structural && (e.op === "==" || e.op === "!=")) return bool(e.op === "!=");
    return tensorBinary(env, e.op, a, b, e.span);
  }
  return foldConst(env, e.op, a, b, e.span);
}

export function evalUnary(env: Env, e: UnaryExpr): Value {
  const v = evalExpr(env, e.operand);
  if (isPoison(v)) return POISON;
  if (e.op === "-") {
    if (v.kind === "num") return num(-v.value);
    if (isTensorLike(v)) return tensorValue(emit(env, e.span, "Neg", [asTensor(env, v, e.span)]));
  } else {
    if (v.kind === "bool") return bool(!v.value);
    if (isTensorLike(v)) return tensorValue(emit(env, e.span, "Not", [asTensor(env, v, e.span)]));
  }
  const expected = e.op === "-" ? "a number or a tensor after '-'" : "a bool or a bool tensor after 'not'";
  return fail("RECH3001", e.operand.span, { expected, found: describeIn(env, v) });
}
