import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  computeItemEmbeddings, computeUserEmbeddings, exportTower, modelJson, readTowerMetadata, readWeights,
  writeModelDir, MODEL_DIR_FILES, type NamedWeight,
} from "../../src/export/index.js";
import { interpret } from "../../src/ir/interp.js";
import { createSession, releaseSession } from "../../src/runtime/index.js";
import { D, L, VOCAB, ids, itemTower, trainedWeights, twoInterestTower, userTower } from "./towers.js";

const w = trainedWeights();
const named: NamedWeight[] = Object.entries(w).map(([name, t]) => ({
  name, kind: name === "scale" ? "buffer" : "param", shape: t.shape, data: t.data as Float32Array,
}));
const base = { model: "TinyTower", embedDim: D, normalized: true, vocabFile: "vocab.json" };

function contents() {
  return {
    userTower: exportTower(userTower(), w, { ...base, side: "user", interests: 1 }),
    itemTower: exportTower(itemTower(), w, { ...base, side: "item", interests: 1 }),
    modelJson: modelJson({ ...base, interests: 1, params: { temperature: 0.05 } }, userTower(), itemTower()),
    vocab: { format: "rech-vocab", version: 1, sparse: {}, dense: {} },
    weights: named,
  };
}

describe("writeModelDir", () => {
  it("writes every file of the model directory and no temporary file, also when replacing an earlier one", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rech-export-")), "model");
    writeModelDir(dir, contents());
    expect(readdirSync(dir).sort()).toEqual([...MODEL_DIR_FILES].sort());
    // a stale temporary file from an interrupted write is cleaned up; a second write replaces the files
    writeFileSync(join(dir, ".model.json.tmp-123-abcd1234"), "{");
    writeModelDir(dir, contents());
    expect(readdirSync(dir).sort()).toEqual([...MODEL_DIR_FILES].sort());
    expect(readdirSync(dir).some((f) => f.includes(".tmp-"))).toBe(false);
  });

  it("model.json describes the inputs; weights round-trip; the saved towers load from their files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-export-"));
    writeModelDir(dir, contents());
    const mj = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
    expect(mj).toMatchObject({ model: "TinyTower", embedDim: D, interests: 1, normalized: true, vocabFile: "vocab.json", params: { temperature: 0.05 } });
    expect(mj.userInputs).toEqual([
      { name: "hist_item_id", kind: "sequence", dtype: "int32", shape: ["batch", L] },
      { name: "user_id", kind: "sparse", dtype: "int32", shape: ["batch"] },
    ]);
    expect(mj.itemInputs.map((i: { name: string }) => i.name)).toEqual(["item_id", "cate_id"]);
    const back = readWeights(dir);
    expect(back.map((t) => [t.name, t.kind, t.shape])).toEqual(named.map((t) => [t.name, t.kind, t.shape]));
    back.forEach((t, i) => expect(Array.from(t.data)).toEqual(Array.from(named[i]!.data)));
    expect(readTowerMetadata(readFileSync(join(dir, "item_tower.onnx"))).side).toBe("item");
    const s = await createSession(join(dir, "item_tower.onnx"));
    expect(s.outputNames).toEqual(["item_vec"]);
    await releaseSession(s);
    expect(existsSync(join(dir, "vocab.json"))).toBe(true);
  });
});

describe("tower vectors in batches", () => {
  it("computeItemEmbeddings over a whole catalogue equals one interpreter run, for any batch size", async () => {
    const n = 10;
    const columns = {
      item_id: { data: Int32Array.from({ length: n }, (_, i) => i), shape: [n] },
      cate_id: { data: ids(n, 4, 5), shape: [n] },
      unused: { data: new Float32Array(n), shape: [n] },
    };
    const want = interpret(itemTower(), {
      item_id: { dtype: "i32", shape: [n], data: columns.item_id.data },
      cate_id: { dtype: "i32", shape: [n], data: columns.cate_id.data }, ...w,
    }).outputs.item_vec!.data;
    const s = await createSession(exportTower(itemTower(), w, { ...base, side: "item", interests: 1 }));
    try {
      for (const batchSize of [3, 4, 10, 64]) {
        const e = await computeItemEmbeddings(s, { columns, batchSize });
        expect(e.shape).toEqual([n, D]);
        let m = 0;
        for (let i = 0; i < n * D; i++) m = Math.max(m, Math.abs(e.data[i]! - want[i]!));
        expect(m).toBeLessThanOrEqual(1e-5);
      }
      await expect(computeItemEmbeddings(s, { columns: { item_id: columns.item_id } })).rejects.toThrow(/needs column cate_id/);
    } finally {
      await releaseSession(s);
    }
  });

  it("computeUserEmbeddings returns (n, K, d), from ready-made batches too", async () => {
    const n = 7;
    const hist = ids(n * L, VOCAB, 21);
    const s1 = await createSession(exportTower(twoInterestTower(), w, { ...base, side: "user", interests: 2 }));
    const batches = [0, 4].map((from) => {
      const size = Math.min(4, n - from);
      return { size, columns: { hist_item_id: { data: hist.subarray(from * L, (from + size) * L), shape: [size, L] } } };
    });
    const multi = await computeUserEmbeddings(s1, batches);
    await releaseSession(s1);
    expect(multi.shape).toEqual([n, 2, D]);
    const want = interpret(twoInterestTower(), { hist_item_id: { dtype: "i32", shape: [n, L], data: hist }, ...w }).outputs.interests!.data;
    for (let i = 0; i < want.length; i++) expect(Math.abs(multi.data[i]! - want[i]!)).toBeLessThanOrEqual(1e-5);

    const s2 = await createSession(exportTower(userTower(), w, { ...base, side: "user", interests: 1 }));
    const single = await computeUserEmbeddings(s2, { columns: { hist_item_id: { data: hist, shape: [n, L] }, user_id: { data: ids(n, 6, 3), shape: [n] } }, batchSize: 2 });
    await releaseSession(s2);
    expect(single.shape).toEqual([n, 1, D]);
  });
});
