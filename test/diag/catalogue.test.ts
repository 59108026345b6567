// The diagnostic catalogue: codes by range, templates filled from named arguments, severities.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOGUE, diag, formatMessage, hasErrors, isDiagCode } from "../../src/diag/index.js";
import { MODEL_CODES } from "../../src/diag/codes/models.js";
import { NAME_CODES } from "../../src/diag/codes/names.js";
import { SHAPE_CODES } from "../../src/diag/codes/shapes.js";
import { SYNTAX_CODES } from "../../src/diag/codes/syntax.js";
import { TYPE_CODES } from "../../src/diag/codes/types.js";

const ranges: [Record<string, unknown>, string][] = [
  [SYNTAX_CODES, "1"],
  [NAME_CODES, "2"],
  [TYPE_CODES, "3"],
  [SHAPE_CODES, "4"],
  [MODEL_CODES, "5"],
];

describe("catalogue", () => {
  it("keeps each range in its own file, codes of the form RECHnxxx", () => {
    let total = 0;
    for (const [codes, digit] of ranges) {
      for (const code of Object.keys(codes)) expect(code).toMatch(new RegExp(`^RECH${digit}\\d{3}$`));
      total += Object.keys(codes).length;
    }
    expect(Object.keys(CATALOGUE)).toHaveLength(total);
  });

  it("gives every entry a severity, a message and a summary", () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(["error", "warning"], code).toContain(entry.severity);
      expect(entry.message.length, code).toBeGreaterThan(0);
      expect(entry.summary.length, code).toBeGreaterThan(0);
    }
  });

  it("fills templates from named arguments", () => {
    expect(formatMessage("RECH1011", { close: "}", owner: "block 'mlp'", pos: "3:1", found: "'model'" })).toBe(
      "expected '}' to close block 'mlp' opened at 3:1, found 'model'",
    );
  });

  it("treats a missing template argument as a bug", () => {
    expect(() => formatMessage("RECH2003", {} as { name: string })).toThrow(/RECH2003/);
  });

  it("builds diagnostics with the catalogue's severity", () => {
    const d = diag("RECH2021", { file: "f", line: 1, col: 1, offset: 0, length: 1 }, {});
    expect(d).toEqual({
      code: "RECH2021",
      severity: "error",
      message: "statement after 'return' is never run",
      span: { file: "f", line: 1, col: 1, offset: 0, length: 1 },
    });
    expect(hasErrors([d])).toBe(true);
    expect(hasErrors([])).toBe(false);
  });

  it("documents every front-end code in docs/language.md", () => {
    const docs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../docs/language.md"), "utf8");
    const documented = new Set(docs.match(/^\| (RECH[12]\d{3}) \|/gm)?.map((row) => row.slice(2, 10)));
    expect([...documented].sort()).toEqual([...Object.keys(SYNTAX_CODES), ...Object.keys(NAME_CODES)].sort());
  });

  it("recognises codes", () => {
    expect(isDiagCode("RECH1001")).toBe(true);
    expect(isDiagCode("RECH9999")).toBe(false);
  });
});
