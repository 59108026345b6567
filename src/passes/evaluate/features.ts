// Feature resolution: a feature declaration of the model's features set, with its attributes evaluated in
// the model header's scope (so `vocab items`, `dim d`, `len hist_len`, `init normal(0, emb_std)` follow the
// model parameters and their overrides).
import type { Span } from "../../diag/span.js";
import type { InitSpec } from "../../ir/graph.js";
import type { Dim } from "../../ir/types.js";
import type { FeatureDecl, FeatureKind } from "../../parser/ast.js";
import { featureAttrs, sharesTarget } from "../../parser/check.js";
import { fail } from "./errors.js";
import { evalExpr } from "./expr.js";
import { headerEnv, type ModelEnv } from "./model-env.js";
import { describe } from "./values.js";

export interface ResolvedFeature {
  name: string;
  kind: FeatureKind;
  /** the data column: i32 ids for sparse and sequence features, f32 values for dense ones */
  dtype: "i32" | "f32";
  /** [B] (sparse, dense of width 1), [B, len] (sequence), [B, width] (dense of width > 1) */
  shape: Dim[];
  /** the feature owning the embedding table this feature reads (itself unless it shares one) */
  table?: string;
  vocab?: number;
  dim?: number;
  /** the padding id masked by mask() and pooling (declared `pad`, else 0) */
  pad?: number;
  /** whether the table owner declared `pad` (its row is then initialised to zero) */
  zeroRow?: number;
  len?: number;
  width?: number;
  init?: InitSpec;
}

export const DEFAULT_EMBED_INIT: InitSpec = { kind: "normal", mean: 0, std: 1e-4 };

function declOf(model: ModelEnv, name: string): FeatureDecl | undefined {
  return model.featureSet?.features.find((f) => f.name.name === name);
}

function intAttr(model: ModelEnv, f: FeatureDecl, attr: "vocab" | "dim" | "pad" | "len" | "width", min: number): number | undefined {
  const a = featureAttrs(f)[attr];
  if (!a) return undefined;
  const v = evalExpr(headerEnv(model), a.value);
  if (v.kind !== "num" || !Number.isInteger(v.value) || v.value < min) {
    fail("RECH3013", a.value.span, {
      attr, feature: f.name.name, expected: min > 0 ? "a positive integer" : "a non-negative integer", found: describe(v),
    });
  }
  return v.value;
}

function initAttr(model: ModelEnv, f: FeatureDecl): InitSpec | undefined {
  const a = featureAttrs(f).init;
  if (!a) return undefined;
  const v = evalExpr(headerEnv(model), a.value);
  if (v.kind !== "init") fail("RECH3013", a.value.span, { attr: "init", feature: f.name.name, expected: "an initialiser such as normal(0, 0.01)", found: describe(v) });
  return v.spec;
}

/** The feature `name` of the model's set; RECH3007 at `at` when there is none. */
export function resolveFeature(model: ModelEnv, name: string, at: Span): ResolvedFeature {
  const cached = model.features.get(name);
  if (cached) return cached;
  const f = declOf(model, name);
  if (!f) fail("RECH3007", at, { name, set: model.featureSet?.name.name ?? "(none)" });
  let r: ResolvedFeature;
  if (f.featureKind === "dense") {
    const width = intAttr(model, f, "width", 1) ?? 1;
    r = { name, kind: "dense", dtype: "f32", shape: width === 1 ? ["B"] : ["B", width], width };
  } else {
    const ownerName = sharesTarget(f) ?? name;
    const owner = ownerName === name ? f : declOf(model, ownerName);
    if (!owner) fail("RECH3007", featureAttrs(f).shares?.value.span ?? at, { name: ownerName, set: model.featureSet?.name.name ?? "(none)" });
    const vocab = intAttr(model, owner, "vocab", 1);
    if (vocab === undefined) {
      fail("RECH3013", owner.name.span, { attr: "vocab", feature: ownerName, expected: "a vocabulary size", found: "nothing" });
    }
    const ownDim = intAttr(model, f, "dim", 1);
    const dim = owner === f ? ownDim ?? Math.max(1, Math.floor(6 * Math.pow(vocab, 0.25))) : intAttr(model, owner, "dim", 1) ?? Math.max(1, Math.floor(6 * Math.pow(vocab, 0.25)));
    if (ownDim !== undefined && ownDim !== dim) {
      fail("RECH3013", featureAttrs(f).dim!.value.span, { attr: "dim", feature: name, expected: `${dim}, the width of the shared table of '${ownerName}'`, found: String(ownDim) });
    }
    const ownerPad = intAttr(model, owner, "pad", 0);
    const pad = intAttr(model, f, "pad", 0) ?? ownerPad ?? 0;
    const init = initAttr(model, owner) ?? DEFAULT_EMBED_INIT;
    r = { name, kind: f.featureKind, dtype: "i32", shape: ["B"], table: ownerName, vocab, dim, pad, init };
    if (ownerPad !== undefined) r.zeroRow = ownerPad;
    if (f.featureKind === "sequence") {
      const len = intAttr(model, f, "len", 1);
      if (len === undefined) fail("RECH3013", f.name.span, { attr: "len", feature: name, expected: "a sequence length", found: "nothing" });
      r.len = len;
      r.shape = ["B", len];
    }
  }
  model.features.set(name, r);
  return r;
}

/** Whether the model's features set declares `name`. */
export function hasFeature(model: ModelEnv, name: string): boolean {
  return declOf(model, name) !== undefined;
}
