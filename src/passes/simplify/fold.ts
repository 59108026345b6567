// Constant folding: a node whose inputs are all Constants (or a FillLike of a static shape) is evaluated
// with the reference interpreter's kernels and replaced by Constant nodes that define the same value ids
// (so no use needs rewriting).
import { Graph, type Node, type ValueId } from "../../ir/graph.js";
import { interpret } from "../../ir/interp.js";
import { tensor, type Tensor } from "../../ir/tensor.js";
import { isStatic } from "../../ir/types.js";
import type { PassResult } from "./pass.js";

/** Larger results stay computed at run time rather than bloating the model with initializers. */
export const FOLD_LIMIT = 4096;

function evaluate(node: Node, consts: Map<ValueId, Tensor>, src: Graph): Tensor[] {
  const mini = new Graph();
  mini.values = src.values;
  const input = (v: ValueId): Tensor => {
    const c = consts.get(v);
    if (c) return c;
    // a FillLike input that is not constant: any tensor of its (static) shape will do
    const t = src.type(v);
    return tensor(t.dtype, t.shape as number[]);
  };
  mini.nodes = [
    ...node.inputs.map((v) => ({ op: "Constant", attrs: { value: input(v) }, inputs: [], outputs: [v], origin: node.origin }) as Node),
    node,
  ];
  const res = interpret(mini, {});
  return node.outputs.map((v) => res.values.get(v)!);
}

export function foldConstants(g: Graph): PassResult {
  const out = g.clone();
  const consts = new Map<ValueId, Tensor>();
  let changed = false;
  const nodes: Node[] = [];
  for (const n of out.nodes) {
    if (n.op === "Constant") {
      consts.set(n.outputs[0], (n as Node<"Constant">).attrs.value);
      nodes.push(n);
      continue;
    }
    const small = n.outputs.every((v) => {
      const shape = out.type(v).shape;
      return isStatic(shape) && shape.reduce((p, d) => p * d, 1) <= FOLD_LIMIT;
    });
    // FillLike reads only its input's shape, so a static shape is enough
    const fillLike = n.op === "FillLike" && isStatic(out.type(n.inputs[0]).shape);
    const foldable = small && (fillLike || (n.inputs.length > 0 && n.inputs.every((v) => consts.has(v))));
    if (!foldable) {
      nodes.push(n);
      continue;
    }
    const values = evaluate(n, consts, out);
    n.outputs.forEach((v, i) => {
      consts.set(v, values[i]);
      nodes.push({ op: "Constant", attrs: { value: values[i] }, inputs: [], outputs: [v], origin: { ...n.origin } } as Node);
    });
    changed = true;
  }
  out.nodes = nodes;
  return { graph: out, changed };
}
