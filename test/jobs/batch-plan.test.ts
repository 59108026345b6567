// How the training job lays out batches for each model's train settings: sampled negatives as wide as the
// training graph reads them, label rows for point-wise, positives only for in-batch and full-softmax.
import { describe, expect, it } from "vitest";
import { load, requireProgram } from "../../src/cli/program.js";
import { MODELS_FILE } from "../../src/jobs/demo.js";
import { batchPlan } from "../../src/jobs/train.js";
import { modelInfo } from "../../src/passes/model/index.js";

const program = requireProgram(load(MODELS_FILE), MODELS_FILE);
const plan = (model: string, overrides: Record<string, unknown> = {}) => {
  const { info } = modelInfo(program, model, overrides);
  return batchPlan({ info: info! }, 5);
};

describe("batchPlan", () => {
  it.each([
    ["DSSM", { mode: "pointwise" }, { mode: 0, negRatio: 5 }],
    ["DSSM", { mode: "listwise" }, { mode: 0, negRatio: 0 }],
    ["FaceBookDSSM", {}, { mode: 1, negRatio: 1 }],
    ["FaceBookDSSM", { negs: 3 }, { mode: 2, negRatio: 3 }],
    ["YoutubeDNN", { negs: 4 }, { mode: 2, negRatio: 4 }],
    ["YoutubeSBC", {}, { mode: 0, negRatio: 0 }],
    ["MIND", {}, { mode: 2, negRatio: 3 }],
    ["NARM", {}, { mode: 0, negRatio: 0 }],
    ["STAMP", {}, { mode: 0, negRatio: 0 }],
    ["SASRec", {}, { mode: 2, negRatio: 3 }],
    ["SASRec", { negs: 1 }, { mode: 1, negRatio: 1 }],
    ["SINE", {}, { mode: 2, negRatio: 3 }],
  ] as const)("%s %j", (model, set, want) => {
    expect(plan(model, set)).toEqual(want);
  });
});
