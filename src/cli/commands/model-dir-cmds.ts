// rech evaluate, rech recommend and rech export: commands over a trained model directory.
import { join } from "node:path";
import { formatMetricsTable, writeMetricsJson } from "../../eval/table.js";
import { writeRecommendations } from "../../eval/recommendations.js";
import { rankUsers } from "../../jobs/evaluate.js";
import { runExport } from "../../jobs/export.js";
import { openTrained, trainedData } from "../../jobs/trained.js";
import type { IndexSpec } from "../../retrieval/index/types.js";
import { positiveInts } from "../args.js";
import type { Command } from "../cli.js";
import { UsageError } from "../errors.js";

const modelDir = { name: "model-dir", type: "string", help: "a model directory written by rech train", required: true, value: "DIR" } as const;
const data = { name: "data", type: "string", help: "the data (default: the data the model was trained on)", value: "SOURCE" } as const;

export const evaluateCommand: Command = {
  spec: {
    name: "evaluate",
    summary: "full-ranking Recall, Precision, NDCG, HitRate and MRR of a trained model on held-out data",
    usage: "rech evaluate --model-dir DIR [--data SOURCE] [--ks 10,20,50] [--split test|valid] [--keep-seen] [--json FILE]",
    options: [
      modelDir, data,
      { name: "ks", type: "string", help: "cut-offs", default: "10,20,50", value: "K,K,..." },
      { name: "split", type: "string", help: "held-out set", choices: ["test", "valid"], default: "test", value: "SET" },
      { name: "keep-seen", type: "boolean", help: "rank the user's already-seen items too (default: masked)" },
      { name: "json", type: "string", help: "write the metrics as JSON here (default DIR/evaluation.json)", value: "FILE" },
    ],
  },
  async run({ opts }) {
    const split = String(opts.split) as "test" | "valid";
    const m = openTrained(String(opts["model-dir"]));
    const d = await trainedData(m, opts.data as string | undefined);
    const r = await rankUsers(m, d, d.split[split], { ks: positiveInts("evaluate", "ks", opts.ks), maskSeen: !opts["keep-seen"] });
    const results = [{ name: m.info.model, metrics: r.metrics, info: { users: r.users, items: m.items.count } }];
    process.stdout.write(`${m.info.model} on ${split} (${r.users} users, full ranking over ${m.items.count} items${opts["keep-seen"] ? "" : ", seen items masked"}):\n`);
    process.stdout.write(formatMetricsTable(results));
    const out = (opts.json as string | undefined) ?? join(m.dir, "evaluation.json");
    writeMetricsJson(out, results, { split, maskSeen: !opts["keep-seen"] });
    process.stdout.write(`metrics written to ${out}\n`);
    return 0;
  },
};

export const recommendCommand: Command = {
  spec: {
    name: "recommend",
    summary: "every test user's top-K items as TSV (user, item, rank, score) with raw ids",
    usage: "rech recommend --model-dir DIR [--data SOURCE] --k K [--out FILE]",
    options: [
      modelDir, data,
      { name: "k", type: "number", help: "items per user", default: 10, value: "K" },
      { name: "out", type: "string", help: "output file (default DIR/recommendations.tsv)", value: "FILE" },
      { name: "keep-seen", type: "boolean", help: "allow already-seen items" },
    ],
  },
  async run({ opts }) {
    const k = Number(opts.k);
    if (!(Number.isInteger(k) && k > 0)) throw new UsageError(`rech recommend: --k must be a positive integer, found ${String(opts.k)}`);
    const m = openTrained(String(opts["model-dir"]));
    const d = await trainedData(m, opts.data as string | undefined);
    const set = d.split.test;
    const r = await rankUsers(m, d, set, { ks: [k], maskSeen: !opts["keep-seen"] });
    const users = Array.from(set.user, (u) => m.info.vocab.feature("user_id").decode(u) ?? String(u));
    const out = (opts.out as string | undefined) ?? join(m.dir, "recommendations.tsv");
    writeRecommendations(out, users, m.info.vocab.feature("item_id"), { k: r.k, items: r.items, scores: r.scores });
    process.stdout.write(`wrote the top ${k} of ${users.length} users to ${out}\n`);
    return 0;
  },
};

function indexSpec(kind: string): IndexSpec {
  switch (kind) {
    case "exact": return { kind: "exact" };
    case "flat": return { kind: "faiss-flat" };
    case "hnsw": return { kind: "faiss-hnsw", M: 32, efConstruction: 200, efSearch: 256 };
    case "ivf": return { kind: "faiss-ivf" };
    default: throw new Error(`unknown index kind ${kind}`); // parseArgs admits only the choices
  }
}

export const exportCommand: Command = {
  spec: {
    name: "export",
    summary: "rebuild the towers with the trained weights baked in, recompute item vectors, build the item index",
    usage: "rech export --model-dir DIR [--index exact|flat|hnsw|ivf] [--data SOURCE]",
    options: [modelDir, data, { name: "index", type: "string", help: "exact search, or a faiss index", choices: ["exact", "flat", "hnsw", "ivf"], default: "exact", value: "KIND" }],
  },
  async run({ opts }) {
    const dir = String(opts["model-dir"]);
    const r = await runExport(dir, indexSpec(String(opts.index)), opts.data as string | undefined);
    process.stdout.write(`${dir}: user_tower.onnx, item_tower.onnx, ${r.items} item vectors of width ${r.dim}, index ${r.index} (${r.seconds.toFixed(1)} s)\n`);
    return 0;
  },
};
