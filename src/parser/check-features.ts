// Checks of feature declarations: attributes per kind (unknown, repeated, missing, conflicting) and the
// `shares` links inside one features set.
import { ATTRIBUTES_OF, OWNER_ONLY_ATTRIBUTES, type FeatureAttrName } from "../../grammar/words.js";
import { diag, type Diagnostic } from "../diag/diagnostic.js";
import type { FeatureAttr, FeatureDecl, FeaturesDecl, Program } from "./ast.js";
import { duplicates } from "./check-decls.js";

/** The attributes of a feature by name (the first occurrence of each); only valid names are keys. */
export function featureAttrs(f: FeatureDecl): Partial<Record<FeatureAttrName, FeatureAttr>> {
  const out: Partial<Record<FeatureAttrName, FeatureAttr>> = {};
  const allowed = ATTRIBUTES_OF[f.featureKind] as readonly string[];
  for (const a of f.attrs) {
    if (allowed.includes(a.key.name) && !(a.key.name in out)) out[a.key.name as FeatureAttrName] = a;
  }
  return out;
}

/** The feature a feature shares its table with, when `shares` names one. */
export function sharesTarget(f: FeatureDecl): string | undefined {
  const value = featureAttrs(f).shares?.value;
  return value?.kind === "Name" ? value.name : undefined;
}

function checkAttributes(f: FeatureDecl, out: Diagnostic[]): void {
  const allowed = ATTRIBUTES_OF[f.featureKind];
  for (const a of f.attrs) {
    if (!(allowed as readonly string[]).includes(a.key.name)) {
      const expected = allowed.map((n) => `'${n}'`).join(", ");
      out.push(diag("RECH2011", a.key.span, { name: a.key.name, kind: f.featureKind, expected }));
    }
  }
  duplicates(
    f.attrs.map((a) => a.key),
    (dup, first) =>
      diag("RECH2012", dup.span, { name: dup.name, feature: f.name.name }, [
        { message: `'${first.name}' is first given here`, span: first.span },
      ]),
    out,
  );
  const attrs = featureAttrs(f);
  const need = (name: FeatureAttrName) => {
    if (!attrs[name]) out.push(diag("RECH2013", f.name.span, { kind: f.featureKind, feature: f.name.name, name }));
  };
  if (f.featureKind === "dense") return need("width");
  if (f.featureKind === "sequence") need("len");
  if (!attrs.vocab === !attrs.shares) {
    out.push(diag("RECH2014", f.name.span, { kind: f.featureKind, feature: f.name.name }));
    return;
  }
  if (attrs.vocab) return need("dim");
  if (attrs.shares!.value.kind !== "Name" && attrs.shares!.value.kind !== "Error") {
    out.push(diag("RECH2015", attrs.shares!.value.span, { name: "shares" }));
  }
  for (const name of OWNER_ONLY_ATTRIBUTES) {
    const a = attrs[name];
    const target = sharesTarget(f);
    if (a && target) out.push(diag("RECH2019", a.key.span, { name, feature: f.name.name, target }));
  }
}

function checkShares(set: FeaturesDecl, out: Diagnostic[]): void {
  const byName = new Map(set.features.map((f) => [f.name.name, f]));
  for (const f of set.features) {
    const target = sharesTarget(f);
    const value = featureAttrs(f).shares?.value;
    if (!target || !value) continue;
    const t = byName.get(target);
    const problem = (reason: string) =>
      out.push(diag("RECH2018", value.span, { feature: f.name.name, name: target, reason }));
    if (!t) out.push(diag("RECH2007", value.span, { name: target, set: set.name.name }));
    else if (t === f) problem("a feature cannot share its own table");
    else if (t.featureKind === "dense") problem("it is a dense feature and has no table");
    else if (sharesTarget(t) !== undefined) problem(`it shares the table of '${sharesTarget(t)}' itself; share that one`);
  }
}

export function checkFeatures(ast: Program): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const item of ast.items) {
    if (item.kind !== "Features") continue;
    duplicates(
      item.features.map((f) => f.name),
      (dup, first) =>
        diag("RECH2002", dup.span, { name: dup.name, set: item.name.name }, [
          { message: `'${first.name}' is first declared here`, span: first.span },
        ]),
      out,
    );
    for (const f of item.features) checkAttributes(f, out);
    checkShares(item, out);
  }
  return out;
}
