// Data columns and embedding tables. A feature's column becomes a graph input (kind data) on first use.
// While the item tower runs on sampled negatives, a feature X reads the column neg_X (B,N) flattened to
// (N·B); while it runs on the whole vocabulary, the item id reads every id 0..V-1.
import type { Span } from "../../diag/span.js";
import type { ValueId } from "../../ir/graph.js";
import { tensor } from "../../ir/tensor.js";
import { emit, type Env } from "./env.js";
import { fail } from "./errors.js";
import { hasFeature, resolveFeature, type ResolvedFeature } from "./features.js";

/** The graph input for the data column of feature f, declared on first use. */
export function dataColumn(env: Env, f: ResolvedFeature): ValueId {
  const b = env.build;
  const known = b.columns.get(f.name);
  if (known !== undefined) return known;
  const id = b.graph.addInput(f.name, { dtype: f.dtype, shape: f.shape }, "data");
  b.columns.set(f.name, id);
  return id;
}

/** A column that is not a feature (label, logq): f32 (B). */
export function extraColumn(env: Env, name: string): ValueId {
  const b = env.build;
  const known = b.columns.get(name);
  if (known !== undefined) return known;
  const id = b.graph.addInput(name, { dtype: "f32", shape: ["B"] }, "data");
  b.columns.set(name, id);
  return id;
}

export interface FeatureValues {
  /** ids (or dense values) as the tower sees them */
  ids: ValueId;
  /** the batch column they come from (for sparse updates); undefined for the whole vocabulary */
  column?: string;
}

export const NEG_PREFIX = "neg_";

/** Largest vocabulary a full softmax (negatives all) scores. */
export const MAX_ALL_ITEMS = 50_000_000;

/** The values of feature f under the env's item source. */
export function featureValues(env: Env, f: ResolvedFeature, at: Span): FeatureValues {
  const src = env.source;
  if (src.kind === "pos") return { ids: dataColumn(env, f), column: f.name };
  if (src.kind === "neg") {
    const negName = NEG_PREFIX + f.name;
    const model = env.build.model;
    if (f.kind === "sequence" || !hasFeature(model, negName)) {
      fail("RECH5005", at, { feature: f.name, column: negName, set: model.featureSet?.name.name ?? "(none)" });
    }
    const neg = resolveFeature(model, negName, at);
    env.build.negColumns.set(negName, neg.len ?? neg.width ?? 1);
    const key = `${negName}#flat`;
    let flat = env.build.columns.get(key);
    if (flat === undefined) {
      flat = emit(env, at, "Reshape", [dataColumn(env, neg)], { shape: [-1] });
      env.build.columns.set(key, flat);
    }
    return { ids: flat, column: negName };
  }
  const first = env.build.allFeature;
  if (f.kind !== "sparse" || f.vocab === undefined || (first !== undefined && first !== f.name)) {
    const detail = src.kind === "all" ? `'all' scores every item id, so the item tower may read only its id feature, not '${f.name}'`
      : `per-position targets are item ids, so the item tower may read only its id feature, not '${f.name}'`;
    fail("RECH5001", at, { name: src.kind === "all" ? "negatives" : "positions", detail });
  }
  if (src.kind === "next") return nextItems(env, f, src.history, at);
  env.build.allFeature = f.name;
  const key = `${f.name}#all`;
  let all = env.build.columns.get(key);
  if (all === undefined) {
    const v = f.vocab;
    if (v > MAX_ALL_ITEMS) {
      fail("RECH5001", at, { name: "negatives", detail: `'all' scores every one of the ${v} ids of '${f.name}'; at most ${MAX_ALL_ITEMS} are supported` });
    }
    all = emit(env, at, "Constant", [], { value: tensor("i32", [v], Array.from({ length: v }, (_, i) => i)) });
    env.build.columns.set(key, all);
  }
  return { ids: all };
}

/** The embedding table of f's owner, `emb.<owner>`, created on first use. */
export function embeddingTable(env: Env, f: ResolvedFeature): ValueId {
  const name = `emb.${f.table}`;
  const b = env.build;
  const known = b.params.get(name);
  if (known) return known.id;
  const init = f.zeroRow !== undefined && (f.init?.kind === "normal" || f.init?.kind === "uniform") ? { ...f.init, zeroRow: f.zeroRow } : f.init;
  const shape = [f.vocab!, f.dim!];
  const id = b.graph.addInput(name, { dtype: "f32", shape }, "param", init);
  b.params.set(name, { id, shape, span: env.build.model.decl.name.span });
  return id;
}

/** Notes that `table` is indexed by the ids of `column` (sparse updates), or read whole. */
export function noteTableUse(env: Env, table: string, column: string | undefined): void {
  const b = env.build;
  if (column === undefined) {
    b.denseTables.add(table);
    return;
  }
  let set = b.sparse.get(table);
  if (!set) b.sparse.set(table, (set = new Set()));
  set.add(column);
}

/**
 * Per-position targets: for each position t of the history (B,L), the item that follows it — history[t+1],
 * or the row's own item f when history[t+1] is padding or t is the last position (so pre- and post-padded
 * histories both work). Flattened to (L·B).
 */
function nextItems(env: Env, f: ResolvedFeature, history: string, at: Span): FeatureValues {
  env.build.allFeature = f.name;
  const key = `${f.name}#next`;
  const known = env.build.columns.get(key);
  if (known !== undefined) return { ids: known, column: f.name };
  const h = resolveFeature(env.build.model, history, at);
  if (h.kind !== "sequence" || h.table !== f.table) {
    fail("RECH5001", at, { name: "positions", detail: `'${history}' must be a sequence feature reading the table of '${f.name}'` });
  }
  const l = h.len!;
  const hist = dataColumn(env, h);
  const item = emit(env, at, "Reshape", [dataColumn(env, f)], { shape: [-1, 1] });
  const next = l > 1 ? emit(env, at, "Concat", [emit(env, at, "Slice", [hist], { axis: 1, start: 1, end: l }), item], { axis: 1 }) : item;
  const pad = emit(env, at, "Constant", [], { value: tensor("i32", [], [h.pad ?? 0]) });
  const ids = emit(env, at, "Reshape", [emit(env, at, "Where", [emit(env, at, "Equal", [next, pad]), item, next])], { shape: [-1] });
  env.build.columns.set(key, ids);
  noteTableUse(env, `emb.${f.table}`, h.name);
  return { ids, column: f.name };
}
