// rech train FILE --model NAME --data SOURCE --epochs N --out DIR
import { formatMetricsTable } from "../../eval/table.js";
import { runTrainJob } from "../../jobs/train.js";
import { parseOverrides, positiveInts } from "../args.js";
import type { Command } from "../cli.js";
import { trainOptions, type TrainFlags } from "./train-flags.js";

export const trainCommand: Command = {
  spec: {
    name: "train",
    summary: "train a model with its compiled training-step graph, then write the model directory",
    usage: "rech train FILE --model NAME --data SOURCE --epochs N --out DIR [options]",
    positionals: [{ name: "FILE", help: "the .rech file" }],
    options: trainOptions,
  },
  async run({ positionals, opts }) {
    const f = opts as unknown as TrainFlags;
    const ks = positiveInts("train", "ks", f.ks);
    const r = await runTrainJob({
      file: positionals[0]!, model: f.model, data: f.data, out: f.out, epochs: f.epochs, batchSize: f["batch-size"], lr: f.lr,
      optimizer: f.optimizer, weightDecay: f["weight-decay"], seed: f.seed, resume: Boolean(f.resume),
      device: f.device, sparse: !f.dense, overrides: parseOverrides(f.set), negRatio: f["neg-ratio"],
      sampler: f.sampler, padding: f.padding, clipNorm: f["clip-norm"], checkpointEvery: f["checkpoint-every"], schedule: f.schedule, warmupSteps: f.warmup, validate: !f["no-validate"], patience: f.patience, metric: f.metric, ks,
    });
    process.stdout.write(`\n${f.model}: ${r.result.steps} steps in ${r.seconds.toFixed(1)} s; test metrics (full ranking over ${r.setup.data.numItems - 2} items):\n`);
    process.stdout.write(formatMetricsTable([{ name: f.model, metrics: r.testMetrics }]) + "\n");
    process.stdout.write(`model directory: ${f.out}\n`);
    return 0;
  },
};
