// Training-step time of models compiled from models.rech on the built-in data: milliseconds per step split
// into batch building, feeding (id remap, row gather), onnxruntime and writing back.
//   node --import tsx bench/train-step.ts [--models YoutubeDNN,DSSM] [--batch 256] [--steps 200] [--data builtin]
import { emitModel, serializeModel } from "../src/codegen/onnx/index.js";
import { makeSampler, TrainBatches } from "../src/data/index.js";
import { MODELS_FILE } from "../src/jobs/demo.js";
import { setupRun } from "../src/jobs/setup.js";
import { historyLength } from "../src/jobs/towers.js";
import { compileTrainStep } from "../src/passes/pipeline.js";
import { StepExecutor } from "../src/runtime/train-step.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : def);
const models = opt("models", "YoutubeDNN,DSSM,FaceBookDSSM,YoutubeSBC").split(",");
const batchSize = Number(opt("batch", "256")), steps = Number(opt("steps", "200")), data = opt("data", "builtin");
const threads = args.includes("--threads") ? Number(opt("threads", "1")) : undefined;
const spinning = args.includes("--spin") ? true : undefined;

console.log(`GLIBC_TUNABLES ${process.env.GLIBC_TUNABLES ? "set" : "not set"}; batch ${batchSize}; ${steps} steps after 20 warm-up steps; onnxruntime threads ${threads ?? "default (1)"}${spinning ? ", spinning" : ""}`);
for (const model of models) {
  const s = await setupRun(MODELS_FILE, model, data, {}, 1);
  const st = compileTrainStep(s.program, model, s.overrides, { optimizer: { kind: "adam", lr: 1e-3 }, sparse: true });
  const g = st.graph!;
  const ex = await StepExecutor.create({ model: serializeModel(emitModel(g, { name: model })), signature: g, sparse: st.sparse, seed: 1, threads, spinning });
  const t = s.info.train;
  const mode = t.negatives === "sampled" ? (t.mode === "pairwise" ? 1 : 2) : 0;
  const neg = t.negatives === "sampled" ? (mode === 1 ? 1 : Number(s.info.params.negs ?? 3)) : t.mode === "pointwise" ? 3 : 0;
  const batches = new TrainBatches(s.data, { mode, batchSize, maxLen: historyLength(s.info), negRatio: neg, sampler: neg ? makeSampler(s.data, { kind: "popularity" }) : undefined, seed: 1 });
  // blocks of 10 steps: the median block is robust to the other jobs of a shared machine
  let n = 0, batchMs = 0, total = 0, block = 0, cpu = process.cpuUsage();
  const blocks: number[] = [];
  let t0 = performance.now();
  for (const b of batches.epoch(0, 0)) {
    const t1 = performance.now();
    if (n >= 20) batchMs += t1 - t0;
    if (n === 20) {
      total = block = performance.now();
      cpu = process.cpuUsage();
      for (const k of Object.keys(ex.timing) as (keyof typeof ex.timing)[]) ex.timing[k] = 0;
    }
    await ex.run(b, { "opt.lr": 1e-3 });
    if (++n > 20 && (n - 20) % 10 === 0) {
      const now = performance.now();
      blocks.push((now - block) / 10);
      block = now;
    }
    if (n === steps + 20) break;
    t0 = performance.now();
  }
  const per = (performance.now() - total) / steps;
  const used = process.cpuUsage(cpu), cpuMs = (used.user + used.system) / 1000 / steps;
  const median = blocks.sort((a, b) => a - b)[blocks.length >> 1];
  const f = (v: number) => (v / steps).toFixed(2);
  console.log(`${model.padEnd(13)} ${g.nodes.length} nodes  ${per.toFixed(2)} ms/step, median of 10-step blocks ${median.toFixed(2)}, cpu ${cpuMs.toFixed(2)}  (batch ${(batchMs / steps).toFixed(2)}, feed ${f(ex.timing.feed)}, onnxruntime ${f(ex.timing.run)}, write-back ${f(ex.timing.commit)})  ${((batchSize / median) * 1000).toFixed(0)} rows/s`);
  await ex.release();
}
