// The main job: generate the built-in dataset, train a model, evaluate it against the baselines, export the
// towers and the item index, and retrieve a few users' top-10 through the exported user tower and the index.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evalUserBatches } from "../data/index.js";
import { writeMetricsChart } from "../eval/bar-chart.js";
import { formatMetricsTable, writeMetricsJson } from "../eval/table.js";
import { computeUserEmbeddings } from "../export/index.js";
import { faissStatus } from "../retrieval/index/faiss-loader.js";
import { loadIndex } from "../retrieval/index/create.js";
import type { IndexSpec } from "../retrieval/index/types.js";
import { createSession, releaseSession } from "../runtime/index.js";
import { baselineMetrics } from "./baselines.js";
import { runExport } from "./export.js";
import { runTrainJob, type TrainJobOptions } from "./train.js";
import { openTrained } from "./trained.js";

export const MODELS_FILE = fileURLToPath(new URL("../../models.rech", import.meta.url));

export interface DemoOptions {
  out: string;
  model: string;
  data: string;
  epochs: number;
  seed: number;
  users: number;
  log: (line: string) => void;
  train?: Partial<TrainJobOptions>;
}

export async function runDemo(o: DemoOptions): Promise<void> {
  const t0 = performance.now();
  const step = (i: number, text: string) => o.log(`\n[${i}/4] ${text}`);
  const dir = join(o.out, o.model);
  step(1, `training ${o.model} on ${o.data} (${o.epochs} epochs)`);
  const r = await runTrainJob({
    file: MODELS_FILE, model: o.model, data: o.data, out: dir, epochs: o.epochs, batchSize: 512, lr: 0.002,
    optimizer: "adam", weightDecay: 0, seed: o.seed, resume: existsSync(join(dir, "checkpoints")), device: "cpu", sparse: true,
    overrides: {}, negRatio: 3, sampler: "popularity", padding: "pre", validate: true, patience: 2, metric: "recall@50",
    ks: [10, 20, 50], ...o.train,
  });
  const data = r.setup.data;
  step(2, `evaluating on the held-out last interaction of ${data.split.test.user.length} users (full ranking over ${data.numItems - 2} items, seen items masked)`);
  const ks = [10, 20, 50];
  const rows = [{ name: o.model, metrics: r.testMetrics }, ...baselineMetrics(data, data.split.test, ks)];
  o.log(`${o.model}: Recall@50 ${r.testMetrics["recall@50"]!.toFixed(4)}, NDCG@10 ${r.testMetrics["ndcg@10"]!.toFixed(4)} (the table with the baselines is at the end)`);
  writeMetricsJson(join(dir, "comparison.json"), rows, { data: o.data, epochs: o.epochs, seconds: r.seconds });
  writeMetricsChart(join(dir, "comparison.svg"), rows, `${o.model} against the baselines on ${o.data}`);
  o.log(`pictures: ${join(dir, "comparison.svg")} (metrics), ${join(dir, "curves.svg")} (training curves)`);
  const faiss = faissStatus();
  const spec: IndexSpec = faiss.available ? { kind: "faiss-hnsw", M: 32, efConstruction: 200, efSearch: 256 } : { kind: "exact" };
  step(3, `exporting both towers with the trained weights and building the ${faiss.available ? "faiss HNSW" : "exact"} item index`);
  const ex = await runExport(dir, spec, data);
  o.log(`${dir}: user_tower.onnx, item_tower.onnx, ${ex.items} item vectors (d=${ex.dim}), ${ex.index}`);
  step(4, `top-10 for ${o.users} test users (exported user tower on its own + the item index)`);
  const m = openTrained(dir);
  const set = data.split.test;
  const session = await createSession(m.info.userTower);
  const vecs = await computeUserEmbeddings(session, evalUserBatches(data, set, { batchSize: o.users, maxLen: m.maxLen, padding: m.padding }));
  await releaseSession(session);
  const index = loadIndex(join(dir, ex.index));
  const n = Math.min(o.users, set.user.length);
  const userV = data.log.vocab.feature("user_id"), itemV = data.log.vocab.feature("item_id");
  const res = index.search(vecs.data.subarray(0, n * m.info.embedDim * m.info.interests), n * m.info.interests, 10);
  for (let u = 0; u < n; u++) {
    const truth = set.truthItems[set.truthOffsets[u]!]!;
    const items = Array.from(res.ids.subarray(u * 10, u * 10 + 10), (row) => m.items.ids[row]!);
    const shown = items.map((id) => (id === truth ? `[${itemV.decode(id)}]` : itemV.decode(id))).join(" ");
    o.log(`user ${userV.decode(set.user[u]!)}  held-out ${itemV.decode(truth)}  top-10: ${shown}`);
  }
  o.log(`\nfull-ranking test metrics (${set.user.length} users, ${data.numItems - 2} items, seen items masked):`);
  o.log(formatMetricsTable(rows).trimEnd());
  o.log(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s; model directory ${dir} (serve it with: npx rech serve --model-dir ${dir})`);
}
