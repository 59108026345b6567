// The IR graph: SSA values, nodes in topological order, typed inputs and named outputs.
// Every node carries its origin (.rech location and role) so diagnostics and ONNX doc strings can point back.
import { inferOp, OPS, type OpAttrs, type OpKind } from "./ops.js";
import type { TensorType } from "./types.js";

export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}
export type Role = "forward" | "loss" | "backward" | "optimizer";
export interface Origin {
  loc?: SourceLoc;
  role: Role;
  /** the block call chain, e.g. "YoutubeDNN.user/mlp/linear" */
  scope?: string;
}

export type ValueId = number;
export interface Value {
  id: ValueId;
  type: TensorType;
}

export interface Node<K extends OpKind = OpKind> {
  op: K;
  attrs: OpAttrs[K];
  inputs: ValueId[];
  outputs: ValueId[];
  origin: Origin;
}

/** data: a batch column; param: trainable weight; buffer: non-trained state such as BatchNorm running stats;
 *  state: optimizer state; noise: random numbers fed by the runtime; hyper: scalars such as the learning rate. */
export type InputKind = "data" | "param" | "buffer" | "state" | "noise" | "hyper";

export interface GraphInput {
  name: string;
  value: ValueId;
  kind: InputKind;
  /** initial value recipe for params and buffers; free-form, interpreted by the initialiser */
  init?: InitSpec;
  /** a packed input: a flat f32 vector holding these tensors back to back, each with its own name and init */
  parts?: PackedPart[];
}
/** One tensor of a packed input (its values are `size(shape)` consecutive elements of the flat vector). */
export interface PackedPart {
  name: string;
  kind: "param" | "buffer" | "state";
  shape: number[];
  init?: InitSpec;
}
export interface GraphOutput {
  name: string;
  value: ValueId;
}

export type InitSpec =
  | { kind: "normal"; mean: number; std: number; zeroRow?: number }
  | { kind: "uniform"; low: number; high: number; zeroRow?: number }
  | { kind: "constant"; value: number }
  | { kind: "noise"; dist: "uniform" | "normal" };

export class ShapeError extends Error {}

export class Graph {
  values: Value[] = [];
  nodes: Node[] = [];
  inputs: GraphInput[] = [];
  outputs: GraphOutput[] = [];
  /** origin given to nodes added next */
  origin: Origin = { role: "forward" };

  newValue(type: TensorType): ValueId {
    const id = this.values.length;
    this.values.push({ id, type: { dtype: type.dtype, shape: [...type.shape] } });
    return id;
  }

  type(v: ValueId): TensorType {
    const val = this.values[v];
    if (!val) throw new Error(`unknown value %${v}`);
    return val.type;
  }

  addInput(name: string, type: TensorType, kind: InputKind, init?: InitSpec): ValueId {
    if (this.inputs.some((i) => i.name === name)) throw new Error(`duplicate graph input ${name}`);
    const value = this.newValue(type);
    this.inputs.push({ name, value, kind, init });
    return value;
  }

  input(name: string): GraphInput | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  addOutput(name: string, value: ValueId): void {
    if (this.outputs.some((o) => o.name === name)) throw new Error(`duplicate graph output ${name}`);
    this.outputs.push({ name, value });
  }

  /** Add a node; returns its output values. Throws ShapeError (a user-facing message) if the shape rule fails. */
  addMulti<K extends OpKind>(op: K, inputs: ValueId[], attrs: OpAttrs[K]): ValueId[] {
    const res = inferOp(op, inputs.map((v) => this.type(v)), attrs);
    if ("error" in res) throw new ShapeError(`${op}: ${res.error}`);
    const outputs = res.types.map((t) => this.newValue(t));
    this.nodes.push({ op, attrs, inputs: [...inputs], outputs, origin: { ...this.origin } } as Node);
    return outputs;
  }

  add<K extends OpKind>(op: K, inputs: ValueId[], attrs: OpAttrs[K] = {} as OpAttrs[K]): ValueId {
    if (OPS[op].outputs !== 1) throw new Error(`${op} has several outputs: use addMulti`);
    return this.addMulti(op, inputs, attrs)[0];
  }

  /** Run fn with a different origin for the nodes it adds. */
  withOrigin<T>(origin: Partial<Origin>, fn: () => T): T {
    const saved = this.origin;
    this.origin = { ...saved, ...origin };
    try {
      return fn();
    } finally {
      this.origin = saved;
    }
  }

  clone(): Graph {
    const g = new Graph();
    g.values = this.values.map((v) => ({ id: v.id, type: { dtype: v.type.dtype, shape: [...v.type.shape] } }));
    g.nodes = this.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], origin: { ...n.origin } }));
    g.inputs = this.inputs.map((i) => ({ ...i, ...(i.parts ? { parts: i.parts.map((p) => ({ ...p, shape: [...p.shape] })) } : {}) }));
    g.outputs = this.outputs.map((o) => ({ ...o }));
    return g;
  }
}
