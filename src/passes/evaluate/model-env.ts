// A model's compile-time environment: its header parameters (defaults, then overrides) and its features
// set. Header defaults may use the parameters before them (`dims = [64, d]`); an override replaces the
// default before later defaults are evaluated.
import { FEATURES_PARAM } from "../../../grammar/words.js";
import { diag, type Diagnostic } from "../../diag/index.js";
import { Graph } from "../../ir/graph.js";
import type { FeaturesDecl, ModelDecl } from "../../parser/ast.js";
import { Build, reportError, type Env } from "./env.js";
import { EvalError } from "./errors.js";
import { evalExpr } from "./expr.js";
import type { ResolvedFeature } from "./features.js";
import type { Program } from "./program.js";
import { fromPlain, isPoison, POISON, sameKind, str, typeName, type Value } from "./values.js";

/** --set values: numbers, strings, bools and (nested) lists of them. */
export type Overrides = Record<string, unknown>;

export class ModelEnv {
  readonly params = new Map<string, Value>();
  /** resolved features by name (filled lazily by features.ts) */
  readonly features = new Map<string, ResolvedFeature>();
  featureSet?: FeaturesDecl;

  constructor(readonly program: Program, readonly decl: ModelDecl) {}

  get name(): string {
    return this.decl.name.name;
  }
}

/** An env for evaluating header expressions and feature attributes: only the parameters are visible. */
export function headerEnv(model: ModelEnv, build = new Build(new Graph(), false, model)): Env {
  return {
    build,
    scope: new Map(model.params),
    path: [],
    frames: [],
    where: `the header of model '${model.name}'`,
    inModel: false,
    source: { kind: "pos" },
  };
}

/** Evaluates the header of `decl` with `overrides`; diagnostics for bad defaults and bad overrides. */
export function makeModelEnv(program: Program, decl: ModelDecl, overrides: Overrides = {}): { env: ModelEnv; diagnostics: Diagnostic[] } {
  const model = new ModelEnv(program, decl);
  const diagnostics: Diagnostic[] = [];
  const scratch = new Build(new Graph(), false, model);
  const declared = new Set(decl.params.map((p) => p.name.name));
  for (const key of Object.keys(overrides).sort()) {
    if (!declared.has(key)) diagnostics.push(diag("RECH5002", decl.name.span, { model: model.name, name: key }));
  }
  for (const p of decl.params) {
    const name = p.name.name;
    if (name === FEATURES_PARAM) {
      const given = Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : undefined;
      const setName = typeof given === "string" ? given : p.default?.kind === "Name" ? p.default.name : undefined;
      const set = setName !== undefined ? program.featureSets.get(setName) : undefined;
      if (given !== undefined && !set) {
        diagnostics.push(diag("RECH5003", p.span, { model: model.name, name, expected: "the name of a features set", found: JSON.stringify(given) }));
      }
      model.featureSet = set;
      model.params.set(name, set ? str(set.name.name) : POISON);
      continue;
    }
    let value: Value = POISON;
    if (p.default) {
      const env = headerEnv(model, scratch);
      try {
        value = evalExpr(env, p.default);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        reportError(env, e);
      }
    }
    if (Object.prototype.hasOwnProperty.call(overrides, name)) {
      const given = fromPlain(overrides[name]);
      if (!given) {
        diagnostics.push(diag("RECH5003", p.span, { model: model.name, name, expected: typeName(value), found: "a value of no .rech type" }));
      } else if (!p.default || isPoison(value) || sameKind(value, given)) {
        value = given;
      } else {
        diagnostics.push(diag("RECH5003", p.span, { model: model.name, name, expected: typeName(value), found: typeName(given) }));
      }
    }
    model.params.set(name, value);
  }
  diagnostics.push(...scratch.diagnostics);
  if (!decl.params.some((p) => p.name.name === FEATURES_PARAM)) {
    diagnostics.push(diag("RECH5007", decl.name.span, { model: model.name }));
  }
  return { env: model, diagnostics };
}
