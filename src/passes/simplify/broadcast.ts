// Broadcast elision: autodiff broadcasts gradients back to an operand's shape with Expand(x) (static) or
// Add(x, FillLike(y, 0)) (symbolic). When such a value only feeds an elementwise op whose other operands
// already have the full shape, the op broadcasts x itself: read x, and let DCE drop the materialised copy.
// When the op's other operands are small too, it is computed small and its result broadcast instead, so
// the broadcast moves down to a consumer that may elide it (a mean's gradient divided by the count, then
// multiplied by a full-size value). Values are unchanged, except that x + 0 turned a -0 into +0.
import type { Graph, Node, ValueId } from "../../ir/graph.js";
import { inferOp } from "../../ir/ops.js";
import { dimEq, type TensorType } from "../../ir/types.js";
import type { PassResult } from "./pass.js";

const ELEMENTWISE = new Set(["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Less", "Greater", "And", "Or", "Where"]);

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.shape.length === b.shape.length && a.shape.every((d, i) => dimEq(d, b.shape[i]));
}

export function elideBroadcasts(g: Graph): PassResult {
  const out = g.clone();
  const producer = new Map<ValueId, Node>();
  const isZeros = (v: ValueId) => {
    const n = producer.get(v);
    return n?.op === "FillLike" && (n as Node<"FillLike">).attrs.value === 0;
  };
  /** x when v is x broadcast up: Expand(x), x + zeros or zeros + x */
  const source = (v: ValueId): ValueId | undefined => {
    const n = producer.get(v);
    if (n?.op === "Expand") return n.inputs[0];
    if (n?.op === "Add") {
      const [a, b] = n.inputs;
      if (isZeros(b) && sameType(out.type(a), out.type(v)) === false) return a;
      if (isZeros(a) && sameType(out.type(b), out.type(v)) === false) return b;
    }
    return undefined;
  };
  let changed = false;
  const nodes: Node[] = [];
  for (const n of out.nodes) {
    nodes.push(n);
    if (ELEMENTWISE.has(n.op)) {
      const want = out.type(n.outputs[0]);
      n.inputs.forEach((v, i) => {
        const x = source(v);
        if (x === undefined) return;
        const trial = n.inputs.map((u, j) => (j === i ? x : u));
        const res = inferOp(n.op, trial.map((u) => out.type(u)), n.attrs as never);
        if ("error" in res) return;
        if (sameType(res.types[0], want)) {
          n.inputs[i] = x;
          changed = true;
          return;
        }
        // the op's other operands are small too: compute it small and broadcast its result instead,
        // Op(x + zeros, y) → Op(x, y) + zeros (the broadcast moves down to where it may be elided)
        const b = producer.get(v)!;
        if (b.op !== "Add" || !sameType(out.type(v), want) || n.inputs.some((u, j) => j !== i && u === v)) return;
        const small = out.newValue(res.types[0]);
        nodes.splice(nodes.length - 1, 0, { ...n, inputs: trial, outputs: [small], origin: { ...n.origin } } as Node);
        const zeros = b.inputs.find((u) => isZeros(u))!;
        Object.assign(n, { op: "Add", attrs: {}, inputs: [small, zeros] });
        changed = true;
      });
    }
    for (const v of n.outputs) producer.set(v, n);
  }
  out.nodes = nodes;
  return { graph: out, changed };
}
