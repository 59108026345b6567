// The first four models end to end on the small built-in dataset: train, write the model directory, and
// check that the exported towers, run on their own in onnxruntime, reproduce the trained model's scores
// (the interpreter on the tower graphs with the trained weights); then evaluate, export and recommend.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evalUserBatches, itemCatalogBatches } from "../../src/data/index.js";
import { readWeights, weightsByName } from "../../src/export/index.js";
import { interpret } from "../../src/ir/interp.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { rankUsers } from "../../src/jobs/evaluate.js";
import { runExport } from "../../src/jobs/export.js";
import { MODELS_FILE } from "../../src/jobs/demo.js";
import { runTrainJob, type TrainJobOptions } from "../../src/jobs/train.js";
import { openTrained } from "../../src/jobs/trained.js";
import { createSession, releaseSession, runGraph } from "../../src/runtime/index.js";

const base: Omit<TrainJobOptions, "model" | "out"> = {
  file: MODELS_FILE, data: "builtin:small", epochs: 1, batchSize: 256, lr: 0.002, optimizer: "adam", weightDecay: 0,
  seed: 3, resume: false, device: "cpu", sparse: true, overrides: {}, negRatio: 2, sampler: "popularity", padding: "pre",
  validate: false, patience: 2, metric: "recall@50", ks: [10, 50], progress: false,
};

function batchFeeds(columns: Record<string, { data: Int32Array | Float32Array; shape: number[] }>, names: string[]): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const n of names) {
    const c = columns[n]!;
    feeds[n] = { dtype: c.data instanceof Int32Array ? "i32" : "f32", shape: [...c.shape], data: c.data.slice() };
  }
  return feeds;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.each([
  ["DSSM", { mode: "pointwise" }],
  ["FaceBookDSSM", {}],
  ["YoutubeDNN", {}],
  ["YoutubeSBC", {}],
] as const)("%s end to end", (model, set) => {
  it("exported towers reproduce the trained model's vectors and scores; evaluate, export, recommend run", async () => {
    const out = mkdtempSync(join(tmpdir(), `rech-e2e-${model}-`));
    const r = await runTrainJob({ ...base, model, out, overrides: { ...set } });
    expect(Number.isFinite(r.result.history[0]!.loss)).toBe(true);
    for (const f of ["model.json", "vocab.json", "weights.bin", "user_tower.onnx", "item_tower.onnx", "items.f32", "model.rech"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    // the trained model: tower graphs in the interpreter with the weights written to the directory
    const weights = weightsByName(readWeights(out));
    const data = r.setup.data;
    const users = evalUserBatches(data, data.split.test, { batchSize: 16, maxLen: 50 }).next().value!;
    const items = itemCatalogBatches(data, 16).next().value!;
    const vecs: Record<string, { ref: Tensor; ort: Tensor }> = {};
    for (const [which, g, batch] of [["user", r.towers.user, users], ["item", r.towers.item, items]] as const) {
      const names = g.inputs.filter((i) => i.kind === "data").map((i) => i.name);
      const feeds = batchFeeds(batch.columns, names);
      const ref = interpret(g, { ...feeds, ...weights }).outputs[g.outputs[0]!.name]!;
      const session = await createSession(join(out, `${which}_tower.onnx`));
      const got = await runGraph(session, Object.fromEntries(session.inputNames.map((n) => [n, feeds[n]!])));
      await releaseSession(session);
      const ort = got[`${which}_vec`]!;
      expect(maxDiff(ref.data as Float64Array, ort.data as Float32Array)).toBeLessThanOrEqual(1e-5);
      vecs[which] = { ref, ort };
    }
    // scores u·v for every (user, item) pair of the two batches
    const d = r.towers.info.embedDim;
    const score = (u: ArrayLike<number>, v: ArrayLike<number>, i: number, j: number) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += u[i * d + k]! * v[j * d + k]!;
      return s;
    };
    let worst = 0;
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) {
      worst = Math.max(worst, Math.abs(score(vecs.user!.ref.data, vecs.item!.ref.data, i, j) - score(vecs.user!.ort.data, vecs.item!.ort.data, i, j)));
    }
    expect(worst).toBeLessThanOrEqual(1e-5);

    const m = openTrained(out);
    const ranked = await rankUsers(m, data, data.split.test, { ks: [10, 50] });
    expect(ranked.users).toBe(data.split.test.user.length);
    expect(ranked.metrics["recall@50"]).toBeGreaterThan(0);
    expect(ranked.metrics["recall@50"]).toBeCloseTo(r.testMetrics["recall@50"]!, 6);
    const ex = await runExport(out, { kind: "exact" });
    expect(ex.items).toBe(data.numItems - 2);
    expect(JSON.parse(readFileSync(join(out, "items.json"), "utf8")).index).toBe(ex.index);
  });
});
