// Packing for a fused optimizer: the parameters with static shapes become views of one flat input, so the
// optimizer updates them with one chain of elementwise ops on a flat vector instead of one chain per
// parameter (onnxruntime's per-node cost dominates a small training step). Runs after autodiff:
//   each packed param θ_i  →  Reshape(Slice(packed.params, o_i, o_i + n_i), shape_i)   (nodes put first)
//   their gradients        →  Concat(Reshape(g_i, [n_i]) ...)                           (one flat gradient)
// The flat input records its parts (name, shape, init), and so do the state inputs the optimizer adds for
// it, so the executor can show every part under its own name (checkpoints, getParams, setParams).
// Every update rule is elementwise with scalar hypers, so a packed update gives each element exactly the
// value the per-parameter update gives it (clipping sums the squares in another order).
import type { Graph, GraphInput, PackedPart, ValueId } from "../../ir/graph.js";
import { Builder } from "../autodiff/builder.js";
import { isZero } from "../autodiff/zero.js";
import type { OptimizerConfig } from "./config.js";
import { stateName } from "./config.js";
import { addOptimizer, type OptimizerGraph, type OptimParam } from "./optimizer.js";

/** The name of the flat input holding the packed parameters. */
export const PACKED_PARAMS = "packed.params";

export interface Packed {
  /** the packed parameter (its grad is the flat gradient) followed by the params left as they were */
  params: OptimParam[];
  /** the parts of the flat input, in order; empty when nothing was packed */
  parts: PackedPart[];
}

function staticShape(g: Graph, v: ValueId): number[] | undefined {
  const shape = g.type(v).shape;
  return shape.every((d): d is number => typeof d === "number") ? shape : undefined;
}

/** Packs every f32 param input of `params` whose shape is static (at least two of them, else nothing). */
export function packParams(g: Graph, params: OptimParam[]): Packed {
  const inputs = new Map(g.inputs.map((i) => [i.value, i] as const));
  const chosen: { p: OptimParam; input: GraphInput; shape: number[] }[] = [];
  const rest: OptimParam[] = [];
  for (const p of params) {
    const input = inputs.get(p.value), shape = staticShape(g, p.value);
    if (input && input.kind === "param" && !input.parts && shape && g.type(p.value).dtype === "f32") chosen.push({ p, input, shape });
    else rest.push(p);
  }
  if (chosen.length < 2 || g.input(PACKED_PARAMS)) return { params, parts: [] };

  const parts: PackedPart[] = chosen.map(({ input, shape }) => ({ name: input.name, kind: "param", shape, init: input.init }));
  const total = chosen.reduce((a, c) => a + size(c.shape), 0);
  const flat = g.addInput(PACKED_PARAMS, { dtype: "f32", shape: [total] }, "param");
  g.inputs[g.inputs.length - 1].parts = parts;
  const b = new Builder(g);

  // the views, moved to the front of the node list so that every former use of a param comes after them
  const before = g.nodes.length;
  const remap = new Map<ValueId, ValueId>();
  g.withOrigin({ role: "forward", loc: undefined, scope: PACKED_PARAMS }, () => {
    let offset = 0;
    for (const { p, shape } of chosen) {
      const n = size(shape);
      const piece = b.slice(flat, 0, offset, offset + n);
      remap.set(p.value, shape.length === 1 ? piece : b.reshape(piece, shape));
      offset += n;
    }
  });
  const views = g.nodes.splice(before);
  for (const n of g.nodes) n.inputs = n.inputs.map((v) => remap.get(v) ?? v);
  for (const o of g.outputs) o.value = remap.get(o.value) ?? o.value;
  g.nodes.unshift(...views);
  const dropped = new Set(chosen.map((c) => c.input));
  g.inputs = g.inputs.filter((i) => !dropped.has(i));

  const grad = g.withOrigin({ role: "optimizer", loc: undefined, scope: "optimizer/pack" }, () =>
    b.concat(chosen.map(({ p, shape }) => {
      const view = remap.get(p.value)!;
      const gi = isZero(p.grad) ? b.fillLike(view, 0) : remap.get(p.grad) ?? p.grad;
      return shape.length === 1 ? gi : b.reshape(gi, [size(shape)]);
    }), 0));
  return { params: [{ name: PACKED_PARAMS, value: flat, grad }, ...rest], parts };
}

/**
 * addOptimizer over packed parameters: the static-shape params share one flat update chain, and the state
 * inputs of the flat vector (opt.packed.params.<slot>) list their parts as opt.<param>.<slot>.
 */
export function addPackedOptimizer(g: Graph, params: OptimParam[], cfg: OptimizerConfig): OptimizerGraph {
  const packed = packParams(g, params);
  const opt = addOptimizer(g, packed.params, cfg);
  // the state of a packed input (these params, or sparse tables packed by packSparseTables) is packed alike
  const partsOf = new Map(g.inputs.filter((i) => i.parts).map((i) => [i.name, i.parts!] as const));
  for (const s of opt.state) {
    const parts = partsOf.get(s.param);
    if (!parts) continue;
    const input = g.inputs.find((i) => i.value === s.input)!;
    input.parts = parts.map((p) => ({ name: stateName(p.name, s.slot), kind: "state", shape: [...p.shape], init: input.init }));
  }
  return opt;
}

function size(shape: number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}
