// A thin expression builder over Graph.add, shared by gradient rules, loss heads and optimizers.
// Value ids are numbers, so literals are never implicit: write b.k(2) for an f32 scalar Constant.
import type { Graph, ValueId } from "../../ir/graph.js";
import type { OpAttrs, OpKind } from "../../ir/ops.js";
import { tensor, type Tensor } from "../../ir/tensor.js";
import type { Dim, DType, TensorType } from "../../ir/types.js";

export class Builder {
  constructor(readonly g: Graph) {}

  op<K extends OpKind>(kind: K, inputs: ValueId[], attrs: OpAttrs[K] = {} as OpAttrs[K]): ValueId {
    return this.g.add(kind, inputs, attrs);
  }

  type(v: ValueId): TensorType {
    return this.g.type(v);
  }
  shape(v: ValueId): Dim[] {
    return this.g.type(v).shape;
  }
  rank(v: ValueId): number {
    return this.g.type(v).shape.length;
  }

  constant(t: Tensor): ValueId {
    return this.op("Constant", [], { value: t });
  }
  scalar(x: number, dtype: DType = "f32"): ValueId {
    return this.constant(tensor(dtype, [], [x]));
  }
  /** an f32 scalar constant */
  k(x: number): ValueId {
    return this.scalar(x);
  }

  add(a: ValueId, b: ValueId): ValueId { return this.op("Add", [a, b]); }
  sub(a: ValueId, b: ValueId): ValueId { return this.op("Sub", [a, b]); }
  mul(a: ValueId, b: ValueId): ValueId { return this.op("Mul", [a, b]); }
  div(a: ValueId, b: ValueId): ValueId { return this.op("Div", [a, b]); }
  pow(a: ValueId, b: ValueId): ValueId { return this.op("Pow", [a, b]); }
  max(a: ValueId, b: ValueId): ValueId { return this.op("Max", [a, b]); }
  min(a: ValueId, b: ValueId): ValueId { return this.op("Min", [a, b]); }
  greater(a: ValueId, b: ValueId): ValueId { return this.op("Greater", [a, b]); }
  less(a: ValueId, b: ValueId): ValueId { return this.op("Less", [a, b]); }
  equal(a: ValueId, b: ValueId): ValueId { return this.op("Equal", [a, b]); }

  neg(x: ValueId): ValueId { return this.op("Neg", [x]); }
  exp(x: ValueId): ValueId { return this.op("Exp", [x]); }
  log(x: ValueId): ValueId { return this.op("Log", [x]); }
  sqrt(x: ValueId): ValueId { return this.op("Sqrt", [x]); }
  sigmoid(x: ValueId): ValueId { return this.op("Sigmoid", [x]); }
  softplus(x: ValueId): ValueId { return this.op("Softplus", [x]); }
  stopGradient(x: ValueId): ValueId { return this.op("StopGradient", [x]); }
  cast(x: ValueId, to: DType): ValueId { return this.op("Cast", [x], { to }); }

    where(c: ValueId, a: ValueId, b: ValueId): ValueId { return this.op("Where", [c, a, b]); }

  sum(x: ValueId, axes: number[], keepdims = false): ValueId { return this.op("ReduceSum", [x], { axes, keepdims }); }
  mean(x: ValueId, axes: number[], keepdims = false): ValueId { return this.op("ReduceMean", [x], { axes, keepdims }); }
  reduceMax(x: ValueId, axes: number[], keepdims = false): ValueId { return this.op("ReduceMax", [x], { axes, keepdims }); }
  /** Sum or mean over every axis, giving a scalar. */
  sumAll(x: ValueId): ValueId { return this.rank(x) === 0 ? x : this.sum(x, this.shape(x).map((_, i) => i)); }
  meanAll(x: ValueId): ValueId { return this.rank(x) === 0 ? x : this.mean(x, this.shape(x).map((_, i) => i)); }

  matmul(a: ValueId, b: ValueId): ValueId { return this.op("MatMul", [a, b]); }
  transpose(x: ValueId, perm: number[]): ValueId { return this.op("Transpose", [x], { perm }); }
  /** Swap the last two axes. */
  swapLast(x: ValueId): ValueId {
    const r = this.rank(x);
    const perm = Array.from({ length: r }, (_, i) => i);
    [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
    return this.transpose(x, perm);
  }
  slice(x: ValueId, axis: number, start: number, end: number): ValueId {
    return this.op("Slice", [x], { axis, start, end });
  }
  concat(xs: ValueId[], axis: number): ValueId { return this.op("Concat", xs, { axis }); }
  fillLike(x: ValueId, value: number, dtype: DType = "f32"): ValueId { return this.op("FillLike", [x], { value, dtype }); }

  /** Reshape to `shape`; a single symbolic dimension is written as -1 so the target stays mostly static. */
  reshape(x: ValueId, shape: Dim[]): ValueId {
    const symbolic = shape.filter((d) => typeof d !== "number").length;
    const target = symbolic === 1 && !shape.includes(-1) ? shape.map((d) => (typeof d === "number" ? d : -1)) : shape;
    return this.op("Reshape", [x], { shape: target });
  }
}
