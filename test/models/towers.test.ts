// Every model of models.rech: both inference towers and the training forward graph build, pass the IR
// verifier, have the expected inputs and output shapes, and run in the reference interpreter on random
// inputs with finite results.
import { describe, expect, it } from "vitest";
import type { Graph } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interp.js";
import { verifyGraph } from "../../src/ir/verify.js";
import { buildTower, buildTrainForward, listModels } from "../../src/passes/model/index.js";
import { modelsProgram, randomFeeds, render } from "./helpers.js";

/** user_vec and item_vec shapes with the models' default parameters. */
const SHAPES: Record<string, [unknown[], unknown[]]> = {
  DSSM: [["B", 16], ["B", 16]],
  FaceBookDSSM: [["B", 16], ["B", 16]],
  YoutubeDNN: [["B", 16], ["B", 16]],
  YoutubeSBC: [["B", 16], ["B", 16]],
  MIND: [["B", 4, 16], ["B", 16]],
  ComirecDR: [["B", 4, 16], ["B", 16]],
  ComirecSA: [["B", 4, 16], ["B", 16]],
  GRU4Rec: [["B", 16], ["B", 16]],
  NARM: [["B", 64], ["B", 64]],
  STAMP: [["B", 64], ["B", 64]],
  SASRec: [["B", 32], ["B", 32]],
  SINE: [["B", 32], ["B", 32]],
};

/** Data inputs of the towers. */
const ITEM_INPUTS: Record<string, string[]> = {
  DSSM: ["item_id", "cate_id"], FaceBookDSSM: ["item_id", "cate_id"], YoutubeSBC: ["item_id", "cate_id"],
};

function outShape(g: Graph, name: string): unknown[] {
  const o = g.outputs.find((x) => x.name === name);
  expect(o, name).toBeDefined();
  return g.type(o!.value).shape;
}

function allFinite(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return false;
  return true;
}

describe("models.rech", () => {
  const p = modelsProgram();

  it("defines the twelve models", () => {
    expect(listModels(p)).toEqual(["DSSM", "FaceBookDSSM", "YoutubeDNN", "YoutubeSBC", "MIND", "ComirecDR", "ComirecSA",
      "GRU4Rec", "NARM", "STAMP", "SASRec", "SINE"]);
  });

  for (const model of Object.keys(SHAPES)) {
    describe(model, () => {
      it("builds verified inference towers with the expected outputs, without noise inputs", () => {
        for (const [which, i] of [["user", 0], ["item", 1]] as const) {
          const r = buildTower(p, model, which);
          expect(render(p, r.diagnostics)).toBe("");
          const g = r.graph!;
          expect(verifyGraph(g)).toEqual([]);
          expect(g.outputs.map((o) => o.name)).toEqual([`${which}_vec`]);
          expect(outShape(g, `${which}_vec`)).toEqual(SHAPES[model]![i]);
          expect(g.inputs.filter((x) => x.kind === "noise" || x.kind === "state" || x.kind === "hyper")).toEqual([]);
          if (which === "item") {
            expect(g.inputs.filter((x) => x.kind === "data").map((x) => x.name)).toEqual(ITEM_INPUTS[model] ?? ["item_id"]);
          }
        }
      });

      it("towers run in the interpreter with finite outputs", () => {
        for (const which of ["user", "item"] as const) {
          const g = buildTower(p, model, which).graph!;
          const out = interpret(g, randomFeeds(g, { B: 3 }, 7)).outputs[`${which}_vec`]!;
          const want = (SHAPES[model]![which === "user" ? 0 : 1] as (string | number)[]).map((d) => (d === "B" ? 3 : d));
          expect(out.shape).toEqual(want);
          expect(allFinite(out.data)).toBe(true);
        }
      });

      it("builds a verified training forward graph whose loss is a finite scalar", () => {
        const r = buildTrainForward(p, model);
        expect(render(p, r.diagnostics)).toBe("");
        const g = r.graph!;
        expect(verifyGraph(g)).toEqual([]);
        expect(g.type(r.loss!).shape).toEqual([]);
        expect(g.outputs.slice(0, 4).map((o) => o.name)).toEqual(["loss", "logits", "user_vec", "item_vec"]);
        for (const o of g.outputs.slice(4)) expect(g.input(o.name.replace(/\.new$/, ""))?.kind).toBe("buffer");
        const res = interpret(g, randomFeeds(g, { B: 4 }, 11)).outputs;
        expect(allFinite(res.loss!.data)).toBe(true);
        expect(res.loss!.data[0]).toBeGreaterThan(0);
      });
    });
  }
});
