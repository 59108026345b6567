// Exported towers -> tower vectors in batches -> full-ranking evaluation -> recommendations file, checked
// against the interpreter and a brute-force ranking.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FeatureVocab } from "../../src/data/vocab.js";
import { evaluateRanking, writeRecommendations } from "../../src/eval/index.js";
import { computeItemEmbeddings, computeUserEmbeddings, exportTower } from "../../src/export/index.js";
import { interpret } from "../../src/ir/interp.js";
import { computeTopKMetrics } from "../../src/retrieval/metrics.js";
import { releaseSharedSearchSessions } from "../../src/retrieval/ort-search.js";
import { createSession, releaseSession } from "../../src/runtime/index.js";
import { D, L, VOCAB, ids, itemTower, trainedWeights, userTower } from "../export/towers.js";

afterAll(releaseSharedSearchSessions);

describe("towers to metrics", () => {
  it("evaluates exported towers like a brute-force ranking of interpreter vectors", async () => {
    const w = trainedWeights();
    const meta = { model: "TinyTower", vocabFile: "vocab.json", embedDim: D, normalized: true, interests: 1 };
    const nItems = VOCAB - 2, nUsers = 4;
    const itemCols = { item_id: { data: Int32Array.from({ length: nItems }, (_, i) => i + 2), shape: [nItems] }, cate_id: { data: ids(nItems, 4, 31), shape: [nItems] } };
    const userCols = { user_id: { data: Int32Array.from([2, 3, 4, 5]), shape: [nUsers] }, hist_item_id: { data: ids(nUsers * L, VOCAB, 32), shape: [nUsers, L] } };
    const si = await createSession(exportTower(itemTower(), w, { ...meta, side: "item" }));
    const su = await createSession(exportTower(userTower(), w, { ...meta, side: "user" }));
    const itemVecs = await computeItemEmbeddings(si, { columns: itemCols, batchSize: 3 });
    const userVecs = await computeUserEmbeddings(su, { columns: userCols, batchSize: 3 });
    await releaseSession(si);
    await releaseSession(su);
    const truth = [[2, 3], [9], [5], [7, 8, 4]];
    const r = await evaluateRanking({ userVecs, itemVecs, itemIds: itemCols.item_id.data, truth, ks: [1, 3, 8] });

    // brute force on the interpreter's vectors
    const iv = interpret(itemTower(), { item_id: { dtype: "i32", shape: [nItems], data: itemCols.item_id.data }, cate_id: { dtype: "i32", shape: [nItems], data: itemCols.cate_id.data }, ...w }).outputs.item_vec!.data;
    const uv = interpret(userTower(), {
      user_id: { dtype: "i32", shape: [nUsers], data: userCols.user_id.data },
      hist_item_id: { dtype: "i32", shape: [nUsers, L], data: userCols.hist_item_id.data },
      neg_item_id: { dtype: "i32", shape: [nUsers, 2], data: new Int32Array(nUsers * 2) }, ...w,
    }).outputs.user_vec!.data;
    const ranked: number[][] = [];
    for (let u = 0; u < nUsers; u++) {
      const s = Array.from({ length: nItems }, (_, i) => {
        let x = 0;
        for (let j = 0; j < D; j++) x += uv[u * D + j]! * iv[i * D + j]!;
        return [x, i + 2] as [number, number];
      });
      s.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      ranked.push(s.map((p) => p[1]));
      for (let j = 0; j < nItems; j++) expect(Math.abs(r.scores[u * nItems + j]! - s[j]![0])).toBeLessThanOrEqual(1e-5);
    }
    expect(Array.from(r.items)).toEqual(ranked.flat());
    expect(r.metrics).toEqual(computeTopKMetrics(truth, ranked, [1, 3, 8]));

    const path = join(mkdtempSync(join(tmpdir(), "rech-eval-")), "recs.tsv");
    const itemVocab = new FeatureVocab("item_id", ["i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"]);
    writeRecommendations(path, ["u2", "u3", "u4", "u5"], itemVocab, { k: r.k, items: r.items, scores: r.scores });
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(1 + nUsers * nItems);
    expect(lines[1]).toBe(`u2\ti${ranked[0]![0]}\t1\t${Number(r.scores[0]!.toPrecision(7))}`);
  });
});
