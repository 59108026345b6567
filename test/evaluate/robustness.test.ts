// Mutated programs never make the evaluator throw: every problem is a diagnostic. Each case replaces one
// token of models.rech (with the prelude's blocks appended under other names) by a value of another kind
// or another name of the file, then loads and evaluates every model.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasErrors } from "../../src/diag/index.js";
import { checkModels, loadProgram } from "../../src/passes/model/index.js";
import { rng } from "../models/helpers.js";

const text = readFileSync(new URL("../../models.rech", import.meta.url), "utf8") + "\n" +
  readFileSync(new URL("../../prelude/std.rech", import.meta.url), "utf8").replace(/block /g, "block my_");
const tokens = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|"[^"]*"/g)];
const names = [...new Set(tokens.filter((t) => /^[A-Za-z_]/.test(t[0])).map((t) => t[0]))].sort();
const replacements = ["0", "-1", "1.5", '"x"', "[]", "[1, 2]", "true", "user_id", "embed(item_id)", "3"];

describe("evaluator robustness", () => {
  it("reports diagnostics instead of throwing on 40 mutated programs", () => {
    const r = rng(2024);
    let evaluated = 0;
    for (let k = 0; k < 40; k++) {
      const t = tokens[Math.floor(r() * tokens.length)]!;
      const by = r() < 0.5 ? replacements[Math.floor(r() * replacements.length)]! : names[Math.floor(r() * names.length)]!;
      const mutated = text.slice(0, t.index!) + by + text.slice(t.index! + t[0].length);
      const loaded = loadProgram([{ file: "m.rech", text: mutated }]);
      if (hasErrors(loaded.diagnostics)) continue;
      expect(() => checkModels(loaded.program!), `'${t[0]}' -> '${by}' at offset ${t.index}`).not.toThrow();
      evaluated++;
    }
    expect(evaluated).toBeGreaterThan(10);
  });
});
