// The pure emitter: IR graph -> ONNX ModelProto (a plain object). No file I/O, no onnxruntime, no clocks;
// the same graph and options always give the same object, and so the same bytes.
import type { onnx } from "onnx-proto";
import type { Graph, Node, Origin } from "../../ir/graph.js";
import type { OpKind } from "../../ir/ops.js";
import type { Tensor } from "../../ir/tensor.js";
import { dimEq, formatType, type TensorType } from "../../ir/types.js";
import type { LowerArgs, LowerCtx, Lowering } from "./context.js";
import { LOWERINGS } from "./lowering.js";
import { int64TensorProto, tensorProto, valueInfo, type Attr } from "./proto.js";

export interface EmitOptions {
  /** graph name */
  name: string;
  opset?: 17;
  irVersion?: number;
  docString?: string;
  /** written as metadata_props, sorted by key */
  metadata?: Record<string, string>;
  /** graph inputs to bake in as initializers (e.g. trained weights), by input name */
  initializers?: Record<string, Tensor>;
  /** dim_param names for dimension symbols, e.g. {B: "batch"}; a symbol keeps its own name by default */
  dynamicNames?: Record<string, string>;
}

export const DEFAULT_OPSET = 17;
export const DEFAULT_IR_VERSION = 8;

export function originText(o: Origin): string {
  const loc = o.loc ? `${o.loc.file}:${o.loc.line}:${o.loc.col}` : "-";
  return o.scope ? `${loc} ${o.role} ${o.scope}` : `${loc} ${o.role}`;
}

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.shape.length === b.shape.length && a.shape.every((d, i) => dimEq(d, b.shape[i]));
}

export function emitModel(g: Graph, opts: EmitOptions): onnx.IModelProto {
  const opset = opts.opset ?? DEFAULT_OPSET;
  if (opset !== DEFAULT_OPSET) throw new Error(`the ONNX lowering targets opset ${DEFAULT_OPSET}, not ${opset}`);
  const dimNames = opts.dynamicNames ?? {};
  const baked = opts.initializers ?? {};
  for (const name of Object.keys(baked)) {
    if (!g.input(name)) throw new Error(`initializer ${name} is not a graph input`);
  }

  const taken = new Set<string>();
  const claim = (name: string): string => {
    if (taken.has(name)) throw new Error(`ONNX value name ${name} is used twice`);
    taken.add(name);
    return name;
  };
  for (const i of g.inputs) claim(i.name);
  for (const o of g.outputs) claim(o.name);
  /** a generated name, moved aside from any user-visible name it would clash with */
  const fresh = (candidate: string): string => {
    let name = candidate;
    while (taken.has(name)) name += "_";
    return claim(name);
  };

  const names = new Map<number, string>();
  const initializers: onnx.ITensorProto[] = [];
  const inputs: onnx.IValueInfoProto[] = [];
  for (const i of g.inputs) {
    names.set(i.value, i.name);
    const type = g.type(i.value);
    const t = baked[i.name];
    if (!t) {
      inputs.push(valueInfo(i.name, type, dimNames));
      continue;
    }
    if (!sameType({ dtype: t.dtype, shape: t.shape }, type)) {
      throw new Error(`initializer ${i.name} is ${formatType({ dtype: t.dtype, shape: t.shape })}, the input is ${formatType(type)}`);
    }
    initializers.push(tensorProto(i.name, t));
  }
  /** outputs that must be copied by an Identity: graph inputs, or a value already named by an earlier output */
  const copies: { from: number; to: string }[] = [];
  for (const o of g.outputs) {
    if (names.has(o.value)) copies.push({ from: o.value, to: o.name });
    else names.set(o.value, o.name);
  }

  const nodes: onnx.INodeProto[] = [];
  const memo = new Map<string, string>();
  const constants = new Map<string, string>();
  let constCount = 0;
  let doc = "", prefix = "", count = 0, valueTag = "";
  const ctx: LowerCtx = {
    node(opType: string, ins: string[], outs: string[], attrs: Attr[] = []) {
      const name = count === 0 ? prefix : `${prefix}:${count}`;
      count++;
      nodes.push({ name, opType, domain: "", input: [...ins], output: [...outs], attribute: attrs, docString: doc });
    },
    tmp: (tag) => fresh(`${valueTag}:${tag}`),
    int64(values, shape = [values.length]) {
      const key = `i64[${shape.join(",")}]:${values.join(",")}`;
      let name = constants.get(key);
      if (!name) {
        name = fresh(`c${constCount++}`);
        constants.set(key, name);
        initializers.push(int64TensorProto(name, shape, values));
      }
      return name;
    },
    initializer(t) {
      const name = fresh(`c${constCount++}`);
      initializers.push(tensorProto(name, t));
      return name;
    },
    symbolSource(sym) {
      for (const i of g.inputs) {
        const axis = g.type(i.value).shape.indexOf(sym);
        if (axis >= 0) return { input: i.name, axis };
      }
      return undefined;
    },
    memo(key, build) {
      let name = memo.get(key);
      if (!name) {
        name = fresh(key);
        memo.set(key, name);
        build(name);
      }
      return name;
    },
  };

  const valueInfos: onnx.IValueInfoProto[] = [];
  g.nodes.forEach((n: Node, k) => {
    for (const o of n.outputs) {
      if (!names.has(o)) {
        names.set(o, fresh(`v${o}`));
        valueInfos.push(valueInfo(names.get(o)!, g.type(o), dimNames));
      }
    }
    doc = originText(n.origin);
    prefix = `n${k}_${n.op}`;
    count = 0;
    valueTag = names.get(n.outputs[0]) ?? `n${k}`;
    const args: LowerArgs<OpKind> = {
      attrs: n.attrs,
      inputs: n.inputs.map((v) => names.get(v)!),
      outputs: n.outputs.map((v) => names.get(v)!),
      inTypes: n.inputs.map((v) => g.type(v)),
      outTypes: n.outputs.map((v) => g.type(v)),
    };
    (LOWERINGS[n.op] as Lowering<OpKind>)(ctx, args);
  });
  copies.forEach((c, k) => {
    doc = "- forward graph output";
    prefix = `out${k}_Identity`;
    count = 0;
    const type = g.type(c.from);
    LOWERINGS.Identity(ctx, { attrs: {}, inputs: [names.get(c.from)!], outputs: [c.to], inTypes: [type], outTypes: [type] });
  });

  const outputs = g.outputs.map((o) => valueInfo(o.name, g.type(o.value), dimNames));
  const metadata = Object.keys(opts.metadata ?? {}).sort().map((key) => ({ key, value: opts.metadata![key] }));
  return {
    irVersion: opts.irVersion ?? DEFAULT_IR_VERSION,
    opsetImport: [{ domain: "", version: opset }],
    producerName: "rech",
    docString: opts.docString ?? "",
    graph: { name: opts.name, node: nodes, initializer: initializers, input: inputs, output: outputs, valueInfo: valueInfos },
    metadataProps: metadata,
  };
}
