// Gradient rules of the element-wise ops. Results may be in the output's broadcast shape.
import type { ValueId } from "../../ir/graph.js";
import type { Builder } from "./builder.js";
import type { GradRule } from "./rule.js";
import { ZERO } from "./zero.js";

type MathOp =
  | "Add" | "Sub" | "Mul" | "Div" | "Pow" | "Max" | "Min"
  | "Equal" | "Less" | "Greater" | "And" | "Or" | "Not"
  | "Neg" | "Exp" | "Log" | "Sqrt" | "Tanh" | "Sigmoid" | "Relu" | "Abs" | "Softplus"
  | "Identity" | "StopGradient" | "Cast" | "Where";

/** gy where cond holds, 0 elsewhere */
const pick = (b: Builder, cond: ValueId, gy: ValueId) => b.where(cond, gy, b.k(0));

/** Max/Min: the selected operand gets the gradient; ties split it evenly (as torch.maximum). */
function selectGrad(b: Builder, wins: ValueId, tie: ValueId, gy: ValueId): ValueId {
  return b.add(pick(b, wins, gy), pick(b, tie, b.mul(gy, b.k(0.5))));
}

const none = () => [ZERO, ZERO];

export const MATH_RULES = {
  Add: ({ gy }) => [() => gy, () => gy],
  Sub: ({ b, gy }) => [() => gy, () => b.neg(gy)],
  Mul: ({ b, gy, x: [p, q] }) => [() => b.mul(gy, q), () => b.mul(gy, p)],
  Div: ({ b, gy, x: [p, q] }) => [
    () => b.div(gy, q),
    () => b.neg(b.div(b.mul(gy, p), b.mul(q, q))),
  ],
  // d/db a^b = a^b ln a, defined as 0 where a <= 0 (torch gives 0 at a = 0 and NaN below)
  Pow: ({ b, gy, x: [p, q], y: [out] }) => [
    () => b.mul(b.mul(gy, q), b.pow(p, b.sub(q, b.k(1)))),
    () => b.mul(gy, b.where(b.greater(p, b.k(0)), b.mul(out, b.log(p)), b.k(0))),
  ],
  Max: ({ b, gy, x: [p, q] }) => [
    () => selectGrad(b, b.greater(p, q), b.equal(p, q), gy),
    () => selectGrad(b, b.less(p, q), b.equal(p, q), gy),
  ],
  Min: ({ b, gy, x: [p, q] }) => [
    () => selectGrad(b, b.less(p, q), b.equal(p, q), gy),
    () => selectGrad(b, b.greater(p, q), b.equal(p, q), gy),
  ],
  Equal: none, Less: none, Greater: none, And: none, Or: none,
  Not: () => [ZERO],
  Neg: ({ b, gy }) => [() => b.neg(gy)],
  Exp: ({ b, gy, y: [out] }) => [() => b.mul(gy, out)],
  Log: ({ b, gy, x: [p] }) => [() => b.div(gy, p)],
  Sqrt: ({ b, gy, y: [out] }) => [() => b.div(gy, b.mul(out, b.k(2)))],
  Tanh: ({ b, gy, y: [out] }) => [() => b.mul(gy, b.sub(b.k(1), b.mul(out, out)))],
  Sigmoid: ({ b, gy, y: [out] }) => [() => b.mul(gy, b.mul(out, b.sub(b.k(1), out)))],
  // torch: the gradient is 0 where the output is 0 (including x = 0)
  Relu: ({ b, gy, y: [out] }) => [() => pick(b, b.greater(out, b.k(0)), gy)],
  // sign(x), with sign(0) = 0 as torch
  Abs: ({ b, gy, x: [p] }) => [
    () => b.mul(gy, b.sub(b.cast(b.greater(p, b.k(0)), "f32"), b.cast(b.less(p, b.k(0)), "f32"))),
  ],
  Softplus: ({ b, gy, x: [p] }) => [() => b.mul(gy, b.sigmoid(p))],
  Identity: ({ gy }) => [() => gy],
  StopGradient: () => [ZERO],
  // only a float-to-float cast carries a gradient
  Cast: ({ gy, attrs, b, x: [p] }) => [attrs.to === "f32" && b.type(p).dtype === "f32" ? () => gy : ZERO],
  Where: ({ b, gy, x: [c] }) => [ZERO, () => b.where(c, gy, b.k(0)), () => b.where(c, b.k(0), gy)],
} satisfies { [K in MathOp]: GradRule<K> };
