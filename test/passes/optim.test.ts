// Optimizer update graphs against PyTorch 1.13 (test/fixtures/parity/optimizers.json, see docs/parity.md):
// five steps on two parameters from identical gradients, run in the interpreter and in onnxruntime.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Graph, interpret, tensor, verifyGraph, type Tensor } from "../../src/ir/index.js";
import { addOptimizer, lrAt, newName, stateName, type OptimizerConfig } from "../../src/passes/optim/index.js";
import { compileAndRun } from "../../src/runtime/index.js";

interface JsonTensor { shape: number[]; data: number[] }
interface Fixture {
  params_init: Record<string, JsonTensor>;
  grads: Record<string, JsonTensor>[];
  cases: {
    name: string;
    optimizer: "Adam" | "AdamW" | "SGD" | "Adagrad";
    hparams: Record<string, number | number[] | boolean>;
    clip?: { max_norm: number };
    steps: {
      params: Record<string, JsonTensor>;
      state: Record<string, Record<string, JsonTensor | number>>;
      total_norm?: number;
      clipped_grads?: Record<string, JsonTensor>;
    }[];
  }[];
}

const fixture: Fixture = JSON.parse(readFileSync(new URL("../fixtures/parity/optimizers.json", import.meta.url), "utf8"));
const PARAMS = Object.keys(fixture.params_init);

function config(c: Fixture["cases"][number]): OptimizerConfig {
  const h = c.hparams as Record<string, never>;
  const common = { lr: h.lr, weightDecay: h.weight_decay, clipNorm: c.clip?.max_norm };
  switch (c.optimizer) {
    case "Adam": return { kind: "adam", ...common, betas: h.betas, eps: h.eps };
    case "AdamW": return { kind: "adamw", ...common, betas: h.betas, eps: h.eps };
    case "SGD": return { kind: "sgd", ...common, momentum: h.momentum, dampening: h.dampening, nesterov: h.nesterov };
    case "Adagrad": return { kind: "adagrad", ...common, lrDecay: h.lr_decay, eps: h.eps, initialAccumulatorValue: h.initial_accumulator_value };
  }
}

/** params as inputs, gradients as data inputs "grad.<p>", the optimizer, and the clip norm as an output */
function stepGraph(cfg: OptimizerConfig): Graph {
  const g = new Graph();
  const params = PARAMS.map((name) => {
    const type = { dtype: "f32" as const, shape: fixture.params_init[name].shape };
    const value = g.addInput(name, type, "param");
    return { name, value, grad: g.addInput(`grad.${name}`, type, "data") };
  });
  const opt = addOptimizer(g, params, cfg);
  if (opt.gradNorm !== undefined) g.addOutput("grad_norm", opt.gradNorm);
  return g;
}

const toTensor = (t: JsonTensor) => tensor("f32", t.shape, t.data);

function expectClose(got: Tensor | undefined, want: JsonTensor | number, what: string) {
  expect(got, what).toBeDefined();
  const w = typeof want === "number" ? [want] : want.data;
  const worst = w.reduce((m, x, i) => Math.max(m, Math.abs(got!.data[i] - x) / Math.max(1, Math.abs(x))), 0);
  expect(worst, what).toBeLessThanOrEqual(1e-6);
}

type Runner = (g: Graph, feeds: Record<string, Tensor>) => Promise<Record<string, Tensor>>;
const RUNNERS: [string, Runner][] = [
  ["interpreter", async (g, f) => interpret(g, f).outputs],
  ["onnxruntime", (g, f) => compileAndRun(g, f)],
];

describe.each(RUNNERS)("optimizers match torch 1.13 (%s)", (_, runner) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const cfg = config(c);
    const g = stepGraph(cfg);
    expect(verifyGraph(g)).toEqual([]);
    const feeds: Record<string, Tensor> = {};
    for (const p of PARAMS) feeds[p] = toTensor(fixture.params_init[p]);
    const stateInputs = g.inputs.filter((i) => i.kind === "state");
    for (const s of stateInputs) feeds[s.name] = tensor("f32", g.type(s.value).shape as number[]);
    for (let k = 0; k < c.steps.length; k++) {
      const want = c.steps[k];
      for (const p of PARAMS) feeds[`grad.${p}`] = toTensor(fixture.grads[k][p]);
      feeds["opt.lr"] = tensor("f32", [], [lrAt(k, { kind: "constant", lr: cfg.lr })]);
      feeds["opt.step"] = tensor("f32", [], [k + 1]);
      const out = await runner(g, feeds);
      for (const p of PARAMS) {
        expectClose(out[newName(p)], want.params[p], `${c.name} step ${k + 1} ${p}`);
        for (const [slot, value] of Object.entries(want.state[p])) {
          if (slot === "step") continue;
          expectClose(out[newName(stateName(p, slot))], value, `${c.name} step ${k + 1} ${p}.${slot}`);
        }
        feeds[p] = out[newName(p)];
      }
      for (const s of stateInputs) feeds[s.name] = out[newName(s.name)];
      if (want.total_norm !== undefined) expectClose(out.grad_norm, want.total_norm, `${c.name} step ${k + 1} norm`);
    }
    // every state slot torch keeps (besides its step counter) exists as an input, and no other
    const torchSlots = PARAMS.flatMap((p) => Object.keys(c.steps[0].state[p]).filter((s) => s !== "step").map((s) => stateName(p, s)));
    expect(stateInputs.map((s) => s.name).sort()).toEqual(torchSlots.sort());
  });
});

describe("optimizer graph conventions", () => {
  it("adds hyper inputs opt.lr and opt.step, state inputs with constant init, and <name>.new outputs", () => {
    const g = stepGraph({ kind: "adam", lr: 1e-3 });
    const kinds = Object.fromEntries(g.inputs.map((i) => [i.name, i.kind]));
    expect(kinds).toMatchObject({ "opt.lr": "hyper", "opt.step": "hyper", "opt.p0.exp_avg": "state", "opt.p1.exp_avg_sq": "state" });
    expect(g.input("opt.p0.exp_avg")!.init).toEqual({ kind: "constant", value: 0 });
    expect(g.input("opt.lr")!.init).toEqual({ kind: "constant", value: 1e-3 });
    expect(g.outputs.map((o) => o.name).sort()).toEqual(
      ["opt.p0.exp_avg.new", "opt.p0.exp_avg_sq.new", "opt.p1.exp_avg.new", "opt.p1.exp_avg_sq.new", "p0.new", "p1.new"]);
    expect(g.nodes.every((n) => n.origin.role === "optimizer")).toBe(true);
  });

  it("adds the Adagrad accumulator with its initial value and applies lr decay by step", () => {
    const g = stepGraph({ kind: "adagrad", lr: 0.5, lrDecay: 0.5, initialAccumulatorValue: 0.25 });
    expect(g.input("opt.p0.sum")!.init).toEqual({ kind: "constant", value: 0.25 });
    const feeds: Record<string, Tensor> = {
      p0: tensor("f32", [5], [1, 1, 1, 1, 1]), "grad.p0": tensor("f32", [5], [1, 2, 0, -1, 0.5]),
      p1: tensor("f32", [3, 4]), "grad.p1": tensor("f32", [3, 4]),
      "opt.p0.sum": tensor("f32", [5], [0.25, 0.25, 0.25, 0.25, 0.25]), "opt.p1.sum": tensor("f32", [3, 4]),
      "opt.lr": tensor("f32", [], [0.5]), "opt.step": tensor("f32", [], [3]),
    };
    const out = interpret(g, feeds).outputs;
    const clr = 0.5 / (1 + 2 * 0.5);
    const want = [1, 2, 0, -1, 0.5].map((gr) => 1 - (clr * gr) / (Math.sqrt(0.25 + gr * gr) + 1e-10));
    want.forEach((w, i) => expect(out["p0.new"].data[i]).toBeCloseTo(w, 12));
  });
});

describe("lrAt", () => {
  it("constant, StepLR per epoch, cosine and linear warmup", () => {
    expect(lrAt(123, { kind: "constant", lr: 0.01 })).toBe(0.01);
    const step = { kind: "step" as const, lr: 1, stepSize: 2, gamma: 0.5, stepsPerEpoch: 10 };
    expect([0, 19, 20, 39, 40, 65].map((s) => lrAt(s, step))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
    const cos = { kind: "cosine" as const, lr: 1, totalSteps: 100, minLr: 0.1 };
    expect(lrAt(0, cos)).toBeCloseTo(1, 12);
    expect(lrAt(50, cos)).toBeCloseTo(0.55, 12);
    expect(lrAt(100, cos)).toBeCloseTo(0.1, 12);
    expect(lrAt(500, cos)).toBeCloseTo(0.1, 12);
    const warm = { kind: "constant" as const, lr: 0.1, warmupSteps: 4 };
    expect([0, 1, 3, 4, 9].map((s) => lrAt(s, warm))).toEqual([0.025, 0.05, 0.1, 0.1, 0.1]);
  });
});
