// Exact-search throughput: queries per second for 100k x 64 and 1M x 64 random items, single queries and
// batches, next to faiss IndexFlatIP (through faiss-node) on the same data.
//   node --import tsx bench/retrieval-search.ts [--sizes 100000,1000000] [--dim 64] [--batch 256] [--k 10]
//        [--seconds 3] [--hnsw]
// Each measurement runs for about --seconds (at least one call). faiss-node timings include its
// conversion of queries and results to and from JS arrays, which is part of its API cost.
import { cpus } from "node:os";
import { ExactIndex, createIndex, faissStatus, type VectorIndex } from "../src/retrieval/index/index.js";
import { fmt, hasFlag, randomMatrix, searchOptions } from "./common.js";

const { sizes, dim, batch, k, seconds } = searchOptions("3");
const withHnsw = hasFlag("hnsw");

/**
 * Queries per second of `index.search` with `perCall` queries per call, cycling through `queries`: per
 * wall-clock second and per CPU second of this process (user + system, all threads; less sensitive to other
 * load on a shared machine).
 */
function qps(index: VectorIndex, queries: Float32Array, nQueries: number, perCall: number): { qps: number; cpuQps: number; calls: number } {
  let calls = 0;
  let done = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (calls === 0 || elapsed < seconds) {
    const q0 = (calls * perCall) % (nQueries - perCall + 1);
    index.search(queries.subarray(q0 * dim, (q0 + perCall) * dim), perCall, k);
    calls++;
    done += perCall;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpu0);
  return { qps: done / elapsed, cpuQps: done / ((cpu.user + cpu.system) / 1e6), calls };
}

function cell(r: { qps: number; cpuQps: number }): string {
  return `${fmt(r.qps).padStart(7)} [${fmt(r.cpuQps).padStart(7)}]`;
}

const faiss = faissStatus();
console.log(`retrieval-search: dim ${dim}, k ${k}, batch ${batch}, ~${seconds}s per cell; node ${process.version}, ${cpus().length} cpus, OMP_NUM_THREADS=${process.env.OMP_NUM_THREADS ?? "(unset)"}`);
if (!faiss.available) console.log(`faiss columns skipped: ${faiss.reason}`);
console.log("queries/s per wall second, in brackets per CPU second of this process");
console.log("items      index             build_s   single_qps          batch_qps");
const queries = randomMatrix(4096, dim, 99);
for (const n of sizes) {
  const items = randomMatrix(n, dim, n);
  const rows: [string, () => VectorIndex][] = [["exact (TS)", () => ExactIndex.fromVectors(dim, items, n)]];
  if (faiss.available) {
    rows.push(["faiss Flat IP", () => {
      const ix = createIndex({ kind: "faiss-flat" }, dim);
      ix.add(items, n);
      return ix;
    }]);
    if (withHnsw) {
      rows.push(["faiss HNSW32", () => {
        const ix = createIndex({ kind: "faiss-hnsw", M: 32, efConstruction: 64, efSearch: 128 }, dim);
        ix.add(items, n);
        return ix;
      }]);
    }
  }
  for (const [name, build] of rows) {
    const t0 = process.hrtime.bigint();
    const ix = build();
    const buildS = Number(process.hrtime.bigint() - t0) / 1e9;
    const single = qps(ix, queries, 4096, 1);
    const batched = qps(ix, queries, 4096, batch);
    console.log(
      `${String(n).padEnd(10)} ${name.padEnd(17)} ${buildS.toFixed(2).padStart(7)}   ${cell(single)}  ${cell(batched)}`,
    );
  }
}
