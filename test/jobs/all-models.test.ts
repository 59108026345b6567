// All twelve models through the training job on the small built-in dataset: a short run (24 steps of 128
// rows, validation off) whose logged loss is finite and falls, the model directory, the exported user tower
// run on its own in onnxruntime against the interpreter on the tower graph with the written weights
// ((B,K,d) for the multi-interest models), and full-ranking metrics from the model directory. The
// recurrent and attention models also give the same user vectors for pre- and post-padded histories
// (except SASRec, whose positions count from the left by design).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evalUserBatches, type MatchData } from "../../src/data/index.js";
import { readWeights, weightsByName } from "../../src/export/index.js";
import { interpret } from "../../src/ir/interp.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { MODELS_FILE } from "../../src/jobs/demo.js";
import { rankUsers } from "../../src/jobs/evaluate.js";
import { runTrainJob, type TrainJobOptions } from "../../src/jobs/train.js";
import { openTrained } from "../../src/jobs/trained.js";
import { createSession, releaseSession, runGraph } from "../../src/runtime/index.js";
import { ALL_MODELS } from "../../src/jobs/model-runs.js";

const base: Omit<TrainJobOptions, "model" | "out"> = {
  file: MODELS_FILE, data: "builtin:small", epochs: 1, batchSize: 128, lr: 0.002, optimizer: "adam", weightDecay: 0,
  seed: 3, resume: false, device: "cpu", sparse: true, overrides: {}, negRatio: 2, sampler: "popularity", padding: "pre",
  validate: false, patience: 2, metric: "recall@50", ks: [10, 50], progress: false, stepsPerEpoch: 24, logEvery: 6,
};

const PADDING_FREE = new Set(["GRU4Rec", "NARM", "STAMP"]);

type Columns = Record<string, { data: Int32Array | Float32Array; shape: number[] }>;

function feedsOf(columns: Columns, names: string[]): Record<string, Tensor> {
  return Object.fromEntries(names.map((n) => {
    const c = columns[n]!;
    return [n, { dtype: c.data instanceof Int32Array ? "i32" : "f32", shape: [...c.shape], data: c.data.slice() } as Tensor];
  }));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function testUsers(data: MatchData, padding: "pre" | "post"): Columns {
  return evalUserBatches(data, data.split.test, { batchSize: 16, maxLen: 50, padding }).next().value!.columns;
}

describe.each(ALL_MODELS.map((r) => [r.model, r] as const))("%s through rech train", (model, run) => {
  it("trains (finite, falling loss), writes the model, its exported user tower matches the interpreter, ranks", async () => {
    const out = mkdtempSync(join(tmpdir(), `rech-all-${model}-`));
    const r = await runTrainJob({ ...base, model, out, lr: run.lr ?? base.lr, overrides: { ...run.set } });
    const curve = r.result.state.curve.map(([, loss]) => loss);
    expect(curve.length).toBe(4);
    for (const l of curve) expect(Number.isFinite(l)).toBe(true);
    expect(curve.at(-1)!).toBeLessThan(curve[0]!);
    for (const f of ["model.json", "vocab.json", "weights.bin", "user_tower.onnx", "item_tower.onnx", "items.f32", "model.rech"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }

    const data = r.setup.data;
    const weights = weightsByName(readWeights(out));
    const g = r.towers.user;
    const names = g.inputs.filter((i) => i.kind === "data").map((i) => i.name);
    const feeds = feedsOf(testUsers(data, "pre"), names);
    const ref = interpret(g, { ...feeds, ...weights }).outputs[g.outputs[0]!.name]!;
    const session = await createSession(join(out, "user_tower.onnx"));
    try {
      const got = (await runGraph(session, feeds)).user_vec!;
      const k = r.towers.info.interests, d = r.towers.info.embedDim;
      expect(got.shape).toEqual(k > 1 ? [16, k, d] : [16, d]);
      expect(ref.shape).toEqual(got.shape);
      expect(maxDiff(ref.data as Float64Array, got.data as Float32Array)).toBeLessThanOrEqual(1e-5);
      if (PADDING_FREE.has(model)) {
        const post = (await runGraph(session, feedsOf(testUsers(data, "post"), names))).user_vec!;
        expect(maxDiff(post.data as Float32Array, got.data as Float32Array)).toBeLessThanOrEqual(1e-5);
      }
    } finally {
      await releaseSession(session);
    }

    const ranked = await rankUsers(openTrained(out), data, data.split.test, { ks: [10, 50] });
    expect(ranked.users).toBe(data.split.test.user.length);
    for (const v of Object.values(ranked.metrics)) expect(Number.isFinite(v)).toBe(true);
    expect(ranked.metrics["recall@50"]).toBeGreaterThan(0);
    expect(ranked.metrics["recall@50"]).toBeCloseTo(r.testMetrics["recall@50"]!, 6);
  }, 60_000);
});
