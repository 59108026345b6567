// Builtins that create graph inputs: trainable parameters, buffers (non-trained state such as BatchNorm
// running statistics), noise fed by the runtime, and the model's features (columns, embeddings, masks).
import { diag } from "../../../diag/index.js";
import type { InitSpec, ValueId } from "../../../ir/graph.js";
import { formatShape } from "../../../ir/types.js";
import { embeddingTable, featureValues, noteTableUse } from "../columns.js";
import { emit, scopedName, shapeOf, type Env } from "../env.js";
import { EvalError, fail } from "../errors.js";
import { scalarConst } from "../tensors.js";
import { NONE, num, tensorValue, type Value } from "../values.js";
import {
  featureArg, shapeArg, strArg, tensorArg, wrong, type Builtin, type CallSite,
} from "./types.js";

/** PyTorch-like default: uniform(±1/√fan_in) for matrices (fan_in = first dim), zeros for vectors. */
function defaultInit(shape: number[]): InitSpec {
  if (shape.length >= 2) {
    const bound = 1 / Math.sqrt(shape[0]!);
    return { kind: "uniform", low: -bound, high: bound };
  }
  return { kind: "constant", value: 0 };
}

function initArg(env: Env, c: CallSite, v: Value, i: number, shape: number[]): InitSpec {
  if (v.kind === "none") return defaultInit(shape);
  if (v.kind !== "init") wrong(env, c.arg(i), "an initialiser such as normal(0, 0.01) or constant(1)", v);
  return v.spec;
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The (name, shape, init) arguments shared by param() and buffer(): the scoped name, static shape and initialiser. */
function declaration(env: Env, c: CallSite, args: Value[]): { full: string; shape: number[]; init: InitSpec } {
  const name = strArg(env, c, args, 0);
  const shape = shapeArg(env, c, args, 1, { static: true }) as number[];
  const init = initArg(env, c, args[2]!, 2, shape);
  return { full: scopedName(env, name), shape, init };
}

/** Adds a new f32 graph input named `full`; its name must be free. */
function newInput(env: Env, c: CallSite, full: string, shape: number[], kind: "param" | "buffer", init: InitSpec): ValueId {
  if (env.build.graph.input(full)) {
    fail("RECH3001", c.arg(0), { expected: "a name no other graph input uses", found: `'${full}'` });
  }
  return env.build.graph.addInput(full, { dtype: "f32", shape }, kind, init);
}

const param: Builtin = {
  params: [{ name: "name" }, { name: "shape" }, { name: "init", default: NONE }],
  doc: "a trainable f32 parameter named by the block call path; the same name again reuses it (shapes must agree)",
  run(env, args, c) {
    const { full, shape, init } = declaration(env, c, args);
    const b = env.build;
    const prev = b.params.get(full);
    if (prev) {
      if (!sameShape(prev.shape, shape)) {
        throw new EvalError(diag("RECH4002", c.span, { name: full, first: formatShape(prev.shape), second: formatShape(shape) }, [
          { message: `'${full}' was first created here`, span: prev.span },
        ]));
      }
      return tensorValue(prev.id);
    }
    const id = newInput(env, c, full, shape, "param", init);
    b.params.set(full, { id, shape, span: c.span });
    return tensorValue(id);
  },
};

const buffer: Builtin = {
  params: [{ name: "name" }, { name: "shape" }, { name: "init", default: { kind: "init", spec: { kind: "constant", value: 0 } } }],
  doc: "non-trained f32 state (e.g. running statistics); reads its latest value, see update()",
  run(env, args, c) {
    const { full, shape, init } = declaration(env, c, args);
    const b = env.build;
    const prev = b.buffers.get(full);
    if (prev) {
      if (!sameShape(prev.shape, shape)) {
        fail("RECH4002", c.span, { name: full, first: formatShape(prev.shape), second: formatShape(shape) });
      }
      return tensorValue(prev.current);
    }
    const id = newInput(env, c, full, shape, "buffer", init);
    b.buffers.set(full, { input: id, current: id, shape });
    return tensorValue(id);
  },
};

const update: Builtin = {
  params: [{ name: "name" }, { name: "value" }],
  doc: "sets a buffer's new value and returns it (training graphs output it as '<buffer>.new'); later buffer() reads see it",
  run(env, args, c) {
    const name = strArg(env, c, args, 0);
    const full = scopedName(env, name);
    const entry = env.build.buffers.get(full);
    if (!entry) fail("RECH3001", c.arg(0), { expected: "the name of a buffer created in this block", found: `'${name}'` });
    const v = tensorArg(env, c, args, 1);
    const t = env.build.graph.type(v);
    if (t.dtype !== "f32" || !sameShape(t.shape as number[], entry.shape)) {
      fail("RECH4001", c.arg(1), { op: "update", detail: `buffer '${full}' is f32${formatShape(entry.shape)}, the new value is ${t.dtype}${formatShape(t.shape)}` });
    }
    entry.current = v;
    return tensorValue(v);
  },
};

const noise: Builtin = {
  params: [{ name: "shape" }, { name: "dist", default: { kind: "str", value: "uniform" } }],
  doc: "random numbers fed by the runtime at every step: uniform in [0,1) or standard normal",
  run(env, args, c) {
    const shape = shapeArg(env, c, args, 0);
    const dist = strArg(env, c, args, 1, ["uniform", "normal"]) as "uniform" | "normal";
    const base = scopedName(env, "noise");
    let name = base;
    for (let k = 1; env.build.graph.input(name); k++) name = `${base}.${k}`;
    return tensorValue(env.build.graph.addInput(name, { dtype: "f32", shape }, "noise", { kind: "noise", dist }));
  },
};

const featureRaw: Builtin = {
  params: [{ name: "feature" }],
  doc: "the raw input column of a feature: i32 ids (B) or (B,L), or f32 values",
  run(env, args, c) {
    return tensorValue(featureValues(env, featureArg(env, c, args, 0), c.arg(0)).ids);
  },
};

const embed: Builtin = {
  params: [{ name: "feature" }],
  doc: "sparse (B)->(B,D), sequence (B,L)->(B,L,D) rows of the feature's table (emb.<owner>); dense: values as (B,width)",
  run(env, args, c) {
    const f = featureArg(env, c, args, 0);
    const { ids, column } = featureValues(env, f, c.arg(0));
    if (f.kind === "dense") {
      return tensorValue(shapeOf(env, ids).length === 1 ? emit(env, c.span, "Reshape", [ids], { shape: [-1, 1] }) : ids);
    }
    const table = embeddingTable(env, f);
    noteTableUse(env, `emb.${f.table}`, column);
    return tensorValue(emit(env, c.span, "Gather", [table, ids]));
  },
};

const mask: Builtin = {
  params: [{ name: "feature" }],
  doc: "f32 mask of a sparse or sequence feature: 1 where the id is not the padding id",
  run(env, args, c) {
    const f = featureArg(env, c, args, 0);
    if (f.kind === "dense") wrong(env, c.arg(0), "a sparse or sequence feature", { kind: "feature", name: f.name });
    const { ids } = featureValues(env, f, c.arg(0));
    const pad = scalarConst(env, c.span, f.pad ?? 0, "i32");
    const eq = emit(env, c.span, "Equal", [ids, pad]);
    return tensorValue(emit(env, c.span, "Cast", [emit(env, c.span, "Not", [eq])], { to: "f32" }));
  },
};

const table: Builtin = {
  params: [{ name: "feature" }],
  doc: "the whole embedding table (V,D) a feature reads (excluded from sparse updates)",
  run(env, args, c) {
    const f = featureArg(env, c, args, 0);
    if (f.kind === "dense") wrong(env, c.arg(0), "a sparse or sequence feature", { kind: "feature", name: f.name });
    const id = embeddingTable(env, f);
    noteTableUse(env, `emb.${f.table}`, undefined);
    return tensorValue(id);
  },
};

const vocab: Builtin = {
  params: [{ name: "feature" }],
  doc: "the vocabulary size (table rows) of a sparse or sequence feature, at compile time",
  run(env, args, c) {
    const f = featureArg(env, c, args, 0);
    if (f.vocab === undefined) wrong(env, c.arg(0), "a sparse or sequence feature", { kind: "feature", name: f.name });
    return num(f.vocab);
  },
};

export const INPUT_BUILTINS: Record<string, Builtin> = {
  param, buffer, update, noise, feature: featureRaw, embed, mask, table, vocab,
};
