#!/usr/bin/env node
// Entry point of the `rech` command. glibc's malloc returns large freed blocks to the kernel and maps fresh
// ones, and first-touch memory is slow on many VMs; onnxruntime's per-step output buffers hit this hard
// (a 7x slower training step measured here); hugetlb=1 backs big embedding tables with transparent huge pages
// (fewer TLB misses on random rows). The tunables must be set before the process starts, so the
// command re-executes itself once with them (RECH_NO_MALLOC_TUNING=1 turns this off). Then it registers tsx so
// the TypeScript sources run directly, and starts the CLI.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const TUNABLES = "glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296";

if (process.platform === "linux" && !process.env.GLIBC_TUNABLES && !process.env.RECH_NO_MALLOC_TUNING) {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, GLIBC_TUNABLES: TUNABLES, RECH_PARENT_PID: String(process.pid) },
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else {
  // Re-executed: if the wrapper dies without passing a signal on (SIGKILL), stop too.
  const parent = Number(process.env.RECH_PARENT_PID);
  if (parent) setInterval(() => process.ppid !== parent && process.exit(137), 200).unref();
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
