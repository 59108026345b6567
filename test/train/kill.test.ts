// SIGKILL in the middle of an epoch, then --resume: the final weights equal an uninterrupted run's.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/train/checkpoint.js";
import { train } from "../../src/train/loop.js";
import { KILL_SETUP } from "./kill-setup.js";
import { snapshot, ToyBatches, toyExecutor } from "./toy.js";

const child = fileURLToPath(new URL("./kill-child.ts", import.meta.url));
const root = fs.mkdtempSync(join(tmpdir(), "rech-kill-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs the child; with `killAt`, sends SIGKILL once it reports that step. Resolves with its stdout and signal. */
function runChild(dir: string, resume: boolean, killAt?: number): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PAUSE_AT: String(killAt ?? -1) };
    const p = spawn(process.execPath, ["--import", "tsx", child, dir, resume ? "resume" : "fresh"], { stdio: ["ignore", "pipe", "pipe"], env });
    let out = "", err = "";
    p.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /step (\d+)\n$/.exec(out);
      if (killAt !== undefined && m && Number(m[1]) >= killAt && p.exitCode === null) p.kill("SIGKILL");
    });
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("close", (code, signal) => (code === 0 || signal ? resolve({ out, signal }) : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

describe("SIGKILL and --resume", () => {
  it("ends with the same weights as an uninterrupted run", async () => {
    const perEpoch = Math.ceil(KILL_SETUP.rows / KILL_SETUP.batch);
    const dir = join(root, "killed");
    const killed = await runChild(dir, false, 17);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toContain("done");
    const saved = JSON.parse(readCheckpoint(join(dir, "last")).files["trainer.json"].toString());
    expect(killed.out).toMatch(/step 17\n$/);
    expect(saved.step).toBe(14); // checkpoints every 7 steps
    expect(perEpoch).toBe(38);
    expect(saved.batch).toBe(saved.step); // mid-epoch 1

    const resumed = await runChild(dir, true);
    expect(resumed.out).toMatch(new RegExp(`^step ${saved.step + 1}\\n`));
    expect(resumed.out).toContain(`done ${2 * perEpoch}`);

    const ex = await toyExecutor(KILL_SETUP.model);
    const ref = await train({
      ...KILL_SETUP.loop(join(root, "ref")),
      batches: new ToyBatches(KILL_SETUP.rows, KILL_SETUP.model.rows, KILL_SETUP.batch, 21),
      executor: ex,
    });
    const final = readCheckpoint(join(dir, "last"));
    const want = snapshot(ex);
    expect(final.tensors.map((t) => t.name).sort()).toEqual(Object.keys(want).sort());
    for (const t of final.tensors) expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(want[t.name].buffer)), t.name).toBe(true);
    const state = JSON.parse(final.files["trainer.json"].toString());
    expect(state.history).toEqual(ref.history);
    expect(state.curve).toEqual(ref.state.curve);
  }, 30_000);
});
