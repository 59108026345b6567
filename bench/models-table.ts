// Trains DSSM, FaceBookDSSM, YoutubeDNN and YoutubeSBC (each in the modes they support) on the built-in
// dataset and prints one table with the most-popular and item-transition baselines: model, mode, epochs,
// seconds and full-ranking test metrics. Also writes runs/bench/models.json and models.svg.
//   node --import tsx bench/models-table.ts [--data builtin] [--epochs 3] [--only DSSM,...]
import { join } from "node:path";
import { formatMetricsTable, writeMetricsJson, type ModelMetrics } from "../src/eval/table.js";
import { writeMetricsChart } from "../src/eval/bar-chart.js";
import { baselineMetrics } from "../src/jobs/baselines.js";
import { MODELS_FILE } from "../src/jobs/demo.js";
import { runTrainJob } from "../src/jobs/train.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : def;
};
const data = opt("data", "builtin"), epochs = Number(opt("epochs", "3")), out = opt("out", "runs/bench");
const only = opt("only", "");

const RUNS: { model: string; mode: string; set?: Record<string, unknown>; lr?: number }[] = [
  { model: "DSSM", mode: "pointwise", set: { mode: "pointwise" } },
  { model: "DSSM", mode: "listwise", set: { mode: "listwise" } },
  { model: "FaceBookDSSM", mode: "pairwise" },
  { model: "YoutubeDNN", mode: "listwise" },
  { model: "YoutubeSBC", mode: "listwise" },
];

const ks = [10, 20, 50];
const rows: ModelMetrics[] = [];
let baselines: ModelMetrics[] = [];
for (const r of RUNS) {
  if (only && !only.split(",").includes(r.model)) continue;
  const res = await runTrainJob({
    file: MODELS_FILE, model: r.model, data, out: join(out, `${r.model}-${r.mode}`), epochs, batchSize: 512, lr: r.lr ?? 0.002,
    optimizer: "adam", weightDecay: 0, seed: 2022, resume: false, device: "cpu", sparse: true, overrides: r.set ?? {},
    negRatio: 3, sampler: "popularity", padding: "pre", validate: true, patience: 2, metric: "recall@50", ks,
  });
  rows.push({ name: r.model, metrics: res.testMetrics, info: { mode: r.mode, epochs: res.result.history.length, seconds: Math.round(res.seconds) } });
  if (baselines.length === 0) {
    baselines = baselineMetrics(res.setup.data, res.setup.data.split.test, ks).map((b) => ({ ...b, info: { mode: "-", epochs: "-", seconds: 0 } }));
  }
  process.stdout.write(`${r.model} (${r.mode}): ${res.seconds.toFixed(0)} s\n`);
}
const all = [...rows, ...baselines];
process.stdout.write(`\n${formatMetricsTable(all, { infoColumns: ["mode", "epochs", "seconds"] })}`);
writeMetricsJson(join(out, "models.json"), all, { data, epochs });
writeMetricsChart(join(out, "models.svg"), all, `Full-ranking test metrics on ${data}`);
process.stdout.write(`\nwrote ${join(out, "models.json")} and ${join(out, "models.svg")}\n`);
