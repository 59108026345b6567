// The training forward graphs of DSSM, FaceBookDSSM, YoutubeDNN and YoutubeSBC from models.rech, run by the
// reference interpreter on the PyTorch parity fixtures (test/fixtures/parity, written by ref/torch): loss,
// logits, tower outputs and BatchNorm running statistics agree with PyTorch, and so do the gradients that
// autodiff derives from these graphs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interpret } from "../../src/ir/interp.js";
import { tensor, type Tensor } from "../../src/ir/tensor.js";
import { differentiate, materialize } from "../../src/passes/autodiff/index.js";
import { buildTrainForward } from "../../src/passes/model/index.js";
import { modelsProgram, rechName, render } from "./helpers.js";

interface Arr { shape: number[]; data: number[]; dtype?: string }
interface Fixture {
  model: string;
  mode: number;
  config: { B: number; D: number; L: number; T: number; N?: number; vocab: Record<string, number>; user_dims: number[]; item_dims: number[]; activation: string };
  inputs: Record<string, Arr>;
  params: Record<string, Arr>;
  buffers: Record<string, Arr>;
  buffers_after_step: Record<string, Arr>;
  loss: number;
  logits: Arr;
  grads: Record<string, Arr>;
  zero_grad_params: string[];
  user_vec: Arr;
  item_vec: Arr;
}

const FIXTURES = ["dssm_mode0", "dssm_mode1", "dssm_mode2", "facebookdssm_mode1", "youtubednn_mode2", "youtubesbc_mode2"];
const MODES = ["pointwise", "pairwise", "listwise"];

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/parity/${name}.json`, import.meta.url), "utf8")) as Fixture;
}

function overridesOf(fx: Fixture): Record<string, unknown> {
  const c = fx.config;
  const o: Record<string, unknown> = {
    embed_dim: c.D, hist_len: c.L, temperature: c.T, user_dims: c.user_dims, act: c.activation,
    users: c.vocab.user_id, genders: c.vocab.gender, items: c.vocab.item_id,
  };
  if (fx.model !== "YoutubeDNN") Object.assign(o, { item_dims: c.item_dims, cates: c.vocab.cate_id });
  if (fx.model === "DSSM") o.mode = MODES[fx.mode];
  if (fx.model === "FaceBookDSSM") o.item_bn = true; // the fixture has the reference's BatchNorm in the item MLP
  if (fx.model === "YoutubeDNN") o.negs = c.N;
  return o;
}

function toTensor(a: Arr): Tensor {
  return tensor(a.dtype === "int32" ? "i32" : "f32", a.shape, a.data);
}

function expectClose(got: Tensor, want: Arr, tol: number, what: string): void {
  expect(got.shape, what).toEqual(want.shape);
  let worst = 0;
  want.data.forEach((w, i) => {
    worst = Math.max(worst, Math.abs(got.data[i]! - w) / Math.max(1, Math.abs(w)));
  });
  expect(worst, what).toBeLessThan(tol);
}

describe("training forward graphs agree with the PyTorch fixtures", () => {
  for (const name of FIXTURES) {
    it(name, () => {
      const fx = load(name);
      const p = modelsProgram();
      const built = buildTrainForward(p, fx.model, overridesOf(fx));
      expect(render(p, built.diagnostics)).toBe("");
      const g = built.graph!;
      const params = g.inputs.filter((i) => i.kind === "param");
      const grads = differentiate(g, built.loss!, params.map((i) => i.value));
      for (const i of params) g.addOutput(`grad:${i.name}`, materialize(g, grads.get(i.value)!, i.value));
      const feeds: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(fx.inputs)) feeds[k] = toTensor(v);
      for (const [k, v] of Object.entries(fx.params)) feeds[rechName(k)] = toTensor(v);
      for (const [k, v] of Object.entries(fx.buffers)) feeds[rechName(k)] = toTensor(v);
      const missing = g.inputs.filter((i) => !feeds[i.name]).map((i) => i.name);
      expect(missing).toEqual([]);
      const unused = Object.keys(feeds).filter((k) => !g.input(k));
      expect(unused.filter((k) => k !== "label" && k !== "item_logq")).toEqual([]);
      const out = interpret(g, Object.fromEntries(g.inputs.map((i) => [i.name, feeds[i.name]!]))).outputs;
      expect(Math.abs(out.loss!.data[0]! - fx.loss) / Math.abs(fx.loss)).toBeLessThan(1e-5);
      expectClose(out.logits!, fx.logits, 1e-5, "logits");
      expectClose(out.user_vec!, fx.user_vec, 1e-5, "user_vec");
      expectClose(out.item_vec!, fx.item_vec, 1e-5, "item_vec");
      for (const [k, v] of Object.entries(fx.buffers_after_step)) {
        expectClose(out[`${rechName(k)}.new`]!, v, 1e-5, k);
      }
      for (const [k, want] of Object.entries(fx.grads)) {
        const got = out[`grad:${rechName(k)}`]!;
        expect(got.shape, k).toEqual(want.shape);
        // biases before a BatchNorm have a zero gradient; PyTorch's is rounding noise
        const scale = fx.zero_grad_params.includes(k) ? 1 : Math.max(...want.data.map(Math.abs));
        const worst = want.data.reduce((m, w, i) => Math.max(m, Math.abs(got.data[i]! - w)), 0) / scale;
        expect(worst, k).toBeLessThan(1e-4);
      }
    });
  }
});
