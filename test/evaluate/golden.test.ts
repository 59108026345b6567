// Every bad-eval fixture's rendered diagnostics must equal its .expected.txt exactly.
// Refresh after an intended change with:  UPDATE_GOLDEN=1 npx vitest run test/evaluate/golden.test.ts
// and review the diff.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_EVAL, badEvalFixtures, evalDiagnosticsText, readBadEval } from "./golden.js";

const update = process.env.UPDATE_GOLDEN === "1";

describe("bad-eval fixtures: golden evaluator diagnostics", () => {
  const files = badEvalFixtures();

  it("has fixtures, each with an expected file", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      if (!update) expect(existsSync(join(BAD_EVAL, f.replace(/\.rech$/, ".expected.txt"))), f).toBe(true);
    }
  });

  for (const f of files) {
    it(f, () => {
      const actual = evalDiagnosticsText(f, readBadEval(f));
      const expectedPath = join(BAD_EVAL, f.replace(/\.rech$/, ".expected.txt"));
      if (update) writeFileSync(expectedPath, actual);
      expect(actual.length, "a bad fixture must produce diagnostics").toBeGreaterThan(0);
      expect(actual).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(actual).toBe(readBadEval(f.replace(/\.rech$/, ".expected.txt")));
    });
  }
});
