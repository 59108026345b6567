// faiss HNSW on trained embeddings: YoutubeDNN trained briefly on the small built-in data; the test users'
// vectors query the item vectors; HNSW's top-10 must recover >= 95% of the exact top-10.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { buildIndex } from "../../src/retrieval/index/create.js";
import { MODELS_FILE } from "../../src/jobs/demo.js";
import { towerVectors } from "../../src/jobs/towers.js";
import { runTrainJob } from "../../src/jobs/train.js";
import { describeFaiss } from "../retrieval/faiss-gate.js";
import { recallAt } from "../retrieval/helpers.js";

describeFaiss("HNSW on trained embeddings", () => {
  it("recall@10 against exact search is at least 0.95", async () => {
    const r = await runTrainJob({
      file: MODELS_FILE, model: "YoutubeDNN", data: "builtin:small", out: mkdtempSync(join(tmpdir(), "rech-hnsw-")), epochs: 2,
      batchSize: 256, lr: 0.003, optimizer: "adam", weightDecay: 0, seed: 5, resume: false, device: "cpu", sparse: true,
      overrides: {}, negRatio: 3, sampler: "popularity", padding: "pre", validate: false, patience: 2, metric: "recall@50",
      ks: [10], progress: false,
    });
    const data = r.setup.data;
    const v = await towerVectors(r.towers, r.weights, data, data.split.test);
    const n = v.items.shape[0]!, d = v.items.shape[1]!, nq = v.users.shape[0]!, k = 10;
    const exact = buildIndex({ kind: "exact" }, v.items.data, n, d).search(v.users.data, nq, k);
    const hnsw = buildIndex({ kind: "faiss-hnsw", M: 16, efConstruction: 100, efSearch: 64 }, v.items.data, n, d).search(v.users.data, nq, k);
    expect(recallAt(hnsw.ids, exact.ids, nq, k)).toBeGreaterThanOrEqual(0.95);
  });
});
