import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Batch } from "../../src/data/batch.js";
import { readCheckpoint } from "../../src/train/checkpoint.js";
import { train, TrainingError, type TrainOptions } from "../../src/train/loop.js";
import { snapshot, ToyBatches, toyExecutor } from "./toy.js";

let root = "";
beforeEach(() => {
  root = fs.mkdtempSync(join(tmpdir(), "rech-loop-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const setup = { rows: 40, dim: 4, keep: 0.75, momentum: 0.5, sparse: true, seed: 11 } as const;
const base = (outDir: string): Omit<TrainOptions, "executor"> => ({
  batches: new ToyBatches(70, 40, 16, 2),
  epochs: 2,
  lr: (epoch) => 0.8 * 0.5 ** epoch,
  outDir,
  progress: false,
  logEvery: 1,
  fingerprint: "toy",
});

describe("train()", () => {
  it("resumes from last/ to exactly the result of an uninterrupted run", async () => {
    const full = await toyExecutor(setup);
    const ref = await train({ ...base(join(root, "a")), executor: full });
    expect(ref.steps).toBe(10);
    expect(ref.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(ref.history[1].lr).toBe(0.4);

    for (const [stopAt, every] of [[7, 3], [5, 5], [3, 0]] as const) {
      const dir = join(root, `b${stopAt}`);
      const first = await train({ ...base(dir), executor: await toyExecutor(setup), checkpointEvery: every, stopAfterSteps: stopAt });
      expect(first.interrupted).toBe(true);
      // a fresh executor (new process), resumed from whatever last/ holds
      const again = await toyExecutor(setup);
      const res = await train({ ...base(dir), executor: again, checkpointEvery: every, resume: true });
      expect(res.interrupted).toBe(false);
      expect(res.steps).toBe(10);
      expect(res.state.curve).toEqual(ref.state.curve);
      expect(res.history).toEqual(ref.history);
      const a = snapshot(full), b = snapshot(again);
      for (const name of Object.keys(a)) expect(Array.from(b[name]), `${name} after stop at ${stopAt}`).toEqual(Array.from(a[name]));
    }
    const svg = fs.readFileSync(join(root, "a", "curves.svg"), "utf8");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("Training loss");
    // resuming a finished run does nothing
    const done = await train({ ...base(join(root, "a")), executor: await toyExecutor(setup), resume: true });
    expect(done.alreadyDone).toBe(true);
    expect(done.steps).toBe(10);
  });

  it("refuses to resume with other settings", async () => {
    const dir = join(root, "c");
    await train({ ...base(dir), executor: await toyExecutor(setup), checkpointEvery: 2, stopAfterSteps: 4 });
    await expect(train({ ...base(dir), fingerprint: "other", executor: await toyExecutor(setup), resume: true }))
      .rejects.toThrow(/written with other settings \(toy\)/);
    await expect(train({ ...base(dir), executor: await toyExecutor({ ...setup, seed: 12 }), resume: true }))
      .rejects.toThrow(/written with seed 11, this run has seed 12/);
  });

  it("validates each epoch, keeps best/, stops early and restores the best weights", async () => {
    const ex = await toyExecutor(setup);
    const scores = [0.5, 0.7, 0.6, 0.65, 0.9];
    let bestW: number[] = [];
    const res = await train({
      ...base(join(root, "d")),
      executor: ex,
      epochs: 5,
      validate: async (epoch) => {
        if (epoch === 1) bestW = Array.from(ex.getParams().w.data);
        return { auc: scores[epoch], other: epoch };
      },
      earlyStop: { metric: "auc", patience: 2 },
    });
    expect(res.stoppedEarly).toBe(true);
    expect(res.history.map((h) => h.metrics.auc)).toEqual([0.5, 0.7, 0.6, 0.65]);
    expect(res.bestEpoch).toBe(2);
    expect(Array.from(ex.getParams().w.data)).toEqual(bestW);
    const best = readCheckpoint(join(root, "d", "best"));
    expect(best.tensors.map((t) => t.kind).every((k) => k !== "state")).toBe(true);
    expect(JSON.parse(best.files["trainer.json"].toString()).epoch).toBe(2);
    expect(fs.readFileSync(join(root, "d", "curves.svg"), "utf8")).toContain("Validation");
    await expect(train({ ...base(join(root, "e")), executor: ex, validate: async () => ({ hit: 1 }), earlyStop: { metric: "auc" } }))
      .rejects.toThrow('early stopping watches metric "auc", but validation returned hit');
  });

  it("stops on a non-finite loss naming epoch and step, leaving the last checkpoint intact", async () => {
    const toy = new ToyBatches(70, 40, 16, 2);
    const poisoned = {
      batchesPerEpoch: toy.batchesPerEpoch,
      *epoch(e: number, start: number): Generator<Batch> {
        let b = start;
        for (const batch of toy.epoch(e, start)) {
          if (e === 1 && b === 2) (batch.columns.label.data as Float32Array)[0] = NaN;
          yield batch;
          b++;
        }
      },
    };
    const dir = join(root, "f");
    const ex = await toyExecutor(setup);
    const err = await train({ ...base(dir), batches: poisoned, executor: ex, checkpointEvery: 6 }).catch((e) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect(err.message).toBe(`training stopped: the loss is NaN at epoch 2, step 3 (global step 8); the last good checkpoint ` +
      `(${join(dir, "last")}, step 6) is intact. Try a lower learning rate or gradient clipping.`);
    const last = readCheckpoint(join(dir, "last"));
    expect(JSON.parse(last.files["trainer.json"].toString()).step).toBe(6);
    expect(ex.step).toBe(7);
  });
});
