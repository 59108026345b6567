// Settings shared by kill.test.ts and its child process.
import type { TrainOptions } from "../../src/train/loop.js";

export const KILL_SETUP = {
  model: { rows: 3000, dim: 16, keep: 0.8, momentum: 0.9, sparse: true, seed: 5 },
  rows: 1200,
  batch: 32,
  sleepMs: 4,
  loop: (outDir: string): Omit<TrainOptions, "executor" | "batches"> => ({
    epochs: 2,
    lr: 0.5,
    outDir,
    progress: false,
    logEvery: 5,
    checkpointEvery: 7,
    fingerprint: "kill-test",
  }),
};
