// The rech command as a user runs it: exit codes, diagnostics, --help, --format json, compile outputs that
// pass the official ONNX checker.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helpText } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands/index.js";

const root = new URL("../..", import.meta.url).pathname;
function rech(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/rech.js"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

function hasPythonOnnx(): boolean {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import onnx"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("rech check", () => {
  it("lists the twelve models of models.rech with no diagnostics", () => {
    const r = rech("check", "models.rech");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("models.rech: 12 models");
    for (const m of ["DSSM", "FaceBookDSSM", "YoutubeDNN", "YoutubeSBC", "MIND", "GRU4Rec", "NARM", "SASRec", "SINE", "STAMP", "ComirecDR", "ComirecSA"]) {
      expect(r.out).toMatch(new RegExp(`^  ${m}\\s+[\\d,]+ parameters$`, "m"));
    }
  });

  it("reports errors with file:line:col and a caret, exit 1, and JSON on request", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-cli-"));
    const file = join(dir, "bad.rech");
    writeFileSync(file, "model M(features = nope) {\n  user { return x }\n  item { return embed(item_id) }\n}\n");
    const r = rech("check", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file.replace(/[.]/g, "\\.")}:1:\\d+: error RECH\\d{4}`));
    expect(r.err).toContain("^");
    noStack(r.err);
    const j = rech("check", file, "--format", "json");
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.out);
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics.length).toBeGreaterThan(0);
    expect(doc.diagnostics[0].code).toMatch(/^RECH\d{4}$/);
    expect(doc.diagnostics[0].span.line).toBeGreaterThanOrEqual(1);
  });

  it("a missing file and a bad option are plain messages", () => {
    const r = rech("check", "no-such.rech");
    expect(r.code).toBe(1);
    expect(r.err).toBe("rech: no-such.rech: no such file\n");
    const o = rech("check", "models.rech", "--colour");
    expect(o.code).toBe(2);
    expect(o.err).toContain("unknown option --colour");
    const f = rech("check", "models.rech", "--format", "xml");
    expect(f.code).toBe(2);
    expect(f.err).toBe('rech check: --format must be text or json, found "xml"\n');
  });
});

describe("rech --help", () => {
  it.each(Object.keys(COMMANDS))("rech %s --help lists every option", (name) => {
    const spec = COMMANDS[name]!.spec;
    const text = helpText(spec);
    expect(text).toContain(`usage: rech ${name}`);
    for (const o of spec.options) expect(text).toContain(`--${o.name}`);
  });

  it("the binary prints a command's help and exits 0", () => {
    const r = rech("train", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("usage: rech train");
    const top = rech("--help");
    expect(top.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(top.out).toContain(`  ${name} `);
  });
});

describe("rech compile", () => {
  it("writes towers and a training step that pass the ONNX checker, byte-identical across runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-compile-"));
    for (const model of ["DSSM", "YoutubeDNN"]) {
      for (const run of ["a", "b"]) {
        const r = rech("compile", "models.rech", "--model", model, "--out", join(dir, model, run), "--train-step", "--seed", "5");
        expect(r.code, r.err).toBe(0);
      }
      for (const f of ["user_tower.onnx", "item_tower.onnx", "train_step.onnx"]) {
        expect(readFileSync(join(dir, model, "a", f)).equals(readFileSync(join(dir, model, "b", f)))).toBe(true);
      }
    }
    if (!hasPythonOnnx()) {
      if (process.env.CI) throw new Error("python3-onnx is required in CI for the ONNX checker");
      console.warn("skipping the ONNX checker: /usr/bin/python3 cannot import onnx");
      return;
    }
    const files = ["DSSM", "YoutubeDNN"].flatMap((m) => ["user_tower", "item_tower", "train_step"].map((f) => join(dir, m, "a", `${f}.onnx`)));
    const out = execFileSync("/usr/bin/python3", [join(root, "scripts/onnx-check.py"), ...files], { encoding: "utf8" });
    expect(out.trim().split("\n").filter((l) => l.startsWith("ok "))).toHaveLength(6);
  });

  it("--dump-ir-after prints the IR text of a pass", () => {
    const r = rech("compile", "models.rech", "--model", "YoutubeDNN", "--out", mkdtempSync(join(tmpdir(), "rech-dump-")), "--dump-ir-after", "simplify");
    expect(r.code).toBe(0);
    expect(r.out).toContain("# user tower\nafter simplify {");
    expect(r.out).toMatch(/output user_vec = %\d+/);
  });
});
