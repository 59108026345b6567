// Calls: arguments are bound to parameters by position, then by keyword; blocks (user or prelude) come
// before builtins. A block call runs the block's body in a fresh scope and adds one segment to the
// parameter scope path: the value of the block's `name` parameter when it declares one, else its name.
import type { Span } from "../../diag/span.js";
import type { BlockDecl, CallExpr } from "../../parser/ast.js";
import { BUILTINS } from "./builtins/index.js";
import type { CallSite } from "./builtins/types.js";
import type { Env } from "./env.js";
import { fail } from "./errors.js";
import { evalExpr } from "./expr.js";
import { PRELUDE_FILE } from "./program.js";
import { execBody } from "./stmt.js";
import { isPoison, NONE, POISON, type Value } from "./values.js";

/** Deepest chain of nested block calls before the evaluator assumes runaway recursion. */
export const MAX_CALL_DEPTH = 64;

export function isCallable(env: Env, name: string): boolean {
  return env.build.model.program.blocks.has(name) || Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

/** The block a call written in `file` reaches: prelude code sees only the prelude's blocks. */
function blockFor(env: Env, name: string, file: string): BlockDecl | undefined {
  const p = env.build.model.program;
  return file === PRELUDE_FILE ? p.preludeBlocks.get(name) : p.blocks.get(name);
}

interface Bound {
  values: (Value | undefined)[];
  spans: (Span | undefined)[];
}

function bindArgs(e: CallExpr, params: string[], positional: Value[], keywords: Value[]): Bound {
  const callee = e.callee.name;
  if (positional.length > params.length) {
    fail("RECH3002", e.args[params.length]!.span, { callee, expected: params.length, found: positional.length });
  }
  const values: (Value | undefined)[] = new Array(params.length).fill(undefined);
  const spans: (Span | undefined)[] = new Array(params.length).fill(undefined);
  positional.forEach((v, i) => {
    values[i] = v;
    spans[i] = e.args[i]!.span;
  });
  e.kwargs.forEach((k, j) => {
    const i = params.indexOf(k.key.name);
    if (i < 0) fail("RECH3003", k.key.span, { callee, name: k.key.name });
    if (values[i] !== undefined) fail("RECH3015", k.key.span, { callee, name: k.key.name });
    values[i] = keywords[j];
    spans[i] = k.value.span;
  });
  return { values, spans };
}

export function evalCall(env: Env, e: CallExpr): Value {
  const name = e.callee.name;
  const block = blockFor(env, name, e.span.file);
  const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
  if (!block && !builtin) fail("RECH2004", e.callee.span, { name });
  const positional = e.args.map((a) => evalExpr(env, a));
  const keywords = e.kwargs.map((k) => evalExpr(env, k.value));
  if (positional.some(isPoison) || keywords.some(isPoison)) return POISON;
  if (block) {
    const bound = bindArgs(e, block.params.map((p) => p.name.name), positional, keywords);
    return callBlock(env, block, e.span, bound);
  }
  const spec = builtin!;
  const bound = bindArgs(e, spec.params.map((p) => p.name), positional, keywords);
  const args = spec.params.map((p, i) => {
    const v = bound.values[i] ?? p.default;
    if (v === undefined) fail("RECH3004", e.span, { callee: name, name: p.name });
    return v;
  });
  const site: CallSite = { name, span: e.span, arg: (i) => bound.spans[i] ?? e.span };
  return spec.run(env, args, site);
}

function callBlock(env: Env, block: BlockDecl, span: Span, bound: Bound): Value {
  const build = env.build;
  if (env.frames.length >= MAX_CALL_DEPTH) fail("RECH3008", span, { limit: MAX_CALL_DEPTH, name: block.name.name });
  const inner: Env = {
    build,
    scope: new Map(),
    path: env.path,
    frames: [...env.frames, { block: block.name.name, span }],
    where: env.where,
    inModel: false,
    source: env.source,
  };
  block.params.forEach((p, i) => {
    let v = bound.values[i];
    if (v === undefined) {
      if (!p.default) fail("RECH3004", span, { callee: block.name.name, name: p.name.name });
      v = evalExpr(inner, p.default);
    }
    inner.scope.set(p.name.name, v);
  });
  const named = inner.scope.get("name");
  const segment = block.params.some((p) => p.name.name === "name") && named?.kind === "str" ? named.value : block.name.name;
  inner.path = [...env.path, segment];
  return execBody(inner, block.body) ?? NONE;
}

/** Calls the block or builtin `name` with positional values (used by the model builder, e.g. for l2norm and
 *  best_interest from the prelude); `span` stands for the call. */
export function callNamed(env: Env, name: string, args: Value[], span: Span): Value {
  const block = env.build.model.program.blocks.get(name);
  if (block) {
    return callBlock(env, block, span, { values: [...args], spans: args.map(() => span) });
  }
  const spec = BUILTINS[name];
  if (!spec) throw new Error(`callNamed: no block or builtin '${name}'`);
  const full = spec.params.map((p, i) => args[i] ?? p.default ?? NONE);
  return spec.run(env, full, { name, span, arg: () => span });
}
