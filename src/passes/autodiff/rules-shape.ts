// Gradient rules of reductions, softmax, linear algebra, data movement and index ops.
import type { ValueId } from "../../ir/graph.js";
import { tensor } from "../../ir/tensor.js";
import { normAxis, type Dim } from "../../ir/types.js";
import { broadcastLike } from "./broadcast.js";
import type { Builder } from "./builder.js";
import type { GradRule } from "./rule.js";
import { ZERO } from "./zero.js";

type ShapeOp =
  | "MatMul" | "ReduceSum" | "ReduceMean" | "ReduceMax" | "Softmax" | "LogSoftmax"
  | "Reshape" | "Transpose" | "Concat" | "Slice" | "Expand" | "Gather" | "ScatterAdd"
  | "TopK" | "ArgMax" | "Constant" | "FillLike";

/** A reduction's output (or its gradient) with the reduced axes put back as size 1. */
function keptDims(b: Builder, v: ValueId, x: ValueId, axes: number[], keepdims: boolean): ValueId {
  if (keepdims) return v;
  const r = b.rank(x);
  const ax = axes.map((a) => normAxis(a, r));
  return b.reshape(v, b.shape(x).map((d, i) => (ax.includes(i) ? 1 : d)));
}

/** A reduction's output or gradient broadcast back over the reduced axes to x's shape. */
function unreduce(b: Builder, v: ValueId, x: ValueId, axes: number[], keepdims: boolean): ValueId {
  return broadcastLike(b, keptDims(b, v, x, axes, keepdims), x);
}

/** Number of elements each output of a reduction summarises: a scalar constant when static. */
function reducedCount(b: Builder, x: ValueId, axes: number[]): ValueId {
  const r = b.rank(x);
  const dims: Dim[] = axes.map((a) => b.shape(x)[normAxis(a, r)]);
  if (dims.every((d) => typeof d === "number")) return b.scalar(dims.reduce((p: number, d) => p * (d as number), 1));
  return b.sum(b.fillLike(x, 1), axes, true);
}

export const SHAPE_RULES = {
  // batch axes may broadcast: the walker sums the results back to each operand's shape
  MatMul: ({ b, gy, x: [p, q] }) => [() => b.matmul(gy, b.swapLast(q)), () => b.matmul(b.swapLast(p), gy)],
  ReduceSum: ({ b, gy, x: [p], attrs: { axes, keepdims } }) => [() => unreduce(b, gy, p, axes, keepdims)],
  ReduceMean: ({ b, gy, x: [p], attrs: { axes, keepdims } }) => [
    () => b.div(unreduce(b, gy, p, axes, keepdims), reducedCount(b, p, axes)),
  ],
  // ties share the gradient evenly (as torch.amax)
  ReduceMax: ({ b, gy, x: [p], y: [out], attrs: { axes, keepdims } }) => [() => {
    const mask = b.equal(p, unreduce(b, out, p, axes, keepdims));
    const count = b.sum(b.cast(mask, "f32"), axes, true);
    return b.div(b.where(mask, unreduce(b, gy, p, axes, keepdims), b.k(0)), count);
  }],
  Softmax: ({ b, gy, y: [s], attrs: { axis } }) => [
    () => b.mul(s, b.sub(gy, b.sum(b.mul(gy, s), [axis], true))),
  ],
  LogSoftmax: ({ b, gy, y: [ls], attrs: { axis } }) => [
    () => b.sub(gy, b.mul(b.exp(ls), b.sum(gy, [axis], true))),
  ],
  Reshape: ({ b, gy, x: [p] }) => [() => b.reshape(gy, b.shape(p))],
  Transpose: ({ b, gy, attrs: { perm } }) => [() => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return b.transpose(gy, inv);
  }],
  Concat: ({ b, gy, x, attrs: { axis } }) => {
    const ax = normAxis(axis, b.rank(gy));
    let offset = 0;
    return x.map((p) => {
      const start = offset, end = offset + (b.shape(p)[ax] as number);
      offset = end;
      return () => b.slice(gy, ax, start, end);
    });
  },
  // pad with zero blocks shaped like the cut-off parts of the input
  Slice: ({ b, gy, x: [p], attrs: { axis, start, end } }) => [() => {
    const ax = normAxis(axis, b.rank(p));
    const n = b.shape(p)[ax] as number;
    const pieces = [gy];
    if (start > 0) pieces.unshift(b.fillLike(b.slice(p, ax, 0, start), 0));
    if (end < n) pieces.push(b.fillLike(b.slice(p, ax, end, n), 0));
    return pieces.length === 1 ? gy : b.concat(pieces, ax);
  }],
  Expand: ({ gy }) => [() => gy],
  Gather: ({ b, gy, x: [table, idx] }) => [() => b.op("ScatterAdd", [b.fillLike(table, 0), idx, gy]), ZERO],
  ScatterAdd: ({ b, gy, x: [, idx] }) => [() => gy, ZERO, () => b.op("Gather", [gy, idx])],
  // values: one-hot of the indices over the last axis (needs a static last axis); indices: no gradient
  TopK: ({ b, gy, x: [p], y: [, idx] }) => [() => {
    const shape = b.shape(p);
    const n = shape[shape.length - 1];
    if (typeof n !== "number") throw new Error("TopK gradient needs a static last dimension");
    const range = b.constant(tensor("i32", [n], Array.from({ length: n }, (_, i) => i)));
    const idxCol = b.reshape(idx, [...b.shape(idx), 1]);
    const onehot = b.equal(idxCol, range);
    const gyCol = b.reshape(gy, [...b.shape(gy), 1]);
    return b.sum(b.where(onehot, gyCol, b.k(0)), [b.rank(idx) - 1], false);
  }],
  ArgMax: () => [ZERO],
  Constant: () => [],
  FillLike: () => [ZERO],
} satisfies { [K in ShapeOp]: GradRule<K> };
