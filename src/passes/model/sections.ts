// Running a model section (user tower, item tower, score) inside a build, and checking what a tower returns.
import type { Span } from "../../diag/span.js";
import type { ValueId } from "../../ir/graph.js";
import { formatType } from "../../ir/types.js";
import type { ScoreExprSection, Section, TowerSection } from "../../parser/ast.js";
import { reportError, type Build, type Env, type ItemSource } from "../evaluate/env.js";
import { EvalError, fail } from "../evaluate/errors.js";
import { atOrigin, evalExpr } from "../evaluate/expr.js";
import { execBody } from "../evaluate/stmt.js";
import { describeIn } from "../evaluate/tensors.js";
import { isPoison, POISON, type Value } from "../evaluate/values.js";

export type SectionKind = "user" | "item" | "score";

export function findSection(build: Build, name: SectionKind): TowerSection | ScoreExprSection | undefined {
  return build.model.decl.sections.find((s: Section): s is TowerSection | ScoreExprSection =>
    (s.kind === "Tower" && s.section === name) || (name === "score" && s.kind === "ScoreExpr"));
}

export function sectionEnv(build: Build, name: SectionKind, source: ItemSource, bindings?: Map<string, Value>): Env {
  const what = name === "score" ? "score" : `${name} tower`;
  return {
    build,
    scope: new Map(bindings ?? []),
    path: [name],
    frames: [],
    where: `the ${what} of model '${build.model.name}'`,
    inModel: true,
    source,
  };
}

/** Runs a section; poison when it is missing (the front end reported that) or had errors. */
export function runSection(build: Build, name: SectionKind, source: ItemSource, bindings?: Map<string, Value>): Value {
  const section = findSection(build, name);
  if (!section) return POISON;
  const env = sectionEnv(build, name, source, bindings);
  if (section.kind === "Tower") return execBody(env, section.body) ?? POISON;
  try {
    return atOrigin(env, section.value.span, () => evalExpr(env, section.value));
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    reportError(env, e);
    return POISON;
  }
}

/** The span of a section's keyword (where tower-level problems are reported). */
export function sectionSpan(build: Build, name: SectionKind): Span {
  return findSection(build, name)?.keyword ?? build.model.decl.name.span;
}

/**
 * The tensor a tower returned, checked: f32 of rank 2 (B,d) — or rank 3 (B,K,d) where `multi` allows it —
 * with a static width. Reports RECH4003 and returns undefined otherwise.
 */
export function towerOutput(build: Build, name: SectionKind, v: Value, multi: boolean): ValueId | undefined {
  if (isPoison(v)) return undefined;
  const env = sectionEnv(build, name, { kind: "pos" });
  const expected = multi ? "an f32 tensor (B, d) or (B, K, d)" : "an f32 tensor (B, d)";
  try {
    if (v.kind !== "tensor") fail("RECH4003", sectionSpan(build, name), { section: name, expected, found: describeIn(env, v) });
    const t = build.graph.type(v.id);
    const rankOk = t.shape.length === 2 || (multi && t.shape.length === 3);
    const widthOk = typeof t.shape[t.shape.length - 1] === "number";
    if (t.dtype !== "f32" || !rankOk || !widthOk) {
      fail("RECH4003", sectionSpan(build, name), { section: name, expected, found: `a tensor ${formatType(t)}` });
    }
    return v.id;
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    build.report(e.diagnostic);
    return undefined;
  }
}
