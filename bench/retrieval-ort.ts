// Exact top-k throughput in one run: queries per second for 100k x 64 and 1M x 64 random items, single queries
// and batches of 256, for onnxruntime (MatMul + TopK graph; items fed per call, or baked in as an initializer),
// the TypeScript blocked scan (blockedTopK) and faiss IndexFlatIP (faiss-node, when scripts/build-faiss.sh has
// built it).
//   node --import tsx bench/retrieval-ort.ts [--sizes 100000,1000000] [--dim 64] [--batch 256] [--k 10]
//        [--seconds 2] [--threads N]
// Each cell runs for about --seconds (at least two calls, the first one, which creates sessions, not timed).
// "build_s" is the time to make the searcher ready: session creation (and, baked, emitting the items into the
// model), index construction for faiss.
import { cpus } from "node:os";
import { createIndex, ExactIndex, faissStatus } from "../src/retrieval/index/index.js";
import { OrtExactSearch, releaseSharedSearchSessions } from "../src/retrieval/ort-search.js";
import { fmt, hasFlag, opt, randomMatrix, searchOptions } from "./common.js";

const { sizes, dim, batch, k, seconds } = searchOptions("2");
const threads = hasFlag("threads") ? Number(opt("threads", "0")) : undefined;

type SearchFn = (q: Float32Array, nq: number) => unknown;

/**
 * Queries per second of `search` with `perCall` queries per call (after one untimed warm-up call), per
 * wall-clock second and per CPU second of this process (all threads: onnxruntime's and faiss's pools run in
 * it), the latter less sensitive to other load on a shared machine.
 */
async function qps(search: SearchFn, queries: Float32Array, nQueries: number, perCall: number): Promise<{ wall: number; cpu: number }> {
  await search(queries.subarray(0, perCall * dim), perCall);
  let calls = 0;
  let elapsed = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  while (calls === 0 || elapsed < seconds) {
    const q0 = (calls * perCall) % (nQueries - perCall + 1);
    await search(queries.subarray(q0 * dim, (q0 + perCall) * dim), perCall);
    calls++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: (calls * perCall) / elapsed, cpu: (calls * perCall) / ((cpu.user + cpu.system) / 1e6) };
}

const cell = (r: { wall: number; cpu: number }): string => `${fmt(r.wall).padStart(7)} [${fmt(r.cpu).padStart(6)}]`;

const faiss = faissStatus();
console.log(`retrieval-ort: dim ${dim}, k ${k}, batch ${batch}, ~${seconds}s per cell; node ${process.version}, ` +
  `${cpus().length} cpus, onnxruntime threads ${threads ?? "default"}, OMP_NUM_THREADS=${process.env.OMP_NUM_THREADS ?? "(unset)"}`);
if (!faiss.available) console.log(`faiss column skipped: ${faiss.reason}`);
console.log("queries/s per wall-clock second, in brackets per CPU second of this process");
console.log("items      search              build_s   single_qps        batch_qps");
const queries = randomMatrix(4096, dim, 99);
for (const n of sizes) {
  const items = randomMatrix(n, dim, n);
  const rows: [string, () => Promise<{ search: SearchFn; close?: () => Promise<void> }>][] = [
    ["onnxruntime fed", async () => {
      const s = OrtExactSearch.create(items, n, dim, { threads });
      await s.search(queries, 1, k);
      return { search: (q, nq) => s.search(q, nq, k) };
    }],
    ["onnxruntime baked", async () => {
      const s = OrtExactSearch.create(items, n, dim, { bake: true, threads });
      await s.search(queries, 1, k);
      return { search: (q, nq) => s.search(q, nq, k), close: () => s.close() };
    }],
    ["blockedTopK (TS)", async () => {
      const ix = ExactIndex.fromVectors(dim, items, n);
      return { search: (q, nq) => ix.search(q, nq, k) };
    }],
  ];
  if (faiss.available) {
    rows.push(["faiss Flat IP", async () => {
      const ix = createIndex({ kind: "faiss-flat" }, dim);
      ix.add(items, n);
      return { search: (q, nq) => ix.search(q, nq, k) };
    }]);
  }
  for (const [name, build] of rows) {
    const t0 = process.hrtime.bigint();
    const s = await build();
    const buildS = Number(process.hrtime.bigint() - t0) / 1e9;
    const single = await qps(s.search, queries, 4096, 1);
    const batched = await qps(s.search, queries, 4096, batch);
    await s.close?.();
    console.log(`${String(n).padEnd(10)} ${name.padEnd(19)} ${buildS.toFixed(2).padStart(7)}   ${cell(single)}  ${cell(batched)}`);
  }
  await releaseSharedSearchSessions();
}
