// `rech train`: compile the training step, run it over the data with validation each epoch, then write the
// model directory (towers with trained weights, vocabulary, weights, item vectors) and the test metrics.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { makeSampler, TrainBatches, type MatchData, type TrainMode } from "../data/index.js";
import { emitModel, serializeModel } from "../codegen/onnx/index.js";
import { weightsByName } from "../export/index.js";
import type { Tensor } from "../ir/tensor.js";
import { lrAt, type LrSchedule, type OptimizerConfig } from "../passes/optim/index.js";
import { compileTrainStep } from "../passes/pipeline.js";
import type { Device } from "../runtime/index.js";
import { StepExecutor } from "../runtime/train-step.js";
import { train, type TrainResult } from "../train/loop.js";
import { Progress } from "../train/progress.js";
import { UserError } from "../cli/errors.js";
import { writeModel } from "./write-model.js";
import { buildTowers, evaluateTowers, historyLength, type Towers } from "./towers.js";
import { setupRun, type RunSetup } from "./setup.js";

export interface TrainJobOptions {
  file: string;
  model: string;
  data: string;
  out: string;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: OptimizerConfig["kind"];
  weightDecay: number;
  seed: number;
  resume: boolean;
  device: Device;
  /** row-sparse embedding updates (default) or dense (exact PyTorch parity) */
  sparse: boolean;
  overrides: Record<string, unknown>;
  /** point-wise: label-0 rows per positive */
  negRatio: number;
  sampler: "uniform" | "popularity";
  padding: "pre" | "post";
  validate: boolean;
  /** clip gradients by their global L2 norm (0: off) */
  clipNorm?: number;
  /** write the resume checkpoint every N steps (default: four times an epoch, at least every 50 steps) */
  checkpointEvery?: number;
  /** learning-rate schedule: constant, cosine (to 0 over the run) or step (x0.5 every epoch); optional warmup steps */
  schedule?: "constant" | "cosine" | "step";
  warmupSteps?: number;
  patience: number;
  metric: string;
  /** at most this many batches per epoch (smoke runs and tests; default: the whole epoch) */
  stepsPerEpoch?: number;
  /** one loss-curve point (result.state.curve) per this many steps (default 10) */
  logEvery?: number;
  ks: number[];
  progress?: Progress | false;
}

export interface TrainJobResult {
  setup: RunSetup;
  towers: Towers;
  result: TrainResult;
  weights: Record<string, Tensor>;
  testMetrics: Record<string, number>;
  seconds: number;
}

const MODE: Record<string, TrainMode> = { pointwise: 0, pairwise: 1, listwise: 2 };

/** How the data side must build rows for the model's train settings: sampled negatives give one row per
 * positive with N = the training graph's neg_* width (the model's `negs`) negative columns (TrainBatches mode
 * 1 when N is 1 and the loss is pair-wise, else mode 2: the same layout, N wide); point-wise rows carry
 * labels; in-batch and full-softmax negatives need the positives only. */
export function batchPlan(s: Pick<RunSetup, "info">, negRatio: number): { mode: TrainMode; negRatio: number } {
  const t = s.info.train;
  if (t.negatives === "sampled") {
    const n = t.numNegatives > 0 ? t.numNegatives : Number(s.info.params.negs ?? 3);
    return { mode: t.mode === "pairwise" && n === 1 ? 1 : 2, negRatio: n };
  }
  if (t.mode === "pointwise" && t.negatives === "none") return { mode: 0, negRatio };
  return { mode: 0, negRatio: 0 }; // in-batch or full-softmax negatives: positives only
}

function fingerprint(o: TrainJobOptions): string {
  const keys = { file: o.file, model: o.model, data: o.data, batchSize: o.batchSize, lr: o.lr, optimizer: o.optimizer,
    weightDecay: o.weightDecay, seed: o.seed, sparse: o.sparse, overrides: o.overrides, negRatio: o.negRatio,
    sampler: o.sampler, padding: o.padding, epochs: o.epochs, stepsPerEpoch: o.stepsPerEpoch, clipNorm: o.clipNorm, schedule: o.schedule, warmupSteps: o.warmupSteps };
  return createHash("sha256").update(JSON.stringify(keys)).digest("hex").slice(0, 16);
}

function* firstBatches<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}

export function currentWeights(ex: StepExecutor): Record<string, Tensor> {
  return weightsByName(Object.entries(ex.getParams()).map(([name, t]) => ({ name, shape: t.shape, data: t.data })));
}

export async function runTrainJob(o: TrainJobOptions): Promise<TrainJobResult> {
  const t0 = performance.now();
  const setup = await setupRun(o.file, o.model, o.data, o.overrides, o.seed);
  const { program, info, overrides, data } = setup;
  const common = { lr: o.lr, weightDecay: o.weightDecay, ...(o.clipNorm ? { clipNorm: o.clipNorm } : {}) };
  const optimizer: OptimizerConfig = o.optimizer === "sgd" ? { kind: "sgd", ...common }
    : o.optimizer === "adagrad" ? { kind: "adagrad", ...common } : { kind: o.optimizer, ...common };
  const step = compileTrainStep(program, o.model, overrides, { optimizer, sparse: o.sparse });
  if (!step.graph) throw new UserError(`rech: the training graph of ${o.model} does not compile`);
  const bytes = serializeModel(emitModel(step.graph, { name: `${o.model}_train_step`, dynamicNames: { B: "batch" } }));
  const executor = await StepExecutor.create({ model: bytes, signature: step.graph, sparse: step.sparse, device: o.device, seed: o.seed });
  const plan = batchPlan(setup, o.negRatio);
  const sampler = plan.negRatio > 0 ? makeSampler(data, { kind: o.sampler }) : undefined;
  const batches = new TrainBatches(data, {
    mode: plan.mode, batchSize: o.batchSize, maxLen: historyLength(info), padding: o.padding,
    negRatio: plan.negRatio, sampler, seed: o.seed,
  });
  const towers = buildTowers(program, info, overrides);
  const validate = o.validate ? async () => {
    const r = await evaluateTowers(towers, currentWeights(executor), data, data.split.valid, { ks: o.ks, padding: o.padding });
    const keep = new Set([o.metric, "recall@10", "ndcg@10"]);
    return Object.fromEntries(Object.entries(r.metrics).filter(([k]) => keep.has(k)));
  } : undefined;
  const perEpoch = Math.min(batches.batchesPerEpoch, o.stepsPerEpoch ?? Infinity), warmupSteps = o.warmupSteps ?? 0;
  const schedule: LrSchedule = o.schedule === "cosine" ? { kind: "cosine", lr: o.lr, totalSteps: perEpoch * o.epochs, warmupSteps }
    : o.schedule === "step" ? { kind: "step", lr: o.lr, stepSize: 1, gamma: 0.5, stepsPerEpoch: perEpoch, warmupSteps }
    : { kind: "constant", lr: o.lr, warmupSteps };
  const result = await train({
    executor, batches: { epoch: (e, start) => firstBatches(batches.epoch(e, start), perEpoch - start), batchesPerEpoch: perEpoch },
    epochs: o.epochs, lr: (_epoch, step) => lrAt(step, schedule), outDir: join(o.out, "checkpoints"), resume: o.resume, fingerprint: fingerprint(o),
    validate, earlyStop: validate ? { metric: o.metric, patience: o.patience, mode: "max" } : undefined,
    progress: o.progress, logEvery: o.logEvery, checkpointEvery: o.checkpointEvery ?? Math.max(50, Math.floor(perEpoch / 4)),
  });
  const weights = currentWeights(executor);
  const test = await evaluateTowers(towers, weights, data, data.split.test, { ks: o.ks, padding: o.padding });
  const seconds = (performance.now() - t0) / 1000;
  writeModel(o.out, { setup, towers, weights, vectors: test.vectors, metrics: test.metrics, history: result.history, seconds,
    training: { mode: info.train.mode, negatives: info.train.negatives, epochs: o.epochs, batchSize: o.batchSize, lr: o.lr,
      optimizer: o.optimizer, seed: o.seed, padding: o.padding, data: o.data, sparse: o.sparse } });
  const curves = join(o.out, "checkpoints", "curves.svg");
  if (existsSync(curves)) copyFileSync(curves, join(o.out, "curves.svg"));
  return { setup, towers, result, weights, testMetrics: test.metrics, seconds };
}

export type { MatchData };
