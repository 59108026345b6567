// The ONNX lowering of every core op, for opset 17. This is the only file that spells ONNX op names.
// A missing op is a type error (`satisfies` over OpKind).
import type { OpKind } from "../../ir/ops.js";
import { size } from "../../ir/tensor.js";
import { dimEq, type Dim } from "../../ir/types.js";
import { SMALL_CONSTANT, type LowerArgs, type LowerCtx, type Lowering } from "./context.js";
import { attrInt, attrInts, attrString, attrTensor, onnxDType, ONNX_INT32, ONNX_INT64, tensorProto } from "./proto.js";

/** One ONNX op with the same inputs and outputs and no attributes. */
const same = (opType: string) => (ctx: LowerCtx, n: LowerArgs<OpKind>) => ctx.node(opType, n.inputs, n.outputs);

/** A 1-D int64 value holding one dimension, computed from the graph inputs when it is symbolic. */
function dimValue(ctx: LowerCtx, d: Dim): string {
  if (typeof d === "number") return ctx.int64([d]);
  const parts = d.split("*");
  if (parts.length === 1) {
    return ctx.memo(`dim:${d}`, (name) => {
      const src = ctx.symbolSource(d);
      if (!src) throw new Error(`dimension symbol ${d} is not the size of any graph input axis`);
      ctx.node("Shape", [src.input], [name], [attrInt("start", src.axis), attrInt("end", src.axis + 1)]);
    });
  }
  return ctx.memo(`dim:${d}`, (name) => {
    let acc = dimValue(ctx, /^\d+$/.test(parts[0]) ? Number(parts[0]) : parts[0]);
    for (let i = 1; i < parts.length; i++) {
      const next = dimValue(ctx, /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i]);
      const out = i === parts.length - 1 ? name : `${name}:${i}`;
      ctx.node("Mul", [acc, next], [out]);
      acc = out;
    }
  });
}

/** A 1-D int64 shape value: a constant when every entry is a number, else concatenated at run time. */
function shapeValue(ctx: LowerCtx, dims: Dim[]): string {
  if (dims.every((d): d is number => typeof d === "number")) return ctx.int64(dims);
  return ctx.memo(`shape:[${dims.join(",")}]`, (name) => {
    ctx.node("Concat", dims.map((d) => dimValue(ctx, d)), [name], [attrInt("axis", 0)]);
  });
}

/** Reshape target: static dims as numbers, a lone symbolic dim as -1, otherwise computed at run time. */
function reshapeTarget(ctx: LowerCtx, out: Dim[]): string {
  const dynamic = out.filter((d) => typeof d !== "number").length;
  if (dynamic <= 1) return ctx.int64(out.map((d) => (typeof d === "number" ? d : -1)));
  return shapeValue(ctx, out);
}

/** Expand target: symbolic dims the input already has become 1 (broadcast keeps them); others come from run time. */
function expandTarget(ctx: LowerCtx, input: Dim[], out: Dim[]): Dim[] {
  const off = out.length - input.length;
  return out.map((d, i) => (typeof d !== "number" && i >= off && dimEq(input[i - off], d) ? 1 : d));
}

function reduceAttrs(ctx: LowerCtx, n: LowerArgs<"ReduceMean" | "ReduceMax">, opType: "ReduceMean" | "ReduceMax"): void {
  if (n.attrs.axes.length === 0) return ctx.node("Identity", n.inputs, n.outputs);
  ctx.node(opType, n.inputs, n.outputs, [attrInts("axes", n.attrs.axes), attrInt("keepdims", n.attrs.keepdims ? 1 : 0)]);
}

/** ONNX ops that return int64 indices: write them to a temporary and cast to int32. */
function toInt32(ctx: LowerCtx, from: string, to: string): void {
  ctx.node("Cast", [from], [to], [attrInt("to", ONNX_INT32)]);
}

export const LOWERINGS = {
  Add: same("Add"), Sub: same("Sub"), Mul: same("Mul"), Div: same("Div"), Pow: same("Pow"),
  Max: same("Max"), Min: same("Min"),
  Equal: same("Equal"), Less: same("Less"), Greater: same("Greater"), And: same("And"), Or: same("Or"),
  Neg: same("Neg"), Exp: same("Exp"), Log: same("Log"), Sqrt: same("Sqrt"), Tanh: same("Tanh"),
  Sigmoid: same("Sigmoid"), Relu: same("Relu"), Abs: same("Abs"), Not: same("Not"),
  Identity: same("Identity"), StopGradient: same("Identity"),
  // onnxruntime's Softplus is stable for large |x| (checked in test/ir/ops.test.ts with |x| up to 200).
  Softplus: same("Softplus"),
  Cast: (ctx, n) => ctx.node("Cast", n.inputs, n.outputs, [attrInt("to", onnxDType(n.attrs.to))]),
  // onnxruntime has no bool Where: (c and a) or (not c and b)
  Where: (ctx, n) => {
    if (n.outTypes[0].dtype !== "bool") return ctx.node("Where", n.inputs, n.outputs);
    const [c, a, b] = n.inputs;
    const ca = ctx.tmp("and_a"), nc = ctx.tmp("not_c"), ncb = ctx.tmp("and_b");
    ctx.node("And", [c, a], [ca]);
    ctx.node("Not", [c], [nc]);
    ctx.node("And", [nc, b], [ncb]);
    ctx.node("Or", [ca, ncb], n.outputs);
  },
  MatMul: same("MatMul"),
  ReduceSum: (ctx, n) => {
    if (n.attrs.axes.length === 0) return ctx.node("Identity", n.inputs, n.outputs);
    ctx.node("ReduceSum", [n.inputs[0], ctx.int64(n.attrs.axes)], n.outputs, [attrInt("keepdims", n.attrs.keepdims ? 1 : 0)]);
  },
  ReduceMean: (ctx, n) => reduceAttrs(ctx, n, "ReduceMean"),
  ReduceMax: (ctx, n) => reduceAttrs(ctx, n, "ReduceMax"),
  Softmax: (ctx, n) => ctx.node("Softmax", n.inputs, n.outputs, [attrInt("axis", n.attrs.axis)]),
  LogSoftmax: (ctx, n) => ctx.node("LogSoftmax", n.inputs, n.outputs, [attrInt("axis", n.attrs.axis)]),
  // allowzero=1 makes a 0 in a static target mean an empty dimension, not "copy the input's dimension"
  Reshape: (ctx, n) => {
    const out = n.outTypes[0].shape;
    const zero = out.includes(0) && out.every((d) => typeof d === "number") ? [attrInt("allowzero", 1)] : [];
    ctx.node("Reshape", [n.inputs[0], reshapeTarget(ctx, out)], n.outputs, zero);
  },
  Transpose: (ctx, n) => ctx.node("Transpose", n.inputs, n.outputs, [attrInts("perm", n.attrs.perm)]),
  Concat: (ctx, n) => ctx.node("Concat", n.inputs, n.outputs, [attrInt("axis", n.attrs.axis)]),
  Slice: (ctx, n) => {
    const { axis, start, end } = n.attrs;
    ctx.node("Slice", [n.inputs[0], ctx.int64([start]), ctx.int64([end]), ctx.int64([axis])], n.outputs);
  },
  Expand: (ctx, n) => {
    const target = expandTarget(ctx, n.inTypes[0].shape, n.outTypes[0].shape);
    ctx.node("Expand", [n.inputs[0], shapeValue(ctx, target)], n.outputs);
  },
  Gather: (ctx, n) => ctx.node("Gather", n.inputs, n.outputs, [attrInt("axis", 0)]),
  // ScatterND wants int64 indices with a trailing index dimension of 1.
  ScatterAdd: (ctx, n) => {
    const [data, idx, upd] = n.inputs;
    const i64 = ctx.tmp("i64"), idx1 = ctx.tmp("idx");
    ctx.node("Cast", [idx], [i64], [attrInt("to", ONNX_INT64)]);
    ctx.node("Unsqueeze", [i64, ctx.int64([-1])], [idx1]);
    ctx.node("ScatterND", [data, idx1, upd], n.outputs, [attrString("reduction", "add")]);
  },
  TopK: (ctx, n) => {
    const i64 = ctx.tmp("i64");
    ctx.node("TopK", [n.inputs[0], ctx.int64([n.attrs.k])], [n.outputs[0], i64],
      [attrInt("axis", -1), attrInt("largest", 1), attrInt("sorted", 1)]);
    toInt32(ctx, i64, n.outputs[1]);
  },
  ArgMax: (ctx, n) => {
    const i64 = ctx.tmp("i64");
    ctx.node("ArgMax", n.inputs, [i64],
      [attrInt("axis", n.attrs.axis), attrInt("keepdims", n.attrs.keepdims ? 1 : 0), attrInt("select_last_index", 0)]);
    toInt32(ctx, i64, n.outputs[0]);
  },
  Constant: (ctx, n) => {
    const t = n.attrs.value;
    if (size(t.shape) > SMALL_CONSTANT) return ctx.node("Identity", [ctx.initializer(t)], n.outputs);
    ctx.node("Constant", [], n.outputs, [attrTensor("value", tensorProto("", t))]);
  },
  FillLike: (ctx, n) => {
    const shape = ctx.tmp("shape");
    const value = { dtype: n.attrs.dtype, shape: [1], data: new Float64Array([n.attrs.value]) };
    ctx.node("Shape", n.inputs, [shape]);
    ctx.node("ConstantOfShape", [shape], n.outputs, [attrTensor("value", tensorProto("", value))]);
  },
} satisfies { [K in OpKind]: Lowering<K> };
