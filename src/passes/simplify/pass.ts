// The shape of a simplification pass and the use-substitution they share.
import type { Graph, ValueId } from "../../ir/graph.js";

export interface PassResult {
  graph: Graph;
  changed: boolean;
}
/** A pure pass: never mutates its argument. */
export type Pass = (g: Graph) => PassResult;

/** Follow replacement chains a → b → c. */
function resolve(remap: Map<ValueId, ValueId>, v: ValueId): ValueId {
  let r = v;
  for (let guard = 0; remap.has(r); guard++) {
    if (guard > remap.size) throw new Error("cyclic value substitution");
    r = remap.get(r)!;
  }
  return r;
}

/** Rewrite every use (node inputs and graph outputs) through `remap`, in place on a graph the pass owns. */
export function substitute(g: Graph, remap: Map<ValueId, ValueId>): void {
  if (remap.size === 0) return;
  for (const n of g.nodes) n.inputs = n.inputs.map((v) => resolve(remap, v));
  for (const o of g.outputs) o.value = resolve(remap, o.value);
}

export function graphOutputValues(g: Graph): Set<ValueId> {
  return new Set(g.outputs.map((o) => o.value));
}
