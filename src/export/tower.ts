// Tower export: a forward tower graph (inputs = feature columns, params, buffers; one output) becomes a
// self-contained ONNX model. Params and buffers are baked in as initializers holding the trained weights, the
// feature columns stay graph inputs with a dynamic batch axis ("batch"), the output is named user_vec or
// item_vec, and metadata_props describe the model (./metadata.ts).
import { emitModel } from "../codegen/onnx/emit.js";
import { serializeModel } from "../codegen/onnx/serialize.js";
import type { Graph, GraphInput } from "../ir/graph.js";
import { size, type Tensor } from "../ir/tensor.js";
import { formatShape, formatType } from "../ir/types.js";
import { ExportError } from "./errors.js";
import { metadataProps, type TowerMeta, type TowerSide } from "./metadata.js";

export interface ExportMeta extends TowerMeta {
  side: TowerSide;
}

/** The dim_param written for the batch axis of every input and of the output. */
export const BATCH_DIM = "batch";

export function outputName(side: TowerSide): string {
  return side === "user" ? "user_vec" : "item_vec";
}

/** The graph's feature inputs (kind "data") that some node or output actually reads. */
export function featureInputs(g: Graph): GraphInput[] {
  const used = usedValues(g);
  return g.inputs.filter((i) => i.kind === "data" && used.has(i.value));
}

function usedValues(g: Graph): Set<number> {
  const used = new Set<number>();
  for (const n of g.nodes) for (const v of n.inputs) used.add(v);
  for (const o of g.outputs) used.add(o.value);
  return used;
}

/**
 * Serialised ONNX model of a tower with `weights` (by input name) baked in. Inputs nobody reads are dropped
 * (e.g. a negatives column an item tower declares but does not use). Throws ExportError for a missing or
 * mis-shaped weight, a graph input of another kind (optimizer state, noise, hyper-parameters), or a graph
 * whose output is not one tower vector.
 */
export function exportTower(graph: Graph, weights: Record<string, Tensor>, meta: ExportMeta): Uint8Array {
  const g = graph.clone();
  const out = outputName(meta.side);
  if (g.outputs.length !== 1) {
    throw new ExportError(`the ${meta.side} tower must have one output, it has ${g.outputs.length} (${g.outputs.map((o) => o.name).join(", ")})`);
  }
  g.outputs[0]!.name = out;
  const outType = g.type(g.outputs[0]!.value);
  const rank = meta.interests > 1 ? 3 : 2;
  if (outType.dtype !== "f32" || outType.shape.length !== rank) {
    throw new ExportError(`the ${meta.side} tower output must be f32 of rank ${rank} (batch${rank === 3 ? ", interests" : ""}, d), got ${formatType(outType)}`);
  }
  const last = outType.shape[rank - 1];
  if (typeof last === "number" && last !== meta.embedDim) {
    throw new ExportError(`the ${meta.side} tower output is ${formatType(outType)} but embedDim is ${meta.embedDim}`);
  }
  if (rank === 3 && typeof outType.shape[1] === "number" && outType.shape[1] !== meta.interests) {
    throw new ExportError(`the ${meta.side} tower output is ${formatType(outType)} but interests is ${meta.interests}`);
  }

  const used = usedValues(g);
  g.inputs = g.inputs.filter((i) => used.has(i.value));
  const baked: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    if (i.kind === "data") continue;
    if (i.kind !== "param" && i.kind !== "buffer") {
      throw new ExportError(`tower input ${i.name} is of kind ${i.kind}; a tower for inference takes only features, params and buffers`);
    }
    const w = weights[i.name];
    if (!w) throw new ExportError(`no trained value for ${i.kind} ${i.name}`);
    const want = g.type(i.value);
    const wantShape = want.shape;
    if (w.dtype !== want.dtype || w.shape.length !== wantShape.length || w.shape.some((d, k) => d !== wantShape[k])) {
      throw new ExportError(`${i.kind} ${i.name}: the trained value is ${formatType({ dtype: w.dtype, shape: w.shape })}, the tower expects ${formatType(want)}`);
    }
    if (w.data.length !== size(w.shape)) {
      throw new ExportError(`${i.kind} ${i.name}: ${w.data.length} values for shape ${formatShape(w.shape)}`);
    }
    baked[i.name] = w;
  }
  const features = g.inputs.filter((i) => i.kind === "data");
  if (features.length === 0) throw new ExportError(`the ${meta.side} tower reads no feature column`);
  const dynamicNames: Record<string, string> = {};
  for (const f of features) {
    const b = g.type(f.value).shape[0];
    if (typeof b !== "string" || b.includes("*")) {
      throw new ExportError(`feature ${f.name} has type ${formatType(g.type(f.value))}; its first axis must be the batch`);
    }
    dynamicNames[b] = BATCH_DIM;
  }
  const props = metadataProps({ ...meta, features: features.map((f) => f.name), output: out });
  const proto = emitModel(g, {
    name: `${meta.model}_${meta.side}_tower`,
    docString: `${meta.model} ${meta.side} tower exported by rech`,
    metadata: props,
    initializers: baked,
    dynamicNames,
  });
  return serializeModel(proto);
}

/** Weights by name from checkpoint-style tensors ({name, shape, data}); f32. */
export function weightsByName(tensors: readonly { name: string; shape: number[]; data: Float32Array }[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const t of tensors) out[t.name] = { dtype: "f32", shape: [...t.shape], data: t.data };
  return out;
}
