// Identity and StopGradient removal: uses of the output read the input instead. StopGradient only matters
// to autodiff, so run this after differentiate. A node whose output is a graph output is kept, so an
// output never becomes an alias of a graph input or of another output.
import type { Graph, ValueId } from "../../ir/graph.js";
import { graphOutputValues, substitute, type PassResult } from "./pass.js";

export function removeIdentities(g: Graph): PassResult {
  const out = g.clone();
  const keep = graphOutputValues(out);
  const remap = new Map<ValueId, ValueId>();
  out.nodes = out.nodes.filter((n) => {
    if ((n.op === "Identity" || n.op === "StopGradient") && !keep.has(n.outputs[0])) {
      remap.set(n.outputs[0], n.inputs[0]);
      return false;
    }
    return true;
  });
  substitute(out, remap);
  return { graph: out, changed: remap.size > 0 };
}
