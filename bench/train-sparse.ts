// Sparse-update benchmark: step time of the same two-tower Adam step with a 10k-row and a 10M-row item
// table, measured in one run (blocks of steps alternate between the two to share the machine's noise).
// Sparse mode feeds only the rows a batch uses, so the ratio should stay near 1 (target <= 1.3).
// Two models: embeddings only (the worst case: the step is little more than the row gather/scatter, whose
// cache misses on a 10M-row table are the whole difference) and towers with a ReLU MLP [64, 32].
//   node --import tsx bench/train-sparse.ts [--steps 300] [--batch 256] [--dim 16] [--big 10000000] [--threads n (default 1; 0 = onnxruntime's default)]
// Tip: GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296 speeds up onnxruntime here.
import { emitModel, serializeModel } from "../src/codegen/onnx/index.js";
import type { Batch } from "../src/data/batch.js";
import { StepExecutor } from "../src/runtime/train-step.js";
import { Prng } from "../src/train/prng.js";
import { twoTowerStep } from "./train-graph.js";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const steps = arg("steps", 400), B = arg("batch", 256), D = arg("dim", 16), N = 4, USERS = 5000;
const sizes = [arg("small", 10_000), arg("big", 10_000_000)];

/** A fixed pool of batches with uniform random ids over `items` rows (cycled). */
function batches(items: number, count: number, seed: number): Batch[] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, () => {
    const uid = new Int32Array(B), pos = new Int32Array(B), neg = new Int32Array(B * N);
    for (let i = 0; i < B; i++) (uid[i] = 1 + (rng.nextU32() % (USERS - 1))), (pos[i] = 1 + (rng.nextU32() % (items - 1)));
    for (let i = 0; i < B * N; i++) neg[i] = 1 + (rng.nextU32() % (items - 1));
    return { size: B, columns: { user_id: { data: uid, shape: [B] }, item_id: { data: pos, shape: [B] }, neg_item_id: { data: neg, shape: [B, N] } } };
  });
}

// one onnxruntime thread by default: on a small shared machine, spinning pool threads make timings erratic
const threads = arg("threads", 1) || undefined;

async function setup(items: number, hidden: number[]) {
  const t0 = performance.now();
  const { graph, sparse } = twoTowerStep({ users: USERS, items, dim: D, negatives: N, sparse: true, hidden });
  const model = serializeModel(emitModel(graph, { name: "bench" }));
  const ex = await StepExecutor.create({ model, signature: graph, sparse, seed: 1, threads });
  const pool = batches(items, 64, items);
  for (let i = 0; i < 20; i++) await ex.run(pool[i % pool.length], { "opt.lr": 1e-3 }); // warm-up
  console.log(`  ${items.toLocaleString("en").padStart(10)} rows: set up in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
    `(item table + Adam moments: ${((3 * items * D * 4) / 2 ** 20).toFixed(0)} MiB)`);
  return { ex, pool, times: [] as number[], next: 0 };
}

const tunables = process.env.GLIBC_TUNABLES ?? "";
console.log(`train-sparse: batch ${B}, ${N} negatives, dim ${D}, Adam, sparse mode, ${threads ?? "default"} onnxruntime thread(s); ${steps} timed steps per table`);
console.log(`GLIBC_TUNABLES ${tunables ? `is set (${tunables})` : "is not set (glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296 helps)"}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(3)} ms`;

for (const [label, hidden] of [["embeddings only", []], ["MLP towers [64, 32]", [64, 32]]] as [string, number[]][]) {
  console.log(`${label}:`);
  const runs: Awaited<ReturnType<typeof setup>>[] = [];
  for (const items of sizes) runs.push(await setup(items, hidden));
  const block = 5; // short alternating blocks: both tables see the same machine noise
  for (let done = 0; done < steps; done += block) {
    for (const r of runs) {
      for (let i = 0; i < block; i++) {
        const t = performance.now();
        await r.ex.run(r.pool[r.next++ % r.pool.length], { "opt.lr": 1e-3 });
        r.times.push(performance.now() - t);
      }
    }
  }
  const med = runs.map((r) => median(r.times));
  sizes.forEach((items, i) => {
    const t = runs[i].ex.timing, n = runs[i].ex.step;
    console.log(`  ${items.toLocaleString("en").padStart(10)} rows: median ${ms(med[i])}/step ` +
      `(mean per step: feed ${ms(t.feed / n)}, onnxruntime ${ms(t.run / n)}, write-back ${ms(t.commit / n)})`);
  });
  const ratio = med[1] / med[0];
  console.log(`  ratio ${sizes[1].toLocaleString("en")} / ${sizes[0].toLocaleString("en")} rows (medians): ${ratio.toFixed(3)} ${ratio <= 1.3 ? "(<= 1.3: ok)" : "(> 1.3)"}`);
  for (const r of runs) await r.ex.release();
}
