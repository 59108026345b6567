// SIGKILL in the middle of `rech train`, then `rech train --resume`: the final test metrics and weights equal
// those of an uninterrupted run with the same seed, and no checkpoint is ever half-written.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/rech.js");
const args = (out: string) => ["train", "models.rech", "--model", "YoutubeDNN", "--data", "builtin:small", "--epochs", "2",
  "--batch-size", "128", "--checkpoint-every", "7", "--seed", "9", "--out", out];

function lastStep(out: string): number {
  const f = join(out, "checkpoints", "last", "trainer.json");
  try {
    return JSON.parse(readFileSync(f, "utf8")).step as number;
  } catch {
    return -1;
  }
}

it("a run killed with SIGKILL mid-epoch and resumed ends exactly like an uninterrupted run", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "rech-resume-"));
  const whole = join(tmp, "whole"), killed = join(tmp, "killed");
  const a = spawnSync(process.execPath, [bin, ...args(whole)], { cwd: root, encoding: "utf8", timeout: 180_000 });
  expect(a.status, a.stderr).toBe(0);

  // 112 batches per epoch at batch 128: kill once a checkpoint inside epoch 2 exists
  // the command as users start it (it re-executes itself with malloc tunables unless they are set already)
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  const child = spawn(process.execPath, [bin, ...args(killed)], { cwd: root, stdio: "ignore", env });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (lastStep(killed) < 120 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const at = lastStep(killed);
  child.kill("SIGKILL");
  await exited;
  await new Promise((r) => setTimeout(r, 600)); // the re-executed process notices within 200 ms and stops
  expect(at).toBeGreaterThanOrEqual(120);
  expect(existsSync(join(killed, "metrics.json"))).toBe(false);

  const b = spawnSync(process.execPath, [bin, ...args(killed), "--resume"], { cwd: root, encoding: "utf8", timeout: 180_000 });
  expect(b.status, b.stderr).toBe(0);
  expect(b.stderr).toContain("resuming from");
  const ma = JSON.parse(readFileSync(join(whole, "metrics.json"), "utf8"));
  const mb = JSON.parse(readFileSync(join(killed, "metrics.json"), "utf8"));
  expect(mb.test).toEqual(ma.test);
  expect(mb.history.map((h: { loss: number }) => h.loss)).toEqual(ma.history.map((h: { loss: number }) => h.loss));
  expect(readFileSync(join(killed, "weights.bin")).equals(readFileSync(join(whole, "weights.bin")))).toBe(true);
});
