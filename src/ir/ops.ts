// The core op set: about thirty ops close to ONNX. One table gives each op its arity and shape rule;
// the gradient rules (passes/autodiff) and ONNX lowerings (codegen/onnx) are tables keyed by the same union.
import type { Tensor } from "./tensor.js";
import {
  broadcastShapes, dimDiv, dimEq, dimProduct, formatShape, normAxis,
  type Dim, type DType, type TensorType,
} from "./types.js";

type NoAttrs = Record<string, never>;
type Reduce = { axes: number[]; keepdims: boolean };

export interface OpAttrs {
  Add: NoAttrs; Sub: NoAttrs; Mul: NoAttrs; Div: NoAttrs; Pow: NoAttrs; Max: NoAttrs; Min: NoAttrs;
  Equal: NoAttrs; Less: NoAttrs; Greater: NoAttrs; And: NoAttrs; Or: NoAttrs;
  Neg: NoAttrs; Exp: NoAttrs; Log: NoAttrs; Sqrt: NoAttrs; Tanh: NoAttrs; Sigmoid: NoAttrs; Relu: NoAttrs;
  Abs: NoAttrs; Softplus: NoAttrs; Not: NoAttrs; Identity: NoAttrs; StopGradient: NoAttrs;
  Cast: { to: DType };
  Where: NoAttrs;
  MatMul: NoAttrs;
  ReduceSum: Reduce; ReduceMean: Reduce; ReduceMax: Reduce;
  Softmax: { axis: number }; LogSoftmax: { axis: number };
  Reshape: { shape: Dim[] };
  Transpose: { perm: number[] };
  Concat: { axis: number };
  Slice: { axis: number; start: number; end: number };
  Expand: { shape: Dim[] };
  Gather: NoAttrs;
  ScatterAdd: NoAttrs;
  TopK: { k: number };
  ArgMax: { axis: number; keepdims: boolean };
  Constant: { value: Tensor };
  FillLike: { value: number; dtype: DType };
}
export type OpKind = keyof OpAttrs;

export type ShapeResult = { types: TensorType[] } | { error: string };

export interface OpDef<K extends OpKind> {
  /** number of inputs, or "variadic" */
  arity: number | "variadic";
  /** number of outputs */
  outputs: number;
  infer(inputs: TensorType[], attrs: OpAttrs[K]): ShapeResult;
}

const ok = (...types: TensorType[]): ShapeResult => ({ types });
const fail = (error: string): ShapeResult => ({ error });

function needFloat(t: TensorType, what: string): string | undefined {
  return t.dtype === "f32" ? undefined : `${what} needs a float tensor, got ${t.dtype}`;
}

function binary(out: "same" | "bool", accept: (d: DType) => boolean) {
  return {
    arity: 2, outputs: 1,
    infer([a, b]: TensorType[]): ShapeResult {
      if (a.dtype !== b.dtype) return fail(`operands have different element types: ${a.dtype} and ${b.dtype}`);
      if (!accept(a.dtype)) return fail(`operands of element type ${a.dtype} are not supported here`);
      const shape = broadcastShapes(a.shape, b.shape);
      if (!shape) return fail(`shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} do not broadcast`);
      return ok({ dtype: out === "bool" ? "bool" : a.dtype, shape });
    },
  };
}
const numeric = (d: DType) => d !== "bool";
const floatOnly = (d: DType) => d === "f32";
const boolOnly = (d: DType) => d === "bool";

function unary(accept: (d: DType) => boolean) {
  return {
    arity: 1, outputs: 1,
    infer([a]: TensorType[]): ShapeResult {
      return accept(a.dtype) ? ok(a) : fail(`element type ${a.dtype} is not supported here`);
    },
  };
}

function reduce() {
  return {
    arity: 1, outputs: 1,
    infer([a]: TensorType[], { axes, keepdims }: Reduce): ShapeResult {
      if (a.dtype === "bool") return fail("reductions need a numeric tensor, got bool");
      const r = a.shape.length;
      const ax = axes.map((x) => normAxis(x, r));
      if (ax.some((x) => x < 0 || x >= r)) return fail(`axes ${JSON.stringify(axes)} out of range for rank ${r}`);
      const shape: Dim[] = [];
      a.shape.forEach((d, i) => {
        if (!ax.includes(i)) shape.push(d);
        else if (keepdims) shape.push(1);
      });
      return ok({ dtype: a.dtype, shape });
    },
  };
}

function axisOp() {
  return {
    arity: 1, outputs: 1,
    infer([a]: TensorType[], { axis }: { axis: number }): ShapeResult {
      const ax = normAxis(axis, a.shape.length);
      if (ax < 0 || ax >= a.shape.length) return fail(`axis ${axis} out of range for rank ${a.shape.length}`);
      return needFloat(a, "softmax") ? fail(needFloat(a, "softmax")!) : ok(a);
    },
  };
}

export const OPS = {
  Add: binary("same", numeric), Sub: binary("same", numeric), Mul: binary("same", numeric),
  Div: binary("same", numeric), Pow: binary("same", floatOnly), Max: binary("same", numeric),
  Min: binary("same", numeric),
  Equal: binary("bool", () => true), Less: binary("bool", numeric), Greater: binary("bool", numeric),
  And: binary("bool", boolOnly), Or: binary("bool", boolOnly),
  Neg: unary(numeric), Exp: unary(floatOnly), Log: unary(floatOnly), Sqrt: unary(floatOnly),
  Tanh: unary(floatOnly), Sigmoid: unary(floatOnly), Relu: unary(floatOnly), Abs: unary(numeric),
  Softplus: unary(floatOnly), Not: unary(boolOnly), Identity: unary(() => true), StopGradient: unary(() => true),
  Cast: { arity: 1, outputs: 1, infer: ([a], { to }) => ok({ dtype: to, shape: a.shape }) },
  Where: {
    arity: 3, outputs: 1,
    infer([c, a, b]) {
      if (c.dtype !== "bool") return fail(`the condition must be bool, got ${c.dtype}`);
      if (a.dtype !== b.dtype) return fail(`branches have different element types: ${a.dtype} and ${b.dtype}`);
      const s1 = broadcastShapes(a.shape, b.shape);
      const shape = s1 && broadcastShapes(c.shape, s1);
      if (!shape) return fail(`shapes ${formatShape(c.shape)}, ${formatShape(a.shape)}, ${formatShape(b.shape)} do not broadcast`);
      return ok({ dtype: a.dtype, shape });
    },
  },
  MatMul: {
    arity: 2, outputs: 1,
    infer([a, b]) {
      if (a.dtype !== "f32" || b.dtype !== "f32") return fail("matmul needs float operands");
      if (a.shape.length < 2 || b.shape.length < 2) {
        return fail(`matmul needs operands of rank >= 2, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
      }
      const k1 = a.shape[a.shape.length - 1], k2 = b.shape[b.shape.length - 2];
      if (!dimEq(k1, k2)) return fail(`inner dimensions differ: ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
      const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
      if (!batch) return fail(`batch dimensions of ${formatShape(a.shape)} and ${formatShape(b.shape)} do not broadcast`);
      return ok({ dtype: "f32", shape: [...batch, a.shape[a.shape.length - 2], b.shape[b.shape.length - 1]] });
    },
  },
  ReduceSum: reduce(), ReduceMean: reduce(), ReduceMax: reduce(),
  Softmax: axisOp(), LogSoftmax: axisOp(),
  Reshape: {
    arity: 1, outputs: 1,
    infer([a], { shape }) {
      const inferred = shape.filter((d) => d === -1).length;
      if (inferred > 1) return fail("a reshape target may contain -1 only once");
      const total = dimProduct(a.shape);
      const known = dimProduct(shape.filter((d) => d !== -1));
      if (inferred === 0) {
        return dimEq(total, known) ? ok({ dtype: a.dtype, shape })
          : fail(`cannot reshape ${formatShape(a.shape)} to ${formatShape(shape)}`);
      }
      const rest = dimDiv(total, known);
      if (rest === undefined) return fail(`cannot reshape ${formatShape(a.shape)} to ${formatShape(shape)}`);
      return ok({ dtype: a.dtype, shape: shape.map((d) => (d === -1 ? rest : d)) });
    },
  },
  Transpose: {
    arity: 1, outputs: 1,
    infer([a], { perm }) {
      const r = a.shape.length;
      if (perm.length !== r || [...perm].sort((x, y) => x - y).some((p, i) => p !== i)) {
        return fail(`permutation ${JSON.stringify(perm)} does not fit rank ${r}`);
      }
      return ok({ dtype: a.dtype, shape: perm.map((p) => a.shape[p]) });
    },
  },
  Concat: {
    arity: "variadic", outputs: 1,
    infer(ins, { axis }) {
      if (ins.length === 0) return fail("concat needs at least one input");
      const r = ins[0].shape.length;
      const ax = normAxis(axis, r);
      if (ax < 0 || ax >= r) return fail(`axis ${axis} out of range for rank ${r}`);
      let total: Dim = 0;
      for (const t of ins) {
        if (t.dtype !== ins[0].dtype) return fail("concat inputs have different element types");
        if (t.shape.length !== r) return fail(`concat inputs have different ranks: ${ins.map((x) => formatShape(x.shape)).join(", ")}`);
        for (let i = 0; i < r; i++) {
          if (i !== ax && !dimEq(t.shape[i], ins[0].shape[i])) {
            return fail(`concat inputs differ in dimension ${i}: ${ins.map((x) => formatShape(x.shape)).join(", ")}`);
          }
        }
        const d = t.shape[ax];
        if (typeof d !== "number" || typeof total !== "number") return fail("concat along a symbolic dimension is not supported");
        total += d;
      }
      const shape = [...ins[0].shape];
      shape[ax] = total;
      return ok({ dtype: ins[0].dtype, shape });
    },
  },
  Slice: {
    arity: 1, outputs: 1,
    infer([a], { axis, start, end }) {
      const ax = normAxis(axis, a.shape.length);
      const d = a.shape[ax];
      if (typeof d !== "number") return fail("slicing a symbolic dimension is not supported");
      if (start < 0 || end > d || start >= end) return fail(`slice ${start}:${end} out of range for dimension of size ${d}`);
      const shape = [...a.shape];
      shape[ax] = end - start;
      return ok({ dtype: a.dtype, shape });
    },
  },
  Expand: {
    arity: 1, outputs: 1,
    infer([a], { shape }) {
      const s = broadcastShapes(a.shape, shape);
      if (!s) return fail(`cannot expand ${formatShape(a.shape)} to ${formatShape(shape)}`);
      return ok({ dtype: a.dtype, shape: s });
    },
  },
  Gather: {
    arity: 2, outputs: 1,
    infer([table, idx]) {
      if (idx.dtype !== "i32") return fail(`gather indices must be i32, got ${idx.dtype}`);
      if (table.shape.length < 1) return fail("gather needs a table of rank >= 1");
      return ok({ dtype: table.dtype, shape: [...idx.shape, ...table.shape.slice(1)] });
    },
  },
  ScatterAdd: {
    arity: 3, outputs: 1,
    infer([data, idx, upd]) {
      if (idx.dtype !== "i32") return fail(`scatter indices must be i32, got ${idx.dtype}`);
      if (data.dtype === "bool" || upd.dtype !== data.dtype) return fail(`scatter-add needs numeric data and updates of one type, got ${data.dtype} and ${upd.dtype}`);
      const want = [...idx.shape, ...data.shape.slice(1)];
      if (want.length !== upd.shape.length || want.some((d, i) => !dimEq(d, upd.shape[i]))) {
        return fail(`updates ${formatShape(upd.shape)} do not match indices and rows ${formatShape(want)}`);
      }
      return ok(data);
    },
  },
  TopK: {
    arity: 1, outputs: 2,
    infer([a], { k }) {
      const last = a.shape[a.shape.length - 1];
      if (typeof last === "number" && k > last) return fail(`top ${k} of a dimension of size ${last}`);
      const shape = [...a.shape.slice(0, -1), k];
      return ok({ dtype: a.dtype, shape }, { dtype: "i32", shape });
    },
  },
  ArgMax: {
    arity: 1, outputs: 1,
    infer([a], { axis, keepdims }) {
      const ax = normAxis(axis, a.shape.length);
      if (ax < 0 || ax >= a.shape.length) return fail(`axis ${axis} out of range`);
      const shape = a.shape.flatMap((d, i) => (i !== ax ? [d] : keepdims ? [1] : []));
      return ok({ dtype: "i32", shape });
    },
  },
  Constant: { arity: 0, outputs: 1, infer: (_, { value }) => ok({ dtype: value.dtype, shape: value.shape }) },
  FillLike: { arity: 1, outputs: 1, infer: ([a], { dtype }) => ok({ dtype, shape: a.shape }) },
} satisfies { [K in OpKind]: OpDef<K> };

export function inferOp<K extends OpKind>(op: K, inputs: TensorType[], attrs: OpAttrs[K]): ShapeResult {
  const def = OPS[op] as unknown as OpDef<K>;
  if (def.arity !== "variadic" && def.arity !== inputs.length) {
    return { error: `${op} takes ${def.arity} inputs, got ${inputs.length}` };
  }
  return def.infer(inputs, attrs);
}
