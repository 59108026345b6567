// Name checks on the AST: every name a block or model section uses is a local variable, a parameter, a
// feature of the model's features set, a block of the file or a builtin; every call names a block of the
// file or a builtin (functions and values are separate namespaces: in `x = dropout(x, dropout)` the callee
// is the builtin, the argument the parameter); calls to blocks of the file use only their parameter names
// as keywords. Variables are visible from their first assignment on (to the end
// of the block or section, loops and branches included: bodies are unrolled/decided at compile time).
import { FEATURES_PARAM, SCORE_BINDINGS } from "../../grammar/words.js";
import { diag, type Diagnostic } from "../diag/diagnostic.js";
import type { BlockDecl, Expr, FeaturesDecl, Ident, ModelDecl, Param, Program, Stmt } from "./ast.js";
import { duplicates } from "./check-decls.js";
import { closestName } from "./suggest.js";

interface Scope {
  /** names visible here; grows as assignments are walked */
  names: Set<string>;
  /** what a call may name: blocks of the file and builtins */
  functions: ReadonlySet<string>;
  /** feature names of the model (cannot be assigned) and the set they come from */
  features: Set<string>;
  featureSet: string;
  /** blocks of the file by name (to check keyword arguments) */
  blocks: ReadonlyMap<string, BlockDecl>;
  /** false when the scope is known to be incomplete (unknown features set): unknown names are not reported */
  complete: boolean;
  out: Diagnostic[];
}

function unknown(scope: Scope, code: "RECH2003" | "RECH2004", name: string, span: Expr["span"]): void {
  if (!scope.complete || name === "") return;
  const near = closestName(name, code === "RECH2004" ? scope.functions : scope.names);
  scope.out.push(diag(code, span, { name }, near ? [{ message: `did you mean '${near}'?` }] : undefined));
}

function checkExpr(e: Expr, scope: Scope): void {
  switch (e.kind) {
    case "Int":
    case "Float":
    case "Str":
    case "Bool":
    case "Error":
      return;
    case "Name":
      if (!scope.names.has(e.name)) unknown(scope, "RECH2003", e.name, e.span);
      return;
    case "List":
      for (const x of e.items) checkExpr(x, scope);
      return;
    case "Index":
      checkExpr(e.target, scope);
      checkExpr(e.index, scope);
      return;
    case "Binary":
      checkExpr(e.left, scope);
      checkExpr(e.right, scope);
      return;
    case "Unary":
      checkExpr(e.operand, scope);
      return;
    case "Call": {
      const callee = e.callee.name;
      if (!scope.functions.has(callee)) unknown(scope, "RECH2004", callee, e.callee.span);
      for (const a of e.args) checkExpr(a, scope);
      for (const k of e.kwargs) checkExpr(k.value, scope);
      duplicates(
        e.kwargs.map((k) => k.key),
        (dup) => diag("RECH2016", dup.span, { name: dup.name }),
        scope.out,
      );
      const block = scope.blocks.get(callee);
      if (!block) return;
      const params = new Set(block.params.map((p) => p.name.name));
      for (const k of e.kwargs) {
        if (!params.has(k.key.name)) scope.out.push(diag("RECH2017", k.key.span, { block: callee, name: k.key.name }));
      }
      return;
    }
  }
}

function define(scope: Scope, target: Ident): void {
  if (scope.features.has(target.name)) {
    scope.out.push(diag("RECH2024", target.span, { name: target.name, set: scope.featureSet }));
  }
  scope.names.add(target.name);
}

function checkBody(body: readonly Stmt[], scope: Scope): void {
  for (const s of body) {
    switch (s.kind) {
      case "Assign":
        checkExpr(s.value, scope);
        duplicates(s.targets, (dup) => diag("RECH2023", dup.span, { name: dup.name }), scope.out);
        for (const t of s.targets) define(scope, t);
        break;
      case "For":
        checkExpr(s.iterable, scope);
        if (s.index && s.index.name === s.variable.name) {
          scope.out.push(diag("RECH2022", s.index.span, { name: s.index.name }));
        }
        define(scope, s.variable);
        if (s.index) define(scope, s.index);
        checkBody(s.body, scope);
        break;
      case "If":
        checkExpr(s.cond, scope);
        checkBody(s.then, scope);
        if (s.otherwise) checkBody(s.otherwise, scope);
        break;
      case "Return":
        for (const v of s.values) checkExpr(v, scope);
        break;
    }
  }
}

/** Parameter defaults see the scope's names and the parameters before them. A model's `features` default
 *  names a features set and is checked with the declarations. */
function checkParams(params: readonly Param[], scope: Scope): void {
  for (const p of params) {
    if (p.default && p.name.name !== FEATURES_PARAM) checkExpr(p.default, scope);
    scope.names.add(p.name.name);
  }
}

function modelFeatures(model: ModelDecl, sets: ReadonlyMap<string, FeaturesDecl>): { set?: FeaturesDecl; known: boolean } {
  const value = model.params.find((p) => p.name.name === FEATURES_PARAM)?.default;
  if (!value) return { known: true };
  if (value.kind !== "Name") return { known: false };
  const set = sets.get(value.name);
  return set ? { set, known: true } : { known: false };
}

/** Reports unknown names and functions, keyword arguments a block does not take, and assignments that
 *  collide with features. `builtins` are the names the evaluator provides (core ops, prelude blocks...). */
export function checkNames(ast: Program, builtins: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const blocks = new Map<string, BlockDecl>();
  const sets = new Map<string, FeaturesDecl>();
  for (const item of ast.items) {
    if (item.kind === "Block" && !blocks.has(item.name.name)) blocks.set(item.name.name, item);
    if (item.kind === "Features" && !sets.has(item.name.name)) sets.set(item.name.name, item);
  }
  const globals = [...builtins, ...blocks.keys()];
  const functions = new Set(globals);
  const newScope = (extra: Iterable<string>, features: Set<string>, featureSet: string, complete: boolean): Scope => ({
    names: new Set([...globals, ...extra]),
    functions,
    features,
    featureSet,
    blocks,
    complete,
    out,
  });
  for (const item of ast.items) {
    if (item.kind === "Block") {
      const scope = newScope([], new Set(), "", true);
      checkParams(item.params, scope);
      checkBody(item.body, scope);
    }
    if (item.kind !== "Model") continue;
    const header = newScope([], new Set(), "", true);
    checkParams(item.params, header);
    const { set, known } = modelFeatures(item, sets);
    const features = new Set(set?.features.map((f) => f.name.name) ?? []);
    const params = item.params.map((p) => p.name.name);
    for (const s of item.sections) {
      const bound = s.kind === "Tower" && s.section !== "score" ? [] : [...SCORE_BINDINGS];
      const scope = newScope([...params, ...features, ...bound], features, set?.name.name ?? "", known);
      if (s.kind === "Tower") checkBody(s.body, scope);
      if (s.kind === "ScoreExpr") checkExpr(s.value, scope);
    }
  }
  return out;
}
