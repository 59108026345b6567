// The table of core-op cases used by ops.test.ts: declared input types (B and T are symbolic), attributes,
// the expected result of the shape rule (types, or a piece of the error message) and optional fixed data.
import type { OpAttrs, OpKind } from "../../src/ir/ops.js";
import type { Dim, DType, TensorType } from "../../src/ir/types.js";

/** A declared input; data (row-major, with B = 3 and T = 2) or a value range for random data. */
export interface InputSpec extends TensorType {
  data?: number[];
  lo?: number;
  hi?: number;
}

export interface OpCase<K extends OpKind = OpKind> {
  name: string;
  op: K;
  inputs: InputSpec[];
  attrs: OpAttrs[K];
  /** expected output types, or a substring of the shape rule's error */
  expect: TensorType[] | string;
}

export const BINDINGS = { B: 3, T: 2 };

export const t = (dtype: DType, shape: Dim[], extra: Partial<InputSpec> = {}): InputSpec => ({ dtype, shape, ...extra });
export const f = (shape: Dim[], extra: Partial<InputSpec> = {}) => t("f32", shape, extra);
export const i = (shape: Dim[], extra: Partial<InputSpec> = {}) => t("i32", shape, extra);
export const b = (shape: Dim[], extra: Partial<InputSpec> = {}) => t("bool", shape, extra);
export const none = {} as Record<string, never>;
export const ty = (dtype: DType, shape: Dim[]): TensorType => ({ dtype, shape });

export function c<K extends OpKind>(name: string, op: K, inputs: InputSpec[], attrs: OpAttrs[K], expect: TensorType[] | string): OpCase {
  return { name, op, inputs, attrs, expect } as OpCase;
}

const binaries: OpCase[] = [
  c("Add broadcasts a vector over rows", "Add", [f(["B", 3]), f([3])], none, [ty("f32", ["B", 3])]),
  c("Add i32 with broadcasting on both sides", "Add", [i(["B", 1]), i([1, 4])], none, [ty("i32", ["B", 4])]),
  c("Add rejects mixed element types", "Add", [f([3]), i([3])], none, "different element types"),
  c("Add rejects shapes that do not broadcast", "Add", [f(["B", 3]), f([4])], none, "do not broadcast"),
  c("Sub rank-3 against rank-2", "Sub", [f(["B", 1, 3]), f([4, 1])], none, [ty("f32", ["B", 4, 3])]),
  c("Mul by a scalar", "Mul", [f(["B", 3]), f([])], none, [ty("f32", ["B", 3])]),
  c("Div f32", "Div", [f(["B", 3]), f([3], { lo: 0.5, hi: 2 })], none, [ty("f32", ["B", 3])]),
  c("Div i32 truncates toward zero", "Div", [i([6], { data: [7, -7, 7, -7, 0, 9] }), i([6], { data: [2, 2, -2, -2, 5, 3] })], none, [ty("i32", [6])]),
  c("Pow with a positive base", "Pow", [f(["B", 3], { lo: 0.5, hi: 2 }), f([3])], none, [ty("f32", ["B", 3])]),
  c("Pow rejects i32", "Pow", [i([3]), i([3])], none, "not supported"),
  c("Max f32", "Max", [f(["B", 3]), f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Max i32 broadcast", "Max", [i(["B", 3]), i([])], none, [ty("i32", ["B", 3])]),
  c("Min f32 broadcast", "Min", [f(["B", 3]), f(["B", 1])], none, [ty("f32", ["B", 3])]),
  c("Min rejects bool", "Min", [b([2]), b([2])], none, "not supported"),
  c("Equal i32 gives bool", "Equal", [i(["B", 4], { lo: 0, hi: 2 }), i([4], { lo: 0, hi: 2 })], none, [ty("bool", ["B", 4])]),
  c("Equal on bools", "Equal", [b(["B", 2]), b(["B", 2])], none, [ty("bool", ["B", 2])]),
  c("Less f32", "Less", [f(["B", 3]), f([3])], none, [ty("bool", ["B", 3])]),
  c("Less rejects bool", "Less", [b([2]), b([2])], none, "not supported"),
  c("Greater i32", "Greater", [i(["B", 3], { lo: -2, hi: 2 }), i(["B", 3], { lo: -2, hi: 2 })], none, [ty("bool", ["B", 3])]),
  c("And", "And", [b(["B", 3]), b([3])], none, [ty("bool", ["B", 3])]),
  c("And rejects f32", "And", [f([3]), f([3])], none, "not supported"),
  c("Or", "Or", [b(["B", 3]), b(["B", 3])], none, [ty("bool", ["B", 3])]),
];

const unaries: OpCase[] = [
  c("Neg f32", "Neg", [f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Neg i32", "Neg", [i(["B", 3])], none, [ty("i32", ["B", 3])]),
  c("Exp", "Exp", [f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Exp rejects i32", "Exp", [i([3])], none, "not supported"),
  c("Log of positives", "Log", [f(["B", 3], { lo: 0.1, hi: 3 })], none, [ty("f32", ["B", 3])]),
  c("Sqrt of positives", "Sqrt", [f(["B", 3], { lo: 0, hi: 3 })], none, [ty("f32", ["B", 3])]),
  c("Tanh", "Tanh", [f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Sigmoid", "Sigmoid", [f(["B", 3], { lo: -8, hi: 8 })], none, [ty("f32", ["B", 3])]),
  c("Relu", "Relu", [f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Abs i32", "Abs", [i(["B", 3], { lo: -5, hi: 5 })], none, [ty("i32", ["B", 3])]),
  c("Abs f32", "Abs", [f(["B", 3])], none, [ty("f32", ["B", 3])]),
  c("Softplus stays finite and exact for large |x|", "Softplus",
    [f([10], { data: [-200, -100, -30, -1, -1e-3, 0, 1e-3, 30, 100, 200] })], none, [ty("f32", [10])]),
  c("Softplus rejects i32", "Softplus", [i([2])], none, "not supported"),
  c("Not", "Not", [b(["B", 3])], none, [ty("bool", ["B", 3])]),
  c("Not rejects f32", "Not", [f([3])], none, "not supported"),
  c("Identity of bools", "Identity", [b(["B", 2])], none, [ty("bool", ["B", 2])]),
  c("Identity keeps the type", "Identity", [i(["B", 2])], none, [ty("i32", ["B", 2])]),
  c("StopGradient is an identity", "StopGradient", [f(["B", 2])], none, [ty("f32", ["B", 2])]),
];

const casts: OpCase[] = [
  c("Cast f32 -> i32 truncates", "Cast", [f([6], { data: [1.7, -1.7, 0.2, -0.2, 3, -3] })], { to: "i32" }, [ty("i32", [6])]),
  c("Cast i32 -> f32", "Cast", [i(["B", 3])], { to: "f32" }, [ty("f32", ["B", 3])]),
  c("Cast f32 -> bool (nonzero)", "Cast", [f([4], { data: [0, 1.5, -0.25, 0] })], { to: "bool" }, [ty("bool", [4])]),
  c("Cast bool -> f32", "Cast", [b(["B", 3])], { to: "f32" }, [ty("f32", ["B", 3])]),
  c("Cast bool -> i32", "Cast", [b(["B", 3])], { to: "i32" }, [ty("i32", ["B", 3])]),
  c("Cast i32 -> bool", "Cast", [i([4], { data: [0, 2, -1, 0] })], { to: "bool" }, [ty("bool", [4])]),
];

const wheres: OpCase[] = [
  c("Where broadcasts condition and branches", "Where", [b(["B", 1]), f(["B", 3]), f([3])], none, [ty("f32", ["B", 3])]),
  c("Where on i32 branches", "Where", [b(["B", 3]), i(["B", 3]), i([])], none, [ty("i32", ["B", 3])]),
  c("Where on bool branches", "Where", [b(["B", 3]), b(["B", 3]), b([3])], none, [ty("bool", ["B", 3])]),
  c("Where rejects a float condition", "Where", [f([3]), f([3]), f([3])], none, "condition must be bool"),
  c("Where rejects mixed branches", "Where", [b([3]), f([3]), i([3])], none, "different element types"),
];

const matmuls: OpCase[] = [
  c("MatMul batched by B against a matrix", "MatMul", [f(["B", 2, 3]), f([3, 4])], none, [ty("f32", ["B", 2, 4])]),
  c("MatMul plain matrices", "MatMul", [f(["B", 3]), f([3, 4])], none, [ty("f32", ["B", 4])]),
  c("MatMul both batched", "MatMul", [f(["B", 2, 3]), f(["B", 3, 1])], none, [ty("f32", ["B", 2, 1])]),
  c("MatMul rejects different inner dims", "MatMul", [f(["B", 3]), f([4, 2])], none, "inner dimensions differ"),
  c("MatMul rejects rank 1", "MatMul", [f([3]), f([3, 2])], none, "rank >= 2"),
];

const reduces: OpCase[] = [
  c("ReduceSum over two axes", "ReduceSum", [f(["B", 3, 4])], { axes: [1, 2], keepdims: false }, [ty("f32", ["B"])]),
  c("ReduceSum negative axis keepdims", "ReduceSum", [f(["B", 3, 4])], { axes: [-1], keepdims: true }, [ty("f32", ["B", 3, 1])]),
  c("ReduceSum over the batch", "ReduceSum", [f(["B", 3])], { axes: [0], keepdims: false }, [ty("f32", [3])]),
  c("ReduceSum i32", "ReduceSum", [i(["B", 4])], { axes: [1], keepdims: false }, [ty("i32", ["B"])]),
  c("ReduceSum with no axes is the identity", "ReduceSum", [f(["B", 2])], { axes: [], keepdims: false }, [ty("f32", ["B", 2])]),
  c("ReduceSum rejects an axis out of range", "ReduceSum", [f(["B", 3])], { axes: [2], keepdims: false }, "out of range"),
  c("ReduceSum rejects bool", "ReduceSum", [b(["B", 3])], { axes: [1], keepdims: false }, "numeric"),
  c("ReduceMean over axes 0 and 2", "ReduceMean", [f(["B", 3, 4])], { axes: [0, 2], keepdims: false }, [ty("f32", [3])]),
  c("ReduceMean keepdims", "ReduceMean", [f(["B", 3, 4])], { axes: [1], keepdims: true }, [ty("f32", ["B", 1, 4])]),
  c("ReduceMean i32 truncates", "ReduceMean", [i(["B", 4], { data: [1, 2, 2, 2, -1, -2, -2, -2, 5, 5, 5, 6] })], { axes: [1], keepdims: false }, [ty("i32", ["B"])]),
  c("ReduceMax over two axes keepdims", "ReduceMax", [f(["B", 3, 4])], { axes: [1, -1], keepdims: true }, [ty("f32", ["B", 1, 1])]),
  c("ReduceMax i32", "ReduceMax", [i(["B", 4])], { axes: [1], keepdims: false }, [ty("i32", ["B"])]),
];

const softmaxes: OpCase[] = [
  c("Softmax last axis", "Softmax", [f(["B", 5], { lo: -5, hi: 5 })], { axis: -1 }, [ty("f32", ["B", 5])]),
  c("Softmax middle axis", "Softmax", [f(["B", 3, 4])], { axis: 1 }, [ty("f32", ["B", 3, 4])]),
  c("Softmax rejects i32", "Softmax", [i([3])], { axis: 0 }, "float"),
  c("Softmax rejects an axis out of range", "Softmax", [f(["B", 3])], { axis: 2 }, "out of range"),
  c("LogSoftmax last axis", "LogSoftmax", [f(["B", 5], { lo: -5, hi: 5 })], { axis: 1 }, [ty("f32", ["B", 5])]),
];

export const OP_CASES_A: OpCase[] = [...binaries, ...unaries, ...casts, ...wheres, ...matmuls, ...reduces, ...softmaxes];
