// Declaration checks on the AST: duplicate definitions, parameters, sections and train settings; the
// features set a model names; required sections.
import { FEATURES_PARAM, REQUIRED_SECTIONS, type SectionName } from "../../grammar/words.js";
import { diag, type Diagnostic } from "../diag/diagnostic.js";
import type { Ident, ModelDecl, Param, Program, Section } from "./ast.js";

/** Reports every name after the first among `names` (skipping empty names left by syntax errors). */
export function duplicates(names: Ident[], report: (dup: Ident, first: Ident) => Diagnostic, out: Diagnostic[]): void {
  const first = new Map<string, Ident>();
  for (const n of names) {
    if (n.name === "") continue;
    const seen = first.get(n.name);
    if (seen) out.push(report(n, seen));
    else first.set(n.name, n);
  }
}

const firstHere = (first: Ident) => [{ message: `'${first.name}' is first defined here`, span: first.span }];

function checkParams(params: Param[], out: Diagnostic[]): void {
  duplicates(
    params.map((p) => p.name),
    (dup, first) => diag("RECH2005", dup.span, { name: dup.name }, firstHere(first)),
    out,
  );
}

export function sectionName(s: Section): SectionName {
  if (s.kind === "Tower") return s.section;
  return s.kind === "ScoreExpr" ? "score" : "train";
}

function checkModel(model: ModelDecl, featureSets: ReadonlySet<string>, out: Diagnostic[]): void {
  checkParams(model.params, out);
  const keywords = model.sections.map((s): Ident => ({ kind: "Ident", name: sectionName(s), span: s.keyword }));
  duplicates(
    keywords,
    (dup, first) => diag("RECH2009", dup.span, { name: dup.name, model: model.name.name }, firstHere(first)),
    out,
  );
  for (const required of REQUIRED_SECTIONS) {
    if (!keywords.some((k) => k.name === required) && model.name.name !== "") {
      out.push(diag("RECH2010", model.name.span, { model: model.name.name, name: required }));
    }
  }
  for (const s of model.sections) {
    if (s.kind !== "Train") continue;
    duplicates(
      s.settings.map((st) => st.key),
      (dup, first) => diag("RECH2020", dup.span, { name: dup.name }, firstHere(first)),
      out,
    );
  }
  const features = model.params.find((p) => p.name.name === FEATURES_PARAM)?.default;
  if (!features || features.kind === "Error") return;
  if (features.kind !== "Name") out.push(diag("RECH2015", features.span, { name: FEATURES_PARAM }));
  else if (!featureSets.has(features.name)) out.push(diag("RECH2006", features.span, { name: features.name }));
}

export function checkDeclarations(ast: Program): Diagnostic[] {
  const out: Diagnostic[] = [];
  duplicates(
    ast.items.map((i) => i.name),
    (dup, first) => diag("RECH2001", dup.span, { name: dup.name }, firstHere(first)),
    out,
  );
  const featureSets = new Set(ast.items.filter((i) => i.kind === "Features").map((i) => i.name.name));
  for (const item of ast.items) {
    if (item.kind === "Block") checkParams(item.params, out);
    if (item.kind === "Model") checkModel(item, featureSets, out);
  }
  return out;
}
