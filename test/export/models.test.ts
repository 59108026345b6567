// Every model of models.rech: both towers, compiled as for inference and exported with weights baked in, run
// on their own in onnxruntime and give the interpreter's vectors with the same weights (max abs diff <= 1e-5).
import { afterAll, describe, expect, it } from "vitest";
import { exportTower, readTowerMetadata } from "../../src/export/index.js";
import { interpret } from "../../src/ir/interp.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { listModels } from "../../src/passes/model/index.js";
import { compileTower } from "../../src/passes/pipeline.js";
import { createSession, releaseSession, runGraph, type Session } from "../../src/runtime/index.js";
import { modelsProgram, randomFeeds } from "../models/helpers.js";

const sessions: Session[] = [];
afterAll(async () => {
  for (const s of sessions) await releaseSession(s);
});

describe("exported towers of every model", () => {
  const p = modelsProgram();
  for (const model of listModels(p)) {
    it(`${model}: onnxruntime on the exported towers = interpreter`, async () => {
      for (const which of ["user", "item"] as const) {
        const g = compileTower(p, model, which).graph!;
        const feeds = randomFeeds(g, { B: 5 }, 3);
        const weights: Record<string, Tensor> = {};
        const data: Record<string, Tensor> = {};
        for (const i of g.inputs) {
          const t = feeds[i.name]!;
          if (i.kind === "data") data[i.name] = t;
          else weights[i.name] = { ...t, data: t.dtype === "f32" ? Float32Array.from(t.data) : t.data };
        }
        const out = g.type(g.outputs[0]!.value).shape;
        const interests = out.length === 3 ? (out[1] as number) : 1;
        const bytes = exportTower(g, weights, {
          side: which, model, vocabFile: "vocab.json", embedDim: out[out.length - 1] as number, normalized: false, interests,
        });
        expect(readTowerMetadata(bytes).features.length).toBeGreaterThan(0);
        const s = await createSession(bytes);
        sessions.push(s);
        const got = (await runGraph(s, data))[`${which}_vec`]!;
        const want = interpret(g, { ...data, ...weights }).outputs[g.outputs[0]!.name]!;
        expect(got.shape).toEqual(want.shape);
        let diff = 0;
        for (let i = 0; i < want.data.length; i++) diff = Math.max(diff, Math.abs(got.data[i]! - want.data[i]!));
        expect(diff, `${model} ${which}`).toBeLessThanOrEqual(1e-5);
      }
    });
  }
});
