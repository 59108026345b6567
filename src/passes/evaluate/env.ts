// The evaluator's state. A Build is one graph under construction (a tower or the training forward graph):
// the graph, its parameters, buffers, data columns and the diagnostics found so far. An Env is the state of
// one running block or model section inside a build: its local variables, the parameter scope path and the
// block call chain (for diagnostics).
import type { Diagnostic, DiagnosticNote } from "../../diag/index.js";
import type { Span } from "../../diag/span.js";
import { ShapeError, type Graph, type ValueId } from "../../ir/graph.js";
import type { OpAttrs, OpKind } from "../../ir/ops.js";
import type { Dim } from "../../ir/types.js";
import { EvalError, fail } from "./errors.js";
import type { ModelEnv } from "./model-env.js";
import type { Value } from "./values.js";

/** Where the item tower reads its features from: the batch's positives, the sampled negatives
 *  (`neg_<feature>` columns, flattened to N·B rows), every id of the item vocabulary, or the next item
 *  after each position of the sequence feature `history` (flattened to L·B rows). */
export type ItemSource = { kind: "pos" } | { kind: "neg" } | { kind: "all" } | { kind: "next"; history: string };

export interface ParamEntry {
  id: ValueId;
  shape: number[];
  span: Span;
}

export interface BufferEntry {
  input: ValueId;
  current: ValueId;
  shape: number[];
}

export class Build {
  readonly params = new Map<string, ParamEntry>();
  readonly buffers = new Map<string, BufferEntry>();
  /** data columns by name (graph inputs of kind data), and derived views such as flattened negatives */
  readonly columns = new Map<string, ValueId>();
  /** embedding table -> the data columns whose ids index it (sparse updates) */
  readonly sparse = new Map<string, Set<string>>();
  /** tables read as a whole (full-vocabulary scores): not eligible for sparse updates */
  readonly denseTables = new Set<string>();
  /** neg_<feature> columns read while the item tower ran on sampled negatives, with their length N */
  readonly negColumns = new Map<string, number>();
  /** the feature whose every id was scored (negatives all), or whose next ids were (per-position training) */
  allFeature?: string;
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  depth = 0;

  constructor(readonly graph: Graph, readonly training: boolean, readonly model: ModelEnv) {}

  /** Records a diagnostic once (the same mistake reached through several calls is reported once). */
  report(d: Diagnostic): void {
    const key = `${d.code}|${d.span.file}|${d.span.offset}|${d.span.length}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }
}

export interface Frame {
  /** the called block */
  block: string;
  /** the call expression */
  span: Span;
}

export interface Env {
  build: Build;
  /** variables of the running block or section */
  scope: Map<string, Value>;
  /** parameter scope: section name, then one segment per block call */
  path: string[];
  frames: Frame[];
  /** words for the outermost frame: "the user tower of model 'DSSM'" */
  where: string;
  /** model sections see the model's parameters and features; blocks do not */
  inModel: boolean;
  source: ItemSource;
}

/** The scoped name of a parameter or buffer created in env: "user/mlp/layer0/linear/w". */
export function scopedName(env: Env, name: string): string {
  return [...env.path, name].join("/");
}

/** The block call chain as diagnostic notes, innermost call first. */
export function callNotes(env: Env): DiagnosticNote[] {
  const notes: DiagnosticNote[] = [];
  const n = env.frames.length;
  // a deep chain (runaway recursion) shows its innermost and outermost calls only
  const skipFrom = n > MAX_NOTES ? 2 : n;
  const skipTo = n > MAX_NOTES ? n - (MAX_NOTES - 3) : n;
  for (let i = n - 1; i >= 0; i--) {
    if (i >= skipFrom && i < skipTo) {
      if (i === skipTo - 1) notes.push({ message: `... ${skipTo - skipFrom} more nested block calls` });
      continue;
    }
    const f = env.frames[i]!;
    const from = i > 0 ? `block '${env.frames[i - 1]!.block}'` : env.where;
    notes.push({ message: `in block '${f.block}', called from ${from}`, span: f.span });
  }
  return notes;
}

/** Most call-chain notes on one diagnostic. */
const MAX_NOTES = 8;

/** Records an evaluation error with the call chain of env. */
export function reportError(env: Env, e: EvalError): void {
  const notes = [...(e.diagnostic.notes ?? []), ...callNotes(env)];
  env.build.report(notes.length ? { ...e.diagnostic, notes } : e.diagnostic);
}

/** Adds a node; a shape rule failure becomes RECH4001 at `at`. */
export function emitMulti<K extends OpKind>(env: Env, at: Span, op: K, inputs: ValueId[], attrs: OpAttrs[K]): ValueId[] {
  try {
    return env.build.graph.addMulti(op, inputs, attrs);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    const msg = e.message;
    const cut = msg.indexOf(": ");
    fail("RECH4001", at, { op: cut > 0 ? msg.slice(0, cut) : op, detail: cut > 0 ? msg.slice(cut + 2) : msg });
  }
}

export function emit<K extends OpKind>(env: Env, at: Span, op: K, inputs: ValueId[], attrs: OpAttrs[K] = {} as OpAttrs[K]): ValueId {
  return emitMulti(env, at, op, inputs, attrs)[0]!;
}

export function shapeOf(env: Env, id: ValueId): Dim[] {
  return env.build.graph.type(id).shape;
}

export { EvalError };
