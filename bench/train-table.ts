// Shared by bench/models-table.ts and bench/all-models.ts: trains a list of model runs on one dataset and
// prints one table with the most-popular and item-transition baselines (model, mode, epochs, seconds, full-
// ranking test metrics); writes <out>/<name>.json and <name>.svg.
import { join } from "node:path";
import { formatMetricsTable, writeMetricsJson, type ModelMetrics } from "../src/eval/table.js";
import { writeMetricsChart } from "../src/eval/bar-chart.js";
import { baselineMetrics } from "../src/jobs/baselines.js";
import { MODELS_FILE } from "../src/jobs/demo.js";
import type { ModelRun } from "../src/jobs/model-runs.js";
import { runTrainJob } from "../src/jobs/train.js";

export interface TableOptions {
  data: string;
  epochs: number;
  out: string;
  /** file name (without extension) of the JSON and SVG */
  name: string;
  /** model names to keep (empty: all) */
  only: string[];
}

export async function trainTable(runs: ModelRun[], o: TableOptions): Promise<ModelMetrics[]> {
  const ks = [10, 20, 50];
  const rows: ModelMetrics[] = [];
  let baselines: ModelMetrics[] = [];
  for (const r of runs) {
    if (o.only.length > 0 && !o.only.includes(r.model)) continue;
    const res = await runTrainJob({
      file: MODELS_FILE, model: r.model, data: o.data, out: join(o.out, `${r.model}-${r.mode.split(" ")[0]}`), epochs: o.epochs,
      batchSize: 512, lr: r.lr ?? 0.002, optimizer: "adam", weightDecay: 0, seed: 2022, resume: false, device: "cpu", sparse: true,
      overrides: r.set ?? {}, negRatio: 3, sampler: "popularity", padding: "pre", validate: true, patience: 2, metric: "recall@50", ks,
    });
    rows.push({ name: r.model, metrics: res.testMetrics, info: { mode: r.mode, epochs: res.result.history.length, seconds: Math.round(res.seconds) } });
    if (baselines.length === 0) {
      baselines = baselineMetrics(res.setup.data, res.setup.data.split.test, ks).map((b) => ({ ...b, info: { mode: "-", epochs: "-", seconds: 0 } }));
    }
    process.stdout.write(`${r.model} (${r.mode}): ${res.seconds.toFixed(0)} s\n`);
  }
  const all = [...rows, ...baselines];
  process.stdout.write(`\n${formatMetricsTable(all, { infoColumns: ["mode", "epochs", "seconds"] })}`);
  writeMetricsJson(join(o.out, `${o.name}.json`), all, { data: o.data, epochs: o.epochs });
  writeMetricsChart(join(o.out, `${o.name}.svg`), chartRows(all), `Full-ranking test metrics on ${o.data}`);
  process.stdout.write(`\n${markdownTable(all, ks)}`);
  process.stdout.write(`\nwrote ${join(o.out, `${o.name}.json`)} and ${join(o.out, `${o.name}.svg`)}\n`);
  return all;
}

/** Rows for the chart legend: a model trained in several modes is named with its mode. */
export function chartRows(rows: readonly ModelMetrics[]): ModelMetrics[] {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  return rows.map((r) => (seen.get(r.name)! > 1 ? { ...r, name: `${r.name} (${String(r.info?.mode)})` } : r));
}

/** The options every table bench reads: --data, --epochs, --out, --only A,B. */
export function tableOptions(opt: (name: string, def: string) => string, name: string): TableOptions {
  const only = opt("only", "");
  return { data: opt("data", "builtin"), epochs: Number(opt("epochs", "3")), out: opt("out", "runs/bench"), name, only: only ? only.split(",") : [] };
}

/** One Markdown row per run: model, mode, epochs, seconds, Recall@K and NDCG@K for each K (for docs/). */
export function markdownTable(rows: readonly ModelMetrics[], ks: number[]): string {
  const cols = [...ks.map((k) => `recall@${k}`), ...ks.map((k) => `ndcg@${k}`)];
  const head = ["model", "mode", "epochs", "s", ...ks.map((k) => `Recall@${k}`), ...ks.map((k) => `NDCG@${k}`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const info = r.info ?? {};
    const cells = [r.name, String(info.mode ?? "-"), String(info.epochs ?? "-"), String(info.seconds ?? "-"),
      ...cols.map((c) => (r.metrics[c] ?? NaN).toFixed(4))];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
