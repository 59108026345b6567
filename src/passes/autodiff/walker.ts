// Reverse-mode autodiff on the core IR. Appends backward nodes (role "backward", the forward node's
// loc and scope) to the same graph and returns the gradient of `loss` for each value in `wrt`.
// The walker does the plumbing once: which nodes lie between wrt and the loss, fan-in accumulation,
// un-broadcasting each rule's result to its operand's shape, symbolic zeros and multi-output nodes.
import type { Graph, Node, ValueId } from "../../ir/graph.js";
import type { OpKind } from "../../ir/ops.js";
import { unbroadcast } from "./broadcast.js";
import { Builder } from "./builder.js";
import type { GradCtx, GradRule, InputGrad } from "./rule.js";
import { GRAD_RULES } from "./rules.js";
import { isZero, ZERO, type Grad } from "./zero.js";

/** Values that depend on any of `wrt` (forward reachability through the node list). */
function dependents(g: Graph, wrt: ValueId[]): Set<ValueId> {
  const dep = new Set<ValueId>(wrt);
  for (const n of g.nodes) {
    if (n.inputs.some((v) => dep.has(v))) for (const o of n.outputs) dep.add(o);
  }
  return dep;
}

function runRule<K extends OpKind>(ctx: GradCtx<K>): InputGrad[] {
  return (GRAD_RULES[ctx.node.op] as unknown as GradRule<K>)(ctx);
}

export function differentiate(g: Graph, loss: ValueId, wrt: ValueId[]): Map<ValueId, Grad> {
  const b = new Builder(g);
  const dep = dependents(g, wrt);
  const grads = new Map<ValueId, ValueId>();
  const forward = [...g.nodes];
  const lossNode = forward.find((n) => n.outputs.includes(loss));
  const seedOrigin = lossNode ? { ...lossNode.origin, role: "backward" as const } : { role: "backward" as const };

  const accumulate = (v: ValueId, contrib: ValueId) => {
    const prev = grads.get(v);
    grads.set(v, prev === undefined ? contrib : b.add(prev, contrib));
  };

  if (dep.has(loss) && g.type(loss).dtype === "f32") {
    g.withOrigin(seedOrigin, () => grads.set(loss, b.fillLike(loss, 1)));
  }

  for (let i = forward.length - 1; i >= 0; i--) {
    const node = forward[i] as Node;
    const gys: Grad[] = node.outputs.map((o) => grads.get(o) ?? ZERO);
    if (gys.every(isZero)) continue;
    const needed = node.inputs.map((v) => dep.has(v) && g.type(v).dtype === "f32");
    if (!needed.some(Boolean)) continue;

    g.withOrigin({ ...node.origin, role: "backward" }, () => {
      const first = gys[0];
      const gy = isZero(first) ? b.fillLike(node.outputs[0], 0) : first;
      const ctx = { b, node, attrs: node.attrs, x: node.inputs, y: node.outputs, gy, gys } as GradCtx<OpKind>;
      const results = runRule(ctx);
      if (results.length !== node.inputs.length) {
        throw new Error(`gradient rule of ${node.op} returned ${results.length} results for ${node.inputs.length} inputs`);
      }
      results.forEach((r, k) => {
        if (!needed[k] || isZero(r)) return;
        const grad = r();
        if (isZero(grad)) return;
        accumulate(node.inputs[k], unbroadcast(b, grad, node.inputs[k]));
      });
    });
  }

  const out = new Map<ValueId, Grad>();
  for (const w of wrt) out.set(w, grads.get(w) ?? ZERO);
  return out;
}

/** A tensor for a gradient: the value itself, or zeros shaped like `like` (added as a backward node). */
export function materialize(g: Graph, grad: Grad, like: ValueId): ValueId {
  if (!isZero(grad)) return grad;
  return g.withOrigin({ role: "backward" }, () => new Builder(g).fillLike(like, 0));
}
