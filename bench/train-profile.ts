// Where onnxruntime spends a training step: runs a compiled step with onnxruntime's profiler on and sums
// the per-node kernel times by op type (and prints the slowest nodes).
//   node --import tsx bench/train-profile.ts [--model YoutubeDNN] [--batch 256] [--steps 50] [--top 15]
import { readdirSync, readFileSync, rmSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { emitModel, serializeModel } from "../src/codegen/onnx/index.js";
import { makeSampler, TrainBatches } from "../src/data/index.js";
import { MODELS_FILE } from "../src/jobs/demo.js";
import { setupRun } from "../src/jobs/setup.js";
import { historyLength } from "../src/jobs/towers.js";
import { compileTrainStep } from "../src/passes/pipeline.js";
import { StepExecutor } from "../src/runtime/train-step.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : def);
const model = opt("model", "YoutubeDNN"), batchSize = Number(opt("batch", "256")), steps = Number(opt("steps", "50"));
const top = Number(opt("top", "15"));

const s = await setupRun(MODELS_FILE, model, "builtin", {}, 1);
const st = compileTrainStep(s.program, model, s.overrides, { optimizer: { kind: "adam", lr: 1e-3 }, sparse: true });
const g = st.graph!;
const bytes = serializeModel(emitModel(g, { name: model }));
const prefix = `/tmp/rech-profile-${process.pid}`;
const session = await ort.InferenceSession.create(bytes, { enableProfiling: true, profileFilePrefix: prefix, logSeverityLevel: 4, intraOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: "0" } } } });
const ex = await StepExecutor.create({
  model: { device: "cpu", inputNames: session.inputNames, outputNames: session.outputNames, ort: session, model: bytes },
  signature: g, sparse: st.sparse, seed: 1,
});
const t = s.info.train;
const mode = t.negatives === "sampled" ? (t.mode === "pairwise" ? 1 : 2) : 0;
const neg = t.negatives === "sampled" ? (mode === 1 ? 1 : Number(s.info.params.negs ?? 3)) : t.mode === "pointwise" ? 3 : 0;
const batches = new TrainBatches(s.data, { mode, batchSize, maxLen: historyLength(s.info), negRatio: neg, sampler: neg ? makeSampler(s.data, { kind: "popularity" }) : undefined, seed: 1 });
let n = 0;
for (const b of batches.epoch(0, 0)) {
  await ex.run(b, { "opt.lr": 1e-3 });
  if (++n === steps) break;
}
session.endProfiling();
await ex.release();
const base = prefix.slice("/tmp/".length);
const path = `/tmp/${readdirSync("/tmp").find((f) => f.startsWith(base) && f.endsWith(".json"))}`;
const events = JSON.parse(readFileSync(path, "utf8")) as { cat: string; name: string; dur: number; args?: { op_name?: string } }[];
rmSync(path, { force: true });
const byOp = new Map<string, { us: number; n: number }>(), byNode = new Map<string, number>();
let runs = 0, runUs = 0, kernelUs = 0;
for (const e of events) {
  if (e.cat === "Session" && e.name === "model_run") { runs++; runUs += e.dur; }
  if (e.cat !== "Node" || !e.name.endsWith("_kernel_time")) continue;
  const op = e.args?.op_name ?? "?";
  const r = byOp.get(op) ?? { us: 0, n: 0 };
  r.us += e.dur; r.n++;
  byOp.set(op, r);
  byNode.set(e.name, (byNode.get(e.name) ?? 0) + e.dur);
  kernelUs += e.dur;
}
const per = (us: number) => (us / runs / 1000).toFixed(3);
console.log(`${model}: ${g.nodes.length} IR nodes, ${runs} profiled runs, model_run ${per(runUs)} ms, kernels ${per(kernelUs)} ms, kernel launches ${(([...byOp.values()].reduce((a, r) => a + r.n, 0)) / runs).toFixed(0)} per run`);
for (const [op, r] of [...byOp].sort((a, b) => b[1].us - a[1].us)) console.log(`  ${op.padEnd(20)} ${String(r.n / runs).padStart(5)} nodes ${per(r.us)} ms`);
console.log("slowest nodes:");
for (const [name, us] of [...byNode].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${name.padEnd(50)} ${per(us)} ms`);
