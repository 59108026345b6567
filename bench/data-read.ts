// Reads, encodes and samples a 20M-row synthetic log, printing rows/second per phase and peak RSS.
// The log is written to /tmp as CSV first, streamed (never held in memory).
// Run: node --import tsx bench/data-read.ts [--rows 20000000] [--file PATH (reuse)] [--batches N] [--keep]
import { createWriteStream, existsSync, statSync, unlinkSync } from "node:fs";
import { once } from "node:events";
import { readCsvLog } from "../src/data/csv.js";
import { makeSampler, prepareMatchData } from "../src/data/prepare.js";
import { Rng } from "../src/data/rng.js";
import { TrainBatches } from "../src/data/train-batches.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const rows = Number(arg("rows") ?? 20_000_000);
const given = arg("file");
const file = given ?? `/tmp/rech-bench-${rows}.csv`;
const maxBatches = arg("batches") === undefined ? Infinity : Number(arg("batches"));
const USERS = Math.max(10, Math.round(rows / 100));
const ITEMS = Math.max(10, Math.round(rows / 400));

const mib = (kb: number) => (kb / 1024).toFixed(0);
const peak = () => process.resourceUsage().maxRSS; // kilobytes
// Wall time and CPU time (user + system) of the process since the phase began: the machine is shared, so
// the CPU-time rate is the steadier figure.
let cpu0 = process.cpuUsage();
function report(phase: string, n: number, ms: number): void {
  const c = process.cpuUsage(cpu0);
  const cpuMs = (c.user + c.system) / 1000;
  const rate = (t: number) => ((n / t) * 1000 / 1e6).toFixed(2).padStart(6);
  console.log(
    `${phase.padEnd(44)} wall ${(ms / 1000).toFixed(2).padStart(6)} s (${rate(ms)} M rows/s)  cpu ${(cpuMs / 1000).toFixed(2).padStart(6)} s (${rate(cpuMs)} M rows/s)  peak RSS ${mib(peak())} MiB`,
  );
  cpu0 = process.cpuUsage();
}

async function writeLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  const rng = new Rng(1);
  let chunk = "user_id,item_id,timestamp\n";
  const t0 = 1_500_000_000;
  for (let i = 0; i < rows; i++) {
    const u = 1 + rng.int(USERS);
    // Popularity skew: item = floor(ITEMS * x^3) puts most rows on low ids.
    const x = rng.next();
    const item = 1 + Math.floor(ITEMS * x * x * x);
    // Roughly increasing time with jitter, so some users' rows are out of order and need sorting.
    const t = t0 + i * 3 + rng.int(600);
    chunk += `${u},${item},${t}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

let t = performance.now();
cpu0 = process.cpuUsage();
if (!given) {
  await writeLog(file);
  report(`write ${file}`, rows, performance.now() - t);
} else if (!existsSync(file)) {
  throw new Error(`${file} does not exist`);
}
console.log(`file: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, ${rows} rows, ~${USERS} users, ~${ITEMS} items`);

t = performance.now();
cpu0 = process.cpuUsage();
const log = await readCsvLog(file);
report("read + encode (CSV -> typed arrays)", log.size, performance.now() - t);

t = performance.now();
const data = prepareMatchData(log);
report("timeline + leave-last-out + stats", log.size, performance.now() - t);
console.log(`training targets ${data.split.train.length}, test users ${data.split.test.user.length}`);

t = performance.now();
const sampler = makeSampler(data, { kind: "popularity", alpha: 0.75 });
const tb = new TrainBatches(data, { mode: 2, batchSize: 4096, maxLen: 50, negRatio: 3, sampler, seed: 1 });
report("sampler (alias table) + batcher setup", log.size, performance.now() - t);

t = performance.now();
let n = 0;
let b = 0;
let check = 0;
for (const batch of tb.epoch(0)) {
  n += batch.size;
  check += batch.columns.neg_item_id!.data[0]!;
  if (++b >= maxBatches) break;
}
report(`shuffle + ${b} list-wise batches (L=50, N=3)`, n, performance.now() - t);
console.log(`peak RSS ${mib(peak())} MiB (limit 4096 MiB)${peak() > 4 * 1024 * 1024 ? "  OVER THE LIMIT" : ""}  [checksum ${check}]`);
if (!given && !process.argv.includes("--keep")) unlinkSync(file);
