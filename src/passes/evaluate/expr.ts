// Expressions. Compile-time values fold; anything touching a tensor adds IR nodes whose origin is the
// expression's .rech location and the block call path.
import type { Span } from "../../diag/span.js";
import type { Expr } from "../../parser/ast.js";
import { evalBinary, evalUnary } from "./binary.js";
import { evalCall, isCallable } from "./call.js";
import type { Env } from "./env.js";
import { fail } from "./errors.js";
import { hasFeature } from "./features.js";
import { bool, describe, isPoison, list, num, POISON, str, type Value } from "./values.js";

/** Runs fn with the graph's origin set to span and the env's scope path. */
export function atOrigin<T>(env: Env, span: Span, fn: () => T): T {
  const scope = `${env.build.model.name}.${env.path.join("/")}`;
  return env.build.graph.withOrigin({ loc: { file: span.file, line: span.line, col: span.col }, scope, role: "forward" }, fn);
}

/** Names every section and block sees: compile-time facts about the graph being built. */
function globalName(env: Env, name: string): Value | undefined {
  if (name === "training") return bool(env.build.training);
  return undefined;
}

export function lookupName(env: Env, name: string, span: Span): Value {
  const local = env.scope.get(name);
  if (local) return local;
  if (env.inModel) {
    const model = env.build.model;
    const p = model.params.get(name);
    if (p) return p;
    if (hasFeature(model, name)) return { kind: "feature", name };
  }
  const g = globalName(env, name);
  if (g) return g;
  if (isCallable(env, name)) fail("RECH3016", span, { name, kind: "function" });
  return fail("RECH2003", span, { name });
}

export function evalExpr(env: Env, e: Expr): Value {
  switch (e.kind) {
    case "Int":
    case "Float":
      return num(e.value);
    case "Str":
      return str(e.value);
    case "Bool":
      return bool(e.value);
    case "Name":
      return lookupName(env, e.name, e.span);
    case "List":
      return list(e.items.map((x) => evalExpr(env, x)));
    case "Call":
      return atOrigin(env, e.span, () => evalCall(env, e));
    case "Index":
      return evalIndex(env, e.target, e.index, e.span);
    case "Binary":
      return atOrigin(env, e.span, () => evalBinary(env, e));
    case "Unary":
      return atOrigin(env, e.span, () => evalUnary(env, e));
    case "Error":
      return POISON;
  }
}

function evalIndex(env: Env, targetExpr: Expr, indexExpr: Expr, span: Span): Value {
  const target = evalExpr(env, targetExpr);
  const index = evalExpr(env, indexExpr);
  if (isPoison(target) || isPoison(index)) return POISON;
  if (target.kind !== "list") {
    fail("RECH3001", targetExpr.span, { expected: "a compile-time list to index (use slice() or gather() on tensors)", found: describe(target) });
  }
  if (index.kind !== "num" || !Number.isInteger(index.value)) {
    fail("RECH3001", indexExpr.span, { expected: "an integer index", found: describe(index) });
  }
  const n = target.items.length;
  const i = index.value < 0 ? index.value + n : index.value;
  if (i < 0 || i >= n) fail("RECH3010", span, { index: index.value, length: n });
  return target.items[i]!;
}
