// Statements. `for` unrolls over a compile-time list, `if` picks a branch by a compile-time bool, `return`
// ends the running block or section. A user error in a statement is recorded (with the call chain) and the
// statement's targets become poison, so the rest of the block is still checked without follow-on errors.
import type { Ident, Stmt } from "../../parser/ast.js";
import { reportError, type Env } from "./env.js";
import { EvalError, fail } from "./errors.js";
import { evalExpr } from "./expr.js";
import { describeIn } from "./tensors.js";
import { isPoison, list, num, POISON, type Value } from "./values.js";

function assign(env: Env, targets: Ident[], v: Value): void {
  if (targets.length === 1) {
    env.scope.set(targets[0]!.name, v);
    return;
  }
  for (const t of targets) env.scope.set(t.name, POISON);
  if (isPoison(v)) return;
  if (v.kind !== "list") fail("RECH3012", targets[0]!.span, { expected: targets.length, found: `one value (${describeIn(env, v)})` });
  if (v.items.length !== targets.length) fail("RECH3012", targets[0]!.span, { expected: targets.length, found: `${v.items.length} values` });
  targets.forEach((t, i) => env.scope.set(t.name, v.items[i]!));
}

/** Runs one statement; returns the value of a `return` that ran, else undefined. */
function execStmt(env: Env, s: Stmt): Value | undefined {
  switch (s.kind) {
    case "Assign":
      assign(env, s.targets, evalExpr(env, s.value));
      return undefined;
    case "For": {
      const it = evalExpr(env, s.iterable);
      if (isPoison(it)) return POISON;
      if (it.kind !== "list") fail("RECH3005", s.iterable.span, { found: describeIn(env, it) });
      for (let i = 0; i < it.items.length; i++) {
        env.scope.set(s.variable.name, it.items[i]!);
        if (s.index) env.scope.set(s.index.name, num(i));
        const r = execBody(env, s.body);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    case "If": {
      const c = evalExpr(env, s.cond);
      if (isPoison(c)) return POISON;
      if (c.kind !== "bool") fail("RECH3006", s.cond.span, { found: describeIn(env, c) });
      return c.value ? execBody(env, s.then) : s.otherwise ? execBody(env, s.otherwise) : undefined;
    }
    case "Return": {
      const values = s.values.map((v) => evalExpr(env, v));
      return values.length === 1 ? values[0]! : list(values);
    }
  }
}

export function execBody(env: Env, body: readonly Stmt[]): Value | undefined {
  for (const s of body) {
    let r: Value | undefined;
    try {
      r = execStmt(env, s);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      reportError(env, e);
      if (s.kind === "Assign") {
        for (const t of s.targets) env.scope.set(t.name, POISON);
        continue;
      }
      return POISON;
    }
    if (r !== undefined) return r;
  }
  return undefined;
}
