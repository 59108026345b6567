// The verifier: SSA form, topological order, declared types equal to what the shape rules infer.
import type { Graph } from "./graph.js";
import { inferOp } from "./ops.js";
import { dimEq, formatType, type TensorType } from "./types.js";

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.shape.length === b.shape.length && a.shape.every((d, i) => dimEq(d, b.shape[i]));
}

/** Returns a list of problems; empty means the graph is well formed. */
export function verifyGraph(g: Graph): string[] {
  const problems: string[] = [];
  const defined = new Set<number>();
  const define = (v: number, where: string) => {
    if (v < 0 || v >= g.values.length) problems.push(`${where}: value %${v} does not exist`);
    else if (defined.has(v)) problems.push(`${where}: value %${v} is defined twice`);
    defined.add(v);
  };
  const names = new Set<string>();
  for (const i of g.inputs) {
    if (names.has(i.name)) problems.push(`input name ${i.name} is used twice`);
    names.add(i.name);
    define(i.value, `input ${i.name}`);
  }
  g.nodes.forEach((n, k) => {
    const where = `node ${k} (${n.op})`;
    for (const v of n.inputs) if (!defined.has(v)) problems.push(`${where}: uses %${v} before it is defined`);
    const missing = [...n.inputs, ...n.outputs].filter((v) => v < 0 || v >= g.values.length);
    if (missing.length) {
      for (const v of n.outputs) define(v, where);
      return;
    }
    const res = inferOp(n.op, n.inputs.map((v) => g.type(v)), n.attrs as never);
    if ("error" in res) problems.push(`${where}: ${res.error}`);
    else if (res.types.length !== n.outputs.length) problems.push(`${where}: has ${n.outputs.length} outputs, expected ${res.types.length}`);
    else {
      res.types.forEach((t, j) => {
        const declared = g.type(n.outputs[j]);
        if (!sameType(t, declared)) problems.push(`${where}: output %${n.outputs[j]} declared ${formatType(declared)}, inferred ${formatType(t)}`);
      });
    }
    n.outputs.forEach((v) => define(v, where));
  });
  const outNames = new Set<string>();
  for (const o of g.outputs) {
    if (outNames.has(o.name)) problems.push(`output name ${o.name} is used twice`);
    outNames.add(o.name);
    if (!defined.has(o.value)) problems.push(`output ${o.name}: value %${o.value} is never defined`);
  }
  return problems;
}

export function assertValid(g: Graph): void {
  const p = verifyGraph(g);
  if (p.length) throw new Error(`invalid IR graph:\n  ${p.join("\n  ")}`);
}
