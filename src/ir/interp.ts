// The reference interpreter: runs an IR graph on concrete tensors. It is the test oracle for the
// emitted ONNX graphs and the function under finite-difference gradient checks.
import type { Graph, Node } from "./graph.js";
import * as k from "./kernels.js";
import type { OpAttrs, OpKind } from "./ops.js";
import { size, tensor, type Tensor } from "./tensor.js";
import { bindShape, type Dim } from "./types.js";

type Kernel<K extends OpKind> = (xs: Tensor[], attrs: OpAttrs[K], env: Record<string, number>) => Tensor[];

const f32 = (f: (...xs: number[]) => number): Kernel<OpKind> => (xs) => [k.broadcastN(xs, xs[0].dtype, f)];
const cmp = (f: (a: number, b: number) => number): Kernel<OpKind> => (xs) => [k.broadcastN(xs, "bool", f)];
const un = (f: (x: number) => number): Kernel<OpKind> => ([x]) => [k.map(x, x.dtype, f)];

function intDiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

function resolveTarget(x: Tensor, shape: Dim[], env: Record<string, number>): number[] {
  const known = shape.map((d) => (d === -1 ? 1 : bindShape([d], env)[0]));
  const i = shape.indexOf(-1);
  if (i >= 0) known[i] = size(x.shape) / size(known);
  return known;
}

const KERNELS: { [K in OpKind]: Kernel<K> } = {
  Add: f32((a, b) => a + b), Sub: f32((a, b) => a - b), Mul: f32((a, b) => a * b),
  Div: (xs) => [k.broadcastN(xs, xs[0].dtype, xs[0].dtype === "i32" ? intDiv : (a, b) => a / b)],
  Pow: f32((a, b) => Math.pow(a, b)), Max: f32((a, b) => Math.max(a, b)), Min: f32((a, b) => Math.min(a, b)),
  Equal: cmp((a, b) => +(a === b)), Less: cmp((a, b) => +(a < b)), Greater: cmp((a, b) => +(a > b)),
  And: cmp((a, b) => +(a && b)), Or: cmp((a, b) => +(a || b)),
  Neg: un((x) => -x), Exp: un(Math.exp), Log: un(Math.log), Sqrt: un(Math.sqrt), Tanh: un(Math.tanh),
  Sigmoid: un((x) => 1 / (1 + Math.exp(-x))), Relu: un((x) => (x > 0 ? x : 0)), Abs: un(Math.abs),
  Softplus: un((x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)))),
  Not: un((x) => +!x), Identity: ([x]) => [x], StopGradient: ([x]) => [x],
  Cast: ([x], { to }) => [k.map(x, to, to === "i32" ? Math.trunc : to === "bool" ? (v) => +(v !== 0) : (v) => v)],
  Where: (xs) => [k.broadcastN(xs, xs[1].dtype, (c, a, b) => (c ? a : b))],
  MatMul: ([a, b]) => [k.matmul(a, b)],
  ReduceSum: ([x], { axes, keepdims }) => [k.reduce(x, axes, keepdims, 0, (s, v) => s + v, (s) => s)],
  ReduceMean: ([x], { axes, keepdims }) => [k.reduce(x, axes, keepdims, 0, (s, v) => s + v, (s, n) => s / n)],
  ReduceMax: ([x], { axes, keepdims }) => [k.reduce(x, axes, keepdims, -Infinity, Math.max, (s) => s)],
  Softmax: ([x], { axis }) => [k.softmax(x, axis, false)],
  LogSoftmax: ([x], { axis }) => [k.softmax(x, axis, true)],
  Reshape: ([x], { shape }, env) => [{ ...x, shape: resolveTarget(x, shape, env) }],
  Transpose: ([x], { perm }) => [k.transpose(x, perm)],
  Concat: (xs, { axis }) => [k.concat(xs, axis)],
  Slice: ([x], { axis, start, end }) => [k.slice(x, axis, start, end)],
  Expand: ([x], { shape }, env) => [k.broadcastN([x, tensor(x.dtype, bindShape(shape.map((d) => (d === -1 ? 1 : d)), env))], x.dtype, (a) => a)],
  Gather: ([t, i]) => [k.gather(t, i)],
  ScatterAdd: ([b, i, u]) => [k.scatterAdd(b, i, u)],
  TopK: ([x], { k: n }) => k.topk(x, n),
  ArgMax: ([x], { axis, keepdims }) => [k.argmax(x, axis, keepdims)],
  Constant: (_, { value }) => [value.dtype === "f32" ? { ...value, data: Float64Array.from(value.data) } : value],
  FillLike: ([x], { value, dtype }) => [tensor(dtype, x.shape, new Array<number>(size(x.shape)).fill(value))],
};

/** Bind dimension symbols by matching declared input shapes with the given tensors. */
function bindSymbols(g: Graph, feeds: Record<string, Tensor>): Record<string, number> {
  const env: Record<string, number> = {};
  for (const inp of g.inputs) {
    const t = feeds[inp.name];
    if (!t) throw new Error(`missing input ${inp.name}`);
    const declared = g.type(inp.value).shape;
    if (declared.length !== t.shape.length) {
      throw new Error(`input ${inp.name} has rank ${t.shape.length}, the graph declares ${declared.length}`);
    }
    declared.forEach((d, i) => {
      if (typeof d === "number") {
        if (d !== t.shape[i]) throw new Error(`input ${inp.name} dim ${i} is ${t.shape[i]}, the graph declares ${d}`);
      } else if (/^[A-Za-z_]\w*$/.test(d)) {
        if (env[d] !== undefined && env[d] !== t.shape[i]) throw new Error(`symbol ${d} bound to ${env[d]} and ${t.shape[i]}`);
        env[d] = t.shape[i];
      }
    });
  }
  return env;
}

export interface InterpResult {
  outputs: Record<string, Tensor>;
  values: Map<number, Tensor>;
}

export function interpret(g: Graph, feeds: Record<string, Tensor>): InterpResult {
  const env = bindSymbols(g, feeds);
  const values = new Map<number, Tensor>();
  for (const inp of g.inputs) {
    const t = feeds[inp.name];
    values.set(inp.value, t.dtype === "f32" && !(t.data instanceof Float64Array) ? { ...t, data: Float64Array.from(t.data) } : t);
  }
  for (const n of g.nodes as Node[]) {
    const xs = n.inputs.map((v) => values.get(v)!);
    const outs = (KERNELS[n.op] as Kernel<OpKind>)(xs, n.attrs, env);
    n.outputs.forEach((v, i) => values.set(v, outs[i]));
  }
  const outputs: Record<string, Tensor> = {};
  for (const o of g.outputs) outputs[o.name] = values.get(o.value)!;
  return { outputs, values };
}
