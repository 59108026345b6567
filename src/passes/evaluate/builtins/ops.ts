// One builtin per core op (plus unsqueeze/squeeze/stack, which are Reshape and Concat). Math functions fold
// on compile-time numbers; numbers next to tensors become scalar constants of the tensor's element type.
import type { ValueId } from "../../../ir/graph.js";
import type { OpKind } from "../../../ir/ops.js";
import { tensor } from "../../../ir/tensor.js";
import type { Dim, DType } from "../../../ir/types.js";
import { tensorPair } from "../binary.js";
import { emit, emitMulti, shapeOf, type Env } from "../env.js";
import { fail } from "../errors.js";
import { asTensor, isTensorLike, listToTensorData, typeOf } from "../tensors.js";
import { list, NONE, num, tensorValue, type Value } from "../values.js";
import {
  axesArg, axisIn, boolArg, dtypeArg, intArg, listArg, shapeArg, tensorArg, wrong, type Builtin, type CallSite,
} from "./types.js";

const X = [{ name: "x" }];

function unary(op: OpKind, fold: (x: number) => number, doc: string): Builtin {
  return {
    params: X,
    doc,
    run(env, args, c) {
      const v = args[0]!;
      if (v.kind === "num") return num(fold(v.value));
      return tensorValue(emit(env, c.span, op as "Exp", [tensorArg(env, c, args, 0)]));
    },
  };
}

function binary(op: OpKind, fold: ((a: number, b: number) => number) | undefined, doc: string): Builtin {
  return {
    params: [{ name: "a" }, { name: "b" }],
    doc,
    run(env, args, c) {
      const [a, b] = args as [Value, Value];
      if (fold && a.kind === "num" && b.kind === "num") return num(fold(a.value, b.value));
      if (!isTensorLike(a) && !isTensorLike(b)) wrong(env, c.arg(0), "numbers or tensors", a.kind === "num" ? b : a);
      const [x, y] = tensorPair(env, c.name, a, b, c.span);
      return tensorValue(emit(env, c.span, op as "Add", [x, y]));
    },
  };
}

function reduce(op: "ReduceSum" | "ReduceMean" | "ReduceMax", doc: string): Builtin {
  return {
    params: [{ name: "x" }, { name: "axes", default: NONE }, { name: "keepdims", default: { kind: "bool", value: false } }],
    doc,
    run(env, args, c) {
      const x = tensorArg(env, c, args, 0);
      const axes = axesArg(env, c, args, 1, shapeOf(env, x).length);
      return tensorValue(emit(env, c.span, op, [x], { axes, keepdims: boolArg(env, c, args, 2) }));
    },
  };
}

function softmaxLike(op: "Softmax" | "LogSoftmax", doc: string): Builtin {
  return {
    params: [{ name: "x" }, { name: "axis", default: num(-1) }],
    doc,
    run: (env, args, c) => tensorValue(emit(env, c.span, op, [tensorArg(env, c, args, 0)], { axis: intArg(env, c, args, 1) })),
  };
}

function tensorList(env: Env, c: CallSite, args: Value[], i: number): ValueId[] {
  const items = listArg(env, c, args, i);
  if (items.length === 0) wrong(env, c.arg(i), "a non-empty list of tensors", args[i]!);
  return items.map((v) => {
    if (!isTensorLike(v)) wrong(env, c.arg(i), "a list of tensors", v);
    return asTensor(env, v, c.arg(i));
  });
}

function unsqueezeId(env: Env, c: CallSite, x: ValueId, axisArg: number, i: number): ValueId {
  const s = shapeOf(env, x);
  const axis = axisIn(c, i, axisArg, s.length + 1);
  const shape: Dim[] = [...s.slice(0, axis), 1, ...s.slice(axis)];
  return emit(env, c.span, "Reshape", [x], { shape });
}

const where: Builtin = {
  params: [{ name: "cond" }, { name: "a" }, { name: "b" }],
  doc: "elementwise choice: a where cond (a bool tensor) holds, else b",
  run(env, args, c) {
    const cond = tensorArg(env, c, args, 0);
    const [a, b] = args.slice(1) as [Value, Value];
    const [x, y] = isTensorLike(a) || isTensorLike(b) ? tensorPair(env, "where", a, b, c.span)
      : [asTensor(env, a, c.arg(1)), asTensor(env, b, c.arg(2))];
    return tensorValue(emit(env, c.span, "Where", [cond, x, y]));
  },
};

const cast: Builtin = {
  params: [{ name: "x" }, { name: "dtype" }],
  doc: 'element type conversion: "f32", "i32" or "bool"',
  run: (env, args, c) => tensorValue(emit(env, c.span, "Cast", [tensorArg(env, c, args, 0)], { to: dtypeArg(env, c, args, 1) })),
};

const reshape: Builtin = {
  params: [{ name: "x" }, { name: "shape" }],
  doc: "same elements, new shape (sizes, symbols such as dim(x, 0), and -1 once)",
  run: (env, args, c) => tensorValue(emit(env, c.span, "Reshape", [tensorArg(env, c, args, 0)], { shape: shapeArg(env, c, args, 1, { inferred: true }) })),
};

const transpose: Builtin = {
  params: [{ name: "x" }, { name: "perm" }],
  doc: "permutes the axes",
  run(env, args, c) {
    const perm = listArg(env, c, args, 1).map((v) => (v.kind === "num" && Number.isInteger(v.value) ? v.value : wrong(env, c.arg(1), "a list of axes", v)));
    return tensorValue(emit(env, c.span, "Transpose", [tensorArg(env, c, args, 0)], { perm }));
  },
};

const concat: Builtin = {
  params: [{ name: "xs" }, { name: "axis", default: num(-1) }],
  doc: "joins a list of tensors along an axis",
  run: (env, args, c) => tensorValue(emit(env, c.span, "Concat", tensorList(env, c, args, 0), { axis: intArg(env, c, args, 1) })),
};

const stack: Builtin = {
  params: [{ name: "xs" }, { name: "axis", default: num(0) }],
  doc: "joins a list of equally shaped tensors along a new axis",
  run(env, args, c) {
    const xs = tensorList(env, c, args, 0);
    const axis = intArg(env, c, args, 1);
    const rank = shapeOf(env, xs[0]!).length + 1;
    const a = axisIn(c, 1, axis, rank);
    return tensorValue(emit(env, c.span, "Concat", xs.map((x) => unsqueezeId(env, c, x, a, 1)), { axis: a }));
  },
};

const slice: Builtin = {
  params: [{ name: "x" }, { name: "axis" }, { name: "start" }, { name: "end", default: NONE }],
  doc: "x[start:end] along one axis (static bounds; negative values count from the end)",
  run(env, args, c) {
    const x = tensorArg(env, c, args, 0);
    const s = shapeOf(env, x);
    const axis = axisIn(c, 1, intArg(env, c, args, 1), s.length);
    const size = s[axis]!;
    if (typeof size !== "number") fail("RECH4005", c.arg(1), { what: "the sliced axis", found: size });
    const norm = (v: number) => (v < 0 ? v + size : v);
    const start = norm(intArg(env, c, args, 2));
    const end = args[3]!.kind === "none" ? size : norm(intArg(env, c, args, 3));
    return tensorValue(emit(env, c.span, "Slice", [x], { axis, start, end }));
  },
};

const expand: Builtin = {
  params: [{ name: "x" }, { name: "shape" }],
  doc: "broadcasts x to a larger shape",
  run: (env, args, c) => tensorValue(emit(env, c.span, "Expand", [tensorArg(env, c, args, 0)], { shape: shapeArg(env, c, args, 1) })),
};

const gather: Builtin = {
  params: [{ name: "table" }, { name: "indices" }],
  doc: "rows of table (axis 0) at i32 indices: shape indices.shape + table.shape[1:]",
  run: (env, args, c) => tensorValue(emit(env, c.span, "Gather", [tensorArg(env, c, args, 0), tensorArg(env, c, args, 1)])),
};

const topk: Builtin = {
  params: [{ name: "x" }, { name: "k" }],
  doc: "the k largest values along the last axis and their i32 indices: values, indices = topk(x, k)",
  run(env, args, c) {
    const [v, i] = emitMulti(env, c.span, "TopK", [tensorArg(env, c, args, 0)], { k: intArg(env, c, args, 1) });
    return list([tensorValue(v!), tensorValue(i!)]);
  },
};

const argmax: Builtin = {
  params: [{ name: "x" }, { name: "axis", default: num(-1) }, { name: "keepdims", default: { kind: "bool", value: false } }],
  doc: "i32 index of the largest value along an axis",
  run: (env, args, c) => tensorValue(emit(env, c.span, "ArgMax", [tensorArg(env, c, args, 0)], { axis: intArg(env, c, args, 1), keepdims: boolArg(env, c, args, 2) })),
};

function fillLike(value: number | undefined, doc: string): Builtin {
  const params = value === undefined ? [{ name: "x" }, { name: "value" }, { name: "dtype", default: NONE }] : [{ name: "x" }, { name: "dtype", default: NONE }];
  return {
    params,
    doc,
    run(env, args, c) {
      const x = tensorArg(env, c, args, 0);
      const di = value === undefined ? 2 : 1;
      const dtype: DType = args[di]!.kind === "none" ? typeOf(env, x).dtype : dtypeArg(env, c, args, di);
      const v = value ?? (args[1]!.kind === "num" ? (args[1] as { value: number }).value : wrong(env, c.arg(1), "a number", args[1]!));
      return tensorValue(emit(env, c.span, "FillLike", [x], { value: v, dtype }));
    },
  };
}

const constB: Builtin = {
  params: [{ name: "values" }, { name: "dtype", default: NONE }],
  doc: "a constant tensor from a (nested) compile-time list or a number",
  run(env, args, c) {
    const v = args[0]!;
    const dtype = args[1]!.kind === "none" ? undefined : dtypeArg(env, c, args, 1);
    const t = v.kind === "num" || v.kind === "bool" ? { shape: [], data: [v.kind === "num" ? v.value : v.value ? 1 : 0], dtype: dtype ?? (v.kind === "bool" ? "bool" : "f32") as DType }
      : listToTensorData(v, c.arg(0), dtype);
    return tensorValue(emit(env, c.span, "Constant", [], { value: tensor(t.dtype, t.shape, t.data) }));
  },
};

const unsqueeze: Builtin = {
  params: [{ name: "x" }, { name: "axis" }],
  doc: "inserts an axis of size 1",
  run: (env, args, c) => tensorValue(unsqueezeId(env, c, tensorArg(env, c, args, 0), intArg(env, c, args, 1), 1)),
};

const squeeze: Builtin = {
  params: [{ name: "x" }, { name: "axis" }],
  doc: "removes an axis of size 1",
  run(env, args, c) {
    const x = tensorArg(env, c, args, 0);
    const s = shapeOf(env, x);
    const axis = axisIn(c, 1, intArg(env, c, args, 1), s.length);
    if (s[axis] !== 1) fail("RECH4001", c.span, { op: "squeeze", detail: `axis ${axis} of [${s.join(", ")}] has size ${s[axis]}, not 1` });
    return tensorValue(emit(env, c.span, "Reshape", [x], { shape: s.filter((_, i) => i !== axis) }));
  },
};

const simple = (op: OpKind, doc: string): Builtin => ({
  params: X,
  doc,
  run: (env, args, c) => tensorValue(emit(env, c.span, op as "Identity", [tensorArg(env, c, args, 0)])),
});

export const OP_BUILTINS: Record<string, Builtin> = {
  exp: unary("Exp", Math.exp, "e^x"),
  log: unary("Log", Math.log, "natural logarithm"),
  sqrt: unary("Sqrt", Math.sqrt, "square root"),
  tanh: unary("Tanh", Math.tanh, "hyperbolic tangent"),
  sigmoid: unary("Sigmoid", (x) => 1 / (1 + Math.exp(-x)), "logistic sigmoid"),
  relu: unary("Relu", (x) => Math.max(x, 0), "max(x, 0)"),
  softplus: unary("Softplus", (x) => Math.log1p(Math.exp(x)), "ln(1 + e^x)"),
  abs: unary("Abs", Math.abs, "absolute value"),
  max: binary("Max", Math.max, "elementwise maximum (broadcasting)"),
  min: binary("Min", Math.min, "elementwise minimum (broadcasting)"),
  pow: binary("Pow", Math.pow, "a^b elementwise"),
  matmul: binary("MatMul", undefined, "matrix product over the last two axes (same as @)"),
  where, cast,
  sum: reduce("ReduceSum", "sum over axes (all when omitted)"),
  mean: reduce("ReduceMean", "mean over axes (all when omitted)"),
  reduce_max: reduce("ReduceMax", "maximum over axes (all when omitted)"),
  softmax: softmaxLike("Softmax", "softmax along an axis (default -1)"),
  log_softmax: softmaxLike("LogSoftmax", "log-softmax along an axis (default -1)"),
  reshape, transpose, concat, stack, slice, expand, gather, topk, argmax,
  stop_gradient: simple("StopGradient", "identity whose gradient is zero"),
  identity: simple("Identity", "identity"),
  fill_like: fillLike(undefined, "a tensor shaped like x filled with value"),
  zeros_like: fillLike(0, "zeros shaped like x"),
  ones_like: fillLike(1, "ones shaped like x"),
  const: constB, unsqueeze, squeeze,
};
