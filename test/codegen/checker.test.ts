// Emitted models pass the official ONNX checker (onnx.checker.check_model(full_check=True)) via
// scripts/onnx-check.py. In CI the check must run; locally it is skipped when python3-onnx is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import { oneOpGraph, RUNNABLE } from "../ir/one-op.js";
import { symbolicGraph, towerWeights, userTower } from "./graphs.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("../../scripts/onnx-check.py", import.meta.url).pathname;

function onnxImportable(): boolean {
  return spawnSync(PYTHON, ["-c", "import onnx"], { stdio: "ignore" }).status === 0;
}

const available = onnxImportable();
const mustRun = Boolean(process.env.CI);
if (!available && !mustRun) console.warn("checker.test: skipped, /usr/bin/python3 cannot import onnx (install python3-onnx)");

const dir = mkdtempSync(join(tmpdir(), "rech-onnx-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  return path;
}

function check(paths: string[]): { status: number | null; lines: string[] } {
  const r = spawnSync(PYTHON, [SCRIPT, ...paths], { encoding: "utf8" });
  return { status: r.status, lines: r.stdout.trim().split("\n").filter(Boolean) };
}

describe.skipIf(!available && !mustRun)("ONNX checker (full_check)", () => {
  it("python3 can import onnx", () => {
    expect(available, "CI needs /usr/bin/python3 with python3-onnx").toBe(true);
    expect(execFileSync(PYTHON, ["-c", "import onnx; print(onnx.__version__)"], { encoding: "utf8" })).toMatch(/^\d+\.\d+/);
  });

  it("accepts towers with weights as inputs and as initializers, and symbolic-shape graphs", () => {
    const paths = [
      write("tower_inputs", serializeModel(emitModel(userTower(), { name: "user_tower" }))),
      write("tower_baked", serializeModel(emitModel(userTower(), { name: "user_tower", initializers: towerWeights(), metadata: { model: "T" } }))),
      write("symbolic", serializeModel(emitModel(symbolicGraph(), { name: "symbolic", dynamicNames: { B: "batch" } }))),
    ];
    const r = check(paths);
    expect(r.lines.filter((l) => !l.startsWith("ok "))).toEqual([]);
    expect(r.lines).toHaveLength(3);
    expect(r.status).toBe(0);
  });

  it("accepts the one-op graph of every runnable core-op case", () => {
    const paths = RUNNABLE.map((c, k) => write(`op${k}_${c.op}`, serializeModel(emitModel(oneOpGraph(c).g, { name: c.op }))));
    const r = check(paths);
    expect(r.lines.filter((l) => !l.startsWith("ok "))).toEqual([]);
    expect(r.lines).toHaveLength(RUNNABLE.length);
    expect(r.status).toBe(0);
  });

  it("reports a broken model and exits 1", () => {
    const proto = emitModel(userTower(), { name: "broken" });
    proto.graph!.node![0].input = ["emb", "no_such_value"];
    const r = check([write("broken", serializeModel(proto))]);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^FAIL .*broken\.onnx: .*no_such_value/);
  });
});
