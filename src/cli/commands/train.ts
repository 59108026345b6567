// rech train FILE --model NAME --data SOURCE --epochs N --out DIR
import { formatMetricsTable } from "../../eval/table.js";
import { runTrainJob } from "../../jobs/train.js";
import { parseOverrides } from "../args.js";
import type { Command } from "../cli.js";
import { UsageError } from "../errors.js";
import { deviceOption, trainOptions, type TrainFlags } from "./train-flags.js";

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
    const optimizer = String(f.optimizer);
    if (!["adam", "adamw", "sgd", "adagrad"].includes(optimizer)) throw new UsageError(`rech train: --optimizer must be adam, adamw, sgd or adagrad, found "${optimizer}"`);
    if (f.padding !== "pre" && f.padding !== "post") throw new UsageError(`rech train: --padding must be pre or post, found "${f.padding}"`);
    if (f.sampler !== "uniform" && f.sampler !== "popularity") throw new UsageError(`rech train: --sampler must be uniform or popularity, found "${f.sampler}"`);
    if (!["constant", "cosine", "step"].includes(f.schedule)) throw new UsageError(`rech train: --schedule must be constant, cosine or step, found "${f.schedule}"`);
    const ks = String(f.ks).split(",").map(Number);
    if (ks.some((k) => !(Number.isInteger(k) && k > 0))) throw new UsageError(`rech train: --ks takes positive integers separated by commas, found "${f.ks}"`);
    const r = await runTrainJob({
      file: positionals[0]!, model: f.model, data: f.data, out: f.out, epochs: f.epochs, batchSize: f["batch-size"], lr: f.lr,
      optimizer: optimizer as "adam", weightDecay: f["weight-decay"], seed: f.seed, resume: Boolean(f.resume),
      device: deviceOption(f.device), sparse: !f.dense, overrides: parseOverrides(f.set), negRatio: f["neg-ratio"],
      sampler: f.sampler, padding: f.padding, clipNorm: f["clip-norm"], checkpointEvery: f["checkpoint-every"], schedule: f.schedule as "constant", warmupSteps: f.warmup, validate: !f["no-validate"], patience: f.patience, metric: f.metric, ks,
    });
    process.stdout.write(`\n${f.model}: ${r.result.steps} steps in ${r.seconds.toFixed(1)} s; test metrics (full ranking over ${r.setup.data.numItems - 2} items):\n`);
    process.stdout.write(formatMetricsTable([{ name: f.model, metrics: r.testMetrics }]) + "\n");
    process.stdout.write(`model directory: ${f.out}\n`);
    return 0;
  },
};
