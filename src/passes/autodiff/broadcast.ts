// Shape plumbing used once by the walker (and by rules that restore reduced axes):
// un-broadcasting a gradient to an operand's shape and broadcasting a value up to another's shape.
// Both work with symbolic dimensions such as "B" without ever writing a symbol into an attribute.
import type { ValueId } from "../../ir/graph.js";
import { dimEq, formatShape, type Dim } from "../../ir/types.js";
import type { Builder } from "./builder.js";

function sameShape(a: Dim[], b: Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => dimEq(d, b[i]));
}

/**
 * Broadcast `v` to the shape of `like`. Uses Expand when every dimension it must create is static
 * (dimensions `v` already has are written as 1, which Expand keeps); otherwise adds FillLike(like, 0),
 * which takes the runtime shape of `like`.
 */
export function broadcastLike(b: Builder, v: ValueId, like: ValueId): ValueId {
  const vs = b.shape(v), ts = b.shape(like);
  if (sameShape(vs, ts)) return v;
  const off = ts.length - vs.length;
  if (off < 0) throw new Error(`cannot broadcast ${formatShape(vs)} to ${formatShape(ts)}`);
  const target: Dim[] = ts.map((d, i) => (i >= off && dimEq(vs[i - off], d) ? 1 : d));
  if (target.every((d) => typeof d === "number")) return b.op("Expand", [v], { shape: target });
  return b.add(v, b.fillLike(like, 0));
}

/**
 * Sum a gradient computed in a broadcast shape back to the shape of the operand `like`: leading axes the
 * operand lacks are summed away, axes where the operand has size 1 are summed with keepdims.
 */
export function unbroadcast(b: Builder, grad: ValueId, like: ValueId): ValueId {
  const ts = b.shape(like);
  let g = grad;
  let gs = b.shape(g);
  if (sameShape(gs, ts)) return g;
  const lead = gs.length - ts.length;
  if (lead > 0) {
    g = b.sum(g, Array.from({ length: lead }, (_, i) => i), false);
    gs = b.shape(g);
  }
  if (gs.length === ts.length) {
    const ones = ts.flatMap((d, i) => (d === 1 && !dimEq(gs[i], 1) ? [i] : []));
    if (ones.length > 0) g = b.sum(g, ones, true);
    gs = b.shape(g);
  }
  if (sameShape(gs, ts)) return g;
  // a gradient smaller than its operand (a rule returned a broadcastable value): broadcast it up
  return broadcastLike(b, g, like);
}
