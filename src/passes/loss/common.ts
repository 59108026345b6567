// Shared pieces of the loss heads: the "loss" origin and small shape helpers.
import type { Graph, ValueId } from "../../ir/graph.js";
import { dimEq, formatShape, type Dim } from "../../ir/types.js";
import { Builder } from "../autodiff/builder.js";

/** Run `fn` with a builder whose nodes carry role "loss" (keeping the graph's current loc and scope). */
export function lossNodes(g: Graph, fn: (b: Builder) => ValueId): ValueId {
  return g.withOrigin({ role: "loss" }, () => fn(new Builder(g)));
}

/** (B) stays (B); (B,1) becomes (B). Anything else is a caller bug. */
export function asVector(b: Builder, v: ValueId, what: string): ValueId {
  const s = b.shape(v);
  if (s.length === 1) return v;
  if (s.length === 2 && s[1] === 1) return b.reshape(v, [s[0]]);
  throw new Error(`${what} must have shape (B) or (B,1), got ${formatShape(s)}`);
}

/** The number of elements of v as an f32 scalar: a constant when static, else counted at run time. */
export function elementCount(b: Builder, v: ValueId): ValueId {
  const shape = b.shape(v);
  if (shape.every((d) => typeof d === "number")) return b.k(shape.reduce((p: number, d) => p * (d as number), 1));
  return b.sumAll(b.fillLike(v, 1));
}

export function sameDims(a: Dim[], c: Dim[]): boolean {
  return a.length === c.length && a.every((d, i) => dimEq(d, c[i]));
}

/** Numerically stable log-sum-exp over axis 1 of a (B, C) value, keeping the axis: (B, 1). */
export function logSumExp(b: Builder, s: ValueId): ValueId {
  const m = b.stopGradient(b.reduceMax(s, [1], true));
  return b.add(m, b.log(b.sum(b.exp(b.sub(s, m)), [1], true)));
}
