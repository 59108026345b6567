// What a gradient rule sees and returns. Rules are expressions over the builder; the walker owns the
// plumbing (accumulation, un-broadcasting, symbolic zeros, skipping inputs that need no gradient).
import type { Node, ValueId } from "../../ir/graph.js";
import type { OpAttrs, OpKind } from "../../ir/ops.js";
import type { Builder } from "./builder.js";
import type { Grad, Zero } from "./zero.js";

export interface GradCtx<K extends OpKind> {
  b: Builder;
  node: Node<K>;
  attrs: OpAttrs[K];
  /** the node's inputs and outputs */
  x: ValueId[];
  y: ValueId[];
  /** gradient of output 0, materialised (zeros if only another output has a gradient) */
  gy: ValueId;
  /** gradients of all outputs; Zero where none flows */
  gys: Grad[];
}

/**
 * One entry per node input: Zero (not differentiable, or no dependence), or a thunk that builds the
 * gradient. Thunks run only for inputs that depend on a differentiated value, so e.g. the exponent
 * gradient of Pow is never built for a constant exponent. The result may be in the broadcast shape of
 * the node's output: the walker sums it back to the operand's shape.
 */
export type InputGrad = Zero | (() => Grad);
export type GradRule<K extends OpKind> = (c: GradCtx<K>) => InputGrad[];
