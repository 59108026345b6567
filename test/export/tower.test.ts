import { describe, expect, it } from "vitest";
import { parseModel } from "../../src/codegen/onnx/serialize.js";
import { interpret } from "../../src/ir/interp.js";
import type { Tensor } from "../../src/ir/tensor.js";
import { createSession, releaseSession, runGraph } from "../../src/runtime/index.js";
import { ExportError, exportTower, readTowerMetadata, type ExportMeta } from "../../src/export/index.js";
import { Graph } from "../../src/ir/graph.js";
import { D, L, USERS, VOCAB, ids, itemTower, trainedWeights, twoInterestTower, userTower } from "./towers.js";

const userMeta: ExportMeta = { side: "user", model: "TinyTower", vocabFile: "vocab.json", embedDim: D, normalized: true, interests: 1, extra: { temperature: 0.05 } };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("exportTower", () => {
  const w = trainedWeights();

  it("bakes params and buffers in, keeps the used feature columns with a dynamic batch axis, names the output", () => {
    const bytes = exportTower(userTower(), w, userMeta);
    const m = parseModel(bytes);
    expect(m.graph!.input!.map((i) => i.name)).toEqual(["hist_item_id", "user_id"]);
    const dims = m.graph!.input!.map((i) => i.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)));
    expect(dims).toEqual([["batch", L], ["batch"]]);
    expect(m.graph!.output!.map((o) => o.name)).toEqual(["user_vec"]);
    expect(m.graph!.output![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(["batch", D]);
    const inits = new Set(m.graph!.initializer!.map((t) => t.name));
    for (const name of ["item_emb", "user_emb", "scale"]) expect(inits.has(name)).toBe(true);
    expect(inits.has("cate_emb")).toBe(false);
  });

  it("writes the metadata as JSON values", () => {
    const meta = readTowerMetadata(exportTower(userTower(), w, userMeta));
    expect(meta).toEqual({
      model: "TinyTower", side: "user", features: ["hist_item_id", "user_id"], output: "user_vec",
      vocabFile: "vocab.json", embedDim: D, normalized: true, interests: 1, extra: { temperature: 0.05 },
    });
    const props = Object.fromEntries(parseModel(exportTower(userTower(), w, userMeta)).metadataProps!.map((p) => [p.key, p.value]));
    expect(props.features).toBe('["hist_item_id","user_id"]');
    expect(props.embed_dim).toBe("3");
    expect(props.normalized).toBe("true");
  });

  it("run on its own in onnxruntime, gives the interpreter's numbers for several batch sizes", async () => {
    const session = await createSession(exportTower(userTower(), w, userMeta));
    try {
      for (const [b, seed] of [[5, 1], [1, 2], [17, 3]] as const) {
        const feeds: Record<string, Tensor> = {
          hist_item_id: { dtype: "i32", shape: [b, L], data: ids(b * L, VOCAB, seed) },
          user_id: { dtype: "i32", shape: [b], data: ids(b, USERS, seed + 100) },
        };
        const got = (await runGraph(session, feeds)).user_vec!;
        expect(got.shape).toEqual([b, D]);
        const want = interpret(userTower(), { ...feeds, ...w, neg_item_id: { dtype: "i32", shape: [b, 2], data: new Int32Array(2 * b) } }).outputs.user_vec!;
        expect(maxAbsDiff(got.data, want.data)).toBeLessThanOrEqual(1e-5);
        // normalised rows
        for (let r = 0; r < b; r++) {
          let n = 0;
          for (let j = 0; j < D; j++) n += got.data[r * D + j]! ** 2;
          expect(Math.abs(Math.sqrt(n) - 1)).toBeLessThan(1e-5);
        }
      }
    } finally {
      await releaseSession(session);
    }
  });

  it("exports a multi-interest tower as (batch, K, d) and an item tower with the item_vec output", async () => {
    const bytes = exportTower(twoInterestTower(), w, { ...userMeta, interests: 2 });
    const s = await createSession(bytes);
    const feeds = { hist_item_id: { dtype: "i32" as const, shape: [3, L], data: ids(3 * L, VOCAB, 9) } };
    const got = (await runGraph(s, feeds)).user_vec!;
    await releaseSession(s);
    expect(got.shape).toEqual([3, 2, D]);
    expect(maxAbsDiff(got.data, interpret(twoInterestTower(), { ...feeds, ...w }).outputs.interests!.data)).toBeLessThanOrEqual(1e-5);
    const item = parseModel(exportTower(itemTower(), w, { ...userMeta, side: "item" }));
    expect(item.graph!.output!.map((o) => o.name)).toEqual(["item_vec"]);
  });

  it("refuses a missing or mis-shaped weight, optimizer state, a wrong output rank, with messages naming them", () => {
    const { scale: _, ...noScale } = w;
    expect(() => exportTower(userTower(), noScale, userMeta)).toThrow(/no trained value for buffer scale/);
    expect(() => exportTower(userTower(), { ...w, item_emb: { dtype: "f32", shape: [VOCAB, 2], data: new Float32Array(VOCAB * 2) } }, userMeta))
      .toThrow(/param item_emb: the trained value is f32\[10, 2\], the tower expects f32\[10, 3\]/);
    const g = userTower();
    const m = g.addInput("item_emb.m", { dtype: "f32", shape: [VOCAB, D] }, "state");
    g.outputs[0]!.value = g.add("Add", [g.outputs[0]!.value, g.add("ReduceSum", [m], { axes: [0], keepdims: false })]);
    expect(() => exportTower(g, w, userMeta)).toThrow(ExportError);
    expect(() => exportTower(g, w, userMeta)).toThrow(/item_emb\.m is of kind state/);
    expect(() => exportTower(userTower(), w, { ...userMeta, interests: 4 })).toThrow(/must be f32 of rank 3/);
    expect(() => exportTower(userTower(), w, { ...userMeta, embedDim: 8 })).toThrow(/embedDim is 8/);
    const two = new Graph();
    const x = two.addInput("x", { dtype: "f32", shape: ["B", D] }, "data");
    two.addOutput("a", x);
    two.addOutput("b", two.add("Neg", [x]));
    expect(() => exportTower(two, w, userMeta)).toThrow(/must have one output, it has 2/);
  });
});
