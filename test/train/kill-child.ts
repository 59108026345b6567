// Child process of kill.test.ts: trains the toy model into DIR (argv[2]); "resume" as argv[3] resumes.
// Prints "step N" after every step and sleeps a little per step; with PAUSE_AT=k it also pauses 10 s after
// step k, so the parent's SIGKILL surely lands in the middle of the epoch even on a loaded machine.
import { train } from "../../src/train/loop.js";
import { ToyBatches, toyExecutor } from "./toy.js";
import { KILL_SETUP } from "./kill-setup.js";

const [dir, mode] = process.argv.slice(2);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pauseAt = Number(process.env.PAUSE_AT ?? -1);
const executor = await toyExecutor(KILL_SETUP.model);
const res = await train({
  ...KILL_SETUP.loop(dir),
  batches: new ToyBatches(KILL_SETUP.rows, KILL_SETUP.model.rows, KILL_SETUP.batch, 21),
  executor,
  resume: mode === "resume",
  onProgress: ({ step }) => {
    process.stdout.write(`step ${step}\n`);
    Atomics.wait(sleeper, 0, 0, step === pauseAt ? 10_000 : KILL_SETUP.sleepMs);
  },
});
process.stdout.write(`done ${res.steps}\n`);
