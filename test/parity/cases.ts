// The PyTorch parity fixtures (test/fixtures/parity, docs/parity.md) as inputs to the models compiled from
// models.rech: model overrides from a fixture's config, feeds under the graph's input names, and the
// error measures the parity tests assert on.
import { readFileSync } from "node:fs";
import type { Batch } from "../../src/data/batch.js";
import type { Graph } from "../../src/ir/graph.js";
import { tensor, type Tensor } from "../../src/ir/tensor.js";
import type { JsonTensor, ModelFixture } from "../passes/parity-models.js";
import { rechName } from "../models/helpers.js";

export { modelsProgram, render } from "../models/helpers.js";
export type { JsonTensor };

/** A model fixture with every key the compiled-model tests read (docs/parity.md, "Schema"). */
export interface Fixture extends ModelFixture {
  config: ModelFixture["config"] & {
    B: number; D: number; L: number; N?: number;
    vocab: { user_id: number; gender: number; item_id: number; cate_id: number };
    user_dims: number[]; item_dims: number[]; activation: string; dropout: number;
  };
  buffers: Record<string, JsonTensor>;
  buffers_after_step: Record<string, JsonTensor>;
  logits: JsonTensor;
  user_vec: JsonTensor;
  item_vec: JsonTensor;
}

export const CASES = ["dssm_mode0", "dssm_mode1", "dssm_mode2", "facebookdssm_mode1", "youtubednn_mode2", "youtubesbc_mode2"];

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/parity/${name}.json`, import.meta.url), "utf8")) as Fixture;
}

const MODES = ["pointwise", "pairwise", "listwise"] as const;

/** The models.rech header parameters that reproduce a fixture's configuration. */
export function overridesFor(fx: Fixture): Record<string, unknown> {
  const c = fx.config;
  const o: Record<string, unknown> = {
    users: c.vocab.user_id, genders: c.vocab.gender, items: c.vocab.item_id,
    embed_dim: c.D, hist_len: c.L, temperature: c.T, emb_std: 0.1,
    user_dims: c.user_dims, act: c.activation, dropout: c.dropout,
  };
  if (fx.model !== "YoutubeDNN") Object.assign(o, { cates: c.vocab.cate_id, item_dims: c.item_dims });
  if (c.N !== undefined) o.negs = c.N;
  if (fx.model === "DSSM") o.mode = MODES[fx.mode];
  if (fx.model === "FaceBookDSSM") o.item_bn = true; // the fixture has the reference's BatchNorm in the item MLP
  return o;
}

/** The graph's name for a fixture parameter or buffer ("user.mlp.0.bn.gamma" -> "user/mlp/layer0/batchnorm/gamma"). */
export const graphName = rechName;

export function toTensor(t: JsonTensor): Tensor {
  return t.dtype === "int32" ? tensor("i32", t.shape, t.data) : { dtype: "f32", shape: t.shape, data: Float32Array.from(t.data) };
}

/** Params and buffers of the fixture under the graph's names, as float32 copies. */
export function heldValues(fx: Fixture): Record<string, { data: Float32Array; shape: number[] }> {
  const out: Record<string, { data: Float32Array; shape: number[] }> = {};
  for (const [k, t] of [...Object.entries(fx.params), ...Object.entries(fx.buffers)]) {
    out[graphName(k)] = { data: Float32Array.from(t.data), shape: t.shape };
  }
  return out;
}

/** Feeds for every input of g (batch columns, params, buffers); throws naming what the fixture lacks or leaves unused. */
export function feedsFor(g: Graph, fx: Fixture): Record<string, Tensor> {
  const have: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(fx.inputs)) have[k] = toTensor(t);
  for (const [k, t] of [...Object.entries(fx.params), ...Object.entries(fx.buffers)]) have[graphName(k)] = toTensor(t);
  const missing = g.inputs.filter((i) => !have[i.name]).map((i) => `${i.kind} ${i.name}`);
  const unused = Object.keys(have).filter((k) => !g.input(k));
  if (missing.length || unused.length) {
    throw new Error(`fixture ${fx.model} mode ${fx.mode} vs graph inputs: missing [${missing.join(", ")}], unused [${unused.join(", ")}]`);
  }
  return Object.fromEntries(g.inputs.map((i) => [i.name, have[i.name]!]));
}

/** The fixture's batch columns as a runtime Batch. */
export function batchOf(fx: Fixture): Batch {
  const columns: Batch["columns"] = {};
  for (const [k, t] of Object.entries(fx.inputs)) {
    columns[k] = { data: t.dtype === "int32" ? Int32Array.from(t.data) : Float32Array.from(t.data), shape: t.shape };
  }
  return { size: fx.config.B, columns };
}

export const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

/** max_i |got_i − want_i| / scale, where scale defaults to max_i |want_i|. */
export function maxErr(got: ArrayLike<number>, want: ArrayLike<number>, scale?: number): number {
  if (got.length !== want.length) throw new Error(`length ${got.length} vs ${want.length}`);
  let worst = 0, big = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    big = Math.max(big, Math.abs(want[i]!));
  }
  return worst / (scale ?? big);
}

/** Error of a gradient: relative to the tensor's largest entry, or for the exactly-zero gradients
 *  (docs/parity.md: zero_grad_params) absolute, in units of the case's largest gradient entry. */
export function gradErr(fx: Fixture, name: string, got: ArrayLike<number>): number {
  const want = fx.grads[name]!.data;
  if (!fx.zero_grad_params.includes(name)) return maxErr(got, want);
  const largest = Math.max(...Object.values(fx.grads).flatMap((t) => t.data.map(Math.abs)));
  return maxErr(got, want, largest);
}

/** Worst errors per case and check, printed at the end of a run when PARITY_REPORT is set. */
export const worst = new Map<string, number>();
export function record(key: string, err: number): number {
  worst.set(key, Math.max(worst.get(key) ?? 0, err));
  return err;
}
export function printReport(title: string): void {
  if (!process.env.PARITY_REPORT) return;
  const lines = [...worst].map(([k, v]) => `  ${k.padEnd(44)} ${v.toExponential(2)}`);
  console.log(`${title}\n${lines.join("\n")}`);
}
