// The symbolic zero gradient (JAX's `Zero`): "no gradient flows here". It is never materialised unless a
// caller asks for a tensor (see materialize), so unreachable branches cost no nodes.
import type { ValueId } from "../../ir/graph.js";

export interface Zero {
  readonly zero: true;
}
export const ZERO: Zero = Object.freeze({ zero: true as const });

export type Grad = ValueId | Zero;

export function isZero(g: unknown): g is Zero {
  return g === ZERO || (typeof g === "object" && g !== null && (g as Zero).zero === true);
}
