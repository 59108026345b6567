// The training steps compiled from models.rech (compileTrainStep: forward, autodiff, optimizer, simplify;
// dense updates) run in onnxruntime by the StepExecutor on the fixture batch, against PyTorch: the first
// step's gradients and running statistics, 20 SGD losses and 5 Adam losses (docs/parity.md).
import { afterAll, describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import type { OptimizerConfig } from "../../src/passes/optim/index.js";
import { compileTrainStep } from "../../src/passes/pipeline.js";
import { StepExecutor } from "../../src/runtime/train-step.js";
import {
  batchOf, CASES, gradErr, graphName, heldValues, loadFixture, maxErr, modelsProgram, overridesFor, printReport,
  record, relErr, render, type Fixture,
} from "./cases.js";

/** A learning rate for reading gradients off one SGD step: θ1 = θ0 − LR·g is dominated by LR·g, so
 *  g = (θ0 − θ1) / LR keeps nearly float32 precision (a power of two divides exactly). */
const PROBE_LR = 1024;

const executors: StepExecutor[] = [];
afterAll(async () => {
  for (const e of executors) await e.release();
  printReport("worst errors, onnxruntime training step");
});

async function stepExecutor(fx: Fixture, optimizer: OptimizerConfig): Promise<StepExecutor> {
  const p = modelsProgram();
  const step = compileTrainStep(p, fx.model, overridesFor(fx), { optimizer, sparse: false });
  expect(render(p, step.diagnostics)).toBe("");
  expect(step.sparse).toEqual([]);
  const bytes = serializeModel(emitModel(step.graph!, { name: `${fx.model}_train_step`, dynamicNames: { B: "batch" } }));
  const ex = await StepExecutor.create({ model: bytes, signature: step.graph!, seed: 1, threads: 1 });
  executors.push(ex);
  return ex;
}

/** Fixture params and buffers in place, optimizer state zero, step count 0. */
function restart(ex: StepExecutor, fx: Fixture): void {
  const zeros = ex.tensors().filter((t) => t.kind === "state")
    .map((t) => [t.name, { data: new Float32Array(t.shape.reduce((a, b) => a * b, 1)), shape: t.shape }] as const);
  ex.setParams({ ...heldValues(fx), ...Object.fromEntries(zeros) });
  ex.step = 0;
}

describe.each(CASES)("%s compiled training step in onnxruntime", (name) => {
  const fx = loadFixture(name);
  const batch = batchOf(fx);
  let sgd: StepExecutor;

  it("first step: loss, every gradient and the running statistics", async () => {
    sgd = await stepExecutor(fx, { kind: "sgd", lr: fx.sgd.lr });
    expect(sgd.tensors().filter((t) => t.kind === "param").map((t) => t.name).sort())
      .toEqual(Object.keys(fx.params).map(graphName).sort());
    restart(sgd, fx);
    const loss = await sgd.run(batch, { "opt.lr": PROBE_LR });
    expect(record(`${name} loss (rel)`, relErr(loss, fx.loss))).toBeLessThan(1e-4);
    const after = sgd.getParams();
    for (const [k, t0] of Object.entries(fx.params)) {
      const t1 = after[graphName(k)]!.data;
      const g = t0.data.map((v, i) => (v - t1[i]!) / PROBE_LR);
      const zero = fx.zero_grad_params.includes(k);
      expect(record(`${name} grads${zero ? " (zero, abs)" : ""}`, gradErr(fx, k, g)), k).toBeLessThan(1e-4);
    }
    for (const [k, want] of Object.entries(fx.buffers_after_step)) {
      expect(record(`${name} running stats`, maxErr(after[graphName(k)]!.data, want.data)), k).toBeLessThan(1e-4);
    }
  });

  it(`${fx.sgd.losses.length} SGD steps (lr ${fx.sgd.lr}): every loss within 1e-4`, async () => {
    restart(sgd, fx);
    for (const [t, want] of fx.sgd.losses.entries()) {
      const loss = await sgd.run(batch, { "opt.lr": fx.sgd.lr });
      expect(record(`${name} sgd losses (rel)`, relErr(loss, want)), `step ${t}`).toBeLessThan(1e-4);
    }
    expect(sgd.step).toBe(fx.sgd.losses.length);
  });

  it(`${fx.adam.losses.length} Adam steps (coupled weight decay): every loss within 1e-3`, async () => {
    const { lr, weight_decay, betas, eps, losses } = fx.adam;
    const adam = await stepExecutor(fx, { kind: "adam", lr, weightDecay: weight_decay, betas, eps });
    const slots = adam.tensors().filter((t) => t.kind === "state").map((t) => t.name);
    expect(slots.length).toBe(2 * Object.keys(fx.params).length);
    restart(adam, fx);
    for (const [t, want] of losses.entries()) {
      const loss = await adam.run(batch, { "opt.lr": lr });
      expect(record(`${name} adam losses (rel)`, relErr(loss, want)), `step ${t}`).toBeLessThan(1e-3);
    }
  });
});
