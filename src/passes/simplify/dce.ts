// Dead-code elimination: drop nodes none of whose outputs reaches a graph output. Graph inputs stay
// (they are the step's interface, fed by the runtime whether used or not).
import type { Graph } from "../../ir/graph.js";
import type { PassResult } from "./pass.js";

export function dce(g: Graph): PassResult {
  const out = g.clone();
  const live = new Set(out.outputs.map((o) => o.value));
  const kept = [];
  for (let i = out.nodes.length - 1; i >= 0; i--) {
    const n = out.nodes[i];
    if (!n.outputs.some((v) => live.has(v))) continue;
    for (const v of n.inputs) live.add(v);
    kept.push(n);
  }
  kept.reverse();
  const changed = kept.length !== out.nodes.length;
  out.nodes = kept;
  return { graph: out, changed };
}
