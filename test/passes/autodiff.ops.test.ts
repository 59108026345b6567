// Table-driven finite-difference gradient check: every differentiable core op, with broadcasting variants.
import { describe, expect, it } from "vitest";
import { OPS, type OpKind } from "../../src/ir/index.js";
import { gradCheck, gradGraph } from "./gradcheck.js";
import { OP_GRAD_CASES } from "./op-grad-cases.js";

describe("finite-difference gradient check on the interpreter", () => {
  it.each(OP_GRAD_CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const r = gradCheck(c);
    expect(r.problems).toEqual([]);
    expect(r.checked).toBeGreaterThan(0);
    expect(r.maxRelErr, r.worst).toBeLessThan(1e-5);
  });
});

/** ops whose gradient is zero by definition (tested in autodiff.walker.test.ts) */
const NON_DIFFERENTIABLE = new Set<OpKind>(["Equal", "Less", "Greater", "And", "Or", "Not", "ArgMax", "Constant", "FillLike", "StopGradient"]);

it("the table covers every differentiable core op", () => {
  const covered = new Set<string>();
  for (const c of OP_GRAD_CASES) for (const n of gradGraph(c).forward.nodes) covered.add(n.op);
  const missing = (Object.keys(OPS) as OpKind[]).filter((k) => !NON_DIFFERENTIABLE.has(k) && !covered.has(k));
  expect(missing).toEqual([]);
});
