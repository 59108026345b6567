// Algebraic identities that autodiff leaves behind: x·1, x/1, x+0, 0+x, x−0, and no-op Reshape, Expand,
// Transpose and Cast. A rewrite applies only when the result has exactly x's type (no broadcasting
// growth), and never to a node that defines a graph output.
import type { Graph, Node, ValueId } from "../../ir/graph.js";
import type { Tensor } from "../../ir/tensor.js";
import { dimEq, type TensorType } from "../../ir/types.js";
import { graphOutputValues, substitute, type PassResult } from "./pass.js";

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.shape.length === b.shape.length && a.shape.every((d, i) => dimEq(d, b.shape[i]));
}

/** The value every element of a constant holds, if it is uniform. */
function uniformValue(t: Tensor): number | undefined {
  if (t.data.length === 0) return undefined;
  const v = t.data[0];
  for (let i = 1; i < t.data.length; i++) if (!Object.is(t.data[i], v)) return undefined;
  return v;
}

export function algebraic(g: Graph): PassResult {
  const out = g.clone();
  const keep = graphOutputValues(out);
  const uniform = new Map<ValueId, number>();
  const remap = new Map<ValueId, ValueId>();

  /** the operand that passes through unchanged, if this node is an identity */
  const passThrough = (n: Node): ValueId | undefined => {
    const [a, b] = n.inputs;
    const isConst = (v: ValueId, x: number) => uniform.get(v) === x;
    switch (n.op) {
      case "Mul": return isConst(b, 1) ? a : isConst(a, 1) ? b : undefined;
      case "Div": return isConst(b, 1) ? a : undefined;
      case "Add": return isConst(b, 0) ? a : isConst(a, 0) ? b : undefined;
      case "Sub": return isConst(b, 0) ? a : undefined;
      case "Reshape": case "Expand": case "Cast": return a;
      case "Transpose": return (n as Node<"Transpose">).attrs.perm.every((p, i) => p === i) ? a : undefined;
      default: return undefined;
    }
  };

  out.nodes = out.nodes.filter((n) => {
    n.inputs = n.inputs.map((v) => remap.get(v) ?? v);
    if (n.op === "Constant") {
      const u = uniformValue((n as Node<"Constant">).attrs.value);
      if (u !== undefined) uniform.set(n.outputs[0], u);
      return true;
    }
    const y = n.outputs[0];
    const x = passThrough(n);
    if (x === undefined || keep.has(y) || !sameType(out.type(x), out.type(y))) return true;
    remap.set(y, x);
    return false;
  });
  substitute(out, remap);
  return { graph: out, changed: remap.size > 0 };
}
