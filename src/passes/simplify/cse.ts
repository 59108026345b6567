// Common-subexpression elimination by structural hashing: op + attributes + (already deduplicated) inputs.
// All core ops are pure (random numbers come in as inputs), so equal keys compute equal values.
import type { Graph, Node, ValueId } from "../../ir/graph.js";
import type { Tensor } from "../../ir/tensor.js";
import { formatType } from "../../ir/types.js";
import { graphOutputValues, substitute, type PassResult } from "./pass.js";

function num(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

function attrKey(n: Node): string {
  if (n.op === "Constant") {
    const t = (n as Node<"Constant">).attrs.value as Tensor;
    return `${t.dtype}[${t.shape.join(",")}]:${Array.from(t.data, num).join(",")}`;
  }
  const a = n.attrs as Record<string, unknown>;
  return JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));
}

export function cse(g: Graph): PassResult {
  const out = g.clone();
  const seen = new Map<string, ValueId[]>();
  const remap = new Map<ValueId, ValueId>();
  const keep = graphOutputValues(out);
  const nodes: Node[] = [];
  for (const n of out.nodes) {
    n.inputs = n.inputs.map((v) => remap.get(v) ?? v);
    // FillLike reads only its input's shape: equal types (symbols are bound once per run) give equal values
    const ins = n.op === "FillLike" ? formatType(out.type(n.inputs[0])) : n.inputs.join(",");
    const key = `${n.op}|${ins}|${attrKey(n)}`;
    const prev = seen.get(key);
    // a node that defines a graph output stays, so two outputs never collapse into one value
    if (prev && !n.outputs.some((v) => keep.has(v))) {
      n.outputs.forEach((v, i) => remap.set(v, prev[i]));
      continue;
    }
    if (!prev) seen.set(key, n.outputs);
    nodes.push(n);
  }
  out.nodes = nodes;
  substitute(out, remap);
  return { graph: out, changed: remap.size > 0 };
}
