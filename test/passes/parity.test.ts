// Hand-built DSSM / FaceBookDSSM / YoutubeDNN / YoutubeSBC training graphs against the PyTorch fixtures:
// first-step loss and every gradient (interpreter), SGD and Adam trajectories through addOptimizer
// (interpreter), and the SGD trajectory of the emitted training step in onnxruntime.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Graph, interpret, tensor, verifyGraph, type Tensor } from "../../src/ir/index.js";
import { differentiate } from "../../src/passes/autodiff/index.js";
import { addOptimizer, newName, type OptimizerConfig } from "../../src/passes/optim/index.js";
import { simplify } from "../../src/passes/simplify/index.js";
import { createSession, releaseSession, runGraph } from "../../src/runtime/index.js";
import { buildModel, type JsonTensor, type ModelFixture } from "./parity-models.js";

const NAMES = ["dssm_mode0", "dssm_mode1", "dssm_mode2", "facebookdssm_mode1", "youtubednn_mode2", "youtubesbc_mode2"];
const load = (n: string): ModelFixture => JSON.parse(readFileSync(new URL(`../fixtures/parity/${n}.json`, import.meta.url), "utf8"));
const FIXTURES = NAMES.map((n) => [n, load(n)] as const);

const toTensor = (t: JsonTensor): Tensor =>
  t.dtype === "int32" ? tensor("i32", t.shape, t.data) : { dtype: "f32", shape: t.shape, data: Float32Array.from(t.data) };

function baseFeeds(fx: ModelFixture): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(fx.inputs)) feeds[k] = toTensor(t);
  for (const [k, t] of Object.entries(fx.params)) feeds[k] = toTensor(t);
  return feeds;
}

function trainGraph(fx: ModelFixture, cfg: OptimizerConfig): Graph {
  const g = new Graph();
  const { loss, params } = buildModel(g, fx);
  const grads = differentiate(g, loss, [...params.values()]);
  addOptimizer(g, [...params].map(([name, value]) => ({ name, value, grad: grads.get(value)! })), cfg);
  g.addOutput("loss", loss);
  return g;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

describe.each(FIXTURES)("%s against PyTorch", (_, fx) => {
  it("loss and every gradient of the first step (interpreter)", () => {
    const g = new Graph();
    const { loss, params } = buildModel(g, fx);
    const grads = differentiate(g, loss, [...params.values()]);
    g.addOutput("loss", loss);
    for (const [name, v] of params) g.addOutput(`grad.${name}`, grads.get(v) as number);
    expect(verifyGraph(g)).toEqual([]);
    const out = interpret(g, baseFeeds(fx)).outputs;
    expect(rel(out.loss.data[0], fx.loss)).toBeLessThan(1e-5);
    const largest = Math.max(...Object.values(fx.grads).flatMap((t) => t.data.map(Math.abs)));
    for (const [name, want] of Object.entries(fx.grads)) {
      const got = out[`grad.${name}`].data;
      const scale = fx.zero_grad_params.includes(name) ? largest : Math.max(...want.data.map(Math.abs));
      const err = want.data.reduce((m, w, i) => Math.max(m, Math.abs(got[i] - w)), 0) / scale;
      expect(err, name).toBeLessThan(1e-4);
    }
  });

  it("20 SGD steps and 5 Adam steps through addOptimizer (interpreter)", () => {
    const cases: [OptimizerConfig, number[], number][] = [
      [{ kind: "sgd", lr: fx.sgd.lr }, fx.sgd.losses, 1e-4],
      [{ kind: "adam", lr: fx.adam.lr, weightDecay: fx.adam.weight_decay, betas: fx.adam.betas, eps: fx.adam.eps }, fx.adam.losses, 1e-3],
    ];
    for (const [cfg, losses, tol] of cases) {
      const g = trainGraph(fx, cfg);
      const feeds = baseFeeds(fx);
      for (const s of g.inputs.filter((i) => i.kind === "state")) feeds[s.name] = tensor("f32", g.type(s.value).shape as number[]);
      feeds["opt.lr"] = tensor("f32", [], [cfg.lr]);
      losses.forEach((want, t) => {
        feeds["opt.step"] = tensor("f32", [], [t + 1]);
        const out = interpret(g, feeds).outputs;
        expect(rel(out.loss.data[0], want), `${cfg.kind} step ${t}`).toBeLessThan(tol);
        for (const i of g.inputs) if (i.kind === "param" || i.kind === "state") feeds[i.name] = out[newName(i.name)];
      });
    }
  });

  it("20 SGD steps of the simplified training step in onnxruntime", async () => {
    const { graph } = simplify(trainGraph(fx, { kind: "sgd", lr: fx.sgd.lr }));
    const { emitModel } = await import("../../src/codegen/onnx/emit.js");
    const { serializeModel } = await import("../../src/codegen/onnx/serialize.js");
    const session = await createSession(serializeModel(emitModel(graph, { name: "step" })));
    try {
      const feeds = baseFeeds(fx);
      feeds["opt.lr"] = tensor("f32", [], [fx.sgd.lr]);
      for (let t = 0; t < fx.sgd.losses.length; t++) {
        feeds["opt.step"] = tensor("f32", [], [t + 1]);
        const out = await runGraph(session, feeds);
        expect(rel(out.loss.data[0], fx.sgd.losses[t]), `step ${t}`).toBeLessThan(1e-4);
        for (const i of graph.inputs) if (i.kind === "param") feeds[i.name] = out[newName(i.name)];
      }
    } finally {
      await releaseSession(session);
    }
  });
});
