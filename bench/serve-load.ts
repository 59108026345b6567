// Load test of the recommendation server from a second process, on localhost.
//   node --import tsx bench/serve-load.ts [--model-dir DIR] [--requests 3000] [--concurrency 16]
//        [--workers 2] [--bad-share 0.1] [--max-seconds 120] [--items 20000] [--dim 32]
// Without --model-dir it writes a synthetic model directory (hand-written ONNX tower, --items items).
// Requests are generated from the directory's model.json and vocab.json; a share of them are malformed
// (bad types, bad k, unknown fields, broken JSON) and must get 400 while everything else gets 200.
// Prints throughput and p50/p99 latency; exits 1 if any request failed or got an unexpected status.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readModelInfo } from "../src/retrieval/serve/model-dir.js";
import { writeTinyModel } from "../test/retrieval/fixtures/tiny-model.js";
import { opt } from "./common.js";

const total = Number(opt("requests", "3000"));
const concurrency = Number(opt("concurrency", "16"));
const workers = opt("workers", "2");
const badShare = Number(opt("bad-share", "0.1"));
const maxSeconds = Number(opt("max-seconds", "120"));

let tmp: string | undefined;
let dir = opt("model-dir", "");
if (!dir) {
  tmp = mkdtempSync(join(tmpdir(), "rech-serve-load-"));
  dir = writeTinyModel(tmp, { users: 1000, items: Number(opt("items", "20000")), dim: Number(opt("dim", "32")), L: 20 }).dir;
}

// ---- request generator from the model directory ----
const info = readModelInfo(dir);
let seed = 12345;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const valuesOf = (name: string): readonly string[] => info.vocab.feature(name).values;
function goodRequest(): unknown {
  const user: Record<string, unknown> = {};
  for (const inp of info.userInputs) {
    if (inp.kind === "sequence") user[inp.name] = Array.from({ length: Math.floor(rand() * (inp.dims[0]! + 3)) }, () => pick(valuesOf(inp.name)));
    else if (inp.kind === "dense") user[inp.name] = info.vocab.dense.has(inp.name) ? info.vocab.dense.get(inp.name)!.mean + (rand() - 0.5) * 4 * info.vocab.dense.get(inp.name)!.std : rand();
    else if (inp.name !== "hist_len") user[inp.name] = pick(valuesOf(inp.name));
  }
  return { user, k: 1 + Math.floor(rand() * 50), exclude_seen: rand() < 0.8 };
}
const sparse = info.userInputs.find((i) => i.kind === "sparse");
const seq = info.userInputs.find((i) => i.kind === "sequence");
const BAD: (() => string)[] = [
  () => "{this is not json",
  () => JSON.stringify({ ...(goodRequest() as object), k: 0 }),
  () => JSON.stringify({ ...(goodRequest() as object), surprise: 1 }),
  () => JSON.stringify({ k: 5 }),
  () => JSON.stringify({ user: { ...((goodRequest() as { user: object }).user), ...(seq ? { [seq.name]: "abc" } : {}), ...(sparse ? { [sparse.name]: { id: 1 } } : {}) } }),
];

// ---- server in a second process ----
const server = spawn(process.execPath, ["bin/rech.js", "serve", "--model-dir", dir, "--port", "0", "--workers", workers], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise<string>((resolve, reject) => {
  let out = "";
  server.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  server.once("exit", (code) => reject(new Error(`server exited with code ${code}`)));
});
const health = await (await fetch(`${base}/health`)).json();
console.log(`serve-load: server ${JSON.stringify(health)}`);

// ---- load ----
interface Outcome { ms: number; ok: boolean; bad: boolean }
const outcomes: Outcome[] = [];
const problems: string[] = [];
let sent = 0;
const t0 = performance.now();
async function client(): Promise<void> {
  while (sent < total && performance.now() - t0 < maxSeconds * 1000) {
    sent++;
    const bad = rand() < badShare;
    const body = bad ? pick(BAD)() : JSON.stringify(goodRequest());
    const start = performance.now();
    try {
      const res = await fetch(`${base}/recommend`, { method: "POST", body, headers: { "content-type": "application/json" } });
      const json = (await res.json()) as { items?: unknown[]; error?: string };
      const ms = performance.now() - start;
      const ok = bad ? res.status === 400 && typeof json.error === "string" : res.status === 200 && Array.isArray(json.items);
      if (!ok && problems.length < 5) problems.push(`${bad ? "malformed" : "valid"} request got ${res.status}: ${JSON.stringify(json).slice(0, 160)}`);
      outcomes.push({ ms, ok, bad });
    } catch (e) {
      outcomes.push({ ms: performance.now() - start, ok: false, bad });
      if (problems.length < 5) problems.push(`request failed: ${(e as Error).message}`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, client));
const seconds = (performance.now() - t0) / 1000;
const afterHealth = (await fetch(`${base}/health`)).status;

server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
if (tmp) rmSync(tmp, { recursive: true, force: true });

// ---- report ----
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const good = outcomes.filter((o) => !o.bad).map((o) => o.ms);
const badMs = outcomes.filter((o) => o.bad).map((o) => o.ms);
const failed = outcomes.filter((o) => !o.ok).length;
console.log(`serve-load: ${outcomes.length} requests (${badMs.length} malformed) in ${seconds.toFixed(2)} s, concurrency ${concurrency}, ${workers} workers`);
console.log(`serve-load: throughput ${(outcomes.length / seconds).toFixed(0)} req/s`);
console.log(`serve-load: valid     p50 ${pct(good, 50).toFixed(2)} ms  p99 ${pct(good, 99).toFixed(2)} ms`);
console.log(`serve-load: malformed p50 ${pct(badMs, 50).toFixed(2)} ms  p99 ${pct(badMs, 99).toFixed(2)} ms  (all answered 400: ${badMs.length > 0 && outcomes.filter((o) => o.bad).every((o) => o.ok)})`);
console.log(`serve-load: health after the run: ${afterHealth}`);
if (failed > 0 || afterHealth !== 200 || outcomes.length < total) {
  for (const p of problems) console.log(`serve-load: ${p}`);
  console.log(`serve-load: FAILED (${failed} bad outcomes, ${total - outcomes.length} not sent within ${maxSeconds} s)`);
  process.exit(1);
}
console.log("serve-load: OK (no request failed, every malformed request got 400)");
