// Finite-difference gradient checking on the reference interpreter (float64 central differences).
import { differentiate, materialize } from "../../src/passes/autodiff/index.js";
import { Builder } from "../../src/passes/autodiff/builder.js";
import { Graph, interpret, tensor, verifyGraph, bindShape, type Dim, type DType, type Tensor, type ValueId } from "../../src/ir/index.js";
import { rng } from "../helpers/rng.js";

export { rng };

export type Gen = "any" | "pos" | "away" | "bool" | { int: number };
export interface InputSpec {
  name: string;
  shape: Dim[];
  dtype?: DType;
  gen?: Gen;
  /** differentiate with respect to this input (default: every f32 input) */
  wrt?: boolean;
}
export interface GradCase {
  name: string;
  inputs: InputSpec[];
  env?: Record<string, number>;
  build(b: Builder, xs: ValueId[]): ValueId;
  /** adjust generated feeds, e.g. to keep operands of Max apart */
  fix?(feeds: Record<string, Tensor>, rand: () => number): void;
}

function generate(spec: InputSpec, shape: number[], rand: () => number): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const gen = spec.gen ?? (spec.dtype === "i32" ? { int: 3 } : spec.dtype === "bool" ? "bool" : "any");
  const vals = Array.from({ length: n }, () => {
    if (gen === "any") return rand() * 2 - 1;
    if (gen === "pos") return 0.5 + rand() * 1.5;
    if (gen === "away") return (rand() < 0.5 ? -1 : 1) * (0.3 + rand() * 0.7);
    if (gen === "bool") return rand() < 0.5 ? 1 : 0;
    return Math.floor(rand() * gen.int);
  });
  return tensor(spec.dtype ?? "f32", shape, vals);
}

export interface GradReport {
  maxRelErr: number;
  worst: string;
  checked: number;
  problems: string[];
}

export interface GradGraph {
  /** forward + backward graph with outputs loss and grad.<input> */
  graph: Graph;
  /** the forward graph alone (output loss) */
  forward: Graph;
  feeds: Record<string, Tensor>;
  /** indices of the inputs differentiated */
  wrt: number[];
  problems: string[];
}

/** Builds the case with loss = sum(out * w) for a random w, differentiates it and generates feeds. */
export function gradGraph(c: GradCase, seed = 1): GradGraph {
  const env = c.env ?? {};
  const g = new Graph();
  const b = new Builder(g);
  const xs = c.inputs.map((s) => {
    const dtype = s.dtype ?? "f32";
    const wrt = s.wrt ?? dtype === "f32";
    return g.addInput(s.name, { dtype, shape: s.shape }, wrt ? "param" : "data");
  });
  const out = c.build(b, xs);
  const w = g.addInput("__w", g.type(out), "data");
  const loss = b.sumAll(b.mul(out, w));
  g.addOutput("loss", loss);
  const forward = g.clone();
  const wrtIdx = c.inputs.flatMap((s, i) => ((s.wrt ?? (s.dtype ?? "f32") === "f32") ? [i] : []));
  const grads = differentiate(g, loss, wrtIdx.map((i) => xs[i]));
  for (const i of wrtIdx) g.addOutput(`grad.${c.inputs[i].name}`, materialize(g, grads.get(xs[i])!, xs[i]));
  const problems = verifyGraph(g);

  const rand = rng(seed);
  const feeds: Record<string, Tensor> = {};
  c.inputs.forEach((s) => (feeds[s.name] = generate(s, bindShape(s.shape, env), rand)));
  c.fix?.(feeds, rand);
  feeds.__w = generate({ name: "__w", shape: [] }, bindShape(g.type(out).shape, env), rand);
  return { graph: g, forward, feeds, wrt: wrtIdx, problems };
}

/** Compares the autodiff gradients of gradGraph(c) with central differences. */
export function gradCheck(c: GradCase, seed = 1, eps = 1e-6): GradReport {
  const { graph: g, forward, feeds, wrt: wrtIdx, problems } = gradGraph(c, seed);
  const analytic = interpret(g, feeds).outputs;
  const lossAt = () => interpret(forward, feeds).outputs.loss.data[0];
  let maxRelErr = 0, worst = "", checked = 0;
  for (const i of wrtIdx) {
    const name = c.inputs[i].name;
    const x = feeds[name].data;
    const ga = analytic[`grad.${name}`].data;
    for (let k = 0; k < x.length; k++) {
      const orig = x[k];
      x[k] = orig + eps;
      const up = lossAt();
      x[k] = orig - eps;
      const down = lossAt();
      x[k] = orig;
      const num = (up - down) / (2 * eps);
      const err = Math.abs(ga[k] - num) / Math.max(1e-3, Math.abs(num));
      checked++;
      if (!(err <= maxRelErr)) {
        maxRelErr = Number.isNaN(err) ? Infinity : err;
        worst = `${name}[${k}]: autodiff ${ga[k]}, finite differences ${num}`;
      }
    }
  }
  return { maxRelErr, worst, checked, problems };
}
