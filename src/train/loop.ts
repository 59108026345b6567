// The training loop: epochs of batches through a step executor, a progress line, validation and early
// stopping per epoch, `best/` and `last/` checkpoints, resume, and the curves picture.
//
// Determinism: batch b of epoch e depends only on (seed, e, b) (the batch source's job), the noise of step s
// only on (seed, s) (the executor's), and the learning rate only on (epoch, step). `last/` stores the
// executor's tensors and step plus the TrainerState, so `resume` continues at the exact batch and the
// final result is identical to an uninterrupted run.
import { join } from "node:path";
import type { Batch } from "../data/batch.js";
import { hasCheckpoint, readCheckpoint, writeCheckpoint, type TensorSource } from "./checkpoint.js";
import { writeCurves } from "./curves.js";
import { Progress } from "./progress.js";
import { freshState, parseState, serializeState, type EpochRecord, type TrainerState } from "./state.js";

/** What the loop needs from StepExecutor. */
export interface TrainableExecutor {
  step: number;
  /** run seed: noise of step s derives from (seed, s) */
  readonly seed: number;
  run(batch: Batch, hypers: Record<string, number>): Promise<number>;
  tensors(): TensorSource[];
  loadState(s: { step: number; tensors: { name: string; data: Float32Array; shape?: number[] }[] }): void;
  setParams(values: Record<string, { data: Float32Array; shape?: number[] }>): void;
}

/** Batches of an epoch from a given batch index (src/data's TrainBatches fits). */
export interface BatchSource {
  epoch(epoch: number, startBatch: number): Iterable<Batch>;
  batchesPerEpoch?: number;
}

export interface TrainOptions {
  executor: TrainableExecutor;
  batches: BatchSource;
  epochs: number;
  /** learning rate, or a schedule of the 0-based epoch and the completed global steps */
  lr: number | ((epoch: number, step: number) => number);
  /** values of other hyper inputs of the step graph */
  hypers?: Record<string, number>;
  /** checkpoints go to outDir/last and outDir/best, the picture to outDir/curves.svg */
  outDir: string;
  resume?: boolean;
  /** settings digest stored in last/; resuming with a different one is refused */
  fingerprint?: string;
  /** write last/ every N steps (0: only at epoch ends); default 0 */
  checkpointEvery?: number;
  /** validation after each epoch (0-based epoch), returning metrics by name */
  validate?: (epoch: number) => Promise<Record<string, number>>;
  /** the metric that picks best/ and, after `patience` epochs without strict improvement, stops the run */
  earlyStop?: { metric: string; patience?: number; mode?: "max" | "min" };
  /** leave the best/ weights in the executor at the end: "early-stop" (default) or always */
  restoreBest?: "early-stop" | "always" | "never";
  /** one loss-curve point per this many steps (default 10) */
  logEvery?: number;
  /** progress line; false for none */
  progress?: Progress | false;
  onProgress?: (p: { epoch: number; batch: number; step: number; loss: number }) => void;
  /** testing: return after this many global steps, as if the process had been killed (nothing written) */
  stopAfterSteps?: number;
}

export interface TrainResult {
  state: TrainerState;
  history: EpochRecord[];
  steps: number;
  bestEpoch?: number;
  stoppedEarly: boolean;
  /** stopAfterSteps was reached */
  interrupted: boolean;
  /** the run had already finished before this call (resume of a completed run) */
  alreadyDone: boolean;
}

/** A run stopped by a problem the user must act on (non-finite loss, mismatched checkpoint ...). */
export class TrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingError";
  }
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  const ex = o.executor;
  const lastDir = join(o.outDir, "last"), bestDir = join(o.outDir, "best"), curves = join(o.outDir, "curves.svg");
  const lrAt = typeof o.lr === "number" ? ((lr: number) => () => lr)(o.lr) : o.lr;
  const logEvery = Math.max(1, o.logEvery ?? 10);
  const mode = o.earlyStop?.mode ?? "max";
  const progress = o.progress === false ? undefined : o.progress ?? new Progress();
  let s = freshState(o.fingerprint ?? "", ex.seed);
  let lastSaved: number | undefined;

  if (o.resume && hasCheckpoint(lastDir)) {
    const ck = readCheckpoint(lastDir);
    const file = join(ck.dir, "trainer.json");
    if (!ck.files["trainer.json"]) throw new TrainingError(`${file}: missing; ${ck.dir} is not a training checkpoint`);
    s = parseState(ck.files["trainer.json"].toString("utf8"), file);
    if ((o.fingerprint ?? "") !== s.fingerprint) {
      throw new TrainingError(`${ck.dir} was written with other settings (${s.fingerprint || "none"}); ` +
        `now: ${o.fingerprint || "none"}. Resume with the same settings or train into a fresh directory.`);
    }
    if (s.seed !== ex.seed) throw new TrainingError(`${ck.dir} was written with seed ${s.seed}, this run has seed ${ex.seed}`);
    ex.loadState({ step: s.step, tensors: ck.tensors });
    lastSaved = s.step;
    progress?.message(`resuming from ${ck.dir}: epoch ${s.epoch + 1}, batch ${s.batch}, step ${s.step}`);
  }
  const result = (extra: Partial<TrainResult> = {}): TrainResult => ({
    state: s, history: s.history, steps: s.step, bestEpoch: s.best?.epoch, stoppedEarly: s.stoppedEarly,
    interrupted: false, alreadyDone: false, ...extra,
  });
  if (s.done) return result({ alreadyDone: true });

  const saveLast = (): void => {
    writeCheckpoint(lastDir, ex.tensors(), { "trainer.json": serializeState(s) });
    lastSaved = s.step;
  };

  while (s.epoch < o.epochs) {
    const e = s.epoch;
    const total = o.batches.batchesPerEpoch;
    const firstBatch = s.batch;
    progress?.start(`epoch ${e + 1}/${o.epochs}`, total, firstBatch);
    let rows = 0;
    let lr = lrAt(e, s.step);
    for (const batch of o.batches.epoch(e, s.batch)) {
      lr = lrAt(e, s.step);
      const loss = await ex.run(batch, { ...o.hypers, "opt.lr": lr });
      if (!Number.isFinite(loss)) {
        progress?.clear();
        const kept = lastSaved === undefined ? "no checkpoint had been written yet"
          : `the last good checkpoint (${lastDir}, step ${lastSaved}) is intact`;
        throw new TrainingError(`training stopped: the loss is ${loss} at epoch ${e + 1}, step ${s.batch + 1}` +
          ` (global step ${s.step + 1}); ${kept}. Try a lower learning rate or gradient clipping.`);
      }
      s.batch++;
      s.step++;
      s.epochLossSum += loss;
      s.curveSum += loss;
      s.curveCount++;
      rows += batch.size;
      s.epochRows += batch.size;
      if (s.curveCount === logEvery) {
        s.curve.push([s.step, s.curveSum / s.curveCount]);
        s.curveSum = 0;
        s.curveCount = 0;
      }
      const running = s.epochLossSum / s.batch;
      progress?.update(s.batch, rows, running);
      o.onProgress?.({ epoch: e, batch: s.batch, step: s.step, loss });
      if (o.checkpointEvery && s.step % o.checkpointEvery === 0) saveLast();
      if (o.stopAfterSteps !== undefined && s.step >= o.stopAfterSteps) {
        progress?.clear();
        return result({ interrupted: true });
      }
    }
    const record: EpochRecord = {
      epoch: e + 1, loss: s.batch > 0 ? s.epochLossSum / s.batch : NaN, lr, steps: s.batch, step: s.step, metrics: {},
    };
    if (o.validate) record.metrics = await o.validate(e);
    progress?.finish(s.batch, rows, record.loss, Object.entries(record.metrics).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(" "));
    s.history.push(record);
    if (o.earlyStop) {
      const v = record.metrics[o.earlyStop.metric];
      if (v === undefined) {
        throw new TrainingError(`early stopping watches metric "${o.earlyStop.metric}", but validation returned ` +
          `${Object.keys(record.metrics).join(", ") || "no metrics"}`);
      }
      const better = s.best === null || (mode === "max" ? v > s.best.value : v < s.best.value);
      if (better) {
        s.best = { epoch: e + 1, value: v };
        s.badEpochs = 0;
        const kept = ex.tensors().filter((t) => t.kind !== "state");
        writeCheckpoint(bestDir, kept, { "trainer.json": JSON.stringify({ epoch: e + 1, step: s.step, metrics: record.metrics }) + "\n" });
      } else {
        s.badEpochs++;
      }
      if (s.badEpochs >= (o.earlyStop.patience ?? Infinity)) {
        s.stoppedEarly = true;
        progress?.message(`early stop after epoch ${e + 1}: ${o.earlyStop.metric} has not improved for ${s.badEpochs} epochs ` +
          `(best ${s.best!.value.toFixed(4)} at epoch ${s.best!.epoch})`);
      }
    }
    s.epoch = e + 1;
    s.batch = 0;
    s.epochLossSum = 0;
    s.epochRows = 0;
    if (s.stoppedEarly) break;
    if (s.epoch < o.epochs) {
      saveLast();
      writeCurves(curves, s);
    }
  }
  const restore = o.restoreBest ?? "early-stop";
  if (s.best && (restore === "always" || (restore === "early-stop" && s.stoppedEarly))) {
    ex.setParams(Object.fromEntries(readCheckpoint(bestDir).tensors.map((t) => [t.name, t])));
  }
  s.done = true;
  saveLast();
  writeCurves(curves, s);
  return result();
}
